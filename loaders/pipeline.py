"""The pipeline: one input file → graph batches, one per document.

Each stage is a plain function (read, segment, extract, resolve); this module chains
them and names the stage at fault when one fails. Extraction is a pure function of an
article, so a document's processing can run in another process or on a Dask worker.

Resolution can run apart from extraction: ``resolve=False`` gives each document's
extracted records (:func:`extract_document`) instead of its batch, so an ingest can
gather what resolution needs over all its files before it resolves any
(:mod:`loaders.resolution.knowledge`); :func:`resolve_document` finishes the job.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dkg.errors import InputError
from graph.model import GraphBatch
from loaders.document import Article, Document, Fact, Teaser
from loaders.extraction import extract_article
from loaders.extraction.statistical.stage import tag_texts
from loaders.readers import DocumentMetadata, PartialInputError, read_file
from loaders.readers.parts import PART_CHARS
from loaders.resolution import Knowledge, build_batch, possibly_same_links
from loaders.segmentation import segment_document

__all__ = ["DocumentResult", "FileOutcome", "extract_document", "process_document", "process_file", "process_path",
           "process_path_in_parts", "resolve_document"]


@dataclass
class DocumentResult:
    """What the pipeline made of one document."""

    document: Document
    articles: list[Article] = field(default_factory=list)
    teasers: list[Teaser] = field(default_factory=list)
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    batch: GraphBatch = field(default_factory=GraphBatch)

    def article_facts(self) -> list[tuple[Article, list[Fact]]]:
        """Each article with its facts, in the document's order."""
        return [(article, self.facts.get(article.id, [])) for article in self.articles]


def extract_document(document: Document, first_ordinal: int = 0) -> DocumentResult:
    """Segment and extract one document; its batch stays empty (picklable, small).

    ``first_ordinal`` numbers the articles of a part of a file on from the parts before it.
    """
    articles, teasers = segment_document(document)
    for article in articles:
        article.ordinal += first_ordinal
    crf_spans = tag_texts([article.text for article in articles])  # all at once: far cheaper than one by one
    facts = {article.id: extract_article(article, None if crf_spans is None else crf_spans[index])
             for index, article in enumerate(articles)}
    return DocumentResult(document, articles, teasers, facts)


def resolve_document(result: DocumentResult, knowledge: Knowledge | None = None) -> GraphBatch:
    """The graph batch of an extracted document, resolved against ``knowledge`` (else itself alone).

    Alone, the batch also links the document's namesakes (POSSIBLY_SAME); an ingest links
    them once over all its documents instead.
    """
    if knowledge is not None:
        return build_batch(result.document, result.article_facts(), knowledge)
    alone = Knowledge.of_documents([(result.document, result.article_facts())])
    batch = build_batch(result.document, result.article_facts(), alone)
    keys = {(n.properties["name"], n.properties.get("jurisdiction", "")) for n in batch.nodes_of("Person")}
    batch.update(possibly_same_links(keys, alone))
    return batch


def process_document(document: Document, first_ordinal: int = 0) -> DocumentResult:
    """Segment, extract and resolve one document."""
    result = extract_document(document, first_ordinal)
    result.batch = resolve_document(result)
    return result


def process_file(path: Path, overrides: DocumentMetadata | None = None,
                 reader: str | None = None, resolve: bool = True) -> Iterator[DocumentResult]:
    """Every document of one file, processed (or only extracted); raises InputError for a bad file."""
    stage = process_document if resolve else extract_document
    next_ordinal = 0  # the parts of a big file number their articles on, as one document would
    for document in read_file(path, overrides, reader):
        if not document.part:
            next_ordinal = 0
        try:
            result = stage(document, next_ordinal)
            next_ordinal += len(result.articles)
            yield result
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
    documents: list[DocumentResult] = field(default_factory=list)  # extracted, when not resolved
    articles: int = 0
    errors: list[InputError] = field(default_factory=list)
    complete: bool = True  # False for a part of a file whose other documents are still to come


def process_path_in_parts(path: Path, overrides: DocumentMetadata | None = None, reader: str | None = None,
                          part_size: int = 20, resolve: bool = True) -> Iterator[FileOutcome]:
    """Process one file in parts of at most ``part_size`` documents; the last part is ``complete``.

    A big file of records (a JSON Lines archive) or a huge text (read as several documents,
    see :mod:`loaders.readers.parts`) never sits whole in memory: each part can be written
    before the next is read. A part also ends once its documents hold ``PART_CHARS``
    characters. The last part carries the file's errors. With ``resolve=False`` the parts
    carry the extracted documents instead of their batches.
    """
    part = FileOutcome(str(path), complete=False)
    characters = 0
    try:
        for result in process_file(path, overrides, reader, resolve):
            if resolve:
                part.batches.append(result.batch)
            else:
                part.documents.append(result)
            part.articles += len(result.articles)
            characters += len(result.document.text)
            if len(part.batches) + len(part.documents) >= part_size or characters >= PART_CHARS:
                yield part
                part, characters = FileOutcome(str(path), complete=False), 0
    except PartialInputError as error:  # the good records are in; report each bad one
        part.errors.extend(error.errors)
    except InputError as error:
        part.errors.append(error)
    part.complete = True
    yield part


def process_path(path: Path, overrides: DocumentMetadata | None = None, reader: str | None = None,
                 resolve: bool = True) -> FileOutcome:
    """Process one file; a bad file becomes an error in the outcome, never an exception."""
    outcome = FileOutcome(str(path))
    for part in process_path_in_parts(path, overrides, reader, resolve=resolve):
        outcome.batches += part.batches
        outcome.documents += part.documents
        outcome.articles += part.articles
        outcome.errors += part.errors
    return outcome
