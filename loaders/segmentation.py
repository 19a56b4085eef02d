"""Page → articles: cut a document into its articles and teasers.

Placeholder until the loaders issue lands: the whole document is one article.
"""

from __future__ import annotations

from loaders.document import Article, Document, Teaser

__all__ = ["segment_document"]


def segment_document(document: Document) -> tuple[list[Article], list[Teaser]]:
    """The articles and teasers of a document."""
    text = document.text
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if start >= end:
        return [], []
    title = document.title or text[start:end].splitlines()[0].strip()
    return [Article.from_span(document, 0, start, end, title=title)], []
