"""Store load throughput and query latency at a given number of edges.

The batches come from the real pipeline (:func:`extract_batches` over a generated corpus)
and are written again and again as copies (:mod:`bench.scaling`) until the store holds
the number of edges asked for; at each target size the research queries are timed
(:mod:`bench.queries`). Writes go through the store's own ``write`` (for the embedded
store: the batch as N-Triples, parsed by Oxigraph's loader in one transaction), as
``dkg ingest`` writes them: one union of ``batch_documents`` documents per write. Past a
given size, an embedded store may be filled by Oxigraph's bulk loader instead (faster,
not atomic), so that a million-edge store for the query benchmark fits in the run's time;
both rates are reported, apart.

The N-Triples are counted where the store makes them: :func:`counting_triples` wraps the
serialiser the embedded store calls, so the triple count and the share of the write spent
serialising cost no second pass.

Examples
--------
>>> from graph.stores import open_store
>>> from graph.queries.examples import example_store
>>> batches = [example_store().export_batch()]
>>> report = load_to_targets(open_store("memory"), batches, [50], batch_documents=1)
>>> report[0]["edges"] >= 50 and report[0]["write"]["edges_per_s"] > 0
True
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import itertools
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from bench.measure import MIB, Stopwatch, peak_rss_self, rate
from bench.scaling import base_period_days, copies, relabel_batch
from graph.model import GraphBatch
from graph.stores import Store

__all__ = ["TripleCounter", "bulk_fill", "counting_triples", "disk_usage", "extract_batches", "load_neo4j",
           "load_to_targets"]


def _batches_of(path: Path) -> list[GraphBatch]:
    from loaders.pipeline import process_path

    return process_path(path).batches


def extract_batches(files: list[Path], workers: int = 1) -> list[GraphBatch]:
    """The pipeline's graph batch of every document of the files (in ``workers`` processes)."""
    if workers <= 1:
        return [batch for path in files for batch in _batches_of(path)]
    with concurrent.futures.ProcessPoolExecutor(workers) as pool:
        return [batch for batches in pool.map(_batches_of, files, chunksize=4) for batch in batches]


@dataclass
class TripleCounter:
    """Triples serialised for the embedded store, and the seconds spent serialising them."""

    triples: int = 0
    seconds: float = 0.0


@contextlib.contextmanager
def counting_triples() -> Iterator[TripleCounter]:
    """Count the N-Triples lines the embedded store writes, and time their serialisation."""
    import graph.stores.oxigraph as oxigraph_module

    counter = TripleCounter()
    original = oxigraph_module.batch_to_ntriples

    def counted(*args: Any, **kwargs: Any) -> str:
        started = time.perf_counter()
        data = original(*args, **kwargs)
        counter.seconds += time.perf_counter() - started
        counter.triples += data.count("\n")
        return data

    oxigraph_module.batch_to_ntriples = counted
    try:
        yield counter
    finally:
        oxigraph_module.batch_to_ntriples = original


def disk_usage(folder: Path) -> int:
    """Bytes of the files under ``folder``."""
    return sum(entry.stat().st_size for entry in Path(folder).rglob("*") if entry.is_file())


def _document_stream(batches: list[GraphBatch], period_days: int) -> Iterator[GraphBatch]:
    """The document batches, copy after copy, without end."""
    return (batch for _, batch in copies(batches, period_days))


@dataclass
class _Phase:
    """Writes of one kind (the store's ``write``, or the bulk loader) and what they cost."""

    edges: int = 0
    writes: int = 0
    triples: int = 0
    serialise_s: float = 0.0
    watch: Stopwatch = field(default_factory=Stopwatch)

    def as_dict(self) -> dict[str, Any]:
        wall, cpu = self.watch.wall, self.watch.cpu
        return {
            "edges": self.edges, "writes": self.writes, "seconds": wall, "cpu_s": cpu,
            "edges_per_s": rate(self.edges, wall), "edges_per_cpu_s": rate(self.edges, cpu),
            "triples": self.triples or None,
            "triples_per_s": rate(self.triples, wall) if self.triples else None,
            "triples_per_cpu_s": rate(self.triples, cpu) if self.triples else None,
            "serialise_share": self.serialise_s / wall if self.triples and wall else None,
        }


