"""Options and helpers shared by the commands."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from graph.stores import Store, open_store

console = Console(stderr=True, soft_wrap=True)

StoreOption = Annotated[
    Path | None,
    typer.Option("--store", help="Store folder (default: $DKG_STORE, else ./dkg-data).", show_default=False),
]
BackendOption = Annotated[
    str | None,
    typer.Option("--backend", help="oxigraph (default, embedded), memory, neo4j or sparql; or $DKG_BACKEND."),
]
EndpointOption = Annotated[
    str | None,
    typer.Option("--endpoint", help="SPARQL endpoint URL for --backend sparql (or $DKG_SPARQL_ENDPOINT)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for programs.")]


def parse_date(value: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option value, or a usage error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2025-01-27", param_hint=option) from None


def store_options(endpoint: str | None) -> dict[str, Any]:
    """Backend options given on the command line (only the ones given)."""
    return {"endpoint": endpoint} if endpoint else {}


def open_for_reading(store: Path | None, backend: str | None, endpoint: str | None = None) -> Store:
    if endpoint and not backend:
        backend = "sparql"
    return open_store(backend, store, read_only=True, **store_options(endpoint))


def print_json(value: Any) -> None:
    """JSON on stdout, Chinese kept readable (no \\u escapes)."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
