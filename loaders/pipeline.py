"""The pipeline: one input file → graph batches, one per document.

Each stage is a plain function (read, segment, extract, resolve); this module chains
them and names the stage at fault when one fails. Extraction is a pure function of an
article, so a document's processing can run in another process or on a Dask worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dkg.errors import InputError
from graph.model import GraphBatch
from loaders.document import Article, Document, Fact, Teaser
from loaders.extraction import extract_article
from loaders.readers import DocumentMetadata, PartialInputError, read_file
from loaders.resolution import build_batch
from loaders.segmentation import segment_document

__all__ = ["DocumentResult", "FileOutcome", "process_document", "process_file", "process_path",
           "process_path_in_parts"]


@dataclass
class DocumentResult:
    """What the pipeline made of one document."""

    document: Document
    articles: list[Article] = field(default_factory=list)
    teasers: list[Teaser] = field(default_factory=list)
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    batch: GraphBatch = field(default_factory=GraphBatch)


def process_document(document: Document) -> DocumentResult:
    """Segment, extract and resolve one document."""
    articles, teasers = segment_document(document)
    facts = {article.id: extract_article(article) for article in articles}
    batch = build_batch(document, [(a, facts[a.id]) for a in articles])
    return DocumentResult(document, articles, teasers, facts, batch)


def process_file(path: Path, overrides: DocumentMetadata | None = None,
                 reader: str | None = None) -> Iterator[DocumentResult]:
    """Every document of one file, processed; raises InputError for a bad file."""
    for document in read_file(path, overrides, reader):
        try:
            yield process_document(document)
        except InputError:
            raise
        except Exception as error:  # a bug in a stage must not stop the batch: name it
            raise InputError(str(path), f"processing failed ({type(error).__name__}: {error})",
                             "please report this with the file") from error


@dataclass
class FileOutcome:
    """What became of one input file: a graph batch per document, and the errors met.

    Small and picklable, so a worker process or a Dask worker can send it back.
    """

    path: str
    batches: list[GraphBatch] = field(default_factory=list)
    articles: int = 0
    errors: list[InputError] = field(default_factory=list)
    complete: bool = True  # False for a part of a file whose other documents are still to come


def process_path_in_parts(path: Path, overrides: DocumentMetadata | None = None, reader: str | None = None,
                          part_size: int = 20) -> Iterator[FileOutcome]:
    """Process one file in parts of at most ``part_size`` documents; the last part is ``complete``.

    A big file of records (a JSON Lines archive) never sits whole in memory: each part can
    be written before the next is read. The last part carries the file's errors.
    """
    part = FileOutcome(str(path), complete=False)
    try:
        for result in process_file(path, overrides, reader):
            part.batches.append(result.batch)
            part.articles += len(result.articles)
            if len(part.batches) >= part_size:
                yield part
                part = FileOutcome(str(path), complete=False)
    except PartialInputError as error:  # the good records are in; report each bad one
        part.errors.extend(error.errors)
    except InputError as error:
        part.errors.append(error)
    part.complete = True
    yield part


def process_path(path: Path, overrides: DocumentMetadata | None = None, reader: str | None = None) -> FileOutcome:
    """Process one file; a bad file becomes an error in the outcome, never an exception."""
    outcome = FileOutcome(str(path))
    for part in process_path_in_parts(path, overrides, reader):
        outcome.batches += part.batches
        outcome.articles += part.articles
        outcome.errors += part.errors
    return outcome
