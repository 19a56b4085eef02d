"""``python -m bench.stress``: the long reliability runs behind ``make stress``; figures on the terminal.

Three sections (``--sections``, all by default), the long versions of ``tests/reliability``:

fuzz       hypothesis over every reader, the pipeline, segmentation and extraction with
           ``--examples`` examples in all (100,000 by default); prints examples fuzzed,
           bytes of bad input tried, documents made, input errors met by reason, failures
crash      ``--kills`` SIGKILLs of ``dkg ingest`` at random moments; after each the store
           must hold whole batches only, and a re-run must give the graph of an
           uninterrupted run (same stats, same node and edge ids); prints kills survived
resources  a records file of ``--big-mb`` MB (and a quarter of it), one line of
           ``--line-mb`` MB, a folder of ``--files`` tiny files (and a quarter): peak RSS,
           CPU and wall seconds, the growth ratio between the sizes, progress shown

The process exits 1 when a property failed, a kill left part of a batch or a re-run
differed; the figures go to the terminal and, with ``--json``, to a file. Work folders
go under ``--work`` (a temporary folder by default) and are removed unless ``--keep``.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import logging
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisWarning
from rich.console import Console

from dkg.ingest import ingest_paths
from graph.stores import open_store
from loaders.document import Article, Document
from loaders.extraction.pipeline import analyse_text
from loaders.readers import read_file
from loaders.segmentation import segment_document
from tests.conftest import SAMPLE_PAGE
from tests.reliability import strategies
from tests.reliability.helpers import (
    GraphState,
    article_count,
    dkg_command,
    graph_state,
    kill_after,
    measure_dkg,
    whole_batch_states,
    write_pages,
    write_records,
)
from tests.reliability.properties import (
    Tally,
    check_extraction,
    check_pipeline,
    check_read,
    check_segmentation,
    write_input,
)

__all__ = ["main"]

SECTIONS = ("fuzz", "crash", "resources")
console = Console(stderr=True, soft_wrap=True)


# --- fuzz ----------------------------------------------------------------------------------


def _fuzz_settings(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None, print_blob=True,
                    suppress_health_check=list(HealthCheck))


class _Hang(Exception):
    """An example ran past the time one example may take."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _Hang in this thread after ``seconds`` (the regex engine and Python code both see the alarm)."""
    def on_alarm(signum: int, frame: object) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _describe(drawn: Any) -> str:
    if isinstance(drawn, strategies.InputFile):
        return f"{drawn.name}: {len(drawn.data):,} bytes, starting {drawn.data[:60]!r}"
    text = getattr(drawn, "text", str(drawn))
    return f"a text of {len(text):,} characters, starting {text[:60]!r}"


def _fuzz_property(name: str, examples: int, strategy: st.SearchStrategy, check: Callable[[Any, Tally], None],
                   tally: Tally, limit: float) -> str | None:
    """Run one property for ``examples`` examples; returns the failure (shrunk by hypothesis) or None.

    An example that takes longer than ``limit`` seconds is recorded in ``tally.hangs`` and the run goes on.
    """
    @_fuzz_settings(examples)
    @given(strategy)
    def run(drawn: Any) -> None:
        tally.examples += 1
        try:
            with _time_limit(limit):
                check(drawn, tally)
        except _Hang:
            tally.hangs.append(_describe(drawn))

    started = time.perf_counter()
    try:
        run()
    except Exception as failure:  # the property failed: report it and go on with the others
        return f"{name}: {type(failure).__name__}: {failure}\n{traceback.format_exc(limit=-3)}"
    finally:
        seconds = time.perf_counter() - started
        console.print(f"  {name}: {tally.examples:,} examples in {seconds:.0f} s", highlight=False)
    return None


