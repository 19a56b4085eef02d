"""The graph around nodes: fetch nodes and edges by id, a node's neighbourhood, shortest paths.

Everything here walks the store one hop at a time, asking only for the edges that touch
the current frontier, so a view of one person never loads the whole store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from dkg.errors import NotAvailableError, QueryError
from graph.model import Edge, GraphBatch, Node, Provenance
from graph.queries.definitions import load
from graph.queries.lookup import lookup
from graph.queries.rows import as_date, as_id, as_int, node_type, run, sort_key, vocabulary
from graph.schema import PropertyDef
from graph.stores.base import Store

__all__ = ["PATH_RELATIONS", "Subgraph", "expand", "fetch_edges", "fetch_nodes", "neighbourhood", "path"]

# A path goes "through events and organisations": attendance, organising, signing, posts.
PATH_RELATIONS = ("ATTENDED", "ORGANIZED", "SIGNED", "HOLDS", "POST_IN", "PART_OF")
CHUNK = 400


def _chunks(ids: Iterable[str], size: int = CHUNK) -> Iterator[list[str]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


def _value(value: Any, prop: PropertyDef) -> Any:
    if prop.datatype == "date":
        return as_date(value)
    if prop.datatype == "integer":
        return as_int(value)
    if prop.datatype == "node":
        return as_id(value)
    return str(value)


def _set(values: dict[str, Any], prop: PropertyDef, raw: Any) -> None:
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    if prop.is_list:
        values[prop.name] = sorted({*values.get(prop.name, []), *(str(i) for i in items if i is not None)})
    elif items and items[0] is not None:
        values[prop.name] = _value(items[0], prop)


def fetch_nodes(store: Store, ids: Iterable[str]) -> dict[str, Node]:
    """The nodes with these ids, with all their properties (unknown ids are skipped)."""
    words = vocabulary()
    nodes: dict[str, Node] = {}
    for chunk in _chunks(ids):
        for row in run(store, "nodes", ids=chunk):
            kind = node_type(row["node_type"])
            if kind is None:
                continue
            node = nodes.setdefault(as_id(row["node_id"]), Node(kind, as_id(row["node_id"]), {}))
            prop = words.node_properties[kind].get(str(row["property"]))
            if prop is not None:
                _set(node.properties, prop, row["value"])
    return dict(sorted(nodes.items()))


def fetch_edges(store: Store, ids: Iterable[str]) -> dict[str, Edge]:
    """The edges with these ids, with their properties and provenance."""
    words = vocabulary()
    found: dict[str, tuple[str, str, str, dict[str, Any], dict[str, Any]]] = {}
    for chunk in _chunks(ids):
        for row in run(store, "edges", ids=chunk):
            relation = str(row["relation"])
            edge_id = as_id(row["edge_id"])
            _, _, _, values, origin = found.setdefault(
                edge_id, (relation, as_id(row["source_id"]), as_id(row["target_id"]), {}, {}))
            key = str(row["property"])
            if key in words.edge_properties.get(relation, {}):
                _set(values, words.edge_properties[relation][key], row["value"])
            elif key in words.provenance:
                _set(origin, words.provenance[key], row["value"])
    edges = {}
    for relation, source, target, values, origin in found.values():
        provenance = Provenance(origin.get("article_id", ""), origin.get("span_start", 0),
                                origin.get("span_end", 0), origin.get("sentence", ""))
        edge = Edge(relation, source, target, provenance, values)
        edges[edge.id] = edge
    return dict(sorted(edges.items()))


def _neighbour_rows(store: Store, ids: Iterable[str], relations: Iterable[str] | None) -> list[dict[str, Any]]:
    rows = []
    for chunk in _chunks(ids):
        for row in run(store, "neighbours", ids=chunk, relations=sorted(relations) if relations else None):
            rows.append({"edge_id": as_id(row["edge_id"]), "relation": str(row["relation"]),
                         "source": as_id(row["source_id"]), "target": as_id(row["target_id"])})
    unique = {r["edge_id"]: r for r in rows}
    return sorted(unique.values(), key=lambda r: (r["relation"], r["source"], r["target"], r["edge_id"]))


def _links(store: Store, ids: list[str], relations: Iterable[str] | None) -> list[dict[str, Any]]:
    """The edges among ``ids`` (of the given relation types)."""
    if len(ids) < 2:
        return []
    try:
        load("links", store.query_language)
    except NotAvailableError:  # a backend without the query: filter the neighbours here
        inside = set(ids)
        return [r for r in _neighbour_rows(store, ids, relations) if r["source"] in inside and r["target"] in inside]
    wanted = set(relations) if relations else None
    rows = []
    for chunk in _chunks(ids):
        for row in run(store, "links", ids=chunk, targets=sorted(ids)):
            if wanted is None or str(row["relation"]) in wanted:
                rows.append({"edge_id": as_id(row["edge_id"]), "relation": str(row["relation"]),
                             "source": as_id(row["source_id"]), "target": as_id(row["target_id"])})
    return rows


@dataclass
class Subgraph:
    """Nodes and edges around some seed nodes, as a batch; ``truncated`` when a limit cut it."""

    batch: GraphBatch
    seeds: list[str] = field(default_factory=list)
    truncated: bool = False

    def nodes(self) -> list[dict[str, Any]]:
        """Node records ``id, type, caption`` and their properties, by type, caption, id."""
        records = [{"id": n.id, "type": n.type, "caption": n.caption, **n.properties}
                   for n in self.batch.nodes.values()]
        return sorted(records, key=lambda r: sort_key(r["type"], r["caption"], r["id"]))

    def edges(self) -> list[dict[str, Any]]:
        """Edge records ``id, type, source, target``, their properties and provenance."""
        records = [{"id": e.id, "type": e.type, "source": e.source, "target": e.target, **e.properties,
                    **e.provenance.as_dict()} for e in self.batch.edges.values()]
        return sorted(records, key=lambda r: sort_key(r["type"], r["source"], r["target"], r["id"]))

    def as_dict(self) -> dict[str, Any]:
        return {"seeds": list(self.seeds), "truncated": self.truncated, "nodes": self.nodes(), "edges": self.edges()}

    def to_networkx(self) -> Any:
        """A networkx ``MultiDiGraph`` of the subgraph (see :func:`graph.export.network.to_networkx`)."""
        from graph.export.network import to_networkx

        return to_networkx(self.batch)


def expand(store: Store, seeds: Iterable[str], *, hops: int = 1, relations: Iterable[str] | None = None,
           limit: int | None = None, keep: Callable[[Node], bool] | None = None) -> Subgraph:
    """The subgraph within ``hops`` of the seed nodes, walking one hop per query.

    ``limit`` caps the number of nodes (nearest first, then by relation and id);
    ``keep`` decides whether a reached node is entered (seeds always are). The edges
    among the nodes reached are included.
    """
    seed_ids = sorted(set(seeds))
    nodes = fetch_nodes(store, seed_ids)
    frontier, edge_rows, truncated = list(nodes), {}, False
    for _ in range(hops):
        if not frontier or truncated:
            break
        rows = _neighbour_rows(store, frontier, relations)
        edge_rows.update({r["edge_id"]: r for r in rows})
        frontier, truncated = _enter(store, rows, nodes, keep, limit)
    # Edges touching earlier levels came with their neighbours; those among the last level did not.
    edge_rows.update({r["edge_id"]: r for r in _links(store, frontier, relations)})
    batch = GraphBatch(nodes=dict(nodes))
    inside = [r["edge_id"] for r in edge_rows.values() if r["source"] in nodes and r["target"] in nodes]
    for edge in fetch_edges(store, inside).values():
        batch.add_edge(edge)
    return Subgraph(batch, seed_ids, truncated)


def _enter(store: Store, rows: list[dict[str, Any]], nodes: dict[str, Node],
           keep: Callable[[Node], bool] | None, limit: int | None) -> tuple[list[str], bool]:
    """Add the nodes the rows reach to ``nodes``; returns those added and whether the limit cut."""
    reached = list(dict.fromkeys(end for r in rows for end in (r["source"], r["target"]) if end not in nodes))
    candidates = fetch_nodes(store, reached)
    entered = []
    for node_id in reached:
        node = candidates.get(node_id)
        if node is None or (keep is not None and not keep(node)):
            continue
        if limit is not None and len(nodes) >= limit:
            return entered, True
        nodes[node_id] = node
        entered.append(node_id)
    return entered, False


def neighbourhood(store: Store, node_id: str, hops: int = 1, limit: int | None = 200,
                  relations: Iterable[str] | None = None) -> Subgraph:
    """The nodes and edges around one node, for a network view.

    Parameters
    ----------
    store : the graph store.
    node_id : the id of the centre node.
    hops : how far to go, 1 to 3.
    limit : at most this many nodes (nearest first); ``truncated`` tells when it cut.
    relations : follow only these relation types (default: all).

    Returns
    -------
    Subgraph
        ``nodes()``, ``edges()``, ``as_dict()``, ``to_networkx()``.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> from graph.queries import lookup
    >>> store = example_store()
    >>> person = lookup(store, "张三", types="Person")[0]["id"]
    >>> view = neighbourhood(store, person, hops=1)
    >>> sorted(n["type"] for n in view.nodes())
    ['Event', 'Person', 'Post']
    """
    if not 1 <= hops <= 3:
        raise QueryError(f"hops must be 1, 2 or 3, not {hops}")
    if not fetch_nodes(store, [node_id]):
        raise QueryError(f"no node with id {node_id!r}; find ids with `dkg query search TEXT`")
    return expand(store, [node_id], hops=hops, relations=relations, limit=limit)


def _endpoints(store: Store, key: str) -> list[str]:
    found = [n["id"] for n in lookup(store, key)]
    if not found:
        raise QueryError(f"no node is called {key!r}; find one with `dkg query search TEXT`")
    return found


def path(store: Store, a: str, b: str, *, max_hops: int = 8,
         relations: Iterable[str] = PATH_RELATIONS) -> list[dict[str, Any]]:
    """The shortest connection between two nodes through events, posts and organisations.

    Parameters
    ----------
    store : the graph store.
    a, b : node ids, or names (every node of that name is a possible end).
    max_hops : give up beyond this many edges.
    relations : the relation types a path may use (default :data:`PATH_RELATIONS`).

    Returns
    -------
    list of dict
        One record per node along the path: ``step, id, type, name, relation,
        direction`` (the edge from the previous node: ``out`` when it points from the
        previous node to this one). Empty when no path within ``max_hops`` exists.

    Notes
    -----
    A breadth-first search from both ends, one query per level, always widening the
    smaller frontier; among paths of equal length the one through the smallest ids wins.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> [(s["name"], s["relation"]) for s in path(example_store(), "张三", "王五")]
    [('张三', None), ('示例区工作会议', 'ATTENDED'), ('王五', 'ATTENDED')]
    """
    sides = [_Search(_endpoints(store, a)), _Search(_endpoints(store, b))]
    relations = tuple(relations)
    for _ in range(max_hops + 1):
        meeting = sides[0].depth.keys() & sides[1].depth.keys()
        if meeting:
            middle = min(meeting, key=lambda node: (sides[0].depth[node] + sides[1].depth[node], node))
            return _steps(store, sides[0].chain(middle)[::-1], sides[1].chain(middle))
        side = min(sides, key=lambda search: len(search.frontier))
        if not side.frontier:
            break
        side.widen(store, relations)
    return []


@dataclass
class _Search:
    """One end of a two-sided breadth-first search: parents, depths and the current frontier."""

    starts: list[str]
    parents: dict[str, dict[str, Any]] = field(default_factory=dict)
    depth: dict[str, int] = field(default_factory=dict)
    frontier: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.depth = dict.fromkeys(self.starts, 0)
        self.frontier = sorted(self.starts)

    def widen(self, store: Store, relations: tuple[str, ...]) -> None:
        """Go one level further: every node one edge from the frontier and not yet seen."""
        here = set(self.frontier)
        moves = []
        for row in _neighbour_rows(store, self.frontier, relations):
            for start, end in ((row["source"], row["target"]), (row["target"], row["source"])):
                if start in here and end not in self.depth:
                    moves.append((start, row["relation"], end, row["edge_id"], row))
        reached = []
        for start, _, end, _, row in sorted(moves, key=lambda move: move[:4]):
            if end not in self.depth:
                self.parents[end] = {"from": start, **row}
                self.depth[end] = self.depth[start] + 1
                reached.append(end)
        self.frontier = sorted(reached)

    def chain(self, node: str) -> list[tuple[str, dict[str, Any] | None]]:
        """From ``node`` back to a start: each node with the edge that leads on to the next."""
        links = []
        while node in self.parents:
            link = self.parents[node]
            links.append((node, link))
            node = link["from"]
        links.append((node, None))
        return links


def _steps(store: Store, back: list[tuple[str, dict[str, Any] | None]],
           forth: list[tuple[str, dict[str, Any] | None]]) -> list[dict[str, Any]]:
    """Path records from the first side's chain (reversed, start first) and the second's (middle first)."""
    order = [node for node, _ in back] + [node for node, _ in forth[1:]]
    edges = [link for _, link in back[1:]] + [link for _, link in forth[:-1]]
    nodes = fetch_nodes(store, order)
    steps = []
    for index, node_id in enumerate(order):
        link = edges[index - 1] if index else None
        steps.append({"step": index, "id": node_id, "type": nodes[node_id].type, "name": nodes[node_id].caption,
                      "relation": link["relation"] if link else None,
                      "direction": None if link is None else ("out" if link["source"] == order[index - 1] else "in")})
    return steps
