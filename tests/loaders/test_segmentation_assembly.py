"""Assembly of whole pages built by hand: orphan headlines, labels, notes, reports, structured spans."""

from __future__ import annotations

import datetime as dt

from loaders.document import Document
from loaders.segmentation import segment_document
from tests.conftest import SAMPLE_PAGE

TWO_REPORTS_ONE_HEADLINE = """长宁区召开城市更新工作会议

□ 记者 丁一

2月5日上午，长宁区城市更新工作会议召开，区委书记许伟出席并讲话。

许伟指出，要把城市更新作为推动高质量发展的重要抓手。

2月6日下午，长宁区防汛防台工作部署会举行，区长蒋平出席并讲话。

蒋平要求，各部门要压实责任，做好汛前隐患排查。

(来源:区府办)

长宁区防汛防台工作部署会举行
"""


def _segment(text: str, **fields):
    return segment_document(Document(text=text, source="page.txt", **fields))


def test_segmentation_assembly_gives_an_orphan_headline_the_report_that_lacks_one():
    articles, _ = _segment(TWO_REPORTS_ONE_HEADLINE)
    assert [a.title for a in articles] == ["长宁区召开城市更新工作会议", "长宁区防汛防台工作部署会举行"]
    first, second = articles
    assert first.text.endswith("重要抓手。") and first.reporters == ["丁一"]
    assert second.text.startswith("2月6日下午") and second.source == "区府办"
    assert first.end <= second.start and second.reporters == []


def test_segmentation_assembly_drops_an_orphan_headline_no_body_fits():
    text = TWO_REPORTS_ONE_HEADLINE.replace("长宁区防汛防台工作部署会举行\n", "徐州市举办冬季马拉松比赛\n")
    articles, _ = _segment(text)
    assert [a.title for a in articles] == ["长宁区召开城市更新工作会议"]
    assert "2月6日下午" in articles[0].text


def test_segmentation_assembly_gives_an_orphan_headline_the_run_at_the_page_top():
    text = ("3月12日,宝山区重大项目集中签约仪式举行,30个项目签约落地。\n\n"
            "签约项目涵盖先进制造、生物医药等领域。\n\n"
            "美丽街区建设全面启动\n\n本报讯 日前，美丽街区建设启动。\n\n"
            "宝山区重大项目集中签约\n")
    articles, _ = _segment(text)
    assert [a.title for a in articles] == ["宝山区重大项目集中签约", "美丽街区建设全面启动"]
    assert articles[0].text.startswith("3月12日") and articles[0].start == 0


def test_segmentation_assembly_reads_a_photo_label_with_its_own_headline():
    text = "图片新闻\n\n西乡街道开展消防演练\n\n3月10日，西乡街道开展消防演练。 刘洋 摄\n"
    [article], _ = _segment(text)
    assert (article.kind, article.title, article.photographers) == ("photo", "西乡街道开展消防演练", ["刘洋"])
    assert article.text == "3月10日，西乡街道开展消防演练。"


def test_segmentation_assembly_reads_a_notice_by_its_headline_and_signature():
    text = ("区图书馆举办春季读书会\n\n本报讯 3月1日，区图书馆举办读书会。\n\n"
            "2025年征文启事\n\n为迎接读书节，现面向全区征集作品。\n\n区文化和旅游局\n\n二〇二五年三月一日\n")
    articles, _ = _segment(text)
    notice = articles[1]
    assert (notice.kind, notice.title, notice.author_org, notice.date) == (
        "notice", "2025年征文启事", "区文化和旅游局", dt.date(2025, 3, 1))
    assert notice.text == "为迎接读书节，现面向全区征集作品。"


def test_segmentation_assembly_tells_a_signature_from_an_orphan_headline_after_a_notice():
    text = ("区政协召开常委会\n\n3月2日，区政协召开常委会，审议工作报告。\n\n"
            "小启\n\n本报下周休刊一期。\n\n区融媒体中心\n\n区政协召开常委会\n")
    articles, _ = _segment(text)
    assert [(a.title, a.author_org) for a in articles] == [("区政协召开常委会", None), ("小启", "区融媒体中心")]


def test_segmentation_assembly_gives_an_editors_note_to_the_article_below_it():
    text = ("区委常委会召开会议\n\n1月3日，区委常委会召开会议。\n\n编者按\n\n今起推出系列报道。\n\n"
            "坚守岗位的城市医生\n\n凌晨四点，环卫工人开始工作。\n")
    first, second = _segment(text)[0]
    assert first.text == "1月3日，区委常委会召开会议。"
    assert second.title == "坚守岗位的城市医生"
    assert second.text == "编者按\n今起推出系列报道。\n凌晨四点，环卫工人开始工作。"


