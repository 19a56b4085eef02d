"""The RDF mapping of the graph, read from the schema, in both directions.

A node becomes a resource of its type's class with one triple per property value. An
edge becomes the direct triple of its relation (``org:holds``, ``schema:attendee`` ...)
plus a qualified node of its own (like ``org:Membership``) that carries the edge's
properties and its provenance, so every fact can cite its article, span and sentence.

Examples
--------
>>> from graph.model import GraphBatch, Node
>>> batch = GraphBatch()
>>> _ = batch.add_node(Node.create("Organization", name="香港科技大学"))
>>> lines = batch_to_ntriples(batch).splitlines()
>>> any('"香港科技大学"' in line for line in lines)
True
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from graph.model import Edge, GraphBatch, Node, Provenance
from graph.schema import PropertyDef, Schema, load_schema

__all__ = ["RDF_TYPE", "batch_to_ntriples", "iter_triples", "node_iri", "triples_to_batch"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
_SURROGATES = re.compile("[\ud800-\udfff]")
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def node_iri(node_id: str, schema: Schema | None = None) -> str:
    """The IRI of a node or edge id."""
    return (schema or load_schema()).id_base + node_id


def _literal(value: Any, datatype: str) -> str:
    if datatype == "integer":
        return f'"{int(value)}"^^<{XSD}integer>'
    if datatype == "date":
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        return f'"{text}"^^<{XSD}date>'
    return f'"{str(value).translate(_ESCAPES)}"'


def _objects(value: Any, prop: PropertyDef, schema: Schema) -> Iterator[str]:
    values = value if isinstance(value, list) else [value]
    for item in values:
        if prop.datatype == "node":
            yield f"<{node_iri(item, schema)}>"
        else:
            yield _literal(item, "string" if prop.datatype == "strings" else prop.datatype)


def _property_triples(subject: str, values: dict[str, Any], defs: dict[str, PropertyDef],
                      schema: Schema) -> Iterator[str]:
    for name, value in values.items():
        predicate = schema.expand(defs[name].rdf)
        for obj in _objects(value, defs[name], schema):
            yield f"{subject} <{predicate}> {obj} ."


def _node_triples(node: Node, schema: Schema) -> Iterator[str]:
    node_type = schema.node(node.type)
    subject = f"<{node_iri(node.id, schema)}>"
    yield f"{subject} <{RDF_TYPE}> <{schema.expand(node_type.rdf)}> ."
    yield f"{subject} <{schema.expand(schema.structure['id'])}> {_literal(node.id, 'string')} ."
    yield from _property_triples(subject, node.properties, node_type.properties, schema)


def _edge_triples(edge: Edge, schema: Schema) -> Iterator[str]:
    relation = schema.relation(edge.type)
    source, target = f"<{node_iri(edge.source, schema)}>", f"<{node_iri(edge.target, schema)}>"
    first, second = (target, source) if relation.inverse else (source, target)
    yield f"{first} <{schema.expand(relation.rdf)}> {second} ."
    edge_id = edge.id
    subject = f"<{node_iri(edge_id, schema)}>"
    structure = {k: schema.expand(v) for k, v in schema.structure.items()}
    yield f"{subject} <{RDF_TYPE}> <{schema.expand(relation.qualified)}> ."
    yield f"{subject} <{structure['id']}> {_literal(edge_id, 'string')} ."
    yield f"{subject} <{structure['relation']}> {_literal(edge.type, 'string')} ."
    yield f"{subject} <{structure['edge_source']}> {source} ."
    yield f"{subject} <{structure['edge_target']}> {target} ."
    yield from _property_triples(subject, edge.properties, relation.properties, schema)
    yield from _property_triples(subject, edge.provenance.as_dict(), schema.provenance, schema)


def iter_triples(batch: GraphBatch, schema: Schema | None = None) -> Iterator[str]:
    """Yield the batch as N-Triples lines (without newlines)."""
    schema = schema or load_schema()
    for node in batch.nodes.values():
        yield from _node_triples(node, schema)
    for edge in batch.edges.values():
        yield from _edge_triples(edge, schema)


def batch_to_ntriples(batch: GraphBatch, schema: Schema | None = None) -> str:
    """The batch as one N-Triples document (characters UTF-8 cannot hold become U+FFFD)."""
    document = "".join(line + "\n" for line in iter_triples(batch, schema))
    try:
        document.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates, e.g. from a file decoded with surrogateescape
        document = _SURROGATES.sub("\ufffd", document)
    return document


# --- back from RDF ---------------------------------------------------------------------


class _Reverse:
    """Lookup tables from IRIs back to schema names."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.node_class = {schema.expand(t.rdf): t for t in schema.nodes.values()}
        self.edge_class = {schema.expand(r.qualified): r for r in schema.relations.values()}
        self.structure = {schema.expand(v): k for k, v in schema.structure.items()}

    def property_by_iri(self, defs: dict[str, PropertyDef]) -> dict[str, PropertyDef]:
        return {self.schema.expand(p.rdf): p for p in defs.values()}


