"""The view of any other node: its properties, the posts of an organisation, its neighbours."""

from __future__ import annotations

import streamlit as st

from dashboard import access
from dashboard.details.common import node_link, relation_label, type_label
from dashboard.details.event import render_article_text
from graph.model import Node
from graph.schema import load_schema

__all__ = ["render_node"]

NEIGHBOUR_ROWS = 60


def render_node(ref: access.StoreRef, node: Node, filters: access.Filters) -> None:
    """Properties, holders (for an organisation), text (for an article) and neighbours of a node."""
    st.header(node.caption)
    st.caption(type_label(node.type))
    _properties(node)
    if node.type == "Organization":
        _holders(ref, node)
    if node.type == "Article":
        render_article_text(ref, node)
    _neighbours(ref, node, filters)


def _properties(node: Node) -> None:
    node_type = load_schema().node(node.type)
    shown = {name: value for name, value in node.properties.items()
             if name in node_type.properties and name not in ("text", node_type.caption)}
    if shown:
        st.dataframe([{"属性": name, "值": "、".join(value) if isinstance(value, list) else str(value)}
                      for name, value in shown.items()], hide_index=True, width="stretch")


def _holders(ref: access.StoreRef, node: Node) -> None:
    holders = access.organization_holders(ref, node.id)
    if not holders:
        return
    st.subheader("职务与任职者")
    st.dataframe([{"职务": h["title"], "机构": h["organization"], "人物": h["name"], "最早见报": h["first_seen"],
                   "最近见报": h["last_seen"]} for h in holders], hide_index=True, width="stretch")


def _neighbours(ref: access.StoreRef, node: Node, filters: access.Filters) -> None:
    context = access.node_context(ref, node.id)
    rows = []
    for edge in context.batch.edges.values():
        other_id = edge.target if edge.source == node.id else edge.source
        other = context.batch.nodes.get(other_id)
        if other is not None and other_id != node.id and filters.keeps(other):
            rows.append((relation_label(edge.type), type_label(other.type), other.caption, other.id))
    rows = sorted(set(rows))
    st.subheader(f"相邻节点({len(rows)})")
    for index, (relation, kind, caption, other_id) in enumerate(rows[:NEIGHBOUR_ROWS]):
        left, middle, right = st.columns([1, 1, 8], vertical_alignment="center")
        left.write(relation)
        middle.write(kind)
        with right:
            node_link(other_id, caption, key=f"node-neighbour-{index}-{other_id}")
    if len(rows) > NEIGHBOUR_ROWS:
        st.caption(f"仅列出前 {NEIGHBOUR_ROWS} 个;网络视图可展开更多。")
