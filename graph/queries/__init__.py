"""Research queries: plain functions over a store, plain records out.

Each function takes the store first and returns lists of dicts (or a small dataclass with
``as_dict``) that compare equal whatever the backend; the query text behind each one lives
in files, one per query language (``graph/queries/sparql/*.rq``, ``cypher/*.cypher``), and
is read by :func:`graph.queries.definitions.load`.

=================  ==========================================================
attendees          who attended an event, a day's or a period's events
events             a person's events, newest first, with roles
coattendees        who appeared beside a person, how often, at which events
positions          a person's posts, first and last seen
holders            the holders of a post, or the posts of an organisation
timeline           events by day
rank               protocol-order ranking (Bradley-Terry on "listed before")
path               the shortest connection through events and organisations
search, lookup     find nodes by text or exact key
catalogue          the names people look for, most useful first
neighbourhood      the nodes and edges around one node
=================  ==========================================================

Examples
--------
>>> from graph.queries.examples import example_store
>>> store = example_store()
>>> [r["name"] for r in attendees(store, date="2024-03-05")]
['李四', '王五']
"""

from graph.queries.attendance import attendees, coattendees, events, timeline
from graph.queries.lookup import CATALOGUED, catalogue, lookup, search
from graph.queries.network import PATH_RELATIONS, Subgraph, expand, fetch_edges, fetch_nodes, neighbourhood, path
from graph.queries.ranking import bradley_terry, rank
from graph.queries.tenure import holders, positions

__all__ = [
    "CATALOGUED", "PATH_RELATIONS", "Subgraph", "attendees", "bradley_terry", "catalogue", "coattendees", "events",
    "expand", "fetch_edges", "fetch_nodes", "holders", "lookup", "neighbourhood", "path", "positions", "rank",
    "search", "timeline",
]
