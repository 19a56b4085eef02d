"""The protocol-order ranking recovers a hidden order from noisy attendance listings."""

from __future__ import annotations

import datetime as dt
import random
from itertools import combinations

import pytest

from graph.model import Edge, GraphBatch, Node, Provenance
from graph.queries import bradley_terry, rank
from graph.queries.ranking import listings, pairwise_wins
from graph.stores import open_store

OFFICIALS = 20
EVENTS = 120


def kendall_tau(order: list[str], truth: list[str]) -> float:
    """Kendall's tau between two orderings of the same items."""
    position = {item: i for i, item in enumerate(order)}
    pairs = list(combinations(truth, 2))
    concordant = sum(position[a] < position[b] for a, b in pairs)
    return (2 * concordant - len(pairs)) / len(pairs)


def noisy_listing(rng: random.Random, hidden: list[str]) -> list[str]:
    """A random subset of officials in their hidden order, with a few neighbours swapped."""
    listing = sorted(rng.sample(hidden, rng.randint(3, 8)), key=hidden.index)
    for i in range(len(listing) - 1):
        if rng.random() < 0.15:
            listing[i], listing[i + 1] = listing[i + 1], listing[i]
    return listing


def corpus(seed: int = 7) -> tuple[GraphBatch, list[str]]:
    """Events whose listings follow a hidden order of officials, with noise; and that order."""
    rng = random.Random(seed)
    batch = GraphBatch()
    names = [f"官员{i:02d}" for i in range(OFFICIALS)]
    people = {name: batch.add_node(Node.create("Person", name=name, jurisdiction="测试区")) for name in names}
    hidden = rng.sample(names, len(names))
    for number in range(EVENTS):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=number)
        event = batch.add_node(Node.create("Event", name=f"会议{number}", event_type="meeting", date=day,
                                           article_id=f"article-{number}"))
        listing = noisy_listing(rng, hidden)
        sentence = "、".join(listing) + "出席会议。"
        for order, name in enumerate(listing, start=1):
            provenance = Provenance(f"article-{number}", 0, len(sentence), sentence)
            batch.add_edge(Edge.create("ATTENDED", people[name], event, provenance, roles=["出席"], order=order))
    return batch, hidden


def test_queries_rank_bradley_terry_recovers_known_strengths() -> None:
    rng = random.Random(3)
    strength = {f"p{i}": 2.0 ** (-i / 2) for i in range(10)}
    wins: dict[tuple[str, str], int] = {}
    for a, b in combinations(strength, 2):
        for _ in range(40):
            winner, loser = (a, b) if rng.random() < strength[a] / (strength[a] + strength[b]) else (b, a)
            wins[winner, loser] = wins.get((winner, loser), 0) + 1
    fitted = bradley_terry(wins)
    order = sorted(fitted, key=fitted.get, reverse=True)
    assert kendall_tau(order, list(strength)) > 0.85
    assert order[0] == "p0" and order[-1] in {"p8", "p9"}


def test_queries_rank_listings_and_pairs_skip_unordered() -> None:
    records = [{"event_id": "e1", "person_id": "b", "order": 2}, {"event_id": "e1", "person_id": "a", "order": 1},
               {"event_id": "e1", "person_id": "c", "order": None}, {"event_id": "e2", "person_id": "c", "order": 1}]
    assert listings(records) == {"e1": ["a", "b"], "e2": ["c"]}
    assert dict(pairwise_wins(listings(records))) == {("a", "b"): 1}
    assert listings(records, persons={"b", "c"}) == {"e1": ["b"], "e2": ["c"]}


@pytest.fixture(scope="module", params=["memory", "oxigraph"])
def ranked_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    batch, hidden = corpus()
    store = open_store(request.param, tmp_path_factory.mktemp("rank"))
    store.write(batch)
    yield store, hidden
    store.close()


def test_queries_rank_recovers_a_hidden_protocol_order(ranked_store) -> None:
    store, hidden = ranked_store
    ranking = rank(store)
    order = [r["name"] for r in ranking]
    assert sorted(order) == sorted(hidden)
    assert kendall_tau(order, hidden) > 0.95
    assert order[0] == hidden[0] and set(order[:3]) == set(hidden[:3])
    by_mean_position = [r["name"] for r in sorted(ranking, key=lambda r: r["mean_position"])]
    assert kendall_tau(order, hidden) >= kendall_tau(by_mean_position, hidden)
    assert all(r["listings"] >= 5 and r["comparisons"] >= r["listings"] for r in ranking)
    scores = [r["score"] for r in ranking]
    assert scores == sorted(scores, reverse=True)


def test_queries_rank_in_a_period_uses_only_its_listings(ranked_store) -> None:
    store, _ = ranked_store
    early = rank(store, date_to="2024-01-10")
    assert 0 < sum(r["listings"] for r in early) <= 10 * 8
    assert all(r["listings"] <= 10 for r in early)
    assert rank(store, date_from="2030-01-01") == []
