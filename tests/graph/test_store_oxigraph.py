"""The embedded store is a real database on disk: persistence, atomicity, locking."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dkg.errors import StoreError, StoreLockedError
from graph.model import GraphBatch, Node
from graph.stores import open_store
from graph.stores.oxigraph import OxigraphStore


def org_batch(*names: str) -> GraphBatch:
    batch = GraphBatch()
    for name in names:
        batch.add_node(Node.create("Organization", name=name))
    return batch


def test_store_oxigraph_persists_across_reopen(store_path: Path) -> None:
    with open_store("oxigraph", store_path) as store:
        store.write(org_batch("甲机构", "乙机构"))
    with open_store("oxigraph", store_path, read_only=True) as store:
        assert store.stats()["nodes"]["Organization"] == 2


def test_store_oxigraph_write_is_idempotent(store_path: Path) -> None:
    with open_store("oxigraph", store_path) as store:
        store.write(org_batch("甲机构"))
        first = store.stats()
        store.write(org_batch("甲机构"))
        assert store.stats() == first


def test_store_oxigraph_failed_batch_leaves_store_as_it_was(store_path: Path, monkeypatch) -> None:
    with open_store("oxigraph", store_path) as store:
        store.write(org_batch("甲机构"))
        before = store.stats()
        good = "".join(f'<https://w3id.org/dkg/id/x{i}> <https://schema.org/name> "n{i}" .\n' for i in range(500))
        monkeypatch.setattr("graph.stores.oxigraph.batch_to_ntriples", lambda *a: good + "<broken")
        with pytest.raises(SyntaxError):
            store.write(org_batch("乙机构"))
        monkeypatch.undo()
        assert store.stats() == before
        assert not store.query("SELECT ?s WHERE { ?s <https://schema.org/name> \"n1\" }")


def test_store_oxigraph_second_writer_is_refused_with_a_clear_message(store_path: Path) -> None:
    with open_store("oxigraph", store_path):
        code = (
            "import sys\nfrom graph.stores import open_store\n"
            "from dkg.errors import StoreLockedError\n"
            f"try:\n    open_store('oxigraph', {str(store_path)!r})\n"
            "except StoreLockedError as e:\n    print(e); sys.exit(7)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 7, done.stderr
    assert "being written by pid" in done.stdout and "another --store" in done.stdout


def test_store_oxigraph_reader_beside_writer(store_path: Path) -> None:
    with open_store("oxigraph", store_path) as writer:
        writer.write(org_batch("甲机构"))
        with open_store("oxigraph", store_path, read_only=True) as reader:
            assert reader.stats()["nodes"]["Organization"] == 1


def test_store_oxigraph_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="dkg ingest"):
        OxigraphStore(tmp_path / "nothing-here", read_only=True)


def test_store_oxigraph_lock_is_released_on_close(store_path: Path) -> None:
    open_store("oxigraph", store_path).close()
    try:
        open_store("oxigraph", store_path).close()
    except StoreLockedError:  # pragma: no cover - the failure this test looks for
        pytest.fail("the write lock outlived close()")


def test_store_oxigraph_backup_from_a_reader_holds_what_the_reader_sees(store_path: Path, tmp_path: Path) -> None:
    with open_store("oxigraph", store_path) as writer:
        writer.write(org_batch("甲机构", "乙机构"))  # not flushed: still in the writer's log
        with open_store("oxigraph", store_path, read_only=True) as reader:
            seen = reader.export_batch()
            reader.backup(tmp_path / "snapshot")
        writer.write(org_batch("丙机构"))  # after the snapshot: not in it
    with open_store("oxigraph", tmp_path / "snapshot", read_only=True) as snapshot:
        held = snapshot.export_batch()
    assert set(held.nodes) == set(seen.nodes) and len(held.nodes) == 2


def test_store_oxigraph_backup_from_the_writer_holds_its_writes(store_path: Path, tmp_path: Path) -> None:
    with open_store("oxigraph", store_path) as writer:
        writer.write(org_batch("甲机构"))
        writer.backup(tmp_path / "snapshot")
    with open_store("oxigraph", tmp_path / "snapshot", read_only=True) as snapshot:
        assert snapshot.stats()["nodes"]["Organization"] == 1


def test_store_oxigraph_rows_from_the_engine_equal_rdflibs(store_path: Path, monkeypatch) -> None:
    from graph.stores.rdf import RdfStore

    query = ('SELECT ?s ?p ?o ?date ?n ?tagged ?unbound WHERE { ?s ?p ?o '
             'BIND("2025-01-27"^^xsd:date AS ?date) BIND(3 AS ?n) BIND("名"@zh AS ?tagged) }')
    with open_store("oxigraph", store_path) as store:
        store.write(org_batch("甲机构", "乙机构"))
        direct = store.query(query)
        monkeypatch.setattr(OxigraphStore, "_rows", RdfStore._rows)
        through_rdflib = store.query(query)
    assert direct == through_rdflib
    assert {type(row["date"]).__name__ for row in direct} == {"date"} and {row["n"] for row in direct} == {3}
    assert all(row["unbound"] is None and row["tagged"] == "名" for row in direct)
    assert {row["o"] for row in direct} >= {"甲机构", "乙机构"}