def _file_check(folder: Path, serial: itertools.count, pipeline: bool) -> Callable[[Any, Tally], None]:
    def check(drawn: strategies.InputFile, tally: Tally) -> None:
        tally.bytes += len(drawn.data) + len((drawn.sidecar or "").encode())
        path = write_input(folder, drawn, next(serial))
        try:
            (check_pipeline if pipeline else check_read)(path, tally)
        finally:
            path.unlink()
            path.with_name(path.name + ".meta.yaml").unlink(missing_ok=True)
    return check


@st.composite
def _documents(draw: st.DrawFn) -> Document:
    text = draw(st.one_of(strategies.page_text, strategies.mutated_page()))
    return Document(text=text, source="fuzz.txt", publication=draw(st.one_of(st.none(), strategies.page_text)),
                    issue_date=draw(st.one_of(st.none(), st.dates())),
                    title=draw(st.one_of(st.none(), strategies.page_text)))


def _stage_check(document: Document, tally: Tally) -> None:
    tally.bytes += len(document.text.encode("utf-8", "surrogatepass"))
    articles = check_segmentation(document)
    tally.documents += 1
    check_extraction(articles, document)
    body = Article.from_span(document, 0, 0, len(document.text), title="标题")
    check_extraction([body], document)


def run_fuzz(examples: int, work: Path, limit: float) -> dict[str, Any]:
    """The fuzz section: readers 40 %, pipeline 20 %, segmentation and extraction 40 % of the examples."""
    strategies.LIMITS.update(huge_line=200_000, nesting=3_000, pieces=120)
    share = {"readers": 0.4, "pipeline": 0.2, "stages": 0.4}
    tallies = {name: Tally() for name in share}
    serial = itertools.count()
    folder = work / "fuzz"
    folder.mkdir(parents=True)
    plan = [
        ("readers", strategies.any_file(), _file_check(folder, serial, pipeline=False)),
        ("pipeline", strategies.any_file(), _file_check(folder, serial, pipeline=True)),
        ("stages", _documents(), _stage_check),
    ]
    failures = [failure for name, strategy, check in plan
                if (failure := _fuzz_property(name, max(1, int(examples * share[name])), strategy, check,
                                              tallies[name], limit))]
    reasons: dict[str, int] = {}
    for tally in tallies.values():
        for reason, count in tally.reasons.items():
            reasons[reason] = reasons.get(reason, 0) + count
    return {
        "examples": sum(t.examples for t in tallies.values()),
        "by_property": {name: t.examples for name, t in tallies.items()},
        "bytes_tried": sum(t.bytes for t in tallies.values()),
        "documents": sum(t.documents for t in tallies.values()),
        "input_errors": sum(t.errors for t in tallies.values()),
        "error_reasons": dict(sorted(reasons.items(), key=lambda item: -item[1])[:12]),
        "failures": failures,
        "hangs": [f"{name}: {hang}" for name, tally in tallies.items() for hang in tally.hangs],
    }


# --- crash ---------------------------------------------------------------------------------

CRASH_BATCH = 3