@dataclass
class _Load:
    """A load in progress: its phases, the targets left and the snapshots taken."""

    store: Store
    pending: list[int]
    store_path: Path | None
    on_target: Callable[[int, dict[str, Any]], None] | None
    phases: dict[str, _Phase] = field(default_factory=lambda: {"write": _Phase(), "bulk": _Phase()})
    nodes: int = 0
    snapshots: list[dict[str, Any]] = field(default_factory=list)

    @property
    def edges(self) -> int:
        return sum(phase.edges for phase in self.phases.values())

    def spent(self) -> float:
        return sum(phase.watch.wall for phase in self.phases.values())

    def snapshot(self, reached: bool) -> dict[str, Any]:
        snapshot = {
            "target_edges": self.pending[0], "reached": reached, "edges": self.edges, "nodes": self.nodes,
            **{name: phase.as_dict() for name, phase in self.phases.items() if phase.writes},
            "rss_peak_mib": peak_rss_self() / MIB,
        }
        if self.store_path is not None:
            snapshot["disk_mib"] = disk_usage(self.store_path) / MIB
        return snapshot

    def check_targets(self) -> None:
        while self.pending and self.edges >= self.pending[0]:
            snapshot = self.snapshot(True)
            self.pending.pop(0)
            self.snapshots.append(snapshot)
            if self.on_target:
                self.on_target(snapshot["target_edges"], snapshot)


def _write_phase(load: _Load, batches: list[GraphBatch], period_days: int, batch_documents: int,
                 stop_after: int | None, budget_s: float | None) -> int:
    """Write through ``store.write`` until the targets are met or, at a copy's end, past ``stop_after``
    edges. Returns the number of whole copies written."""
    stream, documents, phase = _document_stream(batches, period_days), 0, load.phases["write"]
    with counting_triples() as counter:
        while load.pending:
            if budget_s is not None and load.spent() > budget_s:
                load.snapshots.append(load.snapshot(False))
                load.pending.clear()
                break
            if stop_after is not None and load.edges >= stop_after and documents % len(batches) == 0:
                break
            size = min(batch_documents, len(batches) - documents % len(batches)) if stop_after else batch_documents
            chunk = GraphBatch.union(itertools.islice(stream, size))
            with phase.watch:
                load.store.write(chunk)
            documents += size
            phase.edges += len(chunk.edges)
            phase.writes += 1
            load.nodes += len(chunk.nodes)
            phase.triples, phase.serialise_s = counter.triples, counter.seconds
            load.check_targets()
    return -(-documents // len(batches))


_fill: dict[str, Any] = {}
T = TypeVar("T")


def _start_filler(batches: list[GraphBatch], period_days: int) -> None:
    _fill.update(batches=batches, period_days=period_days)


def _copy_ntriples(copy: int) -> tuple[int, int, bytes]:
    """In a filler process: one whole copy of the batches as N-Triples (edges, nodes, data)."""
    from graph.rdf import batch_to_ntriples

    union = GraphBatch.union(relabel_batch(batch, copy, _fill["period_days"]) for batch in _fill["batches"])
    return len(union.edges), len(union.nodes), batch_to_ntriples(union).encode("utf-8")


def _bounded_map(pool: concurrent.futures.Executor, function: Callable[[int], T], items: Iterator[int],
                 window: int) -> Iterator[T]:
    """``function`` over ``items`` in order, with at most ``window`` calls in flight.

    ``Executor.map`` submits every item at once, which an endless ``items`` must not do.
    """
    in_flight: deque[concurrent.futures.Future] = deque()
    for item in items:
        in_flight.append(pool.submit(function, item))
        if len(in_flight) >= window:
            yield in_flight.popleft().result()


def _bulk_phase(load: _Load, batches: list[GraphBatch], period_days: int, first_copy: int, workers: int,
                budget_s: float | None, triples_per_load: int = 400_000) -> None:
    """Fill with Oxigraph's bulk loader; copies are relabelled and serialised by ``workers`` processes."""
    phase, pending_data, pending_edges = load.phases["bulk"], [], 0
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max(1, workers), mp_context=context, initializer=_start_filler,
                                                initargs=(batches, period_days)) as pool:
        for edges, nodes, data in _bounded_map(pool, _copy_ntriples, itertools.count(first_copy),
                                                            2 * max(1, workers)):
            pending_data.append(data)
            pending_edges += edges
            load.nodes += nodes
            if sum(d.count(b"\n") for d in pending_data) < triples_per_load and \
                    load.edges + pending_edges < load.pending[0]:
                continue
            payload = b"".join(pending_data)
            with phase.watch:
                load.store.graph.parse(data=payload, format="ox-nt", transactional=False)
            phase.triples += payload.count(b"\n")
            phase.edges += pending_edges
            phase.writes += 1
            pending_data, pending_edges = [], 0
            load.check_targets()
            if not load.pending:
                break
            if budget_s is not None and load.spent() > budget_s:
                load.snapshots.append(load.snapshot(False))
                break


