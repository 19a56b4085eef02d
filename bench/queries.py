"""Query latency of the research queries: attendees, events of a person, co-attendees, positions,
free-text search and the name catalogue.

Each query is called through its public function in :mod:`graph.queries` (what a user,
the CLI and the dashboard call), on subjects drawn at random from the store: events that
have attendees, people who attended events, people who held posts, the first two
characters of attendees' names (typed into search), and the type lists the dashboard
asks the catalogue for. Every subject is asked ``repeats`` times after one warm-up call;
latencies are wall-clock milliseconds.

Examples
--------
>>> from graph.queries.examples import example_store
>>> store = example_store()
>>> subjects = pick_subjects(store, count=2, seed=1)
>>> sorted(subjects)
['attendees', 'catalogue', 'coattendees', 'events', 'positions', 'search']
>>> result = measure_queries(store, subjects, repeats=1)
>>> result["coattendees"]["samples"] >= 1 and result["coattendees"]["median_ms"] > 0
True
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from bench.measure import median, percentile
from graph.queries import attendees, catalogue, coattendees, events, positions, search
from graph.schema import load_schema
from graph.stores import Store

__all__ = ["CATALOGUE_LIMIT", "CATALOGUE_TYPES", "QUERIES", "measure_queries", "pick_subjects"]

# What the dashboard asks the catalogue for: its search box's types, its organisation filter.
CATALOGUE_TYPES = ("Person,Organization,Event,Place", "Organization")
CATALOGUE_LIMIT = 20_000

# query name -> (what its subject is, how it is called)
QUERIES: dict[str, tuple[str, Callable[[Store, str], list[Any]]]] = {
    "attendees": ("event", lambda store, subject: attendees(store, event=subject)),
    "events": ("attendee", lambda store, subject: events(store, subject)),
    "coattendees": ("attendee", lambda store, subject: coattendees(store, subject)),
    "positions": ("holder", lambda store, subject: positions(store, subject)),
    "search": ("text", lambda store, subject: search(store, subject)),
    "catalogue": ("types", lambda store, subject: catalogue(store, subject.split(","), limit=CATALOGUE_LIMIT)),
}


def _candidates_sparql(kind: str) -> str:
    """SPARQL for candidate subjects, its terms read from the schema."""
    schema = load_schema()
    relation = schema.relation("HOLDS" if kind == "holder" else "ATTENDED")
    end = schema.structure["edge_target" if kind == "event" else "edge_source"]
    if kind == "event":
        return (f"SELECT DISTINCT ?subject WHERE {{ ?edge a {relation.qualified} ; {end} ?node . "
                f"?node {schema.structure['id']} ?subject }} LIMIT 5000")
    name = schema.node("Person").properties["name"].rdf
    return f"SELECT DISTINCT ?subject WHERE {{ ?edge a {relation.qualified} ; {end} ?node . ?node {name} ?subject }} " \
           "LIMIT 5000"


def _candidates_cypher(kind: str) -> str:
    schema = load_schema()
    person = schema.node("Person").neo4j
    relation = schema.relation("HOLDS" if kind == "holder" else "ATTENDED").neo4j
    if kind == "event":
        return f"MATCH (:{person})-[:{relation}]->(e) RETURN DISTINCT e.id AS subject LIMIT 5000"
    return f"MATCH (p:{person})-[:{relation}]->() RETURN DISTINCT p.name AS subject LIMIT 5000"


def pick_subjects(store: Store, count: int = 25, seed: int = 0) -> dict[str, list[str]]:
    """Up to ``count`` random subjects for each query, from the store itself."""
    rng = random.Random(seed)
    found: dict[str, list[str]] = {}
    for kind in ("event", "attendee", "holder"):
        text = _candidates_sparql(kind) if store.query_language == "sparql" else _candidates_cypher(kind)
        candidates = sorted({str(row["subject"]).removeprefix(load_schema().id_base) for row in store.query(text)})
        found[kind] = rng.sample(candidates, min(count, len(candidates)))
    found["text"] = [name[:2] for name in found["attendee"]]
    found["types"] = [CATALOGUE_TYPES[i % len(CATALOGUE_TYPES)] for i in range(min(count, 4))]
    return {name: found[kind] for name, (kind, _) in QUERIES.items()}


def _summary(latencies: list[float], rows: list[int]) -> dict[str, Any]:
    return {"samples": len(latencies), "median_ms": median(latencies), "p95_ms": percentile(latencies, 95),
            "max_ms": max(latencies) if latencies else None,
            "mean_rows": sum(rows) / len(rows) if rows else None}


def _timed_enough(spent_s: float, calls: int, budget_s: float) -> bool:
    """Whether a query has had its time: ``budget_s`` spent over five calls, or three times it over fewer.

    >>> _timed_enough(25.0, 4, 20.0), _timed_enough(25.0, 5, 20.0), _timed_enough(70.0, 1, 20.0)
    (False, True, True)
    """
    return spent_s > budget_s and (calls >= 5 or spent_s > 3 * budget_s)


def measure_queries(store: Store, subjects: dict[str, list[str]], repeats: int = 3,
                    budget_s: float = 20.0) -> dict[str, dict[str, Any]]:
    """Median and p95 latency (ms) of each research query over its subjects.

    A query stops early once it has used ``budget_s`` seconds after at least five calls, or
    three times that after one (a query of minutes, as search is at 10M edges), so one slow
    query cannot eat the run.
    """
    results = {}
    for name, (_, call) in QUERIES.items():
        chosen = subjects.get(name, [])
        latencies, rows = [], []
        if chosen:
            call(store, chosen[0])  # warm-up: file reads, caches
        spent = 0.0
        for subject in chosen * repeats:
            started = time.perf_counter()
            answer = call(store, subject)
            elapsed = time.perf_counter() - started
            latencies.append(elapsed * 1000)
            rows.append(len(answer))
            spent += elapsed
            if _timed_enough(spent, len(latencies), budget_s):
                break
        results[name] = _summary(latencies, rows)
    return results
