"""What resolution knows beyond one document: the whole ingest, the store and the corrections.

An ingest runs in two phases so that the order of its files does not matter:

1. every extracted document is *observed* (:meth:`Knowledge.observe`): the names and
   aliases of organisations and places, how each article names each person (with the
   posts it gives), the fullest writing of each post;
2. the store adds what it holds (:meth:`Knowledge.add_store`, plain records read through
   the query layer), the corrections are applied, and :meth:`Knowledge.finish` fixes
   canonical names and person keys; then every document is resolved against it
   (:func:`loaders.resolution.build_batch`).

Examples
--------
>>> from loaders.document import Article, Document, Fact
>>> doc = Document(text="港某大", source="a.txt", publication="某报")
>>> article = Article.from_span(doc, 0, 0, 3, title="标题")
>>> prov = article.provenance(0, 3, "港某大")
>>> other = Document(text="香港某大学", source="b.txt", publication="某报")
>>> other_article = Article.from_span(other, 0, 0, 5, title="标题")
>>> knowledge = Knowledge()
>>> knowledge.observe(doc, [(article, [Fact("organization", {"name": "港某大"}, prov, {})])])
>>> knowledge.observe(other, [(other_article, [Fact("organization", {"name": "香港某大学"}, prov,
...                                                     {"aliases": ["港某大"]})])])
>>> knowledge.finish()
>>> knowledge.organization("Organization", "港某大")
'香港某大学'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from loaders.document import Article, Document, Fact
from loaders.resolution.corrections import Corrections
from loaders.resolution.jurisdictions import Jurisdictions, load_jurisdictions
from loaders.resolution.lexicon import NameLexicon
from loaders.resolution.names import AliasTable, NameGroups, longest
from loaders.resolution.persons import PersonKeys, Sighting, StoredPerson

__all__ = ["NAMED_TYPES", "Knowledge", "Observation", "StoreKnowledge", "document_groups", "jurisdiction_of",
           "observe_document", "sightings"]

NAMED_TYPES = ("Organization", "Place")
ArticleFacts = list[tuple[Article, list[Fact]]]


def jurisdiction_of(document: Document) -> str:
    """The jurisdiction a document speaks from: the division its metadata or publication tells.

    Examples
    --------
    >>> jurisdiction_of(Document(text="", source="a.txt", publication="徐汇报"))
    '上海市徐汇区'
    >>> jurisdiction_of(Document(text="", source="a.txt", publication="某某周刊"))
    '某某周刊'
    """
    return load_jurisdictions().of_publication(document.metadata.get("jurisdiction"), document.publication)


def _fact_names(fact: Fact) -> Iterable[tuple[str, str]]:
    """(type, name) of every organisation or place name a fact uses, besides its own declaration."""
    args, props = fact.args, fact.props
    if fact.type == "position" and props.get("organization"):
        yield "Organization", props["organization"]
    elif fact.type == "part_of":
        kind = props.get("kind") or "Organization"
        yield kind, args["child"]
        yield kind, args["parent"]
    elif fact.type in ("organizer", "signed"):
        yield "Organization", args["organization"]
    elif fact.type == "event" and props.get("venue"):
        yield "Place", props["venue"]


def _kept_aliases(type_name: str, name: str, aliases: Iterable[str], corrections: Corrections) -> list[str]:
    refused = {alias for kind, alias, owner in corrections.not_aliases if kind == type_name and owner == name}
    return [a for a in aliases if a and a not in refused]


def document_groups(article_facts: ArticleFacts, corrections: Corrections | None = None) -> dict[str, NameGroups]:
    """Within one document, the names and aliases its facts tie together, per node type."""
    corrections = corrections or Corrections()
    groups = {type_name: NameGroups() for type_name in NAMED_TYPES}
    for _, facts in article_facts:
        for fact in facts:
            if fact.type in ("organization", "place"):
                type_name = fact.type.capitalize()
                name = fact.args["name"]
                groups[type_name].add(name, _kept_aliases(type_name, name, fact.props.get("aliases", ()), corrections))
    for type_name, alias, owner in corrections.aliases:
        if alias in groups[type_name].parent or owner in groups[type_name].parent:
            groups[type_name].add(owner, [alias])
    return groups


def _person_names(facts: list[Fact]) -> dict[str, str | None]:
    """Every person name of an article's facts, with the class the article gives it."""
    names: dict[str, str | None] = {}
    for fact in facts:
        if fact.type == "person":
            names[fact.args["name"]] = fact.props.get("class")
        elif fact.type in ("position", "attendance", "credit"):
            names.setdefault(fact.args["person"], None)
    return names


