"""The graph room: schema, records, stores, queries, exports and analytics."""

from graph.model import Edge, GraphBatch, Node, Provenance
from graph.schema import Schema, load_schema

__all__ = ["Edge", "GraphBatch", "Node", "Provenance", "Schema", "load_schema"]
