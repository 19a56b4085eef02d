"""The benchmark corpus generator: seeded, realistic layout, names replaced consistently."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import yaml

from bench.corpus import (
    ARTICLES_PER_PAGE,
    Paper,
    Paragraph,
    Slot,
    Template,
    generate_article,
    generate_corpus,
    make_papers,
)
from loaders.readers import read_file
from loaders.segmentation import segment_document


def _pages(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))}


def test_corpus_same_seed_gives_the_same_bytes(tmp_path: Path, sample_templates) -> None:
    templates, places = sample_templates
    generate_corpus(tmp_path / "a", 2, 6, templates, places, seed=3)
    generate_corpus(tmp_path / "b", 2, 6, templates, places, seed=3)
    generate_corpus(tmp_path / "c", 2, 6, templates, places, seed=4)
    assert _pages(tmp_path / "a") == _pages(tmp_path / "b")
    assert _pages(tmp_path / "a") != _pages(tmp_path / "c")


def test_corpus_counts_papers_pages_and_articles(tmp_path: Path, sample_templates) -> None:
    templates, places = sample_templates
    summary = generate_corpus(tmp_path / "corpus", 3, 10, templates, places)
    assert (summary.papers, summary.articles) == (3, 30)
    assert summary.pages == 3 * 3  # 10 articles: pages of 4, 4 and 2
    assert summary.chars == sum(len(text) for text in _pages(tmp_path / "corpus").values())


def test_corpus_pages_read_back_with_their_metadata_and_articles(tiny_corpus: Path) -> None:
    for paper_dir in sorted(p for p in tiny_corpus.iterdir() if p.is_dir()):
        manifest = yaml.safe_load((paper_dir / "manifest.yaml").read_text(encoding="utf-8"))
        for page in sorted(paper_dir.glob("*.txt")):
            document = next(read_file(page))
            assert document.publication == manifest["publication"]
            assert document.metadata["jurisdiction"] == manifest["jurisdiction"]
            assert isinstance(document.issue_date, dt.date) and document.page in range(1, 6)
            articles, _ = segment_document(document)
            assert len(articles) == ARTICLES_PER_PAGE


def test_corpus_articles_are_of_realistic_size(tiny_corpus: Path) -> None:
    sizes = []
    for page in tiny_corpus.rglob("*.txt"):
        sizes += [len(a.text) for a in segment_document(next(read_file(page)))[0]]
    assert 900 <= sum(sizes) / len(sizes) <= 2200
    assert max(sizes) <= 3500


def test_corpus_replaces_every_name_the_extractor_found(tiny_corpus: Path, sample_templates) -> None:
    templates, _ = sample_templates
    source_names = {s.key for t in templates for p in t.paragraphs for s in p.slots if s.kind == "person"}
    assert len(source_names) >= 5  # the sample's officials and reporters were found
    text = "".join(_pages(tiny_corpus).values())
    assert not [name for name in source_names if name in text]


def test_corpus_dates_fall_in_the_week_before_the_issue(tiny_corpus: Path) -> None:
    for page in tiny_corpus.rglob("*.txt"):
        document = next(read_file(page))
        for month, day in re.findall(r"(\d{1,2})月(\d{1,2})日", document.text):
            written = dt.date(document.issue_date.year, int(month), int(day))
            if written > document.issue_date:  # 12月31日 in an issue of early January
                written = written.replace(year=written.year - 1)
            assert 0 <= (document.issue_date - written).days < 7


def test_corpus_a_name_keeps_one_replacement_within_an_article() -> None:
    template = Template("王明出席会议", [
        Paragraph("王明、李强出席。", [Slot(0, 2, "person", "王明"), Slot(3, 5, "person", "李强")]),
        Paragraph("王明在礼堂讲话。", [Slot(0, 2, "person", "王明"), Slot(3, 5, "place", "礼堂")]),
    ], title_slots=[Slot(0, 2, "person", "王明")])
    paper = Paper(0, "某区报", "上海市徐汇区", cast=["赵一", "钱二", "孙三", "周四"], reporters=["甲乙"])
    text = generate_article([template], [], paper, dt.date(2025, 1, 27), random.Random(2))
    first = re.match(r"(\S+?)出席会议", text).group(1)
    # the article repeats the paragraphs to reach its size: every repeat names the same people
    assert set(re.findall(r"(\S\S)、", text)) == {first}
    assert set(re.findall(r"(\S\S)在礼堂", text)) == {first}
    seconds = set(re.findall(r"、(\S\S)出席", text))
    assert len(seconds) == 1 and first not in seconds and seconds <= set(paper.cast)
    assert "王明" not in text and "李强" not in text


def test_corpus_papers_have_distinct_casts_and_districts() -> None:
    papers = make_papers(3, seed=1)
    assert len({p.jurisdiction for p in papers}) == 3
    assert len({p.publication for p in papers}) == 3
    assert not set(papers[0].cast) & set(papers[1].cast) & set(papers[2].cast)
    assert all(len(set(p.cast)) == len(p.cast) for p in papers)
