"""Administrative divisions: which district a paper speaks for, and how its organisations are named.

``divisions.yaml`` lists provinces, municipalities and the districts of the larger cities.
A :class:`Division` knows its level (省, 市, 区, 县), its parents and the name its
organisations carry (``上海市徐汇区`` in 中共上海市徐汇区委员会). :meth:`Divisions.jurisdiction`
maps a document's jurisdiction or publication (徐汇报) to a division.

Examples
--------
>>> from loaders.extraction.lexicon import load_lexicon
>>> divisions = load_lexicon().divisions
>>> xuhui = divisions.jurisdiction(None, "徐汇报")
>>> xuhui.name, xuhui.org_name, xuhui.level
('徐汇区', '上海市徐汇区', '区')
>>> divisions.at_level(xuhui, "市").name
'上海市'
>>> divisions.jurisdiction(None, "新闻联播").name
'中华人民共和国'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

__all__ = ["Division", "Divisions", "load_divisions", "short_name"]

# Longest first, so 自治区 is cut before 区.
_LEVEL_SUFFIXES: Final = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "新区", "地区",
                          "省", "市", "区", "县")
_PUBLICATION_ENDINGS: Final = ("日报", "晚报", "时报", "周报", "新闻", "报")


def short_name(name: str) -> str:
    """A division's name without its level suffix (上海市 → 上海), or the name when too short.

    Examples
    --------
    >>> short_name("徐汇区"), short_name("浦东新区"), short_name("忠县"), short_name("广西壮族自治区")
    ('徐汇', '浦东', '忠县', '广西')
    """
    for suffix in _LEVEL_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class Division:
    """One administrative division."""

    name: str
    level: str
    org_name: str
    parent: str | None = None
    province: str | None = None


@dataclass
class Divisions:
    """Every division, by full and short name."""

    by_name: dict[str, Division] = field(default_factory=dict)
    national: Division | None = None
    national_publications: frozenset[str] = frozenset()

    def add(self, division: Division) -> None:
        for name in (division.name, short_name(division.name)):
            # A short name shared by two divisions (朝阳区 in Beijing and Changchun) keeps the first.
            self.by_name.setdefault(name, division)

    def at_level(self, division: Division | None, level: str) -> Division | None:
        """The division of ``level`` that contains (or is) ``division``."""
        while division is not None:
            if division.level == level or (level in ("市", "省") and division.level == "直辖市"):
                return division
            if level == "区" and division.level == "县":
                return division
            division = self.by_name.get(division.parent) if division.parent else None
        return None

    def jurisdiction(self, jurisdiction: str | None, publication: str | None) -> Division | None:
        """The division a document speaks for: its stated jurisdiction, else its publication's."""
        if jurisdiction:
            for candidate in (jurisdiction, *(jurisdiction[i:] for i in range(1, len(jurisdiction) - 1))):
                if candidate in self.by_name and self.by_name[candidate].org_name in jurisdiction:
                    return self.by_name[candidate]
        if not publication:
            return None
        if publication in self.national_publications:
            return self.national
        stem = publication
        for ending in _PUBLICATION_ENDINGS:
            if stem.endswith(ending) and len(stem) > len(ending) + 1:
                stem = stem[: -len(ending)]
                break
        return self.by_name.get(stem)


def _add_city(divisions: Divisions, city: str, districts: list[str], province: str | None) -> None:
    level = "直辖市" if province is None else "市"
    divisions.add(Division(city, level, city, province, province))
    for district in districts or []:
        level = "县" if district.endswith("县") else "区"
        divisions.add(Division(district, level, city + district, city, province))


def load_divisions(raw: dict[str, Any]) -> Divisions:
    """Divisions from the parsed ``divisions.yaml``."""
    divisions = Divisions()
    for city, districts in raw.get("municipalities", {}).items():
        _add_city(divisions, city, districts, None)
    for province, cities in raw.get("provinces", {}).items():
        divisions.add(Division(province, "省", province))
        for city, districts in (cities or {}).items():
            _add_city(divisions, city, districts, province)
    for region in raw.get("special", []):
        divisions.add(Division(region, "特别行政区", region))
    national = raw.get("national", {})
    if national:
        divisions.national = Division(national["name"], "国家", national["name"])
        divisions.national_publications = frozenset(national.get("publications", []))
    return divisions
