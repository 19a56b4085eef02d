"""Fuzzing the stages after the readers: page → articles, extraction, and the pipeline end to end.

Any text (a page, a titled record, a record with listed article spans, with or without an
issue date) segments into articles inside the text whose bodies map back character by
character; extraction of any article gives facts of known types whose provenance points
into the article; a whole file of any kind goes through ``process_path`` without raising,
and what it made can be written to a store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.document import Article, Document
from tests.reliability.conftest import FUZZ
from tests.reliability.properties import Tally, check_extraction, check_pipeline, check_segmentation
from tests.reliability.strategies import InputFile, any_file, article_text, mutated_page, page_text

issue_dates = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))
publications = st.one_of(st.none(), st.sampled_from(("徐汇报", "新闻联播", "Daily")), page_text)
listed_spans = st.lists(st.tuples(st.integers(-3, 90), st.integers(-3, 90), page_text), max_size=4)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A document as a reader could make it: a page, a titled record, or one with listed article spans."""
    text = draw(st.one_of(page_text, mutated_page()))
    shape = draw(st.sampled_from(("page", "titled", "listed")))
    metadata = {}
    if shape == "listed":
        spans = draw(listed_spans)
        metadata["articles"] = [{"title": title, "start": start, "end": end} for start, end, title in spans]
    if draw(st.booleans()):
        metadata["jurisdiction"] = draw(page_text)
    return Document(text=text, source="fuzz.txt", publication=draw(publications), issue_date=draw(issue_dates),
                    page=draw(st.one_of(st.none(), st.integers(1, 999))),
                    title=draw(page_text) if shape == "titled" else None, metadata=metadata)


@FUZZ
@given(documents())
def test_segmentation_fuzz_any_document_segments_inside_its_text(document: Document) -> None:
    check_segmentation(document)


@FUZZ
@given(article_text, issue_dates, publications)
def test_extraction_fuzz_any_article_gives_facts_inside_it(text: str, issue_date: dt.date | None,
                                                          publication: str | None) -> None:
    document = Document(text=f"标题\n{text}", source="fuzz.txt", publication=publication, issue_date=issue_date)
    article = Article.from_span(document, 0, 3, len(document.text), title="标题")
    check_extraction([article], document)


@FUZZ
@given(documents())
def test_extraction_fuzz_segmented_articles_give_facts_inside_them(document: Document) -> None:
    check_extraction(check_segmentation(document), document)


@settings(FUZZ, max_examples=100)
@given(any_file())
def test_pipeline_fuzz_any_file_never_raises_and_its_graph_is_writable(write_case: Callable[[InputFile], Path],
                                                                       drawn: InputFile) -> None:
    check_pipeline(write_case(drawn), Tally())
