"""Two months of 新闻联播 in one ingest: one node per national leader, each with the posts the texts state.

One ingest of every transcript in ``shared/corpus/xinwenlianbo/`` into an embedded store,
shared by the assertions of this module (it takes a few seconds).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dkg.cli import app
from dkg.ingest import ingest_paths, input_files
from graph.queries import positions
from graph.stores import Store, open_store

NATIONAL = "中华人民共和国"


@pytest.fixture(scope="module")
def transcripts(shared_dir: Path) -> list[Path]:
    files = input_files([shared_dir / "corpus" / "xinwenlianbo"])
    assert len(files) >= 59, "the 新闻联播 transcripts are missing from the shared folder"
    return files


@pytest.fixture(scope="module")
def store_folder(transcripts: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xinwenlianbo")
    with open_store("oxigraph", folder) as store:
        summary = ingest_paths(transcripts, store)
    assert summary.failures == [] and summary.documents == len(transcripts)
    return folder


@pytest.fixture(scope="module")
def store(store_folder: Path) -> Store:
    with open_store("oxigraph", store_folder, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def persons(store: Store) -> list[dict]:
    return [n.properties for n in store.export_batch().nodes_of("Person")]


@pytest.mark.parametrize("leader", ["习近平", "李强", "王毅", "赵乐际", "王沪宁", "蔡奇", "丁薛祥"])
def test_resolution_xinwenlianbo_one_node_per_national_leader(persons: list[dict], leader: str) -> None:
    assert [p["jurisdiction"] for p in persons if p["name"] == leader] == [NATIONAL]


@pytest.mark.parametrize(("leader", "posts"), [
    ("习近平", {("总书记", "中国共产党中央委员会"), ("国家主席", NATIONAL),
             ("中央军委主席", "中华人民共和国中央军事委员会")}),
    ("李强", {("总理", "中华人民共和国国务院"), ("常委", "中国共产党中央委员会政治局")}),
    ("王毅", {("委员", "中国共产党中央委员会政治局"), ("办公室主任", "中央外事工作委员会")}),
])
def test_resolution_xinwenlianbo_leaders_hold_the_posts_the_texts_state(store: Store, leader: str,
                                                                        posts: set) -> None:
    held = {(p["title"], p["organization"]) for p in positions(store, leader)}
    assert posts <= held
    assert len({p["person_id"] for p in positions(store, leader)}) == 1


def test_resolution_xinwenlianbo_foreign_leaders_belong_to_their_country(persons: list[dict]) -> None:
    by_name = {p["name"]: p["jurisdiction"] for p in persons}
    assert (by_name.get("特朗普"), by_name.get("普京")) == ("美国", "俄罗斯")


def test_resolution_xinwenlianbo_positions_of_li_qiang_on_the_command_line(store_folder: Path) -> None:
    result = CliRunner().invoke(app, ["query", "positions", "李强", "--json", "--store", str(store_folder)])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    (premier,) = [r for r in records if "国务院总理" in r["titles_as_written"]]
    assert (premier["title"], premier["organization"]) == ("总理", "中华人民共和国国务院")
    first, last = dt.date.fromisoformat(premier["first_seen"]), dt.date.fromisoformat(premier["last_seen"])
    assert dt.date(2025, 1, 1) <= first < last <= dt.date(2025, 2, 28)
    assert premier["observations"] >= 20


def test_resolution_xinwenlianbo_namesakes_and_links_agree(store: Store, persons: list[dict]) -> None:
    shared = sum(1 for count in Counter(p["name"] for p in persons).values() if count > 1)
    links = store.stats()["relations"]["POSSIBLY_SAME"]
    assert (shared == 0) == (links == 0)
