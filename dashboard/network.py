"""Chart payloads for the network views: ECharts ``graph`` options from plain records.

Everything here is a plain function of records (the node and edge dicts of
:class:`graph.queries.Subgraph`, or people and ties of a co-attendance network), so the
options sent to the browser can be tested without Streamlit. Node colours, shapes, sizes
and type names come from the schema file (``graph/schema.yaml``, ``style`` and ``label``).

Positions come from a seeded spring layout, scaled into a fixed box
(:data:`BOX`), so the same graph is drawn the same way on every rerun and a test can
find a node on the canvas from its coordinates.

Examples
--------
>>> nodes = [{"id": "p1", "type": "Person", "caption": "甲"}, {"id": "e1", "type": "Event", "caption": "会议"}]
>>> edges = [{"id": "x", "type": "ATTENDED", "source": "p1", "target": "e1"}]
>>> option = network_option(nodes, edges, focus="p1")
>>> [(n["id"], n["category"]) for n in option["series"][0]["data"]]
[('p1', 0), ('e1', 1)]
>>> option["series"][0]["links"][0]["source"], option["series"][0]["links"][0]["target"]
(0, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from graph.schema import Schema, load_schema

__all__ = [
    "BOX", "CLICK_HANDLER", "LABEL_CHARS", "MARGINS", "SEED", "canvas_position", "coattendance_option", "layout",
    "network_option", "short_label",
]

SEED = 7
BOX = (1000.0, 600.0)
# Pixels between the canvas edge and the drawing: room for the legend above and for labels
# (centred under their node) at the sides. With all four set, the chart maps BOX onto the
# rest of the canvas exactly, so a node's pixel is known from its x and y.
MARGINS = {"top": 50, "bottom": 40, "left": 90, "right": 90}
# Communities have no type, so no schema colour: a qualitative palette (Tableau 10).
COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                     "#9c755f", "#bab0ac")
LABEL_CHARS = 12
FOCUS_SCALE = 1.8
# Sent to the chart: a click on a node returns its id to Python; other clicks return nothing,
# which the component treats as "no round trip".
CLICK_HANDLER = "function(params) { if (params.dataType === 'node') { return params.data.id; } }"


def layout(node_ids: Iterable[str], links: Iterable[tuple[str, str]], *, seed: int = SEED,
           weights: Mapping[tuple[str, str], float] | None = None) -> dict[str, tuple[float, float]]:
    """Positions for a node-link drawing: seeded spring layout scaled into :data:`BOX`.

    The graph is built in sorted order, so the same nodes and links give the same
    positions whatever order they came in.

    Examples
    --------
    >>> first = layout(["a", "b", "c"], [("a", "b"), ("b", "c")])
    >>> first == layout(["c", "b", "a"], [("b", "c"), ("a", "b")])
    True
    >>> all(0 <= x <= BOX[0] and 0 <= y <= BOX[1] for x, y in first.values())
    True
    """
    graph = nx.Graph()
    graph.add_nodes_from(sorted(set(node_ids)))
    for source, target in sorted({tuple(sorted(link)) for link in links}):
        weight = (weights or {}).get((source, target), (weights or {}).get((target, source), 1.0))
        graph.add_edge(source, target, weight=weight)
    if len(graph) == 0:
        return {}
    if len(graph) == 1:
        return {next(iter(graph)): (BOX[0] / 2, BOX[1] / 2)}
    raw = nx.spring_layout(graph, seed=seed, weight="weight")
    return _fit(raw)


def _fit(raw: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """Scale raw positions into the box, each axis on its own (the canvas is wider than high)."""
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]

    def scale(value: float, low: float, high: float, size: float) -> float:
        return round(size / 2 if high - low < 1e-9 else (value - low) / (high - low) * size, 1)

    return {node: (scale(float(p[0]), min(xs), max(xs), BOX[0]), scale(float(p[1]), min(ys), max(ys), BOX[1]))
            for node, p in raw.items()}


def canvas_position(x: float, y: float, width: float, height: float) -> tuple[float, float]:
    """Where a node at layout position ``(x, y)`` is drawn on a canvas of ``width`` × ``height``
    pixels (before any zoom or pan by the user).

    Examples
    --------
    >>> canvas_position(0, 0, 1180, 690)
    (90.0, 50.0)
    >>> canvas_position(BOX[0], BOX[1], 1180, 690)
    (1090.0, 650.0)
    """
    inner_width = width - MARGINS["left"] - MARGINS["right"]
    inner_height = height - MARGINS["top"] - MARGINS["bottom"]
    return MARGINS["left"] + x / BOX[0] * inner_width, MARGINS["top"] + y / BOX[1] * inner_height


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """A caption cut to ``limit`` characters, with an ellipsis when cut.

    Examples
    --------
    >>> short_label("香港科技大学上海产教融合中心揭牌仪式", 8)
    '香港科技大学上…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _categories(types: list[str], schema: Schema) -> list[dict[str, Any]]:
    categories = []
    for name in types:
        node_type = schema.node(name)
        categories.append({"name": node_type.label, "symbol": node_type.style.get("shape", "circle"),
                           "itemStyle": {"color": node_type.style.get("color")}})
    return categories


