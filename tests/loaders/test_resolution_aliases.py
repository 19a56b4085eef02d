"""Organisations and places across an ingest and the store: aliases, known names found again, containment."""

from __future__ import annotations

import datetime as dt
import pickle

from graph.model import GraphBatch
from loaders.document import Article, Document, Fact
from loaders.resolution import Knowledge, StoreKnowledge, build_batch
from loaders.resolution.corrections import parse_corrections
from loaders.resolution.names import AliasTable


def page(text: str, facts: list[tuple[str, dict, dict]], day: int = 3) -> tuple[Document, list]:
    document = Document(text=text, source=f"p{day}.txt", publication="徐汇报", issue_date=dt.date(2025, 3, day))
    article = Article.from_span(document, 0, 0, len(text), title=f"标题{day}")
    provenance = article.provenance(0, len(text), text)
    return document, [(article, [Fact(kind, args, provenance, props) for kind, args, props in facts])]


def organization(name: str, *aliases: str) -> tuple[str, dict, dict]:
    return "organization", {"name": name}, {"aliases": list(aliases)}


def resolve(pages: list, knowledge: Knowledge | None = None) -> GraphBatch:
    knowledge = knowledge or Knowledge()
    for document, article_facts in pages:
        knowledge.observe(document, article_facts)
    knowledge.finish()
    return GraphBatch.union(build_batch(d, a, knowledge) for d, a in pages)


def names(batch: GraphBatch, type_name: str = "Organization") -> dict[str, set[str]]:
    return {n.properties["name"]: set(n.properties.get("aliases", [])) for n in batch.nodes_of(type_name)}


SHORT_ONLY = page("港东大与某区签约。", [], day=3)
SHORT_NAMED = page("港东大中心揭牌。", [organization("港东大中心")], day=4)
FULL = page("香港东方大学(以下简称“港东大”)代表团来访。", [organization("香港东方大学", "港东大")], day=10)


def test_resolution_aliases_an_alias_named_alone_joins_its_full_name_in_any_order() -> None:
    for order in ([SHORT_ONLY, FULL], [FULL, SHORT_ONLY]):
        batch = resolve(order)
        assert names(batch) == {"香港东方大学": {"港东大"}}
        mentioned = {e.provenance.sentence for e in batch.edges_of("MENTIONS")}
        assert "港东大与某区签约。" in mentioned


def test_resolution_aliases_the_knowledge_resolves_the_same_once_pickled() -> None:
    """An ingest on Dask sends its finished knowledge to the workers pickled (its automaton rebuilt there)."""
    knowledge = Knowledge()
    for document, article_facts in [SHORT_ONLY, FULL]:
        knowledge.observe(document, article_facts)
    knowledge.finish()
    sent = pickle.loads(pickle.dumps(knowledge))
    assert sent.lexicon.find("港东大与某区签约。") == [(0, 3, "Organization", "香港东方大学")]
    for document, article_facts in [SHORT_ONLY, FULL]:
        here, there = build_batch(document, article_facts, knowledge), build_batch(document, article_facts, sent)
        assert here.nodes == there.nodes and here.edges == there.edges


def test_resolution_aliases_an_alias_given_by_the_store_joins_a_later_ingest() -> None:
    knowledge = Knowledge()
    knowledge.add_store(StoreKnowledge(names=[("Organization", "香港东方大学", ["港东大"])]))
    batch = resolve([SHORT_ONLY], knowledge)
    assert names(batch) == {"香港东方大学": set()}
    (edge,) = batch.edges_of("MENTIONS")
    assert (edge.provenance.span_start, edge.provenance.span_end) == (0, 3)


def test_resolution_aliases_a_short_form_shared_by_two_organisations_joins_neither() -> None:
    xuhui = page("区委召开会议。", [organization("中共上海市徐汇区委员会", "区委")])
    minhang = page("区委召开会议。", [organization("中共上海市闵行区委员会", "区委")], day=10)
    alone = page("区委办公室通知。", [organization("区委")], day=17)
    batch = resolve([xuhui, minhang, alone])
    assert set(names(batch)) == {"中共上海市徐汇区委员会", "中共上海市闵行区委员会", "区委"}


def test_resolution_aliases_a_stored_name_keeps_its_node() -> None:
    knowledge = Knowledge()
    knowledge.add_store(StoreKnowledge(names=[("Organization", "东方大学", ["东大"])]))
    longer = page("东方大学(沪)(以下简称“东方大学”)举行典礼。", [organization("东方大学(沪)", "东方大学")])
    assert names(resolve([longer], knowledge)) == {"东方大学": {"东方大学(沪)"}}


def test_resolution_aliases_the_alias_table_groups_the_same_whatever_the_order() -> None:
    declarations = [("香港东方大学", ["港东大"]), ("港东大中心", []), ("港东大", []), ("东方大学", ["东大"]),
                    ("东方大学附属中学", ["东大"])]
    answers = set()
    for shift in range(len(declarations)):
        table = AliasTable()
        for name, aliases in declarations[shift:] + declarations[:shift]:
            table.declare(name, aliases)
        table.finish()
        answers.add(tuple(table.canonical(n) for n in ("港东大", "东大", "港东大中心")))
    assert answers == {("香港东方大学", "东大", "港东大中心")}


def test_resolution_aliases_corrections_add_and_refuse_aliases() -> None:
    fixes = parse_corrections({"alias": [{"alias": "东理", "of": "东方理工大学"}],
                               "not_alias": [{"alias": "港东大", "of": "香港东方大学"}]}, "c.yaml")
    short = page("东理师生来访。", [organization("东理")])
    batch = resolve([short, FULL, SHORT_ONLY], Knowledge(fixes))
    assert names(batch) == {"东方理工大学": {"东理"}, "香港东方大学": set()}
    assert not any("港东大与" in e.provenance.sentence for e in batch.edges_of("MENTIONS"))


def test_resolution_aliases_a_place_named_after_another_lies_in_it() -> None:
    district = page("某开发区。", [("place", {"name": "某开发区"}, {"aliases": []})])
    town = page("某开发区北杨小镇。", [("place", {"name": "某开发区北杨小镇"}, {"aliases": ["北杨基地"]})], day=10)
    batch = resolve([town, district])
    places = {n.id: n.properties["name"] for n in batch.nodes_of("Place")}
    contained = {(places[e.source], places[e.target]) for e in batch.edges_of("PART_OF")}
    assert contained == {("某开发区北杨小镇", "某开发区")}
    assert names(batch, "Place")["某开发区北杨小镇"] == {"北杨基地"}
