"""``dkg backup`` and ``dkg restore``: snapshots of the embedded store."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from dkg.cli import app
from dkg.cli.common import StoreOption, console, lazy_module
from dkg.errors import StoreError
from graph.stores import default_store_path

oxigraph = lazy_module("graph.stores.oxigraph")

NQUADS_SUFFIXES = (".nq", ".nq.gz")


@app.command()
def backup(
    out: Annotated[Path, typer.Argument(help="A new folder (a store snapshot), or a file ending .nq or .nq.gz.")],
    store: StoreOption = None,
) -> None:
    """Take a consistent snapshot of the embedded store; safe while an ingest writes."""
    with oxigraph.OxigraphStore(default_store_path(store), read_only=True) as source:
        if out.name.endswith(NQUADS_SUFFIXES):
            source.dump_nquads(out)
        else:
            source.backup(out)
        counts = source.stats()
    console.print(f"backed up {sum(counts['nodes'].values())} nodes and "
                  f"{sum(counts['relations'].values())} edges to {out}", highlight=False)


@app.command()
def restore(
    source: Annotated[Path, typer.Argument(help="A backup folder or an .nq/.nq.gz dump.", exists=True)],
    store: StoreOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a store that already holds a graph.")] = False,
) -> None:
    """Restore the embedded store from a backup; the old store is replaced only when all went well."""
    target = default_store_path(store)
    if (target / "oxigraph").exists() and not force:
        raise StoreError(f"{target} already holds a store; pass --force to replace it, or choose another --store")
    staging = target.with_name(target.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    if source.is_dir():
        with oxigraph.OxigraphStore(source, read_only=True) as snapshot:
            snapshot.backup(staging)
    else:
        with oxigraph.OxigraphStore(staging) as fresh:
            fresh.load_nquads(source)
    _swap(staging, target)
    with oxigraph.OxigraphStore(target, read_only=True) as restored:
        counts = restored.stats()
    console.print(f"restored {sum(counts['nodes'].values())} nodes and "
                  f"{sum(counts['relations'].values())} edges into {target}", highlight=False)


def _swap(staging: Path, target: Path) -> None:
    """Put the staged store in place of the target; the old one goes only at the end."""
    retired = target.with_name(target.name + ".old")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
