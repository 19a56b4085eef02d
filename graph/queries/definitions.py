"""The research queries as text: one definition per query and query language, in files.

Each query has a file per language, ``graph/queries/<language>/<name>.<suffix>``
(``sparql/attendees.rq``, ``cypher/attendees.cypher``), and every language's definition of
a query returns the same columns, listed in :data:`SPECS`. Parameters are never pasted into
the text: a store binds them (SPARQL as a ``VALUES`` block at the ``#PARAMS`` line, Cypher
as driver parameters ``$name``). An absent optional parameter is left unbound in SPARQL
(filters read ``!BOUND(?date_from) || ...``) and passed as null to Cypher
(``$date_from IS NULL OR ...``). A list parameter gives one ``VALUES`` row per item in
SPARQL and a list in Cypher. The one exception is a row limit (``limit`` in a spec with
``limit=True``): SPARQL cannot bind one, so it is written as ``LIMIT n`` at the definition's
``#LIMIT`` line, after checking that it is a whole number (Cypher takes ``$limit``).

Parameter values are plain: strings, ``datetime.date`` and lists of strings (ids that a
spec lists in ``iris`` are bound in SPARQL as the IRIs they name). Columns hold
plain values too; node ids are the graph's ids (``person-…``), dates are dates, ``roles``
is a list (Cypher) or one string joined with U+001F (SPARQL's ``GROUP_CONCAT``), and
``node_type`` is a class IRI (SPARQL) or a label (Cypher): :mod:`graph.queries.rows`
turns both into the same Python values.

Examples
--------
>>> "#PARAMS" in load("attendees", "sparql")
True
>>> SPECS["attendees"].columns[:3]
('event_id', 'event_name', 'event_type')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from dkg.errors import NotAvailableError, QueryError

__all__ = ["LANGUAGES", "QUERY_DIR", "SPECS", "QuerySpec", "check_limit", "load", "load_for", "with_limit"]

QUERY_DIR = Path(__file__).parent
LANGUAGES = {"sparql": ".rq", "cypher": ".cypher"}
_NAME = re.compile(r"[a-z][a-z_]*")
# A SPARQL line ``#IF name: pattern`` is a pattern that applies only when ``name`` is bound.
_CONDITIONAL = re.compile(r"^(\s*)#IF ([a-z_]+): (.*)$", re.MULTILINE)
_LIMIT_LINE = re.compile(r"^[ \t]*#LIMIT$", re.MULTILINE)


@dataclass(frozen=True)
class QuerySpec:
    """What one query takes and returns, whatever the language.

    ``params`` are all optional unless listed in ``required``; list parameters are
    named in ``lists``. ``limit`` says that the query takes a row limit ``limit`` (a
    parameter that is required then). ``iris`` are parameters of ids that SPARQL binds
    as their IRIs (an edge's id is its IRI, with no ``dkg:id`` to match).
    """

    name: str
    summary: str
    params: tuple[str, ...]
    columns: tuple[str, ...]
    required: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()
    limit: bool = False
    iris: tuple[str, ...] = ()


_ATTENDANCE = ("roles", "protocol_order", "sentence", "article_id")
_EVENT = ("event_id", "event_name", "event_type", "event_date")
_DATES = ("date_from", "date_to")

SPECS: dict[str, QuerySpec] = {spec.name: spec for spec in (
    QuerySpec("attendees", "attendance listings, filtered by event (id or name), day, range, type, organiser",
              ("event", "date", *_DATES, "type", "org"),
              (*_EVENT, "person_id", "person_name", *_ATTENDANCE)),
    QuerySpec("events", "the events of a person (id, name or alias)",
              ("person", *_DATES, "type", "org"),
              ("person_id", "person_name", *_EVENT, *_ATTENDANCE), required=("person",)),
    QuerySpec("coattendees", "a person's fellow attendees, one row per shared event",
              ("person", *_DATES),
              ("person_id", "person_name", "other_id", "other_name", "event_id", "event_name", "event_date"),
              required=("person",)),
    QuerySpec("positions", "the posts a person was seen holding, one row per observation",
              ("person",),
              ("person_id", "person_name", "post_id", "post_title", "org_id", "org_name", "seen_on",
               "title_as_written", "article_id"), required=("person",)),
    QuerySpec("holders", "holders of a post (id or title) or of the posts of an organisation and its units",
              ("key",),
              ("post_id", "post_title", "org_id", "org_name", "person_id", "person_name", "seen_on",
               "article_id"), required=("key",)),
    QuerySpec("timeline", "events with their day and number of attendees",
              (*_DATES, "type", "org"), (*_EVENT, "attendee_count")),
    QuerySpec("lookup", "nodes whose id, name, alias, title or headline equals a key",
              ("key",), ("node_id", "node_type", "caption"), required=("key",)),
    QuerySpec("search", "nodes of some types whose name, alias, title or headline contains a text",
              ("text", "caseless", "types"), ("node_id", "node_type", "caption", "matched"), lists=("types",)),
    QuerySpec("catalogue", "the nodes people look for by name, each with its caption and aliases, most useful first",
              ("types", "limit"), ("node_id", "node_type", "caption", "aliases"), required=("limit",),
              lists=("types",), limit=True),
    QuerySpec("neighbours", "the edges touching some nodes, optionally of some relation types",
              ("ids", "relations"), ("edge_id", "relation", "source_id", "target_id"),
              required=("ids",), lists=("ids", "relations")),
    QuerySpec("links", "the edges from some nodes to some others (the edges among a set: both lists the same)",
              ("ids", "targets"), ("edge_id", "relation", "source_id", "target_id"),
              required=("ids", "targets"), lists=("ids", "targets")),
    QuerySpec("nodes", "the properties of some nodes, one row per value",
              ("ids",), ("node_id", "node_type", "property", "value"), required=("ids",), lists=("ids",)),
    QuerySpec("edges", "the properties and provenance of some edges, one row per value",
              ("ids",), ("edge_id", "relation", "source_id", "target_id", "property", "value"),
              required=("ids",), lists=("ids",), iris=("ids",)),
    QuerySpec("aliases", "organisations and places named or aliased by one of some names (or all), each alias a row",
              ("names",), ("node_id", "node_type", "name", "alias"), lists=("names",)),
    QuerySpec("namesakes", "persons called one of some names: jurisdiction, class, each post a row",
              ("names",), ("person_id", "person_name", "jurisdiction", "person_class", "post_title", "org_name"),
              required=("names",), lists=("names",)),
    QuerySpec("explain", "the edges touching a node, with the other end, the sentence and the article",
              ("node",), ("edge_id", "relation", "direction", "other_id", "other_type", "other_caption", "sentence",
                          "article_id", "article_title", "issue_date", "publication"), required=("node",)),
)}


@functools.cache
def load(name: str, language: str) -> str:
    """The text of query ``name`` in ``language`` (``sparql`` or ``cypher``), read once.

    Raises
    ------
    QueryError
        When the name or language is unknown.
    NotAvailableError
        When the language has no definition of this query yet.
    """
    if language not in LANGUAGES:
        raise QueryError(f"no query language {language!r}; known: {sorted(LANGUAGES)}")
    if name not in SPECS or not _NAME.fullmatch(name):
        raise QueryError(f"no research query {name!r}; known: {sorted(SPECS)}")
    path = QUERY_DIR / language / f"{name}{LANGUAGES[language]}"
    if not path.is_file():
        raise NotAvailableError(f"the {name!r} query has no {language} definition yet (expected {path})")
    return path.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=256)
def load_for(name: str, language: str, bound: frozenset[str]) -> str:
    """The text of a query for the parameters that are bound.

    A SPARQL definition may hold ``#IF param: pattern`` lines: the pattern is kept when
    ``param`` is bound and stays a comment otherwise. A required pattern on a bound value
    lets the engine start from it, where a ``FILTER(!BOUND(?p) || ...)`` would make it read
    every row first. The text still comes only from the definition file; values are bound
    by the store, never pasted.

    Examples
    --------
    >>> anchor = "  ?event_id schema:startDate ?date ."
    >>> anchor in load_for("attendees", "sparql", frozenset({"date"})).splitlines()
    True
    >>> anchor in load_for("attendees", "sparql", frozenset()).splitlines()
    False
    """
    text = load(name, language)
    return _CONDITIONAL.sub(lambda m: f"{m[1]}{m[3]}" if m[2] in bound else m[0], text)


def check_limit(limit: object) -> int:
    """A row limit, checked: a whole number, zero or more.

    Raises
    ------
    QueryError
        For anything else (text, a fraction, a negative number, True).

    Examples
    --------
    >>> check_limit(20)
    20
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise QueryError(f"a row limit is a whole number of 0 or more, not {limit!r}")
    return limit


def with_limit(text: str, limit: object) -> str:
    """A SPARQL definition with its ``#LIMIT`` line written as ``LIMIT n``.

    The number is checked by :func:`check_limit` first, so nothing but digits reaches the text.

    Examples
    --------
    >>> [line.strip() for line in with_limit(load("catalogue", "sparql"), 5).splitlines()][-5]
    'LIMIT 5'
    """
    checked = check_limit(limit)
    if not _LIMIT_LINE.search(text):
        raise QueryError("this SPARQL definition has no #LIMIT line to write its row limit at")
    return _LIMIT_LINE.sub(f"LIMIT {checked}", text)
