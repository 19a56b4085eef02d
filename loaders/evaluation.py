"""Score extraction against gold annotations (the format of ``shared/gold/README.md``).

Each gold file names a source text relative to a corpus root. The evaluator runs the
pipeline on that text (read → segment → extract → resolve, no store), reads the
predicted graph batch back into plain records and matches them against the gold:

- person: exact names; person_class: (name, class) pairs;
- position: (person, title), the title as written or the post's title equal to the
  gold title or one of its ``accept`` forms, matched one to one;
- organization and place: the nodes a page names (an article MENTIONS them; not the
  organisation a post only implies, 中共中央 of 总书记); a node matches when one of its
  names equals the gold name or an alias; one to one, so two nodes for one organisation
  cost precision;
- event: aligned one to one (same article title, same ISO date or both undated, best
  participant overlap first); event_type and venue on aligned pairs;
- attendance, role, order: on the participants of aligned events;
- article: (title), (title, reporter), (title, photographer), (title, source).

Counts are summed over pages (micro-average).

Examples
--------
>>> Score(tp=3, predicted=4, gold=6).as_dict()
{'precision': 0.75, 'recall': 0.5, 'f1': 0.6, 'tp': 3, 'predicted': 4, 'gold': 6}
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dkg.errors import InputError
from graph.model import GraphBatch
from loaders.pipeline import process_file
from loaders.readers import DocumentMetadata

__all__ = ["FACT_KINDS", "Score", "evaluate_folder", "predicted_page", "score_page"]

FACT_KINDS = ("person", "person_class", "position", "organization", "place", "event",
              "event_type", "venue", "attendance", "role", "order", "article")


@dataclass
class Score:
    """True positives, predicted and gold counts of one fact kind."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        if self.predicted:
            return self.tp / self.predicted
        return 1.0 if self.gold == 0 else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "predicted": self.predicted, "gold": self.gold}


# --- the predicted page, as plain records -------------------------------------------------


@dataclass
class PredictedEvent:
    article_title: str
    date: str | None
    type: str | None
    venues: set[str]
    participants: dict[str, tuple[set[str], int | None]] = field(default_factory=dict)


@dataclass
class PredictedPage:
    persons: dict[str, str | None] = field(default_factory=dict)
    positions: list[tuple[str, set[str]]] = field(default_factory=list)
    organizations: list[set[str]] = field(default_factory=list)
    places: list[set[str]] = field(default_factory=list)
    events: list[PredictedEvent] = field(default_factory=list)
    article_facts: set[tuple[str, ...]] = field(default_factory=set)


def _names(properties: dict[str, Any]) -> set[str]:
    return {properties["name"], *properties.get("aliases", [])}


def predicted_page(batch: GraphBatch) -> PredictedPage:
    """Read a predicted graph batch into the records the scores compare."""
    nodes = batch.nodes
    page = PredictedPage()
    for person in batch.nodes_of("Person"):
        page.persons.setdefault(person.properties["name"], person.properties.get("person_class"))
    seen_positions = set()
    for edge in batch.edges_of("HOLDS"):
        person = nodes[edge.source].properties["name"]
        titles = {nodes[edge.target].properties["title"], edge.properties.get("title_as_written")} - {None}
        key = (person, edge.properties.get("title_as_written") or nodes[edge.target].properties["title"])
        if key not in seen_positions:
            seen_positions.add(key)
            page.positions.append((person, titles))
    named = {edge.target for edge in batch.edges_of("MENTIONS")}  # what the page names, not what a post implies
    page.organizations = [_names(n.properties) for n in batch.nodes_of("Organization") if n.id in named]
    page.places = [_names(n.properties) for n in batch.nodes_of("Place") if n.id in named]
    page.events = _predicted_events(batch)
    page.article_facts = _predicted_article_facts(batch)
    return page


def _predicted_events(batch: GraphBatch) -> list[PredictedEvent]:
    nodes = batch.nodes
    events: dict[str, PredictedEvent] = {}
    for event in batch.nodes_of("Event"):
        props = event.properties
        article = nodes.get(props.get("article_id", ""))
        date = props.get("date")
        events[event.id] = PredictedEvent(
            article_title=article.properties.get("title", "") if article else "",
            date=date.isoformat() if isinstance(date, dt.date) else date,
            type=props.get("event_type"),
            venues=set(),
        )
    for edge in batch.edges_of("HELD_AT"):
        events[edge.source].venues |= _names(nodes[edge.target].properties)
    for edge in batch.edges_of("ATTENDED"):
        name = nodes[edge.source].properties["name"]
        events[edge.target].participants[name] = (set(edge.properties.get("roles", [])), edge.properties.get("order"))
    return list(events.values())


