"""Person keys across an ingest: a post's jurisdiction, a bare name lifted to its one namesake, journalists.

Documents are built by hand with their facts (invented names), observed in one
:class:`Knowledge` as an ingest does, then resolved.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from graph.model import GraphBatch
from loaders.document import Article, Document, Fact
from loaders.resolution import Knowledge, StoredPerson, StoreKnowledge, build_batch, possibly_same_links
from loaders.resolution.corrections import parse_corrections

NATIONAL = "中华人民共和国"
XUHUI, MINHANG, SHANGHAI = "上海市徐汇区", "上海市闵行区", "上海市"


def page(publication: str, facts: list[tuple[str, dict, dict]], day: int = 3) -> tuple[Document, list]:
    """A one-article document of ``publication`` with facts given as (type, args, props)."""
    text = "正文。"
    document = Document(text=text, source=f"{publication}-{day}.txt", publication=publication,
                        issue_date=dt.date(2025, 3, day), page=1)
    article = Article.from_span(document, 0, 0, len(text), title=f"{publication}{day}")
    provenance = article.provenance(0, len(text), text)
    return document, [(article, [Fact(kind, args, provenance, props) for kind, args, props in facts])]


def person(name: str, person_class: str = "official") -> tuple[str, dict, dict]:
    return "person", {"name": name}, {"class": person_class}


def post(name: str, title: str, organization: str | None, written: str) -> tuple[str, dict, dict]:
    return "position", {"person": name, "title": title}, {"organization": organization, "title_as_written": written}


def resolve(pages: list[tuple[Document, list]], knowledge: Knowledge | None = None) -> GraphBatch:
    """Observe every page, finish, then resolve each: an ingest without a store."""
    knowledge = knowledge or Knowledge()
    for document, article_facts in pages:
        knowledge.observe(document, article_facts)
    knowledge.finish()
    return GraphBatch.union(build_batch(d, a, knowledge) for d, a in pages)


def keys(batch: GraphBatch, name: str) -> set[str]:
    """The jurisdictions of the persons called ``name``, each only once (a second node would be caught)."""
    found = [n.properties["jurisdiction"] for n in batch.nodes_of("Person") if n.properties["name"] == name]
    assert len(found) == len(set(found))
    return set(found)


PREMIER = page("新闻联播", [person("钟某"), post("钟某", "总理", "中华人民共和国国务院", "国务院总理")])
SECRETARY = page("徐汇报", [person("孟某"), post("孟某", "书记", "中共上海市徐汇区委员会", "区委书记")])
ENVOY = page("新闻联播", [person("拉某", "foreign_official"), post("拉某", "塞舌尔总统", None, "塞舌尔总统")])


@pytest.mark.parametrize(("given", "name", "jurisdiction"), [
    (PREMIER, "钟某", NATIONAL), (SECRETARY, "孟某", XUHUI), (ENVOY, "拉某", "塞舌尔")])
def test_resolution_keys_a_post_gives_its_jurisdiction(given: tuple, name: str, jurisdiction: str) -> None:
    assert keys(resolve([given]), name) == {jurisdiction}


def test_resolution_keys_a_bare_name_in_a_district_paper_joins_its_national_namesake() -> None:
    bare = page("徐汇报", [person("钟某", "mentioned")], day=10)
    batch = resolve([PREMIER, bare])
    assert keys(batch, "钟某") == {NATIONAL}
    assert next(n for n in batch.nodes_of("Person") if n.properties["name"] == "钟某").properties[
        "person_class"] == "official"


def test_resolution_keys_a_bare_name_with_two_namesakes_stays_in_its_publication() -> None:
    national = page("新闻联播", [person("顾某"), post("顾某", "副总理", "中华人民共和国国务院", "国务院副总理")])
    city = page("解放日报", [person("顾某"), post("顾某", "书记", "中共上海市委员会", "市委书记")])
    bare = page("徐汇报", [person("顾某")], day=10)
    assert keys(resolve([national, city, bare]), "顾某") == {XUHUI, SHANGHAI, NATIONAL}


def test_resolution_keys_a_bare_name_is_not_lifted_to_another_district() -> None:
    minhang = page("闵行报", [person("顾某"), post("顾某", "区长", "上海市闵行区人民政府", "区长")])
    bare = page("徐汇报", [person("顾某")], day=10)
    assert keys(resolve([minhang, bare]), "顾某") == {MINHANG, XUHUI}


def test_resolution_keys_posts_read_together_join_their_jurisdictions() -> None:
    both = page("新闻联播", [person("陈某"), post("陈某", "委员", "中国共产党中央委员会政治局", "中共中央政治局委员"),
                            post("陈某", "书记", "中共上海市委员会", "上海市委书记")])
    city_only = page("解放日报", [person("陈某"), post("陈某", "书记", "中共上海市委员会", "市委书记")], day=10)
    assert keys(resolve([city_only, both]), "陈某") == {NATIONAL}


def test_resolution_keys_journalists_belong_to_their_publication() -> None:
    credited = page("徐汇报", [("credit", {"person": "林某"}, {"role": "reporter"}), person("林某", "journalist")])
    namesake = page("新闻联播", [person("林某"), post("林某", "部长", "中华人民共和国外交部", "外交部长")])
    batch = resolve([credited, namesake])
    assert keys(batch, "林某") == {"徐汇报", NATIONAL}


def test_resolution_keys_a_bare_foreign_name_goes_to_the_only_country_it_holds_a_post_in() -> None:
    bare = page("新闻联播", [person("拉某", "mentioned")], day=11)
    assert keys(resolve([bare, ENVOY]), "拉某") == {"塞舌尔"}


def test_resolution_keys_the_store_decides_like_the_ingest() -> None:
    knowledge = Knowledge()
    knowledge.add_store(StoreKnowledge(persons=[StoredPerson("钟某", NATIONAL, "official",
                                                             (("中华人民共和国国务院", "副总理"),))]))
    bare = page("徐汇报", [person("钟某", "mentioned")], day=10)
    assert keys(resolve([bare], knowledge), "钟某") == {NATIONAL}


ORDERED_PAGES = [PREMIER, SECRETARY, ENVOY, page("徐汇报", [person("钟某")], day=10),
                 page("闵行报", [person("孟某"), post("孟某", "副区长", "上海市闵行区人民政府", "副区长")]),
                 page("徐汇报", [person("孟某", "mentioned")], day=17)]


def linked(pages: list, knowledge: Knowledge | None = None) -> GraphBatch:
    """The resolved pages with the POSSIBLY_SAME links an ingest adds at its end."""
    knowledge = knowledge or Knowledge()
    batch = resolve(pages, knowledge)
    names = {(n.properties["name"], n.properties["jurisdiction"]) for n in batch.nodes_of("Person")}
    batch.update(possibly_same_links(names, knowledge))
    return batch


def _graph(pages: list) -> tuple[frozenset, frozenset, frozenset]:
    batch = linked(pages)
    classes = frozenset((n.id, n.properties.get("person_class")) for n in batch.nodes_of("Person"))
    return frozenset(batch.nodes), frozenset(batch.edges), classes


def test_resolution_keys_do_not_depend_on_the_order_of_documents() -> None:
    expected = _graph(ORDERED_PAGES)
    for order in itertools.islice(itertools.permutations(ORDERED_PAGES), 0, None, 37):
        assert _graph(list(order)) == expected


def test_resolution_keys_namesakes_are_linked_with_a_reason_and_a_fixed_provenance() -> None:
    links = list(linked(ORDERED_PAGES).edges_of("POSSIBLY_SAME"))
    assert [(e.provenance.article_id, e.properties["reason"].split(":")[0]) for e in links] == [
        ("resolution", "same name 孟某 in {} and {}".format(*sorted((MINHANG, XUHUI))))]
    assert links[0].source < links[0].target


def test_resolution_keys_corrections_override_the_automatic_decision() -> None:
    fixes = parse_corrections({
        "different_person": [[f"钟某@{XUHUI}", f"钟某@{NATIONAL}"]],
        "same_person": [{"keep": {"name": "孟某", "jurisdiction": XUHUI}, "merge": [f"孟某@{MINHANG}"]}],
    }, "corrections.yaml")
    batch = resolve(ORDERED_PAGES, Knowledge(fixes))
    assert keys(batch, "钟某") == {XUHUI, NATIONAL}
    assert keys(batch, "孟某") == {XUHUI}


def test_resolution_keys_a_name_given_a_jurisdiction_by_hand_keeps_it() -> None:
    fixes = parse_corrections({"same_person": [{"name": "钟某", "jurisdiction": SHANGHAI}]}, "c.yaml")
    assert keys(resolve(ORDERED_PAGES, Knowledge(fixes)), "钟某") == {SHANGHAI}


def test_resolution_keys_two_bare_names_in_two_papers_are_not_linked() -> None:
    batch = linked([page("徐汇报", [person("张某")]), page("闵行报", [person("张某")])])
    assert keys(batch, "张某") == {XUHUI, MINHANG}
    assert not list(batch.edges_of("POSSIBLY_SAME"))


def test_resolution_keys_a_bare_name_between_nested_namesakes_is_linked_to_both() -> None:
    national = page("新闻联播", [person("顾某"), post("顾某", "副总理", "中华人民共和国国务院", "国务院副总理")])
    city = page("解放日报", [person("顾某"), post("顾某", "书记", "中共上海市委员会", "市委书记")])
    batch = linked([national, city, page("徐汇报", [person("顾某")], day=10)])
    places = {n.id: n.properties["jurisdiction"] for n in batch.nodes_of("Person")}
    pairs = {frozenset((places[e.source], places[e.target])) for e in batch.edges_of("POSSIBLY_SAME")}
    assert pairs == {frozenset(p) for p in ((NATIONAL, SHANGHAI), (NATIONAL, XUHUI), (SHANGHAI, XUHUI))}


def test_resolution_keys_a_bare_name_on_national_news_joins_its_one_provincial_namesake() -> None:
    city = page("新闻联播", [person("陈某"), post("陈某", "书记", "中共上海市委员会", "上海市委书记")])
    bare = page("新闻联播", [person("陈某")], day=10)
    assert keys(resolve([bare, city]), "陈某") == {SHANGHAI}
