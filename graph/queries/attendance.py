"""Who attended which events: attendance listings, a person's events, co-attendees, the timeline.

Every function takes a store first and returns plain records (lists of dicts) sorted with
total keys, so the same graph gives equal answers on every backend.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from graph.queries.rows import as_date, as_id, as_int, as_list, as_text, run, sort_key
from graph.stores.base import Store

__all__ = ["attendees", "coattendees", "events", "timeline"]

DateLike = dt.date | str | None


def _newest_first(date: dt.date | None) -> tuple:
    """Sort key part: newest dates first, undated last."""
    return (date is None, -(date.toordinal() if date else 0))


def _event_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": as_id(row["event_id"]),
        "event": as_text(row["event_name"]),
        "event_type": as_text(row["event_type"]),
        "date": as_date(row["event_date"]),
    }


def _attendance_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "order": as_int(row["protocol_order"]),
        "roles": as_list(row["roles"]),
        "sentence": as_text(row["sentence"]),
        "article_id": as_id(row["article_id"]),
    }


def attendees(store: Store, event: str | None = None, *, date: DateLike = None, date_from: DateLike = None,
              date_to: DateLike = None, type: str | None = None, org: str | None = None) -> list[dict[str, Any]]:
    """Who attended an event, or the events of a day or a period, in protocol order.

    Parameters
    ----------
    store : the graph store.
    event : an event id or name; None for every event that passes the other filters.
    date, date_from, date_to : one day, or the first and last day (dates or ``YYYY-MM-DD``).
    type : an event type (``meeting``, ``ceremony`` ...).
    org : an organisation (id, name or alias) that organised the event or signed at it,
        itself or through one of its units.

    Returns
    -------
    list of dict
        One record per attendance: ``event_id, event, event_type, date, person_id, name,
        order, roles, sentence, article_id``, by date, event, protocol order, name.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> rows = attendees(example_store(), date="2024-03-01")
    >>> [(r["order"], r["name"], r["roles"]) for r in rows]
    [(1, '张三', ['主持']), (2, '李四', ['出席', '讲话']), (3, '王五', ['出席'])]
    """
    rows = run(store, "attendees", event=event, date=as_date(date), date_from=as_date(date_from),
               date_to=as_date(date_to), type=type, org=org)
    records = [{**_event_fields(row), "person_id": as_id(row["person_id"]), "name": as_text(row["person_name"]),
                **_attendance_fields(row)} for row in rows]
    return sorted(records, key=lambda r: sort_key(r["date"], r["event_id"], r["order"], r["name"], r["person_id"]))


def events(store: Store, person: str, *, date_from: DateLike = None, date_to: DateLike = None,
           type: str | None = None, org: str | None = None) -> list[dict[str, Any]]:
    """The events a person attended, newest first, with roles and protocol order.

    Parameters
    ----------
    store : the graph store.
    person : a person id, name or alias. Several people may share a name: each record
        carries ``person_id`` so they stay apart.
    date_from, date_to : the first and last day (dates or ``YYYY-MM-DD``).
    type : an event type.
    org : an organisation (id, name or alias) that organised the event or signed at it.

    Returns
    -------
    list of dict
        ``person_id, name, event_id, event, event_type, date, order, roles, sentence,
        article_id``, newest first (undated events last).

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> [(str(r["date"]), r["event"], r["roles"]) for r in events(example_store(), "李四")]
    [('2024-03-05', '示例区座谈会', ['讲话']), ('2024-03-01', '示例区工作会议', ['出席', '讲话'])]
    """
    rows = run(store, "events", person=person, date_from=as_date(date_from), date_to=as_date(date_to),
               type=type, org=org)
    records = [{"person_id": as_id(row["person_id"]), "name": as_text(row["person_name"]), **_event_fields(row),
                **_attendance_fields(row)} for row in rows]
    return sorted(records, key=lambda r: (_newest_first(r["date"]),
                                          sort_key(r["event"], r["event_id"], r["person_id"])))


def coattendees(store: Store, person: str, *, date_from: DateLike = None, date_to: DateLike = None,
                min_count: int = 1) -> list[dict[str, Any]]:
    """The people who attended the same events as a person, with counts and the shared events.

    Parameters
    ----------
    store : the graph store.
    person : a person id, name or alias.
    date_from, date_to : count only events in this period.
    min_count : keep only people met at least this many times.

    Returns
    -------
    list of dict
        ``person_id, person, coattendee_id, name, count, events`` (each shared event as
        ``event_id, event, date``, newest first), most shared events first.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> [(r["name"], r["count"]) for r in coattendees(example_store(), "李四")]
    [('王五', 2), ('张三', 1)]
    """
    rows = run(store, "coattendees", person=person, date_from=as_date(date_from), date_to=as_date(date_to))
    shared: dict[tuple[str, str], dict[str, Any]] = {}
    met: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    for row in rows:
        pair = (as_id(row["person_id"]), as_id(row["other_id"]))
        shared.setdefault(pair, {"person_id": pair[0], "person": as_text(row["person_name"]),
                                 "coattendee_id": pair[1], "name": as_text(row["other_name"])})
        event_id = as_id(row["event_id"])
        met[pair][event_id] = {"event_id": event_id, "event": as_text(row["event_name"]),
                               "date": as_date(row["event_date"])}
    records = []
    for pair, record in shared.items():
        together = sorted(met[pair].values(), key=lambda e: (_newest_first(e["date"]), e["event_id"]))
        if len(together) >= min_count:
            records.append({**record, "count": len(together), "events": together})
    return sorted(records, key=lambda r: (-r["count"], sort_key(r["name"], r["coattendee_id"], r["person_id"])))


def timeline(store: Store, *, date_from: DateLike = None, date_to: DateLike = None, org: str | None = None,
             type: str | None = None) -> list[dict[str, Any]]:
    """Events by day: each day with its events and how many people attended each.

    Parameters
    ----------
    store : the graph store.
    date_from, date_to : the first and last day.
    org : an organisation (id, name or alias) that organised the events or signed at them.
    type : an event type.

    Returns
    -------
    list of dict
        ``date, count, events`` (each as ``event_id, event, event_type, attendees``), one
        record per day, oldest first; undated events come last under ``date`` None.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> [(str(d["date"]), d["count"], d["events"][0]["attendees"]) for d in timeline(example_store())]
    [('2024-03-01', 1, 3), ('2024-03-05', 1, 2)]
    """
    rows = run(store, "timeline", date_from=as_date(date_from), date_to=as_date(date_to), org=org, type=type)
    days: dict[dt.date | None, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        fields = _event_fields(row)
        days[fields.pop("date")].append({**fields, "attendees": as_int(row["attendee_count"]) or 0})
    return [{"date": day, "count": len(day_events),
             "events": sorted(day_events, key=lambda e: sort_key(e["event"], e["event_id"]))}
            for day, day_events in sorted(days.items(), key=lambda item: sort_key(item[0]))]
