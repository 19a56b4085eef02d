"""Whether a name stands where places stand: 在哈尔科夫, 哈尔科夫、苏梅等地, 特拉维夫的军事目标.

A transliterated name is a person's or a place's by its context alone (布林肯, 库拉霍沃). The
context is read around the name and around the list it is in, its members joined by 、和及与
(a CRF span, a country or division, or a run of the caller's ``member_chars``). The words
come from ``place_contexts.yaml``. A name stands as a place's

- in a list with a place (the CRF's LOC, a country, a division);
- after a word of going, being or fighting there (``before``), or right after a country or
  division (以色列特拉维夫), or after ``X的`` where X is a place;
- before a noun of places in the next few characters of its clause (``after_nouns``:
  等方向, 三座城市), or before ``的`` and a noun of what places have (``of_nouns``: 的巷战);
- in a quoted title, after or before a joining dash (道—琼斯, 佩诺—里加集团), before 号, in
  brackets right after a word (an alias: 圣战组织（杰哈德）; a source after a quote is a
  person's: “……”（恩格斯）), or before a division or an organisation's ending (特斯拉公司).

Examples
--------
>>> from loaders.extraction.pipeline import analyse_text
>>> text = "乌军在哈尔科夫、苏梅等方向击退进攻。国务卿布林肯表示欢迎。"
>>> analysis = analyse_text(text)
>>> [in_place_context(analysis, text.find(name), text.find(name) + len(name), "哈尔科夫苏梅布林肯")
...  for name in ("苏梅", "布林肯")]
[True, False]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from dkg.yamltext import load_yaml
from loaders.extraction.analysis import Analysis
from loaders.extraction.lexicon import LEXICON_DIR
from loaders.extraction.spans import is_han
from loaders.extraction.statistical.stage import KIND as STATISTICAL_KIND

__all__ = ["in_place_context"]

_JOINERS: Final = "、和及与"
_PLACE_KINDS: Final = ("country", "division")
_ENDINGS_OF_NAMES: Final = ("country", "division", "org_suffix", "org_form")
# How far after a name (or its list) a noun of places is looked for, within its clause.
_AFTER_REACH: Final = 7
_CLAUSE_END: Final = re.compile(r"[，。；：！？,;:!?\n]")
_LONGEST_MEMBER: Final = 8


@dataclass(frozen=True)
class _PlaceContexts:
    before: tuple[str, ...]
    after_nouns: re.Pattern[str]
    before_marks: str
    after_marks: tuple[str, ...]
    of_nouns: tuple[str, ...]


@lru_cache(maxsize=1)
def _contexts() -> _PlaceContexts:
    data = load_yaml((LEXICON_DIR / "place_contexts.yaml").read_text(encoding="utf-8"))
    nouns = sorted(data["after_nouns"], key=len, reverse=True)
    return _PlaceContexts(tuple(data["before"]), re.compile("|".join(map(re.escape, nouns))),
                          data["before_marks"], tuple(data["after_marks"]), tuple(data["of_nouns"]))


def in_place_context(analysis: Analysis, start: int, end: int, member_chars: str | frozenset[str]) -> bool:
    """Whether the name at ``start:end`` (or the list it is in) stands where places stand."""
    contexts = _contexts()
    first, last, kinds = _list_around(analysis, start, end, member_chars)
    if kinds & {"LOC", "place"}:
        return True
    return _place_before(analysis, first, contexts) or _place_after(analysis, last, contexts)


def _place_before(analysis: Analysis, start: int, contexts: _PlaceContexts) -> bool:
    text, hits = analysis.text, analysis.hits
    if text.endswith(contexts.before, 0, start) or hits.ends_at(_PLACE_KINDS, start):
        return True
    if start == 0:
        return False
    mark = text[start - 1]
    if mark in contexts.before_marks:
        return True
    if mark in "（(":  # an alias in brackets after a word (圣战组织（杰哈德）), not a source after a quote
        return start >= 2 and is_han(text[start - 2])
    if mark == "的":  # 马德里市郊的X, 以色列的X
        return (contexts.after_nouns.search(text, max(0, start - 4), start - 1) is not None
                or hits.ends_at(_PLACE_KINDS, start - 1))
    return False


def _place_after(analysis: Analysis, end: int, contexts: _PlaceContexts) -> bool:
    text = analysis.text
    if text.startswith(contexts.after_marks, end) or analysis.hits.starts_at(_ENDINGS_OF_NAMES, end):
        return True
    if text.startswith("的", end) and text.startswith(contexts.of_nouns, end + 1):
        return True
    clause = _CLAUSE_END.split(text[end:end + _AFTER_REACH], maxsplit=1)[0]
    return bool(contexts.after_nouns.search(clause))


def _list_around(analysis: Analysis, start: int, end: int,
                 member_chars: str | frozenset[str]) -> tuple[int, int, set[str]]:
    """Where the list holding ``start:end`` begins and ends, and what its other members are (CRF labels, or
    ``place`` for a country or division, ``run`` for a run of ``member_chars``)."""
    text, kinds = analysis.text, set()
    first, last = start, end
    while first > 1 and text[first - 1] in _JOINERS:
        member = _member_ending(analysis, first - 1, member_chars)
        if member is None:
            break
        first, kind = member
        kinds.add(kind)
    while last < len(text) - 1 and text[last] in _JOINERS:
        member = _member_starting(analysis, last + 1, member_chars)
        if member is None:
            break
        last, kind = member
        kinds.add(kind)
    return first, last, kinds


def _member_ending(analysis: Analysis, end: int, member_chars: str | frozenset[str]) -> tuple[int, str] | None:
    for mention in analysis.within(STATISTICAL_KIND, max(0, end - _LONGEST_MEMBER * 2), end):
        if mention.end == end:
            return mention.start, mention.attrs["label"]
    for kind in _PLACE_KINDS:
        hit = analysis.hits.longest_ending(kind, end)
        if hit is not None:
            return hit.start, "place"
    start = end
    while start > 0 and end - start < _LONGEST_MEMBER and analysis.text[start - 1] in member_chars:
        start -= 1
    return (start, "run") if end - start >= 2 else None


def _member_starting(analysis: Analysis, start: int, member_chars: str | frozenset[str]) -> tuple[int, str] | None:
    for mention in analysis.within(STATISTICAL_KIND, start, start + 1):
        return mention.end, mention.attrs["label"]
    for kind in _PLACE_KINDS:
        hit = analysis.hits.longest_at(kind, start)
        if hit is not None:
            return hit.end, "place"
    text, end = analysis.text, start
    while end < len(text) and end - start < _LONGEST_MEMBER and text[end] in member_chars:
        end += 1
    return (end, "run") if end - start >= 2 else None
