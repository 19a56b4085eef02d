"""``dkg cypher``: a read-only Cypher query on the Neo4j backend."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from dkg.cli import app
from dkg.cli.common import JsonOption, console, lazy_module, print_json
from graph.stores import open_store

neo4j_store = lazy_module("graph.stores.neo4j")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _query_text(query: str) -> str:
    path = Path(query)
    if len(query) < 4096 and path.suffix in (".cypher", ".cql", ".txt") and path.is_file():
        return path.read_text(encoding="utf-8")
    return query


def parse_param(text: str) -> tuple[str, Any]:
    """A ``NAME=VALUE`` option as a Cypher parameter: a date, a JSON value, or else the text.

    Examples
    --------
    >>> parse_param("day=2025-01-20")
    ('day', datetime.date(2025, 1, 20))
    >>> parse_param('names=["王华", "李明"]')
    ('names', ['王华', '李明'])
    >>> parse_param("name=王华")
    ('name', '王华')
    """
    name, equals, value = text.partition("=")
    if not equals or not _PARAM_NAME.match(name):
        raise typer.BadParameter(f"{text!r} is not NAME=VALUE (NAME as in $NAME of the query)", param_hint="--param")
    if _ISO_DATE.match(value):
        try:
            return name, dt.date.fromisoformat(value)
        except ValueError:
            pass
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def _print_table(rows: list[dict[str, Any]]) -> None:
    table = Table()
    for column in rows[0] if rows else []:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    Console().print(table)
    console.print(f"{len(rows)} rows")


@app.command()
def cypher(
    query: Annotated[str, typer.Argument(help="A Cypher query, or the path of a .cypher file holding one.")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE for $NAME in the query; VALUE is a date (YYYY-MM-DD), "
                     "JSON, or else text. Repeat for several."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Run a read-only Cypher query on the Neo4j backend; updates are refused.

    The server: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE.
    CREATE, MERGE, SET, DELETE, REMOVE, DROP, LOAD CSV and CALL of a
    procedure that may write are refused before the query is sent, and
    the query runs in a read transaction. Nodes come back as their ids.
    """
    text = _query_text(query)
    neo4j_store.check_read_only_cypher(text)
    params = dict(parse_param(item) for item in param or [])
    with open_store("neo4j") as store:
        rows = store.query(text, params)
    if as_json:
        print_json(rows)
    else:
        _print_table(rows)
