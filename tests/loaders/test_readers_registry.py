"""Which reader reads a file: forced, signature, extension, content."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from loaders.readers import READERS, read_file
from loaders.readers.registry import choose_reader, reader_module
from loaders.readers.source import Source

HTML = "<!DOCTYPE html><html><body><p>区委书记出席会议。</p></body></html>"
JSONL = json.dumps({"title": "标题", "body": "区委书记出席会议。"}, ensure_ascii=False) + "\n"
MARKDOWN = "# 标题\n\n### 会议\n\n<p>区委书记出席会议。</p>\n"
CSV = "title,body\n标题,区委书记出席会议。\n"


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("page.txt", HTML, "text"),  # the extension wins over the content
    ("page.htm", HTML, "html"),
    ("page", HTML, "html"),
    ("page", JSONL, "jsonl"),
    ("page.data", MARKDOWN, "markdown"),
    ("export", CSV, "csv"),
    ("page", "区委书记出席会议。", "text"),
    ("page.md", "区委书记出席会议。", "markdown"),
    ("page.txt", "%PDF-1.7 ...", "pdf"),  # a signature wins over the extension
])
def test_readers_registry_picks_the_reader(name: str, content: str, expected: str) -> None:
    assert choose_reader(Source(Path(name), name, content.encode())) == expected


def test_readers_registry_forced_reader_wins(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(HTML, encoding="utf-8")
    assert next(read_file(path)).text == HTML
    assert next(read_file(path, reader="html")).text == "区委书记出席会议。"


def test_readers_registry_gzip_inner_name_picks_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "xuhuibao-2025-01-27-p2.jsonl.gz"
    path.write_bytes(gzip.compress(JSONL.encode()))
    document = next(read_file(path))
    assert (document.reader, document.title, str(document.issue_date), document.page) == (
        "jsonl", "标题", "2025-01-27", 2)


def test_readers_registry_forced_reader_applies_inside_gzip(tmp_path: Path) -> None:
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(HTML.encode()))
    assert next(read_file(path, reader="html")).text == "区委书记出席会议。"
    assert next(read_file(path, reader="gzip")).text == HTML


@pytest.mark.parametrize("name", sorted(READERS))
def test_readers_registry_every_reader_has_a_read_function(name: str) -> None:
    assert callable(reader_module(name).read)


def test_readers_a_page_that_opens_with_its_masthead_names_its_paper_and_district(tmp_path: Path) -> None:
    from loaders.pipeline import process_path

    page = tmp_path / "page-3.txt"
    page.write_text("闵行报\n2025年1月27日\n\n区委常委会召开扩大会议\n1月20日，区委书记王建国主持会议。\n",
                    encoding="utf-8")
    (document,) = read_file(page)
    assert (document.publication, str(document.issue_date)) == ("闵行报", "2025-01-27")
    facts = [f for result in process_path(page, resolve=False).documents for fs in result.facts.values() for f in fs]
    assert {f.props["organization"] for f in facts if f.type == "position"} == {"中共上海市闵行区委员会"}
