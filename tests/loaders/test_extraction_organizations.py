"""Organisations and places (loaders/extraction/organizations.py, places.py)."""

from __future__ import annotations

import pytest

from loaders.extraction.pipeline import analyse_text, article_from_text, extract_article


def organizations(text: str, publication: str | None = "徐汇报") -> dict[str, list[str]]:
    facts = extract_article(article_from_text(text, publication=publication))
    return {f.args["name"]: f.props["aliases"] for f in facts if f.type == "organization"}


def test_organizations_short_forms_resolve_against_the_district() -> None:
    found = organizations("代表区委、区人大、区政府、区政协致以问候。")
    assert set(found) == {"中共上海市徐汇区委员会", "上海市徐汇区人民代表大会常务委员会",
                          "上海市徐汇区人民政府", "中国人民政治协商会议上海市徐汇区委员会"}
    assert found["中共上海市徐汇区委员会"] == ["区委"]


def test_organizations_division_and_form_resolve_anywhere() -> None:
    found = organizations("杭州市西湖区委召开会议,西湖区人民政府承办。", publication=None)
    assert "中共杭州市西湖区委员会" in found
    assert "杭州市西湖区人民政府" in found


def test_organizations_aliases_from_short_name_clauses() -> None:
    found = organizations("东方理工大学(以下简称“东理大”)与某区签约。东理大将设立研究院。")
    assert found["东方理工大学"] == ["东理大"]


def test_organizations_composite_name_is_part_of_its_prefix_and_one_with_its_rest() -> None:
    text = "东方理工大学建立未来创新中心(以下简称“东理未来中心”)。由区政府主办的东方理工大学未来创新中心揭牌仪式举行。"
    facts = extract_article(article_from_text(text, publication="徐汇报"))
    names = {f.args["name"]: f.props["aliases"] for f in facts if f.type == "organization"}
    assert set(names["东方理工大学未来创新中心"]) >= {"未来创新中心", "东理未来中心"}
    part_of = {(f.args["child"], f.args["parent"]) for f in facts if f.type == "part_of"}
    assert ("东方理工大学未来创新中心", "东方理工大学") in part_of


def test_organizations_common_words_are_not_organisations() -> None:
    found = organizations("基层干部要顾全大局,组建社会工作部门,完善发展格局。")
    assert found == {}


def test_a_verb_or_an_adverb_before_an_ending_makes_no_organisation() -> None:
    found = organizations("老于的女儿要考大学了。他刚出医院就回到岗位，为求职人员办了一件好事。", publication=None)
    assert found == {}
    kept = organizations("他在省医院工作。记者从北京市发改委了解到，发展银行贷款增加。", publication=None)
    assert {"省医院", "北京市发改委", "发展银行"} <= set(kept)


def test_organizations_do_not_begin_with_a_count_an_ordinal_or_a_time() -> None:
    text = "目前德国政府表示反对。多所大学参加。第八届中国法学会会长王晨主持会议，代表第八届理事会作报告。"
    found = organizations(text, publication=None)
    assert not [name for name in found if name.startswith(("目前", "多所", "第八届"))]
    assert {"德国政府", "中国法学会"} <= set(found)


def test_a_verb_after_an_organisations_ending_ends_the_name_there() -> None:
    found = organizations("国家京剧院建院70周年。清华大学建筑学院举办展览。", publication=None)
    assert "国家京剧院建院" not in found
    assert "清华大学建筑学院" in found  # 建筑 is a word: the name goes on


def test_teams_and_delegations_are_organisations_but_a_kind_of_team_is_not() -> None:
    found = organizations("辽宁队出场。救援队赶到现场。中国代表团抵达。国家应急医学救援队出发。", publication=None)
    assert {"辽宁队", "中国代表团", "国家应急医学救援队"} <= set(found)
    assert "救援队" not in found


def test_armed_movements_named_without_an_ending_resolve_to_their_full_names() -> None:
    text = "以军称对哈马斯目标展开行动。胡塞武装发表声明。总台记者报道。"
    found = organizations(text, publication=None)
    assert {"以色列国防军", "巴勒斯坦伊斯兰抵抗运动", "也门胡塞武装", "中央广播电视总台"} <= set(found)
    assert found["巴勒斯坦伊斯兰抵抗运动"] == ["哈马斯"]
    assert not analyse_text(text).persons


def test_places_venues_and_their_aliases() -> None:
    analysis = analyse_text("仪式在滨海国际会议中心举行。两个基地分别位于东方科技大厦(东方基地)"
                            "及“北湾智能小镇”(北湾基地)。")
    places = {m.text: m.attrs.get("aliases") for m in analysis.of("place")}
    assert places == {"滨海国际会议中心": None, "东方科技大厦": ["东方基地"], "北湾智能小镇": ["北湾基地"]}


def test_places_are_not_also_organisations() -> None:
    found = organizations("签约仪式在滨海国际人工智能中心举行。")
    assert "滨海国际人工智能中心" not in found


