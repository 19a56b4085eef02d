"""POSSIBLY_SAME: persons of one name kept apart, linked with the reason they were not merged.

Two nodes share a name but not a jurisdiction (two 王华 of two districts): there is not
evidence enough to merge them, so they stay two nodes and a ``POSSIBLY_SAME`` edge says
why. Linked are two persons of one name who both hold posts, or one who holds a post and
one named bare in a jurisdiction that contains or lies in the other's (the bare name
could not be tied to one namesake alone). Two bare names in two papers, and journalists,
are not linked: that would be every pair of a common name, with nothing to suggest it.

The edge must not depend on which article came first, so resolution links carry a fixed
provenance: article id :data:`RESOLUTION_ARTICLE` (``resolution``), span 0-0, and the
reason as the quoted sentence. The edge goes from the smaller node id to the larger.

Examples
--------
>>> from loaders.resolution.knowledge import Knowledge
>>> from loaders.resolution.persons import StoredPerson
>>> from loaders.resolution.knowledge import StoreKnowledge
>>> knowledge = Knowledge()
>>> knowledge.add_store(StoreKnowledge(persons=[
...     StoredPerson("王某", "上海市徐汇区", "official", (("上海市徐汇区人民政府", "区长"),)),
...     StoredPerson("王某", "上海市闵行区", "official", (("上海市闵行区人民政府", "副区长"),))]))
>>> knowledge.finish()
>>> batch = possibly_same_links([("王某", "上海市徐汇区"), ("王某", "上海市闵行区")], knowledge)
>>> [(e.type, e.provenance.article_id) for e in batch.edges.values()]
[('POSSIBLY_SAME', 'resolution')]
>>> next(iter(batch.edges.values())).properties["reason"]
'same name 王某 in 上海市徐汇区 and 上海市闵行区: neither contains the other; kept apart without a post or a correction'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from graph.model import Edge, GraphBatch, Node, Provenance
from loaders.resolution.corrections import PersonKey
from loaders.resolution.knowledge import Knowledge

__all__ = ["RESOLUTION_ARTICLE", "link_reason", "possibly_same_links", "worth_linking"]

RESOLUTION_ARTICLE = "resolution"


def link_reason(first: PersonKey, second: PersonKey, knowledge: Knowledge) -> str:
    """Why two persons of one name stay two nodes, in one sentence (the same for the same pair)."""
    (name, one), (_, other) = sorted((first, second))
    persons, places = knowledge.persons, knowledge.jurisdictions
    head = f"same name {name} in {one} and {other}: "
    if persons.resolve(first) == persons.resolve(second):
        return head + "a correction says they are one person, but the store held both nodes already"
    if places.covers(one, other) or places.covers(other, one):
        outer, inner = (one, other) if places.covers(one, other) else (other, one)
        return head + f"{outer} contains {inner}, but no post or single namesake ties them"
    return head + "neither contains the other; kept apart without a post or a correction"


def worth_linking(first: PersonKey, second: PersonKey, knowledge: Knowledge) -> bool:
    """Whether two persons of one name are close enough to say they may be one (see the module's docstring)."""
    persons = knowledge.persons
    if persons.is_apart(first, second) or "journalist" in (persons.person_class(first), persons.person_class(second)):
        return False
    posted = persons.posted.get(first[0], set())
    if first in posted and second in posted:
        return True
    covers = knowledge.jurisdictions.covers
    nested = covers(first[1], second[1]) or covers(second[1], first[1])
    return (first in posted or second in posted) and nested


def _pairs_with_a_post(name: str, jurisdictions: set[str], knowledge: Knowledge) -> list[tuple[str, str]]:
    """The pairs of ``name``'s jurisdictions, in order, where at least one holds a post.

    Two bare names are never linked, so only the posted jurisdictions are paired (with all
    the others): a common name met bare in thousands of places costs as many pairs as it
    has posts times places, not the square of its places.
    """
    posted = knowledge.persons.posted.get(name, set())
    with_post = sorted(j for j in jurisdictions if (name, j) in posted)
    pairs = {(min(held, other), max(held, other)) for held in with_post for other in jurisdictions if other != held}
    return sorted(pairs)


def possibly_same_links(keys: Iterable[PersonKey], knowledge: Knowledge) -> GraphBatch:
    """A POSSIBLY_SAME edge between every two persons of one name :func:`worth_linking`."""
    by_name: dict[str, set[str]] = defaultdict(set)
    for name, jurisdiction in keys:
        by_name[name].add(jurisdiction)
    batch = GraphBatch()
    for name in sorted(by_name):
        nodes: dict[str, Node] = {}  # a namesake's node, made once however many links it has
        for one, other in _pairs_with_a_post(name, by_name[name], knowledge):
            first, second = (name, one), (name, other)
            if not worth_linking(first, second, knowledge):
                continue
            for jurisdiction in (one, other):
                if jurisdiction not in nodes:
                    nodes[jurisdiction] = Node.create("Person", name=name, jurisdiction=jurisdiction)
            ends = sorted((nodes[one], nodes[other]), key=lambda node: node.id)
            reason = link_reason(first, second, knowledge)
            batch.add_edge(Edge.create("POSSIBLY_SAME", *ends, Provenance(RESOLUTION_ARTICLE, 0, 0, reason),
                                       reason=reason))
    return batch
