"""The co-attendance network of a period and organisation: who appears beside whom, sized by centrality."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

import networkx as nx
import streamlit as st
from streamlit_echarts import st_echarts

from dashboard import access
from dashboard.filters import active_filters
from dashboard.focus import go_to
from dashboard.network import CLICK_HANDLER, coattendance_option
from graph.analytics import coattendance_graph, network_table
from graph.analytics.centrality import betweenness_samples

MEASURES = {"betweenness": "中介中心性", "strength": "共同出席次数", "degree": "度中心性"}
CLICKED_KEY = "coattendance_clicked"


@st.cache_data(show_spinner=False, ttl=access.TTL)
def network(ref: access.StoreRef, filters: access.Filters, min_shared: int,
            most: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """The ``most`` people who shared the most events in the filtered period, with centrality and
    community computed on the network among them, their ties, and how many people there were.

    Betweenness costs O(people × ties), too much for a whole district over years; it is
    computed on the network drawn, never on the whole co-attendance graph.
    """
    graph = coattendance_graph(access.coattendance_rows(ref, filters))
    weak = [(a, b) for a, b, weight in graph.edges(data="weight") if weight < min_shared]
    graph.remove_edges_from(weak)
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    strongest = sorted(graph.degree(weight="weight"), key=lambda pair: (-pair[1], pair[0]))[:most]
    drawn = nx.Graph(graph.subgraph(node for node, _ in strongest))
    ties = [{"source": a, "target": b, "weight": w} for a, b, w in sorted(drawn.edges(data="weight"))]
    return network_table(drawn), ties, len(graph)


def _clicked(chart_key: str) -> None:
    state = st.session_state.get(chart_key)
    clicked = state.get("chart_event") if isinstance(state, Mapping) else getattr(state, "chart_event", None)
    if isinstance(clicked, str) and clicked:
        st.session_state[CLICKED_KEY] = clicked


def _table_csv(table: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(table[0]))
    writer.writeheader()
    writer.writerows(table)
    return buffer.getvalue()


def main() -> None:
    clicked = st.session_state.pop(CLICKED_KEY, None)
    if clicked:
        go_to(clicked)
    ref, filters = access.current_ref(), active_filters()
    st.header("共同出席网络")
    st.caption("人物之间的连线表示同场出席;节点大小表示所选中心性,颜色表示社群(Louvain)。时间段与机构见左侧筛选。")
    measure_column, shared_column, size_column = st.columns(3)
    measure = measure_column.selectbox("节点大小", list(MEASURES), format_func=MEASURES.get, key="co_measure")
    min_shared = shared_column.number_input("至少同场次数", min_value=1, max_value=50, value=1, key="co_min")
    most = size_column.number_input("最多人物", min_value=5, max_value=500, value=120, step=5, key="co_most")
    table, ties, everyone = network(ref, filters, int(min_shared), int(most))
    if not table:
        st.info("所选范围内没有同场出席的人物。")
        return
    shown = sorted(table, key=lambda r: (-float(r[measure]), r["person_id"]))
    people = [{"id": r["person_id"], "name": r["name"], "score": float(r[measure]), "community": r["community"] - 1}
              for r in shown]
    chart_key = "coattendance-chart"
    st_echarts(coattendance_option(people, ties), events={"click": CLICK_HANDLER}, height="560px", key=chart_key,
               on_change=lambda: _clicked(chart_key))
    estimate = betweenness_samples(len(table))
    sampled = f"中介中心性为抽样估计(随机取 {estimate} 个起点计算)。" if table[0]["betweenness_estimated"] else ""
    st.caption(f"{len(shown)} 位人物(共 {everyone} 位,按共同出席次数取前 {int(most)} 位;中心性在所示网络内计算),"
               f"{len(ties)} 条同场关系。{sampled}点击人物查看详情。")
    st.dataframe([{"人物": r["name"], "出席活动": r["events"], "共同出席次数": r["strength"], "度中心性": r["degree"],
                   "中介中心性": r["betweenness"], "社群": r["community"]} for r in table],
                 hide_index=True, width="stretch")
    st.download_button("下载表格 CSV", _table_csv(table), file_name="dkg-coattendance.csv", mime="text/csv",
                       key="co_download", icon=":material/download:", on_click="ignore")


main()
