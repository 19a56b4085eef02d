"""The Neo4j store: the read-only check, statements from the schema, and its behaviour on a Bolt server."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from dkg.errors import QueryError, SchemaError, StoreError
from graph.model import Edge, GraphBatch, Node, Provenance
from graph.queries.definitions import SPECS, load
from graph.schema import SCHEMA_PATH, load_schema, parse_schema
from graph.stores import open_store
from graph.stores.neo4j import check_read_only_cypher, cypher_tokens, edge_statement, node_statement
from tests.engines import free_port
from tests.graph.stores.batches import contract_batch, normalised

READS = [
    "MATCH (n:Person) WHERE n.name = 'CREATE (x) SET y' RETURN n.id AS id",
    'MATCH (n) WHERE n.name CONTAINS "DETACH DELETE" RETURN n.set AS set, n.delete AS `delete`',
    "MATCH (n) // DELETE n\nRETURN n /* SET n.x = 1 */",
    "MATCH (n:`CREATE`)-[:`MERGE`]->(m) RETURN {create: 1, remove: n.remove} AS m",
    "MATCH p = (start:Person)-[*..3]-(end:Person) RETURN nodes(p) AS path",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.relationshipTypes",
    "MATCH (n) CALL { WITH n MATCH (n)--(m) RETURN count(m) AS degree } RETURN n.id, degree",
    "SHOW INDEXES",
    "MATCH (n) WHERE n.id = $set RETURN n",
    "RETURN 'it''s \\' ; DROP' AS text",
]
UPDATES = [
    "create (n:Person {id: 'x'})",
    "MATCH (n) /* quiet */ DETACH\nDELETE n",
    "MATCH (n) SET n += {name: 'x'}",
    "MATCH (n) REMOVE n:Person",
    "MATCH (a), (b) MERGE (a)-[:KNOWS]->(b)",
    "MATCH (n) CALL { WITH n DELETE n } RETURN 1",
    "UNWIND [1] AS x FOREACH (y IN [x] | CREATE (:T))",
    "LOAD CSV FROM 'file:///x.csv' AS row RETURN row",
    "DROP INDEX dkg_person_id",
    "CALL apoc.create.node(['X'], {})",
    "CALL db.createLabel('X')",
    "CALL `db`.`createProperty`('x')",
    "ALTER USER neo4j SET PASSWORD 'x'",
    "START DATABASE neo4j",
    "MATCH (n) RETURN n; MATCH (m) DELETE m",
    "",
]


@pytest.mark.parametrize("text", READS)
def test_store_neo4j_read_only_check_lets_reads_pass(text: str) -> None:
    check_read_only_cypher(text)


@pytest.mark.parametrize("text", UPDATES)
def test_store_neo4j_read_only_check_refuses_updates(text: str) -> None:
    with pytest.raises(QueryError):
        check_read_only_cypher(text)


def test_store_neo4j_statements_hold_no_values_and_refuse_odd_names() -> None:
    schema = load_schema()
    for node_type in schema.nodes.values():
        statement = node_statement(node_type)
        assert "$rows" in statement and "'" not in statement and '"' not in statement
    for relation in schema.relations.values():
        assert "'" not in edge_statement(relation, schema)
    raw = yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))
    raw["nodes"]["Person"]["neo4j"] = "Person {id: 1}) DETACH DELETE n //"
    odd = parse_schema(raw)
    with pytest.raises(SchemaError):
        node_statement(odd.node("Person"))
    with pytest.raises(SchemaError):
        edge_statement(odd.relation("ATTENDED"), odd)


def test_store_neo4j_without_a_uri_says_what_to_set(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(StoreError, match="NEO4J_URI"):
        open_store("neo4j")


def test_store_neo4j_unreachable_server_error_names_no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_USER", "someone-q4")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret-z9")
    with pytest.raises(StoreError) as raised:
        open_store("neo4j", connection_timeout=2)
    message = str(raised.value)
    assert "NEO4J_URI" in message
    assert not any(secret in message for secret in (uri, "someone-q4", "secret-z9"))


@pytest.fixture
def neo4j_store(open_backend):
    return open_backend("neo4j")


def test_store_neo4j_keeps_dates_lists_and_integers_as_neo4j_values(neo4j_store) -> None:
    neo4j_store.write(contract_batch())
    rows = neo4j_store.query(
        "MATCH (p:Person)-[a:ATTENDED]->(e:Event) WHERE e.date = date('2024-05-03') AND a.order = 1 "
        "AND size(a.roles) = 2 AND p.aliases[0] IS NOT NULL RETURN e.date AS day, a.roles AS roles")
    assert rows == [{"day": dt.date(2024, 5, 3), "roles": ["主持", "讲话"]}]


def test_store_neo4j_query_returns_ids_for_nodes_relationships_and_paths(neo4j_store) -> None:
    batch = contract_batch()
    neo4j_store.write(batch)
    edge = next(e for e in batch.edges_of("ATTENDED") if e.properties["order"] == 1)
    rows = neo4j_store.query("MATCH path = (p)-[a:ATTENDED {order: 1}]->(e) RETURN p, a, path")
    assert rows == [{"p": edge.source, "a": edge.id, "path": [edge.source, edge.target]}]


def test_store_neo4j_edge_to_an_unknown_node_fails_the_whole_batch(neo4j_store) -> None:
    batch = contract_batch()
    stranger = Node.create("Person", name="示例无名")
    event = next(batch.nodes_of("Event"))
    batch.add_edge(Edge.create("ATTENDED", stranger, event, Provenance("article-x", 0, 1, "。")))
    with pytest.raises(StoreError, match="end node"):
        neo4j_store.write(batch)
    assert sum(neo4j_store.stats()["nodes"].values()) == 0


def test_store_neo4j_lists_unite_across_batches_like_rdf(neo4j_store, open_backend) -> None:
    first, second = GraphBatch(), GraphBatch()
    first.add_node(Node.create("Organization", name="示例区委", aliases=["区委"]))
    second.add_node(Node.create("Organization", name="示例区委", aliases=["中共示例区委", "区委"]))
    embedded = open_backend("oxigraph")
    for store in (neo4j_store, embedded):
        store.write(first)
        store.write(second)
    assert normalised(neo4j_store.export_batch()) == normalised(embedded.export_batch())
    assert next(iter(neo4j_store.export_batch().nodes.values())).properties["aliases"] == ["中共示例区委", "区委"]


@pytest.mark.parametrize(("text", "params"), [
    ("MATCH (n RETURN n", None),  # the server's syntax error
    ("RETURN $value AS value", {"value": object()}),  # a value the driver cannot send
])
def test_store_neo4j_query_the_engine_fails_on_is_a_query_error(neo4j_store, neo4j_settings, text, params) -> None:
    with pytest.raises(QueryError, match=r"Neo4j could not run the query: .+") as raised:
        neo4j_store.query(text, params)
    error = raised.value
    assert error.__cause__ is None and error.__suppress_context__
    assert "\n" not in str(error)
    assert not neo4j_settings["password"] or neo4j_settings["password"] not in str(error)


def test_store_neo4j_creates_id_constraints_once(neo4j_store, neo4j_settings) -> None:
    import neo4j

    neo4j_store.write(contract_batch())
    neo4j_store.write(contract_batch())
    with neo4j.GraphDatabase.driver(neo4j_settings["uri"],
                                    auth=(neo4j_settings["user"], neo4j_settings["password"])) as driver:
        records = driver.execute_query("SHOW CONSTRAINTS", database_=neo4j_settings["database"]).records
    constrained = {(tuple(r["labelsOrTypes"]), tuple(r["properties"])) for r in records}
    for node_type in load_schema().nodes.values():
        assert ((node_type.neo4j,), ("id",)) in constrained


def _returned_columns(text: str) -> list[str]:
    """The column names of a statement's last RETURN clause."""
    tokens = cypher_tokens(text)
    start = max(i for i, t in enumerate(tokens) if t.text.upper() == "RETURN") + 1
    items, current, depth = [], [], 0
    for index, token in enumerate(tokens[start:], start=start):
        depth += token.text in "([{" and token.kind == "punct"
        depth -= token.text in ")]}" and token.kind == "punct"
        if depth == 0 and token.text == ",":
            items.append(current)
            current = []
        elif depth == 0 and token.text.upper() in ("ORDER", "SKIP", "LIMIT") and tokens[index - 1].text != ".":
            break
        elif token.text.upper() != "DISTINCT" or current:
            current.append(token)
    items.append(current)
    return [item[-1].text.strip("`") for item in items]


@pytest.mark.parametrize("name", sorted(SPECS))
def test_store_neo4j_every_research_query_has_a_cypher_twin(name: str) -> None:
    text = load(name, "cypher")
    check_read_only_cypher(text)
    assert _returned_columns(text) == list(SPECS[name].columns)
    parameters = {t.text[1:] for t in cypher_tokens(text) if t.kind == "param"}
    assert parameters <= set(SPECS[name].params), f"{name}.cypher uses parameters the spec does not name"
