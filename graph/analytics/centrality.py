"""Who is central in a co-attendance network, and which groups it falls into."""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["centrality", "communities", "network_table"]


def centrality(graph: nx.Graph) -> dict[str, dict[str, float]]:
    """Degree, weighted degree and betweenness of every node.

    ``degree`` is networkx's normalised degree centrality, ``strength`` the sum of edge
    weights (events shared with others), ``betweenness`` the normalised betweenness
    centrality over ``distance`` (1 / events shared), so frequent companions are close.

    Examples
    --------
    >>> graph = nx.Graph([("a", "b", {"weight": 1, "distance": 1.0}), ("b", "c", {"weight": 1, "distance": 1.0})])
    >>> centrality(graph)["b"]
    {'degree': 1.0, 'strength': 2, 'betweenness': 1.0}
    """
    degree = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    betweenness = nx.betweenness_centrality(graph, weight="distance", normalized=True)
    strength = dict(graph.degree(weight="weight"))
    return {node: {"degree": degree[node], "strength": strength[node], "betweenness": betweenness[node]}
            for node in graph}


def communities(graph: nx.Graph, *, seed: int = 0, resolution: float = 1.0) -> list[list[str]]:
    """Groups of people who attend together (Louvain, weighted by shared events).

    Returns the communities largest first, each sorted; the same ``seed`` gives the same
    answer.

    Examples
    --------
    >>> graph = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> communities(graph)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if graph.number_of_edges() == 0:
        return [[node] for node in sorted(graph)]
    found = nx.community.louvain_communities(graph, weight="weight", resolution=resolution, seed=seed)
    return sorted((sorted(group) for group in found), key=lambda group: (-len(group), group))


def network_table(graph: nx.Graph, *, seed: int = 0) -> list[dict[str, Any]]:
    """One record per person: name, events, degree, strength, betweenness and community number.

    Sorted by betweenness, then strength, then name; community 1 is the largest.
    """
    scores = centrality(graph)
    community_of = {node: number for number, group in enumerate(communities(graph, seed=seed), start=1)
                    for node in group}
    records = [{"person_id": node, "name": graph.nodes[node].get("name"), "events": graph.nodes[node].get("events"),
                "degree": round(scores[node]["degree"], 4), "strength": scores[node]["strength"],
                "betweenness": round(scores[node]["betweenness"], 4), "community": community_of[node]}
               for node in graph]
    return sorted(records, key=lambda r: (-r["betweenness"], -r["strength"], str(r["name"]), r["person_id"]))
