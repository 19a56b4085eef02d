"""A graph built by hand in the style of the sample page (徐汇报, 2025-01-27, page 1).

Shared by the tests of queries, exports, analytics, stores and the dashboard: keep what it
holds stable (add, do not change). What is in it:

- four events: 2025-01-20 徐汇区委社会工作会议 (six participants in protocol order),
  2025-01-22 a visit (one participant, 曹立强 带队) and a ceremony (no participants; three
  organisers and signatories, a venue), 2025-01-23 the new-year reception (four
  participants, at 漕河泾会议中心);
- posts seen on several dates: 曹立强 as 区委书记 on 2025-01-20 and 2025-01-22; the post
  held before him by 李明 (a made-up predecessor, seen 2024-03-04 and 2024-09-16);
- two people called 王华 of different districts (徐汇 attends the reception; 闵行 is
  seen as 副区长 of 闵行 in 2024);
- organisation units (区委组织部 ... PART_OF 区委), aliases, articles with reporters and
  photographers, MENTIONS, REPORTED_IN, ON_DAY, PUBLISHED_IN.

Every edge cites its article, the span of the name in the article text and the sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import Edge, GraphBatch, Node, Provenance
from graph.stores import Store, open_store

__all__ = ["ISSUE_DATE", "JURISDICTION", "sample_graph", "sample_store"]

ISSUE_DATE = dt.date(2025, 1, 27)
JURISDICTION = "上海市徐汇区"
COMMITTEE = "中共上海市徐汇区委员会"
GOVERNMENT = "上海市徐汇区人民政府"
HKUST = "香港科技大学"
CAOHEJING = "上海市漕河泾新兴技术开发区发展总公司"
MINHANG_GOVERNMENT = "上海市闵行区人民政府"

S_CEREMONY = ("1月22日,由上海市徐汇区人民政府、香港科技大学、上海市漕河泾新兴技术开发区发展总公司联合主办的"
              "香港科技大学上海产教融合中心揭牌仪式在徐汇滨江西岸国际人工智能中心举行。")
S_SIGNING = "揭牌仪式活动现场,港科大、上海市徐汇区人民政府与上海市漕河泾新兴技术开发区发展总公司签署了三方合作协议。"
S_RECEPTION = ("区领导曹立强、王华、黄冲、沈权与各界嘉宾欢聚一堂,共同祝愿徐汇繁荣美好的未来,"
               "并向全区人民致以最诚挚的新春祝福。")
S_HALL = "漕河泾会议中心内洋溢着欢乐祥和。"
S_SPEECH = "曹立强在新春致辞中代表区委、区人大、区政府、区政协,向全区离退休老同志致以节日祝福和新春问候。"
S_MEETING = ("1月20日上午,徐汇区委社会工作会议举行,区委书记曹立强出席会议并讲话,区委副书记沈权作工作部署,"
             "区委常委、组织部长胡芳主持会议。")
S_MEETING_REST = "区委常委、宣传部长赵懿,区委常委、政法委书记习挺松,副区长罗华品出席。"
S_VISIT = ("在新春佳节即将来临之际,区委书记曹立强1月22日下午带队走访慰问劳模代表、困难党员和区域人才,"
           "给他们送去党和政府的亲切关怀,并致以新春问候和诚挚祝福。")
S_PLENUM = "3月4日,区委全会召开,区委书记李明出席会议并讲话。"
S_SURVEY = "9月16日,区委书记李明调研辖区企业。"
S_MINHANG = "9月16日,闵行区召开推进会,副区长王华出席。"


@dataclass
class _Builder:
    batch: GraphBatch = field(default_factory=GraphBatch)
    persons: dict[str, Node] = field(default_factory=dict)
    organizations: dict[str, Node] = field(default_factory=dict)

    def node(self, type_name: str, **properties: object) -> Node:
        return self.batch.add_node(Node.create(type_name, **properties))

    def person(self, name: str, person_class: str = "official", jurisdiction: str = JURISDICTION) -> Node:
        key = f"{name}@{jurisdiction}"
        if key not in self.persons:
            self.persons[key] = self.node("Person", name=name, jurisdiction=jurisdiction, person_class=person_class)
        return self.persons[key]

    def organization(self, name: str, aliases: tuple[str, ...] = ()) -> Node:
        if name not in self.organizations:
            self.organizations[name] = self.node("Organization", name=name, aliases=list(aliases))
        return self.organizations[name]

    def cite(self, article: Node, sentence: str, words: str) -> Provenance:
        """Provenance of ``words`` as read in ``sentence`` of ``article``."""
        text = article.properties["text"]
        start = text.index(sentence) + sentence.index(words)
        return Provenance(article.id, start, start + len(words), sentence)

    def edge(self, type_name: str, source: Node, target: Node, provenance: Provenance, **properties: object) -> None:
        self.batch.add_edge(Edge.create(type_name, source, target, provenance, **properties))

    def article(self, title: str, sentences: list[str], ordinal: int, *, publication: str = "徐汇报",
                issue_date: dt.date = ISSUE_DATE, **extra: object) -> Node:
        node = self.node("Article", title=title, publication=publication, issue_date=issue_date, page=1,
                         ordinal=ordinal, kind=extra.pop("kind", "news"), text="".join(sentences), **extra)
        paper = self.node("Publication", name=publication, jurisdiction=extra.get("jurisdiction") or
                          ("上海市闵行区" if publication == "闵行报" else JURISDICTION))
        self.edge("PUBLISHED_IN", node, paper, Provenance(node.id, 0, 0, title))
        return node

    def event(self, article: Node, sentence: str, words: str, name: str, event_type: str, date: dt.date,
              part_of_day: str | None = None, venue: str | None = None, venue_sentence: str | None = None) -> Node:
        event = self.node("Event", name=name, event_type=event_type, date=date, part_of_day=part_of_day,
                          article_id=article.id)
        provenance = self.cite(article, sentence, words)
        self.edge("REPORTED_IN", event, article, provenance)
        self.edge("ON_DAY", event, self.node("Day", date=date), provenance)
        if venue:
            place = self.node("Place", name=venue)
            self.edge("HELD_AT", event, place, self.cite(article, venue_sentence or sentence, venue))
        return event

    def attend(self, article: Node, event: Node, sentence: str, name: str, roles: list[str], order: int) -> None:
        person = self.person(name)
        provenance = self.cite(article, sentence, name)
        self.edge("ATTENDED", person, event, provenance, roles=roles, order=order)
        self.edge("MENTIONS", article, person, provenance)

    def hold(self, article: Node, sentence: str, person: Node, title: str, organization: str,
             seen_on: dt.date, written: str | None = None) -> None:
        post = self.node("Post", title=title, organization=organization)
        provenance = self.cite(article, sentence, written or title)
        self.edge("HOLDS", person, post, provenance, date=seen_on, title_as_written=written or title)
        self.edge("POST_IN", post, self.organization(organization), provenance)

    def credit(self, article: Node, names: list[str], relation: str) -> None:
        for name in names:
            journalist = self.person(name, "journalist")
            self.edge(relation, journalist, article, Provenance(article.id, 0, 0, "□ 记者 " + " ".join(names)))


def _organizations(b: _Builder) -> None:
    b.organization(COMMITTEE, ("徐汇区委", "区委"))
    b.organization(GOVERNMENT, ("徐汇区人民政府", "徐汇区政府", "区政府"))
    b.organization(HKUST, ("港科大",))
    b.organization(CAOHEJING)
    b.organization(MINHANG_GOVERNMENT, ("闵行区政府",))


def _ceremony(b: _Builder) -> None:
    article = b.article("港科大上海产教融合中心落户徐汇", [S_CEREMONY, S_SIGNING], 1)
    b.credit(article, ["刘坤", "王永娟", "陈文卿"], "WROTE")
    event = b.event(article, S_CEREMONY, "揭牌仪式", "香港科技大学上海产教融合中心揭牌仪式", "ceremony",
                    dt.date(2025, 1, 22), venue="徐汇滨江西岸国际人工智能中心")
    for name in (GOVERNMENT, HKUST, CAOHEJING):
        b.edge("ORGANIZED", b.organization(name), event, b.cite(article, S_CEREMONY, name), role="主办")
    for name, written in ((HKUST, "港科大"), (GOVERNMENT, GOVERNMENT), (CAOHEJING, CAOHEJING)):
        b.edge("SIGNED", b.organization(name), event, b.cite(article, S_SIGNING, written), agreement="三方合作协议")


def _reception(b: _Builder) -> None:
    article = b.article("徐汇区各界人士迎新春团拜会举行", [S_RECEPTION, S_HALL, S_SPEECH], 2,
                        kicker="共同祝愿徐汇繁荣美好未来")
    b.credit(article, ["刘坤", "陈文卿"], "WROTE")
    event = b.event(article, S_RECEPTION, "欢聚一堂", "“灵蛇贺岁迎祥年”2025年徐汇区各界人士迎新春团拜会",
                    "reception", dt.date(2025, 1, 23), "上午", venue="漕河泾会议中心", venue_sentence=S_HALL)
    for order, (name, roles) in enumerate(
            [("曹立强", ["出席", "致辞"]), ("王华", ["出席"]), ("黄冲", ["出席"]), ("沈权", ["出席"])], start=1):
        b.attend(article, event, S_RECEPTION, name, roles, order)


def _meeting(b: _Builder) -> None:
    article = b.article("徐汇区委社会工作会议举行", [S_MEETING, S_MEETING_REST], 3, source="区委办")
    event = b.event(article, S_MEETING, "徐汇区委社会工作会议", "徐汇区委社会工作会议", "meeting",
                    dt.date(2025, 1, 20), "上午")
    b.edge("ORGANIZED", b.organization(COMMITTEE), event, b.cite(article, S_MEETING, "徐汇区委"), role="主办")
    listing = [("曹立强", ["出席", "讲话"], S_MEETING), ("沈权", ["作工作部署"], S_MEETING),
               ("胡芳", ["主持"], S_MEETING), ("赵懿", ["出席"], S_MEETING_REST),
               ("习挺松", ["出席"], S_MEETING_REST), ("罗华品", ["出席"], S_MEETING_REST)]
    for order, (name, roles, sentence) in enumerate(listing, start=1):
        b.attend(article, event, sentence, name, roles, order)
    for unit, sentence, written in (("区委组织部", S_MEETING, "组织部长"), ("区委宣传部", S_MEETING_REST, "宣传部长"),
                                    ("区委政法委", S_MEETING_REST, "政法委书记")):
        b.edge("PART_OF", b.organization(unit), b.organization(COMMITTEE), b.cite(article, sentence, written))
    day = dt.date(2025, 1, 20)
    for name, title, organization, sentence in (
            ("曹立强", "区委书记", COMMITTEE, S_MEETING), ("沈权", "区委副书记", COMMITTEE, S_MEETING),
            ("胡芳", "区委常委", COMMITTEE, S_MEETING), ("胡芳", "组织部长", "区委组织部", S_MEETING),
            ("赵懿", "区委常委", COMMITTEE, S_MEETING_REST), ("赵懿", "宣传部长", "区委宣传部", S_MEETING_REST),
            ("习挺松", "区委常委", COMMITTEE, S_MEETING_REST),
            ("习挺松", "政法委书记", "区委政法委", S_MEETING_REST), ("罗华品", "副区长", GOVERNMENT, S_MEETING_REST)):
        b.hold(article, sentence, b.person(name), title, organization, day)


def _visit(b: _Builder) -> None:
    article = b.article("图片新闻", [S_VISIT], 4, kind="photo")
    b.credit(article, ["刘坤", "陈文卿"], "PHOTOGRAPHED")
    event = b.event(article, S_VISIT, "走访慰问", "走访慰问劳模代表、困难党员和区域人才", "visit",
                    dt.date(2025, 1, 22), "下午")
    b.attend(article, event, S_VISIT, "曹立强", ["带队"], 1)
    b.hold(article, S_VISIT, b.person("曹立强"), "区委书记", COMMITTEE, dt.date(2025, 1, 22))


def _earlier_years(b: _Builder) -> None:
    predecessor = b.person("李明")
    for title, sentence, day in (("区委全会召开", S_PLENUM, dt.date(2024, 3, 4)),
                                 ("区委书记李明调研辖区企业", S_SURVEY, dt.date(2024, 9, 16))):
        article = b.article(title, [sentence], 1, issue_date=day)
        b.hold(article, sentence, predecessor, "区委书记", COMMITTEE, day)
        b.edge("MENTIONS", article, predecessor, b.cite(article, sentence, "李明"))
    article = b.article("闵行区召开推进会", [S_MINHANG], 1, publication="闵行报", issue_date=dt.date(2024, 9, 16))
    namesake = b.person("王华", jurisdiction="上海市闵行区")
    b.hold(article, S_MINHANG, namesake, "副区长", MINHANG_GOVERNMENT, dt.date(2024, 9, 16))
    b.edge("MENTIONS", article, namesake, b.cite(article, S_MINHANG, "王华"))


def sample_graph() -> GraphBatch:
    """The sample graph as one batch (built fresh on every call)."""
    builder = _Builder()
    _organizations(builder)
    _ceremony(builder)
    _reception(builder)
    _meeting(builder)
    _visit(builder)
    _earlier_years(builder)
    return builder.batch


def sample_store(backend: str = "memory", path: str | Path | None = None) -> Store:
    """A store of ``backend`` (``memory``, ``oxigraph`` at ``path`` ...) holding the sample graph."""
    store = open_store(backend, path)
    store.write(sample_graph())
    return store