def _predicted_article_facts(batch: GraphBatch) -> set[tuple[str, ...]]:
    facts: set[tuple[str, ...]] = set()
    for article in batch.nodes_of("Article"):
        if article.properties.get("kind") == "teaser":
            continue
        title = article.properties.get("title", "")
        facts.add(("title", title))
        if article.properties.get("source"):
            facts.add((title, "source", article.properties["source"]))
    for relation, role in (("WROTE", "reporter"), ("PHOTOGRAPHED", "photographer")):
        for edge in batch.edges_of(relation):
            title = batch.nodes[edge.target].properties.get("title", "")
            facts.add((title, role, batch.nodes[edge.source].properties["name"]))
    return facts


# --- matching --------------------------------------------------------------------------


def _set_score(predicted: Iterable[Any], gold: Iterable[Any]) -> Score:
    predicted, gold = set(predicted), set(gold)
    return Score(len(predicted & gold), len(predicted), len(gold))


def _one_to_one(predicted: list[Any], gold: list[Any], matches) -> Score:
    """Greedy one-to-one matching in gold order; ``matches(p, g)`` says if p can match g."""
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(predicted):
            if i not in used and matches(p, g):
                used.add(i)
                tp += 1
                break
    return Score(tp, len(predicted), len(gold))


def _named_score(predicted: list[set[str]], gold: list[dict[str, Any]]) -> Score:
    gold_names = [{g["name"], *g.get("aliases", [])} for g in gold]
    return _one_to_one(predicted, gold_names, lambda p, g: bool(p & g))


def _gold_date(event: dict[str, Any]) -> str | None:
    return None if event.get("date_unknown") else event.get("date")