def sightings(document: Document, facts: list[Fact], groups: dict[str, NameGroups],
              jurisdiction: str | None = None) -> dict[str, tuple[Sighting, str | None]]:
    """How one article names each person: name → (sighting, class).

    ``jurisdiction`` is the document's (:func:`jurisdiction_of`), when the caller has it already.
    """
    publication = jurisdiction if jurisdiction is not None else jurisdiction_of(document)
    posts: dict[str, set[tuple[str, str]]] = {}
    credited = set()
    for fact in facts:
        if fact.type == "position":
            organization = fact.props.get("organization")
            organization = groups["Organization"].canonical(organization) if organization else ""
            written = fact.props.get("title_as_written") or fact.args["title"]
            posts.setdefault(fact.args["person"], set()).add((organization, written))
        elif fact.type == "credit":
            credited.add(fact.args["person"])
    found = {}
    for name, person_class in _person_names(facts).items():
        journalist = name in credited or person_class == "journalist"
        sighting = Sighting(name, publication, document.publication or "", frozenset(posts.get(name, ())),
                            journalist, person_class == "foreign_official")
        found[name] = (sighting, "journalist" if name in credited else person_class)
    return found


@dataclass
class Observation:
    """What one document tells resolution, in the order it tells it; small and picklable.

    ``names``: (type, name, aliases) declared; ``writings``: ((person, organisation, title),
    the post as written); ``sightings``: (how an article names a person, the class it gives).
    An ingest's workers make them (:func:`observe_document`), so the writer never has to
    read a whole document in the first phase.
    """

    names: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    writings: list[tuple[tuple[str, str, str], str]] = field(default_factory=list)
    sightings: list[tuple[Sighting, str | None]] = field(default_factory=list)


def observe_document(document: Document, article_facts: ArticleFacts,
                     corrections: Corrections | None = None) -> Observation:
    """The :class:`Observation` of one extracted document, under ``corrections``."""
    corrections = corrections or Corrections()
    groups = document_groups(article_facts, corrections)
    jurisdiction = jurisdiction_of(document)
    observation = Observation()
    for _, facts in article_facts:
        for fact in facts:
            observation.names.extend(_declared_names(fact, corrections))
            if fact.type == "position":
                observation.writings.append(_writing(fact, groups))
        observation.sightings.extend(sightings(document, facts, groups, jurisdiction).values())
    return observation


def _declared_names(fact: Fact, corrections: Corrections) -> Iterable[tuple[str, str, tuple[str, ...]]]:
    if fact.type in ("organization", "place"):
        type_name = fact.type.capitalize()
        name = fact.args["name"]
        yield type_name, name, tuple(_kept_aliases(type_name, name, fact.props.get("aliases", ()), corrections))
    for type_name, name in _fact_names(fact):
        yield type_name, name, ()


def _writing(fact: Fact, groups: dict[str, NameGroups]) -> tuple[tuple[str, str, str], str]:
    organization = fact.props.get("organization")
    organization = groups["Organization"].canonical(organization) if organization else ""
    written = fact.props.get("title_as_written") or fact.args["title"]
    return (fact.args["person"], organization, fact.args["title"]), written


@dataclass
class StoreKnowledge:
    """What the store holds that resolution needs, as plain records.

    ``names``: (type, name, aliases) of the stored organisations and places (all of them:
    the ingest's articles may write any of their names); ``persons``: the stored persons
    whose names the ingest uses.
    """

    names: list[tuple[str, str, list[str]]] = field(default_factory=list)
    persons: list[StoredPerson] = field(default_factory=list)