def _kill_at(corpus: Path, store: Path, delay: float) -> None:
    process = subprocess.Popen(dkg_command("ingest", str(corpus), "--store", str(store), "--batch-size",
                                           str(CRASH_BATCH)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)


def _check_and_finish(corpus: Path, store: Path, moment: str, states: list,
                      reference: GraphState) -> tuple[int | None, str]:
    """After a kill: the store holds a whole-batch state, and a re-run gives the reference graph."""
    landed = 0
    if (store / "oxigraph").is_dir():
        killed = graph_state(store)
        if (killed.nodes, killed.edges) not in states:
            return None, f"the store killed {moment} holds part of a batch"
        landed = states.index((killed.nodes, killed.edges))
    finish = subprocess.run(dkg_command("ingest", str(corpus), "--store", str(store), "--batch-size",
                                        str(CRASH_BATCH)), capture_output=True, text=True, timeout=1800)
    if finish.returncode != 0:
        return landed, f"the re-run after a kill {moment} failed: {finish.stderr[-300:]}"
    recovered = graph_state(store)
    if recovered != reference:
        return landed, f"the re-run after a kill {moment} differs: {recovered.differences(reference)}"
    return landed, ""


def _one_kill(number: int, corpus: Path, store: Path, states: list, reference: GraphState, duration: float,
              rng: random.Random) -> tuple[int | None, str]:
    """Even kills land at a uniformly random moment of the run (reading, extracting or writing);
    odd kills once a random number of batches is on disk (the write phase is short beside extraction)."""
    if number % 2 == 0:
        delay = rng.uniform(0.0, duration)
        _kill_at(corpus, store, delay)
        return _check_and_finish(corpus, store, f"after {delay:.2f} s", states, reference)
    target = article_count(states[rng.randrange(1, len(states) - 1)])
    kill_after(corpus, store, CRASH_BATCH, target, rng)
    return _check_and_finish(corpus, store, f"after {target} articles were stored", states, reference)


def run_crash(kills: int, work: Path, seed: int) -> dict[str, Any]:
    """The crash section: ``kills`` SIGKILLs of an ingest, each followed by a re-run."""
    corpus = work / "crash-corpus"
    write_pages(corpus, 30)
    write_records(corpus / "archive.jsonl", 0.05)
    states = whole_batch_states([corpus], CRASH_BATCH)
    started = time.perf_counter()
    with open_store("oxigraph", work / "crash-reference") as writer:
        ingest_paths([corpus], writer, batch_size=CRASH_BATCH)
    duration = time.perf_counter() - started + 2.0  # a subprocess also pays for its start
    reference = graph_state(work / "crash-reference")
    rng = random.Random(seed)
    landed: list[int] = []
    problems: list[str] = []
    for number in range(kills):
        store = work / f"crash-store-{number}"
        where, problem = _one_kill(number, corpus, store, states, reference, duration, rng)
        if where is not None:
            landed.append(where)
        if problem:
            problems.append(problem)
        shutil.rmtree(store, ignore_errors=True)
        if (number + 1) % 10 == 0:
            console.print(f"  {number + 1} kills, {len(problems)} problems", highlight=False)
    batches = len(states) - 1
    return {
        "kills": kills, "survived": kills - len(problems), "batches_per_load": batches,
        "landed_before_first_batch": sum(1 for k in landed if k == 0),
        "landed_part_way": sum(1 for k in landed if 0 < k < batches),
        "landed_after_last_batch": sum(1 for k in landed if k == batches),
        "reference": {"nodes": len(reference.nodes), "edges": len(reference.edges)},
        "problems": problems,
    }


# --- resources -----------------------------------------------------------------------------


def _measured(*args: str, terminal: bool = False, timeout: float = 7200) -> dict[str, Any]:
    try:
        run = measure_dkg(*args, terminal=terminal, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"finished": False, "timeout_s": timeout}
    figures = {"finished": run.returncode in (0, 1), "status": run.returncode, "peak_mb": round(run.peak_mb),
               "cpu_s": round(run.cpu_seconds, 1), "wall_s": round(run.wall_seconds, 1)}
    summary = re.search(r"\d+ files, \d+ documents.*failed", run.stderr)
    figures["summary"] = summary.group() if summary else run.stderr[-300:]
    if terminal:
        figures["progress_updates"] = len(set(re.findall(r"(\d+)/\d+", run.stderr)))
    return figures


def _ratio(small: dict, large: dict) -> float | None:
    if not (small.get("finished") and large.get("finished")) or not small["cpu_s"]:
        return None
    return round(large["cpu_s"] / small["cpu_s"], 2)


def _records_file(work: Path, megabytes: float) -> dict[str, Any]:
    runs = {}
    for size in (megabytes / 4, megabytes):
        path = work / f"archive-{size:g}MB.jsonl"
        records = write_records(path, size)
        console.print(f"  records file: {size:g} MB, {records:,} records", highlight=False)
        runs[size] = {"records": records, **_measured("ingest", str(path), "--store", str(work / f"store-{size:g}"),
                                                    terminal=size == megabytes)}
        path.unlink()
        shutil.rmtree(work / f"store-{size:g}", ignore_errors=True)
    return {"sizes_mb": [megabytes / 4, megabytes], "runs": list(runs.values()),
            "cpu_ratio_4x": _ratio(*runs.values())}


def _one_line_text(characters: int) -> str:
    text = SAMPLE_PAGE.read_text(encoding="utf-8").replace("\n", "")
    return (text * (characters // len(text) + 1))[:characters]


def _cpu(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return round(time.process_time() - started, 2)


def _long_line(work: Path, megabytes: float, timeout: float) -> dict[str, Any]:
    """One line of ``megabytes`` MB: reading and segmenting it timed here, extraction at two small sizes, and
    ``dkg ingest`` of the whole line under a time limit."""
    characters = int(megabytes * 1_000_000 / 3)  # Chinese characters are three bytes in UTF-8
    path = work / f"line-{megabytes:g}MB.txt"
    path.write_text(_one_line_text(characters), encoding="utf-8")
    analyse_text(_one_line_text(5_000))
    figures: dict[str, Any] = {"megabytes": megabytes, "characters": characters}
    quarter = work / "line-quarter.txt"
    quarter.write_text(_one_line_text(characters // 4), encoding="utf-8")
    figures["read_segment_cpu_s"] = [_cpu(lambda p=p: segment_document(next(read_file(p)))) for p in (quarter, path)]
    figures["extract_cpu_s"] = {size: _cpu(lambda size=size: analyse_text(_one_line_text(size)))
                                for size in (10_000, 40_000, 160_000)}
    console.print(f"  one line of {megabytes:g} MB: dkg ingest, at most {timeout:.0f} s", highlight=False)
    figures["ingest"] = _measured("ingest", str(path), "--store", str(work / "line-store"), timeout=timeout)
    path.unlink()
    return figures


def _tiny_files(work: Path, count: int) -> dict[str, Any]:
    runs = []
    for size in (count // 4, count):
        folder = work / f"tiny-{size}"
        folder.mkdir()
        for number in range(size):
            (folder / f"notice{number:06d}.txt").write_text(f"第{number}号通知\n区委书记出席会议并讲话。",
                                                            encoding="utf-8")
        console.print(f"  folder of {size:,} tiny files", highlight=False)
        runs.append({"files": size, **_measured("ingest", str(folder), "--store", str(work / f"tiny-store-{size}"),
                                                terminal=size == count)})
        shutil.rmtree(folder)
        shutil.rmtree(work / f"tiny-store-{size}", ignore_errors=True)
    return {"runs": runs, "cpu_ratio_4x": _ratio(*runs)}


def run_resources(big_mb: float, line_mb: float, files: int, line_timeout: float, work: Path) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    return {"records_file": _records_file(work, big_mb), "long_line": _long_line(work, line_mb, line_timeout),
            "tiny_files": _tiny_files(work, files)}


# --- the run -------------------------------------------------------------------------------


def _print_fuzz(result: dict) -> None:
    console.print(f"[bold]fuzz[/bold]: {result['examples']:,} examples fuzzed ({result['by_property']}), "
                  f"{result['bytes_tried']:,} bytes of input tried, {result['documents']:,} documents made, "
                  f"{result['input_errors']:,} input errors (each naming its file), "
                  f"{len(result['failures'])} property failures, {len(result['hangs'])} examples over the time limit",
                  highlight=False)
    console.print(f"  commonest input errors: {result['error_reasons']}", highlight=False)
    for failure in result["failures"]:
        console.print(f"[red]FAILED[/red] {failure}", highlight=False)
    for hang in result["hangs"]:
        console.print(f"[red]TOO SLOW[/red] {hang}", highlight=False)


def _print_crash(result: dict) -> None:
    console.print(f"[bold]crash[/bold]: {result['survived']} of {result['kills']} SIGKILLs survived (store opened, "
                  f"whole batches only, re-run equal to the uninterrupted graph of {result['reference']['nodes']:,} "
                  f"nodes and {result['reference']['edges']:,} edges); kills landed before the first batch "
                  f"{result['landed_before_first_batch']}, part way {result['landed_part_way']}, after the last "
                  f"{result['landed_after_last_batch']} (of {result['batches_per_load']} batches)", highlight=False)
    for problem in result["problems"]:
        console.print(f"[red]FAILED[/red] {problem}", highlight=False)


def _print_resources(result: dict) -> None:
    records, line, tiny = result["records_file"], result["long_line"], result["tiny_files"]
    for run, size in zip(records["runs"], records["sizes_mb"], strict=True):
        console.print(f"[bold]records file[/bold] {size:g} MB: {run}", highlight=False)
    console.print(f"  CPU ratio for 4× the size: {records['cpu_ratio_4x']}", highlight=False)
    console.print(f"[bold]one line[/bold] of {line['megabytes']:g} MB: read+segment CPU s at ¼ and 1× "
                  f"{line['read_segment_cpu_s']}; extraction CPU s by characters {line['extract_cpu_s']}; "
                  f"dkg ingest {line['ingest']}", highlight=False)
    for run in tiny["runs"]:
        console.print(f"[bold]tiny files[/bold] {run['files']:,}: {run}", highlight=False)
    console.print(f"  CPU ratio for 4× the files: {tiny['cpu_ratio_4x']}", highlight=False)


def _failed(results: dict) -> bool:
    fuzz = results.get("fuzz", {})
    return bool(fuzz.get("failures") or fuzz.get("hangs") or results.get("crash", {}).get("problems"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stress", description=__doc__.split("\n")[0])
    parser.add_argument("--sections", default=",".join(SECTIONS), help=f"comma-separated, of {SECTIONS}")
    parser.add_argument("--examples", type=int, default=100_000, help="fuzz examples in all (default 100,000)")
    parser.add_argument("--example-timeout", type=float, default=60, help="seconds one fuzz example may take")
    parser.add_argument("--kills", type=int, default=50, help="SIGKILLs of an ingest (default 50)")
    parser.add_argument("--big-mb", type=float, default=200, help="size of the big records file (default 200)")
    parser.add_argument("--line-mb", type=float, default=50, help="size of the one-line file (default 50)")
    parser.add_argument("--line-timeout", type=float, default=1800, help="seconds the one-line ingest may take")
    parser.add_argument("--files", type=int, default=100_000, help="tiny files in the folder (default 100,000)")
    parser.add_argument("--seed", type=int, default=20250127, help="seed of the kill moments")
    parser.add_argument("--work", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    options = parser.parse_args(argv)
    warnings.simplefilter("ignore", HypothesisWarning)  # long drawn texts make long reprs; nothing to act on
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # broken PDFs are the point here
    work = options.work or Path(tempfile.mkdtemp(prefix="dkg-stress-"))
    work.mkdir(parents=True, exist_ok=True)
    wanted = [name.strip() for name in options.sections.split(",") if name.strip()]
    results: dict[str, Any] = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "options": {
        k: str(v) for k, v in vars(options).items()}}
    try:
        if "fuzz" in wanted:
            console.print(f"fuzz: {options.examples:,} examples", highlight=False)
            results["fuzz"] = run_fuzz(options.examples, work, options.example_timeout)
            _print_fuzz(results["fuzz"])
        if "crash" in wanted:
            console.print(f"crash: {options.kills} kills", highlight=False)
            results["crash"] = run_crash(options.kills, work, options.seed)
            _print_crash(results["crash"])
        if "resources" in wanted:
            console.print("resources", highlight=False)
            results["resources"] = run_resources(options.big_mb, options.line_mb, options.files,
                                                 options.line_timeout, work / "resources")
            _print_resources(results["resources"])
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)
    if options.json:
        options.json.write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    failed = _failed(results)
    console.print("[red]stress: FAILED[/red]" if failed else "[green]stress: nothing lost[/green]", highlight=False)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
