"""Words of jieba's dictionary segmentation, for the stages that ask where words run.

Column-break repair asks whether a line break falls inside a word (香港科|技大学); extraction
asks whether a name read from an organisation's ending stops inside one (党组|织), and whether
a name, an organisation or a place is cut out of the words around it (伸张正义, 其中|国王).
All ask jieba (its dictionary only, no HMM guesses) about a few characters either side of a
position, never a whole text.

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
from collections.abc import Callable
from typing import Final

__all__ = ["REACH", "cut_from_words", "dictionary_words", "word_across"]

REACH: Final = 6  # characters either side of a position that decide the words across it


@functools.cache
def _segmenter() -> Callable[[str], list[str]]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return functools.partial(jieba.lcut, HMM=False)


def dictionary_words(text: str) -> list[str]:
    """``text`` cut into the words of jieba's dictionary (a character where no word fits)."""
    return _segmenter()(text)


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
