"""The corrections file: its format, its errors, and where an ingest finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dkg.errors import InputError
from loaders.resolution.corrections import CORRECTIONS_FILE, corrections_paths, load_corrections, parse_corrections

EXAMPLE = """\
same_person:
  - keep: 王某@上海市徐汇区
    merge: [王某@中华人民共和国, {name: 王 某, jurisdiction: 上海市徐汇区}]
  - {name: 李某, jurisdiction: 上海市}
different_person:
  - [张某@上海市徐汇区, 张某@上海市闵行区, 张某@中华人民共和国]
alias:
  - {alias: 港东大, of: 香港东方大学}
  - {alias: 北杨基地, of: 某开发区北杨小镇, type: Place}
not_alias:
  - {alias: 东大, of: 东方大学}
"""


def test_resolution_corrections_every_section_is_read(tmp_path: Path) -> None:
    path = tmp_path / "fixes.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    fixes = load_corrections([path])
    assert fixes.same_persons == [(("王某", "上海市徐汇区"), [("王某", "中华人民共和国"), ("王 某", "上海市徐汇区")])]
    assert fixes.person_jurisdictions == {"李某": "上海市"}
    assert len(fixes.different_persons) == 3  # every pair of the three
    assert fixes.aliases == [("Organization", "港东大", "香港东方大学"), ("Place", "北杨基地", "某开发区北杨小镇")]
    assert fixes.not_aliases == [("Organization", "东大", "东方大学")]
    assert fixes.names() == {"王某", "王 某", "李某", "张某"}
    assert fixes.sources == [str(path)]


@pytest.mark.parametrize(("raw", "where"), [
    ({"same_person": [{"keep": "王某"}]}, "same_person[0]"),
    ({"same_person": [{"keep": "王某@甲区", "merge": []}]}, "same_person[0]"),
    ({"different_person": [["王某@甲区"]]}, "different_person[0]"),
    ({"alias": [{"alias": "港东大"}]}, "alias[0]"),
    ({"not_alias": [{"alias": "港东大", "of": "香港东方大学", "type": "Person"}]}, "not_alias[0]"),
    ({"aliases": []}, "unknown sections"),
    ({"alias": {"港东大": "香港东方大学"}}, "alias must be a list"),
    (["王某"], "a corrections file is a mapping"),
])
def test_resolution_corrections_errors_name_the_entry(raw: object, where: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_corrections(raw, "fixes.yaml")
    assert caught.value.path == "fixes.yaml"
    assert where in caught.value.reason


def test_resolution_corrections_broken_yaml_and_missing_files_are_input_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("alias: [", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_corrections([broken])
    with pytest.raises(InputError, match="cannot read"):
        load_corrections([tmp_path / "missing.yaml"])


def test_resolution_corrections_an_ingest_reads_the_store_folder_the_variable_and_the_option(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    assert corrections_paths(None, store, {}) == []
    (store / CORRECTIONS_FILE).write_text("alias: []\n", encoding="utf-8")
    named, given = tmp_path / "env.yaml", tmp_path / "given.yaml"
    found = corrections_paths(given, store, {"DKG_CORRECTIONS": str(named)})
    assert found == [store / CORRECTIONS_FILE, named, given]
