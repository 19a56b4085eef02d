"""Load and validate the schema file, ``graph/schema.yaml``.

The schema is data: node types, relation types, their properties, RDF terms, Neo4j
labels and dashboard styles. This module reads the file once, checks that it holds
together, and hands out typed views of it.

Examples
--------
>>> schema = load_schema()
>>> schema.node("Person").neo4j
'Person'
>>> schema.relation("ATTENDED").source
('Person',)
>>> schema.expand("org:holds")
'http://www.w3.org/ns/org#holds'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dkg.errors import SchemaError
from dkg.yamltext import load_yaml

__all__ = ["SCHEMA_PATH", "NodeType", "PropertyDef", "RelationType", "Schema", "load_schema"]

SCHEMA_PATH = Path(__file__).with_name("schema.yaml")
DATATYPES = {"string", "strings", "integer", "date", "node"}


@dataclass(frozen=True)
class PropertyDef:
    """One property of a node or relation type."""

    name: str
    datatype: str
    rdf: str
    required: bool = False
    values: tuple[str, ...] = ()
    value_labels: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def is_list(self) -> bool:
        return self.datatype == "strings"

    def label_of(self, value: str | None) -> str:
        """The display label of a vocabulary value (the value itself when it has none).

        >>> load_schema().node("Event").properties["event_type"].label_of("meeting")
        '会议'
        """
        return self.value_labels.get(value or "", value or "")


@dataclass(frozen=True)
class NodeType:
    """A node type: its key, properties, RDF class, Neo4j label and style."""

    name: str
    label: str
    rdf: str
    neo4j: str
    key: tuple[str, ...]
    caption: str
    properties: dict[str, PropertyDef]
    style: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RelationType:
    """A relation type: its ends, direct RDF predicate and qualified class."""

    name: str
    label: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    rdf: str
    qualified: str
    inverse: bool
    properties: dict[str, PropertyDef]

    @property
    def neo4j(self) -> str:
        return self.name


@dataclass(frozen=True)
class Schema:
    """The whole schema: namespaces, provenance properties, node and relation types."""

    namespaces: dict[str, str]
    structure: dict[str, str]
    provenance: dict[str, PropertyDef]
    nodes: dict[str, NodeType]
    relations: dict[str, RelationType]
    _expanded: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def node(self, name: str) -> NodeType:
        """The node type called ``name``; raises SchemaError when unknown."""
        try:
            return self.nodes[name]
        except KeyError:
            raise SchemaError(f"unknown node type {name!r}; known: {sorted(self.nodes)}") from None

    def relation(self, name: str) -> RelationType:
        """The relation type called ``name``; raises SchemaError when unknown."""
        try:
            return self.relations[name]
        except KeyError:
            known = sorted(self.relations)
            raise SchemaError(f"unknown relation type {name!r}; known: {known}") from None

    def expand(self, curie: str) -> str:
        """Expand a ``prefix:local`` term to a full IRI (remembered: the RDF mapping asks often)."""
        known = self._expanded.get(curie)
        if known is not None:
            return known
        prefix, _, local = curie.partition(":")
        if prefix not in self.namespaces:
            raise SchemaError(f"unknown prefix {prefix!r} in {curie!r}")
        self._expanded[curie] = self.namespaces[prefix] + local
        return self._expanded[curie]

    def term(self, local: str) -> str:
        """A term of the project's own namespace (``dkg:``), as a full IRI."""
        return self.namespaces["dkg"] + local

    @property
    def id_base(self) -> str:
        """The IRI every node and edge id is appended to."""
        return self.namespaces["id"]


def _properties(owner: str, raw: dict[str, Any], namespaces: dict[str, str]) -> dict[str, PropertyDef]:
    properties = {}
    for name, spec in (raw or {}).items():
        datatype = spec.get("type", "string")
        if datatype not in DATATYPES:
            raise SchemaError(f"{owner}.{name}: type {datatype!r} is not one of {sorted(DATATYPES)}")
        rdf = spec.get("rdf")
        if not rdf or rdf.partition(":")[0] not in namespaces:
            raise SchemaError(f"{owner}.{name}: needs an rdf term with a known prefix, got {rdf!r}")
        raw_values = spec.get("values", ())
        labels = dict(raw_values) if isinstance(raw_values, dict) else {}
        properties[name] = PropertyDef(name, datatype, rdf, bool(spec.get("required")), tuple(raw_values), labels)
    return properties


