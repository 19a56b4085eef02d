"""The RDF mapping of the graph, read from the schema, in both directions.

A node becomes a resource of its type's class with one triple per property value. An
edge becomes the direct triple of its relation (``org:holds``, ``schema:attendee`` ...)
plus a qualified node of its own (like ``org:Membership``) that carries the edge's
properties and its provenance, so every fact can cite its article, span and sentence.
The qualified node's IRI is the edge's id and its class names the relation: a batch with
edges also declares, once, the relation type of each qualified class it uses
(``dkg:Attendance dkg:relationType "ATTENDED"``), which the SPARQL queries read.

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

__all__ = ["RDF_TYPE", "batch_to_ntriples", "iter_triples", "node_iri", "triples_to_batch", "unchecked_ids"]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
_SURROGATES = re.compile("[\ud800-\udfff]")
_PLAIN_ID = re.compile(r"[A-Za-z0-9._~-]+")  # unreserved IRI characters only (stable ids are kind-hex)
_TO_ESCAPE = re.compile(r'[\\"\n\r]')


def _escaped(text: str) -> str:
    """``text`` as the inside of an N-Triples string; searched first, as most need nothing
    (translating every sentence of every edge's provenance took a tenth of an ingest's resolving).

    Four replaces, not ``str.translate``: translating a Chinese article body looks every
    character up in the table (20x slower), and article bodies hold newlines.
    """
    if not _TO_ESCAPE.search(text):
        return text
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def node_iri(node_id: str, schema: Schema | None = None) -> str:
    """The IRI of a node or edge id."""
    return (schema or load_schema()).id_base + node_id


def _literal(value: Any, datatype: str) -> str:
    if datatype == "integer":
        return f'"{int(value)}"^^<{XSD}integer>'
    if datatype == "date":
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        return f'"{text}"^^<{XSD}date>'
    return f'"{_escaped(str(value))}"'


class _Vocabulary:
    """Every IRI the mapping writes, as N-Triples terms, built once per schema.

    Serialising is on the single writer's path: terms looked up here, and edge ids taken
    from the batch's keys instead of hashed again, make it about a fifth faster.
    """

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.id_base = "<" + schema.id_base
        self.type = f"<{RDF_TYPE}>"
        self.structure = {k: f"<{schema.expand(v)}>" for k, v in schema.structure.items()}
        self.node_class = {name: f"<{schema.expand(t.rdf)}>" for name, t in schema.nodes.items()}
        self.node_props = {name: self._props(t.properties) for name, t in schema.nodes.items()}
        self.relation = {name: (f"<{schema.expand(r.rdf)}>", f"<{schema.expand(r.qualified)}>", r.inverse,
                                self._props(r.properties)) for name, r in schema.relations.items()}
        self.provenance = self._props(schema.provenance)

    def _props(self, defs: dict[str, PropertyDef]) -> dict[str, tuple[str, str]]:
        kinds = {"strings": "string"}
        return {name: (f"<{self.schema.expand(d.rdf)}>", kinds.get(d.datatype, d.datatype))
                for name, d in defs.items()}


_vocabularies: dict[int, _Vocabulary] = {}


def _vocabulary(schema: Schema) -> _Vocabulary:
    known = _vocabularies.get(id(schema))
    if known is None or known.schema is not schema:
        known = _vocabularies[id(schema)] = _Vocabulary(schema)
    return known


def _object(item: Any, kind: str, words: _Vocabulary) -> str:
    if kind == "string":
        return f'"{_escaped(str(item))}"'
    if kind == "node":
        return f"{words.id_base}{item}>"
    return _literal(item, kind)


def _property_lines(subject: str, values: dict[str, Any], props: dict[str, tuple[str, str]],
                    words: _Vocabulary) -> Iterator[str]:
    for name, value in values.items():
        predicate, kind = props[name]
        for item in value if isinstance(value, list) else (value,):
            yield f"{subject} {predicate} {_object(item, kind, words)} ."


def _node_lines(node: Node, words: _Vocabulary) -> Iterator[str]:
    node_id = node.id
    subject = f"{words.id_base}{node_id}>"
    yield f"{subject} {words.type} {words.node_class[node.type]} ."
    yield f"{subject} {words.structure['id']} {_literal(node_id, 'string')} ."
    yield from _property_lines(subject, node.properties, words.node_props[node.type], words)


def _edge_lines(edge_id: str, edge: Edge, words: _Vocabulary) -> Iterator[str]:
    direct, qualified, inverse, props = words.relation[edge.type]
    source, target = f"{words.id_base}{edge.source}>", f"{words.id_base}{edge.target}>"
    first, second = (target, source) if inverse else (source, target)
    yield f"{first} {direct} {second} ."
    subject, structure = f"{words.id_base}{edge_id}>", words.structure
    yield f"{subject} {words.type} {qualified} ."
    yield f"{subject} {structure['edge_source']} {source} ."
    yield f"{subject} {structure['edge_target']} {target} ."
    yield from _property_lines(subject, edge.properties, props, words)
    yield from _property_lines(subject, edge.provenance.as_dict(), words.provenance, words)


def _relation_declarations(relations: Iterable[str], words: _Vocabulary) -> Iterator[str]:
    for name in sorted(relations):
        yield f"{words.relation[name][1]} {words.structure['relation']} {_literal(name, 'string')} ."


def iter_triples(batch: GraphBatch, schema: Schema | None = None) -> Iterator[str]:
    """Yield the batch as N-Triples lines (without newlines)."""
    words = _vocabulary(schema or load_schema())
    yield from _relation_declarations({edge.type for edge in batch.edges.values()}, words)
    for node in batch.nodes.values():
        yield from _node_lines(node, words)
    for edge_id, edge in batch.edges.items():  # keyed by id: an edge's id is a hash, costly to recompute
        yield from _edge_lines(edge_id, edge, words)


def batch_to_ntriples(batch: GraphBatch, schema: Schema | None = None) -> str:
    """The batch as one N-Triples document (characters UTF-8 cannot hold become U+FFFD)."""
    document = "".join(line + "\n" for line in iter_triples(batch, schema))
    try:
        document.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates, e.g. from a file decoded with surrogateescape
        document = _SURROGATES.sub("\ufffd", document)
    return document


def _node_valued(values: dict[str, Any], props: dict[str, tuple[str, str]]) -> Iterator[str]:
    for name, value in values.items():
        if props[name][1] == "node":
            yield from (value if isinstance(value, list) else (value,))


def unchecked_ids(batch: GraphBatch, schema: Schema | None = None) -> list[str]:
    """The ids the batch writes into IRIs that hold more than unreserved IRI characters.

    The bulk loader reads its input leniently (IRIs unchecked), which is safe only for ids
    of letters, digits and ``-._~``, as :func:`graph.model.stable_id` makes them.

    >>> from graph.model import GraphBatch, Node
    >>> batch = GraphBatch()
    >>> _ = batch.add_node(Node.create("Organization", name="某区政府"))
    >>> _ = batch.add_node(Node("Organization", "my org", {"name": "某局"}))
    >>> unchecked_ids(batch)
    ['my org']
    """
    words = _vocabulary(schema or load_schema())
    ids = [*batch.nodes, *batch.edges]
    for node in batch.nodes.values():
        ids.extend(_node_valued(node.properties, words.node_props[node.type]))
    for edge in batch.edges.values():
        ids += (edge.source, edge.target)
        ids.extend(_node_valued(edge.properties, words.relation[edge.type][3]))
        ids.extend(_node_valued(edge.provenance.as_dict(), words.provenance))
    return [node_id for node_id in dict.fromkeys(ids) if not _PLAIN_ID.fullmatch(node_id)]


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
