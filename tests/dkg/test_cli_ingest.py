"""``dkg ingest``, ``dkg stats`` and ``dkg sparql`` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import DATA


def dkg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dkg", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def test_cli_ingest_twice_gives_the_same_stats(store_path: Path) -> None:
    first = dkg("ingest", str(DATA), "--store", str(store_path))
    assert first.returncode == 0, first.stderr
    stats_once = json.loads(dkg("stats", "--json", "--store", str(store_path)).stdout)
    again = dkg("ingest", str(DATA), "--store", str(store_path))
    assert again.returncode == 0, again.stderr
    stats_twice = json.loads(dkg("stats", "--json", "--store", str(store_path)).stdout)
    assert stats_once == stats_twice
    assert stats_once["nodes"]["Article"] >= 1
    assert stats_once["nodes"]["Publication"] == 1


def test_cli_ingest_reports_a_missing_file_and_loads_the_rest(store_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    done = dkg("ingest", str(DATA), str(missing), "--store", str(store_path), "--json")
    assert done.returncode == 1
    summary = json.loads(done.stdout)
    assert summary["failures"][0]["path"] == str(missing)
    assert summary["articles"] >= 1
    assert str(missing) in done.stderr


def test_cli_ingest_bad_date_is_a_usage_error(store_path: Path) -> None:
    done = dkg("ingest", str(DATA), "--issue-date", "27/01/2025", "--store", str(store_path))
    assert done.returncode == 2
    assert "--issue-date" in done.stderr


def test_cli_ingest_negative_workers_is_a_usage_error(store_path: Path) -> None:
    done = dkg("ingest", str(DATA), "--workers", "-1", "--store", str(store_path))
    assert done.returncode == 2
    assert "--workers" in done.stderr
    assert not store_path.exists()  # refused before the store was opened


def test_cli_sparql_reads_and_refuses_updates(store_path: Path) -> None:
    assert dkg("ingest", str(DATA), "--store", str(store_path)).returncode == 0
    rows = json.loads(dkg("sparql", "SELECT ?name WHERE { ?p a schema:Periodical ; schema:name ?name }",
                          "--json", "--store", str(store_path)).stdout)
    assert rows == [{"name": "徐汇报"}]
    refused = dkg("sparql", "DELETE WHERE { ?s ?p ?o }", "--store", str(store_path))
    assert refused.returncode == 2
    assert "update" in refused.stderr
    still = json.loads(dkg("stats", "--json", "--store", str(store_path)).stdout)
    assert still["nodes"]["Publication"] == 1


def test_cli_query_on_a_missing_store_says_what_to_do(tmp_path: Path) -> None:
    done = dkg("stats", "--store", str(tmp_path / "none"))
    assert done.returncode == 2
    assert "dkg ingest" in done.stderr


def test_cli_sparql_takes_long_inline_queries_and_files(store_path: Path, tmp_path: Path) -> None:
    assert dkg("ingest", str(DATA), "--store", str(store_path)).returncode == 0
    long_query = "SELECT ?name WHERE { ?p a schema:Periodical ; schema:name ?name }" + " " * 300 + "# end"
    done = dkg("sparql", long_query, "--json", "--store", str(store_path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"name": "徐汇报"}]
    query_file = tmp_path / "q.rq"
    query_file.write_text(long_query, encoding="utf-8")
    from_file = dkg("sparql", str(query_file), "--json", "--store", str(store_path))
    assert json.loads(from_file.stdout) == [{"name": "徐汇报"}]
