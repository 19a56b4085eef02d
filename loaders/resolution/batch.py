"""One document's facts → its graph batch, resolved against what the ingest knows.

Each person, organisation, place and post of the document becomes the node its key
names (:mod:`loaders.resolution.knowledge`); each fact becomes the edges it states, with
its provenance. Within the document, names its facts tie together are one node first;
the ingest's knowledge then names that node.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.model import Edge, GraphBatch, Node, Provenance
from loaders.document import Article, Document, Fact
from loaders.resolution.corrections import PersonKey
from loaders.resolution.knowledge import Knowledge, document_groups, jurisdiction_of, sightings
from loaders.resolution.lexicon import sentence_around
from loaders.resolution.names import NameGroups
from loaders.resolution.persons import Sighting, stronger_class

__all__ = ["ResolutionContext", "build_batch"]


@dataclass
class ResolutionContext:
    """What one document's resolution knows: the ingest's knowledge and its nodes by surface name."""

    document: Document
    knowledge: Knowledge
    groups: dict[str, NameGroups]
    batch: GraphBatch = field(default_factory=GraphBatch)
    keys: dict[str, tuple[Sighting, str | None]] = field(default_factory=dict)  # the current article's persons
    persons: dict[PersonKey, Node] = field(default_factory=dict)
    named_nodes: dict[tuple[str, str], Node] = field(default_factory=dict)
    events: dict[tuple[str, str], Node] = field(default_factory=dict)
    # Answers that stay the same for the whole document, kept instead of worked out for every fact.
    _person_keys: dict[Sighting, PersonKey] = field(default_factory=dict, repr=False)
    _named: dict[tuple[str, str, tuple[str, ...]], Node] = field(default_factory=dict, repr=False)
    _edge_keys: set[tuple[str, str, str, str]] = field(default_factory=set, repr=False)
    _plain: dict[tuple[str, tuple[tuple[str, Any], ...]], Node] = field(default_factory=dict, repr=False)

    def person(self, name: str) -> Node:
        """The node of a person named in the current article."""
        found = self.keys.get(name)
        sighting, person_class = found if found is not None else (self._unseen(name), None)
        persons = self.knowledge.persons
        key = self._person_keys.get(sighting)
        if key is None:
            key = self._person_keys[sighting] = persons.key(sighting)
        if key not in self.persons:
            node = Node.create("Person", name=key[0], jurisdiction=key[1], aliases=persons.aliases.get(key))
            self.persons[key] = self.batch.add_node(node)
        node = self.persons[key]
        known = stronger_class(persons.person_class(key), person_class)
        if known is not None:
            node.properties["person_class"] = stronger_class(node.properties.get("person_class"), known)
        return node

    def _unseen(self, name: str) -> Sighting:
        """How a name the article's facts do not describe is seen: bare, from the publication."""
        return Sighting(name, jurisdiction_of(self.document), self.document.publication or "")

    def named(self, type_name: str, name: str, aliases: Iterable[str] = ()) -> Node:
        """The organisation or place node a name stands for, with the aliases this document gives it."""
        asked = (type_name, name, tuple(aliases))
        node = self._named.get(asked)
        if node is None:  # the same name and aliases again would add nothing to the node
            node = self._named[asked] = self._named_node(type_name, name, asked[2])
        return node

    def _named_node(self, type_name: str, name: str, aliases: tuple[str, ...]) -> Node:
        local = self.groups[type_name].canonical(name)
        canonical = self.knowledge.organization(type_name, local)
        writings = {*aliases, *self.groups[type_name].members(name), local, name}
        refuses = self.knowledge.refuses
        kept = sorted(w for w in writings if w and w != canonical and not refuses(type_name, w, canonical))
        key = (type_name, canonical)
        if key not in self.named_nodes:
            self.named_nodes[key] = self.batch.add_node(Node.create(type_name, name=canonical))
        node = self.named_nodes[key]
        if kept:
            node.merge(Node(type_name, node.id, {"aliases": kept}))
        return node

    def plain_node(self, type_name: str, **properties: Any) -> Node:
        """The batch's node of a type keyed by all its properties (publication, day, post): made once."""
        asked = (type_name, tuple(properties.items()))
        try:
            node = self._plain.get(asked)
        except TypeError:  # a value that cannot be a key (a sidecar's list): made each time
            return self.batch.add_node(Node.create(type_name, **properties))
        if node is None:  # the same node again would merge nothing into it
            node = self._plain[asked] = self.batch.add_node(Node.create(type_name, **properties))
        return node

    def has_edge(self, type_name: str, source: Node, target: Node, article_id: str) -> bool:
        """Whether this document's batch holds the edge (its id is made of these four)."""
        return (type_name, source.id, target.id, article_id) in self._edge_keys

    def edge(self, type_name: str, source: Node, target: Node, provenance: Provenance, **props: Any) -> None:
        self.batch.add_edge(Edge.create(type_name, source, target, provenance, **props))
        self._edge_keys.add((type_name, source.id, target.id, provenance.article_id))


def _article_node(context: ResolutionContext, article: Article) -> Node:
    doc = context.document
    node = Node(
        "Article",
        article.id,
        {k: v for k, v in {
            "title": article.title, "kicker": article.kicker, "kind": article.kind,
            "publication": doc.publication, "issue_date": doc.issue_date, "page": doc.page,
            "ordinal": article.ordinal, "source": article.source, "source_path": doc.source,
            "text": article.text,
        }.items() if v not in (None, "")},
    )
    node = context.batch.add_node(node)
    if doc.publication:
        jurisdiction = doc.metadata.get("jurisdiction")
        publication = context.plain_node("Publication", name=doc.publication, jurisdiction=jurisdiction)
        context.edge("PUBLISHED_IN", node, publication, article.provenance(0, 0, article.title))
    return node


