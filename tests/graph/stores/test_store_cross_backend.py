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
import datetime as dt
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


def _corpus_values(batch: GraphBatch, type_name: str, prop: str, count: int = 2) -> list[Any]:
    """A few values of a property from the ingested corpus (not the hand-made graphs)."""
    values = {n.properties[prop] for n in batch.nodes_of(type_name)
              if prop in n.properties and not str(n.properties.get("name", "")).startswith(("示例", "张", "李", "王"))}
    return sorted(values, key=str)[:count]


def _ids(batch: GraphBatch, type_name: str, count: int = 2) -> list[str]:
    return sorted(n.id for n in batch.nodes_of(type_name))[:count]


def question_sets(batch: GraphBatch) -> dict[str, dict[str, Callable[[Store], Any]]]:
    """The research queries, on keys of the hand-made graphs and a few of the corpus, by topic."""
    persons = ["张三", "李四", "示例甲", "Jia", HOSTILE_NAME, *_corpus_values(batch, "Person", "name")]
    organisations = ["区委", "示例区委办公室", *_corpus_values(batch, "Organization", "name")]
    dates = [dt.date(2024, 3, 1), dt.date(2024, 5, 3), *_corpus_values(batch, "Event", "date", 1)]
    events = [*_ids(batch, "Event"), "示例会议"]
    posts = ["书记", *organisations, *_corpus_values(batch, "Post", "title")]
    keys = ["王五", "区委", "示例区委办公室举行", *_corpus_values(batch, "Article", "title", 1), *_ids(batch, "Day", 1)]
    centres = [*_ids(batch, "Person", 1), *_ids(batch, "Event", 1), *_ids(batch, "Organization", 1)]
    pairs = [("张三", "王五"), ("示例甲", "示例区"), tuple(_corpus_values(batch, "Person", "name"))]
    return {
        "attendance": {
            "attendees": lambda s: research.attendees(s),
            **{f"attendees {e}": (lambda s, e=e: research.attendees(s, e)) for e in events},
            **{f"attendees on {d}": (lambda s, d=d: research.attendees(s, date=d)) for d in dates},
            # the org filter (a property path inside FILTER EXISTS) takes seconds on `oxigraph serve`: asked once
            "attendees by 区委": lambda s: research.attendees(s, org="区委"),
            "attendees in range": lambda s: research.attendees(s, date_from=min(dates), date_to=max(dates),
                                                               type="meeting"),
            **{f"events {p}": (lambda s, p=p: research.events(s, p)) for p in persons},
            **{f"coattendees {p}": (lambda s, p=p: research.coattendees(s, p)) for p in persons},
            "timeline": lambda s: research.timeline(s),
            "rank": lambda s: research.rank(s),
        },
        "tenure": {
            **{f"positions {p}": (lambda s, p=p: research.positions(s, p)) for p in persons},
            **{f"holders {k}": (lambda s, k=k: research.holders(s, k)) for k in posts},
        },
        "lookup": {
            **{f"lookup {k}": (lambda s, k=k: research.lookup(s, str(k))) for k in keys},
            **{f"search {t}": (lambda s, t=t: research.search(s, t)) for t in ("示例", "j", "王}{")},
            "catalogue": lambda s: research.catalogue(s, limit=100_000),
            "catalogue of organisations and places, cut": lambda s: research.catalogue(s, ["Organization", "Place"],
                                                                                        limit=7),
        },
        "network": {
            **{f"neighbourhood {c}": (lambda s, c=c: research.neighbourhood(s, c)) for c in centres},
            **{f"path {a} {b}": (lambda s, a=a, b=b: research.path(s, a, b, max_hops=4)) for a, b in pairs},
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
    assert attendance["attendees by 区委"] and attendance["coattendees 李四"] and attendance["events Jia"]
    assert reference_answers["tenure"]["positions 张三"] and reference_answers["tenure"]["holders 书记"]
    assert reference_answers["lookup"]["search 王}{"] and reference_answers["lookup"]["lookup 区委"]
    assert reference_answers["network"]["path 张三 王五"] and reference_answers["network"]["path 示例甲 示例区"]


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
