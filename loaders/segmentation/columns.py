"""Column-break repair: join the pieces of a paragraph that a layout extractor cut apart.

A layout extractor ends a line at the bottom of a column and puts a blank line before
the next column, even in the middle of a word (``香港科`` / ``技大学``). A line is joined
to the next text line when it does not close its sentence and the next line continues
it: the next line opens with punctuation, or both are body text, or the junction splits
a word (the dictionary of ``jieba`` says which). The characters in between (the newline
and the blank line) are dropped; every kept character keeps its document offset.

Examples
--------
>>> from loaders.segmentation.classify import classify_lines
>>> from loaders.segmentation.lines import split_lines
>>> text = "港科大上海中心是香港科\\n\\n技大学首个位于长三角的产学研基地，与多个基地互补。"
>>> [item.text for item in repair_column_breaks(classify_lines(split_lines(text)))]
['港科大上海中心是香港科技大学首个位于长三角的产学研基地，与多个基地互补。']
"""

from __future__ import annotations

import functools
import re
from typing import Final

from loaders.offsets import OffsetMap
from loaders.segmentation.classify import FURNITURE, TEXT
from loaders.segmentation.credits import split_lead_credit, split_trailing_credit
from loaders.segmentation.headlines import BODY, text_shape
from loaders.segmentation.lexicon import layout_lexicon
from loaders.segmentation.lines import Item
from loaders.words import REACH, dictionary_words, word_across

__all__ = ["repair_column_breaks", "should_join", "splits_word"]

_CJK: Final = re.compile(r"[\u4e00-\u9fff]")


def splits_word(left: str, right: str) -> bool:
    """Whether the junction of two texts falls inside a dictionary word.

    >>> splits_word("围绕重点产", "业、新赛道产业"), splits_word("会议举行", "1月20日上午")
    (True, False)
    """
    left, right = left[-REACH:], right[:REACH]
    if not (left and right and _CJK.match(left[-1]) and _CJK.match(right[0])):
        return False
    return word_across(left + right, len(left)) is not None


def _opens_with_fragment(text: str) -> bool:
    """Whether a line opens with a lone character the dictionary cannot start a word with."""
    return _opens_window_with_fragment(text[:REACH])


@functools.lru_cache(maxsize=4096)
def _opens_window_with_fragment(window: str) -> bool:
    tokens = dictionary_words(window)
    return bool(tokens) and len(tokens[0]) == 1 and bool(_CJK.match(tokens[0]))


def should_join(previous: str, following: str) -> bool:
    """Whether ``following`` continues ``previous`` across a column break.

    >>> should_join("扎实推动", "高质量发展，积极发展新质生产力。")
    False
    >>> should_join("李明指出，2024年全区坚定信心、坚定不移、扎实推动", "高质量发展，积极发展新质生产力。")
    True
    """
    lexicon = layout_lexicon()
    if not previous or not following or previous.endswith(lexicon.sentence_ending_marks):
        return False
    if following[0] in lexicon.continuation_openings:
        return True
    closes = following.endswith(lexicon.sentence_ending_marks)
    following_is_body = text_shape(following) == BODY or closes
    if text_shape(previous) == BODY:
        return following_is_body or splits_word(previous, following)
    if not following_is_body:
        return False
    if previous[-1] in lexicon.dangling_endings:
        return True
    return splits_word(previous, following) and _opens_with_fragment(following)


def _join(first: Item, second: Item) -> Item:
    return Item(TEXT, first.text + second.text, OffsetMap(first.offsets) + second.offsets, second.newline,
                first.gap_before, {})


def _with_inline_credits(item: Item) -> Item:
    """A body paragraph without its inline byline, photo credit or source, read into info."""
    start, lead = split_lead_credit(item.text)
    length, trailing, source = split_trailing_credit(item.text[start:])
    if lead is None and trailing is None and source is None:
        return item
    trimmed = item.trimmed(start, start + length)
    trimmed.info.update(lead=lead is not None, source=source, reporters=[], photographers=[])
    for credit in (lead, trailing):
        if credit is not None:
            trimmed.info["reporters"] += credit.reporters
            trimmed.info["photographers"] += credit.photographers
    return trimmed


def _shaped(item: Item) -> Item:
    if item.kind != TEXT:
        return item
    item.kind = text_shape(item.text)
    if item.kind != BODY:
        return item
    shaped = _with_inline_credits(item)
    return shaped if shaped.text else item


def repair_column_breaks(items: list[Item]) -> list[Item]:
    """The items with column breaks joined, and each text item shaped (headline, body, short).

    Body paragraphs also lose an inline byline (``本报讯（记者 张三）``) at their start and
    a photo credit or source (``（张三 摄）``, ``(来源:区委办)``) at their end, read into
    ``info`` (``reporters``, ``photographers``, ``source``, ``lead``).
    """
    joined: list[Item] = []
    last_text: int | None = None
    for item in items:
        if item.kind == TEXT and last_text is not None and should_join(joined[last_text].text, item.text):
            joined[last_text] = _join(joined[last_text], item)
            continue
        joined.append(item)
        if item.kind == TEXT:
            last_text = len(joined) - 1
        elif item.kind != FURNITURE:
            last_text = None
    return [_shaped(item) for item in joined]
