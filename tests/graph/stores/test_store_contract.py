"""The store contract, run against every backend: memory, oxigraph, sparql (server), neo4j (Bolt).

Every store writes a batch whole or not at all, writes it again without change, reads it
back unchanged, refuses updates through ``query`` and keeps values as values, never as
query text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from dkg.errors import DkgError, QueryError
from graph.model import Edge, GraphBatch, Node, Provenance
from graph.queries.rows import run
from graph.schema import load_schema
from graph.stores import Store

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


def name_query(store: Store) -> str:
    """A query for the ids and names of persons called $name, in the store's language."""
    schema = load_schema()
    person = schema.node("Person")
    if store.query_language == "cypher":
        return f"MATCH (p:{person.neo4j}) WHERE p.name = $name RETURN p.id AS id, p.name AS name"
    return (f"SELECT ?id ?name WHERE {{\n#PARAMS\n?p a <{schema.expand(person.rdf)}> ; "
            f"<{schema.expand(person.properties['name'].rdf)}> ?name ; "
            f"<{schema.expand(schema.structure['id'])}> ?id . }}")


def test_store_contract_write_twice_changes_nothing(store: Store) -> None:
    batch = contract_batch()
    store.write(batch)
    first = store.stats()
    assert first == expected_stats(batch)
    store.write(contract_batch())
    assert store.stats() == first


def test_store_contract_export_batch_returns_what_was_written(store: Store) -> None:
    batch = contract_batch()
    store.write(batch)
    assert normalised(store.export_batch()) == normalised(batch)


def test_store_contract_batch_with_invalid_value_writes_nothing(store: Store) -> None:
    store.write(contract_batch())
    before = (store.stats(), normalised(store.export_batch()))
    bad = contract_batch("示例丙")
    edge = next(e for e in bad.edges_of("ATTENDED"))
    edge.properties["order"] = {"not": "an integer"}
    with pytest.raises((DkgError, TypeError, ValueError)):
        store.write(bad)
    assert (store.stats(), normalised(store.export_batch())) == before


def test_store_contract_failure_half_way_leaves_store_as_it_was(store: Store, break_writes_half_way) -> None:
    store.write(contract_batch())
    before = (store.stats(), normalised(store.export_batch()))
    break_writes_half_way(store)
    with pytest.raises(Exception):  # noqa: B017 - each backend fails its own way; the state is what counts
        store.write(contract_batch("示例丁"))
    assert (store.stats(), normalised(store.export_batch())) == before


UPDATES = {
    "sparql": ["DELETE WHERE { ?s ?p ?o }", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "CLEAR ALL",
               "DROP GRAPH <urn:g>"],
    "cypher": ["MATCH (n) DETACH DELETE n", "CREATE (n:Person {id: 'x'})", "MATCH (n) SET n.name = 'x'",
               "MATCH (n) REMOVE n.name", "MERGE (n:Person {id: 'x'})", "DROP CONSTRAINT dkg_person_id",
               "LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "CALL db.clearQueryCaches()"],
}


def test_store_contract_query_refuses_updates(store: Store) -> None:
    store.write(contract_batch())
    before = store.stats()
    for update in UPDATES[store.query_language]:
        with pytest.raises(QueryError):
            store.query(update)
    assert store.stats() == before


def test_store_contract_hostile_name_is_stored_and_found_as_plain_text(store: Store) -> None:
    batch = contract_batch(HOSTILE_NAME)
    store.write(batch)
    person_id = next(n.id for n in batch.nodes_of("Person") if n.properties["name"] == HOSTILE_NAME)
    assert store.query(name_query(store), {"name": HOSTILE_NAME}) == [{"id": person_id, "name": HOSTILE_NAME}]
    found = run(store, "lookup", key=HOSTILE_NAME)
    assert [row["node_id"] for row in found] == [person_id]
    assert store.stats() == expected_stats(batch)
    assert normalised(store.export_batch()) == normalised(batch)
