"""``dkg ingest`` over a folder with good and broken files: the good load, the broken are named, exit 1."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import SAMPLE_PAGE
from tests.loaders.readers.variants import PAGE_NAME, SIDECAR

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def dkg(*args: str) -> subprocess.CompletedProcess:
    # rich wraps stderr at 80 columns when it is not a terminal; a wide COLUMNS keeps each error on one line
    return subprocess.run([sys.executable, "-m", "dkg", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "500"})


def article_count(store: Path) -> int:
    stats = dkg("stats", "--json", "--store", str(store))
    assert stats.returncode == 0, stats.stderr
    return json.loads(stats.stdout)["nodes"].get("Article", 0)


def test_readers_ingest_loads_the_good_file_and_names_the_broken_one(tmp_path: Path, store_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copyfile(SAMPLE_PAGE, corpus / f"{PAGE_NAME}.txt")
    shutil.copyfile(SIDECAR, corpus / f"{PAGE_NAME}.txt.meta.yaml")
    broken = corpus / "scan.txt"
    broken.write_bytes(PNG)
    done = dkg("ingest", str(corpus), "--store", str(store_path))
    assert done.returncode == 1
    error_lines = [line for line in done.stderr.splitlines() if str(broken) in line]
    assert error_lines and "binary file (a PNG image)" in error_lines[0]
    assert article_count(store_path) >= 1


def test_readers_ingest_reports_each_bad_record_and_loads_the_good_ones(tmp_path: Path, store_path: Path) -> None:
    records = tmp_path / "articles.jsonl"
    good = [{"title": f"区政协召开第{n}次常委会议", "date": "2025-01-20", "publication": "某区报",
             "body": f"1月20日，区政协召开第{n}次常委会议。"} for n in (1, 2)]
    lines = [json.dumps(good[0], ensure_ascii=False), "{not json", json.dumps({"title": "无正文"}),
             json.dumps(good[1], ensure_ascii=False)]
    records.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = dkg("ingest", str(records), "--store", str(store_path), "--json")
    assert done.returncode == 1
    summary = json.loads(done.stdout)
    assert summary["documents"] == 2
    assert [failure["reason"].split(":")[0] for failure in summary["failures"]] == ["line 2", "line 3"]
    assert all(failure["path"] == str(records) for failure in summary["failures"])
    assert article_count(store_path) == 2
