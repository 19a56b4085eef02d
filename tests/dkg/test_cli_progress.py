"""Progress of a long ingest when stderr is a log file, not a terminal."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


def _tiny_files(folder: Path, count: int) -> Path:
    folder.mkdir()
    for number in range(count):
        (folder / f"{number:04d}.txt").write_text(f"区政府召开第{number}次常务会议。\n", encoding="utf-8")
    return folder


def _ingest_logged(folder: Path, store: Path, every: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DKG_PROGRESS_SECONDS": every}
    return subprocess.run([sys.executable, "-m", "dkg", "ingest", str(folder), "--store", str(store)],
                          capture_output=True, text=True, env=environment, timeout=300, check=False)


def test_ingest_to_a_log_writes_progress_lines_that_count_up(tmp_path: Path) -> None:
    run = _ingest_logged(_tiny_files(tmp_path / "in", 60), tmp_path / "store", every="0")
    assert run.returncode == 0, run.stderr
    counts = [int(done) for done in re.findall(r"^ingest: (\d+)/60 \(", run.stderr, re.MULTILINE)]
    assert counts == sorted(counts) and counts[-1] == 60, run.stderr
    assert len(set(counts)) >= 10, run.stderr
    assert "━" not in run.stderr  # no bar drawn into the log


def test_progress_interval_that_is_not_a_number_is_a_usage_error(tmp_path: Path) -> None:
    run = _ingest_logged(_tiny_files(tmp_path / "in", 1), tmp_path / "store", every="often")
    assert run.returncode == 2
    assert "DKG_PROGRESS_SECONDS" in run.stderr and "often" in run.stderr


def test_ingest_of_one_big_file_shows_articles_read_before_the_file_is_done(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import loaders.pipeline
    import loaders.readers.plaintext
    from dkg.cli import app

    for module in (loaders.readers.plaintext, loaders.pipeline):
        monkeypatch.setattr(module, "PART_CHARS", 400)
    monkeypatch.setattr(loaders.readers.plaintext, "WHOLE_CHARS", 400)
    page = "区政府召开常务会议\n区长王华主持会议并讲话。会议研究了近期重点工作。\n\n"
    (tmp_path / "big.txt").write_text("\f".join([page * 4] * 10), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "big.txt"), "--store", str(tmp_path / "store")],
                                env={"DKG_PROGRESS_SECONDS": "0", "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    read = [int(done) for done in re.findall(r"^articles read: (\d+) ", result.stderr, re.MULTILINE)]
    assert len(set(read)) >= 3 and read == sorted(read), result.stderr
    file_done = next(i for i, line in enumerate(lines) if line.startswith("ingest: 1/1 "))
    before = [line for line in lines[:file_done] if line.startswith("articles read:")]
    assert len(before) >= 2, result.stderr  # the count moved while the one file was still being read
