"""``dkg query ...``: the research queries on the command line, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

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
from graph.schema import load_schema
from graph.stores.base import Store

queries = lazy_module("graph.queries")
analytics = lazy_module("graph.analytics")

query_app = typer.Typer(
    name="query",
    help="Research queries: who attended what, who appeared with whom, who held which post when.",
    epilog=("Examples: dkg query attendees --date 2025-01-20 · dkg query events --person NAME --from 2025-01-01 "
            "--json · dkg query coattendees NAME --min 2 --csv · dkg query holders 区委书记 · "
            "dkg query rank --org ORG · dkg query path NAME OTHER"),
    no_args_is_help=True,
)
app.add_typer(query_app)


CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV (UTF-8, several values joined with |).")]
FromOption = Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.", show_default=False)]
ToOption = Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.", show_default=False)]
OrgOption = Annotated[
    str | None, typer.Option("--org", help="Organisation (name, alias or id) that organised or signed at the events.")
]
TypeOption = Annotated[
    str | None, typer.Option("--type", help="Event type: meeting, ceremony, reception, visit, inspection ...")
]


def _event_type(value: str | None) -> str | None:
    allowed = load_schema().node("Event").properties["event_type"].values
    if value is not None and allowed and value not in allowed:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(allowed)}", param_hint="--type")
    return value


def _period(date_from: str | None, date_to: str | None) -> dict[str, dt.date | None]:
    return {"date_from": parse_date(date_from, "--from"), "date_to": parse_date(date_to, "--to")}


def _item(value: Any) -> str:
    if isinstance(value, dict):
        name = value.get("event") or value.get("name") or value.get("id") or ""
        return f"{name} ({_cell(value['date'])})" if value.get("date") else str(name)
    return _cell(value)


def _cell(value: Any, joiner: str = ", ") -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list):
        return joiner.join(_item(v) for v in value)
    return str(value)


def _columns(records: Sequence[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(key for record in records for key in record))


def emit(records: Sequence[dict[str, Any]], *, as_json: bool, as_csv: bool, table_columns: Sequence[str] = (),
         title: str = "", empty: str = "no results") -> None:
    """Print records as JSON, CSV or a table (the table shows ``table_columns`` when given)."""
    if as_json and as_csv:
        raise typer.BadParameter("choose one of --json and --csv")
    if as_json:
        print_json(list(records))
    elif as_csv:
        writer = csv.writer(sys.stdout)
        columns = _columns(records)
        writer.writerow(columns)
        for record in records:
            writer.writerow([_cell(record.get(c), "|") for c in columns])
    elif records:
        columns = list(table_columns) or _columns(records)
        table = Table(title=title or None)
        for column in columns:
            table.add_column(column, overflow="fold")
        for record in records:
            table.add_row(*(_cell(record.get(c)) for c in columns))
        Console(soft_wrap=False).print(table)  # made now: it reads the width ($COLUMNS) when made
    if not records:
        console.print(empty)


def _run(store: Store | None, backend: str | None, ask: Callable[[Store], Any]) -> Any:
    with open_for_reading(store, backend) as graph_store:
        return ask(graph_store)


def _no_person(graph_store: Store, name: str) -> str:
    if queries.lookup(graph_store, name, types="Person"):
        return "no results"
    return f"no person called {name!r}; try `dkg query search {name}`"


@query_app.command()
def attendees(
    event: Annotated[str | None, typer.Argument(help="An event id or name.", show_default=False)] = None,
    date: Annotated[str | None, typer.Option("--date", help="The events of this day, YYYY-MM-DD.")] = None,
    date_from: FromOption = None, date_to: ToOption = None, event_type: TypeOption = None, org: OrgOption = None,
    store: StoreOption = None, backend: BackendOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """Who attended an event (EVENT, or --date D [--type T]): protocol order, roles, the sentence quoted."""
    if not any((event, date, date_from, date_to, org)):
        raise typer.BadParameter("give an EVENT (id or name), or --date, --from/--to or --org")
    filters = {"date": parse_date(date, "--date"), **_period(date_from, date_to), "type": _event_type(event_type),
               "org": org}
    records = _run(store, backend, lambda s: queries.attendees(s, event, **filters))
    emit(records, as_json=as_json, as_csv=as_csv,
         table_columns=("date", "event", "order", "name", "roles", "sentence", "person_id"))


@query_app.command()
def events(
    person: Annotated[str, typer.Option("--person", help="A person's name, alias or id.", show_default=False)],
    date_from: FromOption = None, date_to: ToOption = None, event_type: TypeOption = None, org: OrgOption = None,
    store: StoreOption = None, backend: BackendOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """A person's events, newest first, with roles and protocol order."""
    filters = {**_period(date_from, date_to), "type": _event_type(event_type), "org": org}
    with open_for_reading(store, backend) as graph_store:
        records = queries.events(graph_store, person, **filters)
        empty = "no results" if records else _no_person(graph_store, person)
    emit(records, as_json=as_json, as_csv=as_csv, empty=empty,
         table_columns=("date", "event", "event_type", "roles", "order", "name", "person_id"))


