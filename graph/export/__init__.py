"""Exports by format name: write a graph batch as RDF, GraphML, GEXF, CSV tables or JSON.

Like rdflib's serializers, a format is a name in :data:`FORMATS` that points at a writer
function, imported on first use; adding a format is one line there. A writer takes
``(batch, out, schema)`` and returns the paths it wrote; it writes only at ``out`` (a
file) or inside it (a folder, for ``folder`` formats), building derived file names with
:func:`graph.export.files.child_path`, which refuses path tricks.

Examples
--------
>>> import tempfile, pathlib
>>> from graph.queries.examples import example_batch
>>> out = pathlib.Path(tempfile.mkdtemp()) / "graph.graphml"
>>> result = write(example_batch(), "graphml", out)
>>> (result.nodes, result.paths == [out])
(11, True)
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dkg.errors import DkgError, NotAvailableError
from graph.export.files import ExportError, check_output, child_path
from graph.export.labels import add_pinyin
from graph.model import GraphBatch
from graph.schema import Schema, load_schema

__all__ = ["FORMATS", "ExportError", "ExportFormat", "ExportResult", "child_path", "write"]


@dataclass(frozen=True)
class ExportFormat:
    """Where a format's writer lives, and whether it writes one file or a folder."""

    module: str
    function: str
    summary: str
    suffix: str = ""
    folder: bool = False


FORMATS: dict[str, ExportFormat] = {
    "turtle": ExportFormat("graph.export.rdf", "write_turtle", "RDF Turtle with the schema's prefixes", ".ttl"),
    "nt": ExportFormat("graph.export.rdf", "write_ntriples", "RDF N-Triples, UTF-8", ".nt"),
    "jsonld": ExportFormat("graph.export.rdf", "write_jsonld", "JSON-LD (rdflib) with a @context", ".jsonld"),
    "graphml": ExportFormat("graph.export.network", "write_graphml", "GraphML (networkx), for Gephi, yEd", ".graphml"),
    "gexf": ExportFormat("graph.export.network", "write_gexf", "GEXF (networkx), dated for Gephi's timeline",
                         ".gexf"),
    "json": ExportFormat("graph.export.network", "write_node_link", "node-link JSON (networkx), UTF-8", ".json"),
    "csv": ExportFormat("graph.export.tables", "write_csv", "a folder of CSV tables: nodes per type, edges per "
                        "relation", folder=True),
    "neo4j-csv": ExportFormat("graph.export.neo4j_csv", "write_neo4j_csv", "neo4j-admin import files", folder=True),
}


@dataclass
class ExportResult:
    """What an export wrote."""

    format: str
    out: Path
    paths: list[Path] = field(default_factory=list)
    nodes: int = 0
    edges: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"format": self.format, "out": str(self.out), "paths": [str(p) for p in self.paths],
                "nodes": self.nodes, "edges": self.edges}


def _writer(name: str) -> Any:
    if name not in FORMATS:
        raise ExportError(f"unknown export format {name!r}; choose one of {sorted(FORMATS)}")
    spec = FORMATS[name]
    try:
        return getattr(importlib.import_module(spec.module), spec.function)
    except ImportError as error:
        raise NotAvailableError(f"the {name} export needs a module that is not installed ({error})") from error


def write(batch: GraphBatch, format: str, out: str | Path, *, pinyin: bool = False,
          schema: Schema | None = None) -> ExportResult:
    """Write ``batch`` in ``format`` at ``out`` (a file, or a folder for folder formats).

    Parameters
    ----------
    batch : the nodes and edges to write (a whole store's ``export_batch()`` or a subgraph).
    format : a name in :data:`FORMATS`.
    out : the file (or folder) to write; its parent folders are created.
    pinyin : add a ``pinyin`` property to the node types whose schema has one (names
        of people and organisations), for tools that cannot show Chinese.
    """
    writer = _writer(format)
    out = check_output(Path(out), folder=FORMATS[format].folder)
    schema = schema or load_schema()
    if pinyin:
        batch = add_pinyin(batch, schema)
    try:
        paths = writer(batch, out, schema)
    except DkgError:
        raise
    except OSError as error:
        raise ExportError(f"cannot write the {format} export at {out}: {error}") from error
    return ExportResult(format, out, paths, len(batch.nodes), len(batch.edges))
