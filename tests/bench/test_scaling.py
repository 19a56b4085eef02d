"""Copies of real graph batches: new people, articles, events and days; shared institutions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bench.scaling import base_period_days, copies, relabel_batch
from bench.store import extract_batches
from graph.model import GraphBatch
from graph.queries import attendees, events
from graph.stores import open_store
from loaders.readers import iter_input_files

MOVED = {"Person", "Article", "Event", "Day"}


@pytest.fixture(scope="module")
def batches(tiny_corpus: Path) -> list[GraphBatch]:
    return extract_batches(list(iter_input_files([tiny_corpus]))[:3])


def test_scaling_copy_zero_is_the_batch_itself(batches: list[GraphBatch]) -> None:
    assert relabel_batch(batches[0], 0, 35) is batches[0]


def test_scaling_copy_moves_people_articles_events_and_days(batches: list[GraphBatch]) -> None:
    batch = batches[0]
    copy = relabel_batch(batch, 3, 35)
    assert len(copy.edges) == len(batch.edges) and len(copy.nodes) == len(batch.nodes)
    for type_name in MOVED:
        assert not {n.id for n in batch.nodes_of(type_name)} & {n.id for n in copy.nodes_of(type_name)}
    for type_name in {n.type for n in batch.nodes.values()} - MOVED:
        assert {n.id for n in batch.nodes_of(type_name)} == {n.id for n in copy.nodes_of(type_name)}
    old_days = sorted(n.properties["date"] for n in batch.nodes_of("Day"))
    new_days = sorted(n.properties["date"] for n in copy.nodes_of("Day"))
    assert [d + dt.timedelta(days=3 * 35) for d in old_days] == new_days
    assert not {n.properties["name"] for n in batch.nodes_of("Person")} & \
        {n.properties["name"] for n in copy.nodes_of("Person")}


def test_scaling_copy_edges_join_its_own_nodes(batches: list[GraphBatch]) -> None:
    copy = relabel_batch(batches[1], 2, 35)
    articles = {n.id for n in copy.nodes_of("Article")}
    for edge in copy.edges.values():
        assert edge.source in copy.nodes and edge.target in copy.nodes
        assert edge.provenance.article_id in articles
    assert not set(copy.edges) & set(batches[1].edges)


def test_scaling_same_copy_same_graph(batches: list[GraphBatch]) -> None:
    first, second = relabel_batch(batches[0], 5, 35), relabel_batch(batches[0], 5, 35)
    assert set(first.nodes) == set(second.nodes) and set(first.edges) == set(second.edges)


def test_scaling_a_copy_answers_queries_under_its_new_names(batches: list[GraphBatch]) -> None:
    store = open_store("memory")
    for batch in batches:
        store.write(batch)
        store.write(relabel_batch(batch, 1, 35))
    copy = GraphBatch.union(relabel_batch(b, 1, 35) for b in batches)
    attended = [e for e in copy.edges_of("ATTENDED")]
    assert attended, "the tiny corpus should hold attendances"
    person = copy.nodes[attended[0].source].properties["name"]
    rows = events(store, person)
    assert {r["event_id"] for r in rows} >= {attended[0].target}
    assert any(r["name"] == person for r in attendees(store, event=attended[0].target))


def test_scaling_period_covers_every_date_in_whole_weeks(batches: list[GraphBatch]) -> None:
    period = base_period_days(batches)
    assert period % 7 == 0 and period >= 7
    dates = [v for b in batches for n in b.nodes.values() for v in n.properties.values() if isinstance(v, dt.date)]
    assert period >= (max(dates) - min(dates)).days + 1


def test_scaling_copies_go_on_copy_after_copy(batches: list[GraphBatch]) -> None:
    stream = copies(batches[:2], 14)
    assert [next(stream)[0] for _ in range(5)] == [0, 0, 1, 1, 2]
