"""The ingest's writer thread: batches land in order, and a failed load stops the ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from dkg.ingest import ingest_paths
from graph.stores.oxigraph import OxigraphStore
from tests.reliability.helpers import write_pages


class FailingStore(OxigraphStore):
    """An embedded store whose ``fail_at``-th load breaks."""

    fail_at = 2

    def write_prepared(self, data: bytes) -> None:
        self.loads = getattr(self, "loads", 0) + 1
        if self.loads == self.fail_at:
            raise OSError("the disk is full")
        super().write_prepared(data)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    write_pages(folder, 3)  # three papers: three batches of one document
    return folder


def test_ingest_failed_load_stops_the_ingest_with_whole_batches_only(corpus: Path, tmp_path: Path) -> None:
    with FailingStore(tmp_path / "store") as store, pytest.raises(OSError, match="disk is full"):
        ingest_paths([corpus], store, batch_size=1)
    with OxigraphStore(tmp_path / "store", read_only=True) as store:
        assert store.stats()["nodes"]["Publication"] == 1  # the first batch whole, nothing after the failure


def test_ingest_threaded_writes_count_what_they_wrote(corpus: Path, tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "store") as store:
        summary = ingest_paths([corpus], store, batch_size=1)
        assert summary.batches >= 3
        assert store.stats()["nodes"]["Publication"] == summary.documents == 3
