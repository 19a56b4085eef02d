"""Options and helpers shared by the commands."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import os
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

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


class _LazyModule(ModuleType):
    """A stand-in that imports the module it names when an attribute of it is first asked for."""

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self.__name__), attribute)


def lazy_module(name: str) -> ModuleType:
    """The module ``name``, imported when the command first uses it.

    The commands name their rooms this way, so that ``dkg --help`` and each command load only
    what that command uses: the extraction pipeline, the queries and the stores take about a
    second to import together.
    """
    return _LazyModule(name)


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


def backend_for(backend: str | None, endpoint: str | None) -> str | None:
    """The backend asked for: ``--endpoint`` alone means the SPARQL server backend.

    >>> backend_for(None, "http://localhost:7878"), backend_for("neo4j", None), backend_for(None, None)
    ('sparql', 'neo4j', None)
    """
    return backend or ("sparql" if endpoint else None)


def open_for_reading(store: Path | None, backend: str | None, endpoint: str | None = None) -> Store:
    return open_store(backend_for(backend, endpoint), store, read_only=True, **store_options(endpoint))


class LineProgress:
    """Progress for logs: when stderr is not a terminal, one plain line per task now and then.

    It offers the part of :class:`rich.progress.Progress` the commands use, so a long run under
    ``nohup`` or a scheduler still says how far it got.

    >>> import io
    >>> out = Console(file=io.StringIO(), width=100)
    >>> with LineProgress(out, every=0) as progress:
    ...     files = progress.add_task("ingest", total=2)
    ...     progress.advance(files)
    >>> print(out.file.getvalue().strip())
    ingest: 1/2 (0:00:00)
    ingest: 1/2 (0:00:00)
    """

    def __init__(self, out: Console, every: float = 10.0) -> None:
        self._out, self._every = out, every
        self._tasks: list[dict[str, Any]] = []
        self._started = time.monotonic()

    def __enter__(self) -> LineProgress:
        return self

    def __exit__(self, *_: object) -> None:
        for task in range(len(self._tasks)):
            self._print(task)

    def add_task(self, description: str, total: float | None = None, visible: bool = True) -> int:
        self._tasks.append({"description": description, "total": total, "completed": 0, "visible": visible,
                            "printed": time.monotonic()})
        return len(self._tasks) - 1

    def advance(self, task: int, advance: float = 1) -> None:
        self.update(task, completed=self._tasks[task]["completed"] + advance)

    def update(self, task: int, completed: float | None = None, total: float | None = None,
               visible: bool | None = None) -> None:
        state = self._tasks[task]
        for key, value in (("completed", completed), ("total", total), ("visible", visible)):
            if value is not None:
                state[key] = value
        if time.monotonic() - state["printed"] >= self._every:
            self._print(task)

    def _print(self, task: int) -> None:
        state = self._tasks[task]
        if not state["visible"]:
            return
        state["printed"] = time.monotonic()
        total = f"/{state['total']:g}" if state["total"] is not None else ""
        elapsed = dt.timedelta(seconds=int(state["printed"] - self._started))
        self._out.print(f"{state['description']}: {state['completed']:g}{total} ({elapsed})", highlight=False)


def progress_display() -> Progress | LineProgress:
    """Bars on a terminal; elsewhere (a log file, a pipe) a line every $DKG_PROGRESS_SECONDS (10)."""
    if console.is_terminal:
        return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=console, transient=True)
    every = os.environ.get("DKG_PROGRESS_SECONDS", "10")
    try:
        return LineProgress(console, every=float(every))
    except ValueError:
        raise typer.BadParameter(f"$DKG_PROGRESS_SECONDS is {every!r}, not a number of seconds") from None


def print_json(value: Any) -> None:
    """JSON on stdout, Chinese kept readable (no \\u escapes)."""
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
