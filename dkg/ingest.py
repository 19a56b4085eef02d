"""Ingest: run the loaders over many files and write their batches into a store.

Extraction is a pure function of a file, so it runs wherever there are cores: in this
process, in ``workers`` local processes, or on a Dask cluster. At most a few files per
worker are in flight at once: memory stays bounded whatever the size of the corpus.

Resolution needs to see the whole input before it decides (港科大 in the first file may
be 香港科技大学 of the last), so the writer works in two phases:

1. it collects the extracted documents in the order of the files, takes in what each
   says that resolution needs globally (aliases, persons and their posts:
   :class:`loaders.resolution.Knowledge`) and spools the documents to a temporary file;
2. it asks the store what it already holds under those names, adds the corrections
   (``corrections.yaml`` in the store folder, ``$DKG_CORRECTIONS``, ``corrections``),
   then resolves the spooled documents (in ``workers`` processes forked now, which
   share the finished knowledge, or on the Dask cluster, whose workers are sent it once)
   and writes one atomic batch after another, in the order of the files, the namesakes'
   POSSIBLY_SAME links with the last one.

So the graph is the same however the work was spread and whatever the order of the files.

Examples
--------
>>> from graph.stores import open_store
>>> summary = ingest_paths([], open_store("memory"))
>>> summary.files, summary.failures
(0, [])
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import gc
import io
import multiprocessing
import os
import pickle
import struct
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from dkg.errors import DkgError, InputError, NotAvailableError
from graph.model import GraphBatch
from graph.queries.identity import namesakes, stored_names
from graph.stores import Store
from loaders.pipeline import DocumentResult, FileOutcome, process_path, process_path_in_parts, resolve_document
from loaders.readers import DocumentMetadata, iter_input_files
from loaders.resolution import (
    Corrections,
    Knowledge,
    Observation,
    StoredPerson,
    StoreKnowledge,
    corrections_paths,
    load_corrections,
    observe_document,
    possibly_same_links,
)
from loaders.resolution.persons import stronger_class

__all__ = ["IngestSummary", "ingest_paths", "input_files", "read_store_knowledge", "worker_count"]

IN_FLIGHT_PER_WORKER = 4
SENT_WHOLE_BYTES = 4 * 2**20  # a bigger file is read in parts by the writer's process, never sent whole
_T = TypeVar("_T")


@dataclass
class IngestSummary:
    """What one ingest did; printed at the end, and returned as JSON with ``--json``."""

    files: int = 0
    documents: int = 0
    articles: int = 0
    nodes: int = 0
    edges: int = 0
    batches: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


def _bounded(submit: Callable[[Any], Any], result_of: Callable[[Any], _T],
             paths: Iterable[Any], window: int,
             local_parts: Callable[[Path], Iterator[_T]] | None = None) -> Iterator[_T]:
    """Results in the order of ``paths`` (or other jobs), with at most ``window`` jobs in flight.

    A file bigger than ``SENT_WHOLE_BYTES`` is read here, in parts, by ``local_parts``
    once the jobs before it are in: a worker would send its documents back all at once.
    """
    pending: deque = deque()
    for path in paths:
        if local_parts is not None and _size(path) > SENT_WHOLE_BYTES:
            while pending:
                yield result_of(pending.popleft())
            yield from local_parts(path)
            continue
        pending.append(submit(path))
        if len(pending) >= window:
            yield result_of(pending.popleft())
    while pending:
        yield result_of(pending.popleft())


def worker_count(requested: int) -> int:
    """How many processes an ingest asked for ``requested`` workers runs: 0 means one per core this
    process may run on (its CPU affinity, which a container or ``taskset`` narrows).

    >>> worker_count(3), worker_count(0) >= 1
    (3, True)
    """
    if requested < 0:
        raise ValueError(f"workers must be 0 (one per core) or more, not {requested}")
    if requested:
        return requested
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # the reader reports it
        return 0


def _worker_pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    """Forked workers that never close an embedded store they inherited.

    A forked copy of an open store has lost RocksDB's threads: if the copy's collector
    frees it (a store dropped in a reference cycle), closing it waits for them forever.
    So the garbage goes before the fork, and each worker freezes what it inherited.
    (Fork, not forkserver: forkserver re-imports ``__main__``, which may be a script.)
    """
    gc.collect()
    return concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                                  initializer=gc.freeze)


@contextlib.contextmanager
def _dask_client(address: str | None) -> Iterator[Any]:
    """A client of the Dask cluster at ``address`` for the whole ingest; None without an address."""
    if not address:
        yield None
        return
    try:
        from distributed import Client
    except ImportError:
        raise NotAvailableError("--dask needs the dask extra: pip install 'dkg[dask]'") from None
    try:
        client = Client(address)
    except (OSError, TimeoutError) as error:  # refused, timed out, or no such host
        raise NotAvailableError(f"cannot reach the Dask scheduler at {address} ({error}); check the address, "
                                "or start one with `dask scheduler` and its workers with `dask worker`") from None
    with client:
        yield client


def _dask_workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def _outcomes(paths: list[Path], job: _FileJob, workers: int, client: Any) -> Iterator[_Extracted]:
    if client is not None:  # the workers read the files themselves, by path
        yield from _bounded(lambda p: client.submit(job, p, pure=False), lambda f: f.result(), paths,
                            _dask_workers(client) * IN_FLIGHT_PER_WORKER)
    elif workers > 1:
        with _worker_pool(workers) as pool:
            yield from _bounded(lambda p: pool.submit(job, p), lambda f: f.result(), paths,
                                workers * IN_FLIGHT_PER_WORKER, local_parts=job.parts)
    else:  # in this process, a file's documents come in parts: a big file never sits whole in memory
        for path in paths:
            yield from job.parts(path)


@dataclass
class _Extracted:
    """A file (or part) extracted, as the writer takes it in the first phase.

    Each document comes pickled already, with its :class:`~loaders.resolution.Observation`,
    so the writer parks the bytes without reading them (``outcome.documents`` is empty).
    """

    outcome: FileOutcome
    pickled: list[bytes]
    observations: list[Observation]

    @classmethod
    def of(cls, outcome: FileOutcome, corrections: Corrections) -> _Extracted:
        results, outcome.documents = outcome.documents, []
        return cls(outcome, [pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL) for result in results],
                   [observe_document(result.document, result.article_facts(), corrections) for result in results])


@dataclass
class _FileJob:
    """A picklable call of ``process_path`` with the ingest's options: extraction only."""

    overrides: DocumentMetadata | None
    reader: str | None
    corrections: Corrections
    part_size: int = 20

    def __call__(self, path: Path) -> _Extracted:
        return _Extracted.of(process_path(path, self.overrides, self.reader, resolve=False), self.corrections)

    def parts(self, path: Path) -> Iterator[_Extracted]:
        for part in process_path_in_parts(path, self.overrides, self.reader, self.part_size, resolve=False):
            yield _Extracted.of(part, self.corrections)