@query_app.command()
def coattendees(
    person: Annotated[str, typer.Argument(help="A person's name, alias or id.", show_default=False)],
    date_from: FromOption = None, date_to: ToOption = None,
    min_count: Annotated[int, typer.Option("--min", min=1, help="Only people met at least N times.")] = 1,
    store: StoreOption = None, backend: BackendOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """Who attended the same events as a person: how often, and which events."""
    with open_for_reading(store, backend) as graph_store:
        records = queries.coattendees(graph_store, person, **_period(date_from, date_to), min_count=min_count)
        empty = "no results" if records else _no_person(graph_store, person)
    emit(records, as_json=as_json, as_csv=as_csv, empty=empty,
         table_columns=("name", "count", "events", "coattendee_id", "person"))


@query_app.command()
def positions(
    person: Annotated[str, typer.Argument(help="A person's name, alias or id.", show_default=False)],
    store: StoreOption = None, backend: BackendOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """The posts a person was seen holding, with the first and last days seen and the sources."""
    with open_for_reading(store, backend) as graph_store:
        records = queries.positions(graph_store, person)
        empty = "no results" if records else _no_person(graph_store, person)
    emit(records, as_json=as_json, as_csv=as_csv, empty=empty,
         table_columns=("name", "title", "organization", "first_seen", "last_seen", "observations", "person_id"))


@query_app.command()
def holders(
    post_or_org: Annotated[str, typer.Argument(help="A post title or id, or an organisation name, alias or id.",
                                               show_default=False)],
    store: StoreOption = None, backend: BackendOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """Who held a post over time, or the posts of an organisation (and its units) and their holders."""
    records = _run(store, backend, lambda s: queries.holders(s, post_or_org))
    emit(records, as_json=as_json, as_csv=as_csv,
         table_columns=("organization", "title", "name", "first_seen", "last_seen", "observations"))


@query_app.command()
def timeline(
    date_from: FromOption = None, date_to: ToOption = None, org: OrgOption = None, event_type: TypeOption = None,
    store: StoreOption = None, backend: BackendOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """Events by day."""
    filters = {**_period(date_from, date_to), "org": org, "type": _event_type(event_type)}
    records = _run(store, backend, lambda s: queries.timeline(s, **filters))
    emit(records, as_json=as_json, as_csv=as_csv)


@query_app.command()
def rank(
    org: Annotated[str | None, typer.Option("--org", help="Rank the holders of posts in this organisation.")] = None,
    date_from: FromOption = None, date_to: ToOption = None, event_type: TypeOption = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Show the first N.")] = None,
    store: StoreOption = None, backend: BackendOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """Protocol-order ranking of officials (Bradley-Terry on who is listed before whom)."""
    filters = {"org": org, **_period(date_from, date_to), "type": _event_type(event_type)}
    records = _run(store, backend, lambda s: queries.rank(s, **filters))
    emit(records[:limit] if limit else records, as_json=as_json, as_csv=as_csv)


@query_app.command()
def path(
    start: Annotated[str, typer.Argument(metavar="A", help="A node id or name.", show_default=False)],
    end: Annotated[str, typer.Argument(metavar="B", help="A node id or name.", show_default=False)],
    max_hops: Annotated[int, typer.Option("--max-hops", min=1, max=12, help="Give up beyond N edges.")] = 8,
    store: StoreOption = None, backend: BackendOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """The shortest connection between A and B through events, posts and organisations."""
    records = _run(store, backend, lambda s: queries.path(s, start, end, max_hops=max_hops))
    emit(records, as_json=as_json, as_csv=as_csv, empty=f"no connection within {max_hops} steps")


@query_app.command()
def search(
    text: Annotated[str, typer.Argument(help="Text that a name, alias, title or headline contains.")],
    types: Annotated[list[str] | None, typer.Option("--type", help="Only nodes of this type (repeatable).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most N results.")] = 20,
    store: StoreOption = None, backend: BackendOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """Find nodes (people, organisations, posts, events, articles ...) by a piece of their name."""
    records = _run(store, backend, lambda s: queries.search(s, text, types=types, limit=limit))
    emit(records, as_json=as_json, as_csv=as_csv)


@query_app.command()
def catalogue(
    types: Annotated[list[str] | None, typer.Option("--type", help="Only nodes of this type (repeatable).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="At most N entries.")] = 1000,
    store: StoreOption = None, backend: BackendOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """The named nodes, each once with its aliases: people first, then organisations, places, events ..."""
    records = _run(store, backend, lambda s: queries.catalogue(s, types=types, limit=limit))
    emit(records, as_json=as_json, as_csv=as_csv, table_columns=("type", "name", "aliases", "id"))


@query_app.command()
def neighbourhood(
    node_id: Annotated[str, typer.Argument(help="A node id (find one with `dkg query search`).")],
    hops: Annotated[int, typer.Option("--hops", min=1, max=3, help="How far to go.")] = 1,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most N nodes.")] = 200,
    store: StoreOption = None, backend: BackendOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """The nodes and edges around one node (--json for both; the table and CSV list the edges)."""
    view = _run(store, backend, lambda s: queries.neighbourhood(s, node_id, hops=hops, limit=limit))
    if as_json:
        print_json(view.as_dict())
        return
    captions = {n["id"]: n["caption"] for n in view.nodes()}
    edges = [{"source": captions[e["source"]], "relation": e["type"], "target": captions[e["target"]], **e}
             for e in view.edges()]
    emit(edges, as_json=False, as_csv=as_csv, table_columns=("source", "relation", "target", "sentence"))
    if view.truncated:
        console.print(f"cut at {limit} nodes: raise --limit to see more")


@query_app.command()
def network(
    date_from: FromOption = None, date_to: ToOption = None, org: OrgOption = None, event_type: TypeOption = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the community detection.")] = 0,
    store: StoreOption = None, backend: BackendOption = None, as_json: JsonOption = False, as_csv: CsvOption = False,
) -> None:
    """The co-attendance network: each person's events, degree, betweenness and community."""
    filters = {**_period(date_from, date_to), "org": org, "type": _event_type(event_type)}
    records = _run(store, backend, lambda s: queries.attendees(s, **filters))
    emit(analytics.network_table(analytics.coattendance_graph(records), seed=seed), as_json=as_json, as_csv=as_csv)