def _as_tuple(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _node_type(name: str, spec: dict[str, Any], namespaces: dict[str, str]) -> NodeType:
    properties = _properties(name, spec.get("properties"), namespaces)
    key = _as_tuple(spec.get("key", ()))
    missing = [k for k in key if k not in properties]
    if not key or missing:
        raise SchemaError(f"node type {name}: key {list(key)} names no property or unknown ones {missing}")
    caption = spec.get("caption", key[0])
    if caption not in properties:
        raise SchemaError(f"node type {name}: caption {caption!r} is not a property")
    return NodeType(
        name=name,
        label=spec.get("label", name),
        rdf=spec["rdf"],
        neo4j=spec.get("neo4j", name),
        key=key,
        caption=caption,
        properties=properties,
        style=dict(spec.get("style", {})),
    )


def _relation_type(name: str, spec: dict[str, Any], schema_nodes: dict[str, NodeType],
                   namespaces: dict[str, str]) -> RelationType:
    source, target = _as_tuple(spec.get("source", ())), _as_tuple(spec.get("target", ()))
    for end in (*source, *target):
        if end not in schema_nodes:
            raise SchemaError(f"relation {name}: end {end!r} is not a node type")
    if not source or not target:
        raise SchemaError(f"relation {name}: needs a source and a target")
    for term in ("rdf", "qualified"):
        if not spec.get(term):
            raise SchemaError(f"relation {name}: needs an {term!r} term")
    return RelationType(
        name=name,
        label=spec.get("label", name),
        source=source,
        target=target,
        rdf=spec["rdf"],
        qualified=spec["qualified"],
        inverse=bool(spec.get("inverse")),
        properties=_properties(name, spec.get("properties"), namespaces),
    )


def parse_schema(raw: dict[str, Any]) -> Schema:
    """Build a :class:`Schema` from the parsed YAML mapping, validating it."""
    namespaces = dict(raw.get("namespaces", {}))
    for needed in ("dkg", "id"):
        if needed not in namespaces:
            raise SchemaError(f"schema: namespace {needed!r} is required")
    nodes = {name: _node_type(name, spec, namespaces) for name, spec in raw.get("nodes", {}).items()}
    relations = {
        name: _relation_type(name, spec, nodes, namespaces)
        for name, spec in raw.get("relations", {}).items()
    }
    provenance = _properties("provenance", raw.get("provenance"), namespaces)
    structure = dict(raw.get("structure", {}))
    missing = {"id", "relation", "edge_source", "edge_target"} - set(structure)
    if missing:
        raise SchemaError(f"schema: the structure block lacks {sorted(missing)}")
    schema = Schema(namespaces, structure, provenance, nodes, relations)
    for curie in structure.values():
        schema.expand(curie)
    for node_type in nodes.values():
        schema.expand(node_type.rdf)
    for relation in relations.values():
        schema.expand(relation.rdf)
        schema.expand(relation.qualified)
    _check_qualified_classes_distinct(schema)
    return schema


def _check_qualified_classes_distinct(schema: Schema) -> None:
    """A qualified node's class is what tells its relation in RDF, so no two relations may share one."""
    seen: dict[str, str] = {}
    for relation in schema.relations.values():
        other = seen.setdefault(schema.expand(relation.qualified), relation.name)
        if other != relation.name:
            raise SchemaError(f"schema: relations {other} and {relation.name} share the qualified class "
                              f"{relation.qualified}; give each relation a class of its own")


@functools.lru_cache(maxsize=4)
def load_schema(path: str | Path = SCHEMA_PATH) -> Schema:
    """Read and validate the schema file (cached: the schema is read once per process)."""
    try:
        raw = load_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise SchemaError(f"{path}: cannot read the schema ({error})") from error
    return parse_schema(raw)
