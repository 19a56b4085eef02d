"""dkg ingest timed from outside on a generated corpus, and the extrapolation to 2M articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.growth import extrapolate, ingest_corpus, query_store


def test_growth_ingest_of_a_tiny_corpus_is_measured(tiny_corpus: Path, tmp_path: Path) -> None:
    chars = sum(len(p.read_text(encoding="utf-8")) for p in tiny_corpus.rglob("*.txt"))
    measured = ingest_corpus(tiny_corpus, tmp_path / "store", workers=2, chars=chars)
    assert measured["articles"] == 16 and measured["files"] == 4 and measured["failures"] == 0
    assert measured["edges_written"] > 0 and measured["disk_mib"] > 0
    assert measured["max_rss_mib"] > 20 and measured["wall_s"] > 0 and measured["cpu_s"] > 0
    assert measured["bulk"] is False
    bulk = ingest_corpus(tiny_corpus, tmp_path / "bulk-store", workers=2, chars=chars, bulk=True)
    assert bulk["bulk"] is True and bulk["failures"] == 0
    assert bulk["edges_written"] == measured["edges_written"]  # the same graph either way
    answers = query_store(tmp_path / "store", subjects_per_query=2, repeats=1, seed=0, budget_s=5)
    assert set(answers) == {"attendees", "events", "coattendees", "positions", "search", "catalogue"}
    assert answers["events"]["samples"] >= 1 and answers["events"]["mean_rows"] >= 1


def test_growth_extrapolates_through_the_two_largest_runs() -> None:
    runs = [{"chars": 10, "wall_s": 100.0, "cpu_s": 1.0},  # a noisy small run is left out
            {"chars": 1000, "wall_s": 12.0, "cpu_s": 20.0, "main_cpu_s": 5.0, "edges_written": 50, "disk_mib": 2.0},
            {"chars": 11000, "wall_s": 22.0, "cpu_s": 40.0, "main_cpu_s": 15.0, "edges_written": 550,
             "disk_mib": 22.0}]
    estimate = extrapolate(runs, articles=1000, chars_per_article=100, cores=2)
    assert estimate["per_char_wall_s"] == pytest.approx(0.001)
    assert estimate["wall_hours"] * 3600 == pytest.approx(11 + 100)
    assert estimate["free_cores_hours"] * 3600 == pytest.approx((18 + 200) / 2)
    assert estimate["main_process_hours"] * 3600 == pytest.approx(4 + 100)
    assert estimate["edges"] == pytest.approx(5000)


def test_growth_extrapolation_needs_two_sizes() -> None:
    assert "skipped" in extrapolate([{"chars": 1, "wall_s": 1.0, "cpu_s": 1.0}])
