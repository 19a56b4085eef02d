"""``dkg eval-ner`` on small benchmark files and on the shared ones."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from dkg.cli import app

runner = CliRunner()


def test_cli_ner_scores_a_given_file_as_json(tmp_path: Path) -> None:
    path = tmp_path / "mini.bio"
    path.write_text("区 O\n委 O\n书 O\n记 O\n王 B-PER\n明 I-PER\n出 O\n席 O\n", encoding="utf-8")
    result = runner.invoke(app, ["eval-ner", "--benchmark", "peoples-daily", "--file", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)["peoples-daily"]["scores"]
    assert scores["PER"]["tp"] == 1 and scores["PER"]["gold"] == 1


def test_cli_ner_refuses_an_unknown_benchmark() -> None:
    result = runner.invoke(app, ["eval-ner", "--benchmark", "msra-x"])
    assert result.exit_code != 0
    assert "unknown benchmark" in result.output


def test_cli_ner_reports_both_scoreboards(shared_dir: Path) -> None:
    root = shared_dir / "benchmarks" / "ner"
    result = runner.invoke(app, ["eval-ner", "--root", str(root), "--limit", "300", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"peoples-daily", "cluener"}
    assert report["peoples-daily"]["file"].endswith("test.bio")
    assert report["cluener"]["file"].endswith("dev.json")
    assert report["peoples-daily"]["scores"]["all"]["predicted"] > 0
