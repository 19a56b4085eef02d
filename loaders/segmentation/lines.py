"""Lines and items: the pieces of a page that segmentation classifies and assembles.

A :class:`Line` is one non-blank line of the document, stripped, with its offsets and
the number of blank lines before it. An :class:`Item` is what the later steps work on:
a line, or several lines joined across a column break, with a kind (headline, body,
byline ...), its text, the document offset of each of its characters, and what was
read in it.

Examples
--------
>>> [(line.text, line.start, line.gap_before) for line in split_lines("标题\\n\\n 正文。\\n")]
[('标题', 0, 0), ('正文。', 5, 1)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Item", "Line", "split_lines"]


@dataclass(frozen=True)
class Line:
    """One non-blank line: ``text`` is ``document.text[start:end]`` (stripped)."""

    start: int
    end: int
    text: str
    newline: int | None
    gap_before: int


@dataclass
class Item:
    """A classified piece of a page: one line, or lines joined across column breaks.

    ``offsets[i]`` is the document offset of ``text[i]`` (a ``range`` for a line as read,
    an :class:`~loaders.offsets.OffsetMap` once lines are joined: neither holds a number
    per character); ``newline`` is the
    offset of the newline after the item's last line (None at the end of the text);
    ``info`` holds what was read in it (names, source, page, label kind, date ...).
    """

    kind: str
    text: str
    offsets: Sequence[int]
    newline: int | None
    gap_before: int = 0
    info: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_line(cls, kind: str, line: Line, **info: Any) -> Item:
        return cls(kind, line.text, range(line.start, line.end), line.newline, line.gap_before, dict(info))

    @property
    def start(self) -> int:
        return self.offsets[0]

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1

    def trimmed(self, first: int, last: int) -> Item:
        """The item cut to ``text[first:last]`` (whitespace around it dropped)."""
        piece = self.text[first:last]
        first += len(piece) - len(piece.lstrip())
        last = first + len(piece.strip())
        return Item(self.kind, self.text[first:last], self.offsets[first:last], self.newline,
                    self.gap_before, dict(self.info))


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The non-blank lines of ``text[start:end]``, stripped, with their document offsets."""
    end = len(text) if end is None else end
    lines: list[Line] = []
    gap = 0
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        line_end = end if newline < 0 else newline
        raw = text[position:line_end]
        stripped = raw.strip()
        if stripped:
            first = position + len(raw) - len(raw.lstrip())
            lines.append(Line(first, first + len(stripped), stripped, None if newline < 0 else newline, gap))
            gap = 0
        else:
            gap += 1
        position = line_end + 1
    return lines
