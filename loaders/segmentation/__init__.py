"""Page → articles: cut a document into its articles and teasers.

The stage runs in small steps, each a module of this package:

1. :mod:`~loaders.segmentation.lines` splits the text into lines with their offsets;
2. :mod:`~loaders.segmentation.classify` says what each line is (teaser, byline, photo
   credit, source, label, date, signature, masthead furniture or plain text);
3. :mod:`~loaders.segmentation.columns` joins lines cut by column breaks and shapes each
   paragraph as headline or body;
4. :mod:`~loaders.segmentation.assembly` groups headlines, bylines and bodies into
   articles and gives a headline printed away from its body (at the page's end) the body
   that lacks one;
5. :mod:`~loaders.segmentation.structured` makes one article per span when a reader
   already knows the articles (``document.metadata["articles"]``).

The words and shapes it looks for are data: ``loaders/lexicons/layout_*.yaml``.

Examples
--------
>>> from loaders.document import Document
>>> page = ("03 区图书馆新馆开放\\n\\n"
...         "凝心聚力谋发展 区政协全体会议开幕\\n\\n□ 记者 王明\\n\\n"
...         "1月8日，区政协全体会议在区会议中心开幕，委员们听取并审议工作报告。\\n\\n"
...         "小启\\n\\n本报春节期间休刊一期。\\n\\n区融媒体中心\\n2025年1月27日\\n")
>>> articles, teasers = segment_document(Document(text=page, source="p.txt"))
>>> [(a.kind, a.kicker, a.title, a.reporters) for a in articles]
[('news', '凝心聚力谋发展', '区政协全体会议开幕', ['王明']), ('notice', None, '小启', [])]
>>> articles[1].author_org, articles[1].date
('区融媒体中心', datetime.date(2025, 1, 27))
>>> teasers
[Teaser(page=3, title='区图书馆新馆开放', start=0, end=11)]
"""

from __future__ import annotations

from loaders.document import Article, Document, Teaser
from loaders.segmentation.assembly import build_articles, draft_document
from loaders.segmentation.structured import listed_spans, span_articles

__all__ = ["segment_document"]


def segment_document(document: Document) -> tuple[list[Article], list[Teaser]]:
    """The articles and teasers of a document.

    Articles come in the order of their bodies in the text; each keeps its span, its
    body with the document offset of every character, its title, kicker, kind (news,
    photo, notice), reporters, photographers, source, and a notice's signer and date.

    When a reader listed the articles (``document.metadata["articles"]``), each listed
    span is one article. When the document has a title and its text shows no headline
    or label, the whole text is one article with that title.
    """
    spans = listed_spans(document)
    if spans is not None:
        return span_articles(document, spans), []
    drafts, teasers = draft_document(document)
    if document.title and not any(draft.headed for draft in drafts):
        whole = [{"title": document.title, "start": 0, "end": len(document.text)}]
        return span_articles(document, whole), teasers
    return build_articles(document, drafts), teasers
