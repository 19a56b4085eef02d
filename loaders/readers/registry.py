"""The readers by name, and the rule that picks one for an input.

Each reader is a module with ``read(source, context) -> Iterator[Document]``, imported
on first use (PDF and HTML libraries are slow to import). The reader is picked by, in
this order: ``--reader NAME``; a signature in the bytes (``%PDF-``, gzip's ``1f 8b``);
the extension; the content (``<html``, a ``{`` line, a ``#`` heading, a CSV header with a
body column); plain text otherwise.

Examples
--------
>>> sniff_reader("<!DOCTYPE html><html><body><p>正文</p></body></html>")
'html'
>>> sniff_reader('{"title": "标题", "body": "正文"}\\n'), sniff_reader("### 标题\\n<p>正文</p>")
('jsonl', 'markdown')
>>> sniff_reader("title,date,body\\n标题,2025-01-27,正文"), sniff_reader("标题\\n正文")
('csv', 'text')
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType

from dkg.errors import InputError
from loaders.document import Document
from loaders.readers.fields import FIELD_NAMES
from loaders.readers.metadata import DocumentMetadata
from loaders.readers.source import Source

__all__ = ["READERS", "ReadContext", "ReaderSpec", "choose_reader", "read_source", "reader_module", "sniff_reader"]


@dataclass(frozen=True)
class ReaderSpec:
    """A reader's name, module, the extensions it owns and the leading bytes that identify its files."""

    name: str
    module: str
    extensions: tuple[str, ...] = ()
    signatures: tuple[bytes, ...] = ()
    summary: str = ""


@dataclass(frozen=True)
class ReadContext:
    """What every reader is told besides its source: the CLI metadata and the forced reader."""

    overrides: DocumentMetadata | None = None
    reader: str | None = None


READERS: dict[str, ReaderSpec] = {spec.name: spec for spec in (
    ReaderSpec("text", "loaders.readers.plaintext", (".txt", ".text"), summary="plain text, one page"),
    ReaderSpec("html", "loaders.readers.html", (".html", ".htm", ".xhtml", ".shtml"),
               summary="a web page; main text by trafilatura, <article> elements as articles"),
    ReaderSpec("markdown", "loaders.readers.markdown", (".md", ".markdown"),
               summary="Markdown with HTML paragraphs; heading sections as articles"),
    ReaderSpec("pdf", "loaders.readers.pdf", (".pdf",), (b"%PDF-",),
               summary="a PDF's text layer, columns in reading order, one document per page"),
    ReaderSpec("jsonl", "loaders.readers.jsonl", (".jsonl", ".ndjson", ".json"),
               summary="article records, one JSON object per line (or a JSON array)"),
    ReaderSpec("csv", "loaders.readers.csvfile", (".csv", ".tsv"), summary="article records, one per row"),
    ReaderSpec("gzip", "loaders.readers.compressed", (".gz",), (b"\x1f\x8b",),
               summary="a gzip file; the inner name picks the reader"),
)}

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
                         re.IGNORECASE | re.DOTALL)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+\S", re.MULTILINE)


def _looks_like_csv(text: str) -> bool:
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    for delimiter in (",", "\t"):
        columns = {column.strip().strip('"').lower() for column in header.split(delimiter)}
        if len(columns) > 1 and columns & set(FIELD_NAMES["body"]):
            return True
    return False


def sniff_reader(text: str) -> str:
    """The reader for a text whose extension said nothing, from its first characters."""
    head = text[:4096]
    stripped = head.lstrip()
    if _HTML_START.match(head):
        return "html"
    if stripped.startswith(("{", "[")):
        return "jsonl"
    if _MARKDOWN_HEADING.search(head):
        return "markdown"
    if _looks_like_csv(head):
        return "csv"
    return "text"


def _by_signature(data: bytes) -> str | None:
    for spec in READERS.values():
        if spec.signatures and data.startswith(spec.signatures):
            return spec.name
    return None


def _by_extension(extension: str) -> str | None:
    for spec in READERS.values():
        if extension in spec.extensions:
            return spec.name
    return None


def choose_reader(source: Source, forced: str | None = None) -> str:
    """The name of the reader for a source (see the module's rule)."""
    if forced and forced not in READERS:
        raise InputError(str(source.path), f"there is no reader named {forced!r}",
                         f"use --reader with one of: {', '.join(READERS)}")
    signed = _by_signature(source.data)
    if signed == "gzip":  # a forced reader applies to what the gzip holds
        return signed
    return forced or signed or _by_extension(source.extension) or sniff_reader(source.text())


def reader_module(name: str) -> ModuleType:
    """The module of a registered reader, imported on first use."""
    return importlib.import_module(READERS[name].module)


def read_source(source: Source, context: ReadContext) -> Iterator[Document]:
    """The documents of one source, read by the reader the rule picks."""
    yield from reader_module(choose_reader(source, context.reader)).read(source, context)
