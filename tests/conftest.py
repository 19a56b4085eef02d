"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = REPO / "data"
SAMPLE_PAGE = DATA / "xuhuibao-2025-01-27-p1.txt"


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("DKG_BACKEND", "oxigraph")


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A fresh folder for an embedded store."""
    return tmp_path / "store"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"the shared folder is missing at {SHARED}: the tests need its corpus and gold")
    return SHARED
