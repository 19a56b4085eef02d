"""Typed records for what the stores hold: nodes, edges and batches of both.

Ids are stable and deterministic: a node's id is derived from its type and the values
of its type's key properties (``graph/schema.yaml``), an edge's id from its type, its
ends and the article it was read in. Loading the same article twice therefore makes
the same ids, and a store that merges on ids changes nothing the second time.

Examples
--------
>>> person = Node.create("Person", name="李明", jurisdiction="上海市徐汇区")
>>> person.id == Node.create("Person", name="李明", jurisdiction="上海市徐汇区").id
True
>>> person.id.startswith("person-")
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from dkg.errors import SchemaError
from graph.schema import Schema, load_schema

__all__ = ["Edge", "GraphBatch", "Node", "Provenance", "stable_id"]


def _key_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def stable_id(kind: str, *parts: Any) -> str:
    """A short id from a kind and the parts of its canonical key.

    Examples
    --------
    >>> stable_id("person", "李明", "上海市徐汇区")
    'person-...'
    """
    # Most parts are text already: a list of them joins faster than a generator calling _key_text on each.
    key = "\x1f".join([p if type(p) is str else _key_text(p) for p in parts]).encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(key, digest_size=8)
    return f"{kind.lower()}-{digest.hexdigest()}"


@dataclass(frozen=True)
class Provenance:
    """Where a fact was read: article, character span in its text, the sentence quoted."""

    article_id: str
    span_start: int
    span_end: int
    sentence: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "span_start": self.span_start,
            "span_end": self.span_end,
            "sentence": self.sentence,
        }


@dataclass
class Node:
    """A node of the graph: type name, stable id, properties (schema-checked)."""

    type: str
    id: str
    properties: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, type: str, schema: Schema | None = None, **properties: Any) -> Node:
        """Build a node whose id derives from its type's key properties."""
        node_type = (schema or load_schema()).node(type)
        _check_properties(type, node_type.properties, properties)
        node_id = stable_id(type, type, *(properties.get(k) for k in node_type.key))
        values = {k: v for k, v in properties.items() if v is not None and v != []}
        return cls(type, node_id, values)

    @property
    def caption(self) -> str:
        return str(self.properties.get(load_schema().node(self.type).caption, self.id))

    def merge(self, other: Node) -> None:
        """Take the other node's properties; list properties are united, in order."""
        for name, value in other.properties.items():
            mine = self.properties.get(name)
            if isinstance(value, list):
                self.properties[name] = list(dict.fromkeys([*(mine or []), *value]))
            elif mine is None:
                self.properties[name] = value


@dataclass
class Edge:
    """A directed, typed edge with its properties and the provenance it was read from."""

    type: str
    source: str
    target: str
    provenance: Provenance
    properties: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        # Hashed once and again only when a part of the key changes: batches and stores ask often.
        key = (self.type, self.source, self.target, self.provenance.article_id)
        cached = self.__dict__.get("_id")
        if cached is None or cached[0] != key:
            cached = self.__dict__["_id"] = (key, stable_id("edge", *key))
        return cached[1]

    @classmethod
    def create(cls, type: str, source: Node, target: Node, provenance: Provenance,
               schema: Schema | None = None, **properties: Any) -> Edge:
        """Build an edge between two nodes, checking its ends and properties."""
        relation = (schema or load_schema()).relation(type)
        if source.type not in relation.source or target.type not in relation.target:
            raise SchemaError(
                f"{type} goes from {relation.source} to {relation.target}, "
                f"not from {source.type} to {target.type}"
            )
        _check_properties(type, relation.properties, properties)
        values = {k: v for k, v in properties.items() if v is not None and v != []}
        return cls(type, source.id, target.id, provenance, values)


def _check_properties(owner: str, known: dict, given: dict[str, Any]) -> None:
    if not given.keys() <= known.keys():
        unknown = sorted(set(given) - set(known))
        raise SchemaError(f"{owner} has no properties {unknown}; the schema names {sorted(known)}")


@dataclass
class GraphBatch:
    """Nodes and edges written together: a store applies a batch whole or not at all."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)

    def add_node(self, node: Node) -> Node:
        """Add a node, merging it into one with the same id; returns the kept node."""
        kept = self.nodes.setdefault(node.id, node)
        if kept is not node:
            kept.merge(node)
        return kept

    def add_edge(self, edge: Edge) -> Edge:
        """Add an edge; the first observation of an id in a batch is kept."""
        return self.edges.setdefault(edge.id, edge)

    def update(self, other: GraphBatch) -> None:
        for node in other.nodes.values():
            self.add_node(node)
        for edge_id, edge in other.edges.items():  # keyed by id already: no second hash
            self.edges.setdefault(edge_id, edge)

    def nodes_of(self, type: str) -> Iterator[Node]:
        return (n for n in self.nodes.values() if n.type == type)

    def edges_of(self, type: str) -> Iterator[Edge]:
        return (e for e in self.edges.values() if e.type == type)

    def __len__(self) -> int:
        return len(self.nodes) + len(self.edges)

    @classmethod
    def union(cls, batches: Iterable[GraphBatch]) -> GraphBatch:
        whole = cls()
        for batch in batches:
            whole.update(batch)
        return whole
