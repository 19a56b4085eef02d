"""Traditional → Simplified Chinese with OpenCC, keeping a map back to the original characters.

A text counts as Traditional when OpenCC's ``t2s`` would change more of its characters
than ``s2t`` would: Simplified text is (nearly) a fixed point of ``t2s``, Traditional
text of ``s2t``, and a Simplified page that quotes a few Traditional names stays as it is.
A long text is counted a chunk of at most ``CHUNK_CHARS`` characters at a time (cut at a
line break where there is one), so no whole copy of a 200 MB file is made; a text shorter
than that is one chunk, decided exactly as a whole.

Simplified text is what most archives hold, and OpenCC's ``s2t`` is about ten times slower
than ``t2s``. So ``t2s`` is counted first: when it changes nothing, the text is not
Traditional; else ``s2t`` is counted only until it changes as many characters, piece by
piece. OpenCC converts greedily from left to right and no entry of its dictionaries holds
a line break, so pieces cut just after line breaks convert to the same characters as
the whole and their counts add up; when a conversion changes a piece's length, the
whole chunks are counted instead. The answer is always the one the whole counts give.

Examples
--------
>>> is_traditional("區委書記出席會議"), is_traditional("区委书记出席会议")
(True, False)
>>> to_simplified("區委書記")
('区委书记', OffsetMap([0, 1, 2, 3, 4]))
"""

from __future__ import annotations

import difflib
import operator
from collections.abc import Iterator, Sequence
from functools import cache

import opencc

from loaders.offsets import OffsetMap

__all__ = ["CHUNK_CHARS", "is_traditional", "to_simplified"]

CHUNK_CHARS = 1_000_000
PIECE_CHARS = 2_048


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _changed_characters(text: str, config: str) -> int:
    converted = _converter(config).convert(text)
    if converted == text:  # the usual answer of t2s on Simplified text, without a look at each character
        return 0
    if len(converted) != len(text):
        return sum(1 for op in difflib.SequenceMatcher(None, text, converted, autojunk=False).get_opcodes()
                   if op[0] != "equal")
    return sum(map(operator.ne, text, converted))


def _chunks(text: str, size: int) -> Iterator[str]:
    """The text in pieces of at most ``size`` characters, each ending at a line break when one is in reach.

    >>> list(_chunks("ab\\ncd\\nef", 4)), list(_chunks("abcdef", 4))
    (['ab\\n', 'cd\\n', 'ef'], ['abcd', 'ef'])
    """
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            newline = text.rfind("\n", start, end)
            end = newline + 1 if newline >= 0 else end
        yield text[start:end]
        start = end


def _pieces(text: str, chunk_chars: int) -> Iterator[str]:
    """The chunks of the text cut again just after a line break every ``PIECE_CHARS`` characters or so.

    >>> list(_pieces("ab\\ncd\\nef", 4))
    ['ab\\n', 'cd\\n', 'ef']
    """
    for chunk in _chunks(text, chunk_chars):
        start = 0
        while start < len(chunk):
            newline = chunk.find("\n", start + PIECE_CHARS - 1)
            end = len(chunk) if newline < 0 else newline + 1
            yield chunk[start:end]
            start = end


class _LengthChanged(Exception):
    """A conversion changed a piece's length: its changes cannot be counted piece by piece."""


def _piece_changes(piece: str, config: str) -> int:
    converted = _converter(config).convert(piece)
    if len(converted) != len(piece):
        raise _LengthChanged
    return sum(map(operator.ne, piece, converted))


def _changes(text: str, config: str, chunk_chars: int) -> int:
    return sum(_changed_characters(chunk, config) for chunk in _chunks(text, chunk_chars))


def _changes_up_to(text: str, config: str, chunk_chars: int, enough: int) -> int:
    """The characters ``config`` changes in the text, counted piece by piece until there are ``enough``.

    Returns the whole count when it is less than ``enough``, else a count of at least ``enough``.
    """
    total = 0
    try:
        for piece in _pieces(text, chunk_chars):
            total += _piece_changes(piece, config)
            if total >= enough:
                break
    except _LengthChanged:
        return _changes(text, config, chunk_chars)
    return total


def is_traditional(text: str, chunk_chars: int = CHUNK_CHARS) -> bool:
    """Whether the text is written in Traditional characters (see the module's rule)."""
    to_simple = _changes(text, "t2s", chunk_chars)
    if not to_simple:
        return False
    return to_simple > _changes_up_to(text, "s2t", chunk_chars, enough=to_simple)


def _aligned_offsets(original: str, converted: str) -> OffsetMap:
    """For each converted character the original offset, when a phrase changed length."""
    offsets = OffsetMap()
    matcher = difflib.SequenceMatcher(None, original, converted, autojunk=False)
    for tag, first, last, out_first, out_last in matcher.get_opcodes():
        if tag == "equal":
            offsets.extend(range(first, last))
        else:  # a replaced phrase: every character of it points to the phrase's start
            offsets.extend([first] * (out_last - out_first))
    offsets.append(len(original))
    return offsets


def to_simplified(text: str) -> tuple[str, Sequence[int]]:
    """The text in Simplified characters, and the original offset of each character (plus the end).

    Parameters
    ----------
    text : str
        Traditional (or mixed) Chinese text.

    Returns
    -------
    tuple of (str, sequence of int)
        The converted text and ``offsets`` (an :class:`~loaders.offsets.OffsetMap`) with
        ``offsets[i]`` the index in ``text`` of converted character ``i``; one extra entry
        holds ``len(text)``.
    """
    converted = _converter("t2s").convert(text)
    if len(converted) == len(text):
        return converted, OffsetMap(range(len(text) + 1))
    return converted, _aligned_offsets(text, converted)
