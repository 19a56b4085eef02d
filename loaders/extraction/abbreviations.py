"""Places written as one character: 中美关系, 印巴两国, 访华, 在京, 对俄, 俄政府, 中方.

News names countries and provinces by one character, but each of these characters is also a
common word or part of one (美好, 日报, 其中), so a character is read as a place only in one
of three contexts, from ``place_abbreviations.yaml``:

- beside another place of the same list, or joined to it by 、 (中美, 京津, 中、阿);
- after a word of going or being there (访华, 在京, 对俄);
- before a word of a state (俄政府, 中方, 美军).

and never where a common word runs across the ends of the character and its context (对美好,
其中方, 越来越), nor inside a longer country or division the lexicon found (美国, 北京市), nor inside a person's name
(王沪宁). The article must have been analysed up to persons.

Examples
--------
>>> from loaders.extraction.pipeline import analyse_text
>>> text = "中美关系发展良好，他访华期间在京会见俄方代表，向往美好生活。"
>>> [text[s:e] for s, e in abbreviation_spans(analyse_text(text))]
['中', '美', '华', '京', '俄']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from dkg.yamltext import load_yaml
from loaders.extraction.analysis import Analysis
from loaders.extraction.boundaries import word_frequency
from loaders.extraction.lexicon import LEXICON_DIR
from loaders.extraction.persons import TRANSLITERATION
from loaders.extraction.spans import SpanIndex, is_han

__all__ = ["abbreviation_spans"]

# A word more frequent than this (jieba's count) that runs across a character's context makes it no place (美好).
_COMMON: Final = 100
# A pair of places that is itself a word this common is that word (加以), though 中日 (1005) is a pair.
_COMMON_PAIR: Final = 1500
_COVERING_KINDS: Final = ("country", "division")


@dataclass(frozen=True)
class _Abbreviations:
    countries: frozenset[str]
    regions: frozenset[str]
    going_only: frozenset[str]
    not_going: frozenset[str]
    going: tuple[str, ...]
    state: tuple[str, ...]

    def pair(self, first: str, second: str) -> bool:
        return any(first in group and second in group for group in (self.countries, self.regions))

    def all(self) -> frozenset[str]:
        return self.countries | self.regions | self.going_only


@lru_cache(maxsize=1)
def _abbreviations() -> _Abbreviations:
    data = load_yaml((LEXICON_DIR / "place_abbreviations.yaml").read_text(encoding="utf-8"))
    return _Abbreviations(frozenset(data["countries"]), frozenset(data["regions"]), frozenset(data["going_only"]),
                          frozenset(data["not_going"]), tuple(data["going"]), tuple(data["state"]))


def abbreviation_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """The (start, end) of every one-character place read in its context, in text order."""
    text, lexicon = analysis.text, _abbreviations()
    candidates = lexicon.all()
    covered = analysis.hits.covered(_COVERING_KINDS, 2)
    names = SpanIndex((m.start, m.end) for m in analysis.of("person"))
    found = []
    for position, character in enumerate(text):
        if character not in candidates or (position < len(covered) and covered[position]):
            continue
        if not names.overlaps(position, position + 1) and _in_context(text, position, lexicon):
            found.append((position, position + 1))
    return found


def _in_context(text: str, position: int, lexicon: _Abbreviations) -> bool:
    character = text[position]
    if character not in lexicon.going_only and _paired(text, position, lexicon):
        return True
    if character not in lexicon.not_going and _after_going(text, position, lexicon):
        return True
    return character not in lexicon.going_only and _before_state(text, position, lexicon)


def _crossed(text: str, start: int, end: int) -> bool:
    """Whether a common word of two to four characters runs across either end of ``start:end`` (对美好, 越来越)."""
    for low in range(max(0, start - 3), end):
        for high in range(low + 2, min(low + 4, len(text)) + 1):
            if (low < start < high or low < end < high) and word_frequency(text[low:high]) > _COMMON:
                return True
    return False


def _paired(text: str, position: int, lexicon: _Abbreviations) -> bool:
    """中美 (either side), 中、阿 (a list's first); neither the pair a common word (加以), nor crossed by one
    (其中加以), nor the end of a transliterated name (雅鲁藏布)."""
    for first, second, joiner in ((position, position + 1, ""), (position - 1, position, ""),
                                  (position, position + 2, "、"), (position - 2, position, "、")):
        if first < 0 or second >= len(text) or text[first + 1:second] != joiner or text[first] == text[second]:
            continue
        before = text[first - 1] if first else "，"
        if before in TRANSLITERATION or (joiner and is_han(before)):
            continue  # 雅鲁藏布, 神奈川、青森
        if (lexicon.pair(text[first], text[second]) and word_frequency(text[first:second + 1]) <= _COMMON_PAIR
                and not _crossed(text, first, second + 1)):
            return True
    return False


def _after_going(text: str, position: int, lexicon: _Abbreviations) -> bool:
    """访华, 在京, 对俄; not where a transliterated name begins (在加拉加斯)."""
    if position + 1 < len(text) and text[position + 1] in TRANSLITERATION:
        return False
    return any(position >= len(word) and text.startswith(word, position - len(word))
               and not _crossed(text, position - len(word), position + 1) for word in lexicon.going)


def _before_state(text: str, position: int, lexicon: _Abbreviations) -> bool:
    """俄政府, 中方, 美军; not where a transliterated name ends (利库德政府)."""
    if position and text[position - 1] in TRANSLITERATION:
        return False
    return any(text.startswith(word, position + 1) and not _crossed(text, position, position + 1 + len(word))
               for word in lexicon.state)
