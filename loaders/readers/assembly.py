"""Build a document's text piece by piece, keeping spans and the map back to the original.

Readers add the pieces they extracted (a title, a paragraph, a line break); the
assembler converts each to Simplified when the document is Traditional, records where
each piece landed, and at the end hands over the text with ``original_text`` and
``original_offsets`` (``None`` when nothing changed).

Examples
--------
>>> assembler = TextAssembler(simplify=True)
>>> assembler.add("區委"), assembler.add("\\n", original="\\r\\n"), assembler.add("會議")
((0, 2), (2, 3), (3, 5))
>>> text = assembler.finish()
>>> text.text, text.original_text, text.original_offsets
('区委\\n会议', '區委\\r\\n會議', OffsetMap([0, 1, 2, 4, 5, 6]))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from loaders.offsets import OffsetMap
from loaders.readers.script import to_simplified

__all__ = ["AssembledText", "TextAssembler", "normalised_newlines"]

_NEWLINE = re.compile(r"\r\n?")


@dataclass
class AssembledText:
    """A document's text and, when it differs from what the source held, the original and the map."""

    text: str
    original_text: str | None
    original_offsets: Sequence[int] | None

    def as_fields(self) -> dict:
        """Keyword arguments for a :class:`~loaders.document.Document`."""
        return {"text": self.text, "original_text": self.original_text, "original_offsets": self.original_offsets}


class TextAssembler:
    """Collects pieces of text, converted to Simplified when ``simplify`` is set."""

    def __init__(self, simplify: bool = False) -> None:
        self.simplify = simplify
        self._pieces: list[str] = []
        self._originals: list[str] = []
        self._maps: list[Sequence[int] | None] = []  # per piece: original offsets, None when one to one
        self._length = 0
        self._original_length = 0

    def add(self, piece: str, original: str | None = None) -> tuple[int, int]:
        """Append a piece; returns its span in the assembled text.

        ``original`` is what the source held when the piece replaces it (``"\\r\\n"`` for
        ``"\\n"``); every character of the piece then points to the original's start.
        """
        local: Sequence[int] | None = None
        if original is not None and original != piece:
            converted, local, source = piece, [0] * len(piece), original
        elif self.simplify:
            converted, offsets = to_simplified(piece)
            source = piece
            if len(converted) != len(piece):
                local = offsets[:-1]
        else:
            converted, source = piece, piece
        self._maps.append(local)
        self._pieces.append(converted)
        self._originals.append(source)
        start = self._length
        self._length += len(converted)
        self._original_length += len(source)
        return start, self._length

    def add_text(self, text: str) -> tuple[int, int]:
        """Append text whose line breaks may be ``\\r\\n`` or ``\\r``; they become ``\\n``."""
        start = self._length
        position = 0
        for match in _NEWLINE.finditer(text):
            self.add(text[position:match.start()])
            self.add("\n", original=match.group())
            position = match.end()
        self.add(text[position:])
        return start, self._length

    @property
    def last_piece(self) -> str:
        """The last piece added, as it stands in the text (converted)."""
        return self._pieces[-1] if self._pieces else ""

    @property
    def length(self) -> int:
        """Characters assembled so far."""
        return self._length

    def finish(self) -> AssembledText:
        """The text, and the original with the offset map when they differ."""
        text = "".join(self._pieces)
        original = "".join(self._originals)
        if text == original:
            return AssembledText(text, None, None)
        return AssembledText(text, original, self._original_offsets())

    def _original_offsets(self) -> OffsetMap:
        """The original offset of every assembled character, and the original's length.

        Built only when the text changed, as runs: a one-to-one piece costs two numbers.
        """
        offsets = OffsetMap()
        original_start = 0
        for local, source in zip(self._maps, self._originals, strict=True):
            if local is None:
                offsets.extend(range(original_start, original_start + len(source)))
            elif isinstance(local, OffsetMap):
                offsets.extend(local.shifted(original_start))
            else:
                offsets.extend(original_start + offset for offset in local)
            original_start += len(source)
        offsets.append(original_start)
        return offsets


def normalised_newlines(text: str) -> str:
    """The text with ``\\r\\n`` and ``\\r`` line breaks as ``\\n``.

    >>> normalised_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return _NEWLINE.sub("\n", text)
