"""Character classes and span helpers shared by the stages.

:class:`SpanIndex` answers "does this span overlap one already taken?" in time linear in
the span's length, whatever the number of spans taken, so a stage that checks every
candidate against what it has read stays linear in the length of the article.

Examples
--------
>>> is_han("徐"), is_han(","), is_punctuation("、"), is_punctuation("中")
(True, False, True, False)
>>> taken = SpanIndex([(2, 4)])
>>> taken.overlaps(3, 6), taken.overlaps(4, 6), overlaps(0, 3, taken), overlaps(0, 2, [(2, 4)])
(True, False, True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final

import ahocorasick_rs

__all__ = ["BOUNDARY_KINDS", "NON_NAME_CHARS", "QUOTES", "SpanIndex", "is_han", "is_punctuation", "occurrences",
           "overlaps"]

# Below this many characters searched in all (words × text), ``str.find`` beats building an automaton.
_FIND_BUDGET: Final = 200_000

QUOTES: Final = "“”‘’\"'《》「」『』〈〉()（）[]【】"
# Characters that never stand inside a Chinese given name: particles, prepositions and the
# first characters of the verbs that follow names.
NON_NAME_CHARS: Final = frozenset(
    "的了在和与及是被把从向对也都就将还又并而或但其这那个们之于以上下内外年月日说会议区市省县镇委局部办党"
    "出席持讲话致辞作指表示率到去等为有无不要已所该此各全本记者主任长书"
)
# Lexicon kinds that end a name or an organisation read leftwards.
BOUNDARY_KINDS: Final = ("follower", "role_verb", "event_verb", "title", "collective", "cue")


def is_han(char: str) -> bool:
    """A CJK ideograph."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def is_punctuation(char: str) -> bool:
    """Anything that is neither an ideograph nor a letter or digit (、,。 quotes, spaces)."""
    return not is_han(char) and not char.isalnum()


class SpanIndex:
    """Spans ``(start, end)`` of one text, with a mark on every character they cover.

    Two non-empty spans overlap exactly when they share a character, so
    :meth:`overlaps` looks at the marks under the span asked about instead of at every
    span held. Empty spans (which overlap a span only when strictly inside it) and spans
    starting before the text are kept apart and checked one by one; the stages add none.

    Examples
    --------
    >>> taken = SpanIndex()
    >>> taken.add(5, 8)
    >>> [taken.overlaps(*span) for span in [(0, 5), (0, 6), (7, 20), (8, 9)]]
    [False, True, True, False]
    >>> list(taken)
    [(5, 8)]
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans: list[tuple[int, int]] = list(spans)
        self._covered = covered = bytearray(max(0, max((end for _, end in self.spans), default=0)))
        self._irregular: list[tuple[int, int]] = []
        for start, end in self.spans:  # what _mark does, inlined: a stage builds several indexes per article
            if end <= start or start < 0:
                self._irregular.append((start, end))
            else:
                covered[start:end] = b"\x01" * (end - start)

    def add(self, start: int, end: int) -> None:
        """Hold ``start:end``."""
        self.spans.append((start, end))
        self._mark(start, end)

    def _mark(self, start: int, end: int) -> None:
        if end <= start or start < 0:  # empty, or starting before the text: checked one by one
            self._irregular.append((start, end))
            return
        if end > len(self._covered):
            self._covered.extend(bytes(end - len(self._covered)))
        self._covered[start:end] = b"\x01" * (end - start)

    def append(self, span: tuple[int, int]) -> None:
        """Hold ``span`` (as ``list.append`` would)."""
        self.add(*span)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``start:end`` overlaps any span held."""
        if end <= start:
            return any(start < other_end and other_start < end for other_start, other_end in self.spans)
        if end > 0 and self._covered.find(1, start if start > 0 else 0, end) >= 0:
            return True
        if not self._irregular:  # the usual case: asked for every candidate, so no generator made
            return False
        return any(start < other_end and other_start < end for other_start, other_end in self._irregular)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)


def overlaps(start: int, end: int, spans: SpanIndex | Iterable[tuple[int, int]]) -> bool:
    """Whether ``start:end`` overlaps any of ``spans`` (at once when they are a :class:`SpanIndex`)."""
    if isinstance(spans, SpanIndex):
        return spans.overlaps(start, end)
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def occurrences(text: str, words: Iterable[str]) -> dict[str, list[int]]:
    """Where each (non-empty) word starts in ``text``, overlapping occurrences included, in order.

    Many words over a long text are found in one Aho-Corasick pass, so the cost does not
    grow with words × text; a few words over a short text are found by ``str.find``.

    Examples
    --------
    >>> occurrences("王明和王明华", ["王明", "王明华", "李"])
    {'王明': [0, 3], '王明华': [3], '李': []}
    """
    found: dict[str, list[int]] = {word: [] for word in words if word}
    if len(found) * len(text) <= _FIND_BUDGET:
        for word, starts in found.items():
            position = text.find(word)
            while position >= 0:
                starts.append(position)
                position = text.find(word, position + 1)
        return found
    words_found = list(found)
    automaton = ahocorasick_rs.AhoCorasick(words_found)
    for number, start, _ in automaton.find_matches_as_indexes(text, overlapping=True):  # a word's by end, so by start
        found[words_found[number]].append(start)
    return found
