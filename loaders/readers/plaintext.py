"""Plain text: one page (or one article) as a layout extractor or a crawler left it.

The encoding is detected (see :mod:`loaders.readers.decoding`); ``\\r\\n`` line breaks
become ``\\n`` and Traditional text becomes Simplified, each with the offset map back to
the file's characters in ``original_text``/``original_offsets``.

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
from loaders.readers.assembly import TextAssembler
from loaders.readers.metadata import resolve_metadata
from loaders.readers.registry import ReadContext
from loaders.readers.script import is_traditional
from loaders.readers.source import Source

__all__ = ["read"]


def read(source: Source, context: ReadContext) -> Iterator[Document]:
    """One document holding the whole text."""
    raw = source.text()
    assembler = TextAssembler(simplify=is_traditional(raw))
    assembler.add_text(raw)
    assembled = assembler.finish()
    metadata = resolve_metadata(source.path, assembled.text, context.overrides, name=source.name)
    yield Document(source=str(source.path), reader="text", **assembled.as_fields(), **metadata.as_fields())