def align_events(predicted: list[PredictedEvent], gold: list[dict[str, Any]],
                 article_titles: dict[str, str]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs, best participant overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        gold_people = {p["person"] for p in g.get("participants", [])}
        for pi, p in enumerate(predicted):
            same_article = p.article_title == article_titles.get(g.get("article"), g.get("article"))
            if same_article and p.date == _gold_date(g):
                candidates.append((-len(gold_people & set(p.participants)), gi, pi))
    pairs, used_gold, used_predicted = [], set(), set()
    for _, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
            pairs.append((pi, gi))
    return pairs


def _venue_names(gold: dict[str, Any], venue: str) -> set[str]:
    names = {venue}
    for place in gold.get("places", []):
        if venue == place["name"] or venue in place.get("aliases", []):
            names |= {place["name"], *place.get("aliases", [])}
    return names


def _event_scores(page: PredictedPage, gold: dict[str, Any]) -> dict[str, Score]:
    gold_events = gold.get("events", [])
    titles = {a["id"]: a["title"] for a in gold.get("articles", [])}
    pairs = align_events(page.events, gold_events, titles)
    scores = {k: Score() for k in ("event", "event_type", "venue", "attendance", "role", "order")}
    scores["event"] = Score(len(pairs), len(page.events), len(gold_events))
    scores["event_type"] = Score(0, len(page.events), len(gold_events))
    scores["venue"] = Score(0, sum(1 for e in page.events if e.venues), sum(1 for g in gold_events if g.get("venue")))
    for event in page.events:
        scores["attendance"].predicted += len(event.participants)
        scores["role"].predicted += sum(len(roles) for roles, _ in event.participants.values())
        scores["order"].predicted += sum(1 for _, order in event.participants.values() if order is not None)
    for g in gold_events:
        participants = g.get("participants", [])
        scores["attendance"].gold += len(participants)
        scores["role"].gold += sum(len(p.get("roles", [])) for p in participants)
        scores["order"].gold += sum(1 for p in participants if p.get("order") is not None)
    for pi, gi in pairs:
        _score_aligned(page.events[pi], gold_events[gi], gold, scores)
    return scores


def _score_aligned(event: PredictedEvent, gold_event: dict[str, Any], gold: dict[str, Any],
                   scores: dict[str, Score]) -> None:
    scores["event_type"].tp += event.type == gold_event.get("type")
    if gold_event.get("venue"):
        scores["venue"].tp += bool(event.venues & _venue_names(gold, gold_event["venue"]))
    for participant in gold_event.get("participants", []):
        found = event.participants.get(participant["person"])
        if found is None:
            continue
        roles, order = found
        scores["attendance"].tp += 1
        scores["role"].tp += len(roles & set(participant.get("roles", [])))
        scores["order"].tp += order is not None and order == participant.get("order")


def _gold_article_facts(gold: dict[str, Any]) -> set[tuple[str, ...]]:
    facts: set[tuple[str, ...]] = set()
    for article in gold.get("articles", []):
        title = article["title"]
        facts.add(("title", title))
        facts.update((title, "reporter", name) for name in article.get("reporters", []))
        facts.update((title, "photographer", name) for name in article.get("photographers", []))
        if article.get("source"):
            facts.add((title, "source", article["source"]))
    return facts


def score_page(page: PredictedPage, gold: dict[str, Any]) -> dict[str, Score]:
    """Scores of one predicted page against its gold annotation."""
    gold_persons = gold.get("persons", [])
    accepted = [(p["person"], {p["title"], *p.get("accept", [])}) for p in gold.get("positions", [])]
    scores = {
        "person": _set_score(page.persons, (p["name"] for p in gold_persons)),
        "person_class": _set_score(page.persons.items(), ((p["name"], p.get("class")) for p in gold_persons)),
        "position": _one_to_one(page.positions, accepted, lambda p, g: p[0] == g[0] and bool(p[1] & g[1])),
        "organization": _named_score(page.organizations, gold.get("organizations", [])),
        "place": _named_score(page.places, gold.get("places", [])),
        "article": _set_score(page.article_facts, _gold_article_facts(gold)),
    }
    scores.update(_event_scores(page, gold))
    return scores


def not_attendee_edges(page: PredictedPage, gold: dict[str, Any]) -> int:
    """How many predicted attendances name someone the gold says never attends."""
    barred = set(gold.get("not_attendees", []))
    return sum(1 for e in page.events for person in e.participants if person in barred)


# --- running over a folder -------------------------------------------------------------


def _load_gold(path: Path) -> dict[str, Any]:
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(str(path), f"not a readable gold file ({error})", "see shared/gold/README.md") from None
    if not isinstance(gold, dict) or "source" not in gold:
        raise InputError(str(path), "a gold file is a JSON object with a 'source'", "see shared/gold/README.md")
    return gold


def gold_files(gold_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Every ``*.json`` gold file of a folder, read and checked, by name; an InputError when there is none."""
    found = [(path, _load_gold(path)) for path in sorted(gold_dir.glob("*.json"))]
    if not found:
        raise InputError(str(gold_dir), "holds no *.json gold files", "pass the folder of the gold annotations")
    return found


def predict_gold_source(gold: dict[str, Any], corpus_root: Path) -> GraphBatch:
    """Run the pipeline on the text a gold file annotates, with the gold's metadata."""
    source = corpus_root / gold["source"]
    issue_date = dt.date.fromisoformat(gold["issue_date"]) if gold.get("issue_date") else None
    overrides = DocumentMetadata(gold.get("publication"), issue_date, gold.get("page"), gold.get("jurisdiction"))
    return GraphBatch.union(result.batch for result in process_file(source, overrides))


def evaluate_folder(gold_dir: Path, corpus_root: Path | None = None) -> dict[str, Any]:
    """Micro-averaged scores over every ``*.json`` gold file of a folder."""
    corpus_root = corpus_root or gold_dir.resolve().parent
    totals = {kind: Score() for kind in FACT_KINDS}
    pages, barred = 0, 0
    for _, gold in gold_files(gold_dir):
        page = predicted_page(predict_gold_source(gold, corpus_root))
        for kind, score in score_page(page, gold).items():
            totals[kind].add(score)
        barred += not_attendee_edges(page, gold)
        pages += 1
    result: dict[str, Any] = {kind: score.as_dict() for kind, score in totals.items()}
    result["not_attendee_edges"] = barred
    result["pages"] = pages
    return result
