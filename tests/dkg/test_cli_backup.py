"""Backups of the embedded store round-trip the graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import DATA
from tests.dkg.test_cli_ingest import dkg


@pytest.fixture
def loaded_store(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    assert dkg("ingest", str(DATA), "--store", str(store)).returncode == 0
    return store


def _stats(store: Path) -> dict:
    return json.loads(dkg("stats", "--json", "--store", str(store)).stdout)


@pytest.mark.parametrize("name", ["snapshot", "dump.nq", "dump.nq.gz"])
def test_cli_backup_restore_round_trip(loaded_store: Path, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    assert dkg("backup", str(target), "--store", str(loaded_store)).returncode == 0
    restored = tmp_path / "restored"
    done = dkg("restore", str(target), "--store", str(restored))
    assert done.returncode == 0, done.stderr
    assert _stats(restored) == _stats(loaded_store)
    assert sum(_stats(restored)["nodes"].values()) > 0


def test_cli_restore_refuses_to_overwrite_without_force(loaded_store: Path, tmp_path: Path) -> None:
    snapshot = tmp_path / "snapshot"
    assert dkg("backup", str(snapshot), "--store", str(loaded_store)).returncode == 0
    refused = dkg("restore", str(snapshot), "--store", str(loaded_store))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert dkg("restore", str(snapshot), "--store", str(loaded_store), "--force").returncode == 0
    assert _stats(loaded_store)["nodes"]["Publication"] == 1


def test_cli_backup_into_existing_folder_is_refused(loaded_store: Path, tmp_path: Path) -> None:
    done = dkg("backup", str(tmp_path), "--store", str(loaded_store))
    assert done.returncode == 2 and "exists already" in done.stderr
