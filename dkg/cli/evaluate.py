"""``dkg eval``: precision, recall and F1 of extraction against gold annotations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from dkg.cli import app
from dkg.cli.common import JsonOption, console, lazy_module, print_json

evaluation = lazy_module("loaders.evaluation")


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold JSON files.", exists=True, file_okay=False)],
    corpus_root: Annotated[
        Path | None,
        typer.Option("--corpus-root", help="Where gold 'source' paths start (default: the gold folder's parent)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Score extraction on gold pages: precision, recall and F1 per fact kind."""
    result = evaluation.evaluate_folder(gold, corpus_root)
    if as_json:
        print_json(result)
        return
    table = Table(title=f"extraction on {result['pages']} gold pages (micro-averaged)")
    for column in ("fact", "precision", "recall", "F1", "tp", "predicted", "gold"):
        table.add_column(column, justify="left" if column == "fact" else "right")
    for kind in evaluation.FACT_KINDS:
        s = result[kind]
        table.add_row(kind, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                      str(s["tp"]), str(s["predicted"]), str(s["gold"]))
    console.print(table)
    console.print(f"ATTENDED edges for gold not_attendees: {result['not_attendee_edges']}")
