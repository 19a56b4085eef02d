"""Run a query definition on a store and turn its rows into the same Python values everywhere.

A SPARQL store and a Cypher store answer the same query with the same columns, but not
always with the same Python types: dates may come as ``neo4j.time.Date``, several roles
as a list or as one joined string, a node's type as a class IRI or as a label. The
helpers here make them equal, so the functions of :mod:`graph.queries` return records
that compare equal whatever the backend.

Examples
--------
>>> as_list("出席\\x1f讲话")
['出席', '讲话']
>>> as_date("2025-01-20")
datetime.date(2025, 1, 20)
>>> node_type("https://schema.org/Person")
'Person'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rdflib.term import URIRef

from dkg.errors import QueryError
from graph.queries.definitions import SPECS, check_limit, load_for, with_limit
from graph.schema import PropertyDef, Schema, load_schema
from graph.stores.base import Store

__all__ = [
    "LIST_SEPARATOR", "Vocabulary", "as_date", "as_id", "as_int", "as_list", "as_text", "node_type", "run",
    "sort_key", "vocabulary",
]

LIST_SEPARATOR = "\x1f"


def run(store: Store, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run the research query ``name`` on ``store`` in the store's query language.

    Absent parameters (None, or an empty list) are left unbound in SPARQL and passed as
    null to Cypher; missing required ones raise QueryError. A row limit is checked and
    written into SPARQL as ``LIMIT n`` (:func:`~graph.queries.definitions.with_limit`).
    """
    spec = SPECS[name]
    unknown = sorted(set(params) - set(spec.params))
    if unknown:
        raise QueryError(f"the {name!r} query takes {list(spec.params)}, not {unknown}")
    values = {k: (None if v == [] else v) for k, v in params.items()}
    missing = [p for p in spec.required if values.get(p) is None]
    if missing:
        raise QueryError(f"the {name!r} query needs {missing}")
    language = store.query_language
    if spec.limit:
        values["limit"] = check_limit(values["limit"])
    if language == "sparql":
        bound = {k: _as_iris(v) if k in spec.iris else v
                 for k, v in values.items() if v is not None and not (spec.limit and k == "limit")}
    else:
        bound = {p: values.get(p) for p in spec.params}
    text = load_for(name, language, frozenset(k for k, v in bound.items() if v is not None))
    if spec.limit and language == "sparql":
        text = with_limit(text, values["limit"])
    return store.query(text, bound)


def _as_iris(ids: Any) -> list[URIRef]:
    base = load_schema().id_base
    return [URIRef(base + node_id) for node_id in (ids if isinstance(ids, (list, tuple, set)) else [ids])]


def as_date(value: Any) -> dt.date | None:
    """A ``datetime.date`` from a date, an ISO string or a driver's date type."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_native"):
        return as_date(value.to_native())
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise QueryError(f"{value!r} is not a date like 2025-01-27") from None


def as_id(value: Any, schema: Schema | None = None) -> str | None:
    """A node or edge id, from an id or from its IRI."""
    if value is None:
        return None
    return str(value).removeprefix((schema or load_schema()).id_base)


def as_int(value: Any) -> int | None:
    return None if value is None or value == "" else int(value)


def as_text(value: Any) -> str | None:
    return None if value is None else str(value)


def as_list(value: Any) -> list[str]:
    """Several values as a sorted list, from a list or a U+001F-joined string."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple, set)) else str(value).split(LIST_SEPARATOR)
    return sorted({str(item) for item in items if item not in (None, "")})


class Vocabulary:
    """Lookup tables from what stores return (IRIs, labels, names) to schema names."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.types: dict[str, str] = {}
        for node in schema.nodes.values():
            self.types.update({schema.expand(node.rdf): node.name, node.neo4j: node.name, node.name: node.name})
        self.node_properties = {n.name: self._by_term(n.properties) for n in schema.nodes.values()}
        self.edge_properties = {r.name: self._by_term(r.properties) for r in schema.relations.values()}
        self.provenance = self._by_term(schema.provenance)

    def _by_term(self, defs: dict[str, PropertyDef]) -> dict[str, PropertyDef]:
        return {**{self.schema.expand(p.rdf): p for p in defs.values()}, **defs}


_VOCABULARIES: dict[int, Vocabulary] = {}


def vocabulary(schema: Schema | None = None) -> Vocabulary:
    """The lookup tables of ``schema`` (the project's schema by default), built once."""
    schema = schema or load_schema()
    if id(schema) not in _VOCABULARIES or _VOCABULARIES[id(schema)].schema is not schema:
        _VOCABULARIES[id(schema)] = Vocabulary(schema)
    return _VOCABULARIES[id(schema)]


def node_type(value: Any, schema: Schema | None = None) -> str | None:
    """The schema's node type name for a class IRI, a Neo4j label or a type name; else None."""
    if isinstance(value, (list, tuple)):
        return next((t for t in (node_type(v, schema) for v in value) if t), None)
    return vocabulary(schema).types.get(str(value))


def sort_key(*values: Any) -> tuple:
    """A total sort key: None sorts last, other values by (type, value)."""
    return tuple(_part(v) for v in values)


def _part(value: Any) -> tuple:
    if value is None:
        return (1, "", "")
    if isinstance(value, (list, tuple)):
        return (0, "list", tuple(_part(v) for v in value))
    return (0, type(value).__name__, value)

