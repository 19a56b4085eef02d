"""Where a name read leftwards from its ending starts (organisations, venues, title prefixes).

A name runs left from its ending (大学, 会议中心) until punctuation or a quote, a function
character (由, 与, 和, 的 ...) unless it ends a noun (据 of 数据局, 经 of 财经委员会), or a
verb, title or cue from the lexicons, but never stops inside a lexicon word that runs across
the position (上海 is not cut at 上).

Examples
--------
>>> from loaders.extraction.pipeline import analyse_text
>>> analysis = analyse_text("由上海市某某区人民政府主办", until="sentences")
>>> text = analysis.text
>>> text[scan_left(analysis, text.index("人民政府"), []):text.index("主办")]
'上海市某某区人民政府'
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Final, NamedTuple

from loaders.extraction.spans import BOUNDARY_KINDS, QUOTES, SpanIndex, is_han, overlaps
from loaders.words import word_frequency

if TYPE_CHECKING:
    from loaders.extraction.analysis import Analysis

__all__ = ["COMMON_WORD", "after_leading_modifiers", "after_leading_verbs", "boundary_at", "common_word",
           "inside_a_longer_word",
           "joins_two_fields", "leading_non_name_word", "loose_characters", "scan_left", "shortest_body_name",
           "word_frequency", "word_tag"]

# Function characters that do not stand inside a name (会, 能, 上 do: 社会科学院, 能源局, 上院).
_STOP_CHARS: Final = frozenset("由与和及同在从向对为的是了将把被等或并即着据经年于称说每个"
                               "就到当时而又也都还可要让给已很更最曾才再仅只若因但却过其该")
_SPANNING_KINDS: Final = ("division", "org_form", "country", "org_suffix", "venue_suffix")
_MAX_LENGTH: Final = 30


def _inner_positions(analysis: Analysis) -> set[int]:
    """The positions a lexicon word runs across (上海 across 上|海), found once per article."""
    inner = analysis.notes.get("inner_positions")
    if inner is None:
        by_kind = analysis.hits.by_kind
        inner = {p for kind in _SPANNING_KINDS for h in by_kind.get(kind, ()) for p in range(h.start + 1, h.end)}
        analysis.notes["inner_positions"] = inner
    return inner


# A word seen more often than this in jieba's dictionary is a common word (被告, 说明, 局势), not a name.
COMMON_WORD: Final = 200
# Words of the dictionary seen this often or less are never common (the least ``minimum`` asked of it).
_DICTIONARY_FLOOR: Final = 100
# jieba's tags of words that do not begin a name: verbs, adverbs, conjunctions, prepositions, pronouns (times do:
# 未来创新中心, 现代集团).
_NOT_NAME_START_TAGS: Final = frozenset({"v", "vd", "d", "ad", "c", "p", "r"})


class _Dictionary(NamedTuple):
    """What the name checks read from jieba's dictionary, in one pass over its file."""

    words: dict[str, tuple[int, str]]  # count and tag of the words of two to four characters above the floor
    characters: dict[str, str]  # the tag of each one-character word
    body_starts: Counter[str]  # how many organisations' names (tagged nt) begin with each two characters


@lru_cache(maxsize=1)
def _dictionary() -> _Dictionary:
    """jieba's dictionary as the name checks read it (see :class:`_Dictionary`)."""
    import jieba

    words: dict[str, tuple[int, str]] = {}
    characters: dict[str, str] = {}
    body_starts: Counter[str] = Counter()
    with jieba.get_dict_file() as lines:
        for line in lines:
            word, frequency, tag = line.decode("utf-8").split()[:3]
            if len(word) == 1:
                characters[word] = tag
            elif len(word) <= 4 and int(frequency) > _DICTIONARY_FLOOR:
                words[word] = (int(frequency), tag)
            if tag == "nt" and len(word) > 2:
                body_starts[word[:2]] += 1
    return _Dictionary(words, characters, body_starts)


def _dictionary_words() -> dict[str, tuple[int, str]]:
    return _dictionary().words


