"""Ingest: run the loaders over many files and write their batches into a store.

Extraction is a pure function of a file, so it runs wherever there are cores: in this
process, in ``workers`` local processes, or on a Dask cluster. Writing stays in this
process, one atomic batch after another, in the order of the files, so the graph is the
same however the work was spread. At most a few files per worker are in flight at once:
memory stays bounded whatever the size of the corpus.

Examples
--------
>>> from graph.stores import open_store
>>> summary = ingest_paths([], open_store("memory"))
>>> summary.files, summary.failures
(0, [])
"""

from __future__ import annotations

import concurrent.futures
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dkg.errors import NotAvailableError
from graph.model import GraphBatch
from graph.stores import Store
from loaders.pipeline import FileOutcome, process_path, process_path_in_parts
from loaders.readers import DocumentMetadata, iter_input_files

__all__ = ["IngestSummary", "ingest_paths", "input_files"]

IN_FLIGHT_PER_WORKER = 4


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


def _bounded(submit: Callable[[Path], Any], result_of: Callable[[Any], FileOutcome],
             paths: Iterable[Path], window: int) -> Iterator[FileOutcome]:
    """Outcomes in the order of ``paths``, with at most ``window`` jobs in flight."""
    pending: deque = deque()
    for path in paths:
        pending.append(submit(path))
        if len(pending) >= window:
            yield result_of(pending.popleft())
    while pending:
        yield result_of(pending.popleft())


def _outcomes(paths: list[Path], job: _FileJob, workers: int, dask_address: str | None) -> Iterator[FileOutcome]:
    if dask_address:
        yield from _dask_outcomes(paths, job, dask_address)
    elif workers > 1:
        with concurrent.futures.ProcessPoolExecutor(workers) as pool:
            yield from _bounded(lambda p: pool.submit(job, p), lambda f: f.result(), paths,
                                workers * IN_FLIGHT_PER_WORKER)
    else:  # in this process, a file's documents come in parts: a big file never sits whole in memory
        for path in paths:
            yield from job.parts(path)


def _dask_outcomes(paths: list[Path], job: Callable[[Path], FileOutcome], address: str) -> Iterator[FileOutcome]:
    try:
        from distributed import Client
    except ImportError:
        raise NotAvailableError("--dask needs the dask extra: pip install 'dkg[dask]'") from None
    with Client(address) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _bounded(lambda p: client.submit(job, p, pure=False), lambda f: f.result(), paths,
                            workers * IN_FLIGHT_PER_WORKER)


@dataclass
class _FileJob:
    """A picklable call of ``process_path`` with the ingest's options."""

    overrides: DocumentMetadata | None
    reader: str | None
    part_size: int = 20

    def __call__(self, path: Path) -> FileOutcome:
        return process_path(path, self.overrides, self.reader)

    def parts(self, path: Path) -> Iterator[FileOutcome]:
        return process_path_in_parts(path, self.overrides, self.reader, self.part_size)


def input_files(paths: list[Path], exclude: Path | None = None) -> list[Path]:
    """The input files under ``paths``, leaving out those under ``exclude`` (the store's own folder).

    ``dkg ingest .`` run beside ``./dkg-data`` must not read the database it writes.
    """
    files = list(iter_input_files(paths))
    if exclude is None:
        return files
    excluded = exclude.resolve()
    return [path for path in files if not path.resolve().is_relative_to(excluded)]


def ingest_paths(paths: list[Path], store: Store, *, overrides: DocumentMetadata | None = None,
                 reader: str | None = None, batch_size: int = 20, workers: int = 1,
                 dask_address: str | None = None, on_file: Callable[[FileOutcome], None] | None = None,
                 exclude: Path | None = None) -> IngestSummary:
    """Read, extract and write every file under ``paths``; one atomic write per batch.

    ``on_file`` is called after each file (progress bars, error lines). A batch holds at
    most ``batch_size`` documents, even when one file holds many more (a file of records).
    Files under ``exclude`` (the store's folder) are not read.
    """
    files = input_files(paths, exclude)
    summary = IngestSummary(files=len(files))
    pending, pending_documents = GraphBatch(), 0
    for outcome in _outcomes(files, _FileJob(overrides, reader, batch_size), workers, dask_address):
        summary.articles += outcome.articles
        summary.failures.extend(e.as_dict() for e in outcome.errors)
        for batch in outcome.batches:
            pending.update(batch)
            pending_documents += 1
            summary.documents += 1
            if pending_documents >= batch_size:
                _write(store, pending, summary)
                pending, pending_documents = GraphBatch(), 0
        if on_file and outcome.complete:
            on_file(outcome)
    _write(store, pending, summary)
    return summary


def _write(store: Store, batch: GraphBatch, summary: IngestSummary) -> None:
    if not len(batch):
        return
    store.write(batch)
    summary.batches += 1
    summary.nodes += len(batch.nodes)
    summary.edges += len(batch.edges)
