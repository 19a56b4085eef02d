"""Readers beside a writer see whole batches only, and never fail; a second writer is refused."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from dkg.errors import StoreError
from graph.stores import open_store
from tests.dkg.test_crash_safety import BATCH_SIZE, _ids, expected_prefixes, make_corpus, start_ingest


def test_concurrency_readers_see_whole_batches_while_ingest_writes(tmp_path: Path) -> None:
    files = make_corpus(tmp_path / "corpus", 90)
    prefixes = {_ids(batch): k for k, batch in enumerate(expected_prefixes(files))}
    store = tmp_path / "store"
    writer = start_ingest(tmp_path / "corpus", store)
    seen: set[int] = set()
    while writer.poll() is None:
        try:
            reader = open_store("oxigraph", store, read_only=True)
        except StoreError:  # the writer is still creating the database
            time.sleep(0.01)
            continue
        with reader:
            found = _ids(reader.export_batch())
        assert found in prefixes, "a reader saw part of a batch"
        seen.add(prefixes[found])
    assert writer.returncode == 0, writer.stderr.read()
    assert len(seen) >= 2, f"the reader saw too few states to test anything: {seen}"


def test_concurrency_second_ingest_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    make_corpus(tmp_path / "corpus", 3)
    store = tmp_path / "store"
    with open_store("oxigraph", store):
        done = subprocess.run([sys.executable, "-m", "dkg", "ingest", str(tmp_path / "corpus"), "--store",
                               str(store), "--batch-size", str(BATCH_SIZE)], capture_output=True, text=True,
                              timeout=120)
    assert done.returncode == 2
    assert "being written by" in done.stderr and "wait for that ingest" in done.stderr