def input_files(paths: list[Path], exclude: Path | None = None) -> list[Path]:
    """The input files under ``paths``, leaving out those under ``exclude`` (the store's own folder).

    ``dkg ingest .`` run beside ``./dkg-data`` must not read the database it writes.
    """
    files = list(iter_input_files(paths))
    if exclude is None:
        return files
    excluded = exclude.resolve()
    return [path for path in files if not path.resolve().is_relative_to(excluded)]


class _Spool:
    """Extracted documents parked on disk between the two phases, in groups of ``group_size``.

    A group is one length-prefixed record of pickles, so a worker process can read its
    group from the (inherited) file by offset without the writer unpickling it first.
    """

    def __init__(self, file: IO[bytes], group_size: int) -> None:
        self.file, self.group_size = file, group_size
        self.count = 0
        self._group, self._in_group = io.BytesIO(), 0

    def add(self, pickled: bytes) -> None:
        """Park one document, pickled."""
        self._group.write(pickled)
        self.count += 1
        self._in_group += 1
        if self._in_group >= self.group_size:
            self._close_group()

    def _close_group(self) -> None:
        if self._in_group:
            data = self._group.getvalue()
            self.file.write(_GROUP_HEADER.pack(len(data), self._in_group))
            self.file.write(data)
        self._group, self._in_group = io.BytesIO(), 0

    def groups(self) -> Iterator[_Group]:
        """Where each group lies in the file, in the order written."""
        self._close_group()
        self.file.flush()
        offset, end = 0, self.file.seek(0, os.SEEK_END)
        while offset < end:
            length, count = _GROUP_HEADER.unpack(os.pread(self.file.fileno(), _GROUP_HEADER.size, offset))
            offset += _GROUP_HEADER.size
            yield _Group(self.file.fileno(), offset, length, count)
            offset += length


