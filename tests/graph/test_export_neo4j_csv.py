"""neo4j-admin CSV export: headers neo4j-admin reads, counts equal to the store's, values intact."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from graph.export.neo4j_csv import COMMAND_FILE, write_neo4j_csv
from graph.model import Edge, GraphBatch, Node, Provenance
from graph.queries.examples import example_batch
from graph.schema import load_schema
from graph.stores import open_store
from tests.graph.stores.batches import HOSTILE_NAME, contract_batch, normalised


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, dict, GraphBatch]:
    """The export folder, the store's stats and the store's graph, for a graph with awkward text."""
    store = open_store("oxigraph", tmp_path / "store")
    for batch in (example_batch(), contract_batch(), contract_batch(HOSTILE_NAME)):
        store.write(batch)
    graph, stats = store.export_batch(), store.stats()
    store.close()
    out = tmp_path / "neo4j"
    out.mkdir()
    write_neo4j_csv(graph, out, load_schema())
    return out, stats, graph


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def test_export_neo4j_csv_headers_are_neo4j_admin_headers(exported) -> None:
    out, _, _ = exported
    person_header, _ = _rows(out / "nodes_Person.csv")
    assert person_header[:2] == ["id:ID", ":LABEL"] and "aliases:string[]" in person_header
    event_header, _ = _rows(out / "nodes_Event.csv")
    assert "date:date" in event_header and "name" in event_header
    assert "page:int" in _rows(out / "nodes_Article.csv")[0]
    attended_header, _ = _rows(out / "relationships_ATTENDED.csv")
    assert attended_header[:4] == [":START_ID", ":END_ID", ":TYPE", "id"]
    assert {"order:int", "roles:string[]", "article_id", "span_start:int", "span_end:int", "sentence"} <= set(
        attended_header)


def test_export_neo4j_csv_counts_equal_store_stats(exported) -> None:
    out, stats, _ = exported
    schema = load_schema()
    for name, count in stats["nodes"].items():
        path = out / f"nodes_{schema.node(name).neo4j}.csv"
        assert (len(_rows(path)[1]) if path.exists() else 0) == count, name
    for name, count in stats["relations"].items():
        path = out / f"relationships_{schema.relation(name).neo4j}.csv"
        assert (len(_rows(path)[1]) if path.exists() else 0) == count, name


def _value(text: str, field_type: str, delimiter: str):
    if field_type == "int":
        return int(text)
    if field_type == "date":
        return dt.date.fromisoformat(text)
    if field_type == "string[]":
        return sorted(text.split(delimiter))
    return text


def _read_back(out: Path, delimiter: str) -> GraphBatch:
    """Rebuild the graph from the files by their headers, as neo4j-admin would read them."""
    schema = load_schema()
    labels = {t.neo4j: t.name for t in schema.nodes.values()}
    batch = GraphBatch()
    for path in sorted(out.glob("nodes_*.csv")):
        header, rows = _rows(path)
        for row in rows:
            values = {h.partition(":")[0]: _value(v, h.partition(":")[2], delimiter)
                      for h, v in zip(header[2:], row[2:], strict=True) if v != ""}
            batch.add_node(Node(labels[row[1]], row[0], values))
    for path in sorted(out.glob("relationships_*.csv")):
        header, rows = _rows(path)
        for row in rows:
            values = {h.partition(":")[0]: _value(v, h.partition(":")[2], delimiter)
                      for h, v in zip(header[4:], row[4:], strict=True) if v != ""}
            provenance = Provenance(*(values.pop(name) for name in schema.provenance))
            batch.add_edge(Edge(row[2], row[0], row[1], provenance, values))
    return batch


def test_export_neo4j_csv_values_read_back_unchanged(exported) -> None:
    out, _, graph = exported
    back = _read_back(out, ";")
    assert normalised(back) == normalised(graph)
    assert any(n.properties.get("name") == HOSTILE_NAME for n in back.nodes.values())


def test_export_neo4j_csv_command_names_every_file(exported) -> None:
    out, _, _ = exported
    command = (out / COMMAND_FILE).read_text(encoding="utf-8").splitlines()[-1]
    assert command.startswith("neo4j-admin database import full neo4j ")
    named = {part.split("=", 1)[1] for part in command.split() if part.startswith(("--nodes=", "--relationships="))}
    assert named == {p.name for p in out.glob("*.csv")}
    assert "--multiline-fields=true" in command.split()  # the hostile name holds a newline
    assert "--array-delimiter=U+003B" in command.split()


def test_export_neo4j_csv_array_delimiter_avoids_list_items(tmp_path: Path) -> None:
    batch = GraphBatch()
    batch.add_node(Node.create("Organization", name="示例局", aliases=["甲;乙", "丙"]))
    write_neo4j_csv(batch, tmp_path, load_schema())
    command = (tmp_path / COMMAND_FILE).read_text(encoding="utf-8")
    assert "--array-delimiter=U+007C" in command
    assert "--multiline-fields" not in command
    _, rows = _rows(tmp_path / "nodes_Organization.csv")
    assert rows[0][3].split("|") == ["甲;乙", "丙"]


def test_export_neo4j_csv_keeps_empty_string_apart_from_no_value(tmp_path: Path) -> None:
    batch = GraphBatch()
    article = batch.add_node(Node.create("Article", title="示例", page=1))
    person = batch.add_node(Node.create("Person", name="示例甲"))
    batch.add_edge(Edge.create("WROTE", person, article, Provenance(article.id, 0, 0, "")))
    write_neo4j_csv(batch, tmp_path, load_schema())
    lines = (tmp_path / "relationships_WROTE.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].endswith(',0,0,""')
    article_line = (tmp_path / "nodes_Article.csv").read_text(encoding="utf-8").splitlines()[1]
    assert ',"示例",,' in article_line  # title quoted, the absent kicker an empty field


def test_export_neo4j_csv_from_the_command_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dkg.cli import app

    store = open_store("oxigraph", tmp_path / "store")
    store.write(example_batch())
    stats = store.stats()
    store.close()
    out = tmp_path / "import"
    done = CliRunner().invoke(app, ["export", str(out), "--format", "neo4j-csv", "--store", str(tmp_path / "store")])
    assert done.exit_code == 0, done.output
    people = _rows(out / "nodes_Person.csv")[1]
    assert len(people) == stats["nodes"]["Person"]
    assert len(_rows(out / "relationships_ATTENDED.csv")[1]) == stats["relations"]["ATTENDED"]
    assert (out / COMMAND_FILE).read_text(encoding="utf-8").count("--nodes=") == sum(
        1 for count in stats["nodes"].values() if count)
