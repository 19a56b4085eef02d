"""Resolution reads the store in the store's own language: the SPARQL server and Neo4j over Bolt agree.

Two ingests (the full name first, then the rest) into the embedded store and into each
server backend: the second ingest's lookups (``aliases``, ``namesakes``) run in SPARQL or
Cypher, and ``explain`` answers the same everywhere. The servers are the tests' own
``oxigraph serve`` and ArcadeDB's Bolt server (``tests/engines.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dkg.ingest import ingest_paths
from graph.queries.identity import explain, namesakes, stored_names
from graph.stores import Store, open_store
from tests.dkg.test_resolution_ingest import FILES, SECOND_ISSUE
from tests.engines import empty_server_store

KEYS = ("港科大", "顾远帆", "区政协", "钟成武")


def _open(backend: str, folder: Path) -> Store:
    return open_store(backend, folder) if backend == "oxigraph" else empty_server_store(backend)


def _load(store: Store) -> Store:
    for files in ([SECOND_ISSUE], [f for f in FILES if f != SECOND_ISSUE]):
        assert ingest_paths(files, store).failures == []
    return store


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with _open("oxigraph", tmp_path_factory.mktemp("embedded")) as store:
        yield _load(store)


@pytest.fixture(scope="module", params=["sparql", "neo4j"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with _open(request.param, tmp_path_factory.mktemp(request.param)) as store:
        yield _load(store)


def _ids(store: Store) -> tuple[frozenset, frozenset]:
    batch = store.export_batch()
    return frozenset(batch.nodes), frozenset(batch.edges)


def test_resolution_backends_hold_the_embedded_graph_and_explain_it_alike(embedded: Store, server: Store) -> None:
    assert _ids(server) == _ids(embedded)
    for key in KEYS:
        assert explain(server, key) == explain(embedded, key), key


def test_resolution_backends_lookups_answer_alike(embedded: Store, server: Store) -> None:
    assert stored_names(server) == stored_names(embedded)
    assert stored_names(server, ["港科大"]) == stored_names(embedded, ["港科大"])
    assert [n["name"] for n in stored_names(embedded, ["港科大"])] == ["香港科技大学"]
    names = ["顾远帆", "孟子川", "林晓岚"]
    assert namesakes(server, names) == namesakes(embedded, names)
    assert len(namesakes(embedded, names)) == 4
