"""Persons, titles and posts (loaders/extraction/persons.py, titles.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.extraction.pipeline import analyse, analyse_text, article_from_text
from loaders.extraction.statistical import model as crf

ISSUE = dt.date(2025, 3, 10)


def persons(text: str, publication: str = "徐汇报") -> dict[str, str]:
    analysis = analyse_text(text, publication=publication, issue_date=ISSUE, until="persons")
    return {name: record.person_class for name, record in analysis.persons.items()}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("区领导张明、王华、李红、赵强与各界嘉宾欢聚一堂。", ["张明", "王华", "李红", "赵强"]),
        ("区委副书记孙权作工作部署。", ["孙权"]),
        ("副区长周华品出席。", ["周华品"]),
        ("区委常委、组织部长钱芳主持会议。", ["钱芳"]),
        ("中共中央总书记、国家主席、中央军委主席王建国发表讲话。", ["王建国"]),
        ("国务院总理李明1月3日主持召开国务院常务会议。", ["李明"]),
        ("欧阳明华出席。", ["欧阳明华"]),
    ],
)
def test_persons_names_in_lists_verbs_and_title_chains(text: str, names: list[str]) -> None:
    assert list(persons(text)) == names


def test_persons_a_name_ending_in_a_joiner_before_a_lists_comma_keeps_it() -> None:
    assert list(persons("区领导韩启德、罗富和、李海峰出席。")) == ["韩启德", "罗富和", "李海峰"]
    assert list(persons("区领导王明和李红出席。")) == ["王明", "李红"]


def test_persons_cited_only_are_mentioned() -> None:
    found = persons("牢记张建国总书记嘱托。要以张建国新时代思想为指导。区委书记王明出席。")
    assert found == {"王明": "official", "张建国": "mentioned"}


@pytest.mark.parametrize("text", [
    "会议传达学习了张建国总书记在中央经济工作会议上的重要讲话精神。",
    "要以张建国新时代中国特色社会主义思想为指导。",
    "正如张建国总书记所指出的，要坚持人民至上。",
    "推出《平“语”近人——张建国喜欢的典故》等节目。",
])
def test_persons_cited_by_a_speech_a_thought_or_a_work_are_mentioned(text: str) -> None:
    facts = analyse(article_from_text(text, publication="徐汇报", issue_date=ISSUE)).facts
    assert [(f.args["name"], f.props["class"]) for f in facts if f.type == "person"] == [("张建国", "mentioned")]


def test_persons_a_stray_bracket_far_before_cites_no_one() -> None:
    text = "《区志编纂工作方案印发，各单位要按时报送材料，确保编纂工作有序推进。3月2日，区委书记张建国出席会议并讲话。"
    facts = analyse(article_from_text(text, publication="徐汇报", issue_date=ISSUE)).facts
    assert [(f.args["name"], f.props["class"]) for f in facts if f.type == "person"] == [("张建国", "official")]


def test_persons_foreign_officials_from_titles_and_transliterations() -> None:
    found = persons("国家主席王建国会见来访的格林纳达总理米切尔。伊朗总统佩泽希齐扬当天发表讲话。", "新闻联播")
    assert found == {"王建国": "official", "米切尔": "foreign_official", "佩泽希齐扬": "foreign_official"}
    dotted = persons("国家主席王建国致电米哈伊尔·卡韦拉什维利，祝贺他就任格鲁吉亚总统。", "新闻联播")
    assert dotted["米哈伊尔·卡韦拉什维利"] == "foreign_official"
    adviser = persons("乌克兰总统办公室主任顾问谢尔盖·列先科6日说。", "新闻联播")
    assert list(adviser) == ["谢尔盖·列先科"]  # 顾问 is a title, not 顾 and a given name
    assert list(persons("英国首相斯塔默16日在报纸刊文表示。", "新闻联播")) == ["斯塔默"]  # not cut at 默


def test_persons_bylines_are_journalists() -> None:
    article = article_from_text("区委书记王明出席。", publication="徐汇报", issue_date=ISSUE)
    article.reporters = ["刘明", "陈红"]
    found = {name: record.person_class for name, record in analyse(article, "persons").persons.items()}
    assert found == {"王明": "official", "刘明": "journalist", "陈红": "journalist"}


def test_persons_surname_and_title_of_someone_named_is_no_new_name() -> None:
    assert list(persons("国家主席王建国发表新年贺词。官兵认真学习王主席新年贺词。", "新闻联播")) == ["王建国"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区委书记王明出席。", [("区委书记", "书记", "中共上海市徐汇区委员会")]),
        ("副区长王明出席。", [("副区长", "副区长", "上海市徐汇区人民政府")]),
        ("区委常委、宣传部长王明出席。",
         [("区委常委", "常委", "中共上海市徐汇区委员会"), ("宣传部长", "宣传部长", "中共上海市徐汇区委员会")]),
        ("区政协主席王明出席。", [("区政协主席", "主席", "中国人民政治协商会议上海市徐汇区委员会")]),
    ],
)
def test_titles_attach_posts_to_the_publications_district(text: str, expected: list[tuple[str, str, str]]) -> None:
    facts = analyse(article_from_text(text, publication="徐汇报", issue_date=ISSUE)).facts
    positions = [(f.props["title_as_written"], f.args["title"], f.props["organization"])
                 for f in facts if f.type == "position"]
    assert positions == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("街道党工委书记、一级调研员王明出席。", {"党工委书记", "一级调研员"}),
        ("区委常委、常务副区长王明出席。", {"区委常委", "常务副区长"}),
        ("街道党工委副书记、办事处主任王明出席。", {"党工委副书记", "主任"}),
        ("区政协副主席、区工商联主席王明出席。", {"区政协副主席", "区工商联主席"}),
        ("中共中央政治局委员、中央政法委书记王明出席。", {"中共中央政治局委员", "政法委书记"}),
    ],
)
def test_titles_ranks_and_chains_through_a_bodys_short_name(text: str, expected: set[str]) -> None:
    facts = analyse(article_from_text(text, publication="徐汇报", issue_date=ISSUE)).facts
    assert {f.props["title_as_written"] for f in facts if f.type == "position" and f.args["person"] == "王明"} \
        == expected


def test_titles_of_envoys_name_the_sending_country_before_the_post() -> None:
    found = persons("美国驻华大使伯恩斯会见客人。新加坡驻沪总领事黄明出席。中国驻美国大使谢锋出席。", "新闻联播")
    assert found == {"伯恩斯": "foreign_official", "黄明": "foreign_official", "谢锋": "official"}


def test_titles_hold_for_every_name_of_the_list_after_them() -> None:
    facts = analyse(article_from_text("副区长周红、郑伟出席会议。", publication="徐汇报", issue_date=ISSUE)).facts
    assert {(f.args["person"], f.args["title"]) for f in facts if f.type == "position"} == {
        ("周红", "副区长"), ("郑伟", "副区长")}
    assert persons("副区长周红、郑伟出席会议。") == {"周红": "official", "郑伟": "official"}


def test_titles_take_the_statistical_name_after_them_when_the_rules_read_none() -> None:
    found = persons("特朗普的言论引发争议，德国总理朔尔茨9日表示反对。习近平主席同拉克森会谈。", "新闻联播")
    assert found["朔尔茨"] == "foreign_official"
    assert not [name for name in found if name.startswith("同")]
    assert persons("欧洲央行行长拉加德当天表示，将继续降息。", "新闻联播").get("拉加德") == "foreign_official"


def test_titles_take_the_statistical_end_when_only_it_is_followed_by_what_ends_names() -> None:
    # the rules alone end these names where no word that ends names follows (安南希|望, 谷口清|太郎)
    assert "科菲·安南" in persons("联合国秘书长科菲·安南希望会议取得成功。", "新闻联播")
    assert "谷口清太郎" in persons("名古屋铁道会长谷口清太郎等人出席。", "新闻联播")
    assert "王明" in persons("区委书记王明表示，要抓好落实。")  # a name the rules end before a follower stays


def test_a_crf_name_the_words_around_it_run_into_is_no_name(monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, "张正义", "徐水舞", "李明")
    assert persons("为非洲人后裔伸张正义。徐水舞狮入选名录。", "新闻联播") == {}
    assert "李明" in persons("李明表示，要伸张正义。", "新闻联播")


def test_a_country_of_one_character_ending_a_transliterated_name_is_no_title_prefix(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, "奥朗德")
    analysis = analyse_text("奥朗德总统表示，将继续支持。", publication="新闻联播", until="persons")
    assert [(t.text, t.attrs["country"]) for t in analysis.of("title")] == [("总统", None)]
    assert "奥朗德" in analysis.persons
    abbreviated = analyse_text("会见德总统施泰因迈尔。", publication="新闻联播", until="persons")
    assert [(t.text, t.attrs["country"]) for t in abbreviated.of("title")] == [("德总统", "德")]


def test_titles_of_another_district_paper_resolve_to_that_district() -> None:
    facts = analyse(article_from_text("区委书记王明出席。", publication="闵行报", issue_date=ISSUE)).facts
    (position,) = [f for f in facts if f.type == "position"]
    assert position.props["organization"] == "中共上海市闵行区委员会"


def test_titles_national_chain_gives_several_posts() -> None:
    facts = analyse(article_from_text("中共中央总书记、国家主席、中央军委主席王建国发表讲话。",
                                      publication="新闻联播", issue_date=ISSUE)).facts
    positions = {(f.props["title_as_written"], f.props["organization"]) for f in facts if f.type == "position"}
    assert positions == {("中共中央总书记", "中国共产党中央委员会"), ("国家主席", "中华人民共和国"),
                         ("中央军委主席", "中华人民共和国中央军事委员会")}


def test_persons_credits_quote_the_byline_line() -> None:
    from loaders.document import Article, Document

    text = "标题\n□ 记者 刘明 陈红\n区委书记王明出席。\n"
    document = Document(text=text, source="page.txt", publication="徐汇报", issue_date=ISSUE)
    body_start = text.index("区委")
    body_end = text.index("。") + 1
    article = Article(document, 0, 0, len(text), text[body_start:body_end], list(range(body_start, body_end + 1)),
                      title="标题", reporters=["刘明", "陈红"])
    credits = [f for f in analyse(article).facts if f.type == "credit"]
    assert [(f.args["person"], f.provenance.sentence) for f in credits] == [
        ("刘明", "□ 记者 刘明 陈红"), ("陈红", "□ 记者 刘明 陈红")]


@pytest.mark.parametrize("byline", [["刘明", "陈红", "赵一"], ["赵一", "陈红", "刘明"]])
def test_persons_named_only_in_the_byline_keep_its_order(byline: list[str]) -> None:
    from loaders.document import Article, Document

    text = "标题\n区委书记王明出席。\n"
    document = Document(text=text, source="page.txt", publication="徐汇报", issue_date=ISSUE)
    body_start = text.index("区委")
    article = Article(document, 0, 0, len(text), text[body_start:], list(range(body_start, len(text) + 1)),
                      title="标题", reporters=byline[:2], photographers=byline[2:])
    assert [name for name in analyse(article).persons if name != "王明"] == byline


def test_a_form_of_address_follows_a_surname_alone() -> None:
    text = "王先生说，他珍藏着一张姚女士的照片。"
    persons = analyse_text(text, until="persons").persons
    assert not {"王先生", "张姚", "姚女士", "姚女"} & set(persons)


def test_a_party_before_a_title_is_no_name() -> None:
    persons = analyse_text("朝鲜劳动党总书记金正恩会见了代表团。", until="persons").persons
    assert "劳动党" not in persons and "金正恩" in persons


def test_a_name_after_a_title_does_not_end_inside_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKG_CRF", "off")
    text = "中央纪委书记李希应邀出席会议。国际组织负责人向中国人民送上祝福。"
    assert list(analyse_text(text, until="persons").persons) == ["李希"]


def test_a_crf_name_does_not_end_inside_a_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crf.CrfModel, "spans", lambda self, t: [("PER", t.index("李希"), t.index("李希") + 3)])
    assert list(analyse_text("下午李希代表中央讲话。", until="persons").persons) == []
    assert list(analyse_text("中央纪委书记李希应邀出席会议。", until="persons").persons) == ["李希"]


def _crf_reads(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    """The CRF reads these names as persons wherever they stand, and nothing else."""
    def spans(self: crf.CrfModel, text: str) -> list[tuple[str, int, int]]:
        return sorted(("PER", text.index(name), text.index(name) + len(name)) for name in names if name in text)
    monkeypatch.setattr(crf.CrfModel, "spans", spans)


def test_a_crf_name_may_end_where_a_commoner_word_begins(monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, "李富林")
    assert list(analyse_text("李富林立即赶到现场。", until="persons").persons) == ["李富林"]  # 林立 < 立即


def test_a_crf_name_in_a_list_of_names_needs_no_known_surname(monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, "刘正学", "果永毅", "哈尔科夫", "波克罗夫斯克")
    assert list(analyse_text("记者刘正学、果永毅报道。", until="persons").persons) == ["刘正学", "果永毅"]
    places = "在哈尔科夫、波克罗夫斯克等方向发生激烈战斗。"  # transliterations keep their place check
    assert list(analyse_text(places, until="persons").persons) == []


def test_a_crf_name_with_a_dot_is_read_where_a_name_may_end(monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, "彼得·皮奥", "差猜·春哈旺", "中·法")
    text = "规划署执行干事彼得·皮奥在开幕式上讲话。泰中友协会长差猜·春哈旺。中·法文化年开幕。"
    assert list(analyse_text(text, until="persons").persons) == ["彼得·皮奥", "差猜·春哈旺"]


def test_a_two_character_crf_transliteration_needs_a_word_that_ends_names(monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, "琼斯")
    assert list(analyse_text("看上去更像琼斯的保镖。", until="persons").persons) == ["琼斯"]
    assert list(analyse_text("琼斯堪称短跑天才。", until="persons").persons) == []


def test_a_crf_name_whose_given_name_is_a_place_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, "李长春", "林长春")
    assert list(analyse_text("中共中央政治局常委李长春视察博物馆。", until="persons").persons) == ["李长春"]
    assert list(analyse_text("吉林长春市举行会议。", until="persons").persons) == []  # 林 is 吉林's


def test_a_journalists_name_ends_before_the_next_credit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKG_CRF", "off")
    assert list(analyse_text("（记者杨莉通讯员王媛）信用卡欠款增加。", until="persons").persons) == ["杨莉", "王媛"]


def test_a_crf_name_widens_a_name_cut_before_a_character_that_follows_names_where_it_is_a_word(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, "金正日", "刘奇作")
    assert list(analyse_text("劳动党总书记金正日近日提出倡议。", until="persons").persons) == ["金正日"]
    assert list(analyse_text("区委书记刘奇作报告。", until="persons").persons) == ["刘奇"]  # no word: 刘奇|作


def test_a_crf_surname_and_one_character_end_where_a_common_word_begins(monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, "李昕", "尹锡")
    assert list(analyse_text("当年李昕那种拼劲令人难忘。", until="persons").persons) == ["李昕"]
    assert "尹锡" not in analyse_text("尹锡悦的讲话引起争议。", until="persons").persons  # cut from a name


def test_a_crf_transliteration_that_begins_with_a_surname_keeps_its_place_check(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, "马赫迪")
    text = "某伊斯兰抵抗运动（马赫迪）在加沙的负责人遇袭。马赫迪发表声明。"
    assert list(analyse_text(text, until="persons").persons) == []  # an alias in brackets, though 马 is a surname


def test_a_crf_name_the_article_gives_as_an_alias_in_brackets_is_no_person(monkeypatch: pytest.MonkeyPatch) -> None:
    later = "马赫迪发表声明，表示反对。"
    monkeypatch.setattr(crf.CrfModel, "spans", lambda self, t: [("PER", t.rindex("马赫迪"), t.rindex("马赫迪") + 3)])
    assert list(analyse_text(later, until="persons").persons) == ["马赫迪"]  # without the alias: a name
    text = "某伊斯兰抵抗运动（马赫迪）在加沙的负责人遇袭。" + later
    assert list(analyse_text(text, until="persons").persons) == []


def test_a_crf_surname_and_form_of_address_is_no_name(monkeypatch: pytest.MonkeyPatch) -> None:
    _crf_reads(monkeypatch, "张大姐")
    assert list(analyse_text("春节前，张大姐忙着布置新房。张大姐说，日子越过越好。", until="persons").persons) == []


@pytest.mark.parametrize("text", [
    "《论坛》发表重要文章。文章强调，要坚持改革。",  # a bare common word before a person's verb
    "全国人大常委会有关负责同志出席。",  # a name read leftwards from within 有关
    "日本首相石破茂、韩国代总统崔相穆出席。",  # a list running into a country
    "三个地区的负责人计划于12日访问。",  # a word after a title
    "黎巴嫩新总理强调恢复国家秩序。",  # inside a country's name
    "国有企业领导班子的考核。",  # a common word after a collective (领导)
    "来自石林村的党总支书记郑芹主动请缨。",  # a party branch before a title (党 is a surname too)
    "中方愿同韩方一道努力。韩方愿同中方加强合作。",  # a side and a verb before a person's verb (同)
    "当天，韩警方与公调处人员再次前往。",  # a country's police
])
def test_words_are_not_read_as_names(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setenv("DKG_CRF", "off")
    persons = set(analyse_text(text, until="persons").persons)
    assert not persons & {"文章", "关负责", "韩国代", "计划", "巴嫩新", "班子", "韩方愿", "党总支", "韩警方"}


def test_a_dotted_name_is_read_only_where_a_name_may_end(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKG_CRF", "off")
    text = "出席的有陈奎元、阿不来提·阿不都热西提等。美国克利夫兰·克利夫斯公司表示反对。总统米哈伊尔·卡韦拉什维利出席。"
    assert set(analyse_text(text, until="persons").persons) & {"提·阿", "克利夫兰·克利夫斯"} == set()
    assert "米哈伊尔·卡韦拉什维利" in analyse_text(text, until="persons").persons
