"""``dkg ingest`` and ``dkg extract``: run the loaders over files and folders."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from dkg.cli import app
from dkg.cli.common import BackendOption, JsonOption, StoreOption, console, parse_date, print_json
from dkg.errors import InputError
from graph.model import GraphBatch
from graph.stores import open_store
from loaders.pipeline import process_file
from loaders.readers import DocumentMetadata, iter_input_files

PathsArgument = Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).")]
PublicationOption = Annotated[str | None, typer.Option("--publication", help="Publication name, e.g. 徐汇报.")]
IssueDateOption = Annotated[str | None, typer.Option("--issue-date", help="Issue date, YYYY-MM-DD.")]
PageOption = Annotated[int | None, typer.Option("--page", help="Page number.", min=1)]
JurisdictionOption = Annotated[
    str | None, typer.Option("--jurisdiction", help="The district the publication speaks for, e.g. 上海市徐汇区.")
]
ReaderOption = Annotated[
    str | None, typer.Option("--reader", help="Force a reader (text, html, markdown, pdf, jsonl, csv).")
]


@dataclass
class IngestSummary:
    """What one ingest did; printed at the end and returned as JSON with --json."""

    files: int = 0
    documents: int = 0
    articles: int = 0
    nodes: int = 0
    edges: int = 0
    batches: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return dict(vars(self))


def _overrides(publication: str | None, issue_date: str | None, page: int | None,
               jurisdiction: str | None) -> DocumentMetadata:
    return DocumentMetadata(publication, parse_date(issue_date, "--issue-date"), page, jurisdiction)


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True)


@app.command()
def ingest(
    paths: PathsArgument,
    publication: PublicationOption = None,
    issue_date: IssueDateOption = None,
    page: PageOption = None,
    jurisdiction: JurisdictionOption = None,
    reader: ReaderOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per atomic write.")] = 20,
    store: StoreOption = None,
    backend: BackendOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read files and folders into the graph store.

    Each batch of documents is written atomically; loading the same input twice
    changes nothing. A file that cannot be read is reported and the rest goes on.
    Exit status: 0 when every input loaded, 1 when some failed, 2 on usage errors.
    """
    overrides = _overrides(publication, issue_date, page, jurisdiction)
    files = list(iter_input_files(paths))
    summary = IngestSummary(files=len(files))
    pending, pending_documents = GraphBatch(), 0
    with open_store(backend, store) as graph_store, _progress() as progress:
        task = progress.add_task("ingest", total=len(files))
        for path in files:
            try:
                for result in process_file(path, overrides, reader):
                    pending.update(result.batch)
                    pending_documents += 1
                    summary.documents += 1
                    summary.articles += len(result.articles)
            except InputError as error:
                summary.failures.append({"path": error.path, "reason": error.reason, "hint": error.hint})
                console.print(f"[red]error[/red] {error}", highlight=False)
            if pending_documents >= batch_size:
                _flush(graph_store, pending, summary)
                pending, pending_documents = GraphBatch(), 0
            progress.advance(task)
        _flush(graph_store, pending, summary)
    _report(summary, as_json)
    raise typer.Exit(1 if summary.failures else 0)


def _flush(graph_store, batch: GraphBatch, summary: IngestSummary) -> None:
    if not len(batch):
        return
    graph_store.write(batch)
    summary.batches += 1
    summary.nodes += len(batch.nodes)
    summary.edges += len(batch.edges)


def _report(summary: IngestSummary, as_json: bool) -> None:
    if as_json:
        print_json(summary.as_dict())
        return
    console.print(
        f"{summary.files} files, {summary.documents} documents, {summary.articles} articles; "
        f"wrote {summary.nodes} nodes and {summary.edges} edges in {summary.batches} batches; "
        f"{len(summary.failures)} failed",
        highlight=False,
    )
    for failure in summary.failures:
        console.print(f"  failed: {failure['path']}: {failure['reason']}", highlight=False)


@app.command()
def extract(
    paths: PathsArgument,
    publication: PublicationOption = None,
    issue_date: IssueDateOption = None,
    page: PageOption = None,
    jurisdiction: JurisdictionOption = None,
    reader: ReaderOption = None,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object per fact and line.")] = False,
) -> None:
    """Read, segment and extract without a store, and print the facts."""
    overrides = _overrides(publication, issue_date, page, jurisdiction)
    failed = False
    for path in iter_input_files(paths):
        try:
            for result in process_file(path, overrides, reader):
                for article in result.articles:
                    for fact in result.facts[article.id]:
                        _print_fact(fact.as_json(), article.title, jsonl)
        except InputError as error:
            failed = True
            console.print(f"[red]error[/red] {error}", highlight=False)
    raise typer.Exit(1 if failed else 0)


def _print_fact(record: dict, title: str, jsonl: bool) -> None:
    if jsonl:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    args = ", ".join(f"{k}={v}" for k, v in record["args"].items())
    props = ", ".join(f"{k}={v}" for k, v in record["props"].items() if v not in (None, [], ""))
    print(f"[{title}] {record['type']}({args}) {props}")
