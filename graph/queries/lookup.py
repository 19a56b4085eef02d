"""Find nodes by what people type: an exact key (id, name, alias, title) or a piece of text."""

from __future__ import annotations

from typing import Any

from dkg.errors import QueryError
from graph.queries.rows import as_id, as_list, as_text, node_type, run, sort_key
from graph.schema import load_schema
from graph.stores.base import Store

__all__ = ["CATALOGUED", "catalogue", "lookup", "search"]

# The node types the catalogue lists, most useful first (the order of catalogue.rq/.cypher).
CATALOGUED = ("Person", "Organization", "Place", "Event", "Publication", "Post", "Article")


def _check_types(types: list[str] | tuple[str, ...] | str | None) -> set[str] | None:
    if not types:
        return None
    wanted = {types} if isinstance(types, str) else set(types)
    schema = load_schema()
    for name in wanted:
        schema.node(name)
    return wanted


def lookup(store: Store, key: str, types: list[str] | str | None = None) -> list[dict[str, Any]]:
    """The nodes whose id, name, alias, post title or headline is exactly ``key``.

    Parameters
    ----------
    store : the graph store.
    key : the text to match exactly.
    types : keep only nodes of these types (``Person``, ``Organization`` ...).

    Returns
    -------
    list of dict
        ``id, type, name`` (``name`` is the node's caption), by type, name, id.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> [(n["type"], n["name"]) for n in lookup(example_store(), "区委")]
    [('Organization', '示例区委')]
    """
    wanted = _check_types(types)
    found: dict[str, dict[str, Any]] = {}
    for row in run(store, "lookup", key=key):
        kind = node_type(row["node_type"])
        if kind and (wanted is None or kind in wanted):
            node_id = as_id(row["node_id"])
            caption = as_text(row["caption"])
            known = found.get(node_id)
            if known is None or sort_key(caption) < sort_key(known["name"]):
                found[node_id] = {"id": node_id, "type": kind, "name": caption}
    return sorted(found.values(), key=lambda n: sort_key(n["type"], n["name"], n["id"]))


def catalogue(store: Store, types: list[str] | tuple[str, ...] | str | None = None,
              limit: int = 1000) -> list[dict[str, Any]]:
    """The nodes people look for by name, each once, with caption and aliases, most useful first.

    Cheap on a big store: no text is compared, and the store sorts and cuts the list.

    Parameters
    ----------
    store : the graph store.
    types : only nodes of these types (from :data:`CATALOGUED`); all of them by default.
    limit : at most this many nodes.

    Returns
    -------
    list of dict
        ``id, type, name, aliases`` (``name`` is the caption: name, post title or headline;
        ``aliases`` a sorted list), by type in the order of :data:`CATALOGUED`, then name, id.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> [(n["type"], n["name"]) for n in catalogue(example_store(), types=["Person", "Organization"])]
    [('Person', '张三'), ('Person', '李四'), ('Person', '王五'), ('Organization', '示例区委')]
    >>> catalogue(example_store(), types="Organization")[0]["aliases"]
    ['区委']
    """
    wanted = _check_types(types)
    if wanted is not None and not wanted <= set(CATALOGUED):
        raise QueryError(f"the catalogue lists {list(CATALOGUED)}, not {sorted(wanted - set(CATALOGUED))}")
    rows = run(store, "catalogue", types=sorted(wanted) if wanted else None, limit=limit)
    entries = [{"id": as_id(row["node_id"]), "type": node_type(row["node_type"]), "name": as_text(row["caption"]),
                "aliases": as_list(row["aliases"])} for row in rows]
    rank = {name: i for i, name in enumerate(CATALOGUED)}
    return sorted(entries, key=lambda e: (rank[e["type"]], sort_key(e["name"], e["id"])))


def search(store: Store, text: str, types: list[str] | str | None = None,
           limit: int | None = 20) -> list[dict[str, Any]]:
    """Nodes whose name, alias, post title or headline contains ``text`` (ignoring case).

    Parameters
    ----------
    store : the graph store.
    text : the text to look for; quotes, braces and the like are matched as plain text.
    types : keep only nodes of these types.
    limit : at most this many results (None for all).

    Returns
    -------
    list of dict
        ``id, type, name, matched`` (``matched`` is the value that contains the text):
        exact matches first, then the shortest.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> [(n["type"], n["name"]) for n in search(example_store(), "李", types=["Person"])]
    [('Person', '李四')]
    """
    text = (text or "").strip()
    if not text:
        raise QueryError("search needs some text to look for")
    wanted = _check_types(types)
    best: dict[str, dict[str, Any]] = {}
    for row in run(store, "search", text=text):
        kind = node_type(row["node_type"])
        if kind is None or (wanted is not None and kind not in wanted):
            continue
        record = {"id": as_id(row["node_id"]), "type": kind, "name": as_text(row["caption"]),
                  "matched": as_text(row["matched"])}
        known = best.get(record["id"])
        if known is None or _relevance(record, text) < _relevance(known, text):
            best[record["id"]] = record
    ranked = sorted(best.values(), key=lambda r: _relevance(r, text))
    return ranked if limit is None else ranked[:limit]


def _relevance(record: dict[str, Any], text: str) -> tuple:
    matched = record["matched"] or ""
    return (matched.casefold() != text.casefold(), not matched.casefold().startswith(text.casefold()),
            len(matched), sort_key(matched, record["name"], record["type"], record["id"]))
