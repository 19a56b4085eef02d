"""Injection: hostile text is stored and found as plain text; consoles refuse updates; exports stay in OUT.

- Titles and publication names full of quotes, braces, backslashes, line breaks, SPARQL
  and Cypher fragments go through ``dkg ingest`` and come back, unchanged, from the
  query API (values bound, never pasted), from ``dkg sparql`` and from ``dkg query search``.
- The SPARQL console (``dkg sparql``, the dashboard's query page) refuses updates by
  parsing, not by looking for words: a SELECT may say DELETE in a string or a comment.
- The Cypher console's check (:func:`graph.stores.neo4j.check_read_only_cypher`) refuses
  write clauses and write procedures, and lets reads through.
- ``dkg export`` writes only inside the folder given, whatever the names in the graph.
- Neo4j credentials never show in output, errors or logs.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
from pathlib import Path

import pytest
from rdflib import Literal
from typer.testing import CliRunner

from dkg.cli import app
from dkg.errors import QueryError, StoreError
from graph import queries
from graph.export import FORMATS
from graph.export import write as export_write
from graph.model import GraphBatch, Node
from graph.stores import open_store
from graph.stores.neo4j import check_read_only_cypher
from graph.stores.rdf import bind_values, check_read_only_sparql, sparql_comments
from tests.reliability.helpers import graph_state, run_dkg

HOSTILE = [
    '王"明',
    "O'Brien 区长",
    "a\\b\\\\c\\",
    '}} ?s ?p ?o . {{ "x"',
    '" } ; DROP ALL ; INSERT DATA { <a> <b> "c" } #',
    "') DETACH DELETE n RETURN 1 //",
    "MATCH (n) DETACH DELETE n",
    "区委\n书记\r\n出席",
    "#PARAMS ${name} $name {name}",
    "<script>alert(1)</script> &amp; ]]>",
    "\u202e反向\u200b零宽",
]


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store loaded by ``dkg ingest`` from records whose titles and publications are hostile."""
    folder = tmp_path_factory.mktemp("hostile")
    records = folder / "records.jsonl"
    lines = [json.dumps({"title": text, "publication": f"报{index}{text}", "date": "2025-01-27",
                         "body": "区委书记出席会议并讲话。"}, ensure_ascii=False) for index, text in enumerate(HOSTILE)]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run_dkg("ingest", str(records), "--store", str(folder / "store"))
    assert done.returncode == 0, done.stderr
    return folder / "store"


def _stored_title(text: str) -> str:
    """What a reader keeps of a record's title: all of it but the white space at its ends."""
    return text.strip()


@pytest.mark.parametrize("text", HOSTILE)
def test_injection_hostile_title_is_found_by_bound_value(hostile_store: Path, text: str) -> None:
    with open_store("oxigraph", hostile_store, read_only=True) as store:
        rows = store.query("SELECT ?article WHERE { #PARAMS\n ?article schema:headline ?title }",
                           {"title": _stored_title(text)})
        names = store.query("SELECT ?publication WHERE { #PARAMS\n ?publication schema:name ?name }",
                            {"name": _stored_title(f"报{HOSTILE.index(text)}{text}")})
    assert len(rows) == 1 and len(names) == 1


@pytest.mark.parametrize("text", HOSTILE)
def test_injection_hostile_text_is_found_by_search(hostile_store: Path, text: str) -> None:
    with open_store("oxigraph", hostile_store, read_only=True) as store:
        found = queries.search(store, _stored_title(text), limit=None)
    assert any(row["type"] == "Article" for row in found), found


def _titles_query(titles: list[str]) -> str:
    values = " ".join(Literal(title).n3() for title in titles)
    return f"SELECT ?title WHERE {{ VALUES ?title {{ {values} }} ?article schema:headline ?title }}"


def test_injection_hostile_titles_come_back_from_dkg_sparql(hostile_store: Path, tmp_path: Path) -> None:
    titles = [_stored_title(text) for text in HOSTILE if "#PARAMS" not in text]
    query = tmp_path / "titles.rq"
    query.write_text(_titles_query(titles), encoding="utf-8")
    done = run_dkg("sparql", str(query), "--store", str(hostile_store), "--json")
    assert done.returncode == 0, done.stderr
    assert sorted(row["title"] for row in json.loads(done.stdout)) == sorted(titles)