_GROUP_HEADER = struct.Struct("<QI")  # bytes, documents


@dataclass(frozen=True)
class _Group:
    """A group of spooled documents: ``length`` bytes at ``offset`` of the open file ``fd``."""

    fd: int
    offset: int
    length: int
    count: int

    def read(self) -> bytes:
        """The group's pickles, as they lie in the spool."""
        return os.pread(self.fd, self.length, self.offset)

    def documents(self) -> Iterator[DocumentResult]:
        return _unpickled(self.read(), self.count)


def _unpickled(data: bytes, count: int) -> Iterator[DocumentResult]:
    """The ``count`` documents pickled one after another in ``data``."""
    stream = io.BytesIO(data)
    for _ in range(count):
        yield pickle.load(stream)


def read_store_knowledge(store: Store, knowledge: Knowledge) -> StoreKnowledge:
    """Every organisation and place name the store holds, and its persons of the names the ingest uses.

    A store that cannot be queried (a write-only recorder) holds nothing to ask about.
    """
    try:
        stored = stored_names(store)
        persons = namesakes(store, knowledge.person_names())
    except NotImplementedError:  # a write-only store (a recorder in tests) knows nothing to ask
        return StoreKnowledge()
    return StoreKnowledge(
        names=[(record["type"], record["name"], record["aliases"]) for record in stored],
        persons=[_stored_person(record) for record in persons],
    )


def _stored_person(record: dict[str, Any]) -> StoredPerson:
    person_class = None
    for found in record["classes"]:
        person_class = stronger_class(person_class, found)
    return StoredPerson(record["name"], record["jurisdiction"], person_class, tuple(record["posts"]))


def _corrections(store: Store, corrections: Path | None) -> Corrections:
    folder = getattr(store, "path", None)
    return load_corrections(corrections_paths(corrections, Path(folder) if folder else None))


def ingest_paths(paths: list[Path], store: Store, *, overrides: DocumentMetadata | None = None,
                 reader: str | None = None, batch_size: int = 20, workers: int = 1,
                 dask_address: str | None = None, on_file: Callable[[FileOutcome], None] | None = None,
                 exclude: Path | None = None, corrections: Path | None = None,
                 on_resolved: Callable[[int, int], None] | None = None, bulk: bool = False) -> IngestSummary:
    """Read, extract, resolve and write every file under ``paths``; one atomic write per batch.

    ``on_file`` is called after each file, or part of a big file, is extracted (progress
    bars, error lines; ``outcome.complete`` marks a file's last part), and
    ``on_resolved(done, total)`` after each document of the write phase. A
    batch holds at most ``batch_size`` documents, even when one file holds many more (a
    file of records). ``workers`` local processes extract, then resolve (0: one per core,
    :func:`worker_count`); with ``dask_address`` the workers of that Dask cluster do both
    (they read the files by their paths), and this process writes. Files under ``exclude``
    (the store's folder) are not read. ``corrections`` names a corrections file read besides the store folder's
    ``corrections.yaml`` and ``$DKG_CORRECTIONS`` (:mod:`loaders.resolution.corrections`).
    ``bulk`` fills a new embedded store with Oxigraph's bulk loader: faster, and all or
    nothing as a whole instead of batch by batch (:meth:`graph.stores.oxigraph.OxigraphStore.bulk`).
    """
    if bulk and not hasattr(store, "bulk"):
        raise NotAvailableError(f"--bulk fills the embedded store only, not the {store.name} store")
    files = input_files(paths, exclude)
    workers = worker_count(workers)
    summary = IngestSummary(files=len(files))
    knowledge = Knowledge(_corrections(store, corrections))
    with (_fewer_collections(), tempfile.TemporaryFile(prefix="dkg-ingest-") as spooled,
          _dask_client(dask_address) as client):
        spool = _Spool(spooled, batch_size)
        job = _FileJob(overrides, reader, knowledge.corrections, batch_size)
        for extracted in _outcomes(files, job, workers, client):
            _collect(extracted, knowledge, spool, summary)
            if on_file:
                on_file(extracted.outcome)
        knowledge.add_store(read_store_knowledge(store, knowledge))
        knowledge.finish()
        with store.bulk() if bulk else contextlib.nullcontext():
            resolved = _resolved_groups(spool, _Resolver(knowledge, _prepare_of(store)), workers, client)
            _write_all(resolved, spool.count, store, knowledge, summary, on_resolved)
    return summary


