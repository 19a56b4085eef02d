"""``dkg stats`` and ``dkg sparql``: look into a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from dkg.cli import app
from dkg.cli.common import (
    BackendOption,
    EndpointOption,
    JsonOption,
    StoreOption,
    console,
    open_for_reading,
    print_json,
)


@app.command()
def stats(store: StoreOption = None, backend: BackendOption = None, endpoint: EndpointOption = None,
          as_json: JsonOption = False) -> None:
    """Count nodes per node type and edges per relation type."""
    with open_for_reading(store, backend, endpoint) as graph_store:
        counts = graph_store.stats()
    if as_json:
        print_json(counts)
        return
    for section, values in counts.items():
        table = Table(title=section)
        table.add_column("type")
        table.add_column("count", justify="right")
        for name, count in values.items():
            table.add_row(name, str(count))
        console.print(table)


@app.command()
def sparql(
    query: Annotated[str, typer.Argument(help="A SPARQL query, or the path of a file holding one.")],
    store: StoreOption = None,
    backend: BackendOption = None,
    endpoint: EndpointOption = None,
    as_json: JsonOption = False,
) -> None:
    """Run a read-only SPARQL query; updates are refused. The schema's prefixes are predeclared."""
    text = _query_text(query)
    with open_for_reading(store, backend, endpoint) as graph_store:
        rows = graph_store.query(text)
    if as_json:
        print_json(rows)
        return
    table = Table()
    for column in rows[0] if rows else []:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    console.print(table)
    console.print(f"{len(rows)} rows")


def _query_text(query: str) -> str:
    """The query itself, or the text of the file it names."""
    try:
        path = Path(query)
        if path.is_file():
            return path.read_text(encoding="utf-8")
    except OSError:  # too long or otherwise no file name: it is the query itself
        pass
    return query
