"""The object the extraction stages share: one article and what has been read in it so far.

Each stage (:mod:`loaders.extraction.pipeline`) takes an :class:`Analysis`, adds what it
reads (sentences, mentions, persons, events, facts) and returns it. Mentions keep their
character offsets into the article's body, so every fact can cite its span and sentence.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from graph.model import Provenance
from loaders.document import Article, Fact, Mention
from loaders.extraction.divisions import Division
from loaders.extraction.lexicon import Hits, Lexicon, text_order

__all__ = ["Analysis", "EventDraft", "PersonRecord", "Sentence"]

_START, _END = attrgetter("start"), attrgetter("end")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the body: ``text[start:end]``."""

    start: int
    end: int


@dataclass
class PersonRecord:
    """What the article says of one person: mentions, classes seen, whether they act."""

    name: str
    mentions: list[Mention] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    cited_only: bool = True

    @property
    def person_class(self) -> str:
        """The class this article gives: journalist, else mentioned when only cited, else the strongest."""
        if "journalist" in self.classes:
            return "journalist"
        if self.cited_only:
            return "mentioned"
        for candidate in ("foreign_official", "official", "other"):
            if candidate in self.classes:
                return candidate
        return "other"


@dataclass
class EventDraft:
    """An event read in the article, before it becomes facts."""

    key: str
    type: str
    name: str
    anchor: Sentence
    trigger: Mention
    date: dt.date | None = None
    part_of_day: str | None = None
    venue: str | None = None
    sentences: list[Sentence] = field(default_factory=list)
    participants: dict[str, list[str]] = field(default_factory=dict)
    participant_mentions: dict[str, Mention] = field(default_factory=dict)
    organizers: list[tuple[str, str, Mention]] = field(default_factory=list)
    agreements: list[tuple[str, list[str], Mention]] = field(default_factory=list)


@dataclass
class Analysis:
    """One article under extraction."""

    article: Article
    lexicon: Lexicon
    hits: Hits
    jurisdiction: Division | None
    issue_date: dt.date | None
    sentences: list[Sentence] = field(default_factory=list)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    persons: dict[str, PersonRecord] = field(default_factory=dict)
    events: list[EventDraft] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)
    # Lookups the stages derive from what is read (sorted spans, masks), built once instead of per candidate.
    indexes: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # Mentions of each kind in text order with their starts, kept while no mention of the kind is added.
    _ordered: dict[str, tuple[tuple[int, int], list[Mention], list[int]]] = field(
        default_factory=dict, repr=False, compare=False)
    _sentence_starts: tuple[tuple[int, int], list[int]] = field(default=((0, -1), []), repr=False, compare=False)
    # Each sentence's quote made once: its facts then share one string, which a pickle of them holds once.
    _quotes: dict[tuple[int, int], str] = field(default_factory=dict, repr=False, compare=False)
    # The article's body and id, read once: the stages read the text at every step, and an attribute of the
    # article (a Python object) is looked up by name each time, where a field of this compiled class is not.
    text: str = field(init=False, repr=False, compare=False)
    article_id: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.text = self.article.text
        self.article_id = self.article.id

    def add_mention(self, mention: Mention) -> Mention:
        self.mentions.setdefault(mention.kind, []).append(mention)
        return mention

    def replace_mention(self, old: Mention, new: Mention) -> None:
        """Put ``new`` in the place of ``old`` (of the same kind)."""
        mentions = self.mentions[old.kind]
        mentions[mentions.index(old)] = new
        self._ordered.pop(old.kind, None)

    def _sorted(self, kind: str) -> tuple[list[Mention], list[int]]:
        mentions = self.mentions.get(kind, [])
        cached = self._ordered.get(kind)
        key = (id(mentions), len(mentions))
        if cached is None or cached[0] != key:
            ordered = text_order(mentions, _START, _END)
            cached = (key, ordered, [m.start for m in ordered])
            self._ordered[kind] = cached
        return cached[1], cached[2]

    def of(self, kind: str) -> list[Mention]:
        """The mentions of one kind, in text order (sorted once while none is added; do not change the list)."""
        return self._sorted(kind)[0]

    def within(self, kind: str, start: int, end: int) -> list[Mention]:
        """The mentions of one kind that start in ``start:end``, in text order."""
        ordered, starts = self._sorted(kind)
        return ordered[bisect_left(starts, start):bisect_left(starts, end)]

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding ``offset`` (the last one when past the end or between sentences)."""
        if not self.sentences:
            return Sentence(0, len(self.text))
        key = (id(self.sentences), len(self.sentences))
        if self._sentence_starts[0] != key:
            self._sentence_starts = (key, [s.start for s in self.sentences])
        index = bisect_right(self._sentence_starts[1], offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return self.sentences[-1]

    def quote(self, sentence: Sentence) -> str:
        key = (sentence.start, sentence.end)
        quoted = self._quotes.get(key)
        if quoted is None:
            quoted = self._quotes[key] = self.text[sentence.start:sentence.end].strip()
        return quoted

    def fact(self, type_name: str, args: dict[str, Any], start: int, end: int,
             props: dict[str, Any] | None = None, sentence: str | None = None) -> Fact:
        """A fact read at ``start:end``, citing the sentence that holds it (or ``sentence``)."""
        quote = sentence if sentence is not None else self.quote(self.sentence_at(start))
        provenance = Provenance(self.article_id, start, end, quote)
        fact = Fact(type_name, args, provenance, {k: v for k, v in (props or {}).items() if v is not None})
        self.facts.append(fact)
        return fact
