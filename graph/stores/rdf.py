"""What every RDF store shares: SPARQL with bound values, counts, reading the graph back."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from typing import Any, ClassVar

import rdflib
from pyparsing import ParseResults
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Literal, URIRef

from dkg.errors import DkgError, QueryError
from graph.model import GraphBatch
from graph.rdf import triples_to_batch
from graph.schema import Schema, load_schema
from graph.stores.base import Stats, Store

__all__ = ["RdfStore", "bind_values", "check_read_only_sparql", "sparql_comments"]

PARAMS_MARK = "#PARAMS"

# The SPARQL forms that may hold a '#' that starts no comment: strings (long forms first),
# IRIs, and a backslash escape in a prefixed name (ex:a\#b).
_SPARQL_STRINGS = (
    r"'''(?:[^'\\]|\\.|'(?!''))*(?:'''|\Z)",
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|\Z)',
    r"'(?:[^'\\\n\r]|\\.)*'",
    r'"(?:[^"\\\n\r]|\\.)*"',
)
_SPARQL_TOKEN = re.compile(
    rf"(?P<string>{'|'.join(_SPARQL_STRINGS)})"
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<comment>#[^\n\r]*)"
    r"|(?P<escape>\\.)"
    r"""|(?P<other>[^'"<#\\]+|.)""",
    re.DOTALL,
)


def sparql_comments(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` offsets of the comments in SPARQL text; strings and IRIs hold none.

    Examples
    --------
    >>> text = 'SELECT * { ?s ?p "#x", <urn:a#b> } # note'
    >>> [text[start:end] for start, end in sparql_comments(text)]
    ['# note']
    """
    return [match.span() for match in _SPARQL_TOKEN.finditer(text) if match.lastgroup == "comment"]


def _service_patterns(tree: Any) -> Iterator[CompValue]:
    """The SERVICE patterns of a parsed query (walked without recursion: queries nest deeply)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                yield node
            stack.extend(dict.values(node))
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(node)


def _service_target(service: CompValue) -> str:
    """Where a SERVICE pattern points, as written: <iri>, prefix:name or ?variable."""
    term = dict.get(service, "term")
    if isinstance(term, CompValue):  # a prefixed name, not yet expanded
        return f"{dict.get(term, 'prefix') or ''}:{dict.get(term, 'localname') or ''}"
    return term.n3() if hasattr(term, "n3") else str(term)


def check_read_only_sparql(text: str) -> None:
    """Raise QueryError unless ``text`` parses as a SPARQL query that reads only this store.

    Updates (INSERT, DELETE, LOAD, CLEAR, DROP ...) are refused, and so are federated
    queries: a ``SERVICE`` pattern would make the store send requests to any address.
    Both are found in rdflib's parse tree, so the words may stand in strings, IRIs and
    comments.

    Examples
    --------
    >>> check_read_only_sparql("SELECT * WHERE { ?s ?p 'SERVICE <urn:x>' } # SERVICE")
    >>> check_read_only_sparql("DELETE WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    dkg.errors.QueryError: this is a SPARQL update ...
    >>> check_read_only_sparql("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    dkg.errors.QueryError: ... federated queries (SERVICE) are not allowed from the console ...
    """
    try:
        tree = parseQuery(text)
    except Exception as query_error:
        try:
            parseUpdate(text)
        except Exception:
            raise QueryError(f"this is not a valid SPARQL query: {query_error}") from None
        raise QueryError(
            "this is a SPARQL update (INSERT, DELETE, LOAD, CLEAR, DROP ...); "
            "queries here only read the graph. Use `dkg ingest` to change it."
        ) from None
    service = next(_service_patterns(tree), None)
    if service is not None:
        raise QueryError(
            f"the query has SERVICE {_service_target(service)}: federated queries (SERVICE) are not allowed from "
            "the console, as they make the store send requests to other addresses. Query that endpoint "
            "directly, or load its data with `dkg ingest`."
        )


_check_read_only_cached = functools.lru_cache(maxsize=512)(check_read_only_sparql)


def _term(value: Any) -> str:
    if isinstance(value, URIRef):
        return value.n3()
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=rdflib.XSD.date).n3()
    return Literal(value).n3()


def _values_block(params: dict[str, Any]) -> str:
    blocks = []
    for name, value in params.items():
        rows = value if isinstance(value, (list, tuple, set)) else [value]
        cells = " ".join(f"({_term(v)})" for v in rows)
        blocks.append(f"VALUES (?{name}) {{ {cells} }}")
    return " ".join(blocks)


def bind_values(text: str, params: dict[str, Any] | None) -> str:
    """Bind ``params`` as a SPARQL VALUES block at each ``#PARAMS`` comment, else at the end.

    Only a comment that says exactly ``#PARAMS`` marks the place: the same characters in
    a string or an IRI are text like any other. A list value gives one row per item.
    Values are serialised by rdflib, so quotes, braces and query fragments stay plain
    strings.

    Examples
    --------
    >>> bind_values("SELECT ?x WHERE { #PARAMS\\n ?x ?p ?name }", {"name": 'a"}'})
    'SELECT ?x WHERE { VALUES (?name) { ("a\\\\"}") }\\n ?x ?p ?name }'
    >>> print(bind_values("SELECT ?x WHERE { ?x ?p '#PARAMS' }", {"x": "a"}))
    SELECT ?x WHERE { ?x ?p '#PARAMS' }
    VALUES (?x) { ("a") }
    """
    if not params:
        return text
    values = _values_block(params)
    marks = [(start, end) for start, end in sparql_comments(text) if text[start:end].rstrip() == PARAMS_MARK]
    if not marks:
        return f"{text}\n{values}"
    pieces, position = [], 0
    for start, end in marks:
        pieces += [text[position:start], values]
        position = end
    return "".join(pieces) + text[position:]


def engine_message(error: BaseException, limit: int = 400) -> str:
    """An engine's error message on one line, cut to ``limit`` characters.

    Examples
    --------
    >>> engine_message(OSError("cannot reach\\n  the server"))
    'cannot reach the server'
    """
    message = " ".join(str(error).split()) or type(error).__name__
    return message if len(message) <= limit else message[:limit] + " ..."


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
        try:
            return self._rows(prefixes + bind_values(text, params))
        except DkgError:
            raise
        except Exception as error:  # an engine may raise anything; callers catch one family
            raise self._engine_error(error) from error

    def _rows(self, query: str) -> list[dict[str, Any]]:
        """The rows of a checked query with its values bound, through rdflib (a store may ask its engine)."""
        result = self.graph.query(query)
        names = [str(v) for v in result.vars or []]
        return [{n: self._python(row[i]) for i, n in enumerate(names)} for row in result]

    def _engine_error(self, error: Exception) -> DkgError:
        """The error to raise when the engine fails on a query that passed the check."""
        return QueryError(f"the {self.name} store could not run the query: {engine_message(error)}")

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
