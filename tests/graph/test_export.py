"""Every export format, read back by an independent reader, round-trips the store's counts."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
import rdflib

from dkg.errors import DkgError, QueryError
from graph.export import FORMATS, ExportError, child_path, write
from graph.export.selection import select
from graph.rdf import triples_to_batch
from graph.stores import Store
from tests.graph.sample_graph import sample_store

UNICODE_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}")


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Store:
    graph_store = sample_store(request.param, tmp_path_factory.mktemp(request.param))
    yield graph_store
    graph_store.close()


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if v}


def export(store: Store, name: str, folder: Path, **options) -> Path:
    spec = FORMATS[name]
    out = folder / (name if spec.folder else f"graph{spec.suffix}")
    result = write(store.export_batch(), name, out, **options)
    assert result.nodes == sum(store.stats()["nodes"].values())
    assert result.paths and all(path.is_file() for path in result.paths)
    assert all(path == out or path.parent == out for path in result.paths)
    return out


@pytest.mark.parametrize(("name", "rdf_format"), [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_export_rdf_is_parsed_back_by_rdflib(store: Store, tmp_path: Path, name: str, rdf_format: str) -> None:
    out = export(store, name, tmp_path)
    text = out.read_text(encoding="utf-8")
    assert "曹立强" in text and not UNICODE_ESCAPE.search(text)
    parsed = rdflib.Graph().parse(out, format=rdf_format)
    batch = triples_to_batch(parsed)
    stats = store.stats()
    assert Counter(n.type for n in batch.nodes.values()) == nonzero(stats["nodes"])
    assert Counter(e.type for e in batch.edges.values()) == nonzero(stats["relations"])
    original = store.export_batch()
    assert {k: v.properties for k, v in batch.nodes.items()} == {k: v.properties for k, v in original.nodes.items()}


def test_export_jsonld_has_a_context_of_the_schema_prefixes(store: Store, tmp_path: Path) -> None:
    document = json.loads(export(store, "jsonld", tmp_path).read_text(encoding="utf-8"))
    assert document["@context"]["schema"] == "https://schema.org/"
    assert any(item.get("@type") == "schema:Person" for item in document["@graph"])


@pytest.mark.parametrize("name", ["graphml", "gexf"])
def test_export_graph_files_are_read_back_by_networkx(store: Store, tmp_path: Path, name: str) -> None:
    out = export(store, name, tmp_path)
    assert not UNICODE_ESCAPE.search(out.read_text(encoding="utf-8"))
    graph = nx.read_graphml(out) if name == "graphml" else nx.read_gexf(out)
    stats = store.stats()
    assert Counter(t for _, t in graph.nodes(data="type")) == nonzero(stats["nodes"])
    assert Counter(r for _, _, r in graph.edges(data="relation")) == nonzero(stats["relations"])
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    assert {"曹立强", "徐汇区委社会工作会议", "区委书记"} <= labels


def test_export_gexf_dates_nodes_and_edges_for_the_timeline(store: Store, tmp_path: Path) -> None:
    out = export(store, "gexf", tmp_path)
    assert 'mode="dynamic"' in out.read_text(encoding="utf-8")
    graph = nx.read_gexf(out)
    events = {data["label"]: data for _, data in graph.nodes(data=True) if data["type"] == "Event"}
    assert events["徐汇区委社会工作会议"]["start"] == "2025-01-20"
    people = {data["label"]: data["start"] for _, data in graph.nodes(data=True) if data["type"] == "Person"}
    assert people["黄冲"] == "2025-01-23"
    assert people["李明"] == "2024-03-04"
    attended = [data for _, _, data in graph.edges(data=True) if data["relation"] == "ATTENDED"]
    assert {d["start"] for d in attended} == {"2025-01-20", "2025-01-22", "2025-01-23"}
    assert all("start" in data for _, _, data in graph.edges(data=True))


def test_export_csv_tables_have_the_store_counts(store: Store, tmp_path: Path) -> None:
    out = export(store, "csv", tmp_path)
    counts: dict[str, Counter] = {"nodes": Counter(), "relations": Counter()}
    for path in sorted(out.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        kind, _, type_name = path.stem.partition("_")
        counts["nodes" if kind == "nodes" else "relations"][type_name] += len(rows)
    stats = store.stats()
    assert counts["nodes"] == nonzero(stats["nodes"])
    assert counts["relations"] == nonzero(stats["relations"])
    with (out / "edges_ATTENDED.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {"id", "source", "target", "roles", "order", "article_id", "sentence"} <= set(rows[0])
    assert any(r["roles"] == "出席|讲话" for r in rows)


def test_export_node_link_json_has_the_store_counts(store: Store, tmp_path: Path) -> None:
    out = export(store, "json", tmp_path, pinyin=True)
    text = out.read_text(encoding="utf-8")
    assert "曹立强" in text and not UNICODE_ESCAPE.search(text)
    graph = nx.node_link_graph(json.loads(text), edges="edges")
    stats = store.stats()
    assert graph.number_of_nodes() == sum(stats["nodes"].values())
    assert graph.number_of_edges() == sum(stats["relations"].values())
    pinyin = {data["name"]: data.get("pinyin") for _, data in graph.nodes(data=True) if data["type"] == "Person"}
    assert pinyin["曹立强"] == "Cao Liqiang"
    organisations = [d for _, d in graph.nodes(data=True) if d["type"] == "Organization"]
    assert all(d["pinyin"] for d in organisations)


def test_export_registry_resolves_every_writer(tmp_path: Path) -> None:
    from graph.export import _writer

    for name in FORMATS:
        assert callable(_writer(name))
    with pytest.raises(ExportError, match="unknown export format"):
        write(sample_store().export_batch(), "xlsx", tmp_path / "x")


@pytest.mark.parametrize("name", ["../x.csv", "a/b.csv", ".hidden", "..", "x\n.csv", "/etc/passwd", "C:x"])
def test_export_child_path_refuses_path_tricks(tmp_path: Path, name: str) -> None:
    with pytest.raises(ExportError):
        child_path(tmp_path, name)


def test_export_checks_file_and_folder_outputs(tmp_path: Path) -> None:
    batch = sample_store().export_batch()
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ExportError, match="folder"):
        write(batch, "csv", tmp_path / "file.txt")
    with pytest.raises(ExportError, match="file path"):
        write(batch, "gexf", tmp_path)
    result = write(batch, "nt", tmp_path / "new" / "deeper" / "graph.nt")
    assert result.paths == [tmp_path / "new" / "deeper" / "graph.nt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "new"]


# --- subgraphs ---------------------------------------------------------------------------


def test_export_select_a_period(store: Store) -> None:
    batch = select(store, date_from="2025-01-22", date_to="2025-01-22")
    events = {n.properties["date"] for n in batch.nodes_of("Event")}
    assert events == {dt.date(2025, 1, 22)}
    assert len(list(batch.nodes_of("Event"))) == 2
    assert {n.properties["name"] for n in batch.nodes_of("Person")} == {"曹立强"}
    assert {e.type for e in batch.edges.values()} >= {"ATTENDED", "ORGANIZED", "SIGNED", "HELD_AT", "REPORTED_IN"}
    assert all(e.source in batch.nodes and e.target in batch.nodes for e in batch.edges.values())
    assert len(batch.nodes) < sum(store.stats()["nodes"].values())


def test_export_select_around_a_person(store: Store) -> None:
    one_hop = select(store, person="黄冲", hops=1)
    assert {n.type for n in one_hop.nodes.values()} == {"Person", "Event", "Article"}
    two_hops = select(store, person="黄冲", hops=2)
    names = {n.properties["name"] for n in two_hops.nodes_of("Person")}
    assert {"曹立强", "王华", "沈权"} <= names and "胡芳" not in names
    dated = select(store, person="曹立强", hops=1, date_from="2025-01-21")
    assert {n.properties["date"] for n in dated.nodes_of("Event")} == {dt.date(2025, 1, 22), dt.date(2025, 1, 23)}
    with pytest.raises(QueryError, match="no person"):
        select(store, person="无此人")


def test_export_a_subgraph_round_trips(store: Store, tmp_path: Path) -> None:
    batch = select(store, person="沈权", hops=1)
    result = write(batch, "graphml", tmp_path / "shen.graphml")
    graph = nx.read_graphml(result.out)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (len(batch.nodes), len(batch.edges))


def test_export_errors_are_dkg_errors() -> None:
    assert issubclass(ExportError, DkgError)
