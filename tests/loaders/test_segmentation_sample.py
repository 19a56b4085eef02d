"""The sample page (徐汇报 2025-01-27, page 1) against its gold annotation."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from loaders.document import Article, Document, Teaser
from loaders.evaluation import evaluate_folder
from loaders.segmentation import segment_document
from tests.conftest import SAMPLE_PAGE


@pytest.fixture(scope="module")
def gold(shared_dir: Path) -> dict:
    return json.loads((shared_dir / "gold" / "xuhuibao-2025-01-27-p1.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def segmented() -> tuple[Document, list[Article], list[Teaser]]:
    document = Document(text=SAMPLE_PAGE.read_text(encoding="utf-8"), source=str(SAMPLE_PAGE),
                        publication="徐汇报", page=1)
    articles, teasers = segment_document(document)
    return document, articles, teasers


def test_segmentation_sample_finds_the_five_gold_articles_in_page_order(segmented, gold):
    _, articles, _ = segmented
    assert [a.title for a in articles] == [g["title"] for g in gold["articles"]]
    assert [a.ordinal for a in articles] == list(range(len(gold["articles"])))


@pytest.mark.parametrize("field", ["kind", "kicker", "reporters", "photographers", "source", "author_org"])
def test_segmentation_sample_reads_each_gold_field(segmented, gold, field):
    _, articles, _ = segmented
    empty = [] if field in ("reporters", "photographers") else None
    expected = [g.get(field, empty) for g in gold["articles"]]
    assert [getattr(a, field) for a in articles] == expected


def test_segmentation_sample_dates_the_notice(segmented, gold):
    _, articles, _ = segmented
    dates = [a.date.isoformat() if a.date else None for a in articles]
    assert dates == [g.get("date") for g in gold["articles"]]


def test_segmentation_sample_bodies_open_with_the_gold_first_words(segmented, gold):
    _, articles, _ = segmented
    for article, expected in zip(articles, gold["articles"], strict=True):
        assert article.text.startswith(expected["first_words"]), article.title


def test_segmentation_sample_records_teasers_not_articles(segmented, gold):
    document, articles, teasers = segmented
    assert [(t.page, t.title) for t in teasers] == [(g["page"], g["title"]) for g in gold["teasers"]]
    first_article = min(a.start for a in articles)
    for teaser in teasers:
        assert teaser.end <= first_article
        assert document.text[teaser.start:teaser.end].startswith(f"{teaser.page:02d}")


@pytest.mark.parametrize("word", ["是香港科技大学(", "开发区发展总公司签署", "重点产业、", "推动高质量发展",
                                  "及上海人工智能"])
def test_segmentation_sample_joins_words_split_by_column_breaks(segmented, word):
    document, articles, _ = segmented
    assert word not in document.text  # the page splits it
    assert any(word in article.text for article in articles)


def test_segmentation_sample_body_offsets_point_at_the_same_characters(segmented):
    document, articles, _ = segmented
    for article in articles:
        assert len(article.offsets) == len(article.text) + 1
        assert [document.text[offset] for offset in article.offsets[:-1]] == list(article.text)
        assert article.start <= article.offsets[0] and article.offsets[-1] <= article.end


def test_segmentation_sample_spans_do_not_overlap(segmented):
    _, articles, _ = segmented
    spans = sorted((a.start, a.end) for a in articles)
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))


def test_segmentation_sample_bodies_leave_out_bylines_credits_and_signatures(segmented):
    _, articles, _ = segmented
    bodies = "\n".join(article.text for article in articles)
    for furniture in ("□ 记者", "摄影报道", "(来源:区委办)", "徐汇区融媒体中心\n2025年1月27日", "07 张家弄"):
        assert furniture not in bodies


def test_segmentation_sample_scores_every_article_fact(shared_dir):
    scores = evaluate_folder(shared_dir / "gold")
    assert scores["article"]["f1"] == 1.0


LAYOUT_VARIANTS = {
    "one newline between paragraphs": lambda text: re.sub(r"\n\s*\n+", "\n", text),
    "full-width punctuation": lambda text: text.translate(str.maketrans(",():", "，（）：")),
    "CRLF line ends": lambda text: text.replace("\n", "\r\n"),
    "indented paragraphs": lambda text: "\n".join(f"\u3000\u3000{line}" if len(line) > 30 else line
                                                  for line in text.split("\n")),
}


@pytest.mark.parametrize("variant", sorted(LAYOUT_VARIANTS))
def test_segmentation_sample_survives_other_layouts_of_the_same_page(gold, variant):
    text = LAYOUT_VARIANTS[variant](SAMPLE_PAGE.read_text(encoding="utf-8"))
    articles, teasers = segment_document(Document(text=text, source="variant.txt"))
    fields = ("title", "kicker", "reporters", "photographers", "source", "author_org")
    found = [tuple(getattr(a, f) for f in fields) for a in articles]
    wanted = [tuple(g.get(f, [] if f in ("reporters", "photographers") else None) for f in fields)
              for g in gold["articles"]]
    assert found == wanted and len(teasers) == len(gold["teasers"])
    assert all(text[o] == c for a in articles for c, o in zip(a.text, a.offsets[:-1], strict=True))
