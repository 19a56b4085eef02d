"""Person keys: which (name, jurisdiction) node a name in an article stands for.

Keys, not clustering, so the answer does not depend on the order articles come in:

1. a journalist belongs to the publication (``(张三, 徐汇报)``);
2. a person the article gives a post belongs to the jurisdiction of that post's
   organisation (国务院总理 → 中华人民共和国; 区委书记 in a Xuhui paper → 上海市徐汇区;
   斯里兰卡总统 → 斯里兰卡); posts of one name read together in one article (中共中央政治局委员、
   上海市委书记) join their jurisdictions, and the most containing one names the node;
3. a bare name goes to the jurisdiction where the same name holds a post and which
   contains the publication's (the country contains every district), when there is
   exactly one; else to the one inside it, when exactly one; else, when the only posts of
   the name are abroad, to that country; else to the publication's jurisdiction.

What decides it is gathered over the whole ingest and the store first (:meth:`PersonKeys.observe`,
:meth:`PersonKeys.stored`), then :meth:`PersonKeys.finish` fixes the groups, and
:meth:`PersonKeys.key` answers. Corrections win: a name given a jurisdiction, persons
stated the same or different.

Examples
--------
>>> from loaders.resolution.jurisdictions import load_jurisdictions
>>> keys = PersonKeys(load_jurisdictions())
>>> titled = Sighting("李某", "中华人民共和国", "新闻联播", frozenset({("中华人民共和国国务院", "国务院总理")}))
>>> bare = Sighting("李某", "上海市徐汇区", "徐汇报")
>>> keys.observe(titled, "official"); keys.observe(bare, "mentioned")
>>> keys.finish()
>>> keys.key(titled), keys.key(bare)
(('李某', '中华人民共和国'), ('李某', '中华人民共和国'))
>>> keys.person_class(("李某", "中华人民共和国"))
'official'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from loaders.resolution.corrections import Corrections, PersonKey
from loaders.resolution.jurisdictions import Jurisdictions
from loaders.resolution.names import ConstrainedUnion

__all__ = ["CLASS_STRENGTH", "PersonKeys", "Sighting", "StoredPerson", "stronger_class"]

# The class a person keeps when articles disagree: the strongest seen.
CLASS_STRENGTH = {"mentioned": 0, "journalist": 1, "other": 2, "official": 3, "foreign_official": 4}


def stronger_class(first: str | None, second: str | None) -> str | None:
    """The stronger of two person classes (None is weakest)."""
    if first is None:
        return second
    if second is None:
        return first
    return max(first, second, key=lambda c: (CLASS_STRENGTH.get(c, -1), c))


@dataclass(frozen=True)
class Sighting:
    """What one article says about one name that bears on its key."""

    name: str
    publication: str  # the publication's jurisdiction
    outlet: str = ""  # the publication's name (a journalist's node)
    posts: frozenset[tuple[str, str]] = frozenset()  # (organisation or "", title as written)
    journalist: bool = False
    foreign: bool = False


@dataclass(frozen=True)
class StoredPerson:
    """A person node the store holds: its key, class and posts (organisation, title)."""

    name: str
    jurisdiction: str
    person_class: str | None = None
    posts: tuple[tuple[str, str], ...] = ()


@dataclass
class PersonKeys:
    """Person keys over one ingest and the store; fill, :meth:`finish`, then ask."""

    jurisdictions: Jurisdictions
    corrections: Corrections = field(default_factory=Corrections)
    sightings: dict[Sighting, str | None] = field(default_factory=dict)
    held: dict[PersonKey, StoredPerson] = field(default_factory=dict)
    canonical: dict[PersonKey, PersonKey] = field(default_factory=dict)
    posted: dict[str, set[PersonKey]] = field(default_factory=lambda: defaultdict(set))
    classes: dict[PersonKey, str] = field(default_factory=dict)
    aliases: dict[PersonKey, list[str]] = field(default_factory=dict)
    apart: set[frozenset[PersonKey]] = field(default_factory=set)
    _post_places: dict[Sighting, frozenset[str]] = field(default_factory=dict)
    _organization: Callable[[str], str] = field(default=str)  # the name as it is, until :meth:`finish`

    def observe(self, sighting: Sighting, person_class: str | None) -> None:
        self.sightings[sighting] = stronger_class(self.sightings.get(sighting), person_class)

    def stored(self, person: StoredPerson) -> None:
        key = (person.name, person.jurisdiction)
        known = self.held.get(key)
        if known is not None:
            person = StoredPerson(person.name, person.jurisdiction,
                                  stronger_class(known.person_class, person.person_class),
                                  tuple(sorted({*known.posts, *person.posts})))
        self.held[key] = person

    def names(self) -> set[str]:
        return {s.name for s in self.sightings} | self.corrections.names()

    def post_places(self, sighting: Sighting) -> frozenset[str]:
        """The jurisdictions of the posts a sighting gives."""
        if sighting not in self._post_places:
            found = {self.jurisdictions.of_post(self._organization(org) if org else None, title, sighting.foreign)
                     for org, title in sighting.posts}
            self._post_places[sighting] = frozenset(found - {None})
        return self._post_places[sighting]

    def _stored_places(self, person: StoredPerson) -> set[str]:
        return {p for org, title in person.posts if (p := self.jurisdictions.of_post(org or None, title))}

    def finish(self, organization: Callable[[str], str] | None = None) -> None:
        """Fix the groups of keys; ``organization`` maps an organisation to its canonical name."""
        if organization is not None:
            self._organization = organization
        groups = ConstrainedUnion(self.corrections.different_persons)
        for keep, merged in self.corrections.same_persons:
            for other in merged:
                groups.union(keep, other)
        for pair in sorted(self._stored_pairs()) + sorted(self._sighted_pairs()):
            groups.union(*pair)
        self._name_groups(groups)
        self.apart = {frozenset((self.resolve(a), self.resolve(b))) for a, b in self.corrections.different_persons}
        self._collect_posted()
        self._collect_classes()

    def _stored_pairs(self) -> set[tuple[PersonKey, PersonKey]]:
        return {((p.name, p.jurisdiction), (p.name, place)) for p in self.held.values()
                for place in self._stored_places(p) if place != p.jurisdiction}

    def _sighted_pairs(self) -> set[tuple[PersonKey, PersonKey]]:
        pairs = set()
        for sighting in self.sightings:
            places = self.post_places(sighting)
            if len(places) > 1:
                top = self.jurisdictions.top(places)
                pairs |= {((sighting.name, top), (sighting.name, p)) for p in places if p != top}
        return pairs

    def _name_groups(self, groups: ConstrainedUnion) -> None:
        keeps = [keep for keep, _ in self.corrections.same_persons]
        self.canonical, self.aliases = {}, {}
        for members in groups.groups().values():
            chosen = next((k for k in keeps if k in members), None)
            chosen = chosen or self._top([m for m in members if m in self.held] or members)
            self.canonical.update({m: chosen for m in members})
            others = sorted({m[0] for m in members} - {chosen[0]})
            if others:
                self.aliases[chosen] = others

    def _top(self, keys: Iterable[PersonKey]) -> PersonKey:
        return min(keys, key=lambda k: (self.jurisdictions.rank(k[1]), k[1], k[0]))

    def resolve(self, key: PersonKey) -> PersonKey:
        return self.canonical.get(key, key)

    def _collect_posted(self) -> None:
        self.posted = defaultdict(set)
        for sighting in self.sightings:
            places = self.post_places(sighting)
            if places and not sighting.journalist:
                self.posted[sighting.name].add(self.resolve((sighting.name, self.jurisdictions.top(places))))
        for key, person in self.held.items():
            if self._stored_places(person):  # as for a sighting: a post whose jurisdiction is known
                self.posted[key[0]].add(self.resolve(key))

    def _collect_classes(self) -> None:
        self.classes = {}
        for key, person in self.held.items():
            self._strengthen(self.resolve(key), person.person_class)
        for sighting, person_class in self.sightings.items():
            self._strengthen(self.key(sighting), person_class)

    def _strengthen(self, key: PersonKey, person_class: str | None) -> None:
        found = stronger_class(self.classes.get(key), person_class)
        if found is not None:
            self.classes[key] = found

    def key(self, sighting: Sighting) -> PersonKey:
        """The (name, jurisdiction) of the node a sighting stands for."""
        name = sighting.name
        if name in self.corrections.person_jurisdictions:
            return self.resolve((name, self.corrections.person_jurisdictions[name]))
        if sighting.journalist:
            return self.resolve((name, sighting.outlet or sighting.publication))
        places = self.post_places(sighting)
        if places:
            return self.resolve((name, self.jurisdictions.top(places)))
        return self._lifted(sighting)

    def _lifted(self, sighting: Sighting) -> PersonKey:
        """A bare name: a namesake's jurisdiction that contains (or lies inside) the publication's, if one."""
        own = self.resolve((sighting.name, sighting.publication))
        covers = self.jurisdictions.covers
        candidates = sorted(k for k in self.posted.get(sighting.name, ()) if frozenset((own, k)) not in self.apart)
        containing = [k for k in candidates if covers(k[1], sighting.publication)]
        inside = [k for k in candidates if covers(sighting.publication, k[1])]
        abroad = [k for k in candidates if self.jurisdictions.is_foreign(k[1])]
        if sighting.foreign and len(abroad) == 1:
            return abroad[0]
        for found in (containing, [] if containing else inside, [] if containing or inside else abroad):
            if len(found) == 1:
                return found[0]
        return own

    def person_class(self, key: PersonKey) -> str | None:
        return self.classes.get(key)

    def is_apart(self, first: PersonKey, second: PersonKey) -> bool:
        return frozenset((self.resolve(first), self.resolve(second))) in self.apart