def _event(context: ResolutionContext, article: Article, fact: Fact, article_node: Node) -> None:
    props = fact.props
    event = Node.create("Event", name=props.get("name") or article.title, event_type=props.get("type"),
                        date=props.get("date"), part_of_day=props.get("part_of_day"), article_id=article.id)
    event = context.batch.add_node(event)
    context.events[(article.id, fact.args["key"])] = event
    context.edge("REPORTED_IN", event, article_node, fact.provenance)
    if props.get("date"):
        day = context.plain_node("Day", date=props["date"])
        context.edge("ON_DAY", event, day, fact.provenance)
    if props.get("venue"):
        context.edge("HELD_AT", event, context.named("Place", props["venue"]), fact.provenance)


def _position(context: ResolutionContext, fact: Fact) -> None:
    args, props = fact.args, fact.props
    person = context.person(args["person"])
    organization = context.named("Organization", props["organization"]) if props.get("organization") else None
    org_name = organization.properties["name"] if organization else None
    post = context.plain_node("Post", title=args["title"], organization=org_name)
    written = context.knowledge.fullest_writing(args["person"], org_name, args["title"])
    context.edge("HOLDS", person, post, fact.provenance, date=props.get("date") or context.document.issue_date,
                 title_as_written=written or props.get("title_as_written") or args["title"])
    if organization is not None:
        context.edge("POST_IN", post, organization, fact.provenance)


def _named(context: ResolutionContext, fact: Fact, article_node: Node) -> None:
    type_name = fact.type.capitalize()
    node = context.named(type_name, fact.args["name"], fact.props.get("aliases", ()))
    context.edge("MENTIONS", article_node, node, fact.provenance)
    parent = context.knowledge.place_parents.get(node.properties["name"]) if type_name == "Place" else None
    if parent is not None:
        context.edge("PART_OF", node, context.named("Place", parent), fact.provenance)


def _apply(context: ResolutionContext, article: Article, fact: Fact, article_node: Node) -> None:
    args, props, prov = fact.args, fact.props, fact.provenance
    kind = fact.type
    if kind == "person":
        context.edge("MENTIONS", article_node, context.person(args["name"]), prov)
    elif kind in ("organization", "place"):
        _named(context, fact, article_node)
    elif kind == "position":
        _position(context, fact)
    elif kind == "part_of":
        type_name = props.get("kind") or "Organization"
        child, parent = context.named(type_name, args["child"]), context.named(type_name, args["parent"])
        if child is not parent:
            context.edge("PART_OF", child, parent, prov)
    elif kind == "event":
        _event(context, article, fact, article_node)
    elif kind in ("attendance", "organizer", "signed"):
        _event_link(context, article, fact)
    elif kind == "credit":
        relation = "PHOTOGRAPHED" if props.get("role") == "photographer" else "WROTE"
        context.edge(relation, context.person(args["person"]), article_node, prov)


def _event_link(context: ResolutionContext, article: Article, fact: Fact) -> None:
    event = context.events.get((article.id, fact.args["event"]))
    if event is None:
        return
    if fact.type == "attendance":
        person = context.person(fact.args["person"])
        context.edge("ATTENDED", person, event, fact.provenance,
                     roles=list(fact.props.get("roles", [])), order=fact.props.get("order"))
        return
    organization = context.named("Organization", fact.args["organization"])
    if fact.type == "organizer":
        context.edge("ORGANIZED", organization, event, fact.provenance, role=fact.props.get("role"))
    else:
        context.edge("SIGNED", organization, event, fact.provenance, agreement=fact.props.get("agreement"))


# Facts that introduce nodes go first, so links find their ends.
_ORDER = {"person": 0, "organization": 0, "place": 0, "event": 1, "part_of": 2}


def build_batch(document: Document, article_facts: Iterable[tuple[Article, list[Fact]]],
                knowledge: Knowledge | None = None) -> GraphBatch:
    """The graph batch of one document: its articles and everything read in them.

    Parameters
    ----------
    document : the document.
    article_facts : its articles, each with the facts extraction read in it.
    knowledge : what the ingest knows (finished); without it, what this document alone tells.
    """
    article_facts = list(article_facts)
    if knowledge is None:
        knowledge = Knowledge.of_documents([(document, article_facts)])
    groups = document_groups(article_facts, knowledge.corrections)
    context = ResolutionContext(document, knowledge, groups)
    jurisdiction = jurisdiction_of(document)
    for article, facts in article_facts:
        article_node = _article_node(context, article)
        context.keys = sightings(document, facts, groups, jurisdiction)
        for fact in sorted(facts, key=lambda f: _ORDER.get(f.type, 3)):
            _apply(context, article, fact, article_node)
        _known_names(context, article, article_node)
    return context.batch


def _known_names(context: ResolutionContext, article: Article, article_node: Node) -> None:
    """MENTIONS of the known names the article writes but extraction did not read (港科大 alone)."""
    for start, end, type_name, canonical in context.knowledge.lexicon.find(article.text):
        node = context.named_nodes.get((type_name, canonical)) or context.named(type_name, canonical)
        if context.has_edge("MENTIONS", article_node, node, article.id):
            continue  # extraction read it already: its own provenance stays
        sentence = sentence_around(article.text, start, end)
        context.edge("MENTIONS", article_node, node, article.provenance(start, end, sentence))
