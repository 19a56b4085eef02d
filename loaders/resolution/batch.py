"""Facts → graph: turn the facts of a document's articles into nodes and edges.

The fact types this stage understands (``args`` / ``props``):

=============  ==============================  ===========================================
type           args                            props
=============  ==============================  ===========================================
person         name                            class (official, foreign_official, journalist,
                                               other, mentioned)
organization   name (canonical: 区委 in a      aliases (as written: 区委, 徐汇区委; 简称;
               Xuhui paper is 中共上海市徐汇区  the short name of a composite 某大学某中心)
               委员会)
place          name                            aliases (``X(Y)``: Y)
position       person, title (the post's       organization (canonical, or none when the text
               title: 书记; as written when    and jurisdiction do not tell), title_as_written
               no organisation is known)       (区委书记), date (the issue date)
part_of        child, parent                   kind (Organization or Place)
event          key (unique in the article)     name, type, date, part_of_day, venue
attendance     person, event (key)             roles (verbs as written), order (1-based
                                               protocol order)
organizer      organization, event (key)       role (主办, 承办, 协办, 指导)
signed         organization, event (key)       agreement (its name as written, or the verb)
credit         person                          role (reporter or photographer)
=============  ==============================  ===========================================

Node ids come from canonical keys (``graph/schema.yaml``), so the same person,
organisation or event read twice is one node. Within one input, names that the facts tie
together (a name and its aliases, read in any article of the document) are one node,
named by the longest name a fact gives as its ``name``. A person seen acting in one
article and only cited in another is not ``mentioned``: the strongest class wins
(foreign_official, official, other, journalist, mentioned).

Examples
--------
>>> from loaders.document import Article, Document, Fact
>>> doc = Document(text="正文", source="a.txt", publication="某报")
>>> article = Article.from_span(doc, 0, 0, 2, title="标题")
>>> prov = article.provenance(0, 2, "正文")
>>> facts = [Fact("organization", {"name": "某中心"}, prov, {"aliases": ["甲"]}),
...          Fact("organization", {"name": "某大学某中心"}, prov, {"aliases": ["某中心"]})]
>>> batch = build_batch(doc, [(article, facts)])
>>> [(n.properties["name"], sorted(n.properties.get("aliases", []))) for n in batch.nodes_of("Organization")]
[('某大学某中心', ['某中心', '甲'])]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.model import Edge, GraphBatch, Node, Provenance
from loaders.document import Article, Document, Fact

__all__ = ["NameGroups", "ResolutionContext", "build_batch", "jurisdiction_of"]

# The class a person keeps when articles disagree: the strongest seen.
CLASS_STRENGTH = {"mentioned": 0, "journalist": 1, "other": 2, "official": 3, "foreign_official": 4}


def jurisdiction_of(document: Document) -> str:
    """The jurisdiction a document speaks from: its metadata, else its publication."""
    return str(document.metadata.get("jurisdiction") or document.publication or "")


class NameGroups:
    """Names that facts tie together (a name and its aliases), as groups with one canonical name.

    Examples
    --------
    >>> groups = NameGroups()
    >>> groups.add("香港某大学", ["某大"])
    >>> groups.add("某大", [])
    >>> groups.canonical("某大")
    '香港某大学'
    """

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.named: set[str] = set()

    def _root(self, name: str) -> str:
        self.parent.setdefault(name, name)
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def add(self, name: str, aliases: Iterable[str]) -> None:
        """A name given as a fact's ``name`` and the aliases the fact ties to it."""
        self.named.add(name)
        root = self._root(name)
        for alias in aliases:
            if alias:
                self.parent[self._root(alias)] = root

    def canonical(self, name: str) -> str:
        """The longest fact ``name`` of the name's group (the name itself if none)."""
        root = self._root(name)
        members = [n for n in self.parent if n in self.named and self._root(n) == root]
        return max(members, key=lambda n: (len(n), n)) if members else name

    def members(self, name: str) -> list[str]:
        root = self._root(name)
        return [n for n in self.parent if self._root(n) == root]


@dataclass
class ResolutionContext:
    """What one document's resolution knows: its nodes by surface name."""

    document: Document
    batch: GraphBatch = field(default_factory=GraphBatch)
    persons: dict[str, Node] = field(default_factory=dict)
    organizations: dict[str, Node] = field(default_factory=dict)
    places: dict[str, Node] = field(default_factory=dict)
    events: dict[tuple[str, str], Node] = field(default_factory=dict)
    groups: dict[str, NameGroups] = field(default_factory=lambda: {"Organization": NameGroups(), "Place": NameGroups()})

    def person(self, name: str, person_class: str | None = None) -> Node:
        if name not in self.persons:
            node = Node.create("Person", name=name, jurisdiction=jurisdiction_of(self.document))
            self.persons[name] = self.batch.add_node(node)
        node = self.persons[name]
        known = node.properties.get("person_class")
        if person_class and (known is None or CLASS_STRENGTH.get(person_class, 0) > CLASS_STRENGTH.get(known, 0)):
            node.properties["person_class"] = person_class
        return node

    def named(self, table: dict[str, Node], type_name: str, name: str, aliases: Iterable[str] = ()) -> Node:
        groups = self.groups.get(type_name)
        aliases = list(aliases)
        if groups is not None:
            canonical = groups.canonical(name)
            aliases = [*aliases, *(m for m in groups.members(name) if m != canonical)]
            name = canonical
        if name not in table:
            table[name] = self.batch.add_node(Node.create(type_name, name=name))
        node = table[name]
        new_aliases = [a for a in aliases if a and a != name]
        if new_aliases:
            node.merge(Node(type_name, node.id, {"aliases": new_aliases}))
            for alias in new_aliases:
                table.setdefault(alias, node)
        return node

    def edge(self, type_name: str, source: Node, target: Node, provenance: Provenance, **props: Any) -> None:
        self.batch.add_edge(Edge.create(type_name, source, target, provenance, **props))


