"""The extraction pipeline: named stages over one article (sentences → mentions → relations → facts).

:data:`STAGES` lists the stages in order; each takes an :class:`Analysis` and returns it.
:func:`extract_article` runs them all and returns the facts; :func:`analyse` stops after a
named stage, for tests and for tools that want mentions rather than facts. Extraction is a
pure function of the article, so articles can be processed in any order and in any process.

Examples
--------
>>> [name for name, _ in STAGES]
['sentences', 'dates', 'titles', 'statistical', 'persons', 'places', 'organizations', 'events', 'attendance', 'facts']
>>> facts = extract_article(article_from_text("区委书记王明出席会议。", publication="徐汇报"))
>>> [(f.type, f.args) for f in facts if f.type in ("person", "position")]
[('person', {'name': '王明'}), ('position', {'person': '王明', 'title': '书记'})]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final

from loaders.document import Article, Document, Fact
from loaders.extraction.analysis import Analysis, Sentence
from loaders.extraction.attendance import find_attendance
from loaders.extraction.dates import find_dates
from loaders.extraction.events import find_events
from loaders.extraction.facts import emit_facts
from loaders.extraction.lexicon import load_lexicon
from loaders.extraction.organizations import find_organizations
from loaders.extraction.persons import find_persons
from loaders.extraction.places import find_places
from loaders.extraction.sentences import sentence_spans
from loaders.extraction.statistical.stage import SPANS_NOTE, Spans, find_statistical
from loaders.extraction.titles import find_titles

__all__ = ["STAGES", "analyse", "analyse_text", "article_from_text", "extract_article", "start_analysis"]

Stage = Callable[[Analysis], Analysis]


def split_sentences(analysis: Analysis) -> Analysis:
    """Stage: the sentences of the body."""
    analysis.sentences = [Sentence(start, end) for start, end in sentence_spans(analysis.text)]
    return analysis


def read_dates(analysis: Analysis) -> Analysis:
    """Stage: date mentions, resolved against the issue date."""
    for mention in find_dates(analysis.text, analysis.issue_date):
        analysis.add_mention(mention)
    return analysis


STAGES: Final[list[tuple[str, Stage]]] = [
    ("sentences", split_sentences),
    ("dates", read_dates),
    ("titles", find_titles),
    ("statistical", find_statistical),
    ("persons", find_persons),
    ("places", find_places),
    ("organizations", find_organizations),
    ("events", find_events),
    ("attendance", find_attendance),
    ("facts", emit_facts),
]


def start_analysis(article: Article) -> Analysis:
    """An analysis of one article: the lexicon scanned over its body, its jurisdiction known."""
    lexicon = load_lexicon()
    document = article.document
    jurisdiction = lexicon.divisions.jurisdiction(document.metadata.get("jurisdiction"), document.publication)
    issue_date = document.issue_date
    return Analysis(article, lexicon, lexicon.scan(article.text), jurisdiction, issue_date)


def analyse(article: Article, until: str | None = None, crf_spans: Spans | None = None) -> Analysis:
    """Run the stages over one article, up to and including ``until`` (all by default).

    ``crf_spans`` are the article's CRF spans when they were tagged with other articles'
    (:func:`~loaders.extraction.statistical.stage.tag_texts`); else the stage tags the article.
    """
    analysis = start_analysis(article)
    if crf_spans is not None:
        analysis.notes[SPANS_NOTE] = crf_spans
    for name, stage in STAGES:
        result = stage(analysis)
        if not isinstance(result, Analysis):
            raise TypeError(f"extraction stage {name!r} returned {type(result).__name__}, not an Analysis")
        analysis = result
        if name == until:
            break
    return analysis


def article_from_text(text: str, publication: str | None = None, issue_date: dt.date | None = None,
                      title: str = "") -> Article:
    """An article whose body is ``text``, in a document of its own (for tests and examples)."""
    document = Document(text=text, source="<text>", publication=publication, issue_date=issue_date)
    return Article.from_span(document, 0, 0, len(text), title=title)


def analyse_text(text: str, publication: str | None = None, issue_date: dt.date | None = None,
                 until: str | None = None) -> Analysis:
    """:func:`analyse` on a text of its own."""
    return analyse(article_from_text(text, publication, issue_date), until)


def extract_article(article: Article, crf_spans: Spans | None = None) -> list[Fact]:
    """The facts read from one article: a pure function of the article (``crf_spans``: see :func:`analyse`)."""
    return analyse(article, crf_spans=crf_spans).facts
