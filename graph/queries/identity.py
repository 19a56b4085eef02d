"""Who is who: what the store holds under some names, and why a node is what it is.

- :func:`stored_names` and :func:`namesakes` are what resolution asks before it keys an
  ingest's names (the organisations and places known by those names, the persons so
  called with their jurisdictions and posts);
- :func:`explain` gathers, for one node, its key, its names and aliases, the sentences
  that named it, its posts and events and its POSSIBLY_SAME links, with their sources;
- :func:`succession` lays a post's holders end to end and shows where one gave way to
  the next.

Examples
--------
>>> from graph.queries.examples import example_store
>>> store = example_store()
>>> [(n["name"], n["aliases"]) for n in stored_names(store, ["区委"])]
[('示例区委', ['区委'])]
>>> [(p["name"], p["posts"]) for p in namesakes(store, ["张三"])]
[('张三', [('示例区委', '书记')])]
>>> found = explain(store, "张三")
>>> [(e["type"], e["key"]["name"], [p["title"] for p in e["posts"]]) for e in found]
[('Person', '张三', ['书记'])]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from graph.queries.lookup import lookup
from graph.queries.network import fetch_edges, fetch_nodes
from graph.queries.rows import as_date, as_id, as_text, node_type, run, sort_key
from graph.queries.tenure import holders
from graph.schema import load_schema
from graph.stores.base import Store

__all__ = ["explain", "namesakes", "stored_names", "succession"]

CHUNK = 400


def _chunks(names: Iterable[str]) -> Iterator[list[str]]:
    ordered = sorted({n for n in names if n})
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start:start + CHUNK]


def stored_names(store: Store, names: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """The organisations and places one of whose names or aliases is in ``names`` (all of them without).

    Returns
    -------
    list of dict
        ``id, type, name, aliases`` (every alias the node has), by type and name.
    """
    found: dict[str, dict[str, Any]] = {}
    chunks = [None] if names is None else _chunks(names)
    for chunk in chunks:
        for row in run(store, "aliases", names=chunk):
            node_id = as_id(row["node_id"])
            record = found.setdefault(node_id, {"id": node_id, "type": node_type(row["node_type"]),
                                                "name": as_text(row["name"]), "aliases": set()})
            if row["alias"] is not None:
                record["aliases"].add(as_text(row["alias"]))
    records = [{**r, "aliases": sorted(r["aliases"])} for r in found.values()]
    return sorted(records, key=lambda r: sort_key(r["type"], r["name"], r["id"]))


def namesakes(store: Store, names: Iterable[str]) -> list[dict[str, Any]]:
    """The persons called one of ``names``, with their jurisdiction, classes and posts.

    Returns
    -------
    list of dict
        ``id, name, jurisdiction, classes, posts`` (``posts``: sorted (organisation or "",
        title) pairs), by name, jurisdiction and id.
    """
    found: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(names):
        for row in run(store, "namesakes", names=chunk):
            person_id = as_id(row["person_id"])
            record = found.setdefault(person_id, {"id": person_id, "name": as_text(row["person_name"]),
                                                  "jurisdiction": as_text(row["jurisdiction"]) or "",
                                                  "classes": set(), "posts": set()})
            if row["person_class"] is not None:
                record["classes"].add(as_text(row["person_class"]))
            if row["post_title"] is not None:
                record["posts"].add((as_text(row["org_name"]) or "", as_text(row["post_title"])))
    records = [{**r, "classes": sorted(r["classes"]), "posts": sorted(r["posts"])} for r in found.values()]
    return sorted(records, key=lambda r: sort_key(r["name"], r["jurisdiction"], r["id"]))


def _edge_records(store: Store, node_id: str) -> list[dict[str, Any]]:
    """The edges touching a node: the query's row plus the edge's own properties."""
    rows = run(store, "explain", node=node_id)
    properties = {edge_id: edge.properties for edge_id, edge in fetch_edges(store, [as_id(r["edge_id"])
                                                                                     for r in rows]).items()}
    records = {}
    for row in rows:
        edge_id = as_id(row["edge_id"])
        records[edge_id] = {
            "edge_id": edge_id, "relation": as_text(row["relation"]), "direction": as_text(row["direction"]),
            "other_id": as_id(row["other_id"]), "other_type": node_type(row["other_type"]),
            "other": _caption(row["other_caption"]), "sentence": as_text(row["sentence"]),
            "article_id": as_id(row["article_id"]), "article": as_text(row["article_title"]),
            "issue_date": as_date(row["issue_date"]), "publication": as_text(row["publication"]),
            **properties.get(edge_id, {}),
        }
    return sorted(records.values(), key=lambda r: sort_key(r["relation"], r["issue_date"], r["other"], r["edge_id"]))


def _caption(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else as_text(value)


def _source(record: dict[str, Any]) -> dict[str, Any]:
    return {k: record[k] for k in ("article_id", "article", "publication", "issue_date", "sentence")}


def _mentions(records: list[dict[str, Any]], names: list[str]) -> list[dict[str, Any]]:
    """The sentences that named the node, each with the names of the node it uses."""
    found = []
    for record in records:
        if record["relation"] == "MENTIONS" and record["direction"] == "in":
            sentence = record["sentence"] or ""
            found.append({**_source(record), "names": [n for n in names if n in sentence]})
    return found


def _posts(store: Store, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    held = [r for r in records if r["relation"] == "HOLDS" and r["direction"] == "out"]
    posts = fetch_nodes(store, {r["other_id"] for r in held})
    found = [{"post_id": r["other_id"], "title": r["other"],
              "organization": posts[r["other_id"]].properties.get("organization") if r["other_id"] in posts else None,
              "seen_on": r.get("date"), "title_as_written": r.get("title_as_written"), **_source(r)} for r in held]
    return sorted(found, key=lambda p: sort_key(p["seen_on"], p["title"], p["article_id"]))


def _events(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    attended = [r for r in records if r["relation"] == "ATTENDED" and r["direction"] == "out"]
    found = [{"event_id": r["other_id"], "event": r["other"], "roles": r.get("roles", []), "order": r.get("order"),
              **_source(r)} for r in attended]
    return sorted(found, key=lambda e: sort_key(e["issue_date"], e["event"], e["event_id"]))


def _links(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"person_id": r["other_id"], "name": r["other"], "reason": r.get("reason")}
            for r in records if r["relation"] == "POSSIBLY_SAME"]


# Edges shown in their own sections (relation, direction); the rest are listed as they are.
_SECTIONED = {("MENTIONS", "in"), ("HOLDS", "out"), ("ATTENDED", "out"), ("POSSIBLY_SAME", "out"),
              ("POSSIBLY_SAME", "in")}


def _explain_node(store: Store, node_id: str) -> dict[str, Any] | None:
    node = fetch_nodes(store, [node_id]).get(node_id)
    if node is None:
        return None
    node_def = load_schema().node(node.type)
    records = _edge_records(store, node_id)
    names = [n for n in (node.properties.get("name"), *node.properties.get("aliases", [])) if n]
    explained = {
        "id": node_id, "type": node.type, "caption": node.caption,
        "key": {k: node.properties.get(k) for k in node_def.key}, "properties": node.properties,
        "names": names, "mentions": _mentions(records, names), "posts": _posts(store, records),
        "events": _events(records), "possibly_same": _links(records),
        "other_edges": [{k: v for k, v in r.items() if v not in (None, [])} for r in records
                        if (r["relation"], r["direction"]) not in _SECTIONED],
    }
    if node.type == "Post":
        explained["succession"] = succession(store, node_id)
    return explained


def explain(store: Store, key: str) -> list[dict[str, Any]]:
    """Why the nodes matching ``key`` (an id, name, alias, title or headline) exist, and what made them.

    Returns
    -------
    list of dict
        One record per matching node: ``id, type, caption, key`` (the properties its id
        derives from), ``properties``, ``names`` (name and aliases), ``mentions`` (the
        sentences that named it, with the names they use), ``posts``, ``events``,
        ``possibly_same`` (namesakes kept apart, with the reason), ``other_edges``, and
        for a post its ``succession``.
    """
    found = [_explain_node(store, match["id"]) for match in lookup(store, key)]
    return [record for record in found if record is not None]


def succession(store: Store, post_or_org: str) -> list[dict[str, Any]]:
    """Each post's holders end to end, and where one gave way to the next.

    A change is read where the next holder (by first day seen) is first seen after the
    previous one was last seen; holders seen over the same days (several 副区长 of one
    government) make no change.

    Returns
    -------
    list of dict
        One record per post: ``post_id, title, organization, holders`` (the records of
        :func:`graph.queries.holders`, by first day seen) and ``changes``
        (``from, to, last_seen, first_seen``: the last day the one was seen, the first
        day the other was).

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> [(s["title"], [h["name"] for h in s["holders"]], s["changes"]) for s in succession(example_store(), "书记")]
    [('书记', ['张三'], [])]
    """
    by_post: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in holders(store, post_or_org):
        by_post[record["post_id"]].append(record)
    posts = []
    for records in by_post.values():
        ordered = sorted(records, key=lambda r: sort_key(r["first_seen"], r["last_seen"], r["name"], r["person_id"]))
        first = ordered[0]
        posts.append({"post_id": first["post_id"], "title": first["title"], "organization": first["organization"],
                      "holders": ordered, "changes": _changes(ordered)})
    return sorted(posts, key=lambda p: sort_key(p["organization"], p["title"], p["post_id"]))


def _changes(ordered: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where a holder is first seen after every earlier holder was last seen."""
    changes, latest = [], None
    for record in ordered:
        if record["first_seen"] is None:
            continue
        if latest is not None and latest["last_seen"] < record["first_seen"]:
            changes.append({"from": latest["name"], "to": record["name"], "last_seen": latest["last_seen"],
                            "first_seen": record["first_seen"]})
        if latest is None or record["last_seen"] > latest["last_seen"]:
            latest = record
    return changes
