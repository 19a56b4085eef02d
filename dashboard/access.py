"""The dashboard's only door to the graph: cached calls to :mod:`graph.queries`.

The store is opened read-only once per process (``st.cache_resource``); every read is
cached (``st.cache_data``) under the store it came from (:class:`StoreRef`), so two
stores served by one process never share answers. Nothing here loads the whole graph:
a view walks out from its focus one hop per query (:func:`graph.queries.expand`).

``DKG_BACKEND`` names the backend (default ``oxigraph``) and ``DKG_STORE`` the folder
of an embedded store; server backends read their own settings (``NEO4J_URI``,
``DKG_SPARQL_ENDPOINT``).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, NamedTuple

import streamlit as st

from dkg.errors import NotAvailableError
from graph import queries
from graph.model import Node
from graph.queries.lookup import NameIndex
from graph.schema import load_schema
from graph.stores import Store, default_store_path, open_store

__all__ = [
    "CATALOGUE_LIMIT", "SEARCHABLE", "Filters", "StoreRef", "catalogue", "clear_caches", "coattendance_rows",
    "current_ref", "date_bounds", "default_relations", "event_attendees", "fetch_nodes", "name_index",
    "neighbourhood_view", "node_context", "organization_holders", "person_coattendees", "person_events", "person_facts",
    "person_positions", "reader", "run_query", "search_nodes", "stats", "timeline_days",
]

SEARCHABLE = ("Person", "Organization", "Event", "Place")
TTL = dt.timedelta(minutes=10)
CATALOGUE_LIMIT = 20_000
_LOCATION_SETTINGS = {"neo4j": "NEO4J_URI", "sparql": "DKG_SPARQL_ENDPOINT"}


class StoreRef(NamedTuple):
    """Which store a cached answer came from: backend name and where it lives."""

    backend: str
    location: str

    def describe(self) -> str:
        return f"{self.backend}: {self.location}"


class Filters(NamedTuple):
    """The filters that apply to every view: a period, an event type, an organisation id."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_type: str | None = None
    org: str | None = None

    def keeps(self, node: Node) -> bool:
        """Whether a node reached by a view passes: events and days by date, events by type.

        Examples
        --------
        >>> event = Node("Event", "e1", {"date": dt.date(2025, 1, 20), "event_type": "meeting"})
        >>> Filters(date_from=dt.date(2025, 1, 21)).keeps(event), Filters(event_type="meeting").keeps(event)
        (False, True)
        """
        if node.type == "Event" and self.event_type and node.properties.get("event_type") != self.event_type:
            return False
        if node.type in ("Event", "Day"):
            day = node.properties.get("date")
            if day is not None and ((self.date_from and day < self.date_from) or (self.date_to and day > self.date_to)):
                return False
        return True

    def query_args(self) -> dict[str, Any]:
        """Keyword arguments for the research queries that take a period, type and organisation."""
        return {"date_from": self.date_from, "date_to": self.date_to, "type": self.event_type, "org": self.org}


def current_ref() -> StoreRef:
    """The store this process serves, from the environment."""
    backend = os.environ.get("DKG_BACKEND") or "oxigraph"
    if backend in _LOCATION_SETTINGS:
        return StoreRef(backend, os.environ.get(_LOCATION_SETTINGS[backend], ""))
    if backend == "memory":
        return StoreRef(backend, "(in memory)")
    return StoreRef(backend, str(default_store_path().resolve()))


@st.cache_resource(show_spinner=False)
def reader(ref: StoreRef) -> Store:
    """The store, opened read-only once per process."""
    location = ref.location if ref.backend not in _LOCATION_SETTINGS and ref.backend != "memory" else None
    return open_store(ref.backend, location, read_only=True)


def clear_caches() -> None:
    """Forget every cached answer and reopen the store (after an ingest)."""
    st.cache_data.clear()
    st.cache_resource.clear()


@st.cache_data(show_spinner=False, ttl=TTL)
def stats(ref: StoreRef) -> dict[str, dict[str, int]]:
    return reader(ref).stats()


@st.cache_data(show_spinner="读取索引…", ttl=TTL)
def catalogue(ref: StoreRef, types: tuple[str, ...] = SEARCHABLE) -> list[dict[str, Any]]:
    """Nodes of ``types`` with their caption and aliases, for the find-as-you-type box.

    One :func:`graph.queries.catalogue` query, cut by the store at :data:`CATALOGUE_LIMIT`
    entries (people first, then organisations, places, events); the rest are found by
    free-text search.
    """
    entries = queries.catalogue(reader(ref), types=list(types), limit=CATALOGUE_LIMIT)
    _add_pinyin(entries)
    return entries


def _add_pinyin(entries: Any) -> None:
    """Pinyin of the names of types whose schema has a pinyin property, when pypinyin is there."""
    from graph.export.labels import name_pinyin, person_pinyin

    schema = load_schema()
    for entry in entries:
        if "pinyin" not in schema.node(entry["type"]).properties:
            continue
        try:
            entry["pinyin"] = (person_pinyin if entry["type"] == "Person" else name_pinyin)(entry["name"])
        except NotAvailableError:
            return