def test_injection_query_literal_holding_the_params_marker_is_left_alone(hostile_store: Path) -> None:
    title = next(_stored_title(text) for text in HOSTILE if "#PARAMS" in text)
    with open_store("oxigraph", hostile_store, read_only=True) as store:
        assert store.query(_titles_query([title])) == [{"title": title}]
        bound = store.query(_titles_query([title]).replace("WHERE {", "WHERE { #PARAMS\n"), {"article": None})
    assert bound == [], "a parameter bound at the #PARAMS comment must still constrain the query"


MARKER_IN_TEXT = [
    "SELECT ?x WHERE { ?x ?p '#PARAMS' }",
    'SELECT ?x WHERE { ?x ?p "a #PARAMS b" }',
    "SELECT ?x WHERE { ?x ?p \'\'\'\n#PARAMS\n\'\'\' }",
    'SELECT ?x WHERE { ?x ?p """it\'s\n#PARAMS""" }',
    "SELECT ?x WHERE { ?x <urn:a#PARAMS> ?o }",
    "SELECT ?x WHERE { ?x ?p 'a\\' #PARAMS' }",
    "SELECT ?x WHERE { ?x ?p ?o } # #PARAMS is where values go",
]


@pytest.mark.parametrize("text", MARKER_IN_TEXT)
def test_injection_params_marker_outside_a_comment_of_its_own_is_text(text: str) -> None:
    bound = bind_values(text, {"x": "v"})
    assert bound == f'{text}\nVALUES (?x) {{ ("v") }}'
    check_read_only_sparql(bound)


def test_injection_params_marker_comment_is_replaced_only_there() -> None:
    text = "SELECT ?x WHERE {\n  #PARAMS\n  ?x ?p '#PARAMS' . ?x <urn:a#PARAMS> ?o\n}"
    bound = bind_values(text, {"x": "v"})
    assert bound == text.replace("#PARAMS\n", 'VALUES (?x) { ("v") }\n', 1)
    assert sparql_comments(bound) == []


def test_injection_hostile_search_from_the_command_line(hostile_store: Path) -> None:
    done = run_dkg("query", "search", '" } ; DROP ALL', "--store", str(hostile_store), "--json")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) >= 1


SPARQL_UPDATES = [
    "DELETE WHERE { ?s ?p ?o }",
    "delete where { ?s ?p ?o }",
    "INSERT DATA { <urn:a> <urn:b> 'c' }",
    "INSERT { ?s ?p 'x' } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP ALL",
    "DROP SILENT GRAPH <urn:g>",
    "CREATE GRAPH <urn:g>",
    "ADD DEFAULT TO <urn:g>",
    "MOVE DEFAULT TO <urn:g>",
    "COPY DEFAULT TO <urn:g>",
    "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://example.org/>\nDELETE DATA { ex:a ex:b ex:c }",
    "BASE <http://example.org/> CLEAR DEFAULT",
    "# a comment first\nDROP ALL",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "DROP ALL ; SELECT * WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o }\nDELETE WHERE { ?s ?p ?o }",
]
SPARQL_READS = [
    "SELECT ?s WHERE { ?s ?p 'DELETE WHERE { ?s ?p ?o }' }",
    "SELECT ?s WHERE { ?s ?p ?o } # DELETE WHERE { ?s ?p ?o }",
    "SELECT ('DROP ALL' AS ?x) WHERE {}",
    'SELECT ?s WHERE { ?s ?p """INSERT DATA { <a> <b> <c> }""" }',
    "PREFIX delete: <http://example.org/> SELECT ?s WHERE { ?s delete:x ?o }",
    "SELECT ?delete ?drop WHERE { ?delete ?drop ?o } LIMIT 1",
    "ASK { ?s ?p ?o }",
    "# DROP ALL\nSELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
]


@pytest.mark.parametrize("text", SPARQL_UPDATES)
def test_injection_sparql_update_is_refused_by_parsing(text: str) -> None:
    with pytest.raises(QueryError):
        check_read_only_sparql(text)


@pytest.mark.parametrize("text", SPARQL_READS)
def test_injection_sparql_read_that_mentions_updates_is_allowed(hostile_store: Path, text: str) -> None:
    check_read_only_sparql(text)
    result = CliRunner().invoke(app, ["sparql", text, "--store", str(hostile_store), "--json"])
    assert result.exit_code == 0, result.output


