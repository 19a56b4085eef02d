"""The examples in the bench modules' docstrings run (bench/ is outside pytest's doctest paths)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["bench.corpus", "bench.measure", "bench.scaling", "bench.queries", "bench.store", "bench.growth",
           "bench.report", "bench.extraction", "bench.profiling", "bench.ner"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_of_bench_modules(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
