"""The store interface: write a batch, run a read-only query, count, close.

A store is chosen by name (:func:`graph.stores.open_store`), so the code above it does not
change when the graph moves from the embedded store to a Neo4j or SPARQL server. Like
rdflib's ``Store``, the base class states the contract in its docstrings and capability
flags replace checks for a concrete class.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

from graph.model import GraphBatch

__all__ = ["Stats", "Store"]

Stats = dict[str, dict[str, int]]


class Store(ABC):
    """A graph store.

    Contract
    --------
    - :meth:`write` applies a batch whole or not at all, and is idempotent: writing the
      same batch twice leaves the store as after the first time.
    - :meth:`query` runs one read-only query in the store's ``query_language`` with
      ``params`` bound as values, never pasted into the query text, and returns rows as
      dicts of plain Python values (node ids for nodes).
    - :meth:`stats` counts nodes per node type and edges per relation type.
    """

    name: ClassVar[str]
    query_language: ClassVar[str]
    persistent: ClassVar[bool] = False

    @abstractmethod
    def write(self, batch: GraphBatch) -> None:
        """Apply one batch atomically."""

    @abstractmethod
    def query(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one read-only query and return its rows."""

    @abstractmethod
    def stats(self) -> Stats:
        """``{"nodes": {type: count}, "relations": {type: count}}``, every schema type listed."""

    def export_batch(self) -> GraphBatch:
        """Every node and edge of the store as one batch (for exports and tests)."""
        raise NotImplementedError(f"the {self.name} store cannot export its whole graph")

    def close(self) -> None:  # noqa: B027 - optional hook, most stores have something to release
        """Release the store; the default has nothing to release."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
