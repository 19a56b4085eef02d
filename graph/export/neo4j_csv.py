"""neo4j-admin import files: CSV nodes per label and relationships per type, and the command to load them.

The layout follows the header format of ``neo4j-admin database import``: node files start
with ``id:ID`` and ``:LABEL``, relationship files with ``:START_ID``, ``:END_ID`` and
``:TYPE``, and every other column names a property with its type (``page:int``,
``date:date``, ``aliases:string[]``; plain strings carry no type). Ids are global, so one
id space serves every label. Relationships carry their ``id`` and their provenance
(``article_id``, ``span_start``, ``span_end``, ``sentence``), as the Neo4j store writes them.

``import-command.txt`` holds the command line that loads the folder into a new database::

    neo4j-admin database import full neo4j --nodes=nodes_Person.csv ... --relationships=...

Strings are always quoted and an absent value is an empty unquoted field, so an empty
string and no value stay apart. List items are joined with an array delimiter that no item
contains, named in the command.

Examples
--------
>>> import tempfile, pathlib
>>> from graph.queries.examples import example_batch
>>> from graph.schema import load_schema
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> paths = write_neo4j_csv(example_batch(), folder, load_schema())
>>> (folder / "nodes_Person.csv").read_text(encoding="utf-8").splitlines()[0]
'id:ID,:LABEL,name,jurisdiction,person_class,aliases:string[],pinyin'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.export.files import ExportError, child_path
from graph.model import GraphBatch
from graph.schema import PropertyDef, Schema

__all__ = ["COMMAND_FILE", "header_field", "import_command", "write_neo4j_csv"]

COMMAND_FILE = "import-command.txt"
DATABASE = "neo4j"
ARRAY_DELIMITERS = (";", "|", "¦", "\u001f")
_TYPES = {"string": "", "node": "", "integer": ":int", "date": ":date", "strings": ":string[]"}


def header_field(prop: PropertyDef) -> str:
    """The header field of a property: its name and neo4j-admin type.

    Examples
    --------
    >>> from graph.schema import load_schema
    >>> header_field(load_schema().relation("ATTENDED").properties["order"])
    'order:int'
    """
    return prop.name + _TYPES[prop.datatype]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _field(value: Any, prop: PropertyDef | None, delimiter: str) -> str:
    if value is None or value == []:
        return ""
    if prop is not None and prop.datatype == "integer":
        return str(int(value))
    if isinstance(value, list):
        return _quoted(delimiter.join(str(v) for v in value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return _quoted(str(value))


def _array_delimiter(batch: GraphBatch) -> str:
    items = {str(v) for record in (*batch.nodes.values(), *batch.edges.values())
             for value in record.properties.values() if isinstance(value, list) for v in value}
    for delimiter in ARRAY_DELIMITERS:
        if not any(delimiter in item for item in items):
            return delimiter
    raise ExportError(f"every array delimiter {ARRAY_DELIMITERS} occurs in some list value; "
                      "cannot write neo4j-admin CSV for this graph")


def _write_rows(path: Path, header: list[str], rows: Iterable[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(header) + "\n")
        for row in rows:
            handle.write(",".join(row) + "\n")


def _write_nodes(batch: GraphBatch, out: Path, schema: Schema, delimiter: str) -> list[Path]:
    paths = []
    for node_type in schema.nodes.values():
        nodes = sorted(batch.nodes_of(node_type.name), key=lambda n: n.id)
        if not nodes:
            continue
        props = list(node_type.properties.values())
        header = ["id:ID", ":LABEL", *(header_field(p) for p in props)]
        rows = ([_quoted(n.id), _quoted(node_type.neo4j),
                 *(_field(n.properties.get(p.name), p, delimiter) for p in props)] for n in nodes)
        path = child_path(out, f"nodes_{node_type.neo4j}.csv")
        _write_rows(path, header, rows)
        paths.append(path)
    return paths


def _write_relationships(batch: GraphBatch, out: Path, schema: Schema, delimiter: str) -> list[Path]:
    paths = []
    provenance = list(schema.provenance.values())
    for relation in schema.relations.values():
        edges = sorted(batch.edges_of(relation.name), key=lambda e: e.id)
        if not edges:
            continue
        props = list(relation.properties.values())
        header = [":START_ID", ":END_ID", ":TYPE", "id", *(header_field(p) for p in [*props, *provenance])]
        rows = ([_quoted(e.source), _quoted(e.target), _quoted(relation.neo4j), _quoted(e.id),
                 *(_field(e.properties.get(p.name), p, delimiter) for p in props),
                 *(_field(e.provenance.as_dict()[p.name], p, delimiter) for p in provenance)] for e in edges)
        path = child_path(out, f"relationships_{relation.neo4j}.csv")
        _write_rows(path, header, rows)
        paths.append(path)
    return paths


def _has_newlines(batch: GraphBatch) -> bool:
    texts = [str(v) for n in batch.nodes.values() for v in n.properties.values()]
    texts += [e.provenance.sentence for e in batch.edges.values()]
    return any("\n" in text or "\r" in text for text in texts)


def import_command(node_files: list[str], relationship_files: list[str], delimiter: str,
                   multiline: bool, database: str = DATABASE) -> str:
    """The ``neo4j-admin database import full`` command line for these files.

    Examples
    --------
    >>> import_command(["nodes_Person.csv"], ["relationships_WROTE.csv"], ";", False).split()[4:]
    ['neo4j', '--nodes=nodes_Person.csv', '--relationships=relationships_WROTE.csv', '--array-delimiter=U+003B']
    """
    parts = ["neo4j-admin", "database", "import", "full", database]
    parts += [f"--nodes={name}" for name in node_files]
    parts += [f"--relationships={name}" for name in relationship_files]
    parts.append(f"--array-delimiter=U+{ord(delimiter):04X}")
    if multiline:
        parts.append("--multiline-fields=true")
    return " ".join(parts)


def write_neo4j_csv(batch: GraphBatch, out: Path, schema: Schema) -> list[Path]:
    """Write the batch as neo4j-admin import files inside the folder ``out``; return the paths.

    Run the command in ``import-command.txt`` from inside ``out``, on a Neo4j server whose
    target database does not exist yet (``full`` import creates it).
    """
    delimiter = _array_delimiter(batch)
    nodes = _write_nodes(batch, out, schema, delimiter)
    relationships = _write_relationships(batch, out, schema, delimiter)
    command = import_command([p.name for p in nodes], [p.name for p in relationships], delimiter,
                             _has_newlines(batch))
    command_path = child_path(out, COMMAND_FILE)
    command_path.write_text("# run from this folder; `full` creates the database, which must not exist yet\n"
                            f"{command}\n", encoding="utf-8")
    return [*nodes, *relationships, command_path]
