"""Organisations: short forms resolved against the jurisdiction, full names read from their endings.

- a short form (区委, 区政府, 国务院) or a division and a form (徐汇区委, 上海市徐汇区人民政府)
  gets its canonical full name (中共上海市徐汇区委员会, 上海市徐汇区人民政府);
- a name with an organisation ending (大学, 总公司, 中心, 部, 队 ...) is read leftwards from the
  ending up to a boundary (punctuation, 由/与/和/的, a verb, a title), then past the verbs and
  adverbs it would begin with (做好|法学会), past another name and the verb after it
  (国家京剧院建|院), and past an ordinal or a time (第八届|中国法学会, 目前|德国政府); loose verbs,
  a count or one common noun before the ending make no name (考|大学, 多所大学, 救援队);
- ``X(以下简称“Y”)`` makes Y an alias of X;
- a name that begins with another organisation's name is PART_OF it
  (``某大学某中心`` of ``某大学``), and when the rest is itself a name in the article, that
  name is an alias of it.

Examples
--------
>>> from loaders.extraction.pipeline import analyse_text
>>> analysis = analyse_text("由徐汇区人民政府、复旦大学联合主办。代表区委、区政协致辞。", publication="徐汇报")
>>> [(m.text, m.attrs["canonical"]) for m in analysis.of("organization")]
[('徐汇区人民政府', '上海市徐汇区人民政府'), ('复旦大学', '复旦大学'), ('区委', '中共上海市徐汇区委员会'), \
('区政协', '中国人民政治协商会议上海市徐汇区委员会')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Final

from loaders.document import Mention
from loaders.extraction.analysis import Analysis
from loaders.extraction.boundaries import (
    COMMON_WORD,
    after_leading_modifiers,
    after_leading_verbs,
    leading_non_name_word,
    loose_characters,
    scan_left,
    shortest_body_name,
    word_frequency,
    word_tag,
)
from loaders.extraction.lexicon import Hit
from loaders.extraction.spans import BOUNDARY_KINDS, SpanIndex, occurrences
from loaders.extraction.titles import organization_of_form, organization_of_kind
from loaders.words import word_across

__all__ = ["find_organizations", "scan_left"]

_BAD_STARTS: Final = ("各", "全", "本", "该", "这", "此", "其", "有关", "相关", "多家", "一", "驻")
# A count or an ordinal makes a kind, not one body, whether the name begins with it (多所大学, 两家公司) or it
# stands just before the name (450个|小学, 每个|社区卫生服务中心, 首个|…中心).
_CLASSIFIERS: Final = "[所家个座支名批]"
_COUNTED: Final = re.compile("[多几数两三四五六七八九十百千万]+" + _CLASSIFIERS)
# ... and so does one within it (成都一家著名电脑公司, 中美两国有关公司, 美国第三大银行).
_COUNTED_WITHIN: Final = re.compile("[一两几数多][家所个]|有关|第[一二三四五六七八九十]+大")
_COUNTED_BEFORE: Final = re.compile(
    "(?:第?[0-9０-９多几数两一二三四五六七八九十百千万]+|每|各|首)" + _CLASSIFIERS + "$")
_ALIAS: Final = re.compile(r"\s*[（(]\s*(?:以下)?(?:简称|下称)\s*[“\"‘]?([^”\"’)）]{1,15})[”\"’]?\s*[)）]")
_WORD_KINDS: Final = (*BOUNDARY_KINDS, "event_noun")
_ENDING_KINDS: Final = ("org_suffix", "org_form", "venue_suffix")
_ASPECT_PARTICLES: Final = "了着过"
# Endings that a common noun before makes a kind of body (救援队, 农业保险, 群众办), not one.
_GENERIC_AFTER_A_NOUN: Final = frozenset({"队", "代表团", "保险", "办"})
_COMMON_NOUN_TAGS: Final = frozenset({"n", "vn", "v", "a", "an"})


def _plausible(analysis: Analysis, start: int, end: int, suffix: str) -> bool:
    text = analysis.text
    name = text[start:end]
    if len(name) < shortest_body_name(suffix) or name.startswith(_BAD_STARTS) or "各" in name:
        return False
    if _COUNTED.match(name) or _COUNTED_WITHIN.search(name):
        return False
    if _COUNTED_BEFORE.search(text, max(0, start - 8), start):
        return False
    if len(suffix) == 1 and (_inside_word(analysis, end - 1) or _inside_longer_ending(analysis, end - 1)):
        return False
    if loose_characters(name[:-len(suffix)]):
        return False
    if suffix in _GENERIC_AFTER_A_NOUN and word_tag(name[:-len(suffix)]) in _COMMON_NOUN_TAGS:
        return False  # 救援队, 国家队: a kind of team, not one; 辽宁队, 国家应急医学救援队 are
    not_orgs = analysis.lexicon.not_orgs
    longest_word = min(len(name), _longest_word(not_orgs))  # longer endings of the name cannot be listed
    if any(name[-n:] in not_orgs for n in range(len(suffix) + 1, longest_word + 1)):
        return False
    suffix_start = end - len(suffix)
    if any(text[suffix_start:end + n] in not_orgs for n in (1, 2, 3)):
        return False
    return not _stops_short_of_a_word(text, end)  # last: it segments the text around the end


def _stops_short_of_a_word(text: str, end: int) -> bool:
    """Whether a name read from an ending stops one character short of a dictionary word that runs across its end
    (基层党组|织, 集中学|习, 女大学|生); a longer word after it goes on with another (中国红十字会|总会, 公司|员工).

    >>> _stops_short_of_a_word("发挥企业党组织作用", 6), _stops_short_of_a_word("北京大学校长", 4)
    (True, False)
    """
    word = word_across(text, end)
    return word is not None and word[1] == end + 1


def _ending_starts_a_word(analysis: Analysis, suffix: Hit) -> bool:
    """Whether a one-character ending starts a common word (局势, 院里, 部长, 队伍) or a particle makes it a verb
    (人员办|了; not 发改委|了解)."""
    text, end = analysis.text, suffix.end
    if len(suffix.text) != 1 or end >= len(text):
        return False
    return word_frequency(text[end - 1:end + 1]) > COMMON_WORD or (
        text[end] in _ASPECT_PARTICLES and not word_frequency(text[end:end + 2]))


def _inner_endings(analysis: Analysis) -> list[tuple[int, int]]:
    """The (end, start) of the organisation endings that may end a name inside a longer stem, by end: not those
    inside a longer ending or form (委 of 全国人大常委会)."""
    hits = analysis.hits
    return sorted((hit.end, hit.start) for hit in hits.of("org_suffix") if not hits.covers(_ENDING_KINDS, hit.end, 2))


def _after_a_clause(text: str, inner_endings: list[tuple[int, int]], start: int, stem_end: int) -> int:
    """Past an organisation's ending and the verb after it, where the stem goes on so: what the ending ends is
    one name, the verb begins a clause about it (国家京剧院建|院; not 复旦大学|未来创新|中心, 清华大学|建筑|学院,
    nor 委 inside 全国人大常委会党组)."""
    index = bisect_left(inner_endings, (stem_end, -1)) - 1
    if index < 0 or inner_endings[index][0] <= start or inner_endings[index][1] < start:
        return start
    rest_start = inner_endings[index][0]
    rest = text[rest_start:stem_end]
    verb = leading_non_name_word(rest)
    if not verb and loose_characters(rest[0]) and not (len(rest) > 1 and word_frequency(rest[:2])):
        verb = 1
    return rest_start + verb if verb else start


@lru_cache(maxsize=4)
def _longest_word(words: frozenset[str]) -> int:
    return max(map(len, words), default=0)


def _inside_word(analysis: Analysis, position: int) -> bool:
    """Whether a verb, title or event word of two characters or more covers ``position`` (签署, 部署)."""
    return analysis.hits.covers(_WORD_KINDS, position, 2)


def _inside_longer_ending(analysis: Analysis, position: int) -> bool:
    """Whether a longer organisation or venue ending covers ``position`` (办 of 办公厅)."""
    return analysis.hits.covers(_ENDING_KINDS, position, 2)


def _add(analysis: Analysis, start: int, end: int, canonical: str | None, via: str) -> Mention:
    text = analysis.text[start:end]
    return analysis.add_mention(Mention("organization", start, end, text, {"canonical": canonical or text, "via": via}))


def _read_forms(analysis: Analysis, taken: SpanIndex) -> None:
    hits = analysis.hits
    for form in hits.of("org_form"):
        if taken.overlaps(form.start, form.end) or hits.longest_ending("org_form", form.end) is not form:
            continue
        start, canonical = organization_of_form(analysis, form)
        if canonical is None:  # part of a longer name, or a form with no district to resolve it
            continue
        taken.add(start, form.end)
        _add(analysis, start, form.end, canonical, "form")
    for ending in hits.of("division_org"):
        division = hits.longest_ending("division", ending.start)
        if division is None or taken.overlaps(division.start, ending.end) or division.end - division.start < 2:
            continue
        upper = hits.longest_ending("division", division.start)
        start = upper.start if upper is not None else division.start
        canonical = organization_of_kind(analysis, str(ending.value), division.value)
        taken.add(start, ending.end)
        _add(analysis, start, ending.end, canonical, "division")


def _inside_title_cores(analysis: Analysis) -> set[int]:
    """The positions strictly inside a title's core (an ending there is part of the title)."""
    return {position for t in analysis.of("title") for position in range(t.end - len(t.attrs["core"]) + 1, t.end)}


