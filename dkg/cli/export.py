"""``dkg export``: write the graph, or part of it, as RDF, GraphML, GEXF, CSV or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dkg.cli import app
from dkg.cli.common import (
    BackendOption,
    JsonOption,
    StoreOption,
    console,
    lazy_module,
    open_for_reading,
    parse_date,
    print_json,
)
from graph.export import FORMATS, write

selection = lazy_module("graph.export.selection")

_FORMAT_HELP = "; ".join(f"{name}: {spec.summary}" for name, spec in FORMATS.items())


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="The file to write (a folder for csv and neo4j-csv).")],
    format_name: Annotated[str, typer.Option("--format", "-f", help=_FORMAT_HELP)] = "turtle",
    date_from: Annotated[str | None, typer.Option("--from", help="Only the events from this day on.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Only the events up to this day.")] = None,
    person: Annotated[str | None, typer.Option("--person", help="Only the graph around this person.")] = None,
    hops: Annotated[int, typer.Option("--hops", min=1, max=4, help="How far from --person to go.")] = 1,
    pinyin: Annotated[bool, typer.Option("--pinyin", help="Add pinyin names for tools without Chinese.")] = False,
    store: StoreOption = None,
    backend: BackendOption = None,
    as_json: JsonOption = False,
) -> None:
    """Export the graph: the whole store, a period (--from/--to) or around a person (--person, --hops)."""
    if format_name not in FORMATS:
        raise typer.BadParameter(f"{format_name!r} is not one of {', '.join(FORMATS)}", param_hint="--format")
    period = {"date_from": parse_date(date_from, "--from"), "date_to": parse_date(date_to, "--to")}
    with open_for_reading(store, backend) as graph_store:
        batch = selection.select(graph_store, person=person, hops=hops, **period)
    result = write(batch, format_name, out, pinyin=pinyin)
    if as_json:
        print_json(result.as_dict())
        return
    console.print(f"wrote {result.nodes} nodes and {result.edges} edges as {format_name} to {out}"
                  + (f" ({len(result.paths)} files)" if len(result.paths) > 1 else ""))