def test_organizations_do_not_begin_with_the_verb_before_them() -> None:
    found = organizations("会议要求做好法学会工作，增强党组织力量，进一步提升政府效能。", publication=None)
    assert "法学会" in found
    assert not [name for name in found if name.startswith(("做好", "增强", "进一步", "提升"))]
    assert "未来创新中心" in organizations("东方理工大学成立未来创新中心。")  # a time word begins names


def test_organizations_of_armed_forces_and_customs_but_no_relative_names() -> None:
    found = organizations("新疆生产建设兵团与昆明海关联合开展演练，驻区部队官兵参加。", publication=None)
    assert {"新疆生产建设兵团", "昆明海关"} <= set(found)
    assert not [name for name in found if name.startswith("驻")]  # troops stationed here: no name


def test_a_noun_ending_in_a_function_character_does_not_cut_a_name() -> None:
    found = organizations("国家数据局等部门发布通知。中央财经委员会召开会议。", publication=None)
    assert {"国家数据局", "中央财经委员会"} <= set(found)  # 据 of 数据, 经 of 财经


def test_national_forms_of_the_armed_forces_and_press_resolve_to_their_full_names() -> None:
    found = organizations("解放军和武警部队官兵参加救援，新华社报道。", publication=None)
    assert {"中国人民解放军", "中国人民武装警察部队", "新华通讯社"} <= set(found)


def test_places_take_the_ending_that_runs_furthest() -> None:
    analysis = analyse_text("成渝地区科技创新园区等平台建设加快。代表团参观了滨江难民营和长江大桥。", until="places")
    assert {m.text for m in analysis.of("place")} == {"成渝地区科技创新园区", "滨江难民营", "长江大桥"}


def test_places_do_not_begin_with_the_verb_before_them() -> None:
    analysis = analyse_text("暴雪来袭，导致兰州中川国际机场关闭。", until="places")
    assert [m.text for m in analysis.of("place")] == ["兰州中川国际机场"]


def test_organizations_named_after_two_joined_fields_are_one_body() -> None:
    found = organizations("区发展和改革委员会、市人力资源和社会保障局与中国物流与采购联合会共同发布报告。",
                          publication=None)
    assert {"区发展和改革委员会", "市人力资源和社会保障局", "中国物流与采购联合会"} <= set(found)
    assert not {"改革委员会", "社会保障局", "采购联合会"} & set(found)


def test_organizations_joined_by_and_stay_two_bodies() -> None:
    found = organizations("区商务委和区发改委联合召开会议。应急管理部会同国家统计局和市场监管局发布通知。",
                          publication=None)
    assert not [name for name in found if "和" in name.replace("共和国", "")]
    assert {"国家统计局", "市场监管局"} <= set(found)


def test_organizations_bureaus_ending_in_a_common_word_and_short_named_bodies() -> None:
    found = organizations("区民政局、区财政局、市国家安全局和区工商联、区科协、区残联负责人参加。"
                          "中东政局动荡，要顾全大局。", publication=None)
    assert {"区民政局", "区财政局", "区工商联", "区科协", "区残联"} <= set(found)
    assert not [name for name in found if name.endswith(("政局", "大局")) and name not in ("区民政局", "区财政局")]


def test_organizations_read_through_a_noun_that_begins_with_a_function_character() -> None:
    found = organizations("该院隶属于上海外经贸委。区经济和信息化委员会与长江流域经济研究所签约。", publication=None)
    assert {"上海外经贸委", "区经济和信息化委员会", "长江流域经济研究所"} <= set(found)


def test_organizations_a_counted_kind_is_no_body() -> None:
    found = organizations("区卫生健康局提出到年底前全区每个社区卫生服务中心都要达标，全国450个小学参加。",
                          publication=None)
    assert list(found) == ["区卫生健康局"]  # 社区卫生服务中心, 小学: kinds that are counted, no one body


def test_organizations_begin_after_a_noun_begun_by_a_function_character() -> None:
    found = organizations("法院判决被告上海某某科技有限公司支付货款。记者从中船集团获悉，在内蒙古科技大学采访。",
                          publication=None)
    assert {"上海某某科技有限公司", "中船集团", "内蒙古科技大学"} <= set(found)


@pytest.mark.parametrize("text", ["要发挥基层党组织的战斗堡垒作用。", "会议要求集中学习有关文件。",
                                  "号召女大学生参军入伍。"])
def test_organizations_never_end_one_character_short_of_a_word(text: str) -> None:
    assert organizations(text) == {}


def test_organizations_end_before_a_word_that_goes_on_with_another() -> None:
    assert "中国红十字会总会" in organizations("中国红十字会总会紧急调拨救灾物资。", None)
    assert "上海财经大学" in organizations("上海财经大学校长刘元春出席。", None)


def test_organizations_a_common_noun_before_a_generic_ending_is_a_kind() -> None:
    assert organizations("由于农业保险风险大，要为群众办实事。", None) == {}
    assert "平安人寿保险" in organizations("平安人寿保险发布年报。", None)


@pytest.mark.parametrize("text", ["成都一家著名电脑公司斥资建厂。", "美国第三大银行宣布合并。",
                                  "中美两国有关公司今天签约。"])
def test_organizations_a_count_within_the_name_makes_a_kind(text: str) -> None:
    assert organizations(text, None) == {}
