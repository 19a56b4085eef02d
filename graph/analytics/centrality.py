"""Who is central in a co-attendance network, and which groups it falls into."""

from __future__ import annotations

from typing import Any

import networkx as nx

__all__ = ["BETWEENNESS_EXACT_UP_TO", "BETWEENNESS_SAMPLES", "betweenness_samples", "centrality", "communities",
           "network_table"]

# Exact betweenness costs one shortest-path search per person (O(people x ties)): a few
# seconds at a thousand people, minutes at several thousand. Above this many people it is
# estimated from BETWEENNESS_SAMPLES sources chosen at random (seeded).
BETWEENNESS_EXACT_UP_TO = 1000
BETWEENNESS_SAMPLES = 300


def betweenness_samples(people: int, *, exact_up_to: int = BETWEENNESS_EXACT_UP_TO,
                        samples: int = BETWEENNESS_SAMPLES) -> int | None:
    """How many sources betweenness is estimated from in a network of ``people``; None when exact.

    Examples
    --------
    >>> betweenness_samples(120), betweenness_samples(5000)
    (None, 300)
    """
    return None if people <= exact_up_to else min(samples, people)


def centrality(graph: nx.Graph, *, seed: int = 0, exact_up_to: int = BETWEENNESS_EXACT_UP_TO,
               samples: int = BETWEENNESS_SAMPLES) -> dict[str, dict[str, float]]:
    """Degree, weighted degree and betweenness of every node.

    ``degree`` is networkx's normalised degree centrality, ``strength`` the sum of edge
    weights (events shared with others), ``betweenness`` the normalised betweenness
    centrality over ``distance`` (1 / events shared), so frequent companions are close.

    Betweenness is exact up to ``exact_up_to`` nodes. On a larger graph it is an estimate:
    networkx's betweenness over shortest paths from ``samples`` source nodes drawn with
    ``seed`` (the same seed, the same figures), scaled to the whole graph. The people
    between communities still stand out; close scores may swap places
    (:func:`betweenness_samples` says which applies).

    Examples
    --------
    >>> graph = nx.Graph([("a", "b", {"weight": 1, "distance": 1.0}), ("b", "c", {"weight": 1, "distance": 1.0})])
    >>> centrality(graph)["b"]
    {'degree': 1.0, 'strength': 2, 'betweenness': 1.0}
    >>> round(centrality(graph, exact_up_to=2, samples=2)["b"]["betweenness"], 2)  # estimated from 2 sources
    1.0
    """
    degree = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    sources = betweenness_samples(len(graph), exact_up_to=exact_up_to, samples=samples)
    betweenness = nx.betweenness_centrality(graph, k=sources, weight="distance", normalized=True, seed=seed)
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
    ``betweenness_estimated`` is True in every record when the network is larger than
    :data:`BETWEENNESS_EXACT_UP_TO` people and betweenness is a sampled estimate
    (:func:`centrality`; ``seed`` seeds both the sample and the communities).
    """
    scores = centrality(graph, seed=seed)
    estimated = betweenness_samples(len(graph)) is not None
    community_of = {node: number for number, group in enumerate(communities(graph, seed=seed), start=1)
                    for node in group}
    records = [{"person_id": node, "name": graph.nodes[node].get("name"), "events": graph.nodes[node].get("events"),
                "degree": round(scores[node]["degree"], 4), "strength": scores[node]["strength"],
                "betweenness": round(scores[node]["betweenness"], 4), "betweenness_estimated": estimated,
                "community": community_of[node]}
               for node in graph]
    return sorted(records, key=lambda r: (-r["betweenness"], -r["strength"], str(r["name"]), r["person_id"]))
