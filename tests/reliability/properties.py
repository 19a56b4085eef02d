"""The properties the fuzzers check, as plain functions (the tests and ``bench/stress.py`` share them).

- :func:`check_read`: reading a file yields documents or raises ``InputError`` (or its
  subclass ``PartialInputError`` after the good records), never anything else; every error
  names the file (or its sidecar) and a reason on one line; every span and offset map of a
  document stays inside its text.
- :func:`check_pipeline`: ``process_path`` never raises; its errors name the file; its
  graph batches serialise to N-Triples that a store accepts.
- :func:`check_segmentation` and :func:`check_extraction`: the stages take any text;
  articles, teasers and facts point inside the text they came from.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph

from dkg.errors import InputError
from graph.rdf import batch_to_ntriples
from graph.schema import load_schema
from loaders.document import Article, Document
from loaders.extraction import extract_article
from loaders.pipeline import process_path
from loaders.readers import PartialInputError, read_file
from loaders.resolution import build_batch
from loaders.segmentation import segment_document
from tests.reliability.strategies import InputFile

__all__ = ["Tally", "check_document", "check_error", "check_extraction", "check_pipeline", "check_read",
           "check_segmentation", "write_input"]

FACT_TYPES = {"person", "organization", "place", "position", "part_of", "event", "attendance", "organizer",
              "signed", "credit"}


@dataclass
class Tally:
    """What a fuzz run tried: examples, bytes of input, documents read, errors met (by reason's start)."""

    examples: int = 0
    bytes: int = 0
    documents: int = 0
    errors: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    hangs: list[str] = field(default_factory=list)  # inputs that took longer than the run allows

    def error(self, error: InputError) -> None:
        self.errors += 1
        key = error.reason.split("(")[0].split(";")[0].strip()[:48]
        self.reasons[key] = self.reasons.get(key, 0) + 1


def write_input(folder: Path, drawn: InputFile, serial: int) -> Path:
    """Write a drawn file (and its sidecar) under a name of its own; returns the file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"case{serial}-{drawn.name or 'page'}"
    path.write_bytes(drawn.data)
    if drawn.sidecar is not None:
        path.with_name(path.name + ".meta.yaml").write_text(drawn.sidecar, encoding="utf-8")
    return path


def _blamed_paths(path: Path) -> set[str]:
    """The files an error about ``path`` may name: the file, its sidecars, its folder's manifest."""
    names = {path, *(path.with_name(path.name + suffix) for suffix in (".meta.yaml", ".meta.yml", ".meta.json")),
             *(path.parent / name for name in ("manifest.yaml", "manifest.yml", "manifest.json"))}
    return {str(name) for name in names}


def check_error(error: InputError, path: Path) -> None:
    """An input error names the file (or its sidecar), gives a reason and a hint, on one line."""
    errors = error.errors if isinstance(error, PartialInputError) else [error]
    for each in [error, *errors]:
        assert isinstance(each, InputError), f"not an InputError: {each!r}"
        assert each.path in _blamed_paths(path), f"the error names {each.path!r}, not the file {path}"
        assert each.reason.strip(), f"an error without a reason: {each!r}"
        assert each.hint.strip(), f"an error without a hint of what to do: {each}"
        assert "\n" not in str(each) and "\r" not in str(each), f"the error is not one line: {str(each)!r}"


def check_document(document: Document) -> None:
    """Every span a reader gives and every offset map stays inside the text it points into."""
    text = document.text
    assert isinstance(text, str)
    for listed in document.metadata.get("articles", []):
        assert 0 <= listed["start"] <= listed["end"] <= len(text), f"article span {listed} outside {len(text)}"
    if document.original_offsets is not None:
        offsets, original = document.original_offsets, document.original_text
        assert original is not None
        assert len(offsets) == len(text) + 1, "the offset map is not one entry per character plus the end"
        assert all(0 <= offset <= len(original) for offset in offsets), "an offset points outside the original"
        assert all(a <= b for a, b in itertools.pairwise(offsets)), "the offset map goes backwards"
        assert offsets[-1] == len(original), "the end offset is not the original's end"


def check_read(path: Path, tally: Tally) -> list[Document]:
    """Read a file; only InputError may escape, and then with the file named."""
    documents: list[Document] = []
    try:
        for document in read_file(path):
            check_document(document)
            documents.append(document)
    except InputError as error:
        check_error(error, path)
        tally.error(error)
    tally.documents += len(documents)
    return documents


def check_pipeline(path: Path, tally: Tally) -> None:
    """The whole pipeline on one file: never raises, errors name the file, batches are writable."""
    outcome = process_path(path)
    for error in outcome.errors:
        check_error(error, path)
        tally.error(error)
    tally.documents += len(outcome.batches)
    schema = load_schema()
    for batch in outcome.batches:
        data = batch_to_ntriples(batch, schema)
        list(pyoxigraph.parse(data.encode("utf-8"), pyoxigraph.RdfFormat.N_TRIPLES))


def _check_article(article: Article, document: Document) -> None:
    size = len(document.text)
    assert 0 <= article.start <= article.end <= size, f"article {article.start}:{article.end} outside {size}"
    assert len(article.offsets) == len(article.text) + 1, "the body's offset map is not one per character"
    assert all(0 <= offset <= size for offset in article.offsets), "a body offset points outside the document"
    for char, offset in zip(article.text, article.offsets, strict=False):
        assert document.text[offset] == char, f"body character {char!r} is not at document offset {offset}"


def check_segmentation(document: Document) -> list[Article]:
    """Segment a document: articles and teasers inside the text, offsets that map back, distinct ids."""
    articles, teasers = segment_document(document)
    for article in articles:
        _check_article(article, document)
    for teaser in teasers:
        assert 0 <= teaser.start <= teaser.end <= len(document.text)
    ids = [article.id for article in articles]
    assert len(ids) == len(set(ids)), "two articles of one document share an id"
    return articles


def check_extraction(articles: Iterable[Article], document: Document) -> int:
    """Extract every article: facts of known types whose provenance points into their article.

    Returns the number of facts; the document's batch is built from them too.
    """
    read = []
    for article in articles:
        facts = extract_article(article)
        for fact in facts:
            assert fact.type in FACT_TYPES, f"unknown fact type {fact.type!r}"
            where = fact.provenance
            assert where.article_id == article.id, "a fact cites another article"
            assert 0 <= where.span_start <= where.span_end <= len(article.text), \
                f"fact span {where.span_start}:{where.span_end} outside the body of {len(article.text)}"
            assert where.sentence in article.text or where.sentence in document.text, \
                f"the quoted sentence is neither in the body nor in the document: {where.sentence!r}"
            first, last = article.document_span(where.span_start, where.span_end)
            assert 0 <= first <= last <= len(document.text)
            document.original_span(first, last)
        read.append((article, facts))
    build_batch(document, read)
    return sum(len(facts) for _, facts in read)
