"""Cut a huge text into parts, so a 200 MB file is read, segmented and written a part at a time.

A text longer than ``WHOLE_CHARS`` (1,000,000) characters, some 3 MB of UTF-8 and hundreds
of pages (more than any issue holds), becomes documents of at most ``PART_CHARS`` (50,000)
characters each. Each part ends, in this order of preference, right after

1. the last form feed (a page break: pdftotext ends every page with one) in the second
   half of the part's reach, so pages segment exactly as in the whole text;
2. failing that, the widest run of blank lines there (the last of the widest), where a
   page or an article most likely ends;
3. the last line break there, or the last sentence end (``。！？``);
4. failing all of them (one line of 50 MB without punctuation), at ``PART_CHARS``.

Each part's document knows its number (``Document.part``) and where its text starts in
the file (``Document.file_offset``), so every span still cites its place in the file,
and the pipeline numbers the articles of a file's parts on from one part to the next, so
articles keep the ids they have when the file is read whole (when the cuts fall on page
breaks). A file no longer than ``WHOLE_CHARS`` is one document, as before.

Examples
--------
>>> text = "第一版\\n\\n区委书记出席会议。\\f第二版\\n\\n区长调研。\\n\\n区政协开会。"
>>> [text[start:end] for start, end in part_spans(text, 16)]
['第一版\\n\\n区委书记出席会议。\\x0c', '第二版\\n\\n区长调研。\\n\\n', '区政协开会。']
>>> part_spans("短文", 12)
[(0, 2)]
"""

from __future__ import annotations

import re

__all__ = ["PART_CHARS", "WHOLE_CHARS", "part_spans"]

WHOLE_CHARS = 1_000_000  # up to this a text is one document, as it always was

# About 20 broadsheet pages. dkg ingest writes 20 documents per atomic batch (--batch-size), and
# a batch costs the store memory in proportion to its graph: parts of this size keep a batch of
# parts near a million characters (some 2,000 articles), a few hundred MB whatever the file's size.
PART_CHARS = 50_000
_BLANK_LINES = re.compile(r"\n(?:[ \t\r\u3000]*\n)+")
_SENTENCE_END = re.compile(r"[。！？!?]")


def _last_end(pattern: re.Pattern[str], text: str, low: int, high: int) -> int:
    """Where the last match of ``pattern`` in ``text[low:high]`` ends; -1 when there is none."""
    end = -1
    for match in pattern.finditer(text, low, high):
        end = match.end()
    return end


def _widest_gap_end(text: str, low: int, high: int) -> int:
    """Where the last of the widest runs of blank lines in ``text[low:high]`` ends; -1 when there is none."""
    widest, end = 0, -1
    for match in _BLANK_LINES.finditer(text, low, high):
        lines = match.group().count("\n")
        if lines >= widest:
            widest, end = lines, match.end()
    return end


def _cut(text: str, start: int, size: int) -> int:
    """Where the part that starts at ``start`` ends (see the module's rule)."""
    high = start + size
    if high >= len(text):
        return len(text)
    low = start + size // 2
    form_feed = text.rfind("\f", low, high)
    if form_feed >= 0:
        return form_feed + 1
    for found in (_widest_gap_end(text, low, high), text.rfind("\n", low, high) + 1 or -1,
                  _last_end(_SENTENCE_END, text, low, high)):
        if found > low:
            return found
    return high


def part_spans(text: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each part of ``text`` (one span for a text of at most ``size`` characters).

    Parameters
    ----------
    text : str
        The whole text of a file, as decoded.
    size : int
        The most characters a part holds.

    Returns
    -------
    list of tuple of (int, int)
        Spans that follow each other and cover the text.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(text) or not spans:
        end = _cut(text, start, size)
        spans.append((start, end))
        start = end
    return spans
