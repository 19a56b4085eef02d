"""``dkg cypher``, and ``dkg ingest`` / ``dkg stats`` with ``--backend neo4j``, as a user runs them.

The server is the session's ArcadeDB Bolt engine (or the Neo4j named by NEO4J_URI), reached
through the same NEO4J_* variables a user sets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dkg.cli import app
from dkg.errors import QueryError, StoreError
from tests.conftest import DATA
from tests.engines import neo4j_settings_or_skip, wipe_neo4j
from tests.graph.stores.batches import HOSTILE_NAME, contract_batch

VARIABLES = {"uri": "NEO4J_URI", "user": "NEO4J_USER", "password": "NEO4J_PASSWORD", "database": "NEO4J_DATABASE"}


def dkg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The command as a user runs it, in its own process."""
    return subprocess.run([sys.executable, "-m", "dkg", *args], capture_output=True, text=True, timeout=300,
                          env=env)


def dkg_here(*args: str, env: dict[str, str]):
    """The command run in this process (faster); errors come back as ``result.exception``."""
    without = {k: None for k in os.environ if k.startswith("NEO4J_")}
    return CliRunner().invoke(app, list(args), env={**without, **env})


def without_neo4j() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}


@pytest.fixture(scope="module")
def neo4j_env() -> dict[str, str]:
    """The environment of a user whose NEO4J_* variables name the test server, its dkg labels emptied."""
    settings = neo4j_settings_or_skip()
    wipe_neo4j(settings)
    return {**without_neo4j(), **{VARIABLES[k]: v for k, v in settings.items() if v}}


@pytest.mark.parametrize("update", [
    "match (n) /* only a look */ detach delete n", "CREATE (:Person {id: 'x'})",
    "MATCH (n) SET n.name = 'x' RETURN n", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
    "CALL db.createLabel('X')", "MATCH (n) WITH n CALL { WITH n MERGE (m:Person {id: 'y'}) } RETURN 1",
])
def test_cli_cypher_refuses_updates_before_connecting(update: str) -> None:
    done = dkg_here("cypher", update, env={})
    assert isinstance(done.exception, QueryError), done.output
    assert "read" in str(done.exception)


def test_cli_cypher_refusal_is_one_error_line_and_status_2() -> None:
    done = dkg("cypher", "MATCH (n) DETACH DELETE n", env=without_neo4j())
    assert done.returncode == 2
    assert done.stderr.startswith("dkg: error:") and "DETACH" in done.stderr and "Traceback" not in done.stderr


def test_cli_cypher_without_a_server_says_which_variables_to_set() -> None:
    done = dkg_here("cypher", "MATCH (n) RETURN count(n) AS nodes", env={})
    assert isinstance(done.exception, StoreError)
    assert "NEO4J_URI" in str(done.exception)


def test_cli_cypher_wrong_password_is_reported_without_the_credentials(neo4j_env: dict[str, str]) -> None:
    done = dkg_here("cypher", "RETURN 1 AS one", env=dict(neo4j_env, NEO4J_PASSWORD="not-the-password-x7"))
    assert isinstance(done.exception, StoreError)
    message = str(done.exception) + done.output
    assert "NEO4J_PASSWORD" in message and "not-the-password-x7" not in message
    assert neo4j_env["NEO4J_URI"] not in message


def test_cli_ingest_stats_and_cypher_on_neo4j(neo4j_env: dict[str, str], tmp_path: Path) -> None:
    first = dkg_here("ingest", str(DATA), "--backend", "neo4j", "--json", env=neo4j_env)
    assert first.exit_code == 0, first.output
    stats = json.loads(dkg_here("stats", "--backend", "neo4j", "--json", env=neo4j_env).stdout)
    assert stats["nodes"]["Publication"] == 1 and stats["nodes"]["Article"] >= 1
    assert dkg_here("ingest", str(DATA), "--backend", "neo4j", env=neo4j_env).exit_code == 0
    assert json.loads(dkg_here("stats", "--backend", "neo4j", "--json", env=neo4j_env).stdout) == stats
    query = tmp_path / "publications.cypher"
    query.write_text("MATCH (p:Publication) RETURN p.name AS name, p AS node // a file holds the query\n",
                     encoding="utf-8")
    rows = json.loads(dkg_here("cypher", str(query), "--json", env=neo4j_env).stdout)
    assert [r["name"] for r in rows] == ["徐汇报"] and rows[0]["node"].startswith("publication-")
    table = dkg_here("cypher", str(query), env=neo4j_env)
    assert "徐汇报" in table.stdout and rows[0]["node"] in table.stdout


def test_cli_cypher_binds_parameters_as_values(neo4j_env: dict[str, str]) -> None:
    from graph.stores import open_store

    batch = contract_batch(HOSTILE_NAME)
    settings = {k: neo4j_env.get(v) for k, v in VARIABLES.items()}
    with open_store("neo4j", **settings) as store:
        store.write(batch)
        before = store.stats()
    text = "MATCH (p:Person)-[a:ATTENDED]->(e:Event) WHERE p.name = $name AND e.date = $day " \
           "RETURN p.name AS name, a.roles AS roles, e.date AS day"
    done = dkg_here("cypher", text, "--param", f"name={HOSTILE_NAME}", "--param", "day=2024-05-03", "--json",
                    env=neo4j_env)
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == [{"name": HOSTILE_NAME, "roles": ["主持", "讲话"], "day": "2024-05-03"}]
    with open_store("neo4j", **settings) as store:
        assert store.stats() == before
