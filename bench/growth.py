"""How cost grows: ``dkg ingest`` on corpora of 1×, 10×, 100× the size, and what 2M articles would take.

Each ingest is the real command in a child process (``python -m dkg ingest CORPUS --store
S --workers N --json``, with ``--bulk`` for the bulk path that fills a new store) into a
fresh embedded store, timed from outside: wall seconds, CPU
seconds of the command and its worker processes (``wait4``), the kernel's peak RSS of the
largest of them, and the peak of their summed memory (PSS, sampled). The research queries are
then timed on each store, opened read-only.

The extrapolation fits cost = fixed + per-character × characters through the two
largest runs, and applies it to the archive of the issue (2,000,000 articles of 1,500
characters): with the wall seconds seen here (a machine shared with others); with the CPU
seconds spread over the cores (what the same cores would do if they were free and the work
split evenly); and with the CPU seconds of the main process alone, which reads, merges
and writes every batch in one process and so bounds the run from below.

Examples
--------
>>> runs = [{"chars": 1000, "articles": 1, "wall_s": 3.0, "cpu_s": 4.0},
...         {"chars": 11000, "articles": 11, "wall_s": 13.0, "cpu_s": 24.0}]
>>> estimate = extrapolate(runs, articles=100, chars_per_article=1000, cores=2)
>>> estimate["per_char_wall_s"], estimate["wall_hours"] * 3600
(0.001, 102.0)
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from bench.measure import MIB, rate, run_child
from bench.queries import measure_queries, pick_subjects
from bench.store import disk_usage

__all__ = ["extrapolate", "ingest_corpus", "query_store"]

ARCHIVE_ARTICLES = 2_000_000
ARCHIVE_CHARS_PER_ARTICLE = 1_500


def _summary_json(stdout: str) -> dict[str, Any]:
    """The JSON summary ``dkg ingest --json`` prints (the last JSON object of its output)."""
    start = stdout.find("{")
    if start < 0:
        raise ValueError(f"dkg ingest printed no JSON summary: {stdout[-500:]!r}")
    return json.loads(stdout[start:])


def ingest_corpus(corpus: Path, store: Path, workers: int, chars: int, bulk: bool = False) -> dict[str, Any]:
    """Run ``dkg ingest`` on ``corpus`` into a new store at ``store``; time and memory of the run.

    ``bulk`` runs ``dkg ingest --bulk`` (Oxigraph's bulk loader); otherwise each batch is
    one atomic write.
    """
    shutil.rmtree(store, ignore_errors=True)
    command = [sys.executable, "-m", "dkg", "ingest", str(corpus), "--store", str(store), "--workers", str(workers),
               "--json", *(["--bulk"] if bulk else [])]
    env = {**os.environ, "DKG_BACKEND": "oxigraph", "COLUMNS": "200"}
    run = run_child(command, env=env)
    if run.returncode not in (0, 1):  # 1: some files failed, reported in the summary
        raise RuntimeError(f"dkg ingest failed with status {run.returncode}: {run.stderr[-2000:]}")
    summary = _summary_json(run.stdout)
    return {
        "workers": workers, "bulk": bulk, "files": summary.get("files"), "articles": summary.get("articles"),
        "chars": chars, "nodes_written": summary.get("nodes"), "edges_written": summary.get("edges"),
        "failures": len(summary.get("failures", [])), "wall_s": run.wall, "cpu_s": run.cpu,
        # the main process reads, merges and writes the batches; the workers extract
        "main_cpu_s": run.root_cpu, "workers_cpu_s": run.cpu - run.root_cpu if run.root_cpu is not None else None,
        "chars_per_s": rate(chars, run.wall), "articles_per_s": rate(summary.get("articles") or 0, run.wall),
        "chars_per_cpu_s": rate(chars, run.cpu), "max_rss_mib": run.max_rss / MIB,
        "tree_rss_mib": run.tree_rss / MIB if run.tree_rss is not None else None,
        "disk_mib": disk_usage(store) / MIB,
    }


def query_store(store_path: Path, subjects_per_query: int, repeats: int, seed: int,
                budget_s: float) -> dict[str, Any]:
    """The research queries' latency on an ingested store, opened read-only."""
    from graph.stores import open_store

    with open_store("oxigraph", store_path, read_only=True) as store:
        subjects = pick_subjects(store, subjects_per_query, seed)
        return measure_queries(store, subjects, repeats, budget_s)


def _fit(runs: list[dict[str, Any]], seconds: str) -> tuple[float, float]:
    """(fixed seconds, seconds per character) through the two largest runs."""
    small, large = sorted(runs, key=lambda r: r["chars"])[-2:]
    per_char = (large[seconds] - small[seconds]) / (large["chars"] - small["chars"])
    return small[seconds] - per_char * small["chars"], per_char


def extrapolate(runs: list[dict[str, Any]], articles: int = ARCHIVE_ARTICLES,
                chars_per_article: int = ARCHIVE_CHARS_PER_ARTICLE, cores: int = 2) -> dict[str, Any]:
    """Hours to ingest ``articles`` articles of ``chars_per_article`` characters, from the runs."""
    if len(runs) < 2:
        return {"skipped": "needs runs at two sizes at least"}
    chars = articles * chars_per_article
    fixed_wall, per_char_wall = _fit(runs, "wall_s")
    fixed_cpu, per_char_cpu = _fit(runs, "cpu_s")
    largest = max(runs, key=lambda r: r["chars"])
    writer_hours = None
    if all(r.get("main_cpu_s") is not None for r in sorted(runs, key=lambda r: r["chars"])[-2:]):
        fixed_main, per_char_main = _fit(runs, "main_cpu_s")
        writer_hours = (fixed_main + per_char_main * chars) / 3600
    return {
        "articles": articles, "chars_per_article": chars_per_article, "cores": cores,
        "per_char_wall_s": per_char_wall, "fixed_wall_s": fixed_wall,
        "wall_hours": (fixed_wall + per_char_wall * chars) / 3600,
        "per_char_cpu_s": per_char_cpu,
        "free_cores_hours": (fixed_cpu + per_char_cpu * chars) / cores / 3600,
        # the main process (read, merge, write) runs alone: however many cores, no faster than this
        "main_process_hours": writer_hours,
        "edges": largest["edges_written"] / largest["chars"] * chars if largest.get("edges_written") else None,
        "disk_gib": largest["disk_mib"] / largest["chars"] * chars / 1024 if largest.get("disk_mib") else None,
    }
