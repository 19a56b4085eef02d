"""Engines on the same pages in processes of their own, rounds interleaved, ratios of rates."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.extraction import available_engines, compare_engines, corpus_files, documents_of


def test_extraction_corpus_files_stop_at_the_character_budget(tiny_corpus: Path) -> None:
    every = corpus_files(tiny_corpus)
    assert len(every) == 4
    first = corpus_files(tiny_corpus, max_chars=1)
    assert first == every[:1]
    assert sum(len(d.text) for d in documents_of(first)) > 1


def test_extraction_engines_run_the_same_text(tiny_corpus: Path) -> None:
    engines = [e for e in available_engines() if e in ("dkg", "dkg-rules", "dkg-graph", "jieba")]
    if engines != ["dkg", "dkg-rules", "dkg-graph", "jieba"]:
        pytest.skip("jieba is not installed")
    result = compare_engines(corpus_files(tiny_corpus, max_chars=1), engines, rounds=2)
    dkg, jieba = result["engines"]["dkg"], result["engines"]["jieba"]
    assert dkg["chars"] == jieba["chars"] > 0 and dkg["documents"] == jieba["documents"] == 1
    assert len(dkg["rounds"]) == len(jieba["rounds"]) == 2
    assert dkg["units"] == 4 and dkg["facts"] > 0  # four articles on the page
    rules = result["engines"]["dkg-rules"]  # the same pages without the CRF, in a process of its own
    assert rules["units"] == dkg["units"] and rules["facts"] > 0 and result["speedup_cpu"]["dkg-rules"] > 0
    graph = result["engines"]["dkg-graph"]  # the same facts, resolved on into a graph batch
    assert (graph["units"], graph["facts"]) == (dkg["units"], dkg["facts"])
    assert result["graph_speedup_cpu"]["jieba"] > 0 and "dkg-graph" not in result["graph_speedup_cpu"]
    assert jieba["units"] > 100  # words tagged
    assert result["speedup_cpu"]["jieba"] > 0 and result["speedup_wall"]["jieba"] > 0
    assert dkg["peak_rss_mib"] > 20