def _python_value(term: Any, prop: PropertyDef, schema: Schema) -> Any:
    text = str(term)
    if prop.datatype == "node":
        return text.removeprefix(schema.id_base)
    if prop.datatype == "integer":
        return int(text)
    if prop.datatype == "date":
        return dt.date.fromisoformat(text)
    return text


def _fill(values: dict[str, Any], predicate_objects: list[tuple[str, Any]],
          defs: dict[str, PropertyDef], reverse: _Reverse) -> None:
    by_iri = reverse.property_by_iri(defs)
    for predicate, obj in predicate_objects:
        prop = by_iri.get(predicate)
        if prop is None:
            continue
        value = _python_value(obj, prop, reverse.schema)
        if prop.is_list:
            values.setdefault(prop.name, []).append(value)
        else:
            values[prop.name] = value


def triples_to_batch(triples: Iterable[tuple[Any, Any, Any]], schema: Schema | None = None) -> GraphBatch:
    """Rebuild nodes and edges from (subject, predicate, object) terms of a store or file.

    The inverse of :func:`iter_triples`; direct relation triples are implied by the
    qualified nodes and skipped. List values come back sorted, as RDF keeps no order.
    """
    schema = schema or load_schema()
    reverse = _Reverse(schema)
    by_subject: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    classes: dict[str, str] = {}
    for subject, predicate, obj in triples:
        if str(predicate) == RDF_TYPE:
            classes[str(subject)] = str(obj)
        else:
            by_subject[str(subject)].append((str(predicate), obj))
    batch = GraphBatch()
    for subject, class_iri in classes.items():
        pairs = by_subject.get(subject, [])
        if class_iri in reverse.node_class:
            node_type = reverse.node_class[class_iri]
            values: dict[str, Any] = {}
            _fill(values, pairs, node_type.properties, reverse)
            batch.add_node(Node(node_type.name, subject.removeprefix(schema.id_base), _sorted_lists(values)))
        elif class_iri in reverse.edge_class:
            batch.add_edge(_edge_from(reverse.edge_class[class_iri], pairs, reverse))
    return batch


def _sorted_lists(values: dict[str, Any]) -> dict[str, Any]:
    return {k: sorted(v) if isinstance(v, list) else v for k, v in values.items()}


def _edge_from(relation: Any, pairs: list[tuple[str, Any]], reverse: _Reverse) -> Edge:
    ends = {reverse.structure.get(p): str(o).removeprefix(reverse.schema.id_base) for p, o in pairs}
    values: dict[str, Any] = {}
    _fill(values, pairs, relation.properties, reverse)
    provenance: dict[str, Any] = {}
    _fill(provenance, pairs, reverse.schema.provenance, reverse)
    return Edge(relation.name, ends["edge_source"], ends["edge_target"],
                Provenance(**provenance), _sorted_lists(values))