def test_injection_dkg_sparql_refuses_an_update_and_changes_nothing(hostile_store: Path) -> None:
    before = graph_state(hostile_store)
    done = run_dkg("sparql", "PREFIX ex: <http://example.org/>\nDELETE WHERE { ?s ?p ?o }",
                   "--store", str(hostile_store))
    assert done.returncode == 2
    assert "this is a SPARQL update" in done.stderr and "Traceback" not in done.stderr
    assert graph_state(hostile_store) == before


def test_injection_dashboard_query_page_refuses_updates(hostile_store: Path) -> None:
    """The dashboard's console runs ``reader(ref).query(text)`` on a read-only store."""
    with open_store("oxigraph", hostile_store, read_only=True) as store:
        for text in SPARQL_UPDATES:
            with pytest.raises(QueryError):
                store.query(text)


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://169.254.169.254/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE ?endpoint { ?s ?q ?v } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <urn:x> { ?s ?p ?o } } } UNION { ?s ?p ?o } }",
    "ASK { FILTER EXISTS { SERVICE <http://example.org/> { ?s ?p ?o } } }",
    "PREFIX ex: <http://example.org/>\nSELECT * WHERE { # a comment\n SERVICE ex:sparql { ?s ?p ?o } }",
]
SERVICE_MENTIONS = [
    "SELECT ?s WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }' }",
    "SELECT ?s WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
    "PREFIX service: <http://example.org/service#> SELECT ?service WHERE { ?service service:at ?o }",
    "SELECT ?s WHERE { ?s <http://example.org/SERVICE> ?o }",
]


@pytest.mark.parametrize("text", SERVICE_QUERIES)
def test_injection_sparql_federated_service_is_refused(text: str) -> None:
    with pytest.raises(QueryError, match="federated queries"):
        check_read_only_sparql(text)


def test_injection_dkg_sparql_refuses_service_before_any_request(hostile_store: Path) -> None:
    with socket.socket() as listener:  # a server that would see the request, were one sent
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.2)
        port = listener.getsockname()[1]
        done = run_dkg("sparql", f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/> {{ ?s ?p ?o }} }}",
                       "--store", str(hostile_store))
        with pytest.raises(TimeoutError):
            listener.accept()
    assert done.returncode == 2 and "federated queries" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("text", SERVICE_MENTIONS)
def test_injection_sparql_read_that_mentions_service_is_allowed(hostile_store: Path, text: str) -> None:
    check_read_only_sparql(text)
    with open_store("oxigraph", hostile_store, read_only=True) as store:
        store.query(text)


ENGINE_FAILURES = [
    "SELECT * WHERE { ?s ?p ?o } GROUP BY ?s",  # rdflib parses it, Oxigraph refuses it
    "SELECT (1 AS ?x) (2 AS ?x) WHERE {}",
]


@pytest.mark.parametrize("text", ENGINE_FAILURES)
def test_injection_sparql_engine_failure_is_a_query_error(hostile_store: Path, text: str) -> None:
    check_read_only_sparql(text)
    with open_store("oxigraph", hostile_store, read_only=True) as store, pytest.raises(QueryError) as raised:
        store.query(text)
    assert "could not run the query" in str(raised.value) and "\n" not in str(raised.value)
    done = run_dkg("sparql", text, "--store", str(hostile_store))
    assert done.returncode == 2 and "Traceback" not in done.stderr and "could not run" in done.stderr


CYPHER_WRITES = [
    "CREATE (n:Person {name: 'x'})",
    "match (n) set n.name = 'x'",
    "MERGE (n:Person {id: 'x'})",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) REMOVE n.name",
    "MATCH (n) RETURN n; CREATE (m)",
    "MATCH (n) RETURN n UNION MATCH (m) DETACH DELETE m RETURN m",
    "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS RETURN 1",
    "FOREACH (x IN [1] | CREATE (:Person))",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "CALL `apoc`.`create`.`node`(['Person'], {})",
    "CALL db.createLabel('x')",
    "CALL dbms.security.createUser('u', 'p', false)",
    "EXPLAIN MATCH (n) DELETE n",
    "CYPHER 5 CREATE (n)",
    "/* comment */ CREATE (n)",
    "MATCH (n) // comment\nDETACH DELETE n",
    "CREATE DATABASE other",
    "DROP INDEX dkg_person_id",
    "ALTER USER neo4j SET PASSWORD 'x'",
]
CYPHER_READS = [
    "MATCH (n:Person) WHERE n.name = 'x SET y' RETURN n",
    "MATCH (n) WHERE n.name = \"a\\\" DELETE n //\" RETURN n",
    "MATCH (n) RETURN n.set AS set, n.delete AS delete",
    "// DETACH DELETE n\nMATCH (n) RETURN n",
    "MATCH (n:`DELETE`) RETURN n",
    "CALL db.labels() YIELD label RETURN label",
    "MATCH (n) WHERE n.name = $name RETURN n",
]


