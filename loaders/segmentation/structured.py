"""Articles whose spans a reader already knows (a Markdown ``###`` story, a JSON record).

A reader that parsed a structured input sets ``document.metadata["articles"]`` to a list
of ``{"title", "start", "end"}`` body spans. Each span is one article with that title;
its lines are still read for bylines, credits, source and signature, and its column
breaks repaired, but no line in it opens another article.

Examples
--------
>>> from loaders.document import Document
>>> text = "本报记者 张三\\n\\n区政府召开常务会议，研究重点工\\n\\n作。"
>>> [article] = span_articles(Document(text=text, source="a.jsonl"), [{"title": "常务会议", "start": 0,
...                                                                     "end": len(text)}])
>>> article.title, article.reporters, article.text
('常务会议', ['张三'], '区政府召开常务会议，研究重点工作。')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from loaders.document import Article, Document
from loaders.offsets import OffsetMap
from loaders.segmentation.assembly import Draft, page_items, to_article
from loaders.segmentation.classify import BYLINE, CREDIT, DATE, NAMES, SIGNATURE, SOURCE
from loaders.segmentation.headlines import BODY, HEADLINE
from loaders.segmentation.lexicon import layout_lexicon
from loaders.segmentation.lines import Item

__all__ = ["listed_spans", "span_articles"]

_CREDIT_KINDS: Final = {BYLINE, CREDIT, SOURCE, NAMES}
_SIGNING_KINDS: Final = {SIGNATURE, DATE}


def listed_spans(document: Document) -> list[dict[str, Any]] | None:
    """The article spans a reader listed, clamped to the text; None when it listed none."""
    listed = document.metadata.get("articles")
    if not isinstance(listed, list):
        return None
    spans = []
    for entry in listed:
        if not isinstance(entry, dict):
            continue
        try:
            start = max(0, min(int(entry.get("start", 0)), len(document.text)))
            end = max(start, min(int(entry.get("end", len(document.text))), len(document.text)))
        except (TypeError, ValueError):
            continue
        spans.append({"title": str(entry.get("title") or "").strip(), "start": start, "end": end})
    return spans


def _as_body(item: Item, title: str, kind: str) -> Item | None:
    """A span's line read as body, unless it credits (byline, photo credit, source) or signs.

    A line that repeats the span's title is dropped; nothing else in a listed span is
    page furniture, a teaser or a headline.
    """
    if item.kind in _CREDIT_KINDS or (kind == "notice" and item.kind in _SIGNING_KINDS):
        return item
    if item.kind == HEADLINE and item.text.replace(" ", "") == title.replace(" ", ""):
        return None
    item.kind = BODY
    return item


def _kind_of(title: str) -> str:
    lexicon = layout_lexicon()
    label_kind = lexicon.label_kind(title)
    if label_kind in ("photo", "notice"):
        return label_kind
    return "notice" if title.endswith(lexicon.notice_suffixes) else "news"


def _span_article(document: Document, span: dict[str, Any], ordinal: int) -> Article:
    kind = _kind_of(span["title"])
    items = page_items(document.text, span["start"], span["end"])
    draft = Draft(parts=[body for item in items if (body := _as_body(item, span["title"], kind)) is not None])
    if not draft.parts:
        return Article(document, ordinal, span["start"], span["end"], "", OffsetMap([span["start"]]), kind=kind,
                       title=span["title"])
    article = to_article(document, draft, ordinal, span["title"], kind)
    article.start, article.end = span["start"], span["end"]
    return article


def span_articles(document: Document, spans: Iterable[dict[str, Any]]) -> list[Article]:
    """One article per listed span, in the order of the spans in the text."""
    ordered = sorted(spans, key=lambda span: (span["start"], span["end"]))
    return [_span_article(document, span, ordinal) for ordinal, span in enumerate(ordered)]
