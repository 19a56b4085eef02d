"""What to export: the whole store, or a subgraph chosen by period or around a person.

Subgraphs come from queries (events of a period, a person's neighbourhood), not from
loading the whole store and filtering it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dkg.errors import NotAvailableError, QueryError
from graph.model import GraphBatch, Node
from graph.queries import expand, lookup, timeline
from graph.queries.rows import as_date
from graph.stores.base import Store

__all__ = ["select"]


def _in_period(date_from: dt.date | None, date_to: dt.date | None) -> Callable[[Node], bool]:
    """Keep every node but events outside the period (undated events are outside any period)."""
    def keep(node: Node) -> bool:
        if node.type != "Event":
            return True
        day = as_date(node.properties.get("date"))
        return day is not None and (date_from is None or day >= date_from) and (date_to is None or day <= date_to)
    return keep


def select(store: Store, *, date_from: dt.date | str | None = None, date_to: dt.date | str | None = None,
           person: str | None = None, hops: int = 1) -> GraphBatch:
    """The batch to export.

    Parameters
    ----------
    store : the graph store.
    date_from, date_to : keep the events of this period, with everything one hop from them
        (attendees, organisers, places, days, articles) and the edges among those.
    person : a person's id, name or alias: the subgraph within ``hops`` of them (every
        person of that name); with a period, events outside it are not entered.
    hops : how far from the person to go.

    With neither, the whole store (``store.export_batch()``).
    """
    date_from, date_to = as_date(date_from), as_date(date_to)
    if person:
        seeds = [p["id"] for p in lookup(store, person, types="Person")]
        if not seeds:
            raise QueryError(f"no person called {person!r}; find one with `dkg query search {person}`")
        keep = _in_period(date_from, date_to) if date_from or date_to else None
        return expand(store, seeds, hops=hops, keep=keep).batch
    if date_from or date_to:
        days = timeline(store, date_from=date_from, date_to=date_to)
        seeds = [event["event_id"] for day in days for event in day["events"]]
        return expand(store, seeds, hops=1).batch if seeds else GraphBatch()
    try:
        return store.export_batch()
    except NotImplementedError as error:
        raise NotAvailableError(f"{error}; export a period (--from/--to) or a person (--person) instead") from None