@pytest.mark.parametrize("text", CYPHER_WRITES)
def test_injection_cypher_write_is_refused_by_its_clauses(text: str) -> None:
    with pytest.raises(QueryError):
        check_read_only_cypher(text)


@pytest.mark.parametrize("text", CYPHER_READS)
def test_injection_cypher_read_that_mentions_writes_is_allowed(text: str) -> None:
    check_read_only_cypher(text)


CYPHER_LEXER_TRICKS = [
    "MATCH (n) // note\rDETACH DELETE n",  # Neo4j ends a // comment at \r as well as \n
    "MATCH (n) // note\r\nDETACH DELETE n",
    "MATCH (n) // note\u2028DETACH DELETE n",  # other line breaks: refused whichever way a server reads them
    "MATCH (n) // note\u2029DETACH DELETE n",
    "MATCH (n) // note\x85DETACH DELETE n",
    "MATCH (n) // it\u2028'\nDETACH DELETE n //'",  # a quote after a line break must not hide the next line
    "MATCH (n) /* a */ DETACH /* b\n */ DELETE n",
    "MATCH (n) /* unclosed */ */ DELETE n",
    "MATCH (n) WHERE n.name = 'a\\\\' DETACH DELETE n //'",  # the string ends after an escaped backslash
    'MATCH (n) WHERE n.name = "a\\\\" SET n.x = 1 //"',
    "MATCH (`a``b`) DETACH DELETE `a``b`",
    "MATCH (n)\tDETACH\u00a0DELETE\u3000n",
]
CYPHER_GQL_AND_ADMIN = [
    "INSERT (n:Person {name: 'x'})",
    "insert (:A)-[:R]->(:B)",
    "MATCH (n) NODETACH DELETE n",
    "MATCH (n) CALL (n) { SET n.x = 1 } RETURN n",
    "CALL { LOAD CSV FROM 'http://127.0.0.1:9/x.csv' AS row RETURN row } RETURN 1",
    "CALL apoc.load.json('http://127.0.0.1:9/x.json')",
    "RETURN apoc.cypher.runFirstColumnSingle('LOAD CSV FROM \"http://127.0.0.1:9/\" AS r RETURN r', {}) AS x",
    "RETURN `apoc`.`cypher`.`runFirstColumnMany`('MATCH (n) RETURN n', {}) AS x",
    "CYPHER 5 GRANT ROLE admin TO someone",
    "CYPHER runtime=slotted START DATABASE other",
    "EXPLAIN ALTER USER neo4j SET STATUS SUSPENDED",
    "MATCH (n) RETURN n; DENY READ {*} ON GRAPH * TO reader",
    "REVOKE ROLE admin FROM someone",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "SHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t",
    "SHOW USERS",
    "SHOW CURRENT USER",
    "SHOW USER PRIVILEGES",
    "SHOW DATABASES",
    "SHOW SETTINGS",
    "CYPHER 5 SHOW ROLES",
    "USE system MATCH (n) RETURN n",
    "MATCH (n) CALL { USE other MATCH (m) RETURN m } RETURN n",
    "MATCH (n) RETURN n UNION ALL USE other MATCH (n) RETURN n",
    "CREATE DATABASE other IF NOT EXISTS",
    "CREATE OR REPLACE ALIAS other FOR DATABASE neo4j",
    "REALLOCATE DATABASES",
]
CYPHER_READS_WITH_WRITE_WORDS = [
    "MATCH (n:INSERT)-[:USE]->(m:`SHOW`) RETURN {insert: 1, use: 2, grant: 3} AS m",
    "MATCH (n) WHERE n.insert = 1 AND n.terminate IS NULL RETURN n.show AS show, n.use AS use",
    "MATCH (start)-->(stop) RETURN start, stop",
    "MATCH (n) WHERE n.name = '\u2028DETACH DELETE n' RETURN n",
    "MATCH (n) WHERE n.name = 'it\\'s // DELETE' RETURN n",
    "RETURN \"// INSERT (n)\" AS text",
    "MATCH (n) RETURN n // INSERT (x)\nLIMIT 1",
    "MATCH (n) RETURN n /* CREATE\r DELETE */ LIMIT 1",
    "MATCH (`DETACH DELETE n`) RETURN count(*) AS n",
    "CYPHER 5 EXPLAIN MATCH (n) RETURN n",
    "SHOW INDEXES",
    "SHOW ALL CONSTRAINTS YIELD name RETURN name",
    "SHOW USER DEFINED FUNCTIONS",
    "SHOW PROCEDURES",
    "MATCH (n) CALL (n) { MATCH (n)--(m) RETURN count(m) AS degree } RETURN degree",
    "RETURN apoc.text.join(['a', 'b'], ',') AS joined",
]


