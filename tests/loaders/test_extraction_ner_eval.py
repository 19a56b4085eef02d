"""NER benchmark readers and scoring (loaders/extraction/ner_eval.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dkg.errors import InputError
from loaders.extraction.ner_eval import (
    CLUENER_LABELS,
    PEOPLES_DAILY_LABELS,
    BioSentence,
    evaluate_ner,
    predicted_spans,
    read_bio,
    read_cluener,
)


def test_ner_eval_reads_bio_spans(tmp_path: Path) -> None:
    path = tmp_path / "a.bio"
    path.write_text("王 B-PER\n明 I-PER\n在 O\n上 B-LOC\n海 I-LOC\n\n国 B-ORG\n务 I-ORG\n院 I-ORG\n", encoding="utf-8")
    sentences = list(read_bio(path))
    assert [(s.text, s.spans) for s in sentences] == [
        ("王明在上海", [("PER", 0, 2), ("LOC", 3, 5)]), ("国务院", [("ORG", 0, 3)])]


def test_ner_eval_bad_bio_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.bio"
    path.write_text("王 B-PER\n明\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.bio:2"):
        list(read_bio(path))


def test_ner_eval_reads_cluener_labels_end_inclusive(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    record = {"text": "深圳市人大常委会主任王明", "label": {"government": {"深圳市人大常委会": [[0, 7]]},
                                                  "position": {"主任": [[8, 9]]}, "game": {"x": [[0, 0]]}}}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (sentence,) = read_cluener(path)
    assert sorted(sentence.spans) == [("government", 0, 8), ("position", 8, 10)]


def test_ner_eval_maps_mentions_to_labels() -> None:
    text = "国务院总理王明在北京会见格林纳达总理米切尔。"
    spans = predicted_spans(text, PEOPLES_DAILY_LABELS)
    assert {(label, text[s:e]) for label, s, e in spans} >= {("PER", "王明"), ("ORG", "国务院"), ("LOC", "北京"),
                                                             ("PER", "米切尔")}
    spans = predicted_spans(text, CLUENER_LABELS)
    assert {(label, text[s:e]) for label, s, e in spans} >= {("name", "王明"), ("position", "国务院总理"),
                                                             ("position", "格林纳达总理")}


def test_ner_eval_scores_exact_spans_only() -> None:
    sentence = BioSentence("国务院总理王明出席。", [("PER", 5, 7), ("ORG", 0, 2)])
    scores = evaluate_ner([sentence], PEOPLES_DAILY_LABELS)
    assert (scores["PER"].tp, scores["PER"].gold) == (1, 1)
    assert (scores["ORG"].tp, scores["ORG"].predicted, scores["ORG"].gold) == (0, 1, 1)
    assert scores["all"].gold == 2
