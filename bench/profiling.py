"""Where the time goes: pyinstrument profiles of extraction, store writes and queries, as hot spots.

A profile is kept whole as text (``bench/results/profile-*.txt``) and summed up as the
functions of the project (``loaders/``, ``graph/``, ``dkg/``) with the most time of
their own and the most time under them, each with its share of the profiled call.
pyinstrument is optional (the ``bench`` extra): without it the section says so.

Examples
--------
>>> available() in (True, False)
True
"""

from __future__ import annotations

import gc
import importlib.util
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["available", "hot_spots", "profile_call"]

PROJECT_DIRS = ("loaders/", "graph/", "dkg/")


def available() -> bool:
    """Whether pyinstrument is installed."""
    return importlib.util.find_spec("pyinstrument") is not None


def _where(frame: Any) -> str:
    owner = f"{frame.class_name}." if frame.class_name else ""
    return f"{frame.file_path_short}:{frame.line_no} {owner}{frame.function}"


def _library(frame: Any) -> str:
    """Where a function outside the project lives: a package, a built-in, or the standard library."""
    path = frame.file_path or ""
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if path.startswith("<built-in>") or not path:
        return f"built-in {frame.class_name + '.' if frame.class_name else ''}{frame.function}"
    return "standard library" if "/lib/python3" in path else path


def _walk(frame: Any, seen: frozenset[str], self_times: dict[str, float], totals: dict[str, float],
          libraries: dict[str, float]) -> None:
    where = _where(frame)
    own = frame.time - sum(child.time for child in frame.children if not child.is_synthetic)
    self_times[where] += own
    libraries[_library(frame)] += own
    if where not in seen:  # a recursive call counts once in its caller's total
        totals[where] += frame.time
    for child in frame.children:
        if not child.is_synthetic:
            _walk(child, seen | {where}, self_times, totals, libraries)


def _project(where: str, root: Path | None) -> bool:
    path = where.split(":", 1)[0]
    if root is not None:
        path = path.removeprefix(str(root)).lstrip("/")
    return path.startswith(PROJECT_DIRS)


def hot_spots(root_frame: Any, top: int = 12, repo: Path | None = None) -> dict[str, Any]:
    """The project's functions with the most self time and the most total time, with shares;
    and the self time spent outside the project, by library (``libraries``)."""
    self_times: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    libraries: dict[str, float] = defaultdict(float)
    _walk(root_frame, frozenset(), self_times, totals, libraries)
    whole = root_frame.time or 1.0

    def ranked(times: dict[str, float], keep: Callable[[str], bool]) -> list[dict[str, Any]]:
        chosen = sorted(((where, seconds) for where, seconds in times.items() if keep(where)), key=lambda i: -i[1])
        return [{"function": where, "seconds": seconds, "share": seconds / whole} for where, seconds in chosen[:top]]

    def mine(where: str) -> bool:
        return _project(where, repo)

    outside = {name: seconds for name, seconds in libraries.items() if not _project(name, repo)}
    return {"self": ranked(self_times, mine), "total": ranked(totals, mine),
            "libraries": ranked(outside, lambda name: True), "profiled_s": whole}


def profile_call(function: Callable[[], Any], text_path: Path | None = None, interval: float = 0.001,
                 repo: Path | None = None) -> dict[str, Any]:
    """Profile one call; write pyinstrument's text report to ``text_path``; return the hot spots.

    What the process held before the call is frozen out of the collector's sight meanwhile, as
    an ingest's workers do: the bench's earlier sections leave a large heap. In a whole bench
    run, 0.2 s of a 1.6 s extraction profile fell in ``SpanIndex.__init__`` (14%, under 2% in
    a fresh process), a pause that fits one full collection walking that heap; with the heap
    frozen, after the 1M-edge store section, the profile took 1.5 s and the pause was gone.
    """
    from pyinstrument import Profiler

    profiler = Profiler(interval=interval)
    gc.collect()
    gc.freeze()
    profiler.start()
    try:
        function()
    finally:
        profiler.stop()
        gc.unfreeze()
    session = profiler.last_session
    if text_path is not None:
        text_path.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")
    spots = hot_spots(session.root_frame(), repo=repo)
    spots["cpu_s"] = session.cpu_time
    spots["report"] = str(text_path) if text_path else None
    return spots