@pytest.mark.parametrize("text", CYPHER_LEXER_TRICKS + CYPHER_GQL_AND_ADMIN)
def test_injection_cypher_write_hidden_from_a_naive_lexer_is_refused(text: str) -> None:
    with pytest.raises(QueryError):
        check_read_only_cypher(text)


@pytest.mark.parametrize("text", CYPHER_READS_WITH_WRITE_WORDS)
def test_injection_cypher_read_with_write_words_in_names_strings_and_comments_is_allowed(text: str) -> None:
    check_read_only_cypher(text)


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_injection_export_writes_only_inside_out(hostile_store: Path, tmp_path: Path, format_name: str) -> None:
    out = tmp_path / "out" / ("export" if FORMATS[format_name].folder else f"graph{FORMATS[format_name].suffix}")
    done = run_dkg("export", str(out), "--format", format_name, "--store", str(hostile_store))
    assert done.returncode == 0, done.stderr
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert written, "the export wrote nothing"
    inside = out if FORMATS[format_name].folder else out.parent
    assert all(path.resolve().is_relative_to(inside.resolve()) for path in written), written


@pytest.mark.parametrize("format_name", sorted(name for name, spec in FORMATS.items() if spec.folder))
@pytest.mark.parametrize("crafted", ["../../escaped", "/tmp/escaped", "a/../../escaped", "..", "nul\x00", "x\ny"])
def test_injection_export_crafted_type_cannot_leave_out(tmp_path: Path, format_name: str, crafted: str) -> None:
    batch = GraphBatch()
    batch.add_node(Node(crafted, "node-1", {"name": crafted}))
    batch.add_node(Node("Person", "person-1", {"name": crafted}))
    with contextlib.suppress(Exception):  # refusing such a batch, however, is fine; writing outside OUT is not
        export_write(batch, format_name, tmp_path / "out" / "export")
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert all(path.resolve().is_relative_to((tmp_path / "out" / "export").resolve()) for path in written), written
    assert not Path("/tmp/escaped").exists()


MARKER = "s3cret-Marker-7f3a"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("command", [["stats"], ["ingest", "--batch-size", "1"], ["cypher", "MATCH (n) RETURN n"]])
def test_injection_neo4j_password_never_shows_in_output(command: list[str], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("区委书记出席会议。", encoding="utf-8")
    if command[0] == "ingest":
        command = [command[0], str(tmp_path / "a.txt"), *command[1:]]
    backend = [] if command[0] == "cypher" else ["--backend", "neo4j"]  # dkg cypher always speaks to Neo4j
    environment = {"NEO4J_URI": f"bolt://neo4j:{MARKER}@127.0.0.1:{_closed_port()}", "NEO4J_USER": "neo4j",
                   "NEO4J_PASSWORD": MARKER, "DKG_BACKEND": "neo4j"}
    done = run_dkg(*command, *backend, env=environment, timeout=120)
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Neo4j" in done.stderr and "Traceback" not in done.stderr
    assert MARKER not in done.stdout + done.stderr


def test_injection_neo4j_password_never_shows_in_errors_or_logs(caplog: pytest.LogCaptureFixture,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{_closed_port()}")
    monkeypatch.setenv("NEO4J_PASSWORD", MARKER)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(StoreError) as caught:
        open_store("neo4j")
    chain, error = [], caught.value
    while error is not None:
        chain.append(f"{error!r} {error}")
        error = error.__cause__ or error.__context__
    assert MARKER not in " ".join(chain)
    assert MARKER not in caplog.text
    assert caplog.records, "the driver logged nothing at DEBUG: the log check tested nothing"
