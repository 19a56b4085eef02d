"""Fixtures of the benchmark tests: templates from the sample page, and a tiny corpus made of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.corpus import Template, generate_corpus, harvest_templates
from tests.conftest import SAMPLE_PAGE


@pytest.fixture(scope="session")
def sample_templates() -> tuple[list[Template], list[str]]:
    """The sample page's articles as templates, and the places found in them."""
    return harvest_templates([SAMPLE_PAGE])


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory, sample_templates) -> Path:
    """Two papers of eight articles each (four pages), generated from the sample page."""
    folder = tmp_path_factory.mktemp("bench") / "corpus"
    templates, places = sample_templates
    generate_corpus(folder, 2, 8, templates, places, seed=7)
    return folder