# Python collects its youngest objects every 700 allocations, and the writer's hundreds of thousands of
# long-lived objects (what resolution learns) are walked by every full collection that follows: 7.8 s of the
# 117 s of a one-process ingest of the 100× bench corpus. A document's objects mostly die young; collecting
# every 20,000 lets them die first (0.5 s; the two-worker ingest's peak the same). Forked workers inherit it.
_INGEST_GC_THRESHOLDS = (20_000, 20, 20)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's garbage collector less often for the ingest, as it was afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(*_INGEST_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _collect(extracted: _Extracted, knowledge: Knowledge, spool: _Spool, summary: IngestSummary) -> None:
    """Phase 1: take in what one file's extracted documents tell, and park them."""
    summary.articles += extracted.outcome.articles
    summary.failures.extend(e.as_dict() for e in extracted.outcome.errors)
    for observation, pickled in zip(extracted.observations, extracted.pickled, strict=True):
        knowledge.take(observation)
        spool.add(pickled)


@dataclass
class _Resolved:
    """A group of documents resolved into one batch: the store's input for it, and what the writer counts."""

    payload: Any  # what store.write_prepared takes, or the GraphBatch for a store without prepare
    persons: set[tuple[str, str]]
    nodes: int
    edges: int
    documents: int
    failures: list[dict[str, str]]


@dataclass
class _Resolver:
    """What resolving a group of documents needs: the finished knowledge, and how the store takes a batch
    (``prepare``, picklable; None for a store that writes batches itself)."""

    knowledge: Knowledge
    prepare: Callable[[GraphBatch], Any] | None

    def __call__(self, documents: Iterable[DocumentResult]) -> _Resolved:
        """Resolve the documents and merge them into one batch, made ready for the store."""
        batch, resolved, failures = GraphBatch(), 0, []
        for result in documents:
            try:
                batch.update(resolve_document(result, self.knowledge))
                resolved += 1
            except DkgError:
                raise
            except Exception as error:  # a bug in resolution must not stop the batch: name the file
                failures.append(InputError(result.document.source,
                                           f"resolution failed ({type(error).__name__}: {error})",
                                           "please report this with the file").as_dict())
        persons = {(n.properties["name"], n.properties.get("jurisdiction", "")) for n in batch.nodes_of("Person")}
        payload = self.prepare(batch) if self.prepare is not None and len(batch) else batch
        return _Resolved(payload, persons, len(batch.nodes), len(batch.edges), resolved, failures)


_resolver: _Resolver | None = None  # in a forked resolving worker


def _start_resolver(resolver: _Resolver) -> None:
    global _resolver
    gc.freeze()  # the inherited knowledge stays shared with the writer: never touched by the collector
    _resolver = resolver


def _resolve_in_worker(group: _Group) -> _Resolved:
    return _resolver(group.documents())


def _resolve_sent(resolver: _Resolver, data: bytes, count: int) -> _Resolved:
    """On a Dask worker: resolve a group whose pickles came with the task."""
    return resolver(_unpickled(data, count))


def _prepare_of(store: Store) -> Callable[[GraphBatch], Any] | None:
    """How the store turns a batch into its own input for ``write_prepared`` (a picklable preparer, which any
    worker can run); None if it writes batches itself."""
    return store.preparer() if hasattr(store, "preparer") and hasattr(store, "write_prepared") else None


def _resolved_groups(spool: _Spool, resolver: _Resolver, workers: int, client: Any) -> Iterator[_Resolved]:
    """Phase 2: the spooled groups resolved, in order: on the Dask cluster when there is a client, else in
    ``workers`` forked processes when more than one, else here.

    Resolution is a pure function of a document once the knowledge is complete, so the
    workers, forked now, share the writer's knowledge, read their groups from the spool
    file themselves and send back the store's input (N-Triples for the embedded store):
    the writer only loads. A Dask worker gets the knowledge once and each group's bytes
    with its task.
    """
    if client is not None:
        shared = client.scatter(resolver, broadcast=True)
        yield from _bounded(lambda group: client.submit(_resolve_sent, shared, group.read(), group.count, pure=False),
                            lambda f: f.result(), spool.groups(), _dask_workers(client) * IN_FLIGHT_PER_WORKER)
    elif workers <= 1:
        for group in spool.groups():
            yield resolver(group.documents())
    else:
        gc.collect()
        with concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                                    initializer=_start_resolver, initargs=(resolver,)) as pool:
            yield from _bounded(lambda group: pool.submit(_resolve_in_worker, group), lambda f: f.result(),
                                spool.groups(), workers * IN_FLIGHT_PER_WORKER)


