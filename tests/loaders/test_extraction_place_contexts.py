"""Where names stand as places' (loaders/extraction/place_contexts.py)."""

from __future__ import annotations

import pytest

from loaders.extraction.pipeline import analyse_text
from loaders.extraction.place_contexts import in_place_context
from loaders.extraction.statistical import model as crf

RUN = "哈尔科夫苏梅波克罗夫斯克扎波罗热布林肯特拉维夫库拉霍沃埃拉特阿什凯隆卡西尼杰哈德恩格斯琼斯道莫比尔奥尔良"


def _in_place(text: str, name: str, occurrence: int = 0) -> bool:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return in_place_context(analyse_text(text, until="persons"), start, start + len(name), RUN)


@pytest.fixture(autouse=True)
def _no_crf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crf.CrfModel, "spans", lambda self, text: [])


@pytest.mark.parametrize(("text", "name"), [
    ("乌军在哈尔科夫击退进攻。", "哈尔科夫"),  # after a word of being there
    ("乌军在哈尔科夫、波克罗夫斯克等方向击退进攻。", "波克罗夫斯克"),  # the list is after 在
    ("电力公司称，哈尔科夫、苏梅、扎波罗热等多地停电。", "哈尔科夫"),  # the list is before 等多地
    ("袭击了特拉维夫、阿什凯隆和埃拉特三座城市。", "埃拉特"),  # a noun of places a little after the list
    ("库拉霍沃的巷战仍在持续。", "库拉霍沃"),  # 的 and a noun of what places have
    ("导弹击中以色列特拉维夫的一座发电站。", "特拉维夫"),  # right after a country
    ("“卡西尼”号飞船发射。", "卡西尼"),  # in a quoted title, before 号
    ("圣战组织（杰哈德）称。", "杰哈德"),  # an alias in brackets after a word
    ("股票属道—琼斯指数。", "琼斯"),  # joined by a dash
    ("俄罗斯和奥尔良两地合作。", "奥尔良"),  # in a list with a country
    ("活动在马德里市郊的富恩拉夫拉达举行。", "富恩拉夫拉达"),  # after X的 where X is a place
    ("他会见了特斯拉公司的代表。", "特斯拉"),  # before an organisation's ending
])
def test_names_in_a_places_context(text: str, name: str) -> None:
    assert _in_place(text, name)


@pytest.mark.parametrize(("text", "name"), [
    ("美国国务卿布林肯表示欢迎。", "布林肯"),
    ("布林肯和琼斯就中东问题交换意见。", "琼斯"),
    ("“研究的方法”（恩格斯）。", "恩格斯"),  # a source after a quote
    ("去年，琼斯跑出了好成绩，在赛场上很出色。", "琼斯"),  # 在 is not right before the name
])
def test_names_in_no_places_context(text: str, name: str) -> None:
    assert not _in_place(text, name)


def test_a_crf_place_in_the_list_makes_its_members_places(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "莫比尔和奥尔良遭遇暴风雪，居民受灾。"
    start = text.index("奥尔良")
    monkeypatch.setattr(crf.CrfModel, "spans", lambda self, t: [("LOC", start, start + 3)])
    analysis = analyse_text(text, until="persons")
    assert in_place_context(analysis, 0, 3, RUN)
    monkeypatch.setattr(crf.CrfModel, "spans", lambda self, t: [("PER", start, start + 3)])
    assert not in_place_context(analyse_text(text, until="persons"), 0, 3, RUN)
