"""The embedded store: rdflib over Oxigraph, a real database in a folder on disk.

Layout of the store folder::

    dkg-data/
        oxigraph/     the Oxigraph (RocksDB) database
        write.lock    held by the one process that writes
        bulk-load.incomplete   only while a bulk load fills the (empty) store

A bulk load (:meth:`OxigraphStore.bulk`, ``dkg ingest --bulk``) fills an empty store with
Oxigraph's bulk loader, which is faster but not atomic. Its mark file makes it all or
nothing anyway: while it exists readers are refused, and a writer that finds it (the
load was killed) empties the store again before anything else.

Writes parse a batch's N-Triples with Oxigraph's own loader inside one transaction, so
a batch lands whole or not at all, even when the process is killed half way, and then
flush it to disk. Readers open the database read-only and may run beside a writer.
SELECT queries are answered by Oxigraph and their rows read straight from it; rdflib's
``Graph`` over the same database serves everything else (exports, other query forms).
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pyoxigraph
import rdflib
from oxrdflib import OxigraphStore as OxigraphRdflibStore
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from dkg.errors import StoreError, StoreLockedError
from graph.model import GraphBatch
from graph.rdf import batch_to_ntriples, triples_to_batch, unchecked_ids
from graph.schema import Schema
from graph.stores.rdf import RdfStore

__all__ = ["LoaderInput", "OxigraphStore"]

# RocksDB's in-memory table slows every insert as it grows (the 16th batch of 20k triples
# took 5-8x the first) and holds most of the process's memory; written out to disk every
# this many triples, it stays small. Flushing more often costs more than it saves.
FLUSH_TRIPLES = 20_000
# Triples handed to the bulk loader at once. Two loads may run at once, each holding its chunk
# in memory: at 200k an ingest of the bench's 100x corpus peaked at 600 MiB, at 400k 1 GiB, as fast.
BULK_TRIPLES = 200_000
BULK_MARK = "bulk-load.incomplete"
# Literals whose Python value is their text (a language-tagged string is one too).
_PLAIN_STRINGS = frozenset({"http://www.w3.org/2001/XMLSchema#string",
                            "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"})


@dataclass(frozen=True)
class LoaderInput:
    """Turns a batch into the input of the store's loader (N-Triples, UTF-8), anywhere: it holds no store.

    Bytes, not text: an ingest's workers send it to the writer, and pickling non-ASCII text
    (encoded, then decoded again) cost the writer more than loading it. The bulk loader reads
    leniently (IRIs unchecked), so for it only plain ids may pass (``plain_ids_only``).

    >>> from graph.model import Node
    >>> from graph.schema import load_schema
    >>> batch = GraphBatch()
    >>> _ = batch.add_node(Node("Organization", "my org", {"name": "某局"}))
    >>> LoaderInput(load_schema())(batch).count(b"\\n")
    3
    >>> LoaderInput(load_schema(), plain_ids_only=True)(batch)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dkg.errors.StoreError: a bulk load takes only ids of letters, digits and -._~ ..., not ['my org']: ...
    """

    schema: Schema
    plain_ids_only: bool = False

    def __call__(self, batch: GraphBatch) -> bytes:
        if self.plain_ids_only:
            unchecked = unchecked_ids(batch, self.schema)
            if unchecked:
                raise StoreError(f"a bulk load takes only ids of letters, digits and -._~ (as the model makes "
                                 f"them), not {unchecked[:3]}: write this batch without --bulk")
        return batch_to_ntriples(batch, self.schema).encode("utf-8")


class OxigraphStore(RdfStore):
    """The default store, persistent on disk.

    Parameters
    ----------
    path : folder of the store; created when writing to a new one.
    read_only : open for reading beside a writer; the folder must hold a store.
    """

    name: ClassVar[str] = "oxigraph"
    persistent: ClassVar[bool] = True

    def __init__(self, path: str | Path, read_only: bool = False, schema: Schema | None = None) -> None:
        super().__init__(schema)
        self.path = Path(path)
        self.read_only = read_only
        self._lock_file = None
        self._unflushed = 0
        database = self.path / "oxigraph"
        if read_only:
            if not database.is_dir():
                raise StoreError(f"no dkg store at {self.path}: run `dkg ingest` first, or pass --store")
            if (self.path / BULK_MARK).exists():
                raise StoreError(f"the store at {self.path} is being bulk loaded, or a bulk load was interrupted: "
                                 "wait for `dkg ingest --bulk` to finish, or run it again")
            inner = self._open(pyoxigraph.Store.read_only, database)
        else:
            database.mkdir(parents=True, exist_ok=True)
            self._take_write_lock()
            inner = self._open(pyoxigraph.Store, database)
        self._inner = inner
        self._bulk: list[bytes] | None = None
        self._bulk_triples = 0
        self._bulk_lock = threading.Lock()
        if not read_only and (self.path / BULK_MARK).exists():
            self._undo_bulk()
        self.graph = rdflib.Graph(store=OxigraphRdflibStore(store=inner), identifier=DATASET_DEFAULT_GRAPH_ID)

    def _rows(self, query: str) -> list[dict[str, Any]]:
        """Rows straight from Oxigraph: rdflib's wrapping of each term cost about as much as the query itself.

        Strings come back as they are; other literals as rdflib reads them (dates, numbers),
        IRIs of the graph as ids, so the rows are those of :meth:`RdfStore._rows`.
        """
        solutions = self._inner.query(query)
        if not isinstance(solutions, pyoxigraph.QuerySolutions):
            return super()._rows(query)  # ASK and CONSTRUCT keep rdflib's reading
        names = [variable.value for variable in solutions.variables]
        convert = self._python_of_oxigraph
        return [{name: convert(solution[index]) for index, name in enumerate(names)} for solution in solutions]

    def _python_of_oxigraph(self, term: Any) -> Any:
        if term is None:
            return None
        if isinstance(term, pyoxigraph.Literal):
            datatype = term.datatype.value
            if datatype in _PLAIN_STRINGS:
                return term.value
            return rdflib.Literal(term.value, datatype=datatype).toPython()
        if isinstance(term, pyoxigraph.NamedNode):
            return term.value.removeprefix(self.schema.id_base)
        return term.value  # a blank node's id

    @staticmethod
    def _open(opener, database: Path, attempts: int = 5) -> pyoxigraph.Store:
        for attempt in range(attempts):
            try:
                return opener(str(database))
            except (OSError, RuntimeError) as error:
                # A reader opening while the writer compacts may find a file listed and then gone.
                if "No such file" in str(error) and attempt + 1 < attempts:
                    time.sleep(0.05 * (attempt + 1))
                    continue
                raise StoreError(f"cannot open the store at {database}: {error}") from error
        raise AssertionError("unreachable")

    def _take_write_lock(self) -> None:
        lock_path = self.path / "write.lock"
        lock_file = open(lock_path, "a+")  # noqa: SIM115 - held until close()
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock_file.seek(0)
            holder = lock_file.read().strip() or "another process"
            lock_file.close()
            raise StoreLockedError(
                f"the store at {self.path} is being written by {holder}; "
                "wait for that ingest to finish, or use another --store"
            ) from None
        lock_file.truncate(0)
        lock_file.write(f"pid {os.getpid()}")
        lock_file.flush()
        self._lock_file = lock_file

    def write(self, batch: GraphBatch) -> None:
        self.write_prepared(self.prepare(batch))

    def prepare(self, batch: GraphBatch) -> bytes:
        """The batch as the store's loader takes it (N-Triples, UTF-8); for :meth:`write_prepared`."""
        return self.preparer()(batch)

    def preparer(self) -> LoaderInput:
        """What :meth:`prepare` does, as a picklable object: an ingest's workers, forked or on Dask,
        prepare batches with it and send the writer bytes. Taken inside :meth:`bulk` for a bulk load."""
        if self.read_only:
            raise StoreError(f"the store at {self.path} was opened read-only")
        return LoaderInput(self.schema, plain_ids_only=self._bulk is not None)

    def write_prepared(self, data: bytes) -> None:
        """Write a batch :meth:`prepare` made, atomically (or into the bulk load under way).

        Oxigraph's loader releases the GIL: an ingest runs this in a thread beside resolution.
        """
        if self.read_only:
            raise StoreError(f"the store at {self.path} was opened read-only")
        if data and self._bulk is not None:
            self._bulk_add(data)
        elif data:
            # Oxigraph's own loader, in one transaction: the batch lands whole or not at all.
            self._inner.load(data, pyoxigraph.RdfFormat.N_TRIPLES)
            self._unflushed += data.count(b"\n")
            if self._unflushed >= FLUSH_TRIPLES:
                self._inner.flush()
                self._unflushed = 0

    @contextlib.contextmanager
    def bulk(self) -> Iterator[None]:
        """Within this block, writes go to Oxigraph's bulk loader: for filling an empty store.

        The whole block lands or nothing does: an error inside empties the store again,
        and so does the next writer after a killed process (the mark file says so).
        Readers are refused until the block ends.
        """
        if self.read_only:
            raise StoreError(f"the store at {self.path} was opened read-only")
        if next(iter(self._inner.quads_for_pattern(None, None, None, None)), None) is not None:
            raise StoreError(f"the store at {self.path} holds a graph already: a bulk load only fills an empty "
                             "store; ingest without --bulk, or choose a new --store")
        mark = self.path / BULK_MARK
        mark.write_text(f"pid {os.getpid()}\n")
        self._bulk, self._bulk_triples = [], 0
        try:
            yield
            self._bulk_load()
            self._inner.flush()
        except BaseException:
            self._bulk = None
            self._undo_bulk()
            raise
        finally:
            self._bulk = None
        mark.unlink()

    @property
    def parallel_loads(self) -> int:
        """How many threads may call :meth:`write_prepared` at once: two within :meth:`bulk`, else one.

        Batches written one by one must land in order; a bulk load lands as a whole, and
        Oxigraph's loader, mostly on one core, releases the GIL.
        """
        return 2 if self._bulk is not None else 1

    def _bulk_add(self, data: bytes) -> None:
        with self._bulk_lock:
            self._bulk.append(data)
            self._bulk_triples += data.count(b"\n")
            full = self._bulk_triples >= BULK_TRIPLES
        if full:
            self._bulk_load()

    def _bulk_load(self) -> None:
        """Load what has gathered (another thread may have taken it first: then nothing)."""
        with self._bulk_lock:
            chunk, self._bulk, self._bulk_triples = self._bulk, [], 0
        self._load_chunk(chunk)

    def _load_chunk(self, chunk: list[bytes]) -> None:
        if chunk:
            # Lenient (IRIs unchecked, a quarter faster): prepare let through only plain ids.
            self._inner.bulk_load(b"".join(chunk), pyoxigraph.RdfFormat.N_TRIPLES, lenient=True)

    def _undo_bulk(self) -> None:
        """Empty the store a bulk load was filling (it was empty before), then drop the mark."""
        self._inner.clear()
        self._inner.flush()
        (self.path / BULK_MARK).unlink(missing_ok=True)

    def export_batch(self) -> GraphBatch:
        # Oxigraph's own terms: their ``value`` is the plain text, far cheaper than rdflib's.
        quads = self._inner.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())
        return triples_to_batch(((q.subject.value, q.predicate.value, q.object.value) for q in quads),
                                self.schema)

    def backup(self, target: str | Path) -> None:
        """A consistent snapshot into a new store folder ``target``.

        The snapshot is itself a store: ``dkg stats --store TARGET`` reads it, and it holds
        exactly what this handle sees. A writer's handle uses Oxigraph's backup (hard links,
        cheap). A read-only handle beside a writer sees writes still in the writer's log,
        which Oxigraph's backup would leave out; its quads are copied into a new store instead.
        """
        target = Path(target)
        if target.exists():
            raise StoreError(f"{target} exists already: a backup goes into a new folder")
        target.mkdir(parents=True)
        try:
            if self.read_only:
                self._copy_into(target / "oxigraph")
            else:
                self._inner.backup(str(target / "oxigraph"))
        except OSError as error:
            shutil.rmtree(target, ignore_errors=True)
            raise StoreError(f"cannot back up the store into {target}: {error}") from error
        except BaseException:
            shutil.rmtree(target, ignore_errors=True)  # half a copy is no backup
            raise

    def _copy_into(self, database: Path) -> None:
        copy = pyoxigraph.Store(str(database))
        try:
            copy.bulk_extend(self._inner.quads_for_pattern(None, None, None, None))
            copy.flush()
        finally:
            del copy

    def dump_nquads(self, target: str | Path) -> None:
        """Every quad of the store into one N-Quads file (gzipped when it ends in .gz)."""
        target = Path(target)
        opener = gzip.open if target.suffix == ".gz" else open
        with opener(target, "wb") as output:
            self._inner.dump(output, pyoxigraph.RdfFormat.N_QUADS)

    def load_nquads(self, source: str | Path) -> None:
        """Load an N-Quads dump in one transaction (the restore of :meth:`dump_nquads`)."""
        source = Path(source)
        opener = gzip.open if source.suffix == ".gz" else open
        with opener(source, "rb") as data:
            self._inner.load(data, pyoxigraph.RdfFormat.N_QUADS)

    def close(self) -> None:
        self._inner.flush() if not self.read_only else None
        del self.graph, self._inner
        if self._lock_file is not None:
            fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None
