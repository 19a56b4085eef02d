"""The lexicons of extraction, loaded once, and one Aho-Corasick automaton over all of them.

The data files live in ``loaders/lexicons/`` (surnames, titles, organisation forms and
endings, venue endings, event nouns and verbs, role verbs, cues, administrative
divisions). :func:`load_lexicon` reads them on first use and builds a single
Aho-Corasick automaton (``ahocorasick_rs``), so one pass over an article finds every lexicon word in it;
:meth:`Lexicon.scan` returns those hits indexed by kind and by start and end offset.

Examples
--------
>>> lexicon = load_lexicon()
>>> hits = lexicon.scan("区委书记出席会议")
>>> [(h.start, h.end, h.text) for h in hits.of("title")]
[(2, 4, '书记')]
>>> sorted(h.text for h in hits.of("role_verb"))
['出席']
>>> "王" in lexicon.surnames and "欧阳" in lexicon.compound_surnames
True
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from operator import itemgetter
from pathlib import Path
from typing import Any, Final, NamedTuple, cast

import ahocorasick_rs

from dkg.yamltext import load_yaml
from loaders.extraction.divisions import Divisions, load_divisions

__all__ = ["LEXICON_DIR", "Hit", "Hits", "HitsAt", "Lexicon", "load_lexicon", "text_order"]

LEXICON_DIR: Final = Path(str(resources.files("loaders"))) / "lexicons"  # the package, not __file__: see loaders.native


class Hit(NamedTuple):
    """One lexicon word found in a text: ``text[start:end]`` is ``text``, of ``kind``.

    A named tuple, made faster than a frozen dataclass (a long text has hundreds of thousands).
    """

    kind: str
    start: int
    end: int
    text: str
    value: Any = None


class HitsAt(Mapping[tuple[str, int], tuple[Hit, ...]]):
    """The hits of a :class:`Hits` by ``(kind, offset)`` where they start (or end); read only.

    Each kind's table is built on first use. A place holds the number of its hit in the
    kind's list (a tuple of numbers when several hits meet there): numbers, which the
    garbage collector does not track, so the index of a long text does not slow every
    collection.
    """

    def __init__(self, by_kind: dict[str, list[Hit]], field_number: int) -> None:
        self._by_kind = by_kind
        self._field = field_number
        self._tables: dict[str, dict[int, int | tuple[int, ...]]] = {}

    def _table(self, kind: str) -> dict[int, int | tuple[int, ...]]:
        table = self._tables.get(kind)
        if table is None:
            table = {}
            field_number = self._field
            for number, hit in enumerate(self._by_kind.get(kind, ())):
                offset = cast(int, hit[field_number])
                there = table.get(offset)
                if there is None:
                    table[offset] = number
                else:
                    table[offset] = (*there, number) if isinstance(there, tuple) else (there, number)
            self._tables[kind] = table
        return table

    def get(self, key: tuple[str, int], default: Any = None) -> Any:
        kind, offset = key
        there = self._table(kind).get(offset)
        if there is None:
            return default
        hits = self._by_kind[kind]
        return tuple(hits[number] for number in there) if isinstance(there, tuple) else (hits[there],)

    def __getitem__(self, key: tuple[str, int]) -> tuple[Hit, ...]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return iter([(kind, offset) for kind in list(self._by_kind) for offset in self._table(kind)])

    def __len__(self) -> int:
        return sum(len(self._table(kind)) for kind in list(self._by_kind))


@dataclass
class Hits:
    """The lexicon words found in one text (``length`` characters), by kind and by where they start and end."""

    by_kind: dict[str, list[Hit]]
    length: int
    starting: HitsAt = field(init=False, repr=False)
    ending: HitsAt = field(init=False, repr=False)

    ordered: dict[str, list[Hit]] = field(default_factory=dict, repr=False)
    starts: dict[str, list[int]] = field(default_factory=dict, repr=False)
    longest: dict[str, int] = field(default_factory=dict, repr=False)
    masks: dict[tuple[tuple[str, ...], int], bytearray] = field(default_factory=dict, repr=False)
    places: dict[tuple[tuple[str, ...], int, int], frozenset[int]] = field(default_factory=dict, repr=False)
    across: dict[tuple[tuple[str, ...], int], frozenset[int]] = field(default_factory=dict, repr=False)
    longest_by_place: dict[tuple[str, int], dict[int, Hit]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.starting, self.ending = HitsAt(self.by_kind, 1), HitsAt(self.by_kind, 2)

    def longest_of(self, kind: str) -> int:
        """The length of the longest hit of ``kind`` (0 when there is none)."""
        if kind not in self.longest:
            self.longest[kind] = max((hit.end - hit.start for hit in self.by_kind.get(kind, ())), default=0)
        return self.longest[kind]

    def of(self, kind: str) -> list[Hit]:
        """The hits of one kind, in text order (longest first at one start); sorted once."""
        if kind not in self.ordered:
            self.ordered[kind] = text_order(self.by_kind.get(kind, []), _START, _END)
        return self.ordered[kind]

    def of_words(self, kind: str, words: frozenset[str]) -> list[Hit]:
        """The hits of ``kind`` that are one of ``words``, in the order of :meth:`of` (without sorting every hit).

        Examples
        --------
        >>> [(h.start, h.text) for h in load_lexicon().scan("王明表示，李红表示同意").of_words("follower", {"表示"})]
        [(2, '表示'), (7, '表示')]
        """
        return text_order([hit for hit in self.by_kind.get(kind, ()) if hit[3] in words], _START, _END)

    def within(self, kind: str, start: int, end: int) -> list[Hit]:
        """The hits of ``kind`` that start in ``start:end``, in the order of :meth:`of`."""
        if kind not in self.starts:
            self.starts[kind] = [hit.start for hit in self.of(kind)]
        starts = self.starts[kind]
        return self.of(kind)[bisect_left(starts, start):bisect_left(starts, end)]

    def starting_in(self, kind: str, low: int, high: int) -> list[Hit]:
        """The hits of ``kind`` that start in ``low:high``, in the order of :meth:`of` (as :meth:`within`)."""
        return self.within(kind, low, high)

    def near(self, kind: str, start: int, end: int) -> list[Hit]:
        """The hits of ``kind`` that may cover ``start:end`` or a part of it: those starting within
        the kind's longest word before ``end`` (every hit that overlaps the span is among them)."""
        return self.starting_in(kind, start - self.longest_of(kind) + 1, end)

    def covered(self, kinds: tuple[str, ...], min_length: int = 1) -> bytearray:
        """A mark (1) on every character inside a hit of ``kinds`` at least ``min_length`` long.

        Examples
        --------
        >>> hits = load_lexicon().scan("出席会议")
        >>> [hits.covers(("role_verb",), position, 2) for position in range(4)]
        [True, True, False, False]
        """
        key = (kinds, min_length)
        mask = self.masks.get(key)
        if mask is None:
            mask = self.masks[key] = bytearray(self.length)
            for kind in kinds:
                for hit in self.by_kind.get(kind, ()):
                    start, end = hit[1], hit[2]
                    if end - start >= min_length:
                        mask[start:end] = _MARKS[end - start] if end - start < len(_MARKS) else b"\x01" * (end - start)
        return mask

    def _places(self, kinds: tuple[str, ...], field_number: int, min_length: int) -> frozenset[int]:
        """Where the hits of ``kinds`` at least ``min_length`` long start (``field_number`` 1) or end (2)."""
        key = (kinds, field_number, min_length)
        places = self.places.get(key)
        if places is None:
            places = frozenset(cast(int, hit[field_number]) for kind in kinds for hit in self.by_kind.get(kind, ())
                               if hit[2] - hit[1] >= min_length)
            self.places[key] = places
        return places

    def end_places(self, kinds: tuple[str, ...], min_length: int = 1) -> frozenset[int]:
        """Where the hits of ``kinds`` at least ``min_length`` long end (for a loop that asks many times)."""
        return self._places(kinds, 2, min_length)

    def runs_across(self, kinds: tuple[str, ...], position: int, reach: int) -> bool:
        """Whether a hit of ``kinds`` starting at most ``reach`` characters before ``position`` runs past it.

        Examples
        --------
        >>> hits = load_lexicon().scan("出席会议")
        >>> [hits.runs_across(("role_verb",), position, 4) for position in range(4)]
        [False, True, False, False]
        """
        key = (kinds, reach)
        places = self.across.get(key)
        if places is None:
            # start in [position - reach, position) and end > position: position in (start, start + reach], < end
            found: set[int] = set()
            for kind in kinds:
                for hit in self.by_kind.get(kind, ()):
                    start, end = hit[1], hit[2]
                    if end - start > 1:  # most hits are one character and run across nothing
                        found.update(range(start + 1, min(end, start + reach + 1)))
            places = self.across[key] = frozenset(found)
        return position in places

    def starts_at(self, kinds: tuple[str, ...], position: int, min_length: int = 1) -> bool:
        """Whether a hit of ``kinds``, at least ``min_length`` long, starts at ``position``."""
        return position in self._places(kinds, 1, min_length)

    def ends_at(self, kinds: tuple[str, ...], position: int, min_length: int = 1) -> bool:
        """Whether a hit of ``kinds``, at least ``min_length`` long, ends at ``position``."""
        return position in self._places(kinds, 2, min_length)

    def covers(self, kinds: tuple[str, ...], position: int, min_length: int = 1) -> bool:
        """Whether a hit of ``kinds``, at least ``min_length`` long, covers ``position``."""
        mask = self.covered(kinds, min_length)
        return 0 <= position < len(mask) and mask[position] == 1

    def covers_any(self, kinds: tuple[str, ...], start: int, end: int, min_length: int = 1) -> bool:
        """Whether a hit of ``kinds``, at least ``min_length`` long, covers a character of ``start:end``."""
        return self.covered(kinds, min_length).find(1, max(start, 0), max(end, 0)) >= 0

    def longest_at(self, kind: str, start: int) -> Hit | None:
        """The longest hit of ``kind`` starting at ``start`` (the first found of equals)."""
        return self._longest(kind, 1).get(start)

    def longest_ending(self, kind: str, end: int) -> Hit | None:
        """The longest hit of ``kind`` ending at ``end`` (the first found of equals)."""
        return self._longest(kind, 2).get(end)

    def _longest(self, kind: str, field_number: int) -> dict[int, Hit]:
        """Place → the longest hit of ``kind`` starting (``field_number`` 1) or ending (2) there; built once."""
        key = (kind, field_number)
        table = self.longest_by_place.get(key)
        if table is None:
            table = {}
            for hit in self.by_kind.get(kind, ()):
                place = cast(int, hit[field_number])
                kept = table.get(place)
                if kept is None or hit[2] - hit[1] > kept[2] - kept[1]:
                    table[place] = hit
            self.longest_by_place[key] = table
        return table


