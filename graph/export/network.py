"""Graph exports through networkx: GraphML, GEXF (dated, for Gephi's timeline), node-link JSON.

:func:`to_networkx` is also the bridge to :mod:`graph.analytics` and the dashboard: a
``MultiDiGraph`` keyed by node and edge ids, with each node's ``type`` and ``label`` and
each edge's ``relation`` beside their properties and provenance.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import networkx as nx

from graph.model import Edge, GraphBatch, Node
from graph.schema import Schema, load_schema

__all__ = ["LIST_JOINER", "dated", "to_networkx", "write_gexf", "write_graphml", "write_node_link"]

# GraphML and GEXF have no list values: several values are joined with this.
LIST_JOINER = "|"


def _plain(value: Any, flat: bool) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        items = [_plain(v, flat) for v in value]
        return LIST_JOINER.join(str(i) for i in items) if flat else items
    return value


def _attributes(values: dict[str, Any], flat: bool) -> dict[str, Any]:
    return {k: _plain(v, flat) for k, v in values.items() if v is not None and v != []}


def _node_attributes(node: Node, schema: Schema, flat: bool) -> dict[str, Any]:
    return {**_attributes(node.properties, flat), "type": node.type, "label": node.caption}


def _edge_attributes(edge: Edge, schema: Schema, flat: bool) -> dict[str, Any]:
    return {**_attributes(edge.properties, flat), **_attributes(edge.provenance.as_dict(), flat),
            "relation": edge.type, "label": schema.relation(edge.type).label}


def to_networkx(batch: GraphBatch, *, flat: bool = False, schema: Schema | None = None) -> nx.MultiDiGraph:
    """The batch as a ``MultiDiGraph``: node ids as nodes, edge ids as keys.

    ``flat`` joins list values with ``|`` (for formats without lists); dates become ISO text.

    Examples
    --------
    >>> from graph.queries.examples import example_batch
    >>> graph = to_networkx(example_batch())
    >>> sorted({d["relation"] for _, _, d in graph.edges(data=True)})
    ['ATTENDED', 'HOLDS', 'ON_DAY', 'POST_IN', 'REPORTED_IN']
    """
    schema = schema or load_schema()
    graph = nx.MultiDiGraph()
    for node in batch.nodes.values():
        graph.add_node(node.id, **_node_attributes(node, schema, flat))
    for edge in batch.edges.values():
        graph.add_edge(edge.source, edge.target, key=edge.id, **_edge_attributes(edge, schema, flat))
    return graph


def _edge_day(edge: Edge, batch: GraphBatch) -> str | None:
    """The day an edge happened: its event's date, its own date, or its article's issue date."""
    for end in (edge.target, edge.source):
        node = batch.nodes.get(end)
        if node is not None and node.type == "Event" and node.properties.get("date"):
            return _plain(node.properties["date"], True)
    if edge.properties.get("date"):
        return _plain(edge.properties["date"], True)
    article = batch.nodes.get(edge.provenance.article_id)
    return _plain(article.properties["issue_date"], True) if article and article.properties.get("issue_date") else None


def _node_day(node: Node) -> str | None:
    for name in ("date", "issue_date"):
        if node.properties.get(name):
            return _plain(node.properties[name], True)
    return None


def dated(batch: GraphBatch, schema: Schema | None = None) -> nx.MultiDiGraph:
    """The flat graph with ``start`` days on nodes and edges, for Gephi's timeline.

    An edge starts on its event's day (else its own date, else its article's issue
    date); a node on its own date (events, days, articles), else on its earliest edge.
    """
    graph = to_networkx(batch, flat=True, schema=schema)
    earliest: dict[str, str] = {}
    for edge in batch.edges.values():
        day = _edge_day(edge, batch)
        if day:
            graph.edges[edge.source, edge.target, edge.id]["start"] = day
            for end in (edge.source, edge.target):
                earliest[end] = min(day, earliest.get(end, day))
    for node_id, data in graph.nodes(data=True):
        node = batch.nodes.get(node_id)
        day = (_node_day(node) if node else None) or earliest.get(node_id)
        if day:
            data["start"] = day
    return graph


def write_graphml(batch: GraphBatch, out: Path, schema: Schema) -> list[Path]:
    """GraphML (networkx), UTF-8, list values joined with ``|``."""
    nx.write_graphml(to_networkx(batch, flat=True, schema=schema), out, encoding="utf-8")
    return [out]


def write_gexf(batch: GraphBatch, out: Path, schema: Schema) -> list[Path]:
    """GEXF 1.2 (networkx), dynamic: nodes and edges start on their day."""
    graph = dated(batch, schema)
    for _, _, key, data in graph.edges(keys=True, data=True):
        data["id"] = key
    nx.write_gexf(graph, out, encoding="utf-8")
    return [out]


def write_node_link(batch: GraphBatch, out: Path, schema: Schema) -> list[Path]:
    """networkx node-link JSON (``nodes`` and ``edges``), Chinese unescaped."""
    data = nx.node_link_data(to_networkx(batch, schema=schema), edges="edges")
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return [out]
