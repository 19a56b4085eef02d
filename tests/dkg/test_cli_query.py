"""``dkg query ...`` and ``dkg export`` as a user runs them, on a store holding the sample graph."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dkg.cli import app
from tests.graph.sample_graph import sample_store

runner = CliRunner()


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "store"
    sample_store("oxigraph", folder).close()
    return folder


def dkg(store_dir: Path, *args: str) -> str:
    result = runner.invoke(app, [*args, "--store", str(store_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def test_cli_query_attendees_json_in_protocol_order(store_dir: Path) -> None:
    rows = json.loads(dkg(store_dir, "query", "attendees", "--date", "2025-01-20", "--json"))
    assert [(r["order"], r["name"]) for r in rows] == [
        (1, "曹立强"), (2, "沈权"), (3, "胡芳"), (4, "赵懿"), (5, "习挺松"), (6, "罗华品")]
    assert rows[0]["roles"] == ["出席", "讲话"] and rows[0]["date"] == "2025-01-20"
    assert "曹立强出席会议并讲话" in rows[0]["sentence"]


def test_cli_query_attendees_table(store_dir: Path) -> None:
    table = dkg(store_dir, "query", "attendees", "--date", "2025-01-23", "--type", "reception")
    assert all(name in table for name in ("曹立强", "王华", "黄冲", "沈权", "出席, 致辞"))
    assert table.index("曹立强") < table.index("黄冲")


def test_cli_query_events_csv(store_dir: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(dkg(store_dir, "query", "events", "--person", "曹立强", "--csv"))))
    assert [r["date"] for r in rows] == ["2025-01-23", "2025-01-22", "2025-01-20"]
    assert rows[0]["roles"] == "出席|致辞"
    narrowed = dkg(store_dir, "query", "events", "--person", "曹立强", "--from", "2025-01-21", "--to",
                   "2025-01-22", "--json")
    assert [r["event_type"] for r in json.loads(narrowed)] == ["visit"]


def test_cli_query_coattendees_positions_holders(store_dir: Path) -> None:
    met = json.loads(dkg(store_dir, "query", "coattendees", "曹立强", "--min", "2", "--json"))
    assert [(r["name"], r["count"]) for r in met] == [("沈权", 2)]
    posts = json.loads(dkg(store_dir, "query", "positions", "曹立强", "--json"))
    assert [(p["title"], p["first_seen"], p["last_seen"]) for p in posts] == [("区委书记", "2025-01-20", "2025-01-22")]
    held = list(csv.DictReader(io.StringIO(dkg(store_dir, "query", "holders", "区委书记", "--csv"))))
    assert [h["name"] for h in held] == ["李明", "曹立强"]


def test_cli_query_timeline_rank_path_search_network(store_dir: Path) -> None:
    days = json.loads(dkg(store_dir, "query", "timeline", "--from", "2025-01-21", "--json"))
    assert [(d["date"], d["count"]) for d in days] == [("2025-01-22", 2), ("2025-01-23", 1)]
    ranking = json.loads(dkg(store_dir, "query", "rank", "--limit", "2", "--json"))
    assert [r["rank"] for r in ranking] == [1, 2]
    assert ranking[0]["name"] == "曹立强"
    steps = json.loads(dkg(store_dir, "query", "path", "李明", "曹立强", "--json"))
    assert [s["name"] for s in steps] == ["李明", "区委书记", "曹立强"]
    found = json.loads(dkg(store_dir, "query", "search", "港科大", "--json"))
    assert found[0]["name"] == "香港科技大学"
    people = json.loads(dkg(store_dir, "query", "network", "--json"))
    assert {p["name"] for p in people[:2]} == {"曹立强", "沈权"}


def test_cli_query_catalogue_lists_people_first_and_organisations_with_aliases(store_dir: Path) -> None:
    entries = json.loads(dkg(store_dir, "query", "catalogue", "--json"))
    types = [entry["type"] for entry in entries]
    assert types[0] == "Person" and types.index("Organization") > types.index("Person")
    assert len({entry["id"] for entry in entries}) == len(entries)
    university = next(entry for entry in entries if entry["name"] == "香港科技大学")
    assert "港科大" in university["aliases"]
    two_people = json.loads(dkg(store_dir, "query", "catalogue", "--type", "Person", "--limit", "2", "--json"))
    assert [entry["id"] for entry in two_people] == [entry["id"] for entry in entries[:2]]
    rows = list(csv.DictReader(io.StringIO(dkg(store_dir, "query", "catalogue", "--type", "Organization", "--csv"))))
    assert rows and {row["type"] for row in rows} == {"Organization"}


def test_cli_query_neighbourhood_json_and_table(store_dir: Path) -> None:
    person = json.loads(dkg(store_dir, "query", "search", "黄冲", "--json"))[0]["id"]
    view = json.loads(dkg(store_dir, "query", "neighbourhood", person, "--json"))
    assert {n["type"] for n in view["nodes"]} == {"Person", "Event", "Article"}
    table = dkg(store_dir, "query", "neighbourhood", person)
    assert "ATTENDED" in table and "黄冲" in table


@pytest.mark.parametrize("args", [
    ["query", "attendees"],
    ["query", "attendees", "--date", "20/01/2025"],
    ["query", "events", "--person", "曹立强", "--type", "party"],
    ["query", "events", "--person", "曹立强", "--json", "--csv"],
    ["export", "x", "--format", "xlsx"],
    ["query", "catalogue", "--limit", "-1"],
])
def test_cli_query_usage_errors_exit_2(store_dir: Path, args: list[str]) -> None:
    result = runner.invoke(app, [*args, "--store", str(store_dir)])
    assert result.exit_code == 2, result.output


def test_cli_query_unknown_person_says_what_to_do(store_dir: Path) -> None:
    result = runner.invoke(app, ["query", "events", "--person", "无此人", "--store", str(store_dir)])
    assert result.exit_code == 0
    assert "dkg query search" in result.stderr


def test_cli_query_reports_a_missing_store(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "dkg", "query", "timeline", "--store", str(tmp_path / "none")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "dkg ingest" in done.stderr


@pytest.mark.parametrize("format_name", ["turtle", "gexf", "csv"])
def test_cli_export_writes_the_store(store_dir: Path, tmp_path: Path, format_name: str) -> None:
    out = tmp_path / f"graph.{format_name}"
    summary = json.loads(dkg(store_dir, "export", str(out), "--format", format_name, "--json"))
    stats = json.loads(dkg(store_dir, "stats", "--json"))
    assert summary["nodes"] == sum(stats["nodes"].values())
    assert summary["edges"] == sum(stats["relations"].values())
    assert all(Path(p).is_file() for p in summary["paths"])


def test_cli_export_a_person_and_a_period(store_dir: Path, tmp_path: Path) -> None:
    around = json.loads(dkg(store_dir, "export", str(tmp_path / "a.json"), "--format", "json", "--person", "黄冲",
                            "--hops", "2", "--pinyin", "--json"))
    graph = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert len(graph["nodes"]) == around["nodes"] < 47
    assert any(n.get("pinyin") == "Huang Chong" for n in graph["nodes"])
    period = json.loads(dkg(store_dir, "export", str(tmp_path / "p.nt"), "--format", "nt", "--from", "2025-01-23",
                            "--json"))
    assert 0 < period["nodes"] < around["nodes"] + 47
    assert "灵蛇贺岁迎祥年" in (tmp_path / "p.nt").read_text(encoding="utf-8")