class Knowledge:
    """Global knowledge of one ingest; see the module's docstring for the two phases."""

    def __init__(self, corrections: Corrections | None = None, jurisdictions: Jurisdictions | None = None) -> None:
        self.corrections = corrections or Corrections()
        self.jurisdictions = jurisdictions or load_jurisdictions()
        self.tables = {type_name: AliasTable() for type_name in NAMED_TYPES}
        self.persons = PersonKeys(self.jurisdictions, self.corrections)
        self.writings: dict[tuple[str, str, str], str] = {}
        self.place_parents: dict[str, str] = {}
        self.lexicon = NameLexicon({})
        self.finished = False
        for type_name, alias, owner in self.corrections.aliases:
            self.tables[type_name].force(alias, owner)
        for type_name, alias, owner in self.corrections.not_aliases:
            self.tables[type_name].keep_apart(alias, owner)

    @classmethod
    def of_documents(cls, documents: Iterable[tuple[Document, ArticleFacts]],
                     corrections: Corrections | None = None) -> Knowledge:
        """The knowledge of some documents alone (no store): what one document's resolution uses."""
        knowledge = cls(corrections)
        for document, article_facts in documents:
            knowledge.observe(document, article_facts)
        knowledge.finish()
        return knowledge

    # --- phase 1 ---------------------------------------------------------------------------

    def observe(self, document: Document, article_facts: ArticleFacts) -> None:
        """Take in what one extracted document says (names, aliases, persons, posts)."""
        self.take(observe_document(document, article_facts, self.corrections))

    def take(self, observation: Observation) -> None:
        """Take in an :class:`Observation` of a document, made here or in another process."""
        for type_name, name, aliases in observation.names:
            self.tables[type_name].declare(name, aliases)
        for key, written in observation.writings:
            self.writings[key] = longest([written, *([self.writings[key]] if key in self.writings else [])])
        for sighting, person_class in observation.sightings:
            self.persons.observe(sighting, person_class)

    def person_names(self) -> set[str]:
        """The person names to ask the store about."""
        return self.persons.names()

    def add_store(self, held: StoreKnowledge) -> None:
        for type_name, name, aliases in held.names:
            if type_name in self.tables:
                self.tables[type_name].stored(name, aliases)
        for person in held.persons:
            self.persons.stored(person)

    # --- between the phases ----------------------------------------------------------------

    def finish(self) -> None:
        """Fix canonical names, person keys, post writings and place containment."""
        for table in self.tables.values():
            table.finish()
        self.persons.finish(partial(self.organization, "Organization"))  # not a lambda: pickled for Dask workers
        self.writings = self._fullest_writings()
        self.place_parents = self._place_parents()
        self.lexicon = NameLexicon(self.tables)
        self.finished = True

    def _fullest_writings(self) -> dict[tuple[str, str, str], str]:
        fullest: dict[tuple[str, str, str], str] = {}
        for (person, organization, title), written in self.writings.items():
            key = (person, self.organization("Organization", organization) if organization else "", title)
            fullest[key] = longest([written, *([fullest[key]] if key in fullest else [])])
        return fullest

    def _place_parents(self) -> dict[str, str]:
        """A place whose name begins with another place's name lies in it (北杨小镇 of 某开发区北杨小镇)."""
        table = self.tables["Place"]
        by_name = {name: table.canonical(name) for name in table.names()}
        parents = {}
        for canonical in sorted(set(by_name.values())):
            for length in range(len(canonical) - 2, 1, -1):
                parent = by_name.get(canonical[:length])
                if parent is not None and parent != canonical:
                    parents[canonical] = parent
                    break
        return parents

    # --- phase 2: what build_batch asks ----------------------------------------------------

    def organization(self, type_name: str, name: str) -> str:
        """The canonical name of an organisation or place (after the document's own grouping)."""
        return self.tables[type_name].canonical(name)

    def refuses(self, type_name: str, alias: str, owner: str) -> bool:
        return self.tables[type_name].is_apart(alias, owner)

    def fullest_writing(self, person: str, organization: str | None, title: str) -> str | None:
        return self.writings.get((person, organization or "", title))
