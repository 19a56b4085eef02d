"""Traditional → Simplified Chinese with OpenCC, keeping a map back to the original characters.

A text counts as Traditional when OpenCC's ``t2s`` would change more of its characters
than ``s2t`` would: Simplified text is (nearly) a fixed point of ``t2s``, Traditional
text of ``s2t``, and a Simplified page that quotes a few Traditional names stays as it is.
A long text is counted a chunk of at most ``CHUNK_CHARS`` characters at a time (cut at a
line break where there is one), so no whole copy of a 200 MB file is made; a text shorter
than that is one chunk, decided exactly as a whole.

Examples
--------
>>> is_traditional("區委書記出席會議"), is_traditional("区委书记出席会议")
(True, False)
>>> to_simplified("區委書記")
('区委书记', OffsetMap([0, 1, 2, 3, 4]))
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from functools import cache

import opencc

from loaders.offsets import OffsetMap

__all__ = ["CHUNK_CHARS", "is_traditional", "to_simplified"]

CHUNK_CHARS = 1_000_000


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _changed_characters(text: str, config: str) -> int:
    converted = _converter(config).convert(text)
    if len(converted) != len(text):
        return sum(1 for op in difflib.SequenceMatcher(None, text, converted, autojunk=False).get_opcodes()
                   if op[0] != "equal")
    return sum(1 for before, after in zip(text, converted, strict=True) if before != after)


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


def is_traditional(text: str, chunk_chars: int = CHUNK_CHARS) -> bool:
    """Whether the text is written in Traditional characters (see the module's rule)."""
    to_simple = to_traditional = 0
    for chunk in _chunks(text, chunk_chars):
        to_simple += _changed_characters(chunk, "t2s")
        to_traditional += _changed_characters(chunk, "s2t")
    return to_simple > 0 and to_simple > to_traditional


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
