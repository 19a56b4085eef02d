"""Resolution across articles, issues and ingests, on articles written for these tests.

``tests/loaders/resolution_articles/`` holds invented pages in the style of the sample 徐汇报
page and of the 新闻联播 transcripts: a district party secretary (孟子川) over three issues,
港科大 named alone in the first issue and with its full name in the second, a 区政协主席 who
changes between issues, two 顾远帆 of two districts, a national vice-premier (钟成武) and a
retired teacher of the same name, a foreign president over two days.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from dkg.cli import app
from dkg.ingest import ingest_paths, input_files
from graph.queries import holders, lookup, positions
from graph.queries.identity import explain, succession
from graph.stores import Store, open_store
from tests.dkg.test_cli_ingest import dkg

ARTICLES = Path(__file__).resolve().parents[1] / "loaders" / "resolution_articles"
FILES = input_files([ARTICLES])
runner = CliRunner()
FIRST_ISSUE, SECOND_ISSUE = ARTICLES / "xuhui-2025-03-03-p1.txt", ARTICLES / "xuhui-2025-03-10-p1.txt"


def ingested(files: list[Path], batch_size: int = 20, **options) -> Store:
    store = open_store("memory")
    summary = ingest_paths(files, store, batch_size=batch_size, **options)
    assert summary.failures == []
    return store


@pytest.fixture(scope="module")
def store() -> Store:
    return ingested(FILES)


def persons(store: Store, name: str) -> list[dict]:
    return [node for node in lookup(store, name, types="Person") if node["name"] == name]


def jurisdictions(store: Store, name: str) -> set[str]:
    return {record["key"]["jurisdiction"] for record in explain(store, name) if record["type"] == "Person"}


def test_resolution_ingest_the_files_are_in_the_order_the_tests_expect() -> None:
    assert FILES.index(FIRST_ISSUE) < FILES.index(SECOND_ISSUE)


def test_resolution_ingest_the_same_official_across_issues_is_one_node(store: Store) -> None:
    (secretary,) = persons(store, "孟子川")
    (record,) = explain(store, secretary["id"])
    assert record["key"] == {"name": "孟子川", "jurisdiction": "上海市徐汇区"}
    assert {m["issue_date"] for m in record["mentions"]} == {dt.date(2025, 3, 3), dt.date(2025, 3, 10),
                                                             dt.date(2025, 3, 24)}
    (post,) = positions(store, "孟子川")
    assert (post["title"], post["organization"]) == ("书记", "中共上海市徐汇区委员会")
    assert (post["first_seen"], post["last_seen"], post["observations"]) == (dt.date(2025, 3, 3),
                                                                              dt.date(2025, 3, 10), 2)


def test_resolution_ingest_a_foreign_leader_over_two_days_is_one_node(store: Store) -> None:
    assert jurisdictions(store, "拉米安德") == {"塞舌尔"}
    (post,) = positions(store, "拉米安德")
    assert (post["title"], post["first_seen"], post["last_seen"]) == ("塞舌尔总统", dt.date(2025, 3, 4),
                                                                      dt.date(2025, 3, 11))


def _university(store: Store) -> dict:
    (found,) = [n for n in lookup(store, "港科大") if n["type"] == "Organization"]
    (record,) = explain(store, found["id"])
    return record


@pytest.mark.parametrize("order", ["forward", "reversed"])
def test_resolution_ingest_the_short_name_alone_and_the_full_name_are_one_node(order: str) -> None:
    files = [FIRST_ISSUE, SECOND_ISSUE] if order == "forward" else [SECOND_ISSUE, FIRST_ISSUE]
    record = _university(ingested(files))
    assert record["names"] == ["香港科技大学", "港科大"]
    alone = [m for m in record["mentions"] if m["issue_date"] == dt.date(2025, 3, 3)]
    assert [m["names"] for m in alone] == [["港科大"]]
    assert alone[0]["sentence"].startswith("3月1日上午,港科大与上海市徐汇区人民政府")


def test_resolution_ingest_the_short_name_in_a_later_ingest_joins_the_stored_full_name() -> None:
    store = ingested([SECOND_ISSUE])
    summary = ingest_paths([FIRST_ISSUE], store)
    assert summary.failures == []
    assert [n["name"] for n in lookup(store, "港科大")] == ["香港科技大学"]
    assert {m["issue_date"] for m in _university(store)["mentions"]} == {dt.date(2025, 3, 3), dt.date(2025, 3, 10)}


def test_resolution_ingest_namesakes_of_two_districts_stay_two_nodes_with_a_link(store: Store) -> None:
    assert jurisdictions(store, "顾远帆") == {"上海市徐汇区", "上海市闵行区"}
    records = explain(store, "顾远帆")
    (link,) = records[0]["possibly_same"]
    assert link["person_id"] == records[1]["id"]
    assert "neither contains the other" in link["reason"]
    assert records[1]["possibly_same"][0]["reason"] == link["reason"]
    bare = [m for r in records for m in r["mentions"] if m["issue_date"] == dt.date(2025, 3, 24)]
    assert len(bare) == 1  # the bare name in a Xuhui issue is Xuhui's 顾远帆, not Minhang's


def test_resolution_ingest_a_holder_change_is_seen_in_the_tenure_timeline(store: Store) -> None:
    timeline = [(h["name"], h["first_seen"], h["last_seen"]) for h in holders(store, "区政协") if h["title"] == "主席"]
    assert timeline == [("夏文渊", dt.date(2025, 3, 3), dt.date(2025, 3, 10)),
                        ("邵明澜", dt.date(2025, 3, 24), dt.date(2025, 3, 24))]
    (post,) = [p for p in succession(store, "区政协") if p["title"] == "主席"]
    assert post["changes"] == [{"from": "夏文渊", "to": "邵明澜", "last_seen": dt.date(2025, 3, 10),
                                "first_seen": dt.date(2025, 3, 24)}]


def test_resolution_ingest_a_bare_name_is_lifted_to_its_national_namesake(store: Store) -> None:
    assert jurisdictions(store, "钟成武") == {"中华人民共和国"}


CORRECTIONS = """\
different_person:
  - [钟成武@上海市徐汇区, 钟成武@中华人民共和国]
