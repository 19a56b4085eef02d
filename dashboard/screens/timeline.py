"""The timeline: events by day and type under the sidebar's filters; a click opens an event."""

from __future__ import annotations

import streamlit as st

from dashboard import access, charts
from dashboard.details.common import LINK_ICON, chinese_date
from dashboard.filters import active_filters
from dashboard.focus import go_to

TABLE_ROWS = 200


def _selected_event(state: object) -> str | None:
    """The event id of a click on the chart, if any."""
    selection = getattr(state, "selection", None) or (state.get("selection") if isinstance(state, dict) else None)
    points = (selection or {}).get("event") or []
    return points[0].get("event_id") if points else None


def main() -> None:
    ref, filters = access.current_ref(), active_filters()
    st.header("活动时间线")
    days = access.timeline_days(ref, filters)
    rows = charts.timeline_rows(days)
    undated = sum(day["count"] for day in days if day["date"] is None)
    left, middle, right = st.columns(3)
    left.metric("活动", len(rows) + undated)
    middle.metric("有活动的日子", sum(1 for day in days if day["date"] is not None))
    right.metric("出席人次", sum(r["attendees"] for r in rows))
    if not rows:
        st.info("所选时间段、类型和机构内没有带日期的活动。")
    else:
        state = st.altair_chart(charts.timeline_chart(rows), width="stretch", on_select="rerun", key="timeline")
        picked = _selected_event(state)
        if picked:
            go_to(picked)
    st.subheader("活动列表")
    listed = [(day["date"], event) for day in reversed(days) for event in day["events"]]
    for index, (day, event) in enumerate(listed[:TABLE_ROWS]):
        when, name, kind, count = st.columns([2, 6, 1.2, 1], vertical_alignment="center")
        when.write(chinese_date(day))
        if name.button(event["event"], key=f"timeline-{index}-{event['event_id']}", type="tertiary", icon=LINK_ICON):
            go_to(event["event_id"])
        kind.write(event["event_type"] or "")
        count.write(f"{event['attendees']} 人")
    if len(listed) > TABLE_ROWS:
        st.caption(f"仅列出最近 {TABLE_ROWS} 项;缩小日期范围可看到更早的活动。")


main()