def word_tag(word: str) -> str:
    """jieba's tag of a common word of two to four characters, else "" (a place is ns, a noun n).

    >>> word_tag("辽宁"), word_tag("救援"), word_tag("辽宁救援")
    ('ns', 'vn', '')
    """
    return _dictionary_words().get(word, (0, ""))[1]


# jieba's tags of characters that make no organisation's stem on their own: verbs, adverbs, prepositions,
# conjunctions, pronouns, localisers and particles (考|大学, 刚出|医院, 去|学校).
_LOOSE_TAGS: Final = frozenset({"v", "vd", "d", "ad", "p", "c", "r", "f", "ul", "uj", "uz", "ug", "ud", "uv"})


def loose_characters(stem: str) -> bool:
    """Whether ``stem`` is one to four characters, no two of them a word together, each a verb, adverb,
    preposition, pronoun, localiser or particle: no organisation's name is so (考|大学, 他刚出|医院; not
    发展|银行, 省|医院).

    >>> loose_characters("考"), loose_characters("他刚出"), loose_characters("发展"), loose_characters("省")
    (True, True, False, False)
    """
    if not 1 <= len(stem) <= 4 or any(word_frequency(stem[i:i + 2]) for i in range(len(stem) - 1)):
        return False
    tags = _dictionary().characters
    return all(tags.get(character) in _LOOSE_TAGS for character in stem)


def common_word(word: str, minimum: int = COMMON_WORD) -> bool:
    """Whether ``word`` is a common word that is not a person's name (范围, 金融; not 江泽民), by jieba's dictionary.

    >>> common_word("金融"), common_word("邓小平")
    (True, False)
    """
    frequency, tag = _dictionary_words().get(word, (0, ""))
    return frequency > max(minimum, _DICTIONARY_FLOOR) and not tag.startswith("nr")


# jieba's tags of nouns: a noun that ends in a function character does not stop a name there (数据局, 财经委员会).
_NOUN_TAGS: Final = frozenset({"n", "nz", "ns", "nt", "j", "vn", "an"})


@lru_cache(maxsize=1)
def _nouns_ending_in_stops() -> frozenset[str]:
    """Common two-character nouns whose second character is a function character (数据, 财经, 首都, 人才)."""
    return frozenset(word for word, (_, tag) in _dictionary_words().items()
                     if len(word) == 2 and word[1] in _STOP_CHARS and tag in _NOUN_TAGS)


@lru_cache(maxsize=1)
def _nouns_starting_with_stops() -> frozenset[str]:
    """Common two-character nouns whose first character is a function character and that begin names of
    organisations in the dictionary (经济 of 经济研究所, 经贸, 时代; not 时候, 对方)."""
    body_starts = _dictionary().body_starts
    return frozenset(word for word, (_, tag) in _dictionary_words().items()
                     if len(word) == 2 and word[0] in _STOP_CHARS and tag in _NOUN_TAGS and body_starts[word] >= 2)


@lru_cache(maxsize=1)
def _nouns_with_stops() -> frozenset[str]:
    """The common nouns a function character ends or begins (数据, 经济): inside them it stops no name."""
    return _nouns_ending_in_stops() | _nouns_starting_with_stops()


@lru_cache(maxsize=1)
def _name_start_stops() -> tuple[frozenset[str], frozenset[str]]:
    """The dictionary's verbs, adverbs, conjunctions, prepositions and pronouns seen more often than the floor,
    and their first two characters (one lookup turns most texts away)."""
    stops = frozenset(word for word, (_, tag) in _dictionary_words().items() if tag in _NOT_NAME_START_TAGS)
    return stops, frozenset(word[:2] for word in stops)


def leading_non_name_word(text: str) -> int:
    """The length of the verb or adverb that ``text`` begins with (做好, 进一步), else 0: only when it is the
    longest dictionary word there, so 联合国 is not read as 联合.

    >>> leading_non_name_word("进一步提升政府"), leading_non_name_word("复旦大学"), leading_non_name_word("联合国大会")
    (3, 0, 0)
    """
    stops, beginnings = _name_start_stops()
    if text[:2] not in beginnings:
        return 0
    for length in (4, 3, 2):
        if text[:length] in stops:
            break
    else:
        return 0
    longer_words = (text[:longer] for longer in range(length + 1, min(len(text), 5) + 1))
    return 0 if any(map(word_frequency, longer_words)) else length


