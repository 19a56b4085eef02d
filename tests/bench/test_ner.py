"""The NER section: every engine on the same sentences and gold pages, the F1 table and target."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from bench.ner import available_engines, f1_summary, measure_ner
from bench.report import check_targets, print_report
from bench.run import SECTIONS, parse_args


@pytest.fixture
def tiny_benchmarks(tmp_path: Path) -> Path:
    """Two sentences per benchmark file, in each one's format."""
    bio = "王 B-PER\n明 I-PER\n在 O\n北 B-LOC\n京 I-LOC\n工 O\n作 O\n\n国 B-ORG\n务 I-ORG\n院 I-ORG\n开 O\n会 O\n"
    for relative in ("peoples-daily/test.bio", "msra/test.bio"):
        (tmp_path / relative).parent.mkdir(parents=True)
        (tmp_path / relative).write_text(bio, encoding="utf-8")
    records = [{"text": "国务院总理王明访问上海",
                "label": {"name": {"王明": [[5, 6]]}, "position": {"国务院总理": [[0, 4]]}}},
               {"text": "深圳市人民政府发布通知", "label": {"government": {"深圳市人民政府": [[0, 6]]}}}]
    (tmp_path / "cluener2020").mkdir()
    (tmp_path / "cluener2020" / "dev.json").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    return tmp_path


def test_ner_section_scores_every_engine_on_every_set(tiny_benchmarks: Path, shared_dir: Path) -> None:
    gold = {"sample page": (shared_dir / "gold", None), "missing": (tiny_benchmarks / "nowhere", None)}
    ner = measure_ner(["dkg", "jieba"], limit=1, root=tiny_benchmarks, gold_sets=gold)
    assert set(ner["datasets"]) == {"peoples-daily", "msra", "cluener"}
    assert all(result["sentences"] == 1 for result in ner["datasets"].values())
    assert list(ner["gold"]) == ["sample page"]  # a missing gold folder is left out
    pd = ner["datasets"]["peoples-daily"]["engines"]
    assert pd["dkg"]["scores"]["all"]["gold"] == pd["jieba"]["scores"]["all"]["gold"] == 2
    assert set(f1_summary(ner)["msra"]) == {"dkg", "jieba"}
    assert ner["gold"]["sample page"]["engines"]["jieba"]["scores"]["person"]["predicted"] > 0


def _ner_results(dkg_f1: float) -> dict:
    def scores(f1: float) -> dict:
        return {"scores": {label: {"precision": f1, "recall": f1, "f1": f1} for label in ("PER", "all")}}

    dataset = {"sentences": 10, "scores": {}, "engines": {"dkg": scores(dkg_f1), "jieba": scores(0.5),
                                                            "lac": scores(0.7)}}
    dataset["scores"] = dataset["engines"]["dkg"]["scores"]
    return {"ner": {"engines": ["dkg", "jieba", "lac"], "limit": None, "datasets": {"msra": dataset}, "gold": {}}}


def test_ner_target_is_met_only_above_both_comparators() -> None:
    def met(results: dict) -> bool | None:
        return next(t["met"] for t in check_targets(results) if t["name"].startswith("F1 above"))

    assert met(_ner_results(0.8)) is True
    assert met(_ner_results(0.6)) is False  # above jieba, below lac
    assert met({}) is None


def test_ner_table_lists_engines_per_set_and_label() -> None:
    out = io.StringIO()
    print_report(_ner_results(0.6), Console(file=out, width=200))
    text = out.getvalue()
    assert "NER F1 by engine" in text and "msra (10 sentences)" in text
    assert "0.600" in text and "0.700" in text


def test_ner_section_is_selectable_and_quick_samples() -> None:
    assert "ner" in SECTIONS and available_engines()[:1] == ["dkg"]
    assert parse_args(["--quick"]).ner_sentences == 200
    assert parse_args([]).ner_sentences is None
    assert parse_args(["--sections", "ner", "--ner-sentences", "50"]).ner_sentences == 50
