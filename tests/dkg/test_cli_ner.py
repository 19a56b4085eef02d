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


def _mini_bio(tmp_path: Path) -> Path:
    path = tmp_path / "mini.bio"
    path.write_text("王 B-PER\n明 I-PER\n在 O\n北 B-LOC\n京 I-LOC\n工 O\n作 O\n", encoding="utf-8")
    return path


def test_cli_ner_compares_engines_on_the_same_sentences(tmp_path: Path) -> None:
    path = _mini_bio(tmp_path)
    result = runner.invoke(app, ["eval-ner", "-b", "peoples-daily", "--file", str(path), "-e", "dkg", "-e", "jieba",
                                 "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["peoples-daily"]
    assert list(report["engines"]) == ["dkg", "jieba"] and report["engine"] == "dkg"
    assert report["scores"] == report["engines"]["dkg"]["scores"]
    jieba = report["engines"]["jieba"]["scores"]
    assert jieba["all"]["gold"] == 2 and jieba["LOC"]["tp"] == 1


def test_cli_ner_prints_a_comparison_table(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval-ner", "-b", "peoples-daily", "--file", str(_mini_bio(tmp_path)),
                                 "-e", "dkg", "-e", "jieba"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "jieba" in result.output and "precision / recall / F1" in result.output


def test_cli_ner_refuses_unknown_engines_and_tagger_with_engine(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval-ner", "--file", str(_mini_bio(tmp_path)), "-b", "peoples-daily",
                                 "-e", "hanlp"])
    assert result.exit_code != 0 and "unknown engine" in result.output
    result = runner.invoke(app, ["eval-ner", "--tagger", "lac", "-e", "jieba"])
    assert result.exit_code != 0 and "dkg+lac" in result.output


def test_cli_ner_scores_gold_mentions_per_engine(shared_dir: Path) -> None:
    result = runner.invoke(app, ["eval-ner", "--gold", str(shared_dir / "gold"), "-e", "jieba", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)["gold"]
    assert report["pages"] >= 1 and set(report["scores"]) == {"person", "organization", "place"}
    assert report["scores"]["person"]["predicted"] > 0
