"""The explorer: find a node, see its neighbourhood, read its details, export the view."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st
from streamlit_echarts import st_echarts

from dashboard import access
from dashboard.details import render_detail
from dashboard.details.common import chinese_date, node_link, type_label
from dashboard.exporting import DOWNLOADS, export_payload
from dashboard.filters import active_filters
from dashboard.focus import current_focus, set_focus
from dashboard.network import CLICK_HANDLER, network_option
from graph.model import Node
from graph.queries import Subgraph
from graph.schema import load_schema

SEARCH_KEY = "search"
SEARCH_TEXT_KEY = "search_text"
DEFAULT_LIMIT = 150


def option_label(entry: Mapping[str, Any]) -> str:
    """What the search box shows (and matches as one types): name, type, aliases, pinyin."""
    extras = [*entry.get("aliases", []), entry.get("pinyin") or ""]
    extra = " / ".join(e for e in extras if e)
    return f"{entry['name']} · {type_label(entry['type'])}" + (f" · {extra}" if extra else "")


def _picked() -> None:
    value = st.session_state.get(SEARCH_KEY)
    if value is None:
        return
    if value in st.session_state.get("search_ids", ()):
        set_focus(value)
        st.session_state.pop(SEARCH_TEXT_KEY, None)
    else:  # free text (not an option): search the whole store for it
        st.session_state[SEARCH_TEXT_KEY] = str(value)


def search_box(ref: access.StoreRef, focus: str | None, focus_node: Node | None) -> None:
    entries = {e["id"]: e for e in access.catalogue(ref)}
    options = list(entries)
    if focus and focus not in entries and focus_node is not None:
        entries[focus] = {"id": focus, "type": focus_node.type, "name": focus_node.caption}
        options.insert(0, focus)
    st.session_state["search_ids"] = set(options)
    if st.session_state.get(SEARCH_KEY) != focus and (focus in entries or focus is None):
        st.session_state[SEARCH_KEY] = focus
    st.selectbox("搜索人物、机构、活动、地点", options, index=None, key=SEARCH_KEY, on_change=_picked,
                 format_func=lambda node_id: option_label(entries[node_id]) if node_id in entries else str(node_id),
                 placeholder="输入名称、别名或拼音,从列表中选择;回车可全文检索", accept_new_options=True)
    if len(entries) >= access.CATALOGUE_LIMIT:
        st.caption(f"列表只含前 {access.CATALOGUE_LIMIT} 个名称;输入文字后回车,可检索全库。")
    text = st.session_state.get(SEARCH_TEXT_KEY)
    if text:
        _text_results(ref, text)


def _text_results(ref: access.StoreRef, text: str) -> None:
    found = access.search_nodes(ref, text)
    st.caption(f"“{text}”的检索结果:{len(found)} 个")
    for index, hit in enumerate(found):
        node_link(hit["id"], f"{hit['name']} · {type_label(hit['type'])}", key=f"hit-{index}-{hit['id']}")


def _clicked(chart_key: str) -> None:
    """A node of the network was clicked: make it the focus."""
    state = st.session_state.get(chart_key)
    clicked = state.get("chart_event") if isinstance(state, Mapping) else getattr(state, "chart_event", None)
    if isinstance(clicked, str) and clicked:
        set_focus(clicked)


def view_controls() -> tuple[int, int, tuple[str, ...]]:
    hops_column, limit_column, relations_column = st.columns([1.2, 1, 1, 4], vertical_alignment="bottom")[:3]
    hops = hops_column.segmented_control("跳数", [1, 2, 3], default=1, key="hops", required=True)
    limit = limit_column.number_input("节点上限", min_value=10, max_value=2000, value=DEFAULT_LIMIT, step=10,
                                      key="limit")
    defaults = access.default_relations()
    relations = load_schema().relations
    with relations_column.popover("关系", icon=":material/tune:"):
        chosen = st.multiselect("沿这些关系展开", list(relations), default=list(defaults), key="relations",
                                format_func=lambda r: f"{relations[r].label} {r}")
    return int(hops or 1), int(limit), tuple(sorted(chosen))


def network(ref: access.StoreRef, focus: str, filters: access.Filters) -> Subgraph:
    hops, limit, relations = view_controls()
    view = access.neighbourhood_view(ref, focus, hops, limit, relations, filters)
    nodes, edges = view.nodes(), view.edges()
    chart_key = f"network-{focus}"
    st_echarts(network_option(nodes, edges, focus), events={"click": CLICK_HANDLER}, height="560px",
               key=chart_key, on_change=lambda: _clicked(chart_key))
    note = f"{len(nodes)} 个节点,{len(edges)} 条关系。点击节点即可聚焦;滚轮缩放,拖动平移。"
    if view.truncated:
        note += f"已达节点上限 {limit},视图不完整。"
    st.caption(note)
    return view


def downloads(view: Subgraph) -> None:
    columns = st.columns(len(DOWNLOADS) + 3)
    columns[0].markdown("**导出当前视图**")
    for column, (name, (label, _)) in zip(columns[1:], DOWNLOADS.items(), strict=False):
        payload = export_payload(view.batch, name)
        column.download_button(label, payload.data, file_name=payload.file_name, mime=payload.mime,
                               key=f"download-{name}", icon=":material/download:", on_click="ignore")


def welcome(ref: access.StoreRef, filters: access.Filters) -> None:
    counts = access.stats(ref)["nodes"]
    st.info("在上方搜索框中输入人物、机构、活动或地点的名称,选中后查看其关系网络与详情。")
    columns = st.columns(4)
    for column, name in zip(columns, access.SEARCHABLE, strict=True):
        column.metric(type_label(name), counts.get(name, 0))
    days = [d for d in access.timeline_days(ref, filters) if d["date"] is not None][-8:]
    if days:
        st.subheader("最近的活动")
        for day in reversed(days):
            for event in day["events"]:
                left, right = st.columns([1.4, 8], vertical_alignment="center")
                left.write(chinese_date(day["date"]))
                with right:
                    node_link(event["event_id"], event["event"], key=f"recent-{event['event_id']}")


def main() -> None:
    ref, filters = access.current_ref(), active_filters()
    focus = current_focus()
    focus_node = access.fetch_nodes(ref, (focus,)).get(focus) if focus else None
    if focus and focus_node is None:
        st.warning(f"图谱中没有 id 为 {focus} 的节点。")
        set_focus(None)
        focus = None
    search_box(ref, focus, focus_node)
    if focus_node is None:
        welcome(ref, filters)
        return
    view = network(ref, focus, filters)
    downloads(view)
    st.divider()
    render_detail(ref, focus_node, filters)


main()