def _present_types(nodes: list[dict[str, Any]], schema: Schema) -> list[str]:
    """The node types present, in the schema's order (so colours keep their legend place)."""
    present = {n["type"] for n in nodes}
    return [name for name in schema.nodes if name in present]


def _node_item(node: dict[str, Any], category: int, position: tuple[float, float], focus: str | None,
               schema: Schema) -> dict[str, Any]:
    node_type = schema.node(node["type"])
    size = float(node_type.style.get("size", 12))
    is_focus = node["id"] == focus
    caption = str(node.get("caption") or node["id"])
    item = {
        "id": node["id"], "name": caption, "value": node_type.label, "category": category,
        "symbol": node_type.style.get("shape", "circle"),
        "symbolSize": round(size * FOCUS_SCALE, 1) if is_focus else size,
        "x": position[0], "y": position[1],
        "label": {"formatter": short_label(caption)},
    }
    if is_focus:
        item["label"] = {"formatter": short_label(caption, 2 * LABEL_CHARS), "fontWeight": "bold", "fontSize": 14}
        item["itemStyle"] = {"borderColor": "#222", "borderWidth": 2}
    return item


def network_option(nodes: list[dict[str, Any]], edges: list[dict[str, Any]], focus: str | None = None,
                   schema: Schema | None = None) -> dict[str, Any]:
    """The ECharts option of a node-link view: one ``graph`` series, a legend by node type.

    Parameters
    ----------
    nodes : records with ``id``, ``type`` (a schema node type) and ``caption``.
    edges : records with ``id``, ``type`` (a schema relation), ``source`` and ``target``.
    focus : the id of the node the view is about; drawn larger, labelled in full.
    schema : the schema to read styles from (the project's by default).

    Returns
    -------
    dict
        JSON-ready option: nodes carry ``id``, ``x``/``y`` from :func:`layout`,
        ``category`` (index into the legend's node types), ``symbol`` and
        ``symbolSize`` from the type's style; links refer to nodes by index and carry
        the relation's label. Labels that would overlap are hidden by the chart.
    """
    schema = schema or load_schema()
    ordered = sorted(nodes, key=lambda n: (n["id"] != focus, list(schema.nodes).index(n["type"]), n["id"]))
    index = {n["id"]: i for i, n in enumerate(ordered)}
    kept = [e for e in edges if e["source"] in index and e["target"] in index]
    positions = layout(index, [(e["source"], e["target"]) for e in kept])
    types = _present_types(ordered, schema)
    data = [_node_item(n, types.index(n["type"]), positions[n["id"]], focus, schema) for n in ordered]
    links = [{"source": index[e["source"]], "target": index[e["target"]], "value": schema.relation(e["type"]).label}
             for e in sorted(kept, key=lambda e: (e["source"], e["target"], e["type"], e.get("id", "")))]
    return _graph_option(data, links, _categories(types, schema), arrows=True)


