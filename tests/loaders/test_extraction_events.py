"""Events, attendance, roles and protocol order (loaders/extraction/events.py, attendance.py)."""

from __future__ import annotations

import datetime as dt

from loaders.document import Fact
from loaders.extraction.pipeline import analyse_text, article_from_text, extract_article

ISSUE = dt.date(2025, 3, 10)


def facts_of(text: str, kind: str, publication: str = "徐汇报") -> list[Fact]:
    facts = extract_article(article_from_text(text, publication=publication, issue_date=ISSUE))
    return [f for f in facts if f.type == kind]


def test_events_meeting_with_roles_in_protocol_order() -> None:
    text = ("3月2日上午,区委工作会议举行,区委书记王明出席会议并讲话,区委副书记张红作工作部署,"
            "区委常委、组织部长李刚主持会议。\n区委常委、宣传部长赵丽,副区长孙强出席。")
    (event,) = facts_of(text, "event")
    assert (event.props["type"], event.props["name"], event.props["date"], event.props["part_of_day"]) == (
        "meeting", "区委工作会议", dt.date(2025, 3, 2), "上午")
    attendance = [(f.args["person"], f.props["roles"], f.props["order"]) for f in facts_of(text, "attendance")]
    assert attendance == [("王明", ["出席", "讲话"], 1), ("张红", ["作工作部署"], 2), ("李刚", ["主持"], 3),
                          ("赵丽", ["出席"], 4), ("孙强", ["出席"], 5)]


def test_events_listed_leaders_attend_and_later_verbs_add_roles() -> None:
    text = ("3月1日上午,各界人士欢聚一堂,出席2025年某区迎新春团拜会。区领导王明、张红与嘉宾欢聚一堂。"
            "滨海会议中心内洋溢着欢乐祥和。王明在新春致辞中向全区人民致以祝福。")
    (event,) = facts_of(text, "event")
    assert event.props["type"] == "reception"
    assert event.props["venue"] == "滨海会议中心"
    attendance = {f.args["person"]: f.props["roles"] for f in facts_of(text, "attendance")}
    assert attendance == {"王明": ["出席", "致辞"], "张红": ["出席"]}


def test_events_leading_a_visit_is_the_role_not_the_visit_verbs() -> None:
    text = "在新春佳节来临之际,区委书记王明3月5日下午带队走访慰问劳模代表和困难党员。"
    (event,) = facts_of(text, "event")
    assert (event.props["type"], event.props["part_of_day"]) == ("visit", "下午")
    (attendance,) = facts_of(text, "attendance")
    assert attendance.props["roles"] == ["带队"]


def test_events_several_in_one_article_stay_apart() -> None:
    text = ("3月2日上午,区委常委会会议举行,区委书记王明主持会议。"
            "3月3日下午,区委书记王明带队调研科创企业,副区长张红陪同。")
    events = facts_of(text, "event")
    assert [(e.props["type"], e.props["date"]) for e in events] == [
        ("meeting", dt.date(2025, 3, 2)), ("inspection", dt.date(2025, 3, 3))]
    attendance = [(f.args["event"], f.args["person"], f.props["roles"]) for f in facts_of(text, "attendance")]
    assert attendance == [("e1", "王明", ["主持"]), ("e2", "王明", ["带队"]), ("e2", "张红", ["陪同"])]


def test_events_vague_date_leaves_the_date_empty() -> None:
    (event,) = facts_of("近日,区委书记王明带队调研科创企业。", "event")
    assert "date" not in event.props


def test_events_meetings_between_leaders() -> None:
    text = "1月13日上午，国家主席王建国在北京人民大会堂会见来华访问的格林纳达总理米切尔。王东参加会见。"
    (event,) = facts_of(text, "event", "新闻联播")
    assert (event.props["type"], event.props["venue"]) == ("meeting", "北京人民大会堂")
    attendance = [(f.args["person"], f.props["roles"]) for f in facts_of(text, "attendance", "新闻联播")]
    assert attendance == [("王建国", ["会见"]), ("米切尔", ["会见"]), ("王东", ["参加"])]


def test_events_organisers_and_agreements() -> None:
    text = ("3月2日,由某区人民政府、东方理工大学联合主办的创新中心揭牌仪式在滨海会议中心举行。"
            "仪式现场,东方理工大学与某区人民政府签署了战略合作协议。")
    analysis = analyse_text(text, publication="徐汇报", issue_date=ISSUE)
    (event,) = analysis.events
    assert [(name, role) for name, role, _ in event.organizers] == [("某区人民政府", "主办"), ("东方理工大学", "主办")]
    assert [(name, parties) for name, parties, _ in event.agreements] == [
        ("战略合作协议", ["东方理工大学", "某区人民政府"])]