def boundary_at(analysis: Analysis, position: int) -> bool:
    """Whether a name read leftwards stops at ``position``."""
    return _boundary(analysis.text, position, _inner_positions(analysis),
                     analysis.hits.end_places(BOUNDARY_KINDS, 2))


def _boundary(text: str, position: int, inner: set[int], word_ends: frozenset[int]) -> bool:
    char = text[position - 1]
    if not (is_han(char) or char.isalpha()) or char in QUOTES:
        return True
    if position in inner:  # a lexicon word runs across it
        return False
    if char in _STOP_CHARS:
        return not (char == "和" and text[position:position + 1] == "国") and text[position - 2:position] not in \
            _nouns_ending_in_stops() and text[position - 1:position + 1] not in _nouns_starting_with_stops()
    return position in word_ends


def scan_left(analysis: Analysis, end: int, blocked: list[tuple[int, int]] | SpanIndex,
              stop_kinds: tuple[str, ...] = ()) -> int:
    """The start of a name that ends at ``end``: leftwards up to a boundary or a blocked span.

    ``stop_kinds`` name lexicon kinds whose words end a name when they end at a position
    (a venue's ending before another venue's name).
    """
    # The lookups each step needs, fetched once per scan: every organisation and venue ending is scanned from.
    text, inner = analysis.text, _inner_positions(analysis)
    word_ends = analysis.hits.end_places(BOUNDARY_KINDS, 2)
    stops = analysis.hits.end_places(stop_kinds, 1) if stop_kinds else frozenset()
    blocked_at = blocked.overlaps if isinstance(blocked, SpanIndex) else partial(_overlaps_list, blocked)
    nouns, nouns_after = _nouns_ending_in_stops(), _nouns_starting_with_stops()
    start = end
    while start > 0 and end - start < _MAX_LENGTH:
        char = text[start - 1]  # _boundary inlined (this loop runs for every character), with joined fields
        if not ("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or char.isalpha()) or char in QUOTES:
            break
        joined = False
        if start not in inner and char in _STOP_CHARS:
            joined = char in _JOINING and joins_two_fields(analysis, start - 1, end)
            if not (joined or (char == "和" and text[start:start + 1] == "国") or text[start - 2:start] in nouns
                    or (start < end and text[start - 1:start + 1] in nouns_after)):
                return _past_a_word_begun(text, start, end)
        elif start not in inner and start in word_ends:
            break
        if blocked_at(start - 1, start) or (start < end and start in stops):
            break
        if joined:  # the first field ends where a name does (应急管理部|会同国家粮食和物资储备局)
            stops = stops | analysis.hits.end_places(_BODY_NAME_KINDS, 2)
        start -= 1
    return start


def _past_a_word_begun(text: str, start: int, end: int) -> int:
    """Where a name stopped at a function character starts: past the common noun that character begins with the
    name's first character, when that noun is commoner than the word the name would begin with (判决被告|上海某某公司,
    not 告上海某某公司; but 从中|船集团 and 在内|蒙古科技大学 stay whole: 从中 and 在内 are no nouns)."""
    frequency, tag = _dictionary_words().get(text[start - 1:start + 1], (0, ""))
    if start + 1 < end and tag in _NOUN_TAGS and frequency > max(COMMON_WORD, word_frequency(text[start:start + 2])):
        return start + 1
    return start


# Bodies named after two fields joined by 和 or 与 end so (发展和改革委员会, 人力资源和社会保障局, 工业和信息化部,
# 中国物流与采购联合会); the fields are plain words, two to six characters on the right.
_JOINING: Final = "和与"
_FIELD_BODY_ENDINGS: Final = ("委员会", "联合会", "办公室", "协会", "委", "局", "部", "厅", "署")
_FIELD_LENGTHS: Final = range(2, 7)
_BODY_NAME_KINDS: Final = ("org_suffix", "org_form")
_NOT_A_FIELD_END: Final = (*_BODY_NAME_KINDS, "division", "country")


def joins_two_fields(analysis: Analysis, position: int, end: int) -> bool:
    """Whether the 和 or 与 at ``position`` joins two fields inside a body's name that ends by ``end``.

    Not when a name or a place ends before it or begins after it (区委和区政府, 商务委和发改委).

    >>> from loaders.extraction.pipeline import analyse_text
    >>> analysis = analyse_text("区发展和改革委员会、区委和区政府", until="sentences")
    >>> joins_two_fields(analysis, 3, 6), joins_two_fields(analysis, 12, 14)
    (True, False)
    """
    text, hits = analysis.text, analysis.hits
    if not _plain_words(text[position - 2:position]) or hits.ends_at(_NOT_A_FIELD_END, position) \
            or hits.starts_at(_NOT_A_FIELD_END, position + 1):
        return False
    for length in _FIELD_LENGTHS:
        body = position + 1 + length
        if body > end:
            break
        if not _plain_words(text[position + 1:body]):
            return False
        if text.startswith(_FIELD_BODY_ENDINGS, body):
            return True
    return False


def _plain_words(characters: str) -> bool:
    """Whether ``characters`` are two or more Chinese characters, none a function character unless in a noun
    (经济 of 经济和信息化委员会)."""
    if len(characters) < 2 or not all(map(is_han, characters)):
        return False
    nouns = _nouns_with_stops()
    return all(c not in _STOP_CHARS or characters[max(0, i - 1):i + 1] in nouns or characters[i:i + 2] in nouns
               for i, c in enumerate(characters))


def shortest_body_name(ending: str) -> int:
    """How long a body's name with this ending is at the least: two characters before a one-character ending
    (教育局, not 该局), one before a longer one (区科协, 区委员会).

    >>> shortest_body_name("局"), shortest_body_name("工商联")
    (3, 4)
    """
    return len(ending) + (2 if len(ending) == 1 else 1)


def after_leading_verbs(analysis: Analysis, start: int, stem_end: int) -> int:
    """Past the verbs and adverbs a name read leftwards may begin with (做好|法学会, 进一步提升|政府,
    保卫|伊朗核设施), but not into a place the lexicons know (大连, which jieba tags as an adverb)."""
    text, hits = analysis.text, analysis.hits
    while start < stem_end:
        length = leading_non_name_word(text[start:min(stem_end, start + 5)])  # no word checked is longer
        if not length or hits.starts_at(("division", "country"), start, 2):
            break
        start += length
    return start


def inside_a_longer_word(text: str, start: int, end: int) -> bool:
    """Whether a word of jieba's dictionary begins before ``start`` and runs to ``end`` or past it: ``start:end``
    is part of it (中国 of 发展中国家, 海地 of 沿海地区; not 中国 of 中国人民, a word that begins with it).

    >>> inside_a_longer_word("发展中国家", 2, 4), inside_a_longer_word("沿海地区", 1, 3)
    (True, True)
    >>> inside_a_longer_word("中国人民", 0, 2)
    False
    """
    return any(word_frequency(text[before:after]) for before in range(max(0, start - 3), start)
               for after in range(end, min(len(text), end + 3) + 1) if after - before <= 6)


# What stands before a name read leftwards without being part of it: an ordinal of sessions (第八届中国法学会)
# and a time (目前德国政府).
_LEADING_MODIFIERS: Final = re.compile(
    "第[一二三四五六七八九十百零〇0-9]+[届次]|目前|当前|如今|此前|日前|近日|今天|昨天|明天|当天|今年|去年|明年|近年来")


def after_leading_modifiers(text: str, start: int, stem_end: int) -> int:
    """Past an ordinal of sessions or a time that a name read leftwards begins with; at ``stem_end`` when they
    are all its stem (第八届|理事会 names no body of its own).

    >>> text = "第八届中国法学会"
    >>> text[after_leading_modifiers(text, 0, 5):], after_leading_modifiers("第八届理事会", 0, 3)
    ('中国法学会', 3)
    """
    while (modifier := _LEADING_MODIFIERS.match(text, start, stem_end)) is not None:
        start = modifier.end()
    return start


def _overlaps_list(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return overlaps(start, end, spans)
