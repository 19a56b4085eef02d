"""An in-memory RDF store (rdflib's own), for tests and for ``dkg extract``-sized work."""

from __future__ import annotations

from typing import ClassVar

import rdflib

from graph.model import GraphBatch
from graph.rdf import batch_to_ntriples
from graph.schema import Schema
from graph.stores.rdf import RdfStore

__all__ = ["MemoryStore"]


class MemoryStore(RdfStore):
    """A store that lives as long as the process; writes are all or nothing."""

    name: ClassVar[str] = "memory"

    def __init__(self, schema: Schema | None = None) -> None:
        super().__init__(schema)
        self.graph = rdflib.Graph()

    def write(self, batch: GraphBatch) -> None:
        staged = rdflib.Graph()
        staged.parse(data=batch_to_ntriples(batch, self.schema), format="nt")
        self.graph += staged
