"""Protocol order: rank officials from the order in which attendance lists name them.

Chinese reports list officials in order of rank. Each listing where A is named before B
is one "A before B" comparison; a Bradley-Terry model fitted to all comparisons gives each
official a strength, and the strengths give a ranking. Mean normalised position (0 = named
first, 1 = named last) is reported beside it as a plain cross-check.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import numpy as np

from graph.queries.attendance import DateLike, attendees
from graph.queries.rows import sort_key
from graph.queries.tenure import holders
from graph.stores.base import Store

__all__ = ["bradley_terry", "listings", "pairwise_wins", "rank"]


def listings(records: Iterable[dict[str, Any]], persons: set[str] | None = None) -> dict[str, list[str]]:
    """Each event's listing: person ids in protocol order (only attendances with an order).

    ``records`` are :func:`graph.queries.attendees` records; ``persons`` keeps only these ids.

    Examples
    --------
    >>> listings([{"event_id": "e", "person_id": "b", "order": 2}, {"event_id": "e", "person_id": "a", "order": 1}])
    {'e': ['a', 'b']}
    """
    ordered: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for record in records:
        if record["order"] is not None and (persons is None or record["person_id"] in persons):
            ordered[record["event_id"]].append((record["order"], record["person_id"]))
    return {event: [person for _, person in sorted(pairs)] for event, pairs in sorted(ordered.items())}


def pairwise_wins(event_listings: dict[str, list[str]]) -> Counter[tuple[str, str]]:
    """How often each person was named before each other: ``{(before, after): count}``.

    Examples
    --------
    >>> sorted(pairwise_wins({"e1": ["a", "b", "c"], "e2": ["b", "a"]}).items())
    [(('a', 'b'), 1), (('a', 'c'), 1), (('b', 'a'), 1), (('b', 'c'), 1)]
    """
    wins: Counter[tuple[str, str]] = Counter()
    for listing in event_listings.values():
        for i, before in enumerate(listing):
            for after in listing[i + 1:]:
                if before != after:
                    wins[before, after] += 1
    return wins


def _log_likelihood(theta: np.ndarray, winners: np.ndarray, losers: np.ndarray, counts: np.ndarray,
                    prior: float) -> float:
    """Penalised log-likelihood: the games, plus ``prior`` won and lost games against strength 0."""
    games = -np.sum(counts * np.logaddexp(0.0, theta[losers] - theta[winners]))
    virtual = -prior * np.sum(np.logaddexp(0.0, -theta) + np.logaddexp(0.0, theta))
    return float(games + virtual)


def _newton_step(theta: np.ndarray, winners: np.ndarray, losers: np.ndarray, counts: np.ndarray,
                 prior: float) -> np.ndarray:
    chance = 1.0 / (1.0 + np.exp(theta[losers] - theta[winners]))  # that the winner wins
    surprise = counts * (1.0 - chance)
    size = len(theta)
    own = 1.0 / (1.0 + np.exp(-theta))
    gradient = prior * (1.0 - 2.0 * own) + np.bincount(winners, surprise, size) - np.bincount(losers, surprise, size)
    weight = counts * chance * (1.0 - chance)
    curvature = np.diag(np.bincount(winners, weight, size) + np.bincount(losers, weight, size)
                        + 2.0 * prior * own * (1.0 - own))
    np.add.at(curvature, (winners, losers), -weight)
    np.add.at(curvature, (losers, winners), -weight)
    return np.linalg.solve(curvature, gradient)


def bradley_terry(wins: dict[tuple[str, str], int], *, prior: float = 1.0, iterations: int = 100,
                  tolerance: float = 1e-10) -> dict[str, float]:
    """Bradley-Terry log-strengths from pairwise wins, by damped Newton steps.

    Every player also plays ``prior`` won and ``prior`` lost games against a virtual
    player of log-strength 0. That keeps the estimate finite for those who never lose
    (or never win), as happens when a district lists its officials in the same order
    every time, and makes the likelihood strictly concave, so Newton converges in a few
    steps.

    Returns
    -------
    dict
        Player → log-strength (0 = the virtual player; higher = listed earlier).

    Examples
    --------
    >>> strengths = bradley_terry({("a", "b"): 3, ("b", "c"): 3, ("a", "c"): 3})
    >>> sorted(strengths, key=strengths.get, reverse=True)
    ['a', 'b', 'c']
    """
    players = sorted({p for pair in wins for p in pair})
    index = {p: i for i, p in enumerate(players)}
    ordered = [(index[w], index[loser], n) for (w, loser), n in sorted(wins.items()) if w != loser and n > 0]
    winners = np.array([w for w, _, _ in ordered], dtype=np.int64)
    losers = np.array([loser for _, loser, _ in ordered], dtype=np.int64)
    counts = np.array([n for _, _, n in ordered], dtype=float)
    theta = np.zeros(len(players))
    current = _log_likelihood(theta, winners, losers, counts, prior)
    for _ in range(iterations):
        step = _newton_step(theta, winners, losers, counts, prior)
        scale = 1.0
        while scale > 1e-6:
            trial = _log_likelihood(theta + scale * step, winners, losers, counts, prior)
            if trial >= current - 1e-12:
                break
            scale /= 2
        theta, current = theta + scale * step, trial
        if float(np.max(np.abs(scale * step), initial=0.0)) < tolerance:
            break
    return {player: float(theta[i]) for player, i in index.items()}


def _mean_positions(event_listings: dict[str, list[str]]) -> dict[str, list[float]]:
    positions: dict[str, list[float]] = defaultdict(list)
    for listing in event_listings.values():
        for index, person in enumerate(listing):
            positions[person].append(index / (len(listing) - 1) if len(listing) > 1 else 0.0)
    return positions


def rank(store: Store, *, org: str | None = None, date_from: DateLike = None, date_to: DateLike = None,
         type: str | None = None) -> list[dict[str, Any]]:
    """A protocol-order ranking of officials from their positions in attendance lists.

    Parameters
    ----------
    store : the graph store.
    org : rank only the people seen holding a post in this organisation or its units
        (id, name or alias); their order is read from every listing that names two of them.
    date_from, date_to : use only listings of events in this period.
    type : use only events of this type.

    Returns
    -------
    list of dict
        ``rank, person_id, name, score, listings, comparisons, wins, mean_position``:
        ``score`` is the log Bradley-Terry strength (higher = named earlier), ``listings``
        the number of events that list the person with at least one other, ``comparisons``
        the pairs behind the score, ``mean_position`` from 0 (always first) to 1 (always last).
        People never listed beside another are left out.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> [(r["rank"], r["name"], r["listings"]) for r in rank(example_store())]
    [(1, '张三', 1), (2, '李四', 2), (3, '王五', 2)]
    """
    records = attendees(store, date_from=date_from, date_to=date_to, type=type)
    persons = {h["person_id"] for h in holders(store, org)} if org else None
    event_listings = {e: ids for e, ids in listings(records, persons).items() if len(ids) > 1}
    wins = pairwise_wins(event_listings)
    strength = bradley_terry(wins)
    names = {r["person_id"]: r["name"] for r in records}
    positions = _mean_positions(event_listings)
    comparisons: Counter[str] = Counter()
    victories: Counter[str] = Counter()
    for (winner, loser), count in wins.items():
        comparisons[winner] += count
        comparisons[loser] += count
        victories[winner] += count
    rows = [{
        "person_id": person, "name": names[person], "score": round(value, 4) + 0.0,  # + 0.0: no "-0.0"
        "listings": len(positions[person]), "comparisons": comparisons[person],
        "wins": victories[person],
        "mean_position": round(sum(positions[person]) / len(positions[person]), 4),
    } for person, value in strength.items()]
    rows.sort(key=lambda r: (-r["score"], sort_key(r["mean_position"], r["name"], r["person_id"])))
    return [{"rank": index, **row} for index, row in enumerate(rows, start=1)]