def test_events_cited_persons_and_journalists_never_attend() -> None:
    text = "3月2日上午,区委工作会议举行,区委书记王明出席。会议强调,要牢记张建国总书记嘱托。"
    article = article_from_text(text, publication="徐汇报", issue_date=ISSUE)
    article.reporters = ["刘明"]
    attending = {f.args["person"] for f in extract_article(article) if f.type == "attendance"}
    assert attending == {"王明"}


def test_events_reported_speech_does_not_make_events_or_participants() -> None:
    text = ("3月2日下午，全国人大常委会委员长王东在北京会见某国总理米切尔。"
            "王东表示，国家主席王建国今天上午同总理先生会见，共同擘画了蓝图。")
    events = facts_of(text, "event", "新闻联播")
    assert len(events) == 1
    assert {f.args["person"] for f in facts_of(text, "attendance", "新闻联播")} == {"王东", "米切尔"}


def test_events_every_fact_cites_its_span_and_sentence() -> None:
    text = "3月2日上午,区委工作会议举行,区委书记王明出席会议并讲话。副区长张红主持。"
    article = article_from_text(text, publication="徐汇报", issue_date=ISSUE)
    for fact in extract_article(article):
        provenance = fact.provenance
        assert provenance.article_id == article.id
        assert 0 <= provenance.span_start <= provenance.span_end <= len(text)
        assert text[provenance.span_start:provenance.span_end] in provenance.sentence
        assert provenance.sentence in text


def test_events_named_by_the_longest_noun_where_two_cross() -> None:
    for text, expected in [
        ("3月2日,区政府召开安全生产工作协调会议,副区长王明出席。", ("meeting", "安全生产工作协调会议")),
        ("3月2日,慕尼黑安全会议开幕,王明出席。", ("meeting", "慕尼黑安全会议")),
        ("3月2日,区委理论学习中心组举行专题学习会,区委书记王明主持。", ("meeting", "专题学习会")),
    ]:
        (event,) = facts_of(text, "event")
        assert (event.props["type"], event.props["name"]) == expected


def test_events_a_session_is_named_whole() -> None:
    (event,) = facts_of("1月25日,徐汇区第十七届人民代表大会第五次会议开幕,区长王明出席。", "event")
    assert event.props["name"] == "徐汇区第十七届人民代表大会第五次会议"


def test_events_held_in_a_hall_of_a_building() -> None:
    (event,) = facts_of("3月2日,新闻发布会在区政府新闻发布厅举行,区政府新闻办主任王明介绍情况。", "event")
    assert event.props["venue"] == "区政府新闻发布厅"


def test_events_who_sits_on_the_rostrum_attends() -> None:
    text = ("3月2日上午,区人民代表大会第五次会议开幕。区委书记王明,区长张红等在主席台就座。"
            "区人大常委会主任李刚主持会议。")
    attendance = [(f.args["person"], f.props["roles"]) for f in facts_of(text, "attendance")]
    assert attendance == [("王明", ["在主席台就座"]), ("张红", ["在主席台就座"]), ("李刚", ["主持"])]


def test_events_an_inspection_by_looking_at_a_place() -> None:
    text = "3月2日,区委书记王明一行来到某某街道,实地察看社区食堂运营情况。"
    (event,) = facts_of(text, "event")
    assert event.props["type"] == "inspection"
    assert [(f.args["person"], f.props["roles"]) for f in facts_of(text, "attendance")] == [("王明", ["察看"])]


def test_events_held_in_a_civic_centre_or_at_a_cemetery() -> None:
    for venue in ("华泾镇市民中心", "龙华烈士陵园", "田林街道党群服务中心"):
        (event,) = facts_of(f"3月2日,区委书记王明在{venue}出席活动并讲话。", "event")
        assert event.props["venue"] == venue


def test_events_who_declares_the_works_begun_has_that_role() -> None:
    text = "3月12日,某区2025年重大项目集中开工活动举行,区委书记王明宣布开工,区长张红致辞。"
    attendance = [(f.args["person"], f.props["roles"]) for f in facts_of(text, "attendance")]
    assert attendance == [("王明", ["宣布开工"]), ("张红", ["致辞"])]


def test_events_a_report_to_a_session_is_a_role_as_written() -> None:
    text = "3月2日,区第十七届人民代表大会第五次会议开幕。区长王明作政府工作报告。"
    assert [(f.args["person"], f.props["roles"]) for f in facts_of(text, "attendance")] == [
        ("王明", ["作政府工作报告"])]
