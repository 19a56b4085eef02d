"""The embedded store: rdflib over Oxigraph, a real database in a folder on disk.

Layout of the store folder::

    dkg-data/
        oxigraph/     the Oxigraph (RocksDB) database
        write.lock    held by the one process that writes

Writes parse a batch's N-Triples with Oxigraph's own loader inside one transaction, so
a batch lands whole or not at all, even when the process is killed half way, and then
flush it to disk. Readers open the database read-only and may run beside a writer.
"""

from __future__ import annotations

import fcntl
import gzip
import os
import shutil
from pathlib import Path
from typing import ClassVar

import pyoxigraph
import rdflib
from oxrdflib import OxigraphStore as OxigraphRdflibStore
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from dkg.errors import StoreError, StoreLockedError
from graph.model import GraphBatch
from graph.rdf import batch_to_ntriples, triples_to_batch
from graph.schema import Schema
from graph.stores.rdf import RdfStore

__all__ = ["OxigraphStore"]


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
        database = self.path / "oxigraph"
        if read_only:
            if not database.is_dir():
                raise StoreError(f"no dkg store at {self.path}: run `dkg ingest` first, or pass --store")
            inner = self._open(pyoxigraph.Store.read_only, database)
        else:
            database.mkdir(parents=True, exist_ok=True)
            self._take_write_lock()
            inner = self._open(pyoxigraph.Store, database)
        self._inner = inner
        self.graph = rdflib.Graph(store=OxigraphRdflibStore(store=inner), identifier=DATASET_DEFAULT_GRAPH_ID)

    @staticmethod
    def _open(opener, database: Path) -> pyoxigraph.Store:
        try:
            return opener(str(database))
        except (OSError, RuntimeError) as error:
            raise StoreError(f"cannot open the store at {database}: {error}") from error

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
        if self.read_only:
            raise StoreError(f"the store at {self.path} was opened read-only")
        data = batch_to_ntriples(batch, self.schema)
        if data:
            # Oxigraph's own loader, in one transaction: the batch lands whole or not at all.
            self._inner.load(data, pyoxigraph.RdfFormat.N_TRIPLES)
            # RocksDB's in-memory table slows every insert as it grows (a batch into a full
            # table cost 5x one into an empty table) and holds most of the process's memory;
            # writing it out after each batch keeps both small.
            self._inner.flush()

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
