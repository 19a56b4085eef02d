"""``dkg explain NODE``: why a node exists, what was merged into it, and the sentences behind it."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from dkg.cli import app
from dkg.cli.common import (
    BackendOption,
    EndpointOption,
    JsonOption,
    StoreOption,
    console,
    lazy_module,
    open_for_reading,
    print_json,
)
from dkg.errors import DkgError

identity = lazy_module("graph.queries.identity")
resolution = lazy_module("loaders.resolution")

stdout = Console(soft_wrap=True, highlight=False)

LimitOption = Annotated[int, typer.Option("--limit", min=1, help="Quotes shown per section (JSON gives all).")]


def jurisdiction_basis(record: dict[str, Any]) -> str:
    """Why a person node has its jurisdiction, read from its posts and the publications that named it."""
    jurisdiction = record["key"].get("jurisdiction") or ""
    places = resolution.load_jurisdictions()
    posts = sorted({f"{p['title']} ({p['organization']})" if p["organization"] else p["title"]
                    for p in record["posts"]
                    if places.of_post(p["organization"], p["title_as_written"] or p["title"]) == jurisdiction})
    if posts:
        return f"the jurisdiction of its posts: {', '.join(posts)}"
    if any(edge["relation"] in ("WROTE", "PHOTOGRAPHED") for edge in record["other_edges"]):
        return f"a journalist belongs to the publication ({jurisdiction})"
    publications = {m["publication"] for m in record["mentions"] if m["publication"]}
    if any(places.of_publication(None, p) == jurisdiction for p in publications):
        return "a bare name, kept in the jurisdiction of the publication that named it"
    return "a bare name, lifted to the one namesake with a post in a jurisdiction containing the publication's"


def _quote(source: dict[str, Any]) -> str:
    day = source.get("issue_date")
    day = day.isoformat() if isinstance(day, dt.date) else (day or "")
    where = " ".join(part for part in (day, f"《{source['article']}》" if source.get("article") else "") if part)
    sentence = (source.get("sentence") or "").strip()
    return escape(f"“{sentence}” — {where}" if where else f"“{sentence}”")


def _print_mentions(record: dict[str, Any], limit: int) -> None:
    mentions = record["mentions"]
    if not mentions:
        return
    per_publication = Counter(m["publication"] or "?" for m in mentions)
    stdout.print(f"  named in {len({m['article_id'] for m in mentions})} articles "
                 f"({', '.join(f'{p}: {n}' for p, n in sorted(per_publication.items()))}):")
    by_name: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for mention in mentions:
        for name in mention["names"] or ["(another writing)"]:
            by_name[name].append(mention)
    for name in sorted(by_name, key=lambda n: (n not in record["names"][:1], n)):
        stdout.print(f"    as {escape(name)} ({len(by_name[name])}):")
        for mention in by_name[name][:limit]:
            stdout.print(f"      {_quote(mention)}")


def _print_posts(record: dict[str, Any], limit: int) -> None:
    by_post: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for post in record["posts"]:
        by_post[post["post_id"]].append(post)
    if by_post:
        stdout.print("  posts:")
    for observations in by_post.values():
        first = observations[0]
        days = sorted(o["seen_on"] for o in observations if o["seen_on"])
        span = f"first seen {days[0]}, last seen {days[-1]}, " if days else ""
        label = f"{first['title']} · {first['organization']}" if first["organization"] else first["title"]
        stdout.print(f"    {escape(label)}: {span}{len(observations)} observations")
        for observation in observations[:limit]:
            stdout.print(f"      {_quote(observation)}")


def _print_events(record: dict[str, Any], limit: int) -> None:
    events = record["events"]
    if events:
        stdout.print(f"  events ({len(events)}):")
    for event in events[:limit]:
        roles = ", ".join(event["roles"] or [])
        order = f", order {event['order']}" if event["order"] else ""
        name = escape(event["event"] or event["event_id"])
        stdout.print(f"    {name} ({roles or 'attended'}{order}): {_quote(event)}")


def _print_succession(record: dict[str, Any]) -> None:
    for post in record.get("succession", []):
        stdout.print("  holders over time:")
        for holder in post["holders"]:
            stdout.print(f"    {escape(holder['name'])}: {holder['first_seen']} .. {holder['last_seen']} "
                         f"({holder['observations']} observations)")
        for change in post["changes"]:
            stdout.print(f"    change: {escape(change['from'])} last seen {change['last_seen']}, "
                         f"{escape(change['to'])} first seen {change['first_seen']}")


def _print_other(record: dict[str, Any], limit: int) -> None:
    links = record["possibly_same"]
    if links:
        stdout.print("  possibly the same as:")
    for link in links:
        stdout.print(f"    {escape(link['name'] or '')} ({link['person_id']}): {escape(link['reason'] or '')}")
    by_relation = Counter((e["relation"], e["direction"]) for e in record["other_edges"])
    for (relation, direction), count in sorted(by_relation.items()):
        edges = [e for e in record["other_edges"] if (e["relation"], e["direction"]) == (relation, direction)]
        arrow = "→" if direction == "out" else "←"
        names = ", ".join(sorted({str(e.get("other") or e["other_id"]) for e in edges})[:limit])
        stdout.print(f"  {arrow} {relation} ({count}): {escape(names)}")


def _corrections_of(record: dict[str, Any], store: Path | None, given: Path | None) -> list[str]:
    """The entries of the corrections files (the store folder's, $DKG_CORRECTIONS, ``given``) that name this node."""
    try:
        fixes = resolution.load_corrections(resolution.corrections_paths(given, store))
    except DkgError:  # a broken corrections file is ingest's to report, not explain's
        return []
    names = set(record["names"])
    found = [f"same person: keep {k[0]}@{k[1]}, merge {', '.join(f'{n}@{j}' for n, j in merged)}"
             for k, merged in fixes.same_persons if names & {k[0], *(n for n, _ in merged)}]
    found += [f"every {name} is {name}@{place}" for name, place in fixes.person_jurisdictions.items() if name in names]
    found += [f"different persons: {a[0]}@{a[1]}, {b[0]}@{b[1]}" for a, b in fixes.different_persons
              if names & {a[0], b[0]}]
    found += [f"alias {alias} is {owner}" for _, alias, owner in fixes.aliases if names & {alias, owner}]
    found += [f"alias {alias} is not {owner}" for _, alias, owner in fixes.not_aliases if names & {alias, owner}]
    return found


def _print_record(record: dict[str, Any], limit: int) -> None:
    key = ", ".join(f"{k}={v}" for k, v in record["key"].items() if v not in (None, ""))
    stdout.print(f"[bold]{record['type']} {escape(record['caption'])}[/bold] ({record['id']})")
    stdout.print(f"  exists as the one {record['type']} of its key: {escape(key)}")
    if record["type"] == "Person":
        stdout.print(f"  jurisdiction: {escape(jurisdiction_basis(record))}")
    if len(record["names"]) > 1:
        stdout.print(f"  names merged into it: {escape(', '.join(record['names']))}")
    for entry in record.get("corrections", []):
        stdout.print(f"  correction: {escape(entry)}")
    _print_mentions(record, limit)
    _print_posts(record, limit)
    _print_events(record, limit)
    _print_succession(record)
    _print_other(record, limit)


@app.command()
def explain(
    node: Annotated[str, typer.Argument(help="A node id, or a name, alias, post title or headline.")],
    every: Annotated[bool, typer.Option("--all", help="Explain every matching node, not only a single one.")] = False,
    limit: LimitOption = 3,
    corrections: Annotated[Path | None, typer.Option(
        "--corrections", help="Also show the entries of this corrections file that name the node.",
        show_default=False)] = None,
    store: StoreOption = None,
    backend: BackendOption = None,
    endpoint: EndpointOption = None,
    as_json: JsonOption = False,
) -> None:
    """Why a node exists (its type and key), what was merged into it, and the sentences that said so.

    A person: the basis of its jurisdiction, its names and the sentences that named it, its posts and events.

    Also its POSSIBLY_SAME namesakes with the reason; a post shows its holders over time.

    When several nodes match, they are listed: pass an id, or --all.

    Examples: dkg explain 李强 · dkg explain 港科大 · dkg explain person-0a1b2c3d4e5f6789 --json
    """
    with open_for_reading(store, backend, endpoint) as graph_store:
        records = identity.explain(graph_store, node)
        folder = getattr(graph_store, "path", None)
    for record in records:
        record["corrections"] = _corrections_of(record, folder, corrections)
    if not records:
        console.print(f"nothing is called {node!r}; try `dkg query search {node}`")
        raise typer.Exit(1)
    several = len(records) > 1 and not every
    if as_json:
        print_json({"matches": [_summary(r) for r in records]} if several else records)
        return
    if several:
        stdout.print(f"{len(records)} nodes match {escape(node)}; pass an id (or --all):")
        for record in records:
            key = ", ".join(f"{k}={v}" for k, v in record["key"].items() if v not in (None, ""))
            stdout.print(f"  {record['id']}  {record['type']}  {escape(key)}")
        return
    for record in records:
        _print_record(record, limit)


def _summary(record: dict[str, Any]) -> dict[str, Any]:
    return {k: record[k] for k in ("id", "type", "caption", "key")}
