"""The records that flow through the loaders: Document → Article → Mention → Fact.

Every record keeps character offsets, so every fact can cite its source:

- a :class:`Document` is what a reader made of one input (text, source, metadata), with
  a map back to the original text when the reader changed it (Traditional → Simplified,
  a PDF's layout, HTML tags);
- an :class:`Article` is a span of the document with its title, bylines and body, the
  body's characters mapped to document offsets (column-break repair removes characters);
- a :class:`Mention` is a typed span of an article's text;
- a :class:`Fact` is a typed relation between mentions, with provenance.

Examples
--------
>>> doc = Document(text="标题\\n正文。", source="a.txt", publication="徐汇报")
>>> article = Article.from_span(doc, ordinal=0, start=3, end=6, title="标题")
>>> article.text
'正文。'
>>> article.document_span(0, 2)
(3, 5)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.model import Provenance, stable_id
from loaders.offsets import OffsetMap

__all__ = ["Article", "Document", "Fact", "Mention", "Teaser"]


@dataclass
class Document:
    """One input as a reader made it.

    ``original_text`` and ``original_offsets`` are set when ``text`` differs from what
    the file held: ``original_offsets[i]`` is the offset in ``original_text`` of
    ``text[i]`` (one extra entry at the end for the end offset; an
    :class:`~loaders.offsets.OffsetMap`, which holds a few numbers per run, not one per
    character).

    A file too big to read as one document is read in parts (see
    :mod:`loaders.readers.parts`): ``part`` numbers them from 0 (``None`` for a whole
    file) and ``file_offset`` is where the part's original text starts in the file's
    text, so :meth:`file_span` gives a span's place in the whole file.
    """

    text: str
    source: str
    publication: str | None = None
    issue_date: dt.date | None = None
    page: int | None = None
    reader: str = "text"
    title: str | None = None
    original_text: str | None = None
    original_offsets: Sequence[int] | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    part: int | None = None
    file_offset: int = 0

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the original text of the span ``start:end`` of ``text``."""
        if self.original_offsets is None:
            return start, end
        return self.original_offsets[start], self.original_offsets[end]

    def original_quote(self, start: int, end: int) -> str:
        """The original characters of a span, as the file held them."""
        if self.original_text is None:
            return self.text[start:end]
        first, last = self.original_span(start, end)
        return self.original_text[first:last]

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the whole file's (original) text of the span ``start:end`` of ``text``.

        >>> Document(text="第二版", source="big.txt", part=1, file_offset=100).file_span(0, 2)
        (100, 102)
        """
        first, last = self.original_span(start, end)
        return first + self.file_offset, last + self.file_offset


@dataclass
class Teaser:
    """A reference to an article on another page (``07 张家弄片区房屋征收项目``)."""

    page: int | None
    title: str
    start: int
    end: int


@dataclass
class Article:
    """A span of a document read as one article.

    ``text`` is the body after repairs (column breaks joined); ``offsets[i]`` is the
    document offset of ``text[i]``, with one extra entry for the end (an
    :class:`~loaders.offsets.OffsetMap`: a few numbers per run of characters).
    """

    document: Document
    ordinal: int
    start: int
    end: int
    text: str
    offsets: Sequence[int]
    kind: str = "news"
    title: str = ""
    kicker: str | None = None
    reporters: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    source: str | None = None
    author_org: str | None = None
    date: dt.date | None = None

    @classmethod
    def from_span(cls, document: Document, ordinal: int, start: int, end: int, **fields: Any) -> Article:
        """An article whose body is the document's text from ``start`` to ``end`` unchanged."""
        return cls(document, ordinal, start, end, document.text[start:end],
                   OffsetMap(range(start, end + 1)), **fields)

    @property
    def id(self) -> str:
        doc = self.document
        key = (doc.publication, doc.issue_date, doc.page, self.title, self.ordinal,
               doc.source if not doc.publication else "")
        # Every fact's provenance asks for the id: hash once, again only when a part of the key changed.
        cached = self.__dict__.get("_id_cache")
        if cached is None or cached[0] != key:
            cached = (key, stable_id("article", *key))
            self.__dict__["_id_cache"] = cached
        return cached[1]

    def document_span(self, start: int, end: int) -> tuple[int, int]:
        """The document span of the body span ``start:end``."""
        return self.offsets[start], self.offsets[end]

    def file_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the whole file's text of the body span ``start:end`` (see :meth:`Document.file_span`)."""
        return self.document.file_span(*self.document_span(start, end))

    def provenance(self, start: int, end: int, sentence: str) -> Provenance:
        """Provenance for a fact read at ``start:end`` of the body, in ``sentence``."""
        return Provenance(self.id, start, end, sentence)


@dataclass
class Mention:
    """A typed span of an article's body (person, title, organization, place, date ...)."""

    kind: str
    start: int
    end: int
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Fact:
    """A typed relation read from an article, with its provenance.

    ``type`` names what was read (person, position, organization, place, event,
    attendance, organizer, part_of ...), ``args`` what it is about and ``props`` what
    it says of it.
    """

    type: str
    args: dict[str, Any]
    provenance: Provenance
    props: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO text), as ``dkg extract --jsonl`` prints it."""
        def plain(value: Any) -> Any:
            return value.isoformat() if isinstance(value, dt.date) else value

        return {
            "type": self.type,
            "args": {k: plain(v) for k, v in self.args.items()},
            "props": {k: plain(v) for k, v in self.props.items()},
            "provenance": self.provenance.as_dict(),
        }
