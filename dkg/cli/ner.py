"""``dkg eval-ner``: person, organisation and place mentions scored on public NER benchmarks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from dkg.cli import app
from dkg.cli.common import JsonOption, console, print_json
from dkg.errors import InputError
from loaders.extraction.ner_eval import (
    CLUENER_LABELS,
    PEOPLES_DAILY_LABELS,
    evaluate_ner,
    read_bio,
    read_cluener,
)

DEFAULT_ROOT = Path("../shared/benchmarks/ner")
SPLITS = {
    "peoples-daily": ("peoples-daily/test.bio", PEOPLES_DAILY_LABELS),
    "cluener": ("cluener2020/dev.json", CLUENER_LABELS),
}


@app.command("eval-ner")
def eval_ner(
    benchmark: Annotated[
        list[str] | None,
        typer.Option("--benchmark", "-b", help="peoples-daily (test.bio) or cluener (dev.json); both by default."),
    ] = None,
    root: Annotated[Path, typer.Option("--root", help="Folder of the NER benchmarks.")] = DEFAULT_ROOT,
    file: Annotated[
        Path | None, typer.Option("--file", help="Score this file instead of the benchmark's scoreboard split.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Only the first N sentences.", min=1)] = None,
    tagger: Annotated[
        str | None, typer.Option("--tagger", help="Add a statistical tagger's spans: lac (needs the 'ner' extra).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Precision, recall and F1 of extraction's mentions on People's Daily and CLUENER2020 (exact spans)."""
    if tagger not in (None, "lac"):
        raise typer.BadParameter(f"unknown tagger {tagger!r}; the one available is lac", param_hint="--tagger")
    chosen = benchmark or list(SPLITS)
    unknown = [b for b in chosen if b not in SPLITS]
    if unknown:
        raise typer.BadParameter(f"unknown benchmark {unknown[0]!r}; choose from {', '.join(SPLITS)}",
                                 param_hint="--benchmark")
    results = {}
    for name in chosen:
        relative, labels = SPLITS[name]
        path = file or root / relative
        if not path.is_file():
            raise InputError(str(path), "no such benchmark file", "pass --root with the benchmarks folder")
        sentences = list(read_bio(path) if path.suffix == ".bio" else read_cluener(path, labels))
        scores = evaluate_ner(sentences[:limit] if limit else sentences, labels, tagger == "lac")
        results[name] = {"file": str(path), "sentences": min(len(sentences), limit or len(sentences)),
                         "tagger": tagger or "none",
                         "scores": {label: score.as_dict() for label, score in scores.items()}}
    if as_json:
        print_json(results)
        return
    for name, result in results.items():
        title = f"{name}: {result['file']} ({result['sentences']} sentences, exact spans, tagger: {result['tagger']})"
        table = Table(title=title)
        for column in ("label", "precision", "recall", "F1", "tp", "predicted", "gold"):
            table.add_column(column, justify="left" if column == "label" else "right")
        for label, s in result["scores"].items():
            table.add_row(label, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                          str(s["tp"]), str(s["predicted"]), str(s["gold"]))
        console.print(table)