def _read_full_names(analysis: Analysis, taken: SpanIndex) -> None:
    blocked = SpanIndex((m.start, m.end) for kind in ("person", "place", "date") for m in analysis.of(kind))
    inside_cores = _inside_title_cores(analysis)
    ends = {end for _, end in taken}
    inner_endings = _inner_endings(analysis)
    for suffix in analysis.hits.of("org_suffix"):
        end = suffix.end
        longer = analysis.hits.longest_ending("org_suffix", end)
        if end in ends or (longer is not None and longer is not suffix):
            continue
        if end in inside_cores or blocked.overlaps(suffix.start, end) or _ending_starts_a_word(analysis, suffix):
            continue
        start = after_leading_verbs(analysis, scan_left(analysis, suffix.start, blocked), suffix.start)
        start = _after_a_clause(analysis.text, inner_endings, start, suffix.start)
        start = after_leading_modifiers(analysis.text, start, suffix.start)
        if _plausible(analysis, start, end, suffix.text):
            ends.add(end)
            _add(analysis, start, end, None, "suffix")


def _read_repeats(analysis: Analysis) -> None:
    """Later mentions of an organisation by a name or alias already read (港科大 after its 简称)."""
    text = analysis.text
    mentions = analysis.mentions.get("organization", [])
    spans = SpanIndex((m.start, m.end) for kind in ("person", "place", "organization") for m in analysis.of(kind))
    names: dict[str, str] = {}
    for mention in mentions:
        for name in (mention.text, *mention.attrs.get("aliases", [])):
            names.setdefault(name, mention.attrs["canonical"])
    found = occurrences(text, [name for name in names if len(name) >= 2])
    for name, canonical in sorted(names.items(), key=lambda item: -len(item[0])):
        end = 0
        for position in found.get(name, []):
            if position < end:
                continue  # occurrences are read left to right without overlap
            end = position + len(name)
            if not spans.overlaps(position, end):
                spans.add(position, end)
                _add(analysis, position, end, canonical, "repeat")


