"""Graphs of any size from the batches the pipeline made: copies of them, moved in time, with new people.

Extraction is the slow part of an ingest, so a store of a million edges is not built by
extracting a million edges' worth of text. The graph batches that the real pipeline made
of a generated corpus are copied instead. Copy ``k`` is the same news ``k`` periods later
with other people in it: articles, events and days move ``k × period`` days on, every
person gets a new name (the same new name in every document of the copy), and everything
keyed by them gets a new id through :meth:`graph.model.Node.create`. Organisations,
places, posts and publications stay shared, as a district's institutions do over the
years. Each person therefore keeps the number of events they attend, and the graph grows
the way an archive grows: more time, more people.

Examples
--------
>>> from graph.model import Edge, GraphBatch, Node, Provenance
>>> batch = GraphBatch()
>>> person = batch.add_node(Node.create("Person", name="王明", jurisdiction="上海市徐汇区"))
>>> day = batch.add_node(Node.create("Day", date=dt.date(2025, 1, 6)))
>>> copy = relabel_batch(batch, 2, period_days=35)
>>> sorted(n.properties.get("date", "") for n in copy.nodes.values() if n.type == "Day")
[datetime.date(2025, 3, 17)]
>>> [n.properties["name"] for n in copy.nodes_of("Person")] == ["王明"]
False
>>> relabel_batch(batch, 0, period_days=35) is batch
True
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Iterable, Iterator
from typing import Any

from bench.corpus import lexicon_surnames, make_name
from graph.model import Edge, GraphBatch, Node, Provenance

__all__ = ["base_period_days", "copies", "relabel_batch"]

# Article before Event: an event's key holds its article's id.
_ORDER = {"Article": 0, "Event": 1}


@functools.cache
def _new_name(name: str, copy: int) -> str:
    return make_name(random.Random(f"{name}\x1f{copy}"), lexicon_surnames())


def _shift(value: Any, days: int) -> Any:
    return value + dt.timedelta(days=days) if isinstance(value, dt.date) else value


def _moved_properties(node: Node, copy: int, days: int, ids: dict[str, str]) -> dict[str, Any]:
    properties = {name: _shift(value, days) for name, value in node.properties.items()}
    if node.type == "Person":
        properties["name"] = _new_name(properties["name"], copy)
        if properties.get("aliases"):
            properties["aliases"] = [_new_name(alias, copy) for alias in properties["aliases"]]
    if node.type == "Event" and properties.get("article_id") in ids:
        properties["article_id"] = ids[properties["article_id"]]
    return properties


_MOVED_TYPES = {"Person", "Article", "Event", "Day"}


def relabel_batch(batch: GraphBatch, copy: int, period_days: int) -> GraphBatch:
    """Copy ``copy`` of a batch: new people, articles, events and days, ``copy × period_days`` later.

    Copy 0 is the batch itself.
    """
    if copy == 0:
        return batch
    days = copy * period_days
    ids: dict[str, str] = {}
    moved = GraphBatch()
    for node in sorted(batch.nodes.values(), key=lambda n: _ORDER.get(n.type, 2)):
        if node.type in _MOVED_TYPES:
            new = Node.create(node.type, **_moved_properties(node, copy, days, ids))
            ids[node.id] = new.id
            moved.add_node(new)
        else:
            moved.add_node(node)
    for edge in batch.edges.values():
        provenance = edge.provenance
        source = Provenance(ids.get(provenance.article_id, provenance.article_id), provenance.span_start,
                            provenance.span_end, provenance.sentence)
        properties = {name: _shift(value, days) for name, value in edge.properties.items()}
        moved.add_edge(Edge(edge.type, ids.get(edge.source, edge.source), ids.get(edge.target, edge.target),
                            source, properties))
    return moved


def base_period_days(batches: Iterable[GraphBatch]) -> int:
    """Whole weeks covering every date of the batches' days and articles (at least one week)."""
    dates = [value for batch in batches for node in batch.nodes.values()
             for value in node.properties.values() if isinstance(value, dt.date)]
    if not dates:
        return 7
    span = (max(dates) - min(dates)).days + 1
    return 7 * -(-span // 7)


def copies(batches: list[GraphBatch], period_days: int, first_copy: int = 0) -> Iterator[tuple[int, GraphBatch]]:
    """(copy, batch) for copy ``first_copy``, ``first_copy + 1`` ... of every batch, without end."""
    copy = first_copy
    while True:
        for batch in batches:
            yield copy, relabel_batch(batch, copy, period_days)
        copy += 1
