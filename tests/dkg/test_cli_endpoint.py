"""``--backend sparql --endpoint URL`` points every command at a SPARQL server."""

from __future__ import annotations

import json

from tests.conftest import DATA
from tests.dkg.test_cli_ingest import dkg
from tests.engines import engine_or_skip, wipe_sparql


def test_cli_endpoint_ingest_stats_and_sparql_on_a_server() -> None:
    env = engine_or_skip("oxigraph").env
    endpoint = env["DKG_SPARQL_ENDPOINT"]
    wipe_sparql({"endpoint": endpoint, "update_endpoint": env["DKG_SPARQL_UPDATE_ENDPOINT"]})
    done = dkg("ingest", str(DATA), "--backend", "sparql", "--endpoint", endpoint, "--json")
    assert done.returncode == 0, done.stderr
    stats = json.loads(dkg("stats", "--endpoint", endpoint, "--json").stdout)
    assert stats["nodes"]["Article"] == json.loads(done.stdout)["articles"] > 0
    rows = json.loads(dkg("sparql", "SELECT ?name WHERE { ?p a schema:Periodical ; schema:name ?name }",
                          "--backend", "sparql", "--endpoint", endpoint, "--json").stdout)
    assert rows == [{"name": "徐汇报"}]