def _read_aliases(analysis: Analysis) -> None:
    text = analysis.text
    if "称" not in text:  # 简称 or 下称: most texts have neither, and the pattern is tried at every character
        return
    by_end = {m.end: m for kind in ("organization", "place") for m in analysis.mentions.get(kind, [])}
    for match in _ALIAS.finditer(text):
        owner = by_end.get(match.start())
        if owner is not None:
            owner.attrs.setdefault("aliases", []).append(match.group(1))


def _read_article_lines(analysis: Analysis) -> None:
    """The article's source line and signing organisation, when they name an organisation."""
    article = analysis.article
    lexicon = analysis.lexicon
    for line in (article.source, article.author_org):
        if not line:
            continue
        scanned = lexicon.scan(line)
        form = scanned.longest_ending("org_form", len(line))
        suffix = scanned.longest_ending("org_suffix", len(line))
        if form is not None or suffix is not None:
            analysis.notes.setdefault("line_organizations", []).append(line)


def find_organizations(analysis: Analysis) -> Analysis:
    """Stage: organisation mentions, canonical names, aliases."""
    taken = SpanIndex((m.start, m.end) for kind in ("person", "place") for m in analysis.of(kind))
    _read_forms(analysis, taken)
    _read_full_names(analysis, taken)
    _read_aliases(analysis)
    _read_repeats(analysis)
    _read_article_lines(analysis)
    return analysis
