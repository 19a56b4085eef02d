"""Places written as one character (loaders/extraction/abbreviations.py) and how the NER benchmarks take them."""

from __future__ import annotations

import pytest

from loaders.extraction.abbreviations import abbreviation_spans
from loaders.extraction.ner_eval import PEOPLES_DAILY_LABELS, engine_spans
from loaders.extraction.pipeline import analyse_text


def abbreviations(text: str) -> list[str]:
    return [text[start:end] for start, end in abbreviation_spans(analyse_text(text, until="persons"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中美关系稳定发展。", ["中", "美"]),
        ("印巴两国举行会谈。", ["印", "巴"]),
        ("京津冀协同发展。", ["京", "津"]),
        ("他说，中、阿建交以来关系良好。", ["中", "阿"]),
        ("总统访华期间签署协议。", ["华"]),
        ("代表团在京参观。", ["京"]),
        ("会议认为，俄政府应当回应。", ["俄"]),
        ("希望美方采取措施。", ["美"]),
    ],
)
def test_one_character_places_in_their_contexts(text: str, expected: list[str]) -> None:
    assert abbreviations(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "人们对美好生活充满向往。",  # 美好 is a word
        "将重要内容加以改革。",  # 加以 is a word, not 加 and 以
        "要求越来越高。",  # 越来越
        "美国和日本代表出席。",  # whole country names, read by the lexicon
        "他们在加拉加斯开会。",  # a transliterated name begins after 在
        "司垄断了神奈川、青森等县。",  # the end of one name and the start of another
        "中华民族伟大复兴。",  # 华 only after a word of going
    ],
)
def test_one_character_places_not_read_outside_their_contexts(text: str) -> None:
    assert abbreviations(text) == []


def test_a_person_name_is_not_read_as_places() -> None:
    assert abbreviations("会议由主任王沪宁主持。") == []


def test_peoples_daily_labels_take_abbreviations_as_places_and_governments_by_their_place() -> None:
    text = "中美关系发展，中国政府表示欢迎。"
    found = engine_spans(text, PEOPLES_DAILY_LABELS, "dkg")
    assert {("LOC", 0, 1), ("LOC", 1, 2), ("LOC", 7, 9)} <= found
    assert not [span for span in found if span[0] == "ORG" and text[span[1]:span[2]].endswith("政府")]


def test_a_word_of_going_is_read_before_the_character_only() -> None:
    assert abbreviations("美，他在") == []  # not 在 at the text's end, as a negative offset would read it
