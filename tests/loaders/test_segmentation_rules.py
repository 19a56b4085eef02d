"""The rules of segmentation one by one: column breaks, credits, sources, dates, headlines, lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from loaders.segmentation.classify import classify_lines
from loaders.segmentation.columns import repair_column_breaks, should_join
from loaders.segmentation.credits import parse_credit, parse_source, split_lead_credit, split_trailing_credit
from loaders.segmentation.dates import parse_date_line
from loaders.segmentation.headlines import BODY, HEADLINE, SHORT, split_headline, text_shape
from loaders.segmentation.lines import split_lines

# --- column breaks ---------------------------------------------------------------------------


@pytest.mark.parametrize(("previous", "following"), [
    ("区图书馆新馆是上海图书", "馆系统的第一家智慧分馆，藏书二十万册。"),        # short line cut mid-word
    ("会议听取了区发展改革委关于今年重大项目推进情况的汇报，研究部署下一阶段重", "点工作。"),
    ("会上，与会代表围绕城市更新、产业升级等议题展开讨论，并就完善基层治理", "体系提出建议。"),
    ("活动现场，区领导为获奖单位颁发奖牌，向他们表示祝贺", "，并合影留念。"),   # next opens with punctuation
    ("方案明确，到年底全区每个社区都要建成一个养老服务", "站，为老年人提供助餐服务。"),
])
def test_segmentation_columns_join_a_paragraph_cut_by_a_column_break(previous, following):
    assert should_join(previous, following)


@pytest.mark.parametrize(("previous", "following"), [
    ("区政协召开全体会议", "3月1日上午，区政协全体会议召开。"),                  # headline, then its body
    ("会议强调，要抓好各项工作落实。", "区领导出席会议。"),                      # sentence closed
    ("与会人员观看了专题片，听取了工作汇报", "城市更新行动启动仪式举行"),          # body, then a headline
    ("“十四五”规划收官之年", "1月5日，区委常委会召开会议。"),
])
def test_segmentation_columns_keep_separate_paragraphs_apart(previous, following):
    assert not should_join(previous, following)


def test_segmentation_columns_keep_the_offset_of_every_kept_character():
    text = "标题行文字很短\n\n区图书馆新馆是上海图书\n\n馆系统的第一家智慧分馆，藏书二十万册。\n"
    items = repair_column_breaks(classify_lines(split_lines(text)))
    body = next(item for item in items if item.kind == BODY)
    assert body.text == "区图书馆新馆是上海图书馆系统的第一家智慧分馆，藏书二十万册。"
    assert [text[offset] for offset in body.offsets] == list(body.text)
    assert body.offsets[11] - body.offsets[10] == 3  # the newline and blank line were skipped


def test_segmentation_columns_join_across_lines_with_no_blank_between():
    text = "　　会议明确了十个方面的\n重点任务，部署了全年工作。\n"
    [item] = repair_column_breaks(classify_lines(split_lines(text)))
    assert item.text == "会议明确了十个方面的重点任务，部署了全年工作。"


# --- credits and sources ---------------------------------------------------------------------


@pytest.mark.parametrize(("line", "reporters", "photographers"), [
    ("□ 记者 刘坤 王永娟 陈文卿", ["刘坤", "王永娟", "陈文卿"], []),
    ("本报记者 张三 通讯员 李四", ["张三", "李四"], []),
    ("本报记者赵磊", ["赵磊"], []),
    ("■ 本报记者 冯雪 实习生 秦朗", ["冯雪", "秦朗"], []),
    ("文/孙浩 图/周敏", ["孙浩"], ["周敏"]),
    ("记者 王强/文 李明/图", ["王强"], ["李明"]),
    ("张三 摄", [], ["张三"]),
    ("刘坤 陈文卿 摄影报道", [], ["刘坤", "陈文卿"]),
    ("（记者 胡杨 摄）", [], ["胡杨"]),
    ("（记者 陈晨 通讯员 黄丽）", ["陈晨", "黄丽"], []),
    ("摄影 欧阳明", [], ["欧阳明"]),
    ("图文 马丽", ["马丽"], ["马丽"]),
    ("本报记者 张三 北京报道", ["张三"], []),
    ("记者张三摄", [], ["张三"]),
    ("通讯员李四报道", ["李四"], []),
])
def test_segmentation_credits_read_byline_forms(line, reporters, photographers):
    credit = parse_credit(line)
    assert credit is not None and credit.marked
    assert (credit.reporters, credit.photographers) == (reporters, photographers)


@pytest.mark.parametrize("line", ["记者节座谈会举行", "记者走基层", "共同祝愿 美好未来", "区领导走访慰问困难群众",
                                  "新春走基层 记者在一线"])
def test_segmentation_credits_refuse_headlines(line):
    credit = parse_credit(line)
    assert credit is None or not credit.marked


def test_segmentation_credits_keep_a_name_that_ends_like_a_tail():
    credit = parse_credit("记者 张宏图")
    assert credit is not None and (credit.reporters, credit.photographers) == (["张宏图"], [])


def _listed_surnames() -> list[str]:
    text = (Path(__file__).parents[2] / "loaders" / "lexicons" / "surnames.txt").read_text(encoding="utf-8")
    return [word for line in text.splitlines() if not line.startswith("#") for word in line.split()]


def test_segmentation_credits_know_the_surnames_extraction_knows_and_the_byline_extras():
    extras = ["国", "和", "公羊"]  # words too common for running text, names in a byline
    for surname in [*_listed_surnames(), *extras]:
        credit = parse_credit(f"记者{surname}明华")
        assert credit is not None and credit.reporters == [f"{surname}明华"], surname
    assert parse_credit("记者的明华") is None


def test_segmentation_credits_glue_a_name_to_its_longest_marker_and_tail():
    assert parse_credit("本报记者张明华").reporters == ["张明华"]
    assert parse_credit("王芳摄影报道").photographers == ["王芳"]
    assert parse_credit("图文 王芳").reporters == parse_credit("图文 王芳").photographers == ["王芳"]


@pytest.mark.parametrize(("paragraph", "body", "reporters"), [
    ("本报讯（记者 张三 通讯员 李四）日前，区里召开会议。", "日前，区里召开会议。", ["张三", "李四"]),
    ("闵行报讯(记者 张伟)3月4日上午，大会召开。", "3月4日上午，大会召开。", ["张伟"]),
    ("本报讯 日前，区里召开会议。", "日前，区里召开会议。", []),
    ("本报讯 记者张三 通讯员李四报道：日前，区里召开会议。", "日前，区里召开会议。", ["张三", "李四"]),
    ("本报讯 日前，区里召开会议：一是加强领导。", "日前，区里召开会议：一是加强领导。", []),
])
def test_segmentation_credits_cut_an_inline_byline_from_the_body(paragraph, body, reporters):
    start, credit = split_lead_credit(paragraph)
    assert paragraph[start:] == body
    assert credit is not None and credit.reporters == reporters


@pytest.mark.parametrize("paragraph", ["据悉，区里召开会议。", "（一）加强组织领导。", "喜讯传来，全场欢呼。"])
def test_segmentation_credits_leave_ordinary_openings(paragraph):
    assert split_lead_credit(paragraph) == (0, None)


@pytest.mark.parametrize(("paragraph", "body", "photographers", "source"), [
    ("图为招聘会现场。（王芳 摄）", "图为招聘会现场。", ["王芳"], None),
    ("共200余人参加。 刘洋 摄", "共200余人参加。", ["刘洋"], None),
    ("副区长出席。(来源:区委办)", "副区长出席。", [], "区委办"),
    ("港科大(以下简称“港科大”)", "港科大(以下简称“港科大”)", [], None),
])
def test_segmentation_credits_cut_a_trailing_credit_or_source(paragraph, body, photographers, source):
    end, credit, found_source = split_trailing_credit(paragraph)
    assert paragraph[:end].rstrip() == body
    assert (credit.photographers if credit else []) == photographers
    assert found_source == source


@pytest.mark.parametrize(("line", "source"), [
    ("(来源:区委办)", "区委办"), ("（来源：区府办）", "区府办"), ("来源：区文旅局", "区文旅局"),
    ("（区卫健局供稿）", "区卫健局"), ("稿源：长宁发布", "长宁发布"), ("（据新华社）", "新华社"),
    ("来源 | 徐汇发布", "徐汇发布"), ("来源广泛的资金支持了这个项目。", None), ("区委办", None),
])
def test_segmentation_credits_read_source_lines(line, source):
    assert parse_source(line) == source


@pytest.mark.parametrize(("line", "date"), [
    ("2025年1月27日", dt.date(2025, 1, 27)), ("二〇二五年二月十日", dt.date(2025, 2, 10)),
    ("二〇二四年十二月三十一日", dt.date(2024, 12, 31)), ("2025-03-05", dt.date(2025, 3, 5)),
    ("2025年2月30日", None), ("1月20日上午", None), ("2025年1月27日 星期一", None),
])
def test_segmentation_dates_read_whole_date_lines(line, date):
    assert parse_date_line(line) == date


# --- headlines -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "shape"), [
    ("港科大上海产教融合中心落户徐汇", HEADLINE),
    ("共同祝愿徐汇繁荣美好未来 徐汇区各界人士迎新春团拜会举行", HEADLINE),
    ("坚守岗位的“城市医生”", HEADLINE),
    ("区领导出席。", BODY),
    ("会议强调，要抓好落实、压实责任", BODY),
    ("小启", SHORT),
    ("一、加强组织领导", BODY),
])
def test_segmentation_headlines_shape_text(text, shape):
    assert text_shape(text) == shape


@pytest.mark.parametrize(("lines", "kicker", "title", "subtitles"), [
    (["共同祝愿徐汇繁荣美好未来 徐汇区各界人士迎新春团拜会举行"],
     "共同祝愿徐汇繁荣美好未来", "徐汇区各界人士迎新春团拜会举行", []),
    (["春风送岗位 就业暖人心"], None, "春风送岗位 就业暖人心", []),
    (["聚焦群众急难愁盼", "宝安区推进社区卫生服务能力提升"], "聚焦群众急难愁盼", "宝安区推进社区卫生服务能力提升", []),
    (["海淀区召开科技创新大会", "——全年新增市场主体两万户"],
     None, "海淀区召开科技创新大会", ["——全年新增市场主体两万户"]),
    (["海淀区召开科技创新大会 打造中关村科学城新高地"], None, "海淀区召开科技创新大会", ["打造中关村科学城新高地"]),
    (["港科大上海中心 落户徐汇"], None, "港科大上海中心 落户徐汇", []),
])
def test_segmentation_headlines_split_kicker_title_subtitle(lines, kicker, title, subtitles):
    headline = split_headline(lines)
    assert (headline.kicker, headline.title, headline.subtitles) == (kicker, title, subtitles)


# --- line classification ---------------------------------------------------------------------


@pytest.mark.parametrize(("text", "kinds"), [
    ("07 张家弄片区房屋征收项目\n成功生效", ["teaser"]),
    ("第5版 七宝老街迎来赏花季", ["teaser"]),
    ("社区食堂开张了（详见第3版）", ["teaser"]),
    ("（下转第2版）", ["jump"]),
    ("中共上海市闵行区委员会主管主办\n2025年3月5日 星期三\n责任编辑 钱晓红", ["furniture"] * 3),
    ("刘坤 陈文卿\n摄影报道", ["credit"]),
    ("□ 记者\n刘坤 陈文卿", ["byline"]),
    ("徐汇区融媒体中心\n2025年1月27日", ["signature"]),
    ("区融媒体中心 2025年1月27日", ["signature"]),
    ("图片新闻\n\n【小启】\n\n编者按", ["label"] * 3),
    ("2025年1月27日", ["date"]),
    ("第1版 要闻\nA02 综合\n宝安日报", ["furniture"] * 3),
])
def test_segmentation_classify_names_each_line(text, kinds):
    assert [item.kind for item in classify_lines(split_lines(text))] == kinds


def test_segmentation_classify_reads_a_two_line_teaser_title():
    [teaser] = classify_lines(split_lines("07 张家弄片区房屋征收项目\n成功生效"))
    assert (teaser.info["page"], teaser.info["title"]) == (7, "张家弄片区房屋征收项目成功生效")


def test_a_body_credited_for_text_or_pictures_is_the_source_not_a_reporter() -> None:
    assert split_trailing_credit("会议举行。（图文：区文旅局）") == (5, None, "区文旅局")
    assert split_trailing_credit("会议举行。（文字来源：区民政局）") == (5, None, "区民政局")
    assert split_trailing_credit("会议举行。（图文：张伟）")[1].photographers == ["张伟"]
