"""Batches the store tests write, and how to compare what comes back."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from graph.model import Edge, GraphBatch, Node, Provenance
from graph.schema import load_schema

# Quotes, braces, a backslash, a newline and a Cypher/SPARQL fragment: stored as a plain name.
HOSTILE_NAME = 'O\'Neil "王}{华" \\ \n}) DETACH DELETE n // } ; DROP ALL #'


def contract_batch(person_name: str = "示例甲") -> GraphBatch:
    """A small graph with every kind of value: strings, lists, integers, dates, provenance."""
    batch = GraphBatch()
    article = batch.add_node(Node.create("Article", title="示例会议举行", publication="示例报",
                                         issue_date=dt.date(2024, 5, 6), page=2, ordinal=1, kind="news"))
    person = batch.add_node(Node.create("Person", name=person_name, jurisdiction="示例区",
                                        person_class="official", aliases=["甲某", "Jia"]))
    other = batch.add_node(Node.create("Person", name="示例乙", jurisdiction="示例区"))
    event = batch.add_node(Node.create("Event", name="示例会议", event_type="meeting", date=dt.date(2024, 5, 3),
                                       article_id=article.id))
    organisation = batch.add_node(Node.create("Organization", name="示例区委", aliases=["区委"]))
    unit = batch.add_node(Node.create("Organization", name="示例区委办公室"))
    place = batch.add_node(Node.create("Place", name="示例区"))
    day = batch.add_node(Node.create("Day", date=dt.date(2024, 5, 3)))
    quote = "示例区委书记示例甲主持会议，示例乙出席。"
    provenance = Provenance(article.id, 0, len(quote), quote)
    batch.add_edge(Edge.create("ATTENDED", person, event, provenance, roles=["主持", "讲话"], order=1))
    batch.add_edge(Edge.create("ATTENDED", other, event, provenance, roles=["出席"], order=2))
    batch.add_edge(Edge.create("ORGANIZED", unit, event, provenance, role="主办"))
    batch.add_edge(Edge.create("PART_OF", unit, organisation, provenance))
    batch.add_edge(Edge.create("PART_OF", organisation, place, provenance))
    batch.add_edge(Edge.create("ON_DAY", event, day, provenance))
    batch.add_edge(Edge.create("REPORTED_IN", event, article, provenance))
    return batch


def expected_stats(batch: GraphBatch) -> dict[str, dict[str, int]]:
    schema = load_schema()
    nodes = Counter(n.type for n in batch.nodes.values())
    edges = Counter(e.type for e in batch.edges.values())
    return {"nodes": {t: nodes.get(t, 0) for t in schema.nodes},
            "relations": {r: edges.get(r, 0) for r in schema.relations}}


def normalised(batch: GraphBatch) -> tuple[dict, dict]:
    """Nodes and edges with list values sorted: no store promises the order of a list."""
    def values(properties: dict) -> dict:
        return {k: sorted(v) if isinstance(v, list) else v for k, v in properties.items()}

    nodes = {i: (n.type, values(n.properties)) for i, n in batch.nodes.items()}
    edges = {i: (e.type, e.source, e.target, e.provenance, values(e.properties)) for i, e in batch.edges.items()}
    return nodes, edges