_START, _END = itemgetter(1), itemgetter(2)
_MARKS: Final = tuple(b"\x01" * length for length in range(32))  # a hit's mark in a mask, made once


def text_order(items: list[Any], start: Callable[[Any], int], end: Callable[[Any], int]) -> list[Any]:
    """``items`` by start, the longest first at one start, else in their order: sorted by ``(start, -end)``.

    Two stable sorts on C-level keys instead of one on a tuple made per item (a long text has many hits).

    Examples
    --------
    >>> text_order([(0, 2, 3), (1, 0, 1), (2, 0, 4)], itemgetter(1), itemgetter(2))
    [(2, 0, 4), (1, 0, 1), (0, 2, 3)]
    """
    ordered = sorted(items, key=end, reverse=True)
    ordered.sort(key=start)
    return ordered


def _words(name: str) -> list[str]:
    """The words of a plain lexicon file: whitespace-separated, ``#`` starts a comment."""
    words = []
    for line in (LEXICON_DIR / name).read_text(encoding="utf-8").splitlines():
        words.extend(line.split("#", 1)[0].split())
    return words


def _yaml(name: str) -> dict[str, Any]:
    return load_yaml((LEXICON_DIR / name).read_text(encoding="utf-8"))


@dataclass
class Lexicon:
    """Every lexicon of extraction, and the automaton that finds their words."""

    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    titles: dict[str, str]
    after_name_titles: frozenset[str]
    org_kinds: dict[str, str]
    org_suffix_kinds: dict[str, str]
    org_forms: dict[str, str]
    event_nouns: dict[str, str]
    event_verbs: dict[str, str]
    not_names: frozenset[str]
    not_orgs: frozenset[str]
    countries: frozenset[str]
    divisions: Divisions
    automaton: Any = None
    entries: list[tuple[tuple[str, str, Any], ...]] = field(default_factory=list)  # by the automaton's word number

    def scan(self, text: str) -> Hits:
        """Every lexicon word in ``text``, in one pass of the automaton, filed by kind as found.

        Found by where they end, the longest first at one end, as Aho-Corasick reports them.
        """
        new = tuple.__new__  # a Hit without the Python-level __new__ of a named tuple
        by_kind: dict[str, list[Hit]] = defaultdict(list)
        entries = self.entries
        for number, start, end in self.automaton.find_matches_as_indexes(text, overlapping=True):
            for kind, word, value in entries[number]:
                by_kind[kind].append(new(Hit, (kind, start, end, word, value)))
        return Hits(by_kind, len(text))