@st.cache_resource(show_spinner="建立名称索引…", ttl=TTL)
def name_index(ref: StoreRef) -> NameIndex:
    """Every name and alias of the searchable types, in memory, read in one query and kept
    (not copied per call) until the caches are cleared or :data:`TTL` runs out."""
    return NameIndex.build(reader(ref), SEARCHABLE)


@st.cache_data(show_spinner=False, ttl=TTL)
def search_nodes(ref: StoreRef, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """What :func:`graph.queries.search` finds among the searchable types, from :func:`name_index`."""
    return name_index(ref).search(text, limit=limit)


@st.cache_data(show_spinner=False, ttl=TTL)
def fetch_nodes(ref: StoreRef, ids: tuple[str, ...]) -> dict[str, Node]:
    return queries.fetch_nodes(reader(ref), ids)


def default_relations() -> tuple[str, ...]:
    """Relations a view follows unless told otherwise: all but those leaving an article.

    An article's own edges (its mentions, its publication) tie everything printed
    together; they are provenance, not part of the world the graph describes.
    """
    schema = load_schema()
    return tuple(name for name, relation in schema.relations.items() if "Article" not in relation.source)


@st.cache_data(show_spinner="展开网络…", ttl=TTL)
def neighbourhood_view(ref: StoreRef, node_id: str, hops: int, limit: int, relations: tuple[str, ...],
                       filters: Filters) -> queries.Subgraph:
    """The nodes and edges within ``hops`` of a node, passing the filters, at most ``limit`` nodes."""
    return queries.expand(reader(ref), [node_id], hops=hops, relations=relations or None, limit=limit,
                          keep=filters.keeps)


@st.cache_data(show_spinner=False, ttl=TTL)
def person_events(ref: StoreRef, person_id: str, filters: Filters) -> list[dict[str, Any]]:
    return queries.events(reader(ref), person_id, **filters.query_args())


@st.cache_data(show_spinner=False, ttl=TTL)
def person_positions(ref: StoreRef, person_id: str) -> list[dict[str, Any]]:
    return queries.positions(reader(ref), person_id)


@st.cache_data(show_spinner=False, ttl=TTL)
def person_coattendees(ref: StoreRef, person_id: str, filters: Filters) -> list[dict[str, Any]]:
    return queries.coattendees(reader(ref), person_id, date_from=filters.date_from, date_to=filters.date_to)


@st.cache_data(show_spinner=False, ttl=TTL)
def person_facts(ref: StoreRef, person_id: str) -> list[dict[str, Any]]:
    """Every edge touching a person, with the other end and the article and date it was read in."""
    around = queries.expand(reader(ref), [person_id], hops=1)
    nodes = around.batch.nodes
    edges = [e for e in around.batch.edges.values() if person_id in (e.source, e.target)]
    articles = queries.fetch_nodes(reader(ref), {e.provenance.article_id for e in edges if e.provenance.article_id})
    facts = []
    for edge in edges:
        other = nodes.get(edge.target if edge.source == person_id else edge.source)
        article = articles.get(edge.provenance.article_id)
        facts.append({"relation": edge.type, "other_id": other.id if other else None,
                      "other": other.caption if other else "", "other_type": other.type if other else None,
                      "properties": dict(edge.properties), "sentence": edge.provenance.sentence,
                      "article_id": edge.provenance.article_id,
                      "article": article.caption if article else "",
                      "issue_date": article.properties.get("issue_date") if article else None})
    return sorted(facts, key=lambda f: (f["issue_date"] is None, -(f["issue_date"] or dt.date.min).toordinal(),
                                        f["relation"], f["other"]))


@st.cache_data(show_spinner=False, ttl=TTL)
def event_attendees(ref: StoreRef, event_id: str) -> list[dict[str, Any]]:
    return queries.attendees(reader(ref), event_id)


@st.cache_data(show_spinner=False, ttl=TTL)
def node_context(ref: StoreRef, node_id: str) -> queries.Subgraph:
    """A node and everything one hop away, over every relation (an event's organisers, venue,
    day, article and attendees; an article's mentions, events and authors)."""
    return queries.expand(reader(ref), [node_id], hops=1)


@st.cache_data(show_spinner=False, ttl=TTL)
def organization_holders(ref: StoreRef, org_id: str) -> list[dict[str, Any]]:
    return queries.holders(reader(ref), org_id)


@st.cache_data(show_spinner=False, ttl=TTL)
def timeline_days(ref: StoreRef, filters: Filters) -> list[dict[str, Any]]:
    return queries.timeline(reader(ref), **filters.query_args())


@st.cache_data(show_spinner=False, ttl=TTL)
def date_bounds(ref: StoreRef) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of any event in the store (None, None when none is dated)."""
    days = [d["date"] for d in timeline_days(ref, Filters()) if d["date"] is not None]
    return (min(days), max(days)) if days else (None, None)


@st.cache_data(show_spinner="计算共同出席…", ttl=TTL)
def coattendance_rows(ref: StoreRef, filters: Filters) -> list[dict[str, Any]]:
    """The attendance listings of the filtered events (the input of the co-attendance network)."""
    return queries.attendees(reader(ref), **filters.query_args())


def run_query(ref: StoreRef, text: str) -> list[dict[str, Any]]:
    """Run a query typed by a user; the store refuses anything that would change the graph."""
    return reader(ref).query(text)
