"""What every RDF store shares: SPARQL with bound values, counts, reading the graph back."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any, ClassVar

import rdflib
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.term import Literal, URIRef

from dkg.errors import QueryError
from graph.model import GraphBatch
from graph.rdf import triples_to_batch
from graph.schema import Schema, load_schema
from graph.stores.base import Stats, Store

__all__ = ["RdfStore", "bind_values", "check_read_only_sparql"]

PARAMS_MARK = "#PARAMS"


def check_read_only_sparql(text: str) -> None:
    """Raise QueryError unless ``text`` parses as a SPARQL query (not an update).

    Examples
    --------
    >>> check_read_only_sparql("SELECT * WHERE { ?s ?p ?o }")
    >>> check_read_only_sparql("DELETE WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    dkg.errors.QueryError: ...
    """
    try:
        parseQuery(text)
    except Exception as query_error:
        from rdflib.plugins.sparql.parser import parseUpdate

        try:
            parseUpdate(text)
        except Exception:
            raise QueryError(f"this is not a valid SPARQL query: {query_error}") from None
        raise QueryError(
            "this is a SPARQL update (INSERT, DELETE, LOAD, CLEAR, DROP ...); "
            "queries here only read the graph. Use `dkg ingest` to change it."
        ) from None


_check_read_only_cached = functools.lru_cache(maxsize=512)(check_read_only_sparql)


def _term(value: Any) -> str:
    if isinstance(value, URIRef):
        return value.n3()
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=rdflib.XSD.date).n3()
    return Literal(value).n3()


def bind_values(text: str, params: dict[str, Any] | None) -> str:
    """Bind ``params`` as a SPARQL VALUES block (``#PARAMS`` marks where; else at the end).

    A list value gives one row per item. Values are serialised by rdflib, so quotes,
    braces and query fragments stay plain strings.

    Examples
    --------
    >>> bind_values("SELECT ?x WHERE { #PARAMS ?x ?p ?name }", {"name": 'a"}'})
    'SELECT ?x WHERE { VALUES (?name) { ("a\\\\"}") } ?x ?p ?name }'
    """
    if not params:
        return text.replace(PARAMS_MARK, "")
    blocks = []
    for name, value in params.items():
        rows = value if isinstance(value, (list, tuple, set)) else [value]
        cells = " ".join(f"({_term(v)})" for v in rows)
        blocks.append(f"VALUES (?{name}) {{ {cells} }}")
    values = " ".join(blocks)
    if PARAMS_MARK in text:
        return text.replace(PARAMS_MARK, values)
    return f"{text}\n{values}"


class RdfStore(Store):
    """A store over an rdflib ``Graph``; subclasses open the graph and write batches."""

    query_language: ClassVar[str] = "sparql"
    graph: rdflib.Graph

    def __init__(self, schema: Schema | None = None) -> None:
        self.schema = schema or load_schema()

    def query(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        prefixes = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in self.schema.namespaces.items())
        # The text is checked before values are bound: rdflib serialises the values, so
        # they cannot turn a query into an update, and the check is cached per text.
        _check_read_only_cached(prefixes + text)
        result = self.graph.query(prefixes + bind_values(text, params))
        names = [str(v) for v in result.vars or []]
        return [{n: self._python(row[i]) for i, n in enumerate(names)} for row in result]

    def _python(self, term: Any) -> Any:
        if term is None:
            return None
        if isinstance(term, URIRef):
            return str(term).removeprefix(self.schema.id_base)
        return term.toPython() if isinstance(term, Literal) else str(term)

    def stats(self) -> Stats:
        rows = self.query("SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class")
        counts = {str(r["class"]): int(r["n"]) for r in rows}
        expand = self.schema.expand
        return {
            "nodes": {t.name: counts.get(expand(t.rdf), 0) for t in self.schema.nodes.values()},
            "relations": {
                r.name: counts.get(expand(r.qualified), 0) for r in self.schema.relations.values()
            },
        }

    def export_batch(self) -> GraphBatch:
        return triples_to_batch(self.graph.triples((None, None, None)), self.schema)
