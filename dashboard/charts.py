"""Altair charts of the dashboard, built from the plain records of :mod:`graph.queries`.

Dates reach the browser as local midnight (``2025-01-20T00:00:00``), not as bare ISO
dates, which JavaScript reads as UTC and would show as the previous day west of
Greenwich. Axis labels use Chinese date formats (``1月20日``, ``2025年1月``).

Examples
--------
>>> import datetime as dt
>>> rows = timeline_rows([{"date": dt.date(2025, 1, 20), "count": 1, "events": [
...     {"event_id": "e1", "event": "工作会议", "event_type": "meeting", "attendees": 6}]}])
>>> rows[0]["date"], rows[0]["attendees"]
('2025-01-20T00:00:00', 6)
>>> date_axis_format(dt.date(2025, 1, 1), dt.date(2025, 3, 1))
'%-m月%-d日'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt

__all__ = ["date_axis_format", "date_ticks", "posts_chart", "posts_rows", "timeline_chart", "timeline_rows"]

UNDATED = "无日期"


def _local_midnight(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00"


def date_axis_format(first: dt.date | None, last: dt.date | None) -> str:
    """A d3 time format for a date axis: days within a year, months beyond.

    Examples
    --------
    >>> date_axis_format(dt.date(2023, 1, 1), dt.date(2025, 3, 1))
    '%Y年%-m月'
    """
    if first and last and (last - first).days > 366:
        return "%Y年%-m月"
    return "%-m月%-d日"


def date_ticks(first: dt.date | None, last: dt.date | None) -> dict[str, Any]:
    """A Vega-Lite tick interval for a date axis: days for a month, months for years.

    Examples
    --------
    >>> date_ticks(dt.date(2025, 1, 20), dt.date(2025, 1, 23))
    {'interval': 'day', 'step': 1}
    >>> date_ticks(dt.date(2024, 3, 4), dt.date(2025, 1, 23))
    {'interval': 'month', 'step': 1}
    """
    span = (last - first).days if first and last else 0
    if span <= 31:
        return {"interval": "day", "step": 1 if span <= 14 else 7}
    if span <= 2 * 366:
        return {"interval": "month", "step": 1 if span <= 366 else 3}
    return {"interval": "year", "step": 1}


def _date_axis(first: dt.date | None, last: dt.date | None, title: str) -> alt.Axis:
    return alt.Axis(format=date_axis_format(first, last), tickCount=date_ticks(first, last), title=title,
                    labelOverlap=True, labelAngle=0)


def timeline_rows(days: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per dated event, from :func:`graph.queries.timeline` records."""
    rows = []
    for day in days:
        if day["date"] is None:
            continue
        for event in day["events"]:
            rows.append({"date": _local_midnight(day["date"]), "day": day["date"].isoformat(),
                         "event_id": event["event_id"], "event": event["event"],
                         "event_type": event["event_type"] or "other", "attendees": int(event["attendees"] or 0)})
    return rows


def _date_scale(rows: list[dict[str, Any]], key: str = "day") -> tuple[dt.date | None, dt.date | None]:
    days = sorted(dt.date.fromisoformat(r[key]) for r in rows if r.get(key))
    return (days[0], days[-1]) if days else (None, None)


def timeline_chart(rows: list[dict[str, Any]], *, height: int = 260) -> alt.Chart:
    """Events by day: one circle per event on its type's row, sized by attendees.

    The chart carries a point selection named ``event`` on ``event_id``, so a click
    can be read back from ``st.altair_chart(..., on_select="rerun")``.
    """
    first, last = _date_scale(rows)
    axis = _date_axis(first, last, "日期")
    pick = alt.selection_point(name="event", fields=["event_id"])
    return alt.Chart(alt.Data(values=rows)).mark_circle(opacity=0.8).encode(
        x=alt.X("date:T", axis=axis, scale=alt.Scale(padding=24)),
        y=alt.Y("event_type:N", title=None),
        size=alt.Size("attendees:Q", title="出席人数", scale=alt.Scale(range=[60, 600]), legend=None),
        color=alt.Color("event_type:N", title="类型", legend=None),
        tooltip=[alt.Tooltip("day:N", title="日期"), alt.Tooltip("event:N", title="活动"),
                 alt.Tooltip("event_type:N", title="类型"), alt.Tooltip("attendees:Q", title="出席人数")],
    ).add_params(pick).properties(height=height)


def posts_rows(positions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per post from :func:`graph.queries.positions` records, undated ones dropped."""
    rows = []
    for post in positions:
        if post["first_seen"] is None:
            continue
        label = post["title"] + (f"({post['organization']})" if post.get("organization") else "")
        rows.append({"post": label, "first": _local_midnight(post["first_seen"]),
                     "last": _local_midnight(post["last_seen"] or post["first_seen"]),
                     "first_day": post["first_seen"].isoformat(),
                     "last_day": (post["last_seen"] or post["first_seen"]).isoformat(),
                     "observations": int(post.get("observations") or 1)})
    return rows


def posts_chart(rows: list[dict[str, Any]]) -> alt.Chart:
    """Posts over time: a bar from the first to the last day each post was seen, dots at the ends."""
    first = min((dt.date.fromisoformat(r["first_day"]) for r in rows), default=None)
    last = max((dt.date.fromisoformat(r["last_day"]) for r in rows), default=None)
    axis = _date_axis(first, last, "见报日期")
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("post:N", title=None, sort=None, axis=alt.Axis(labelLimit=320)),
        tooltip=[alt.Tooltip("post:N", title="职务"), alt.Tooltip("first_day:N", title="最早"),
                 alt.Tooltip("last_day:N", title="最近"), alt.Tooltip("observations:Q", title="次数")],
    )
    bars = base.mark_rule(strokeWidth=6, opacity=0.6).encode(x=alt.X("first:T", axis=axis), x2="last:T")
    ends = base.mark_point(filled=True, size=60).encode(x="first:T") + base.mark_point(filled=True, size=60).encode(
        x="last:T")
    return (bars + ends).properties(height=max(60, 32 * len(rows)))
