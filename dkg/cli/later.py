"""Commands whose issues have not landed yet: they say so instead of pretending."""

from __future__ import annotations

import typer

from dkg.cli import app
from dkg.cli.common import console


def _not_yet(what: str) -> None:
    console.print(f"dkg {what} is not available yet in this version.")
    raise typer.Exit(3)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def query(ctx: typer.Context) -> None:
    """Research queries (attendees, events, coattendees, positions ...): not available yet."""
    _not_yet("query")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def export(ctx: typer.Context) -> None:
    """Export the graph (Turtle, JSON-LD, GraphML, GEXF, CSV ...): not available yet."""
    _not_yet("export")
