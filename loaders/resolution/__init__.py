"""Facts → graph: resolve the facts of a document's articles into nodes and edges.

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
organisation or event read twice is one node:

- a person is (name, jurisdiction): the jurisdiction of the post the article gives them,
  a bare name's namesake with a post in a jurisdiction containing the publication's, the
  publication's own, or the publication itself for a journalist
  (:mod:`loaders.resolution.persons`); namesakes kept apart are linked by
  ``POSSIBLY_SAME`` with the reason (:mod:`loaders.resolution.links`);
- an organisation or place is its canonical name: names and aliases tied within a
  document, then across the ingest and the store through aliases that belong to one
  name only (:mod:`loaders.resolution.names`); a place whose name begins with another's
  lies in it (PART_OF);
- a post is (organisation, title).

A person seen acting in one article and only cited in another is not ``mentioned``: the
strongest class wins (foreign_official, official, other, journalist, mentioned).
:func:`build_batch` resolves one document; given the :class:`Knowledge` of a whole ingest
(and the store, and the corrections of :mod:`loaders.resolution.corrections`), it
resolves it the same way whatever order the documents come in.

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

from loaders.resolution.batch import ResolutionContext, build_batch
from loaders.resolution.corrections import Corrections, corrections_paths, load_corrections
from loaders.resolution.jurisdictions import Jurisdictions, load_jurisdictions
from loaders.resolution.knowledge import Knowledge, Observation, StoreKnowledge, jurisdiction_of, observe_document
from loaders.resolution.links import RESOLUTION_ARTICLE, possibly_same_links
from loaders.resolution.names import AliasTable, NameGroups
from loaders.resolution.persons import CLASS_STRENGTH, PersonKeys, Sighting, StoredPerson

__all__ = [
    "CLASS_STRENGTH", "RESOLUTION_ARTICLE", "AliasTable", "Corrections", "Jurisdictions", "Knowledge", "NameGroups",
    "Observation", "PersonKeys", "ResolutionContext", "Sighting", "StoreKnowledge", "StoredPerson", "build_batch",
    "corrections_paths", "jurisdiction_of", "load_corrections", "load_jurisdictions", "observe_document",
    "possibly_same_links",
]
