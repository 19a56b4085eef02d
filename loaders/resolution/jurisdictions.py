"""Jurisdictions: where a publication, an organisation or a post belongs, and which contains which.

A jurisdiction is a plain string: a Chinese division as its organisations name it
(``上海市徐汇区``, ``上海市``, ``浙江省``), the country (``中华人民共和国``), a foreign
country (``斯里兰卡``), or, for a publication the divisions lexicon does not know, the
jurisdiction its metadata states or its name. The country contains every Chinese
division; a division contains the districts below it (上海市 contains 上海市徐汇区).

Examples
--------
>>> places = load_jurisdictions()
>>> places.of_publication(None, "徐汇报"), places.of_publication(None, "新闻联播")
('上海市徐汇区', '中华人民共和国')
>>> places.of_organization("中国人民政治协商会议上海市徐汇区委员会")
'上海市徐汇区'
>>> places.of_organization("中华人民共和国国务院"), places.of_organization("某某大学")
('中华人民共和国', None)
>>> places.of_post(None, "斯里兰卡总统"), places.of_post(None, "俄外长", foreign=True)
('斯里兰卡', '俄罗斯')
>>> places.covers("上海市", "上海市徐汇区"), places.covers("上海市徐汇区", "上海市")
(True, False)
>>> places.covers("中华人民共和国", "杭州市西湖区"), places.covers("中华人民共和国", "斯里兰卡")
(True, False)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, SupportsIndex

from dkg.yamltext import load_yaml
from loaders.extraction.divisions import Division, Divisions
from loaders.extraction.lexicon import LEXICON_DIR, load_lexicon

__all__ = ["Jurisdictions", "load_jurisdictions"]

# Organisations of the whole country: named from the centre (中共中央办公厅, 全国人大常委会).
_NATIONAL_PREFIXES = ("中华人民共和国", "中国", "中共中央", "中央", "全国", "国家", "国务院", "最高人民")
_NATIONAL_INSIDE = ("全国人大", "全国人民代表大会", "全国政协", "中共中央", "中央委员会")
_DOMESTIC = frozenset({"中国", "中华人民共和国", "中"})
_RANKS = {"国家": 0, "省": 1, "直辖市": 1, "特别行政区": 1, "市": 2, "区": 3, "县": 3}
UNKNOWN_RANK = 5


@dataclass
class Jurisdictions:
    """The divisions and countries a jurisdiction can be, with their containment."""

    divisions: Divisions
    countries: dict[str, str]
    short_countries: dict[str, str]
    by_org_name: dict[str, Division] = field(default_factory=dict)
    division_names: tuple[tuple[str, Division], ...] = ()
    foreign: frozenset[str] = frozenset()
    _organizations: dict[str, str | None] = field(default_factory=dict, repr=False)
    _title_divisions: dict[str, str | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        known = {d.org_name: d for d in self.divisions.by_name.values()}
        if self.divisions.national is not None:
            known[self.divisions.national.org_name] = self.divisions.national
        self.by_org_name = known
        names = {name: d for d in known.values() for name in (d.name, d.org_name) if len(name) >= 2}
        self.division_names = tuple(sorted(names.items(), key=lambda item: (-len(item[0]), item[0])))
        self.foreign = frozenset({*self.countries.values(), *self.short_countries.values()}) - _DOMESTIC

    def __reduce_ex__(self, protocol: SupportsIndex) -> str | tuple[Any, ...]:
        """The lexicons' jurisdictions are pickled as a call that loads them again: an ingest sends its
        knowledge to Dask workers, and the compiled divisions cannot be pickled."""
        if self is load_jurisdictions():
            return load_jurisdictions, ()
        return super().__reduce_ex__(protocol)

    @property
    def national(self) -> str:
        return self.divisions.national.org_name if self.divisions.national else "中华人民共和国"

    def of_publication(self, jurisdiction: str | None, publication: str | None) -> str:
        """A publication's jurisdiction: the division its metadata or its name tells, else as stated."""
        division = self.divisions.jurisdiction(jurisdiction, publication)
        if division is not None:
            return division.org_name
        return str(jurisdiction or publication or "")

    def country(self, text: str, foreign: bool = False) -> str | None:
        """The foreign country ``text`` starts with (``美国国务卿`` → 美国); one-character forms when ``foreign``."""
        for length in range(min(len(text), 12), 1, -1):
            found = self.countries.get(text[:length])
            if found is not None:
                return None if found in _DOMESTIC else found
        if foreign and len(text) > 1:
            return self.short_countries.get(text[0])
        return None

    def of_organization(self, name: str | None) -> str | None:
        """The jurisdiction of an organisation, read from its canonical name (None when it does not tell)."""
        if not name:
            return None
        if name not in self._organizations:
            self._organizations[name] = self._read_organization(name)
        return self._organizations[name]

    def _read_organization(self, name: str) -> str | None:
        country = self.country(name)
        if country is not None and not country.startswith("中"):  # 中非合作论坛 is bilateral, not 中非's
            return country
        found = [d for written, d in self.division_names if written in name]
        if found:
            deepest = min(found, key=lambda d: (-self.rank(d.org_name), -len(d.org_name), d.org_name))
            return deepest.org_name
        if name.startswith(_NATIONAL_PREFIXES) or any(marker in name for marker in _NATIONAL_INSIDE):
            return self.national
        return None

    def of_post(self, organization: str | None, title_as_written: str | None, foreign: bool = False) -> str | None:
        """The jurisdiction of a post: its organisation's, else the country or division its title names."""
        found = self.of_organization(organization)
        if found is None and title_as_written:
            found = self.country(title_as_written, foreign) or self._division_in_title(title_as_written)
        return found

    def _division_in_title(self, title: str) -> str | None:
        """The division a title begins with (each title read once: the scan goes over every division name)."""
        if title not in self._title_divisions:
            self._title_divisions[title] = self._read_division_in_title(title)
        return self._title_divisions[title]

    def _read_division_in_title(self, title: str) -> str | None:
        if title.startswith(("中国", "中华人民共和国")):
            return self.national
        for written, division in self.division_names:
            if title.startswith(written) and division.org_name != self.national:
                return division.org_name
        return None

    def rank(self, jurisdiction: str) -> int:
        """0 for a country, 1 for a province, 2 for a city, 3 for a district, 5 when unknown."""
        if jurisdiction == self.national or self.is_foreign(jurisdiction):
            return 0
        division = self.by_org_name.get(jurisdiction)
        return _RANKS.get(division.level, UNKNOWN_RANK) if division else UNKNOWN_RANK

    def is_foreign(self, jurisdiction: str) -> bool:
        return jurisdiction in self.foreign

    def covers(self, outer: str, inner: str) -> bool:
        """Whether ``outer`` is ``inner`` or contains it."""
        if outer == inner:
            return True
        division = self.by_org_name.get(inner)
        if division is None:
            return False
        if outer == self.national:
            return True
        while division is not None and division.parent:
            division = self.divisions.by_name.get(division.parent)
            if division is not None and division.org_name == outer:
                return True
        return False

    def top(self, jurisdictions: set[str] | frozenset[str]) -> str:
        """The most containing of some jurisdictions (the country before a province), ties by name."""
        return min(jurisdictions, key=lambda j: (self.rank(j), j))


@functools.lru_cache(maxsize=1)
def load_jurisdictions() -> Jurisdictions:
    """The jurisdictions of the lexicons (divisions, countries), built once per process."""
    lexicon = load_lexicon()
    writings = load_yaml((LEXICON_DIR / "country_writings.yaml").read_text(encoding="utf-8")) or {}
    countries = {name: name for name in lexicon.countries if len(name) >= 2}
    countries.update({str(k): str(v) for k, v in (writings.get("same") or {}).items()})
    short = {str(k): str(v) for k, v in (writings.get("short") or {}).items()}
    return Jurisdictions(lexicon.divisions, countries, short)