def _entries(lexicon: Lexicon) -> dict[str, list[tuple[str, str, Any]]]:
    """Word → the (kind, word, value) entries the automaton reports for it."""
    table: dict[str, list[tuple[str, str, Any]]] = defaultdict(list)

    def add(kind: str, words: Any, values: dict[str, Any] | None = None) -> None:
        for word in words:
            if word:  # an automaton takes no empty word
                table[word].append((kind, word, (values or {}).get(word)))

    add("title", lexicon.titles, lexicon.titles)
    titles = _yaml("titles.yaml")
    add("collective", titles["collective"])
    add("journalist_label", titles.get("journalists", []))
    add("org_form", lexicon.org_forms, lexicon.org_forms)
    add("org_suffix", _words("org_suffixes.txt"))
    add("division_org", lexicon.org_suffix_kinds, lexicon.org_suffix_kinds)
    add("venue_suffix", _words("venue_suffixes.txt"))
    add("event_noun", lexicon.event_nouns, lexicon.event_nouns)
    add("event_verb", lexicon.event_verbs, lexicon.event_verbs)
    add("role_verb", _words("role_verbs.txt"))
    add("cue", _words("mentioned_cues.txt"))
    add("cue_before", _words("cited_before.txt"))
    add("follower", _words("name_followers.txt"))
    add("country", lexicon.countries)
    add("region", _words("world_regions.txt"))
    add("division", lexicon.divisions.by_name, lexicon.divisions.by_name)
    return table


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicons, read and compiled once per process."""
    surnames = _words("surnames.txt")
    titles = _yaml("titles.yaml")
    forms = _yaml("org_forms.yaml")
    events = _yaml("event_nouns.yaml")
    lexicon = Lexicon(
        surnames=frozenset(s for s in surnames if len(s) == 1),
        compound_surnames=frozenset(s for s in surnames if len(s) == 2),
        titles={str(k): str(v) for k, v in titles["titles"].items()},
        after_name_titles=frozenset(titles["after_name"]),
        org_kinds=forms["kinds"],
        org_suffix_kinds=forms["suffixes"],
        org_forms=forms["forms"],
        event_nouns=events["nouns"],
        event_verbs=events["verbs"],
        not_names=frozenset(_words("not_names.txt")),
        not_orgs=frozenset(_words("not_orgs.txt")),
        countries=frozenset(_words("countries.txt")),
        divisions=load_divisions(_yaml("divisions.yaml")),
    )
    table = _entries(lexicon)
    # The Rust automaton: pyahocorasick's trie searches a node's children one by one, and
    # the root has a child per first character of ~1,900 words (4x slower over an article).
    lexicon.automaton = ahocorasick_rs.AhoCorasick(list(table))
    lexicon.entries = [tuple(entries) for entries in table.values()]
    return lexicon
