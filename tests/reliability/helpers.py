"""Helpers shared by the reliability tests and the long runs in ``bench/stress.py``.

They run ``dkg`` as a user does (a subprocess), measure what it used (``os.wait4`` gives
the peak RSS and CPU time of that one child), and read a store's graph back in a form
that two runs can be compared by: the stats ``dkg stats --json`` prints, and the node
and edge ids of ``store.export_batch()``.
"""

from __future__ import annotations

import contextlib
import json
import os
import pty
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dkg.errors import StoreError
from dkg.ingest import ingest_paths
from graph.model import GraphBatch
from graph.stores import Store, open_store
from tests.conftest import SAMPLE_PAGE

__all__ = [
    "BatchRecorder", "GraphState", "Measured", "article_count", "articles_in", "dkg_command", "graph_state",
    "kill_after", "measure_dkg", "paused_writes", "run_dkg", "stats_json", "whole_batch_states", "write_pages",
    "write_records",
]


def dkg_command(*args: str) -> list[str]:
    """The command line of ``dkg`` with this interpreter (no PATH lookup)."""
    return [sys.executable, "-m", "dkg", *args]


def run_dkg(*args: str, timeout: float = 300, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``dkg`` to the end; text output captured. ``DKG_STORE`` is dropped so ``--store`` or ./dkg-data rule."""
    environment = {key: value for key, value in os.environ.items() if key != "DKG_STORE"}
    return subprocess.run(dkg_command(*args), capture_output=True, text=True, timeout=timeout,
                          env={**environment, **(env or {})}, cwd=cwd)


@dataclass(frozen=True)
class GraphState:
    """What two loads must agree on: the counts per type, and every node and edge id."""

    stats: dict
    nodes: frozenset[str]
    edges: frozenset[str]

    def differences(self, other: GraphState) -> str:
        """A short account of what differs, for assertion messages."""
        return (f"stats {self.stats == other.stats}; nodes +{len(self.nodes - other.nodes)} "
                f"-{len(other.nodes - self.nodes)}; edges +{len(self.edges - other.edges)} "
                f"-{len(other.edges - self.edges)}")


def graph_state(store: Path, backend: str = "oxigraph") -> GraphState:
    """The state of a store on disk, read the way ``dkg stats`` and an export read it."""
    with open_store(backend, store, read_only=True) as reader:
        batch = reader.export_batch()
        return GraphState(reader.stats(), frozenset(batch.nodes), frozenset(batch.edges))


def stats_json(store: Path) -> dict:
    """What ``dkg stats --json`` prints for a store (run as a user runs it)."""
    done = run_dkg("stats", "--json", "--store", str(store), timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@dataclass
class Measured:
    """A finished ``dkg`` run: exit status, output, peak RSS (MB), CPU and wall seconds."""

    returncode: int
    stdout: str
    stderr: str
    peak_mb: float
    cpu_seconds: float
    wall_seconds: float


# Linux keeps a process's peak RSS across fork and exec, so a child forked by a big process
# (pytest after many tests) reports at least its parent's size. A small launcher, started
# fresh, runs the measured command and reports that grandchild's own rusage.
_LAUNCHER = """
import json, os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump([usage.ru_maxrss, usage.ru_utime + usage.ru_stime], out)
sys.exit(os.waitstatus_to_exitcode(status))
"""


def measure_dkg(*args: str, timeout: float = 600, terminal: bool = False) -> Measured:
    """Run ``dkg`` and measure that one process: its peak RSS and CPU seconds (not those of its parent).

    With ``terminal`` its output goes to a pseudo-terminal (as a user sees it: progress bars
    drawn) and comes back in ``stderr``.
    """
    with tempfile.TemporaryDirectory() as scratch:
        usage_file = Path(scratch) / "usage.json"
        command = [sys.executable, "-S", "-c", _LAUNCHER, str(usage_file), *dkg_command(*args)]
        started = time.perf_counter()
        if terminal:
            returncode, stdout, stderr = _run_on_terminal(command, started + timeout)
        else:
            returncode, stdout, stderr = _run_captured(command, started + timeout)
        wall = time.perf_counter() - started
        peak_kb, cpu = json.loads(usage_file.read_text())
    return Measured(returncode, stdout, stderr, peak_kb / 1024, cpu, wall)


def _run_captured(command: list[str], deadline: float) -> tuple[int, str, str]:
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
                                   start_new_session=True)
        _wait(process, deadline)
        stdout.seek(0)
        stderr.seek(0)
        return process.returncode, stdout.read().decode(errors="replace"), stderr.read().decode(errors="replace")


def _run_on_terminal(command: list[str], deadline: float) -> tuple[int, str, str]:
    """Run a command with a pseudo-terminal as stdout and stderr; what it drew comes back as its stderr."""
    main, child_end = pty.openpty()
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=child_end, stderr=child_end,
                               env=environment, start_new_session=True)
    os.close(child_end)
    screen = bytearray()
    reading = threading.Thread(target=_drain, args=(main, screen), daemon=True)
    reading.start()
    _wait(process, deadline)
    reading.join(timeout=10)
    os.close(main)
    return process.returncode, "", screen.decode(errors="replace")


def _drain(descriptor: int, into: bytearray) -> None:
    while True:
        try:
            chunk = os.read(descriptor, 65536)
        except OSError:  # EIO once the child's end is closed
            return
        if not chunk:
            return
        into.extend(chunk)


def _wait(process: subprocess.Popen, deadline: float) -> None:
    """Wait for the launcher; past the deadline kill it with what it started (its own session)."""
    try:
        process.wait(timeout=max(0.0, deadline - time.perf_counter()))
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise


def write_pages(folder: Path, count: int, *, prefix: str = "paper") -> list[Path]:
    """``count`` copies of the sample page, each with its own publication (so each is new to a store)."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SAMPLE_PAGE.read_text(encoding="utf-8")
    pages = []
    for i in range(count):
        page = folder / f"{prefix}{i:03d}-2025-01-{1 + i % 28:02d}-p1.txt"
        page.write_text(text, encoding="utf-8")
        page.with_name(page.name + ".meta.yaml").write_text(f"publication: 测试报{i:03d}\n", encoding="utf-8")
        pages.append(page)
    return pages


def write_records(path: Path, megabytes: float) -> int:
    """A JSON Lines archive of about ``megabytes`` MB: article records cut from the sample page's paragraphs.

    Returns the number of records.
    """
    paragraphs = [line for line in SAMPLE_PAGE.read_text(encoding="utf-8").split("\n") if len(line) > 30]
    written = count = 0
    with path.open("w", encoding="utf-8") as out:
        while written < megabytes * 1_000_000:
            body = paragraphs[count % len(paragraphs)] + paragraphs[(count + 3) % len(paragraphs)]
            line = json.dumps({"title": f"稿件{count}", "date": "2025-01-27", "body": body}, ensure_ascii=False)
            out.write(line + "\n")
            written += len(line.encode("utf-8")) + 1
            count += 1
    return count


class BatchRecorder(Store):
    """A store that keeps only the ids after each write: the states an ingest passes through."""

    name = "recorder"
    query_language = "sparql"  # asked nothing: query() refuses, as a store that cannot be queried

    def __init__(self) -> None:
        self.nodes: set[str] = set()
        self.edges: set[str] = set()
        self.states: list[tuple[frozenset[str], frozenset[str]]] = [(frozenset(), frozenset())]
        self.documents_per_write: list[int] = []

    def write(self, batch: GraphBatch) -> None:
        self.nodes |= batch.nodes.keys()
        self.edges |= batch.edges.keys()
        self.states.append((frozenset(self.nodes), frozenset(self.edges)))
        self.documents_per_write.append(sum(1 for node in batch.nodes.values() if node.type == "Article"))

    def query(self, text: str, params: dict | None = None) -> list[dict]:
        raise NotImplementedError("the recorder only records writes")

    def stats(self) -> dict:
        raise NotImplementedError("the recorder only records writes")


def whole_batch_states(paths: list[Path], batch_size: int) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Every state (node ids, edge ids) an uninterrupted ``dkg ingest PATHS --batch-size N`` passes through."""
    recorder = BatchRecorder()
    ingest_paths(paths, recorder, batch_size=batch_size)
    return recorder.states


def articles_in(store: Path) -> int:
    """Articles the store holds now (0 while the writer is still creating it)."""
    if not (store / "oxigraph" / "CURRENT").exists():
        return 0
    try:
        with open_store("oxigraph", store, read_only=True) as reader:
            return reader.stats()["nodes"]["Article"]
    except StoreError:
        return 0


# Loaded by the killed ingest (as sitecustomize): each write to the store is followed by a pause,
# so a poll between batches can see the store part way. The writes themselves are untouched.
_PAUSED_WRITES = """
import time
from graph.stores.oxigraph import OxigraphStore

def _paused(write):
    def paused(self, *args, **kwargs):
        result = write(self, *args, **kwargs)
        time.sleep({pause})
        return result
    return paused

for _name in ("write", "write_prepared"):
    if hasattr(OxigraphStore, _name):
        setattr(OxigraphStore, _name, _paused(getattr(OxigraphStore, _name)))
"""


def kill_after(corpus: Path, store: Path, batch_size: int, articles: int, rng: random.Random,
               pause: float = 0.1) -> None:
    """Start an ingest, SIGKILL it once ``articles`` are stored (plus a random few milliseconds).

    The ingest pauses ``pause`` seconds after each write: a fast writer would otherwise finish
    the whole load between two polls of the store.
    """
    with paused_writes(pause) as environment:
        _kill_when_stored(subprocess.Popen(
            dkg_command("ingest", str(corpus), "--store", str(store), "--batch-size", str(batch_size)),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment), store, articles, rng)


@contextlib.contextmanager
def paused_writes(pause: float) -> Iterator[dict[str, str]]:
    """An environment in which a ``dkg`` process pauses ``pause`` seconds after each store write."""
    with tempfile.TemporaryDirectory() as hooks:
        (Path(hooks) / "sitecustomize.py").write_text(_PAUSED_WRITES.format(pause=pause), encoding="utf-8")
        yield {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [hooks, os.environ.get("PYTHONPATH")]))}


def _kill_when_stored(process: subprocess.Popen, store: Path, articles: int, rng: random.Random) -> None:
    deadline = time.monotonic() + 120
    while process.poll() is None and articles_in(store) < articles and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(rng.uniform(0, 0.03))
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)


def article_count(state: tuple[frozenset[str], frozenset[str]]) -> int:
    """Articles in a state of :func:`whole_batch_states`."""
    return sum(1 for node_id in state[0] if node_id.startswith("article-"))
