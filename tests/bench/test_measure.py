"""Timing and memory helpers: percentiles, child processes, the machine's description."""

from __future__ import annotations

import sys

import pytest

from bench.measure import machine, median, percentile, rate, run_child


@pytest.mark.parametrize(("values", "q", "expected"), [
    ([5.0], 95, 5.0), ([1.0, 2.0], 50, 1.5), ([4.0, 1.0, 3.0, 2.0, 5.0], 100, 5.0), ([], 95, None),
])
def test_measure_percentile(values: list[float], q: float, expected: float | None) -> None:
    assert percentile(values, q) == expected


def test_measure_median_and_rate_of_nothing() -> None:
    assert median([]) is None and rate(10, 0.0) is None and rate(10, 2.0) == 5.0


def test_measure_child_memory_exit_code_and_output() -> None:
    script = ("import time\nx = bytearray(80 * 1024 * 1024)\nend = time.process_time() + 0.5\n"
              "while time.process_time() < end: pass\nprint('done'); raise SystemExit(3)")
    run = run_child([sys.executable, "-c", script], sample_interval=0.05)
    assert run.returncode == 3
    assert run.root_cpu is not None and 0.2 < run.root_cpu <= run.cpu + 0.01
    assert run.stdout.strip() == "done"
    assert run.max_rss >= 80 * 1024 * 1024
    assert run.wall > 0 and run.cpu >= 0


def test_measure_child_counts_its_workers() -> None:
    # the child's worker allocates more than the child itself: wait4's peak is the worker's
    script = ("import multiprocessing as m\n"
              "def work(): bytearray(120 * 1024 * 1024)\n"
              "if __name__ == '__main__':\n"
              "    p = m.get_context('fork').Process(target=work); p.start(); p.join()\n")
    run = run_child([sys.executable, "-c", script])
    assert run.returncode == 0, run.stderr
    assert run.max_rss >= 120 * 1024 * 1024


def test_measure_machine_describes_cores_and_memory() -> None:
    found = machine()
    assert found["cores"] >= 1 and found["memory_gib"] > 0 and len(found["load_average"]) == 3