def _article_nodes(context: ResolutionContext, article: Article) -> Node:
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
        publication = context.batch.add_node(
            Node.create("Publication", name=doc.publication, jurisdiction=context.document.metadata.get("jurisdiction"))
        )
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
        day = context.batch.add_node(Node.create("Day", date=props["date"]))
        context.edge("ON_DAY", event, day, fact.provenance)
    if props.get("venue"):
        place = context.named(context.places, "Place", props["venue"])
        context.edge("HELD_AT", event, place, fact.provenance)


def _apply(context: ResolutionContext, article: Article, fact: Fact, article_node: Node) -> None:
    args, props, prov = fact.args, fact.props, fact.provenance
    kind = fact.type
    if kind == "person":
        person = context.person(args["name"], props.get("class"))
        context.edge("MENTIONS", article_node, person, prov)
    elif kind in ("organization", "place"):
        table = context.organizations if kind == "organization" else context.places
        node = context.named(table, kind.capitalize(), args["name"], props.get("aliases", ()))
        context.edge("MENTIONS", article_node, node, prov)
    elif kind == "position":
        person = context.person(args["person"])
        org_name = props.get("organization")
        post = context.batch.add_node(Node.create("Post", title=args["title"], organization=org_name))
        context.edge("HOLDS", person, post, prov, date=props.get("date") or context.document.issue_date,
                     title_as_written=props.get("title_as_written") or args["title"])
        if org_name:
            organization = context.named(context.organizations, "Organization", org_name)
            context.edge("POST_IN", post, organization, prov)
    elif kind == "part_of":
        table = context.places if props.get("kind") == "Place" else context.organizations
        type_name = props.get("kind") or "Organization"
        child = context.named(table, type_name, args["child"])
        parent = context.named(table, type_name, args["parent"])
        context.edge("PART_OF", child, parent, prov)
    elif kind == "event":
        _event(context, article, fact, article_node)
    elif kind in ("attendance", "organizer", "signed"):
        _event_link(context, article, fact)
    elif kind == "credit":
        relation = "PHOTOGRAPHED" if props.get("role") == "photographer" else "WROTE"
        context.edge(relation, context.person(args["person"], "journalist"), article_node, prov)


def _event_link(context: ResolutionContext, article: Article, fact: Fact) -> None:
    event = context.events.get((article.id, fact.args["event"]))
    if event is None:
        return
    if fact.type == "attendance":
        person = context.person(fact.args["person"])
        context.edge("ATTENDED", person, event, fact.provenance,
                     roles=list(fact.props.get("roles", [])), order=fact.props.get("order"))
        return
    organization = context.named(context.organizations, "Organization", fact.args["organization"])
    if fact.type == "organizer":
        context.edge("ORGANIZED", organization, event, fact.provenance, role=fact.props.get("role"))
    else:
        context.edge("SIGNED", organization, event, fact.provenance, agreement=fact.props.get("agreement"))


# Facts that introduce nodes go first, so links find their ends.
_ORDER = {"person": 0, "organization": 0, "place": 0, "event": 1, "part_of": 2}


def _group_names(context: ResolutionContext, article_facts: list[tuple[Article, list[Fact]]]) -> None:
    """Tie together every name and alias the document's facts give for one organisation or place."""
    for _, facts in article_facts:
        for fact in facts:
            if fact.type in ("organization", "place"):
                groups = context.groups["Organization" if fact.type == "organization" else "Place"]
                groups.add(fact.args["name"], fact.props.get("aliases", ()))


def build_batch(document: Document, article_facts: Iterable[tuple[Article, list[Fact]]]) -> GraphBatch:
    """The graph batch of one document: its articles and everything read in them."""
    context = ResolutionContext(document)
    article_facts = list(article_facts)
    _group_names(context, article_facts)
    for article, facts in article_facts:
        article_node = _article_nodes(context, article)
        for fact in sorted(facts, key=lambda f: _ORDER.get(f.type, 3)):
            _apply(context, article, fact, article_node)
    _one_writing_per_post(context.batch)
    return context.batch


def _one_writing_per_post(batch: GraphBatch) -> None:
    """One person's post written two ways in one input (中共中央总书记, 总书记) keeps the fuller writing."""
    fullest: dict[tuple[str, str], str] = {}
    holds = list(batch.edges_of("HOLDS"))
    for edge in holds:
        written = edge.properties.get("title_as_written") or ""
        key = (edge.source, edge.target)
        if len(written) > len(fullest.get(key, "")):
            fullest[key] = written
    for edge in holds:
        if fullest.get((edge.source, edge.target)):
            edge.properties["title_as_written"] = fullest[(edge.source, edge.target)]
