"""Markdown transcripts (新闻联播): one story per ``###`` heading, the broadcast date as issue date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from loaders.readers import read_file
from tests.loaders.readers.variants import traditional

REAL_FILES = ["20250103.md", "20250207.md", "20250228.md"]


def story_headings(path: Path) -> list[str]:
    return [line[4:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("### ")]


@pytest.fixture
def corpus(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "xinwenlianbo"


@pytest.mark.parametrize("name", REAL_FILES)
def test_readers_markdown_stories_are_the_level_three_headings(name: str, corpus: Path) -> None:
    path = corpus / name
    document = next(read_file(path))
    stories = document.metadata["articles"]
    assert [story["title"] for story in stories] == story_headings(path)
    assert document.issue_date == dt.date(int(name[:4]), int(name[4:6]), int(name[6:8]))
    assert document.publication == "新闻联播"
    assert document.reader == "markdown"


@pytest.mark.parametrize("name", REAL_FILES)
def test_readers_markdown_story_bodies_hold_text_not_markup(name: str, corpus: Path) -> None:
    document = next(read_file(corpus / name))
    for story in document.metadata["articles"]:
        body = document.text[story["start"]:story["end"]]
        assert not re.search(r"</?(p|strong|br)\b", body)
        assert "查看原文" not in body and "](" not in body
        assert not body.startswith(story["title"])  # the title is outside the body span
        assert document.text[:story["start"]].rstrip().endswith(story["title"])


def test_readers_markdown_summary_is_in_the_text_but_not_a_story(corpus: Path) -> None:
    document = next(read_file(corpus / "20250103.md"))
    summary_at = document.text.index("本期节目主要内容")
    first_story = min(story["start"] for story in document.metadata["articles"])
    assert summary_at < first_story
    assert "新闻摘要" not in [story["title"] for story in document.metadata["articles"]]


def test_readers_markdown_story_keeps_its_source_link(corpus: Path) -> None:
    document = next(read_file(corpus / "20250103.md"))
    urls = [story.get("url") for story in document.metadata["articles"]]
    assert all(url and url.startswith("https://tv.cctv.com/2025/01/03/") for url in urls)


def test_readers_markdown_video_only_story_has_an_empty_span(corpus: Path) -> None:
    path = corpus / "20250207.md"
    document = next(read_file(path))
    empty = [story for story in document.metadata["articles"] if story["start"] == story["end"]]
    assert [story["title"] for story in empty] == ["习近平会见国际奥林匹克委员会主席"]


def test_readers_markdown_every_transcript_has_one_story_per_heading(corpus: Path) -> None:
    files = sorted(corpus.glob("*.md"))
    assert len(files) >= 59
    for path in files:
        stories = next(read_file(path)).metadata["articles"]
        assert len(stories) == len(story_headings(path)), path.name


def test_readers_markdown_options_beat_the_title_heading(corpus: Path, tmp_path: Path) -> None:
    from loaders.readers import DocumentMetadata

    path = tmp_path / "transcript.md"
    path.write_bytes((corpus / "20250103.md").read_bytes())
    document = next(read_file(path, DocumentMetadata(publication="某台新闻")))
    assert document.publication == "某台新闻"
    assert document.issue_date == dt.date(2025, 1, 3)  # from the heading: the name has no date


def test_readers_markdown_traditional_stories_are_converted(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "20250103.md"
    path.write_text(traditional((corpus / "20250103.md").read_text(encoding="utf-8")), encoding="utf-8")
    document = next(read_file(path))
    assert [story["title"] for story in document.metadata["articles"]] == story_headings(corpus / "20250103.md")
    story = document.metadata["articles"][0]
    quote = document.original_quote(story["start"], story["end"])
    assert quote == traditional(document.text[story["start"]:story["end"]])


def test_readers_markdown_file_name_date_beats_the_title_heading(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "20250104.md"
    path.write_bytes((corpus / "20250103.md").read_bytes())
    document = next(read_file(path))
    assert (document.issue_date, document.publication) == (dt.date(2025, 1, 4), "新闻联播")
