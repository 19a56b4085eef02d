"""Fixtures for the store backends: each backend opened empty, the engines behind the servers.

The server engines start once per test session and only when a test asks for them:
ArcadeDB's Bolt server for the ``neo4j`` backend (or the Neo4j server named by
``NEO4J_URI`` when it is set: the tests then delete every node with a schema label in
``NEO4J_DATABASE``, so point it at a scratch database), and ``oxigraph serve`` for the
``sparql`` backend. When an engine cannot start its tests are skipped, or fail when
``CI=true``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.rdf import batch_to_ntriples
from graph.stores import Store, open_store
from tests.engines import empty_server_store, neo4j_settings_or_skip

BACKENDS = ("memory", "oxigraph", "sparql", "neo4j")


@pytest.fixture(scope="session")
def neo4j_settings() -> dict[str, str | None]:
    """uri, user, password and database of the Neo4j server the tests use."""
    return neo4j_settings_or_skip()


class StoreOpener:
    """Opens empty stores of any backend, and closes them all at the end."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.opened: list[Store] = []

    def __call__(self, backend: str) -> Store:
        if backend == "oxigraph":
            store = open_store("oxigraph", self.folder / f"store-{len(self.opened)}")
        elif backend in ("sparql", "neo4j"):
            store = empty_server_store(backend)
        else:
            store = open_store(backend)
        self.opened.append(store)
        return store

    def close_all(self) -> None:
        for store in self.opened:
            store.close()


@pytest.fixture
def open_backend(tmp_path: Path) -> Iterator[Callable[[str], Store]]:
    """A function that opens an empty store of a backend; every store opened is closed after the test."""
    opener = StoreOpener(tmp_path)
    yield opener
    opener.close_all()


@pytest.fixture(scope="module")
def open_backend_for_module(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Store]]:
    """Like ``open_backend``, for stores that a whole test module shares."""
    opener = StoreOpener(tmp_path_factory.mktemp("stores"))
    yield opener
    opener.close_all()


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, open_backend: Callable[[str], Store]) -> Store:
    """An empty store of each backend in turn."""
    return open_backend(request.param)


def _broken_ntriples(batch, schema=None) -> str:
    return batch_to_ntriples(batch, schema) + "<urn:dkg:test:broken> <urn:dkg:test:line\n"


@pytest.fixture
def break_writes_half_way(monkeypatch: pytest.MonkeyPatch) -> Callable[[Store], None]:
    """Make a store's next writes fail after most of the batch has been sent.

    RDF stores get valid N-Triples followed by a broken line (Oxigraph's loader has stored
    the triples before it by then); the Neo4j store gets a last statement that fails on
    the server after the node and relationship statements ran in the same transaction.
    """
    def arrange(store: Store) -> None:
        if store.name == "neo4j":
            from graph.stores.neo4j import Neo4jStore

            statements = Neo4jStore._statements
            failing = ("UNWIND $rows AS row RETURN count(*) / 0 AS written", [{}])
            monkeypatch.setattr(store, "_statements", lambda batch: [*statements(store, batch), failing])
        else:
            monkeypatch.setattr(f"graph.stores.{store.name}.batch_to_ntriples", _broken_ntriples)

    return arrange
