"""CSV tables: a folder with one file of nodes per node type and one of edges per relation type.

Files are UTF-8 with a header row; several values in a cell are joined with ``|``.
``nodes_<Type>.csv`` has ``id`` and the type's properties; ``edges_<RELATION>.csv`` has
``id, source, target``, the relation's properties and the provenance
(``article_id, span_start, span_end, sentence``). Types with nothing to write get no file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.export.files import child_path
from graph.export.network import LIST_JOINER
from graph.model import GraphBatch
from graph.schema import Schema

__all__ = ["write_csv"]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_JOINER.join(str(v) for v in value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _write_table(path: Path, header: list[str], rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(row.get(column)) for column in header])


def write_csv(batch: GraphBatch, out: Path, schema: Schema) -> list[Path]:
    """One CSV per node type and per relation type present in ``batch``, inside ``out``."""
    written = []
    for node_type in schema.nodes.values():
        nodes = sorted(batch.nodes_of(node_type.name), key=lambda n: n.id)
        if nodes:
            path = child_path(out, f"nodes_{node_type.name}.csv")
            _write_table(path, ["id", *node_type.properties], ({"id": n.id, **n.properties} for n in nodes))
            written.append(path)
    for relation in schema.relations.values():
        edges = sorted(batch.edges_of(relation.name), key=lambda e: e.id)
        if edges:
            path = child_path(out, f"edges_{relation.name}.csv")
            header = ["id", "source", "target", *relation.properties, *schema.provenance]
            _write_table(path, header, ({"id": e.id, "source": e.source, "target": e.target, **e.properties,
                                         **e.provenance.as_dict()} for e in edges))
            written.append(path)
    return written
