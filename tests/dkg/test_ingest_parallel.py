"""Parallel and distributed ingest build the same graph as a serial one."""

from __future__ import annotations

import gc
import os
import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dkg.errors import NotAvailableError
from dkg.ingest import ingest_paths, worker_count
from graph.stores import Store, open_store
from loaders.pipeline import FileOutcome
from tests.conftest import SAMPLE_PAGE
from tests.engines import empty_server_store, free_port


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(6):
        page = folder / f"paper{i}-2025-01-{10 + i}-p{i + 1}.txt"
        shutil.copy(SAMPLE_PAGE, page)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def _graph(summary_store: Store) -> tuple[set, set]:
    batch = summary_store.export_batch()
    return set(batch.nodes), set(batch.edges)


def _serial(corpus: Path) -> tuple[set, set]:
    store = open_store("memory")
    ingest_paths([corpus], store, batch_size=2)
    return _graph(store)


def test_ingest_workers_match_serial(corpus: Path) -> None:
    store = open_store("memory")
    summary = ingest_paths([corpus], store, batch_size=2, workers=2)
    assert summary.documents == 6
    assert [f["path"] for f in summary.failures] == [str(corpus / "empty.txt")]
    assert _graph(store) == _serial(corpus)


def test_ingest_workers_zero_means_one_per_core(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert worker_count(0) == 3 and worker_count(5) == 5
    with pytest.raises(ValueError):
        worker_count(-1)
    store = open_store("memory")
    summary = ingest_paths([corpus], store, batch_size=2, workers=0)
    assert summary.documents == 6
    assert _graph(store) == _serial(corpus)


@pytest.fixture
def dask_cluster() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    # Workers in threads: a real scheduler and real workers, without nanny processes, whose
    # start-up timed out on a loaded machine (the process pool path is tested above).
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        yield cluster


def _ran(cluster: Any, function: str) -> bool:
    """Whether the cluster's scheduler has run tasks of ``function`` (Dask names a task after it)."""
    return any(function in prefix for prefix in cluster.scheduler.task_prefixes)


def test_ingest_dask_local_cluster_matches_serial(corpus: Path, dask_cluster: Any) -> None:
    store = open_store("memory")
    summary = ingest_paths([corpus], store, batch_size=2, dask_address=dask_cluster.scheduler_address)
    assert summary.documents == 6 and len(summary.failures) == 1
    assert _graph(store) == _serial(corpus)
    assert _ran(dask_cluster, "FileJob") and _ran(dask_cluster, "resolve_sent")  # extracted and resolved there


@pytest.mark.parametrize("backend", ["sparql", "neo4j"])
def test_ingest_dask_writes_to_a_server_backend(corpus: Path, dask_cluster: Any, backend: str) -> None:
    """Issue 9's scale-out: extraction on the cluster, the graph into ``oxigraph serve`` or over Bolt."""
    with empty_server_store(backend) as store:
        summary = ingest_paths([corpus], store, batch_size=2, dask_address=dask_cluster.scheduler_address)
        assert summary.documents == 6 and len(summary.failures) == 1
        assert _graph(store) == _serial(corpus)
    assert _ran(dask_cluster, "FileJob")


def test_ingest_dask_without_a_scheduler_says_what_to_do(corpus: Path) -> None:
    pytest.importorskip("distributed")
    import dask.config

    address = f"tcp://127.0.0.1:{free_port()}"
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}), \
            pytest.raises(NotAvailableError, match=f"cannot reach the Dask scheduler at {address} .*dask scheduler"):
        ingest_paths([corpus], open_store("memory"), dask_address=address)


def test_ingest_dask_prepares_the_embedded_stores_input_on_the_workers(corpus: Path, dask_cluster: Any,
                                                                        tmp_path: Path) -> None:
    store = open_store("oxigraph", tmp_path / "store")
    try:
        summary = ingest_paths([corpus], store, batch_size=2, dask_address=dask_cluster.scheduler_address,
                               bulk=True)
        assert summary.documents == 6
        assert _graph(store) == _serial(corpus)
    finally:
        store.close()


def test_what_phase_two_sends_a_worker_survives_pickling(corpus: Path, tmp_path: Path) -> None:
    """A Dask worker on another machine gets the resolver pickled: the same batches must come out."""
    from dkg.ingest import _FileJob, _Resolver
    from loaders.resolution import Knowledge

    store = open_store("oxigraph", tmp_path / "store")
    try:
        knowledge = Knowledge()
        job = _FileJob(None, None, knowledge.corrections)
        extracted = [job(path) for path in sorted(corpus.glob("paper*.txt"))[:2]]
        for part in extracted:
            for observation in part.observations:
                knowledge.take(observation)
        knowledge.finish()
        resolver = _Resolver(knowledge, store.preparer())
        sent = pickle.loads(pickle.dumps(resolver))
        documents = [pickle.loads(data) for part in extracted for data in part.pickled]
        here, there = resolver(documents), sent(documents)
        assert isinstance(here.payload, bytes) and here.payload.count(b"\n") > 100
        assert sorted(here.payload.splitlines()) == sorted(there.payload.splitlines())
        assert (here.nodes, here.edges, here.persons) == (there.nodes, there.edges, there.persons)
    finally:
        store.close()


def test_ingest_workers_read_a_big_file_here_in_parts(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dkg.ingest

    big = corpus / "paper9-2025-01-20-p1.txt"
    big.write_text(SAMPLE_PAGE.read_text(encoding="utf-8") * 2, encoding="utf-8")
    read_here: list[str] = []
    parts = dkg.ingest._FileJob.parts

    def recorded_parts(job: dkg.ingest._FileJob, path: Path) -> Iterator[FileOutcome]:
        read_here.append(path.name)
        return parts(job, path)

    monkeypatch.setattr(dkg.ingest, "SENT_WHOLE_BYTES", big.stat().st_size - 1)
    monkeypatch.setattr(dkg.ingest._FileJob, "parts", recorded_parts)
    store = open_store("memory")
    summary = ingest_paths([corpus], store, batch_size=2, workers=2)
    assert read_here == [big.name]
    assert summary.documents == 7 and len(summary.failures) == 1
    assert _graph(store) == _serial(corpus)


def test_ingest_collects_garbage_less_often_while_it_runs(corpus: Path) -> None:
    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    ingest_paths([corpus], open_store("memory"), batch_size=2, on_file=lambda outcome: seen.append(gc.get_threshold()))
    assert seen and all(threshold[0] >= 10_000 for threshold in seen)  # young objects die before a collection
    assert gc.get_threshold() == before  # as it was for the caller