def _graph_option(data: list[dict[str, Any]], links: list[dict[str, Any]], categories: list[dict[str, Any]],
                  *, arrows: bool) -> dict[str, Any]:
    return {
        "animation": False,
        "tooltip": {"formatter": "{b}: {c}"},
        "legend": [{"data": [c["name"] for c in categories], "top": 0}],
        "series": [{
            "type": "graph", "layout": "none", "roam": True,
            "top": MARGINS["top"], "bottom": MARGINS["bottom"], "left": MARGINS["left"], "right": MARGINS["right"],
            "data": data, "links": links, "categories": categories,
            "label": {"show": True, "position": "bottom", "fontSize": 12},
            "labelLayout": {"hideOverlap": True},
            "emphasis": {"focus": "adjacency", "label": {"show": True}},
            "edgeSymbol": ["none", "arrow"] if arrows else ["none", "none"], "edgeSymbolSize": 6,
            "lineStyle": {"color": "source", "opacity": 0.5, "curveness": 0.08},
        }],
    }


def coattendance_option(people: list[dict[str, Any]], ties: list[dict[str, Any]], *, min_size: float = 8.0,
                        max_size: float = 40.0) -> dict[str, Any]:
    """The ECharts option of a co-attendance network, nodes sized by a centrality score.

    Parameters
    ----------
    people : records with ``id``, ``name``, ``score`` (a centrality, any scale) and
        optionally ``community`` (an integer; one legend entry and colour each).
    ties : records with ``source``, ``target`` and ``weight`` (events shared).
    min_size, max_size : symbol sizes of the lowest and highest score.

    Examples
    --------
    >>> option = coattendance_option(
    ...     [{"id": "a", "name": "甲", "score": 1.0}, {"id": "b", "name": "乙", "score": 0.5}],
    ...     [{"source": "a", "target": "b", "weight": 2}])
    >>> [n["symbolSize"] for n in option["series"][0]["data"]]
    [40.0, 24.0]
    >>> option["series"][0]["links"][0]["value"]
    2
    """
    ordered = sorted(people, key=lambda p: (-float(p.get("score") or 0), p["id"]))
    index = {p["id"]: i for i, p in enumerate(ordered)}
    kept = [t for t in ties if t["source"] in index and t["target"] in index]
    weights = {(t["source"], t["target"]): float(t.get("weight") or 1) for t in kept}
    positions = layout(index, weights, weights=weights)
    top = max([float(p.get("score") or 0) for p in ordered] or [0.0]) or 1.0
    communities = sorted({int(p.get("community") or 0) for p in ordered})
    categories = [{"name": f"群组 {c + 1}", "itemStyle": {"color": COMMUNITY_COLOURS[i % len(COMMUNITY_COLOURS)]}}
                  for i, c in enumerate(communities)]
    data = [{"id": p["id"], "name": p["name"], "value": round(float(p.get("score") or 0), 4),
             "category": communities.index(int(p.get("community") or 0)),
             "symbolSize": round(min_size + (max_size - min_size) * float(p.get("score") or 0) / top, 1),
             "x": positions[p["id"]][0], "y": positions[p["id"]][1]} for p in ordered]
    heaviest = max(weights.values() or [1.0])
    links = [{"source": index[t["source"]], "target": index[t["target"]], "value": t.get("weight") or 1,
              "lineStyle": {"width": round(1 + 4 * float(t.get("weight") or 1) / heaviest, 1)}}
             for t in sorted(kept, key=lambda t: (t["source"], t["target"]))]
    return _graph_option(data, links, categories, arrows=False)