def load_to_targets(store: Store, batches: list[GraphBatch], targets: list[int], *, batch_documents: int = 20,
                    bulk_after: int | None = None, fill_workers: int = 2,
                    on_target: Callable[[int, dict[str, Any]], None] | None = None,
                    store_path: Path | None = None, budget_s: float | None = None) -> list[dict[str, Any]]:
    """Write copies of ``batches`` into ``store`` until each target number of edges is passed.

    Writes go through ``store.write``, ``batch_documents`` documents at a time, as an
    ingest writes. Past ``bulk_after`` edges (an embedded store only), the rest is
    filled faster: ``fill_workers`` processes relabel and serialise whole copies, and
    Oxigraph's bulk loader (not atomic) loads them. The two are reported apart: ``write``
    (seconds in ``store.write``) and ``bulk`` (seconds in the bulk loader only).

    Returns one snapshot per target reached: edges and nodes written, seconds (wall and
    CPU), rates and the share spent serialising per kind of write, peak RSS of this
    process and the store's size on disk. ``on_target`` runs at each target (untimed).
    When ``budget_s`` seconds of writing run out first, the last snapshot says
    ``reached: False``.
    """
    if not any(batch.edges for batch in batches):
        raise ValueError("the batches hold no edges: the corpus gave the pipeline nothing to read")
    period_days = base_period_days(batches)
    load = _Load(store, sorted(targets), store_path, on_target)
    can_bulk = bulk_after is not None and getattr(store, "name", "") == "oxigraph"
    copies_written = _write_phase(load, batches, period_days, batch_documents, bulk_after if can_bulk else None,
                                  budget_s)
    if load.pending:
        _bulk_phase(load, batches, period_days, copies_written, fill_workers, budget_s)
    return load.snapshots


def bulk_fill(store_path: Path, batches: list[GraphBatch], target_edges: int,
              batch_documents: int = 20) -> dict[str, Any]:
    """A new embedded store filled by the bulk path of ``dkg ingest --bulk``, timed.

    Copies of the batches are turned into the store's N-Triples first (as the ingest's main
    thread does), then :meth:`~graph.stores.oxigraph.OxigraphStore.bulk` loads them and
    flushes; only that block is timed: the loader's own rate.
    """
    from graph.stores import open_store

    stream = _document_stream(batches, base_period_days(batches))
    chunks, edges = [], 0
    with open_store("oxigraph", store_path) as new:
        while edges < target_edges:
            union = GraphBatch.union(itertools.islice(stream, batch_documents))
            chunks.append(new.prepare(union))
            edges += len(union.edges)
        triples = sum(chunk.count(b"\n") for chunk in chunks)
        watch = Stopwatch()
        with watch, new.bulk():
            for chunk in chunks:
                new.write_prepared(chunk)
    return {"edges": edges, "triples": triples, "seconds": watch.wall, "cpu_s": watch.cpu,
            "triples_per_s": rate(triples, watch.wall), "triples_per_cpu_s": rate(triples, watch.cpu),
            "disk_mib": disk_usage(store_path) / MIB}


def load_neo4j(batches: list[GraphBatch], target_edges: int, budget_s: float = 60.0,
               batch_documents: int = 20) -> dict[str, Any]:
    """Load copies of the batches into Neo4j-over-Bolt (ArcadeDB, started here) up to ``target_edges``.

    Returns the load snapshot, or ``{"skipped": reason}`` when no engine can start.
    """
    try:
        from tests.engines import EngineError, start_arcadedb
    except ImportError as error:
        return {"skipped": f"the engine starter tests/engines.py cannot be imported ({error})"}
    try:
        engine = start_arcadedb()
    except EngineError as error:
        return {"skipped": f"ArcadeDB cannot start here: {str(error)[:300]}"}
    try:
        from graph.stores import open_store

        env = engine.env
        started = time.perf_counter()
        store = open_store("neo4j", uri=env["NEO4J_URI"], user=env["NEO4J_USER"], password=env["NEO4J_PASSWORD"],
                           database=env["NEO4J_DATABASE"])
        connect_s = time.perf_counter() - started
        try:
            snapshots = load_to_targets(store, batches, [target_edges], batch_documents=batch_documents,
                                        budget_s=budget_s)
        finally:
            store.close()
        return {**snapshots[-1], "connect_s": connect_s, "engine": "ArcadeDB over Bolt (tests/engines.py)"}
    finally:
        engine.stop()
