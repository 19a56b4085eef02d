"""Resolution within one input: aliases, short forms, composite names, person classes."""

from __future__ import annotations

import datetime as dt

from graph.model import GraphBatch
from loaders.document import Article, Document, Fact
from loaders.extraction import extract_article
from loaders.resolution import NameGroups, build_batch


def _document(text: str, publication: str = "徐汇报") -> Document:
    return Document(text=text, source="page.txt", publication=publication, issue_date=dt.date(2025, 3, 10), page=1)


def _batch(document: Document, bodies: list[tuple[str, str]]) -> GraphBatch:
    articles = []
    position = 0
    for ordinal, (title, body) in enumerate(bodies):
        start = document.text.index(body, position)
        articles.append(Article.from_span(document, ordinal, start, start + len(body), title=title))
        position = start + len(body)
    return build_batch(document, [(a, extract_article(a)) for a in articles])


def test_resolution_short_and_full_forms_are_one_node_across_articles() -> None:
    first, second = "徐汇区人民政府与东方理工大学签约。", "代表区委、区政府致以问候。"
    batch = _batch(_document(first + "\n" + second), [("甲", first), ("乙", second)])
    governments = [n for n in batch.nodes_of("Organization") if n.properties["name"] == "上海市徐汇区人民政府"]
    assert len(governments) == 1
    assert set(governments[0].properties["aliases"]) == {"徐汇区人民政府", "区政府"}


def test_resolution_alias_and_composite_names_make_one_node() -> None:
    body = ("东方理工大学建立未来创新中心(以下简称“东理未来中心”)。东理未来中心是东方理工大学首个基地。"
            "3月2日,东方理工大学未来创新中心揭牌仪式举行。")
    batch = _batch(_document(body), [("甲", body)])
    names = sorted(n.properties["name"] for n in batch.nodes_of("Organization"))
    assert names == ["东方理工大学", "东方理工大学未来创新中心"]
    part_of = {(batch.nodes[e.source].properties["name"], batch.nodes[e.target].properties["name"])
               for e in batch.edges_of("PART_OF")}
    assert ("东方理工大学未来创新中心", "东方理工大学") in part_of


def test_resolution_posts_attach_to_the_districts_organisations() -> None:
    body = "3月2日上午,区委工作会议举行,区委书记王明出席,副区长张红主持。"
    batch = _batch(_document(body), [("甲", body)])
    posts = {(n.properties["title"], n.properties.get("organization")) for n in batch.nodes_of("Post")}
    assert posts == {("书记", "中共上海市徐汇区委员会"), ("副区长", "上海市徐汇区人民政府")}
    assert len(list(batch.edges_of("POST_IN"))) == 2


def test_resolution_acting_beats_cited_across_articles() -> None:
    first, second = "牢记王建国总书记嘱托。", "3月2日上午,国家主席王建国出席会议并讲话。"
    batch = _batch(_document(first + "\n" + second, "新闻联播"), [("甲", first), ("乙", second)])
    (person,) = [n for n in batch.nodes_of("Person") if n.properties["name"] == "王建国"]
    assert person.properties["person_class"] == "official"


def test_resolution_name_groups_pick_the_longest_fact_name() -> None:
    groups = NameGroups()
    groups.add("未来中心", ["东理未来中心"])
    groups.add("东方理工大学未来中心", ["未来中心"])
    assert groups.canonical("东理未来中心") == "东方理工大学未来中心"
    assert sorted(groups.members("未来中心")) == ["东方理工大学未来中心", "东理未来中心", "未来中心"]


def test_resolution_attendance_edges_carry_roles_and_order() -> None:
    body = "3月2日上午,区委工作会议举行,区委书记王明出席会议并讲话,副区长张红主持。"
    batch = _batch(_document(body), [("甲", body)])
    edges = sorted((batch.nodes[e.source].properties["name"], e.properties["order"], tuple(e.properties["roles"]))
                   for e in batch.edges_of("ATTENDED"))
    assert edges == [("张红", 2, ("主持",)), ("王明", 1, ("出席", "讲话"))]
    assert all(e.provenance.sentence for e in batch.edges_of("ATTENDED"))


def test_resolution_facts_without_their_event_are_dropped() -> None:
    document = _document("正文")
    article = Article.from_span(document, 0, 0, 2, title="甲")
    orphan = Fact("attendance", {"person": "王明", "event": "e9"}, article.provenance(0, 2, "正文"), {"roles": []})
    assert not list(build_batch(document, [(article, [orphan])]).edges_of("ATTENDED"))


def test_resolution_one_writing_per_person_and_post() -> None:
    first, second = "中共中央总书记王建国出席会议。", "牢记王建国总书记嘱托。"
    batch = _batch(_document(first + "\n" + second, "新闻联播"), [("甲", first), ("乙", second)])
    writings = {e.properties["title_as_written"] for e in batch.edges_of("HOLDS")}
    assert writings == {"中共中央总书记"}
    assert len(list(batch.nodes_of("Post"))) == 1