def _write_all(resolved: Iterable[_Resolved], total: int, store: Store, knowledge: Knowledge,
               summary: IngestSummary, on_resolved: Callable[[int, int], None] | None = None) -> None:
    """Write the resolved groups in order, then the namesakes' links."""
    persons: set[tuple[str, str]] = set()
    done = 0
    with _BackgroundWriter(store, summary) as writer:
        for group in resolved:
            done += group.documents + len(group.failures)
            if on_resolved:
                on_resolved(done, total)
            summary.failures.extend(group.failures)
            summary.documents += group.documents
            persons |= group.persons
            writer.write(group)
        links = _links(persons, knowledge)
        writer.write(_Resolved(links, set(), len(links.nodes), len(links.edges), 0, []))


class _BackgroundWriter:
    """Writes batches in order; the embedded store loads them in threads beside resolution.

    Batches come prepared (the store's own input, N-Triples) by the resolving workers, or
    are prepared here, so no object of a batch is shared with a thread; Oxigraph's loader
    releases the GIL, so loading overlaps resolving. One thread loads batch after batch
    (each atomic, in order); within a bulk load, which lands as a whole, as many as the
    store takes (``parallel_loads``). At most two calls per thread wait; a failed load
    stops the ingest at the next call, and no load starts after it. Other stores write in
    the calling thread, as before.
    """

    def __init__(self, store: Store, summary: IngestSummary) -> None:
        self.store, self.summary = store, summary
        threads = getattr(store, "parallel_loads", 1) if hasattr(store, "write_prepared") else 0
        self.pool = concurrent.futures.ThreadPoolExecutor(threads, thread_name_prefix="dkg-writer") if threads else None
        self.depth = 2 * threads
        self.in_flight: set[concurrent.futures.Future] = set()
        self.failed = False

    def write(self, group: _Resolved) -> None:
        if not group.nodes and not group.edges:
            return
        payload = group.payload
        if self.pool is None:
            self.store.write(payload)
        else:
            if isinstance(payload, GraphBatch):  # not prepared by a resolving worker
                payload = self.store.prepare(payload)
            self._reap(wait=len(self.in_flight) >= self.depth)
            self.in_flight.add(self.pool.submit(self._load, payload))
        self.summary.batches += 1
        self.summary.nodes += group.nodes
        self.summary.edges += group.edges

    def _load(self, payload: Any) -> None:
        if self.failed:  # a load before this one failed: the ingest stops, nothing after it lands
            return
        try:
            self.store.write_prepared(payload)
        except BaseException:
            self.failed = True
            raise

    def _reap(self, wait: bool) -> None:
        """Drop the finished loads, raising the error of a failed one; first wait for one when ``wait``."""
        if wait:
            concurrent.futures.wait(self.in_flight, return_when=concurrent.futures.FIRST_COMPLETED)
        for future in [future for future in self.in_flight if future.done()]:
            self.in_flight.discard(future)
            future.result()

    def __enter__(self) -> _BackgroundWriter:
        return self

    def __exit__(self, error_type: type[BaseException] | None, *rest: object) -> None:
        if self.pool is None:
            return
        if error_type is not None:
            self.failed = True
            for future in self.in_flight:
                future.cancel()
        self.pool.shutdown(wait=True)
        if error_type is None:
            for future in self.in_flight:
                future.result()


def _links(persons: set[tuple[str, str]], knowledge: Knowledge) -> GraphBatch:
    """POSSIBLY_SAME between the persons this ingest wrote and their namesakes (written now or before)."""
    names = {name for name, _ in persons}
    stored = {key for key in knowledge.persons.held if key[0] in names}
    return possibly_same_links(persons | stored, knowledge)
