"""Find nodes by what people type: an exact key (id, name, alias, title) or a piece of text."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

from dkg.errors import QueryError
from graph.queries.rows import as_id, as_list, as_text, node_type, run, sort_key
from graph.schema import load_schema
from graph.stores.base import Store

__all__ = ["CATALOGUED", "NameIndex", "best_matches", "catalogue", "is_caseless", "lookup", "search"]

# The node types the catalogue lists, most useful first (the order of catalogue.rq/.cypher).
CATALOGUED = ("Person", "Organization", "Place", "Event", "Publication", "Post", "Article")
_EVERYTHING = 1_000_000_000  # a row limit that cuts nothing (2**31 - 1 overflows in ArcadeDB)


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

    The store reads the names of the wanted types only, and compares a text without
    upper- or lower-case letters (Chinese, digits) as it is, without lower-casing every
    name first: the same nodes, found with less work.

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
        exact matches first, then prefixes, then the shortest; ties by value, name, type, id.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> [(n["type"], n["name"]) for n in search(example_store(), "李", types=["Person"])]
    [('Person', '李四')]
    """
    text = _search_text(text)
    wanted = _check_types(types)
    if wanted is not None and not wanted & set(CATALOGUED):
        return []
    key = "caseless" if is_caseless(text) else "text"
    rows = run(store, "search", **{key: text}, types=sorted(wanted & set(CATALOGUED)) if wanted else None)
    records = ({"id": as_id(row["node_id"]), "type": node_type(row["node_type"]), "name": as_text(row["caption"]),
                "matched": as_text(row["matched"])} for row in rows)
    return best_matches(records, text, limit)


def is_caseless(text: str) -> bool:
    """Whether ``text`` has no character that lower- or upper-casing changes (nor a combining
    mark, which lower-casing can produce), so a name contains it exactly when the name in
    lower case does.

    Examples
    --------
    >>> is_caseless("徐汇区委"), is_caseless("G60科创走廊"), is_caseless("2025")
    (True, False, True)
    """
    return all(c.lower() == c == c.upper() and not unicodedata.combining(c) for c in text)


def best_matches(records: Iterable[dict[str, Any]], text: str, limit: int | None) -> list[dict[str, Any]]:
    """Each node once, by its most relevant ``matched`` value, most relevant first, cut at ``limit``."""
    best: dict[str, dict[str, Any]] = {}
    for record in records:
        if record["type"] is None:
            continue
        known = best.get(record["id"])
        if known is None or _relevance(record, text) < _relevance(known, text):
            best[record["id"]] = record
    ranked = sorted(best.values(), key=lambda r: _relevance(r, text))
    return ranked if limit is None else ranked[:limit]


class NameIndex:
    """The names and aliases of some types, held in memory, for a search per keystroke.

    Built once from :func:`catalogue` (one query); :meth:`search` then answers exactly what
    :func:`search` would on the store for those types, without asking the store.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> index = NameIndex.build(example_store(), ["Person", "Organization"])
    >>> [n["name"] for n in index.search("区委")] == [n["name"] for n in search(example_store(), "区委",
    ...                                                                       types=["Person", "Organization"])]
    True
    """

    def __init__(self, entries: Iterable[dict[str, Any]]) -> None:
        self.values = [(value.lower(), value, entry) for entry in entries
                       for value in dict.fromkeys([entry["name"], *entry["aliases"]]) if value]

    @classmethod
    def build(cls, store: Store, types: list[str] | tuple[str, ...] | None = None) -> NameIndex:
        """The index of every node of ``types`` (all catalogued types by default)."""
        return cls(catalogue(store, types, limit=_EVERYTHING))

    def __len__(self) -> int:
        return len(self.values)

    def search(self, text: str, limit: int | None = 20) -> list[dict[str, Any]]:
        """Like :func:`search` on the store, for the types of this index."""
        text = _search_text(text)
        folded = text.lower()
        records = ({"id": entry["id"], "type": entry["type"], "name": entry["name"], "matched": value}
                   for lowered, value, entry in self.values if folded in lowered)
        return best_matches(records, text, limit)


def _search_text(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        raise QueryError("search needs some text to look for")
    return text


def _relevance(record: dict[str, Any], text: str) -> tuple:
    matched = record["matched"] or ""
    return (matched.casefold() != text.casefold(), not matched.casefold().startswith(text.casefold()),
            len(matched), sort_key(matched, record["name"], record["type"], record["id"]))
