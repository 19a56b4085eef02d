"""RDF exports: Turtle, N-Triples and JSON-LD, in the layout of :mod:`graph.rdf`.

Chinese stays readable: files are UTF-8 and nothing is written as ``\\u`` escapes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph
import rdflib

from graph.model import GraphBatch
from graph.rdf import batch_to_ntriples
from graph.schema import Schema, load_schema

__all__ = ["jsonld_context", "to_rdflib", "write_jsonld", "write_ntriples", "write_turtle"]


def jsonld_context(schema: Schema | None = None) -> dict[str, Any]:
    """A JSON-LD ``@context`` from the schema's namespaces.

    Examples
    --------
    >>> jsonld_context()["schema"]
    'https://schema.org/'
    """
    return dict((schema or load_schema()).namespaces)


def to_rdflib(batch: GraphBatch, schema: Schema | None = None) -> rdflib.Graph:
    """The batch as an rdflib graph, with the schema's prefixes bound."""
    schema = schema or load_schema()
    graph = rdflib.Graph()
    for prefix, namespace in schema.namespaces.items():
        graph.bind(prefix, rdflib.Namespace(namespace), override=True, replace=True)
    graph.parse(data=batch_to_ntriples(batch, schema), format="nt")
    return graph


def write_ntriples(batch: GraphBatch, out: Path, schema: Schema) -> list[Path]:
    """N-Triples, one triple a line, UTF-8."""
    out.write_text(batch_to_ntriples(batch, schema), encoding="utf-8")
    return [out]


def write_turtle(batch: GraphBatch, out: Path, schema: Schema) -> list[Path]:
    """Turtle with the schema's prefixes.

    Written by Oxigraph's serializer (the store's own library), which streams and is
    far faster than rdflib's on large graphs; rdflib reads the result back unchanged.
    """
    triples = pyoxigraph.parse(batch_to_ntriples(batch, schema).encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    pyoxigraph.serialize(triples, output=str(out), format=pyoxigraph.RdfFormat.TURTLE,
                         prefixes=dict(schema.namespaces))
    return [out]


def write_jsonld(batch: GraphBatch, out: Path, schema: Schema) -> list[Path]:
    """JSON-LD compacted with a ``@context`` of the schema's namespaces."""
    text = to_rdflib(batch, schema).serialize(format="json-ld", context=jsonld_context(schema), indent=2,
                                              ensure_ascii=False)
    out.write_text(text, encoding="utf-8")
    return [out]
