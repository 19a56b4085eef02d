"""The benchmark run: options, a store-only run end to end, results as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.run import Config, main, parse_args


def test_run_options_and_quick_defaults() -> None:
    quick = parse_args(["--quick", "--edges", "1000,2_000", "--sections", "store"])
    assert quick.quick and quick.edges == [1000, 2000] and quick.sections == ["store"] and quick.unit == 8
    full = parse_args([])
    assert full.scales == [1, 10, 100] and full.edges == [100_000, 1_000_000] and not full.keep
    assert full.growth_write_path and not parse_args(["--no-write-path"]).growth_write_path
    with pytest.raises(SystemExit):
        parse_args(["--sections", "nothing"])


def test_run_store_section_writes_json_and_a_table(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    status = main(["--quick", "--sections", "store", "--unit", "4", "--edges", "200,600", "--out", str(tmp_path)])
    assert status == 0
    results = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    assert results["errors"] == {} and results["corpus"]["corpora"]["1"]["articles"] == 4
    reached = [s for s in results["store"]["targets"] if s["reached"]]
    assert [s["target_edges"] for s in reached] == [200, 600]
    bulk = results["store"]["bulk_new_store"]
    assert bulk["edges"] >= 200 and bulk["triples"] > bulk["edges"] and bulk["triples_per_s"] > 0
    assert set(reached[-1]["queries"]) == {"attendees", "events", "coattendees", "positions", "search", "catalogue"}
    assert not (tmp_path / "work").exists()  # the work folder is removed without --keep
    assert "Embedded store at a size" in capsys.readouterr().out


def test_run_config_quick_run_keeps_changes() -> None:
    config = Config.quick_run(workers=1)
    assert config.workers == 1 and config.rounds == 2
