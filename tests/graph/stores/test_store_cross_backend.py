"""The same ingest gives the same answers on every backend.

The sample page (``data/``) and a few 新闻联播 transcripts go through the real pipeline
(``loaders.pipeline.process_file``), one write per document as ``dkg ingest`` does, plus
two small hand-made graphs whose meetings, posts and organiser chains give every research
query something to find. The embedded store (Oxigraph) is the reference; the SPARQL server
and Neo4j-over-Bolt must hold the same graph and answer every research query of
:mod:`graph.queries` exactly as it does.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import graph.queries as research
from graph.model import GraphBatch
from graph.queries.examples import example_batch
from graph.stores import Store
from loaders.pipeline import process_file
from loaders.readers import iter_input_files
from tests.graph.stores.batches import HOSTILE_NAME, contract_batch, normalised

DATA = Path(__file__).resolve().parents[3] / "data"
TRANSCRIPTS = 3
REFERENCE = "oxigraph"
COMPARED = ("sparql", "neo4j")  # the in-memory store passes the contract suite; rdflib's SPARQL is slow


@pytest.fixture(scope="module")
def corpus_batches(shared_dir: Path) -> list[GraphBatch]:
    """One batch per document of the corpus, then the two hand-made graphs."""
    transcripts = sorted((shared_dir / "corpus" / "xinwenlianbo").glob("*.md"))[:TRANSCRIPTS]
    assert len(transcripts) == TRANSCRIPTS, "the 新闻联播 transcripts are missing from the shared folder"
    files = [*iter_input_files([DATA]), *transcripts]
    batches = [result.batch for path in files for result in process_file(path)]
    assert len(batches) >= len(files)
    return [*batches, example_batch(), contract_batch(), contract_batch(HOSTILE_NAME)]


@pytest.fixture(scope="module")
def loaded(corpus_batches: list[GraphBatch], open_backend_for_module) -> Callable[[str], Store]:
    """The store of a backend with the corpus written into it (loaded once per module)."""
    stores: dict[str, Store] = {}

    def load(backend: str) -> Store:
        if backend not in stores:
            store = open_backend_for_module(backend)
            for batch in corpus_batches:
                store.write(batch)
            stores[backend] = store
        return stores[backend]

    return load


def plain(value: Any) -> Any:
    """Records as plain containers, so that answers compare with ``==``."""
    if hasattr(value, "as_dict"):
        return plain(value.as_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return plain(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _values(batch: GraphBatch, type_name: str, *properties: str, limit: int = 8) -> list[Any]:
    found = set()
    for node in batch.nodes_of(type_name):
        for name in properties:
            value = node.properties.get(name)
            found.update(value if isinstance(value, list) else [value] if value is not None else [])
    return sorted(found, key=str)[:limit]


def _ids(batch: GraphBatch, type_name: str, limit: int = 6) -> list[str]:
    return sorted(n.id for n in batch.nodes_of(type_name))[:limit]


def question_sets(batch: GraphBatch) -> dict[str, dict[str, Callable[[Store], Any]]]:
    """Every research query, with arguments taken from the reference graph, by topic."""
    persons = _values(batch, "Person", "name", "aliases")
    dates = _values(batch, "Event", "date")
    organisations = _values(batch, "Organization", "name", "aliases")
    events = [*_ids(batch, "Event"), *_values(batch, "Event", "name", limit=4)]
    posts = [*_values(batch, "Post", "title"), *organisations]
    keys = [*persons[:4], *organisations[:3], *_values(batch, "Article", "title", limit=3), *_ids(batch, "Day", 2)]
    centres = [*_ids(batch, "Person", 3), *_ids(batch, "Event", 2), *_ids(batch, "Article", 2)]
    date_range = {"date_from": dates[0], "date_to": dates[-1]} if dates else {}
    return {
        "attendance": {
            "attendees": lambda s: research.attendees(s),
            **{f"attendees {e}": (lambda s, e=e: research.attendees(s, e)) for e in events},
            **{f"attendees on {d}": (lambda s, d=d: research.attendees(s, date=d)) for d in dates},
            **{f"attendees by {o}": (lambda s, o=o: research.attendees(s, org=o)) for o in organisations},
            "attendees in range": lambda s: research.attendees(s, **date_range, type="meeting"),
            **{f"events {p}": (lambda s, p=p: research.events(s, p)) for p in persons},
            **{f"coattendees {p}": (lambda s, p=p: research.coattendees(s, p)) for p in persons},
            "timeline": lambda s: research.timeline(s),
            **{f"timeline by {o}": (lambda s, o=o: research.timeline(s, org=o)) for o in organisations},
            "rank": lambda s: research.rank(s),
        },
        "tenure": {
            **{f"positions {p}": (lambda s, p=p: research.positions(s, p)) for p in persons},
            **{f"holders {k}": (lambda s, k=k: research.holders(s, k)) for k in posts},
        },
        "lookup": {
            **{f"lookup {k}": (lambda s, k=k: research.lookup(s, str(k))) for k in keys},
            **{f"search {t}": (lambda s, t=t: research.search(s, t)) for t in ("示例", "区", "j", "王}{", "会议")},
        },
        "network": {
            **{f"neighbourhood {c}": (lambda s, c=c: research.neighbourhood(s, c, hops=2)) for c in centres},
            **{f"path {a} {b}": (lambda s, a=a, b=b: research.path(s, a, b)) for a, b in itertools.pairwise(persons)},
        },
    }


@pytest.fixture(scope="module")
def reference_answers(loaded: Callable[[str], Store]) -> dict[str, dict[str, Any]]:
    reference = loaded(REFERENCE)
    questions = question_sets(reference.export_batch())
    return {topic: {name: plain(ask(reference)) for name, ask in asked.items()} for topic, asked in questions.items()}


def test_store_cross_backend_reference_answers_are_not_empty(reference_answers: dict) -> None:
    attendance = reference_answers["attendance"]
    assert len(attendance["attendees"]) >= 7
    assert any(attendance[k] for k in attendance if k.startswith("attendees by "))
    assert any(attendance[k] for k in attendance if k.startswith("coattendees "))
    assert any(reference_answers["tenure"].values())
    assert any(reference_answers["network"][k] for k in reference_answers["network"] if k.startswith("path "))


@pytest.mark.parametrize("backend", COMPARED)
def test_store_cross_backend_stats_and_graph_are_identical(backend: str, loaded: Callable[[str], Store]) -> None:
    reference, other = loaded(REFERENCE), loaded(backend)
    assert other.stats() == reference.stats()
    assert normalised(other.export_batch()) == normalised(reference.export_batch())


@pytest.mark.parametrize("topic", ["attendance", "tenure", "lookup", "network"])
@pytest.mark.parametrize("backend", COMPARED)
def test_store_cross_backend_research_queries_answer_the_same(backend: str, topic: str, loaded,
                                                              reference_answers: dict) -> None:
    other = loaded(backend)
    questions = question_sets(loaded(REFERENCE).export_batch())[topic]
    for name, ask in questions.items():
        assert plain(ask(other)) == reference_answers[topic][name], f"{backend} answers {name!r} differently"


def test_store_cross_backend_neo4j_second_load_changes_no_count(loaded, corpus_batches: list[GraphBatch]) -> None:
    store = loaded("neo4j")
    before = store.stats()
    for batch in corpus_batches:
        store.write(batch)
    assert store.stats() == before
    assert sum(before["nodes"].values()) > 0 and sum(before["relations"].values()) > 0
