"""Fixtures of the reliability tests: a folder for fuzzed files, the hypothesis budget."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.reliability.properties import write_input
from tests.reliability.strategies import InputFile

# About 200 examples per property keeps the folder's fuzzing to seconds; bench/stress.py runs 100,000.
# Randomised on a developer's machine; on CI (CI=true) hypothesis's own "ci" profile derandomises them,
# so a red CI run is one anyone can repeat.
FUZZ = settings(max_examples=200, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def write_case(tmp_path_factory: pytest.TempPathFactory) -> Callable[[InputFile], Path]:
    """Writes each drawn file into a new folder of its own (hypothesis calls the test many times)."""
    folder = tmp_path_factory.mktemp("fuzz")
    serial = itertools.count()
    return lambda drawn: write_input(folder, drawn, next(serial))
