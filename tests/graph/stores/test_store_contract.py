"""The store contract, run against every backend: memory, oxigraph, sparql (server), neo4j (Bolt).

Every store writes a batch whole or not at all, writes it again without change, reads it
back unchanged, refuses updates through ``query`` and keeps values as values, never as
query text.
"""

from __future__ import annotations

import pytest

from dkg.errors import DkgError, QueryError
from graph.queries.rows import run
from graph.schema import load_schema
from graph.stores import Store
from tests.graph.stores.batches import HOSTILE_NAME, contract_batch, expected_stats, normalised


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
