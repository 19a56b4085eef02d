"""Small pieces every detail view uses: links to other nodes, dates, type names."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from dashboard.focus import set_focus
from graph.schema import load_schema

__all__ = ["LINK_ICON", "chinese_date", "node_link", "relation_label", "type_label"]

LINK_ICON = ":material/arrow_outward:"


def chinese_date(day: dt.date | None, part_of_day: str | None = None) -> str:
    """A date as Chinese readers write it.

    Examples
    --------
    >>> chinese_date(dt.date(2025, 1, 20), "上午")
    '2025年1月20日上午'
    >>> chinese_date(None)
    '日期不详'
    """
    if day is None:
        return "日期不详"
    return f"{day.year}年{day.month}月{day.day}日{part_of_day or ''}"


def type_label(type_name: str | None) -> str:
    """The schema's display name of a node type (``人物`` for ``Person``)."""
    return load_schema().node(type_name).label if type_name else ""


def relation_label(relation: str) -> str:
    """The schema's display name of a relation type (``参加`` for ``ATTENDED``)."""
    return load_schema().relation(relation).label


def node_link(node_id: str, caption: str, key: str, **button: Any) -> None:
    """A button that focuses a node (shows it in the network and its details)."""
    st.button(caption or node_id, key=key, on_click=set_focus, args=(node_id,), type="tertiary",
              icon=LINK_ICON, **button)
