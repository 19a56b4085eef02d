"""Co-attendance analytics on query results: weights, centrality, communities."""

from __future__ import annotations

import networkx as nx
import pytest

from graph.analytics import centrality, coattendance_graph, coattendance_network, communities, network_table
from graph.queries import attendees
from graph.stores import Store
from tests.graph.sample_graph import sample_store


@pytest.fixture(scope="module")
def store() -> Store:
    return sample_store("memory")


def names(graph, ids) -> set[str]:
    return {graph.nodes[i]["name"] for i in ids}


def by_name(graph) -> dict[str, str]:
    return {data["name"]: node for node, data in graph.nodes(data=True)}


def test_analytics_coattendance_weights_count_shared_events(store: Store) -> None:
    graph = coattendance_network(store)
    ids = by_name(graph)
    assert graph.number_of_nodes() == 8
    assert graph[ids["曹立强"]][ids["沈权"]]["weight"] == 2
    assert graph[ids["曹立强"]][ids["沈权"]]["distance"] == 0.5
    assert graph[ids["胡芳"]][ids["罗华品"]]["weight"] == 1
    assert not graph.has_edge(ids["胡芳"], ids["黄冲"])
    assert graph.nodes[ids["曹立强"]]["events"] == 3


def test_analytics_coattendance_follows_the_query_filters(store: Store) -> None:
    graph = coattendance_network(store, date_from="2025-01-23")
    assert set(by_name(graph)) == {"曹立强", "王华", "黄冲", "沈权"}
    assert graph.number_of_edges() == 6


def test_analytics_centrality_finds_the_bridges(store: Store) -> None:
    graph = coattendance_network(store)
    scores = centrality(graph)
    ids = by_name(graph)
    ranked = sorted(scores, key=lambda n: -scores[n]["betweenness"])
    assert names(graph, ranked[:2]) == {"曹立强", "沈权"}
    assert scores[ids["曹立强"]]["betweenness"] == pytest.approx(scores[ids["沈权"]]["betweenness"])
    assert scores[ids["胡芳"]]["betweenness"] == 0
    assert scores[ids["曹立强"]]["degree"] == 1.0
    assert scores[ids["曹立强"]]["strength"] == 5 + 3


def two_circles() -> list[dict]:
    records = []
    for number in range(4):
        for group in ("甲乙丙丁", "戊己庚辛"):
            event = f"{group}-{number}"
            records += [{"event_id": event, "person_id": f"p{c}", "name": c} for c in group]
    records += [{"event_id": "joint", "person_id": f"p{c}", "name": c} for c in "丁戊"]
    return records


def test_analytics_communities_separate_two_circles() -> None:
    graph = coattendance_graph(two_circles())
    found = communities(graph, seed=1)
    assert [names(graph, group) for group in found] == [set("丁丙乙甲"), set("戊己庚辛")] or \
        [names(graph, group) for group in found] == [set("戊己庚辛"), set("丁丙乙甲")]
    assert communities(graph, seed=1) == found


def test_analytics_network_table_one_row_per_person() -> None:
    graph = coattendance_graph(two_circles())
    table = network_table(graph)
    assert len(table) == 8
    assert {table[0]["name"], table[1]["name"]} == {"丁", "戊"}
    assert {row["community"] for row in table} == {1, 2}
    assert table[0]["events"] == 5


def test_analytics_isolated_people_are_their_own_community(store: Store) -> None:
    graph = coattendance_graph(attendees(store, type="visit"))
    assert communities(graph) == [[next(iter(graph))]]
    assert centrality(graph)[next(iter(graph))] == {"degree": 0.0, "strength": 0, "betweenness": 0.0}


def test_analytics_betweenness_is_exact_up_to_the_threshold_and_sampled_above() -> None:
    graph = coattendance_graph(two_circles())
    exact = centrality(graph)
    assert centrality(graph, exact_up_to=len(graph)) == exact
    sampled = centrality(graph, exact_up_to=len(graph) - 1, samples=5, seed=3)
    assert sampled == centrality(graph, exact_up_to=len(graph) - 1, samples=5, seed=3)  # seeded: repeatable
    assert any(sampled[n]["betweenness"] != exact[n]["betweenness"] for n in graph)  # an estimate, not the figure
    bridges = {n for n in graph if graph.nodes[n]["name"] in "丁戊"}
    assert set(sorted(sampled, key=lambda n: -sampled[n]["betweenness"])[:2]) == bridges
    assert [sampled[n]["degree"] for n in graph] == [exact[n]["degree"] for n in graph]


def test_analytics_network_table_says_when_betweenness_is_estimated() -> None:
    from graph.analytics.centrality import BETWEENNESS_EXACT_UP_TO, betweenness_samples

    small = coattendance_graph(two_circles())
    assert not any(row["betweenness_estimated"] for row in network_table(small))
    star = nx.star_graph(BETWEENNESS_EXACT_UP_TO + 1)
    nx.set_edge_attributes(star, 1, "weight")
    nx.set_edge_attributes(star, 1.0, "distance")
    table = network_table(star)
    assert betweenness_samples(len(star)) is not None and all(row["betweenness_estimated"] for row in table)
    assert table[0]["person_id"] == 0 and table[0]["betweenness"] == pytest.approx(1.0, abs=0.05)
