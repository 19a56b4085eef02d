"""The node an analyst is looking at, shared by every page and kept in the URL (``?id=...``).

A session starts from the URL, so a copied link opens the same node; after that the
session's focus is the truth and the URL follows it.
"""

from __future__ import annotations

import streamlit as st

__all__ = ["EXPLORE_PAGE", "FOCUS_KEY", "current_focus", "go_to", "set_focus"]

FOCUS_KEY = "focus"
EXPLORE_PAGE = "screens/explore.py"


def current_focus() -> str | None:
    """The focused node id: the session's, else the URL's ``id`` on the first run."""
    if FOCUS_KEY not in st.session_state:
        st.session_state[FOCUS_KEY] = st.query_params.get("id") or None
    return st.session_state[FOCUS_KEY]


def set_focus(node_id: str | None) -> None:
    """Focus a node (usable as a widget callback)."""
    st.session_state[FOCUS_KEY] = node_id
    if node_id:
        st.query_params["id"] = node_id
    elif "id" in st.query_params:
        del st.query_params["id"]


def go_to(node_id: str) -> None:
    """Focus a node and open the explore page on it (not from a callback: it switches page)."""
    st.session_state[FOCUS_KEY] = node_id
    st.switch_page(EXPLORE_PAGE, query_params={"id": node_id})