def test_segmentation_assembly_starts_a_report_at_an_inline_byline():
    text = ("区长调研重点项目\n\n2月1日，区长调研重点项目。\n\n"
            "本报讯（记者 孙丽）2月2日，区人大常委会召开会议。\n")
    articles, _ = _segment(text)
    assert [a.title for a in articles] == ["区长调研重点项目", ""]
    assert articles[1].reporters == ["孙丽"] and articles[1].text.startswith("2月2日")


def test_segmentation_assembly_skips_page_furniture_and_jumps():
    text = ("浦东时报\n中共上海市浦东新区委员会主管\n2025年1月6日 星期一\n\n"
            "浦东新区召开经济工作会议\n\n1月5日，浦东新区经济工作会议召开。\n\n（下转第2版）\n\n责任编辑 李明\n")
    [article], teasers = _segment(text)
    assert (article.title, teasers) == ("浦东新区召开经济工作会议", [])
    assert article.text == "1月5日，浦东新区经济工作会议召开。"


# --- documents whose articles a reader already knows -------------------------------------------


def test_segmentation_structured_makes_one_article_per_listed_span():
    first = "本报记者 张三\n\n区政府召开常务会议，研究部署重点工\n\n作。\n\n会议要求\n\n各部门抓好落实。"
    second = "区领导走访慰问老党员。"
    text = f"{first}\n\n{second}"
    spans = [{"title": "走访慰问", "start": len(first) + 2, "end": len(text)},
             {"title": "常务会议", "start": 0, "end": len(first)}]
    articles, teasers = _segment(text, metadata={"articles": spans})
    assert [(a.ordinal, a.title) for a in articles] == [(0, "常务会议"), (1, "走访慰问")]
    assert articles[0].reporters == ["张三"]
    assert articles[0].text == "区政府召开常务会议，研究部署重点工作。\n会议要求\n各部门抓好落实。"
    assert (articles[0].start, articles[0].end) == (0, len(first))
    assert articles[1].text == second and teasers == []


def test_segmentation_structured_keeps_every_line_but_credits_in_the_body():
    text = "今天是星期一\n\n1 号线今起延长运营时间\n\n授勋的决定 2025年1月23日\n\n（记者 王五）"
    [article], _ = _segment(text, metadata={"articles": [{"title": "地铁", "start": 0, "end": len(text)}]})
    assert article.text == "今天是星期一\n1 号线今起延长运营时间\n授勋的决定 2025年1月23日"
    assert article.reporters == ["王五"]


def test_segmentation_structured_clamps_bad_spans_and_keeps_an_empty_one():
    text = "区领导走访慰问老党员。"
    spans = [{"title": "走访", "start": -5, "end": 999}, {"title": "空", "start": 3, "end": 3}, "not a span",
             {"title": "坏", "start": "x", "end": 2}]
    articles, _ = _segment(text, metadata={"articles": spans})
    assert [(a.title, a.start, a.end) for a in articles] == [("走访", 0, len(text)), ("空", 3, 3)]
    assert articles[0].text == text and articles[1].text == ""


def test_segmentation_structured_uses_the_document_title_when_the_text_shows_no_layout():
    text = "1月20日，区委召开会议。\n会议由区委书记主持。\n"
    [article], _ = _segment(text, title="区委召开会议")
    assert (article.title, article.text) == ("区委召开会议", "1月20日，区委召开会议。\n会议由区委书记主持。")


def test_segmentation_structured_prefers_the_layout_when_the_text_shows_headlines():
    text = "区委召开会议\n\n1月20日，区委召开会议。\n\n区政府召开常务会议\n\n1月21日，区政府召开常务会议。\n"
    articles, _ = _segment(text, title="一页报纸")
    assert [a.title for a in articles] == ["区委召开会议", "区政府召开常务会议"]


def test_segmentation_assembly_gives_each_page_of_a_long_file_its_own_orphan_headline():
    # Many copies of the sample page (its last headline is an orphan) in one .txt with no
    # form feed: every copy segments as the first, however far into the file.
    page = SAMPLE_PAGE.read_text(encoding="utf-8") + "\n\n"
    copies = 40
    [first_copy, all_copies] = [_segment(page * count)[0] for count in (1, copies)]
    assert any(page.rfind(a.title) >= a.end for a in first_copy), "the page should hold an orphan headline"
    expected = [(a.title, a.start + number * len(page), a.end + number * len(page), a.text)
                for number in range(copies) for a in first_copy]
    assert [(a.title, a.start, a.end, a.text) for a in all_copies] == expected
