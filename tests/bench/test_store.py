"""Loading copies of real batches to a number of edges, through store.write and the bulk loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.store import counting_triples, extract_batches, load_to_targets
from graph.model import GraphBatch
from graph.stores import open_store
from loaders.readers import iter_input_files


@pytest.fixture(scope="module")
def batches(tiny_corpus: Path) -> list[GraphBatch]:
    return extract_batches(list(iter_input_files([tiny_corpus]))[:2], workers=2)


def _edges_in(store) -> int:
    return sum(store.stats()["relations"].values())


def test_store_load_stops_at_each_target_and_calls_back(batches: list[GraphBatch]) -> None:
    store, seen = open_store("memory"), []
    per_copy = sum(len(b.edges) for b in batches)
    targets = [per_copy // 2, 3 * per_copy]
    snapshots = load_to_targets(store, batches, targets, batch_documents=1,
                                on_target=lambda target, snapshot: seen.append((target, snapshot["edges"])))
    assert [s["target_edges"] for s in snapshots] == targets and all(s["reached"] for s in snapshots)
    assert [target for target, _ in seen] == targets
    assert all(edges >= target for target, edges in seen)
    assert _edges_in(store) == snapshots[-1]["edges"]  # every copy's edges are new edges


def test_store_embedded_write_then_bulk_fill_hold_every_edge(batches: list[GraphBatch], tmp_path: Path) -> None:
    per_copy = sum(len(b.edges) for b in batches)
    with open_store("oxigraph", tmp_path / "store") as store:
        snapshots = load_to_targets(store, batches, [per_copy, 4 * per_copy], bulk_after=per_copy,
                                    fill_workers=1, store_path=tmp_path / "store")
        first, last = snapshots
        assert first["write"]["triples"] > first["write"]["edges"] and "bulk" not in first
        assert last["bulk"]["edges"] > 0 and last["bulk"]["triples"] > 0
        assert last["write"]["edges"] + last["bulk"]["edges"] == last["edges"]
        assert _edges_in(store) == last["edges"]
        assert last["disk_mib"] > 0


def test_store_counting_triples_counts_what_the_store_writes(batches: list[GraphBatch], tmp_path: Path) -> None:
    from graph.rdf import batch_to_ntriples

    with open_store("oxigraph", tmp_path / "store") as store, counting_triples() as counter:
        store.write(batches[0])
    assert counter.triples == batch_to_ntriples(batches[0]).count("\n") and counter.seconds > 0


def test_store_budget_stops_the_load(batches: list[GraphBatch]) -> None:
    snapshots = load_to_targets(open_store("memory"), batches, [10**9], batch_documents=1, budget_s=0.0)
    assert len(snapshots) == 1 and snapshots[0]["reached"] is False


def test_store_refuses_batches_without_edges() -> None:
    with pytest.raises(ValueError, match="no edges"):
        load_to_targets(open_store("memory"), [GraphBatch()], [10])
