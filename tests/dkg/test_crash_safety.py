"""A killed ingest leaves a store that opens and holds only whole batches."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dkg.errors import StoreError
from graph.model import GraphBatch
from graph.stores import open_store
from loaders.pipeline import process_file
from loaders.readers import iter_input_files
from tests.conftest import SAMPLE_PAGE

BATCH_SIZE = 3


def make_corpus(folder: Path, count: int) -> list[Path]:
    """Copies of the sample page, each with its own publication, so each is new to the store."""
    folder.mkdir()
    text = SAMPLE_PAGE.read_text(encoding="utf-8")
    for i in range(count):
        page = folder / f"paper{i:03d}-2025-01-{1 + i % 28:02d}-p1.txt"
        page.write_text(text, encoding="utf-8")
        page.with_name(page.name + ".meta.yaml").write_text(f"publication: 测试报{i:03d}\n", encoding="utf-8")
    return list(iter_input_files([folder]))


def expected_prefixes(files: list[Path]) -> list[GraphBatch]:
    """The whole graph after each complete batch of an uninterrupted ingest."""
    prefixes, whole = [GraphBatch()], GraphBatch()
    for start in range(0, len(files), BATCH_SIZE):
        for path in files[start:start + BATCH_SIZE]:
            for result in process_file(path):
                whole.update(result.batch)
        prefixes.append(GraphBatch.union([whole]))
    return prefixes


def _ids(batch: GraphBatch) -> tuple[frozenset, frozenset]:
    return frozenset(batch.nodes), frozenset(batch.edges)


def start_ingest(corpus: Path, store: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dkg", "ingest", str(corpus), "--store", str(store),
                             "--batch-size", str(BATCH_SIZE)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def has_articles(store: Path) -> bool:
    if not (store / "oxigraph" / "CURRENT").exists():
        return False
    try:
        with open_store("oxigraph", store, read_only=True) as reader:
            return reader.stats()["nodes"]["Article"] > 0
    except StoreError:  # still being created by the writer
        return False


def kill_part_way(process: subprocess.Popen, store: Path, rng: random.Random) -> None:
    """SIGKILL once the first batch is on disk, after a random extra delay."""
    deadline = time.monotonic() + 60
    while not has_articles(store) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    time.sleep(rng.uniform(0.0, 0.05))
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


@pytest.mark.timeout(600)
def test_crash_safety_sigkill_leaves_whole_batches(tmp_path: Path) -> None:
    files = make_corpus(tmp_path / "corpus", 45)
    expected = expected_prefixes(files)
    prefixes = {_ids(batch): k for k, batch in enumerate(expected)}
    rng = random.Random(20250127)
    partial_runs = 0
    for run in range(4):
        store = tmp_path / f"store{run}"
        process = start_ingest(tmp_path / "corpus", store)
        kill_part_way(process, store, rng)
        with open_store("oxigraph", store) as reopened:
            found = _ids(reopened.export_batch())
        assert found in prefixes, "the store holds part of a batch"
        print(f"run {run}: killed after {prefixes[found]} of {len(prefixes) - 1} batches")
        partial_runs += 0 < prefixes[found] < len(prefixes) - 1
        finish = subprocess.run([sys.executable, "-m", "dkg", "ingest", str(tmp_path / "corpus"), "--store",
                                 str(store), "--batch-size", str(BATCH_SIZE)], capture_output=True, timeout=300)
        assert finish.returncode == 0, finish.stderr
        with open_store("oxigraph", store, read_only=True) as reopened:
            assert _ids(reopened.export_batch()) == _ids(expected[-1])
    assert partial_runs >= 1, "no kill landed part way: the test did not test anything"

