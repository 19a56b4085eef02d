"""The co-attendance network: people linked by the events they attended together."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import Any

import networkx as nx

from graph.queries import attendees
from graph.stores.base import Store

__all__ = ["coattendance_graph", "coattendance_network"]


def coattendance_graph(records: Iterable[dict[str, Any]]) -> nx.Graph:
    """People as nodes, an edge for each pair seen at the same event.

    Parameters
    ----------
    records : attendance records (``event_id, person_id, name``), as
        :func:`graph.queries.attendees` returns them.

    Returns
    -------
    networkx.Graph
        Nodes carry ``name`` and ``events`` (how many events they attended); edges carry
        ``weight`` (events shared), ``distance`` (1 / weight, for shortest paths) and
        ``events`` (the shared event ids, sorted).

    Examples
    --------
    >>> rows = [{"event_id": "e1", "person_id": "a", "name": "甲"}, {"event_id": "e1", "person_id": "b", "name": "乙"},
    ...         {"event_id": "e2", "person_id": "a", "name": "甲"}, {"event_id": "e2", "person_id": "b", "name": "乙"}]
    >>> graph = coattendance_graph(rows)
    >>> graph["a"]["b"]["weight"], graph.nodes["a"]["events"]
    (2, 2)
    """
    present: dict[str, set[str]] = defaultdict(set)
    graph = nx.Graph()
    for record in records:
        present[record["event_id"]].add(record["person_id"])
        graph.add_node(record["person_id"], name=record["name"])
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event_id, people in sorted(present.items()):
        for pair in combinations(sorted(people), 2):
            shared[pair].append(event_id)
    attended: dict[str, int] = defaultdict(int)
    for people in present.values():
        for person_id in people:
            attended[person_id] += 1
    for person_id in graph:
        graph.nodes[person_id]["events"] = attended[person_id]
    for (a, b), event_ids in sorted(shared.items()):
        graph.add_edge(a, b, weight=len(event_ids), distance=1 / len(event_ids), events=event_ids)
    return graph


def coattendance_network(store: Store, **filters: Any) -> nx.Graph:
    """The co-attendance graph of the events that pass ``filters`` (those of :func:`graph.queries.attendees`).

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> sorted(coattendance_network(example_store(), date="2024-03-05").nodes(data="name"))[0][1]
    '王五'
    """
    return coattendance_graph(attendees(store, **filters))
