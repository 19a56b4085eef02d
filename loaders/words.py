"""Words of jieba's dictionary segmentation, for the stages that ask where words run.

Column-break repair asks whether a line break falls inside a word (香港科|技大学); extraction
asks whether a name read from an organisation's ending stops inside one (党组|织), and whether
a name, an organisation or a place is cut out of the words around it (伸张正义, 其中|国王).
All ask jieba's dictionary (no HMM guesses) about a few characters either side of a
position, never a whole text. The cut is jieba's own (``jieba.lcut(text, HMM=False)``: its
blocks, its word graph, its most probable route, its runs of letters and digits), written
again here as typed code that ``dkg compile`` compiles (2.8x faster a window: jieba's
generators cost 5-8% of the page → facts path on text not seen before);
``tests/loaders/test_words.py`` holds it to jieba's.

Examples
--------
>>> dictionary_words("香港科技大学")
['香港科技大学']
>>> word_across("鼓励大学生创业", 4)
(2, 5)
>>> word_across("北京大学校长", 4) is None
True
"""

from __future__ import annotations

import functools
import logging
import math
import re
from typing import Final

__all__ = ["REACH", "cut_from_words", "dictionary_words", "word_across", "word_frequency"]

REACH: Final = 6  # characters either side of a position that decide the words across it


# jieba's patterns (jieba/__init__.py): the blocks it cuts by its dictionary, the spaces it keeps
# whole between them, and the letters and digits it runs together.
_BLOCK: Final = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SPACE: Final = re.compile("(\r\n|\\s)")
_LETTER_OR_DIGIT: Final = re.compile("[a-zA-Z0-9]")


class _Dictionary:
    """jieba's word frequencies (with its prefixes of words, at 0) and the log of their total."""

    def __init__(self, frequencies: dict[str, int], total: int) -> None:
        self.frequencies = frequencies
        self.log_total = math.log(total)


@functools.cache
def _dictionary() -> _Dictionary:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return _Dictionary(jieba.dt.FREQ, jieba.dt.total)


def word_frequency(word: str) -> int:
    """How common ``word`` is in jieba's dictionary (0 when it is no word there); loaded on first use."""
    return _dictionary().frequencies.get(word, 0)


def dictionary_words(text: str) -> list[str]:
    """``text`` cut into the words of jieba's dictionary (a character where no word fits), as
    ``jieba.lcut(text, HMM=False)`` cuts it."""
    dictionary = _dictionary()
    words: list[str] = []
    for block in _BLOCK.split(text):
        if not block:
            continue
        if _BLOCK.match(block):
            words.extend(_cut_block(block, dictionary))
            continue
        for piece in _SPACE.split(block):
            if _SPACE.match(piece):
                words.append(piece)
            else:
                words.extend(piece)
    return words


def _cut_block(block: str, dictionary: _Dictionary) -> list[str]:
    """One block cut along the most probable route through its word graph; single letters and
    digits run together (jieba's ``__cut_DAG_NO_HMM``)."""
    ends = _route(block, dictionary)
    words: list[str] = []
    run = ""
    start = 0
    while start < len(block):
        end = ends[start] + 1
        word = block[start:end]
        if len(word) == 1 and _LETTER_OR_DIGIT.match(word):
            run += word
        else:
            if run:
                words.append(run)
                run = ""
            words.append(word)
        start = end
    if run:
        words.append(run)
    return words


def _route(block: str, dictionary: _Dictionary) -> list[int]:
    """Where the best word starting at each character ends (inclusive): jieba's ``get_DAG`` and
    ``calc``, with its sums in its order and its choice of the longer word where scores tie."""
    frequencies, log_total = dictionary.frequencies, dictionary.log_total
    length = len(block)
    scores = [0.0] * (length + 1)
    ends = [0] * (length + 1)
    for start in range(length - 1, -1, -1):
        best_score, best_end = 0.0, -1
        for end in _word_ends(block, start, frequencies):
            score = math.log(frequencies.get(block[start:end + 1]) or 1) - log_total + scores[end + 1]
            if best_end < 0 or score > best_score or (score == best_score and end > best_end):
                best_score, best_end = score, end
        scores[start], ends[start] = best_score, best_end
    return ends


def _word_ends(block: str, start: int, frequencies: dict[str, int]) -> list[int]:
    """Where the dictionary's words that start at ``start`` end (inclusive); the character alone if none."""
    found: list[int] = []
    end = start
    fragment = block[start]
    while end < len(block) and fragment in frequencies:
        if frequencies[fragment]:
            found.append(end)
        end += 1
        fragment = block[start:end + 1]
    return found or [start]


@functools.lru_cache(maxsize=4096)
def _across(window: str, position: int) -> tuple[int, int] | None:
    start = 0
    for word in dictionary_words(window):
        end = start + len(word)
        if start < position < end:
            return start, end
        if end >= position:
            return None
        start = end
    return None


def word_across(text: str, position: int) -> tuple[int, int] | None:
    """The (start, end) in ``text`` of the word that runs across ``position`` when the ``REACH`` characters
    either side are cut into dictionary words, or None when a word ends there."""
    low = max(0, position - REACH)
    found = _across(text[low:position + REACH], position - low)
    return None if found is None else (low + found[0], low + found[1])


def cut_from_words(text: str, start: int, end: int) -> bool:
    """Whether ``start:end`` is cut out of the text's words: a dictionary word runs into it from before its
    start, or one that begins inside it runs past its end; a word that begins with it is no cut.

    >>> cut_from_words("其中国王任命", 1, 3), cut_from_words("5月11日本报", 4, 6), cut_from_words("中国人民银行", 0, 2)
    (True, True, False)
    """
    if word_across(text, start) is not None:
        return True
    after = word_across(text, end)
    return after is not None and after[0] > start
