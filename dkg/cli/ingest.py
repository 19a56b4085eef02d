"""``dkg ingest`` and ``dkg extract``: run the loaders over files and folders."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dkg.cli import app
from dkg.cli.common import (
    BackendOption,
    EndpointOption,
    JsonOption,
    StoreOption,
    backend_for,
    console,
    lazy_module,
    parse_date,
    print_json,
    progress_display,
    store_options,
)
from dkg.errors import InputError
from graph.stores import open_store
from loaders.readers import DocumentMetadata, iter_input_files

if TYPE_CHECKING:
    from dkg.ingest import IngestSummary
    from loaders.pipeline import FileOutcome

ingesting = lazy_module("dkg.ingest")
pipeline = lazy_module("loaders.pipeline")

PathsArgument = Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).")]
PublicationOption = Annotated[str | None, typer.Option("--publication", help="Publication name, e.g. 徐汇报.")]
IssueDateOption = Annotated[str | None, typer.Option("--issue-date", help="Issue date, YYYY-MM-DD.")]
PageOption = Annotated[int | None, typer.Option("--page", help="Page number.", min=1)]
JurisdictionOption = Annotated[
    str | None, typer.Option("--jurisdiction", help="The district the publication speaks for, e.g. 上海市徐汇区.")
]
ReaderOption = Annotated[
    str | None, typer.Option("--reader", help="Force a reader (text, html, markdown, pdf, jsonl, csv, gzip).")
]


def _overrides(publication: str | None, issue_date: str | None, page: int | None,
               jurisdiction: str | None) -> DocumentMetadata:
    return DocumentMetadata(publication, parse_date(issue_date, "--issue-date"), page, jurisdiction)


@app.command()
def ingest(
    paths: PathsArgument,
    publication: PublicationOption = None,
    issue_date: IssueDateOption = None,
    page: PageOption = None,
    jurisdiction: JurisdictionOption = None,
    reader: ReaderOption = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per atomic write.")] = 20,
    workers: Annotated[int, typer.Option(
        "--workers", min=0, help="Extract, then resolve, in N local processes; 0: one per core.")] = 1,
    dask: Annotated[str | None, typer.Option(
        "--dask", help="Extract, then resolve, on the Dask cluster whose scheduler is at this address (its workers "
                       "read the input files by their paths); this process writes the store.")] = None,
    corrections: Annotated[Path | None, typer.Option(
        "--corrections", help="Corrections by hand (YAML), read besides $DKG_CORRECTIONS and STORE/corrections.yaml.",
        show_default=False)] = None,
    bulk: Annotated[bool, typer.Option(
        "--bulk", help="Fill a new embedded store with Oxigraph's bulk loader: faster; all or nothing as a whole, "
                       "and readers wait until it ends.")] = False,
    store: StoreOption = None,
    backend: BackendOption = None,
    endpoint: EndpointOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read files and folders into the graph store.

    Each batch of documents is written atomically; loading the same input twice
    changes nothing. A file that cannot be read is reported and the rest goes on.
    Exit status: 0 when every input loaded, 1 when some failed, 2 on usage errors.
    """
    overrides = _overrides(publication, issue_date, page, jurisdiction)
    with (open_store(backend_for(backend, endpoint), store, **store_options(endpoint)) as graph_store,
          progress_display() as progress):
        store_folder = getattr(graph_store, "path", None)  # an embedded store's own files are not input
        task = progress.add_task("ingest", total=len(ingesting.input_files(paths, store_folder)))
        articles = progress.add_task("articles read", total=None)
        writing = progress.add_task("resolve and write", total=None, visible=False)

        def on_file(outcome: FileOutcome) -> None:
            for error in outcome.errors:
                console.print(f"[red]error[/red] {error}", highlight=False)
            progress.advance(articles, outcome.articles)  # moves inside a big file too
            if outcome.complete:
                progress.advance(task)

        def on_resolved(done: int, total: int) -> None:
            progress.update(writing, completed=done, total=total, visible=True)

        summary = ingesting.ingest_paths(paths, graph_store, overrides=overrides, reader=reader,
                                         batch_size=batch_size, workers=workers, dask_address=dask,
                                         on_file=on_file, exclude=store_folder, corrections=corrections,
                                         on_resolved=on_resolved, bulk=bulk)
    _report(summary, as_json)
    raise typer.Exit(1 if summary.failures else 0)


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
            for result in pipeline.process_file(path, overrides, reader):
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
