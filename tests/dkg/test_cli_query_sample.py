"""End to end on the sample page: ``dkg ingest data/`` (a real process), then the queries and exports.

These run the whole pipeline (reading, segmentation, extraction, resolution, the embedded
store), so they fail when extraction misses the facts the queries need.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dkg.cli import app
from tests.conftest import DATA

runner = CliRunner()


def dkg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "dkg", *args], capture_output=True, text=True, timeout=300)


def run_in_process(*args: str) -> str:
    """``dkg ARGS`` through the same Typer app, in this process (the queries need no fresh interpreter)."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


@pytest.fixture(scope="module")
def sample_page_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("sample") / "store"
    done = dkg("ingest", str(DATA), "--store", str(store))
    assert done.returncode == 0, done.stderr
    return store


def query_json(store: Path, *args: str) -> list:
    return json.loads(run_in_process("query", *args, "--json", "--store", str(store)))


def test_cli_query_sample_attendees_of_the_social_work_meeting(sample_page_store: Path) -> None:
    rows = query_json(sample_page_store, "attendees", "--date", "2025-01-20")
    assert [(r["order"], r["name"]) for r in rows] == [
        (1, "曹立强"), (2, "沈权"), (3, "胡芳"), (4, "赵懿"), (5, "习挺松"), (6, "罗华品")]
    assert {r["event"] for r in rows} == {"徐汇区委社会工作会议"}
    assert rows[0]["roles"] == ["出席", "讲话"]
    assert rows[1]["roles"] == ["作工作部署"]
    assert rows[2]["roles"] == ["主持"]
    assert all(r["sentence"] and r["name"] in r["sentence"] for r in rows)


def test_cli_query_sample_events_of_cao_liqiang(sample_page_store: Path) -> None:
    rows = query_json(sample_page_store, "events", "--person", "曹立强")
    assert [r["date"] for r in rows] == ["2025-01-23", "2025-01-22", "2025-01-20"]
    assert len({r["event_id"] for r in rows}) == 3


def test_cli_query_sample_coattendees_of_cao_liqiang(sample_page_store: Path) -> None:
    rows = query_json(sample_page_store, "coattendees", "曹立强")
    counts = {r["name"]: r["count"] for r in rows}
    assert counts["沈权"] == 2
    assert rows[0]["name"] == "沈权"


def test_cli_query_sample_csv_export_has_the_stats_counts(sample_page_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    run_in_process("export", str(out), "--format", "csv", "--store", str(sample_page_store))
    stats = json.loads(run_in_process("stats", "--json", "--store", str(sample_page_store)))
    counted: dict[str, int] = {}
    for path in out.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            counted[path.stem.partition("_")[2]] = sum(1 for _ in csv.DictReader(handle))
    expected = {**stats["nodes"], **stats["relations"]}
    assert counted == {name: count for name, count in expected.items() if count}
