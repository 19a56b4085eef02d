"""The network chart payloads: seeded layout, schema styles, labels, co-attendance sizes."""

from __future__ import annotations

import pytest

from dashboard import network
from dashboard.network import BOX, LABEL_CHARS, MARGINS, canvas_position, layout, network_option
from graph.queries import expand, lookup
from graph.schema import load_schema
from graph.stores import open_store
from tests.graph.sample_graph import sample_graph


@pytest.fixture(scope="module")
def view() -> tuple[str, list[dict], list[dict]]:
    store = open_store("memory")
    store.write(sample_graph())
    focus = lookup(store, "徐汇区委社会工作会议", types="Event")[0]["id"]
    subgraph = expand(store, [focus], hops=2, limit=200)
    return focus, subgraph.nodes(), subgraph.edges()


def test_network_layout_is_the_same_whatever_the_input_order(view: tuple[str, list, list]) -> None:
    _, nodes, edges = view
    links = [(e["source"], e["target"]) for e in edges]
    first = layout([n["id"] for n in nodes], links)
    again = layout([n["id"] for n in reversed(nodes)], list(reversed(links)))
    assert first == again
    xs, ys = [p[0] for p in first.values()], [p[1] for p in first.values()]
    assert (min(xs), max(xs), min(ys), max(ys)) == (0, BOX[0], 0, BOX[1])


def test_network_layout_changes_with_the_seed(view: tuple[str, list, list]) -> None:
    _, nodes, edges = view
    links = [(e["source"], e["target"]) for e in edges]
    assert layout([n["id"] for n in nodes], links, seed=1) != layout([n["id"] for n in nodes], links, seed=2)


@pytest.mark.parametrize(("count", "expected"), [(0, {}), (1, {"a": (BOX[0] / 2, BOX[1] / 2)})])
def test_network_layout_of_tiny_graphs(count: int, expected: dict) -> None:
    assert layout(["a"][:count], []) == expected


def test_network_option_styles_nodes_by_their_schema_type(view: tuple[str, list, list]) -> None:
    focus, nodes, edges = view
    option = network_option(nodes, edges, focus)
    series = option["series"][0]
    schema = load_schema()
    assert series["data"][0]["id"] == focus
    for item in series["data"]:
        category = series["categories"][item["category"]]
        assert category["name"] == schema.node(_type_of(nodes, item["id"])).label
        assert item["symbol"] == schema.node(_type_of(nodes, item["id"])).style["shape"]
    assert option["legend"][0]["data"] == [c["name"] for c in series["categories"]]
    assert series["data"][0]["symbolSize"] > schema.node("Event").style["size"]


def _type_of(nodes: list[dict], node_id: str) -> str:
    return next(n["type"] for n in nodes if n["id"] == node_id)


def test_network_option_links_point_at_the_right_nodes(view: tuple[str, list, list]) -> None:
    focus, nodes, edges = view
    series = network_option(nodes, edges, focus)["series"][0]
    ids = [item["id"] for item in series["data"]]
    drawn = sorted((ids[link["source"]], ids[link["target"]]) for link in series["links"])
    assert drawn == sorted((e["source"], e["target"]) for e in edges)
    labels = {link["value"] for link in series["links"]}
    assert load_schema().relation("ATTENDED").label in labels


def test_network_option_drops_edges_to_nodes_outside_the_view() -> None:
    nodes = [{"id": "p", "type": "Person", "caption": "甲"}]
    edges = [{"id": "x", "type": "ATTENDED", "source": "p", "target": "gone"}]
    assert network_option(nodes, edges, "p")["series"][0]["links"] == []


def test_network_labels_are_cut_to_fit_and_overlaps_hidden(view: tuple[str, list, list]) -> None:
    focus, nodes, edges = view
    series = network_option(nodes, edges, focus)["series"][0]
    assert series["labelLayout"] == {"hideOverlap": True}
    others = [item for item in series["data"] if item["id"] != focus]
    assert all(len(item["label"]["formatter"]) <= LABEL_CHARS for item in others)
    longest = max(others, key=lambda item: len(item["name"]))
    assert len(longest["name"]) > LABEL_CHARS and longest["label"]["formatter"].endswith("…")
    assert network.short_label("短名") == "短名"


def test_network_canvas_position_maps_the_box_inside_the_margins() -> None:
    assert canvas_position(0, 0, 900, 500) == (MARGINS["left"], MARGINS["top"])
    assert canvas_position(BOX[0], BOX[1], 900, 500) == (900 - MARGINS["right"], 500 - MARGINS["bottom"])


def test_coattendance_option_sizes_by_score_and_colours_by_community() -> None:
    people = [{"id": "a", "name": "甲", "score": 0.0, "community": 1},
              {"id": "b", "name": "乙", "score": 2.0, "community": 0},
              {"id": "c", "name": "丙", "score": 1.0, "community": 0}]
    ties = [{"source": "a", "target": "b", "weight": 1}, {"source": "b", "target": "c", "weight": 3}]
    series = network.coattendance_option(people, ties, min_size=10, max_size=30)["series"][0]
    size = {item["name"]: item["symbolSize"] for item in series["data"]}
    assert size == {"乙": 30.0, "丙": 20.0, "甲": 10.0}
    assert len(series["categories"]) == 2
    assert len({c["itemStyle"]["color"] for c in series["categories"]}) == 2
    widths = sorted(link["lineStyle"]["width"] for link in series["links"])
    assert widths[0] < widths[1]
