"""Plain text: one page (or one article) as a layout extractor or a crawler left it.

The encoding is detected (see :mod:`loaders.readers.decoding`); ``\\r\\n`` line breaks
become ``\\n`` and Traditional text becomes Simplified, each with the offset map back to
the file's characters in ``original_text``/``original_offsets``. A text longer than
:data:`~loaders.readers.parts.WHOLE_CHARS` characters is read as several documents, cut at
page breaks or blank lines (:mod:`loaders.readers.parts`), with the same metadata.

Examples
--------
>>> from pathlib import Path
>>> from loaders.readers.registry import ReadContext
>>> data = "區委書記\\r\\n出席會議".encode("utf-16")
>>> document = next(read(Source(Path("page.txt"), "page.txt", data), ReadContext()))
>>> document.text, document.original_quote(5, 9)
('区委书记\\n出席会议', '出席會議')
"""

from __future__ import annotations

from collections.abc import Iterator

from loaders.document import Document
from loaders.readers.assembly import AssembledText, TextAssembler
from loaders.readers.metadata import resolve_metadata
from loaders.readers.parts import PART_CHARS, WHOLE_CHARS, part_spans
from loaders.readers.registry import ReadContext
from loaders.readers.script import is_traditional
from loaders.readers.source import Source

__all__ = ["read"]


def read(source: Source, context: ReadContext) -> Iterator[Document]:
    """One document holding the whole text, or one per part of a text over ``WHOLE_CHARS`` characters."""
    raw = source.text()
    source.drop_bytes()
    simplify = is_traditional(raw)
    spans = part_spans(raw, PART_CHARS) if len(raw) > WHOLE_CHARS else [(0, len(raw))]
    if len(spans) == 1:
        assembled = _assembled(raw, simplify)
        metadata = resolve_metadata(source.path, assembled.text, context.overrides, name=source.name)
        yield Document(source=str(source.path), reader="text", **assembled.as_fields(), **metadata.as_fields())
        return
    # a date line is the same in both scripts and line ends: the whole file's first one names the issue
    metadata = resolve_metadata(source.path, raw, context.overrides, name=source.name)
    for number, (start, end) in enumerate(spans):
        assembled = _assembled(raw[start:end], simplify)
        yield Document(source=str(source.path), reader="text", part=number, file_offset=start,
                       **assembled.as_fields(), **metadata.as_fields())


def _assembled(raw: str, simplify: bool) -> AssembledText:
    assembler = TextAssembler(simplify=simplify)
    assembler.add_text(raw)
    return assembler.finish()
