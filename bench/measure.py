"""Timing and memory helpers of the benchmarks: medians, percentiles, child processes, the machine.

These machines are shared, so every timing keeps both wall-clock and CPU seconds: CPU
seconds (``time.process_time`` in a process, ``ru_utime + ru_stime`` of a child) say what
one core would do if it were free, wall seconds what a user waited.

Examples
--------
>>> median([3.0, 1.0, 2.0])
2.0
>>> percentile([1.0, 2.0, 3.0, 4.0, 5.0], 95)
4.8
>>> rate(3000, 1.5)
2000.0
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["ChildRun", "Stopwatch", "machine", "median", "peak_rss_self", "percentile", "rate", "run_child",
           "timed"]

T = TypeVar("T")
MIB = 1024 * 1024


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values."""
    return statistics.median(values) if values else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile by linear interpolation between the closest ranks; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def rate(amount: float, seconds: float | None) -> float | None:
    """``amount`` per second, or None when no time was measured."""
    return amount / seconds if seconds else None


@dataclass
class Stopwatch:
    """Wall and CPU seconds of this process, summed over the laps run under it.

    Examples
    --------
    >>> watch = Stopwatch()
    >>> with watch:
    ...     _ = sum(range(1000))
    >>> watch.laps, watch.wall >= 0, watch.cpu >= 0
    (1, True, True)
    """

    wall: float = 0.0
    cpu: float = 0.0
    laps: int = 0
    _started: tuple[float, float] = (0.0, 0.0)

    def __enter__(self) -> Stopwatch:
        self._started = (time.perf_counter(), time.process_time())
        return self

    def __exit__(self, *exc: object) -> None:
        wall_start, cpu_start = self._started
        self.wall += time.perf_counter() - wall_start
        self.cpu += time.process_time() - cpu_start
        self.laps += 1


def timed(function: Callable[[], T]) -> tuple[T, float, float]:
    """Call ``function``; return its result, wall seconds and CPU seconds of this process."""
    watch = Stopwatch()
    with watch:
        result = function()
    return result, watch.wall, watch.cpu


def peak_rss_self() -> int:
    """The peak resident memory of this process so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@dataclass
class ChildRun:
    """What a child process did: exit code, seconds, peak memory, output.

    ``root_cpu`` is the CPU seconds of the child itself (not of its descendants), as last
    sampled before it ended (so short by at most one sampling interval); None without psutil.
    """

    command: list[str]
    returncode: int
    wall: float
    cpu: float
    max_rss: int
    tree_rss: int | None
    stdout: str = ""
    stderr: str = ""
    samples: int = 0
    root_cpu: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"command": self.command, "returncode": self.returncode, "wall_s": self.wall, "cpu_s": self.cpu,
                "root_cpu_s": self.root_cpu, "max_rss_mib": self.max_rss / MIB,
                "tree_rss_mib": self.tree_rss / MIB if self.tree_rss is not None else None}


@dataclass
class _TreeSampler:
    """Samples the summed memory of a process and its descendants (psutil) until stopped,
    and the CPU seconds of the process itself.

    Each process counts its proportional set size (PSS: a page shared by ``n`` processes
    counts ``1/n`` in each), so forked workers do not count the pages they share with
    their parent again; where PSS cannot be read, the RSS.
    """

    pid: int
    interval: float = 0.2
    peak: int | None = None
    root_cpu: float | None = None
    samples: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        while not self._stop.wait(self.interval):
            try:
                root = psutil.Process(self.pid)
                processes = [root, *root.children(recursive=True)]
                total = sum(_proportional_memory(p) for p in processes)
                times = root.cpu_times()
                self.root_cpu = times.user + times.system
            except psutil.Error:
                continue
            self.peak = max(self.peak or 0, total)
            self.samples += 1

    def stop(self) -> None:
        self._stop.set()


def _proportional_memory(process: Any) -> int:
    try:
        memory = process.memory_full_info()
        return int(getattr(memory, "pss", memory.rss))
    except Exception:  # a worker that just exited has no memory left to count
        return 0


def run_child(command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None,
              sample_interval: float = 0.2) -> ChildRun:
    """Run ``command`` to its end; measure its wall and CPU time and peak memory.

    ``max_rss`` comes from ``wait4`` (the kernel's peak RSS of the child or of its largest
    waited-for descendant, such as a worker process); ``tree_rss`` is the largest sum of the
    memory (PSS) of the child and all its descendants seen by sampling (None without psutil).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        sampler = _TreeSampler(process.pid, sample_interval)
        thread = threading.Thread(target=sampler.run, daemon=True)
        thread.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        sampler.stop()
        thread.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return ChildRun(command, process.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
                        sampler.peak, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                        sampler.samples, sampler.root_cpu)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_bytes() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        return None


def machine() -> dict[str, Any]:
    """What the figures were measured on: cores, CPU model, memory, load, Python, OS, compiled path."""
    from loaders.native import native_state

    memory = _memory_bytes()
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_gib": round(memory / 1024 ** 3, 1) if memory else None,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "compiled": native_state(),  # on: page → facts compiled by mypyc (dkg compile); else Python
    }
