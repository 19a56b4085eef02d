"""Titles (职务) and the organisations they belong to.

A title mention is a core title from ``titles.yaml`` (书记, 副区长, 总统) with whatever
names its organisation just before it: a short form (区委, 国务院), a division and a form
(徐汇区委, 上海市委), a country (格鲁吉亚), or a full organisation name. Its ``org`` is the
canonical organisation: the prefix's, else the title's default resolved against the
publication's jurisdiction (副区长 in a district paper belongs to that district's
government).

Examples
--------
>>> from loaders.extraction.pipeline import analyse_text
>>> analysis = analyse_text("区委书记王明出席。副区长张红主持。", publication="徐汇报")
>>> [(t.text, t.attrs["org"]) for t in analysis.of("title")]
[('区委书记', '中共上海市徐汇区委员会'), ('副区长', '上海市徐汇区人民政府')]
>>> analysis = analyse_text("国务院总理王明、格鲁吉亚总统张红", publication="新闻联播")
>>> [(t.text, t.attrs["org"], t.attrs["person_class"]) for t in analysis.of("title")]
[('国务院总理', '中华人民共和国国务院', 'official'), ('格鲁吉亚总统', None, 'foreign_official')]
"""

from __future__ import annotations

from typing import Final

from loaders.document import Mention
from loaders.extraction.analysis import Analysis
from loaders.extraction.boundaries import (
    after_leading_modifiers,
    boundary_at,
    scan_left,
    shortest_body_name,
    word_frequency,
)
from loaders.extraction.divisions import Division
from loaders.extraction.lexicon import Hit
from loaders.extraction.persons import TRANSLITERATION_CHARS
from loaders.extraction.spans import is_han

__all__ = ["find_titles", "organization_of_form", "organization_of_kind"]

_DOMESTIC: Final = frozenset({"中", "中国", "我国", "中华人民共和国"})
_COVERING_KINDS: Final = ("event_noun", "org_suffix", "org_form", "venue_suffix")


def organization_of_kind(analysis: Analysis, spec: str, division: Division | None = None) -> str | None:
    """The canonical organisation of a kind spec (``party@区``, ``=国务院``) in a division.

    ``division`` is the division the text names; without it, the spec's level is taken
    from the publication's jurisdiction.
    """
    if spec.startswith("="):
        return spec[1:]
    kind, _, level = spec.partition("@")
    template = analysis.lexicon.org_kinds.get(kind)
    if template is None:
        return None
    divisions = analysis.lexicon.divisions
    if division is None:
        division = divisions.at_level(analysis.jurisdiction, level) if level else analysis.jurisdiction
    if division is None or division.level in ("国家", "特别行政区"):
        return None
    return template.format(name=division.org_name)


def organization_of_form(analysis: Analysis, form: Hit) -> tuple[int, str | None]:
    """Where an organisation short form starts (with a division before it) and its canonical name."""
    hits = analysis.hits
    division_hit = hits.longest_ending("division", form.start)
    if division_hit is None and form.start > 0:
        # 徐汇区委: the division's 区 is the form's first character.
        division_hit = hits.longest_ending("division", form.start + 1)
        if division_hit is not None and division_hit.end - division_hit.start < 2:
            division_hit = None
    spec = str(form.value)
    country = hits.longest_ending("country", form.start)
    if country is not None and country.text not in _DOMESTIC and country.end - country.start >= 2:
        # 俄罗斯国防部: another country's ministry, named as written.
        return country.start, analysis.text[country.start:form.end]
    if division_hit is None and not spec.startswith("=") and _unknown_place_before(analysis, form.start):
        return form.start, None
    if division_hit is not None and not spec.startswith("="):
        level = spec.partition("@")[2]
        division = division_hit.value
        if level and analysis.lexicon.divisions.at_level(division, level) is division:
            return division_hit.start, organization_of_kind(analysis, spec, division)
    return form.start, organization_of_kind(analysis, spec)


def _unknown_place_before(analysis: Analysis, position: int) -> bool:
    """``某某区委``: a name the lexicon does not know stands before a short form, so the form is not
    the publication's own (a verb such as 坚持 or 代表 before it is no name)."""
    text = analysis.text
    if position == 0 or not is_han(text[position - 1]) or boundary_at(analysis, position):
        return False
    return word_frequency(text[position - 2:position]) < 50


def _core_titles(analysis: Analysis) -> list[Hit]:
    """Title cores, leftmost-longest, without those inside a longer non-title word (常委会)."""
    hits = analysis.hits
    chosen: list[Hit] = []
    for hit in hits.of("title"):
        if chosen and hit.start < chosen[-1].end:
            continue
        if any(c.end > hit.end for kind in _COVERING_KINDS for c in hits.near(kind, hit.start, hit.start + 1)
               if c.start <= hit.start):
            continue
        chosen.append(hit)
    return chosen