same_person:
  - keep: 顾远帆@上海市徐汇区
    merge: [顾远帆@上海市闵行区]
not_alias:
  - {alias: 港科大, of: 香港科技大学}
"""


def test_resolution_ingest_corrections_win_over_the_automatic_decisions(tmp_path: Path) -> None:
    fixes = tmp_path / "fixes.yaml"
    fixes.write_text(CORRECTIONS, encoding="utf-8")
    store = ingested(FILES, corrections=fixes)
    assert jurisdictions(store, "钟成武") == {"上海市徐汇区", "中华人民共和国"}
    assert all(not r["possibly_same"] for r in explain(store, "钟成武"))  # stated different: no doubt left
    (one,) = explain(store, "顾远帆")
    assert one["key"]["jurisdiction"] == "上海市徐汇区"
    assert {p["organization"] for p in one["posts"]} == {"上海市徐汇区人民政府", "上海市闵行区人民政府"}
    assert [n["type"] for n in lookup(store, "港科大")] == []


def test_resolution_ingest_reads_corrections_from_the_store_folder(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    (folder / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    with open_store("oxigraph", folder) as store:
        assert ingest_paths(FILES, store).failures == []
        assert jurisdictions(store, "钟成武") == {"上海市徐汇区", "中华人民共和国"}


def _graph(store: Store) -> tuple[dict, frozenset, frozenset]:
    batch = store.export_batch()
    return store.stats(), frozenset(batch.nodes), frozenset(batch.edges)


@pytest.mark.parametrize(("batch_size", "workers"), [(20, 1), (1, 1), (3, 2)])
def test_resolution_ingest_reversed_files_give_the_same_graph(store: Store, batch_size: int, workers: int) -> None:
    reversed_store = ingested(FILES[::-1], batch_size=batch_size, workers=workers)
    assert _graph(reversed_store) == _graph(store)
    assert _graph(store)[0]["relations"]["POSSIBLY_SAME"] == 1


def cli(*args: str) -> Result:
    """``dkg ARGS`` in this process (the commands' code, without a second interpreter's start-up)."""
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def test_resolution_ingest_cli_corrections_option_and_explain(tmp_path: Path) -> None:
    folder, fixes = tmp_path / "store", tmp_path / "fixes.yaml"
    fixes.write_text(CORRECTIONS, encoding="utf-8")
    done = cli("ingest", str(ARTICLES), "--store", str(folder), "--corrections", str(fixes), "--json")
    assert done.exit_code == 0, done.output
    matches = json.loads(cli("explain", "钟成武", "--store", str(folder), "--json").stdout)["matches"]
    assert {m["key"]["jurisdiction"] for m in matches} == {"上海市徐汇区", "中华人民共和国"}
    shown = cli("explain", matches[0]["id"], "--store", str(folder), "--corrections", str(fixes))
    assert shown.exit_code == 0, shown.output
    assert "钟成武" in shown.stdout and "different persons" in shown.stdout


def test_resolution_ingest_cli_explain_shows_merges_links_and_succession(tmp_path: Path) -> None:
    folder = tmp_path / "store"
    assert dkg("ingest", str(ARTICLES), "--store", str(folder)).returncode == 0  # the real command, once
    university = cli("explain", "港科大", "--store", str(folder))
    assert "names merged into it: 香港科技大学, 港科大" in university.stdout
    assert "as 港科大 (2)" in university.stdout
    listed = cli("explain", "顾远帆", "--store", str(folder))
    assert "2 nodes match 顾远帆" in listed.stdout
    both = json.loads(cli("explain", "顾远帆", "--all", "--json", "--store", str(folder)).stdout)
    assert [len(r["possibly_same"]) for r in both] == [1, 1]
    post_id = next(p["post_id"] for p in both[0]["posts"])
    assert "holders over time" in cli("explain", post_id, "--store", str(folder)).stdout
    missing = cli("explain", "无此人", "--store", str(folder))
    assert missing.exit_code == 1 and "dkg query search" in missing.stderr
