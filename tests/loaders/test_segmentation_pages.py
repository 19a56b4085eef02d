"""Hand-written pages of other district papers (tests/loaders/pages/) and their expected articles.

Each ``NAME.txt`` has a ``NAME.expected.json``: its teasers, and its articles in page
order with kind, title, kicker, reporters, photographers, source, author_org, date, the
first words of the body and words a column break split (``whole_words``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.document import Document
from loaders.segmentation import segment_document

PAGES = Path(__file__).parent / "pages"
PAGE_NAMES = sorted(path.stem for path in PAGES.glob("*.txt"))
FIELDS = ("kind", "title", "kicker", "reporters", "photographers", "source", "author_org")


def _segment(name: str):
    text = (PAGES / f"{name}.txt").read_text(encoding="utf-8")
    document = Document(text=text, source=f"{name}.txt")
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return document, *segment_document(document), expected


def test_segmentation_pages_are_at_least_three():
    assert len(PAGE_NAMES) >= 3


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_segmentation_pages_give_the_expected_articles(name):
    _, articles, _, expected = _segment(name)
    found = [{field: getattr(a, field) for field in FIELDS} for a in articles]
    wanted = [{field: e.get(field, [] if field in ("reporters", "photographers") else None) for field in FIELDS}
              for e in expected["articles"]]
    assert found == wanted


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_segmentation_pages_give_the_expected_bodies_and_dates(name):
    _, articles, _, expected = _segment(name)
    for article, wanted in zip(articles, expected["articles"], strict=True):
        assert article.text.startswith(wanted["first_words"]), article.title
        assert all(word in article.text for word in wanted.get("whole_words", [])), article.title
        assert (article.date.isoformat() if article.date else None) == wanted.get("date")


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_segmentation_pages_give_the_expected_teasers(name):
    _, _, teasers, expected = _segment(name)
    assert [(t.page, t.title) for t in teasers] == [(e["page"], e["title"]) for e in expected["teasers"]]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_segmentation_pages_keep_offsets_and_order(name):
    document, articles, _, _ = _segment(name)
    assert [a.ordinal for a in articles] == list(range(len(articles)))
    assert [a.offsets[0] for a in articles] == sorted(a.offsets[0] for a in articles)
    for article in articles:
        assert [document.text[offset] for offset in article.offsets[:-1]] == list(article.text)


def _fields(articles, shift: int = 0) -> list[tuple]:
    return [(a.kind, a.title, a.start + shift, a.end + shift, a.text, a.reporters, a.source) for a in articles]


@pytest.mark.parametrize("separator", ["\f", "\n\f"])
def test_segmentation_pages_joined_by_form_feeds_segment_as_each_page_alone(separator):
    # pdftotext ends each page with a form feed: a page's orphan headline must not take the
    # next page's opening paragraphs, nor a column repair join two pages.
    texts = [(PAGES / f"{name}.txt").read_text(encoding="utf-8") for name in PAGE_NAMES]
    alone, teasers, shift = [], [], 0
    for text in texts:
        articles, page_teasers = segment_document(Document(text=text, source="page.txt"))
        alone += _fields(articles, shift)
        teasers += [(t.title, t.start + shift) for t in page_teasers]
        shift += len(text) + len(separator)
    articles, together_teasers = segment_document(Document(text=separator.join(texts), source="pages.txt"))
    assert _fields(articles) == alone
    assert [(t.title, t.start) for t in together_teasers] == teasers
    assert [a.ordinal for a in articles] == list(range(len(alone)))