def _prefix(analysis: Analysis, start: int) -> tuple[int, str | None, str | None]:
    """(prefix start, organisation, country) of what names a title's organisation before ``start``."""
    hits = analysis.hits
    form = hits.longest_ending("org_form", start)
    if form is not None:
        prefix_start, organization = organization_of_form(analysis, form)
        country = hits.longest_at("country", prefix_start)
        foreign = country.text if country is not None and country.text not in _DOMESTIC else None
        return prefix_start, organization or form.text, foreign
    division_org = hits.longest_ending("division_org", start)
    if division_org is not None:
        division = hits.longest_ending("division", division_org.start)
        if division is not None:
            spec = str(division_org.value)
            return division.start, organization_of_kind(analysis, spec, division.value), None
    country = hits.longest_ending("country", start)
    if country is not None and (country.end - country.start >= 2 or _stands_for_a_country(analysis.text, country)):
        return country.start, None, country.text
    return _named_prefix(analysis, start)


def _stands_for_a_country(text: str, abbreviation: Hit) -> bool:
    """Whether a country's one character before a title stands for the country (会见德总统, 中德总理), not for
    the last character of a transliterated name (奥朗德总统: two characters of one before it).

    >>> from loaders.extraction.lexicon import Hit
    >>> [_stands_for_a_country(text, Hit("country", 2, 3, "德", None)) for text in ("会见德总统", "奥朗德总统")]
    [True, False]
    """
    before = text[max(0, abbreviation.start - 2):abbreviation.start]
    return len(before) < 2 or not TRANSLITERATION_CHARS.issuperset(before)


def _named_prefix(analysis: Analysis, start: int) -> tuple[int, str | None, str | None]:
    """A full organisation name before a title (中央科技委员会主任, 某国议会上院议长)."""
    suffix = analysis.hits.longest_ending("org_suffix", start)
    if suffix is None:
        return start, None, None
    prefix_start = after_leading_modifiers(analysis.text, scan_left(analysis, suffix.start, []), suffix.start)
    name = analysis.text[prefix_start:start]
    if len(name) < shortest_body_name(suffix.text) or name in analysis.lexicon.not_orgs:
        return start, None, None
    country = analysis.hits.longest_at("country", prefix_start)
    if country is None or country.text in _DOMESTIC:  # 中国人民大学经济学院 is a body, 某国议会上院 a country's
        return prefix_start, name, None
    return prefix_start, None, country.text


def _split_form(analysis: Analysis, core: Hit) -> Hit:
    """``全国政协主席``: when an organisation form runs into the core, the core is what follows the form."""
    titles = analysis.lexicon.titles
    for form in analysis.hits.near("org_form", core.start, core.start):
        rest = analysis.text[form.end:core.end]
        if form.start < core.start < form.end < core.end and rest in titles:
            return Hit("title", form.end, core.end, rest, titles[rest])
    return core


# Where an envoy is posted, after 驻 (美国驻华大使, 新加坡驻沪总领事, 中国驻联合国代表): a short name of China or
# of a city that has consulates, or a country or a place the lexicons know.
_POSTED_IN: Final = frozenset("华沪京港澳穗渝蓉")


def _station_start(analysis: Analysis, start: int) -> int:
    """Where ``驻某地`` ends before a title starting at ``start`` begins (at 驻), else ``start``."""
    text, hits = analysis.text, analysis.hits
    if start >= 2 and text[start - 2] == "驻" and text[start - 1] in _POSTED_IN:
        return start - 2
    for kind in ("country", "division"):
        place = hits.longest_ending(kind, start)
        if place is not None and place.start > 0 and text[place.start - 1] == "驻":
            return place.start - 1
    return start


def _title_mention(analysis: Analysis, core: Hit, inherited: str | None) -> Mention:
    core = _split_form(analysis, core)
    spec = str(core.value)
    prefix_start, organization, country = _prefix(analysis, _station_start(analysis, core.start))
    if organization is None and country is None:
        organization = organization_of_kind(analysis, spec) if spec not in ("none", "foreign", "other") else None
        if organization is None and spec == "none":
            organization = inherited
    foreign = spec == "foreign" or (country is not None and country not in _DOMESTIC)
    person_class = "foreign_official" if foreign else ("other" if spec == "other" else "official")
    if foreign:
        organization = None
    return Mention("title", prefix_start, core.end, analysis.text[prefix_start:core.end], {
        "core": core.text, "org": organization, "person_class": person_class,
        "country": country, "prefixed": prefix_start < core.start,
    })


def find_titles(analysis: Analysis) -> Analysis:
    """Stage: title mentions, each with its canonical organisation and the class it gives."""
    text = analysis.text
    previous: Mention | None = None
    for core in _core_titles(analysis):
        chained = previous is not None and text[previous.end:core.start] in ("", "、", "兼")
        inherited = previous.attrs["org"] if chained and previous is not None else None
        mention = _title_mention(analysis, core, inherited)
        if previous is not None and mention.start < previous.end:
            continue
        previous = analysis.add_mention(mention)
    return analysis
