"""``dkg ingest --bulk``: the bulk loader fills a new store with the same graph, all or nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from dkg.errors import StoreError
from dkg.ingest import ingest_paths
from graph.model import GraphBatch, Node
from graph.stores import open_store
from graph.stores.oxigraph import BULK_MARK, OxigraphStore
from tests.conftest import DATA
from tests.reliability.helpers import write_pages


def _graph(store: OxigraphStore) -> tuple[dict, GraphBatch]:
    return store.stats(), store.export_batch()


def _org(name: str) -> GraphBatch:
    batch = GraphBatch()
    batch.add_node(Node.create("Organization", name=name))
    return batch


def _ingested(folder: Path, bulk: bool, workers: int = 1, corpus: Path = DATA) -> tuple[dict, set, set]:
    with open_store("oxigraph", folder) as store:
        ingest_paths([corpus], store, bulk=bulk, workers=workers, batch_size=1)
    with open_store("oxigraph", folder, read_only=True) as store:
        stats, batch = _graph(store)
    return stats, set(batch.nodes), set(batch.edges)


def test_ingest_bulk_gives_the_graph_of_batch_writes(tmp_path: Path) -> None:
    graphs = [_ingested(tmp_path / f"bulk-{bulk}", bulk) for bulk in (False, True)]
    assert graphs[0] == graphs[1] and graphs[0][1]
    assert not (tmp_path / "bulk-True" / BULK_MARK).exists()


def test_bulk_loads_in_two_threads_give_the_same_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.stores.oxigraph as oxigraph

    loads: list[int] = []
    threads: set[str] = set()
    load_chunk = OxigraphStore._load_chunk

    def recorded(store: OxigraphStore, chunk: list[bytes]) -> None:
        loads.append(sum(data.count(b"\n") for data in chunk))
        threads.add(threading.current_thread().name)
        load_chunk(store, chunk)

    monkeypatch.setattr(oxigraph, "BULK_TRIPLES", 50)  # a load every batch
    monkeypatch.setattr(OxigraphStore, "_load_chunk", recorded)
    write_pages(tmp_path / "pages", 8)
    bulk = _ingested(tmp_path / "bulk", True, workers=2, corpus=tmp_path / "pages")
    assert len(loads) >= 8 and len({t for t in threads if t.startswith("dkg-writer")}) == 2  # both writers loaded
    assert bulk == _ingested(tmp_path / "writes", False, corpus=tmp_path / "pages")


def test_bulk_load_refuses_a_store_that_holds_a_graph(store_path: Path) -> None:
    with OxigraphStore(store_path) as store:
        store.write(_org("甲机构"))
        with pytest.raises(StoreError, match="empty store"), store.bulk():
            pass
        assert store.stats()["nodes"]["Organization"] == 1


def test_bulk_load_that_fails_leaves_the_store_empty(store_path: Path) -> None:
    with OxigraphStore(store_path) as store:
        with pytest.raises(RuntimeError), store.bulk():
            store.write(_org("甲机构"))
            raise RuntimeError("a failure half way")
        assert sum(store.stats()["nodes"].values()) == 0
        store.write(_org("乙机构"))  # batch writes go on as before
        assert store.stats()["nodes"]["Organization"] == 1


def test_bulk_load_takes_only_plain_ids_as_it_reads_leniently(store_path: Path) -> None:
    foreign = GraphBatch()
    foreign.add_node(Node("Organization", "an org> <x", {"name": "某局"}))  # unchecked in an IRI
    with OxigraphStore(store_path) as store:
        with pytest.raises(StoreError, match="letters, digits"), store.bulk():
            store.write(_org("甲机构"))
            store.write(foreign)
        assert sum(store.stats()["nodes"].values()) == 0  # all or nothing: the first batch went too
        with store.bulk():
            store.write(_org("甲机构"))
        assert store.stats()["nodes"]["Organization"] == 1


def test_bulk_load_killed_half_way_is_refused_to_readers_and_undone_by_the_next_writer(store_path: Path) -> None:
    with OxigraphStore(store_path) as store:  # what a killed bulk load leaves: part of the graph, and the mark
        store.write(_org("甲机构"))
    (store_path / BULK_MARK).write_text("pid 1\n")
    with pytest.raises(StoreError, match="bulk load"):
        OxigraphStore(store_path, read_only=True)
    with OxigraphStore(store_path) as store:
        assert sum(store.stats()["nodes"].values()) == 0
    with OxigraphStore(store_path, read_only=True) as store:
        assert sum(store.stats()["nodes"].values()) == 0
