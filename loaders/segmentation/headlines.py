"""Headlines: which text has the shape of one, and which part is kicker, title, subtitle.

Chinese papers print a kicker (引题) above or before the main title (主题) and a subtitle
(副题, opening with a dash) after it. When a headline comes in two parts, the part that
names the event (举行, 召开, 揭牌 ...) is the title.

Examples
--------
>>> text_shape("港科大上海产教融合中心落户徐汇"), text_shape("新春佳节即将来临之际，区领导走访慰问。")
('headline', 'body')
>>> split_headline(["共同祝愿徐汇繁荣美好未来 徐汇区各界人士迎新春团拜会举行"])
Headline(kicker='共同祝愿徐汇繁荣美好未来', title='徐汇区各界人士迎新春团拜会举行', subtitles=[])
>>> split_headline(["海淀区召开优化营商环境大会", "——全年新增市场主体两万户"]).subtitles
['——全年新增市场主体两万户']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from loaders.segmentation.lexicon import layout_lexicon

__all__ = ["BODY", "HEADLINE", "SHORT", "Headline", "count_chars", "split_headline", "text_shape"]

HEADLINE, BODY, SHORT = "headline", "body", "short"

_NOT_WORD_CHAR: Final = re.compile(r"[^\w\u4e00-\u9fff]")
_COMMAS: Final = re.compile(r"[，,]")
_OPEN_ENDINGS: Final = ("，", ",", "、", "：", ":")
_PART_BREAK: Final = re.compile(r"(?<=[\u4e00-\u9fff”」》）)!！?？])[ \t\u3000]+(?=[\u4e00-\u9fff“「《（(])")


def count_chars(text: str) -> int:
    """The characters of a text other than spaces and punctuation.

    >>> count_chars("区政协会议开幕， 委员们出席。")
    12
    """
    # Text is mostly word characters: counting the others makes a short list, not one per character.
    return len(text) - len(_NOT_WORD_CHAR.findall(text))


def text_shape(text: str) -> str:
    """``headline`` for text shaped like a headline, ``short`` for a fragment, else ``body``."""
    if "。" in text or "；" in text or ";" in text or text.endswith(_OPEN_ENDINGS):
        return BODY
    lexicon = layout_lexicon()
    size = count_chars(text)
    if size > lexicon.max_headline_chars or len(_COMMAS.findall(text)) > 1:
        return BODY
    if _COMMAS.search(text) and (size > 20 or any(mark in text for mark in "、：:")):
        return BODY
    if text.endswith(("！", "？", "!", "?", "…")) and size > 20:
        return BODY
    if lexicon.subhead_pattern.match(text):
        return BODY
    if size < lexicon.min_headline_chars:
        return SHORT
    return HEADLINE


@dataclass
class Headline:
    """A headline read as kicker (引题), title (主题) and subtitles (副题)."""

    kicker: str | None
    title: str
    subtitles: list[str] = field(default_factory=list)


def _is_subtitle(text: str) -> bool:
    return text.startswith(layout_lexicon().subtitle_openings)


def _parts(text: str) -> list[str]:
    """A one-line headline's parts; spaces split it only when every part is long enough."""
    parts = [part for part in _PART_BREAK.split(text) if part]
    minimum = layout_lexicon().min_headline_part_chars
    if len(parts) > 1 and all(count_chars(part) >= minimum for part in parts):
        return parts
    return [text]


def names_event(text: str) -> bool:
    """Whether a headline part names an event (a word of the lexicon's ``event_words``)."""
    return layout_lexicon().event_word_pattern.search(text) is not None


def _title_index(parts: list[str]) -> int:
    naming = [index for index, part in enumerate(parts) if names_event(part)]
    if len(naming) == 1:
        return naming[0]
    return 1 if len(parts) > 1 else 0


def _line_parts(line: str) -> list[str]:
    """The parts of one headline line: split only when exactly one part names the event.

    A line of two parallel clauses (``春风送岗位 就业暖人心``) is one title.
    """
    parts = _parts(line)
    if len(parts) > 1 and sum(names_event(part) for part in parts) != 1:
        return [line]
    return parts


def split_headline(lines: list[str]) -> Headline:
    """Kicker, title and subtitles of a headline printed as one or more lines.

    Lines above the title are the kicker; within one line, the part that names the
    event is the title, and a line of parallel clauses stays whole.
    """
    parts: list[str] = []
    subtitles: list[str] = []
    for line in lines:
        for part in _line_parts(line.strip()):
            (subtitles if _is_subtitle(part) or subtitles else parts).append(part)
    if not parts:
        return Headline(None, subtitles[0].lstrip("—－-─ "), subtitles[1:])
    index = _title_index(parts)
    kicker = " ".join(parts[:index]) or None
    return Headline(kicker, parts[index], parts[index + 1:] + subtitles)
