"""A tiny made-up graph for examples and doctests, like networkx's ``karate_club_graph``.

Two meetings of an imaginary district in March 2024: three officials, one post, one
organisation, two articles. The names are placeholders, not real people.

Examples
--------
>>> store = example_store()
>>> store.stats()["nodes"]["Event"]
2
"""

from __future__ import annotations

import datetime as dt

from graph.model import Edge, GraphBatch, Node, Provenance
from graph.stores import Store, open_store

__all__ = ["example_batch", "example_store"]

_MEETINGS = (
    ("示例区工作会议", "meeting", dt.date(2024, 3, 1),
     [("张三", ["主持"]), ("李四", ["出席", "讲话"]), ("王五", ["出席"])]),
    ("示例区座谈会", "forum", dt.date(2024, 3, 5), [("李四", ["讲话"]), ("王五", ["出席"])]),
)


def _meeting(batch: GraphBatch, persons: dict[str, Node], name: str, event_type: str, day: dt.date,
             listing: list[tuple[str, list[str]]]) -> Node:
    sentence = f"{'、'.join(n for n, _ in listing)}出席{name}。"
    article = batch.add_node(Node.create("Article", title=f"{name}举行", publication="示例报", issue_date=day,
                                         page=1, ordinal=1, text=sentence))
    provenance = Provenance(article.id, 0, len(sentence), sentence)
    event = batch.add_node(Node.create("Event", name=name, event_type=event_type, date=day, article_id=article.id))
    batch.add_edge(Edge.create("REPORTED_IN", event, article, provenance))
    date_node = batch.add_node(Node.create("Day", date=day))
    batch.add_edge(Edge.create("ON_DAY", event, date_node, provenance))
    for order, (person_name, roles) in enumerate(listing, start=1):
        batch.add_edge(Edge.create("ATTENDED", persons[person_name], event, provenance, roles=roles, order=order))
    return article


def example_batch() -> GraphBatch:
    """The example graph as a batch."""
    batch = GraphBatch()
    persons = {name: batch.add_node(Node.create("Person", name=name, jurisdiction="示例区", person_class="official"))
               for name in ("张三", "李四", "王五")}
    articles = [_meeting(batch, persons, *meeting) for meeting in _MEETINGS]
    committee = batch.add_node(Node.create("Organization", name="示例区委", aliases=["区委"]))
    post = batch.add_node(Node.create("Post", title="书记", organization="示例区委"))
    sentence = "示例区委书记张三主持会议。"
    provenance = Provenance(articles[0].id, 0, len(sentence), sentence)
    batch.add_edge(Edge.create("POST_IN", post, committee, provenance))
    batch.add_edge(Edge.create("HOLDS", persons["张三"], post, provenance, date=dt.date(2024, 3, 1),
                               title_as_written="区委书记"))
    return batch


def example_store() -> Store:
    """An in-memory store holding :func:`example_batch`."""
    store = open_store("memory")
    store.write(example_batch())
    return store
