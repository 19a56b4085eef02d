"""The person view: posts over time, events attended, frequent co-attendees, every fact's source."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard import access, charts
from dashboard.details.common import chinese_date, node_link, relation_label, type_label
from graph.model import Node
from graph.schema import load_schema

__all__ = ["render_person"]

EVENT_ROWS = 50
COATTENDEE_ROWS = 15


def render_person(ref: access.StoreRef, person: Node, filters: access.Filters) -> None:
    """Everything the store knows of one person, each fact with its source."""
    props = person.properties
    st.header(person.caption)
    details = [type_label(person.type), props.get("jurisdiction"), props.get("person_class")]
    st.caption(" · ".join(str(d) for d in details if d))
    if props.get("aliases"):
        st.caption("别名:" + "、".join(props["aliases"]))
    _posts(ref, person)
    _events(ref, person, filters)
    _coattendees(ref, person, filters)
    _facts(ref, person)


def _posts(ref: access.StoreRef, person: Node) -> None:
    st.subheader("职务")
    positions = access.person_positions(ref, person.id)
    if not positions:
        st.caption("未见职务记录。")
        return
    rows = charts.posts_rows(positions)
    if rows:
        st.altair_chart(charts.posts_chart(rows), width="stretch")
    st.dataframe([{"职务": p["title"], "机构": p["organization"], "最早见报": p["first_seen"],
                   "最近见报": p["last_seen"], "次数": p["observations"]} for p in positions],
                 hide_index=True, width="stretch")


def _events(ref: access.StoreRef, person: Node, filters: access.Filters) -> None:
    events = access.person_events(ref, person.id, filters)
    st.subheader(f"出席活动({len(events)})")
    if not events:
        st.caption("所选时间段与类型内没有出席记录。")
        return
    for index, event in enumerate(events[:EVENT_ROWS]):
        day, name, kind, roles = st.columns([2, 6, 1.4, 2.4], vertical_alignment="center")
        day.write(chinese_date(event["date"]))
        with name:
            node_link(event["event_id"], event["event"], key=f"person-event-{index}-{event['event_id']}")
        kind.write(load_schema().node("Event").properties["event_type"].label_of(event["event_type"]))
        roles.write("、".join(event["roles"]) + (f"(第{event['order']}位)" if event["order"] else ""))
    if len(events) > EVENT_ROWS:
        st.caption(f"仅列出最近 {EVENT_ROWS} 项;用左侧日期范围缩小时间段。")


def _coattendees(ref: access.StoreRef, person: Node, filters: access.Filters) -> None:
    st.subheader("常见同场人物")
    together = access.person_coattendees(ref, person.id, filters)
    if not together:
        st.caption("没有同场出席的人物。")
        return
    for index, other in enumerate(together[:COATTENDEE_ROWS]):
        name, count, shared = st.columns([2, 1, 7], vertical_alignment="center")
        with name:
            node_link(other["coattendee_id"], other["name"], key=f"person-co-{index}-{other['coattendee_id']}")
        count.write(f"{other['count']} 次")
        shared.caption("、".join(e["event"] for e in other["events"][:3]))


def _fact_detail(fact: dict[str, Any]) -> str:
    props = fact["properties"]
    parts = ["、".join(props.get("roles", [])), f"第{props['order']}位" if props.get("order") else "",
             props.get("title_as_written") or "", str(props.get("date") or "")]
    return " ".join(p for p in parts if p)


def _facts(ref: access.StoreRef, person: Node) -> None:
    facts = access.person_facts(ref, person.id)
    st.subheader(f"事实与出处({len(facts)})")
    st.dataframe([{"关系": relation_label(f["relation"]), "对象": f["other"], "详情": _fact_detail(f),
                   "文章": f["article"], "日期": f["issue_date"], "原句": f["sentence"]} for f in facts],
                 hide_index=True, width="stretch",
                 column_config={"原句": st.column_config.TextColumn(width="large")})
