"""Loading the corpus twice, or in another order, or in other batches, gives the same graph.

The corpus: the sample page, three 新闻联播 transcripts (the same leaders appear on
several days, so documents share nodes) and a small archive of records. "The same graph"
is checked at three depths: the counts ``dkg stats --json`` prints, every node and edge
id of ``export_batch()``, and every triple the store holds (property values included).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import XSD, Literal
from rdflib.term import Node

from dkg.ingest import ingest_paths, input_files
from graph.stores import Store, open_store
from tests.conftest import SAMPLE_PAGE
from tests.reliability.helpers import run_dkg, stats_json, write_records

TRANSCRIPTS = ("20250208", "20250119", "20250125")
BACKENDS = ("oxigraph", "memory")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> list[Path]:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(SAMPLE_PAGE, folder)
    shutil.copy(f"{SAMPLE_PAGE}.meta.yaml", folder)
    for day in TRANSCRIPTS:
        shutil.copy(shared_dir / "corpus" / "xinwenlianbo" / f"{day}.md", folder)
    write_records(folder / "archive.jsonl", 0.01)
    return input_files([folder])


Snapshot = tuple[dict, frozenset[str], frozenset[str], frozenset[str]]


def _term(term: Node) -> str:
    """A term as N-Triples; ``"x"^^xsd:string`` and ``"x"`` are one literal in RDF 1.1 (Oxigraph writes the first)."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        term = Literal(str(term))
    return term.n3()


def snapshot(store: Store) -> Snapshot:
    """Counts, node ids, edge ids and every triple (as N-Triples terms) of a store."""
    batch = store.export_batch()
    triples = frozenset(" ".join(map(_term, triple)) for triple in store.graph.triples((None, None, None)))
    return store.stats(), frozenset(batch.nodes), frozenset(batch.edges), triples


def opened(backend: str, folder: Path) -> Store:
    return open_store(backend, folder) if backend == "oxigraph" else open_store(backend)


def loaded(backend: str, folder: Path, order: list[Path], batch_size: int = 20) -> Iterator[Snapshot]:
    """Snapshots of one store after each of two loads of ``order``."""
    with opened(backend, folder) as store:
        for _ in range(2):
            ingest_paths(order, store, batch_size=batch_size)
            yield snapshot(store)


@pytest.fixture(scope="module")
def forward(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Snapshot]]:
    """Each backend loaded twice in the corpus's own order."""
    return {backend: list(loaded(backend, tmp_path_factory.mktemp(backend), corpus)) for backend in BACKENDS}


@pytest.mark.parametrize("backend", BACKENDS)
def test_idempotency_loading_the_corpus_twice_changes_nothing(forward: dict, backend: str) -> None:
    first, second = forward[backend]
    assert first[0]["nodes"]["Article"] > 0
    assert second == first


def test_idempotency_backends_hold_the_same_graph(forward: dict) -> None:
    (oxigraph, _), (memory, _) = forward["oxigraph"], forward["memory"]
    assert memory == oxigraph


@pytest.mark.parametrize(("backend", "batch_size"), [("oxigraph", 20), ("oxigraph", 1), ("memory", 20)])
def test_order_reversed_files_give_the_same_counts_and_ids(corpus: list[Path], forward: dict, tmp_path: Path,
                                                           backend: str, batch_size: int) -> None:
    reversed_load = next(loaded(backend, tmp_path / "store", corpus[::-1], batch_size))
    assert reversed_load[:3] == forward[backend][0][:3]


def test_order_reversed_on_the_command_line_gives_the_same_stats(corpus: list[Path], forward: dict,
                                                                  tmp_path: Path) -> None:
    done = run_dkg("ingest", *map(str, corpus[::-1]), "--store", str(tmp_path / "store"))
    assert done.returncode == 0, done.stderr
    assert stats_json(tmp_path / "store") == forward["oxigraph"][0][0]


@pytest.mark.parametrize("batch_size", [20, 1])
def test_order_reversed_files_give_the_same_property_values(corpus: list[Path], forward: dict, tmp_path: Path,
                                                            batch_size: int) -> None:
    reversed_load = next(loaded("oxigraph", tmp_path / "store", corpus[::-1], batch_size))
    assert reversed_load[3] == forward["oxigraph"][0][3]
