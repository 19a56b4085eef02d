"""The sidebar filters that apply to every view: a period, an event type, an organisation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from dashboard import access
from graph.schema import load_schema

__all__ = ["FILTERS_KEY", "active_filters", "date_range", "sidebar_filters"]

FILTERS_KEY = "dkg.filters"
ALL = "全部"


def date_range(picked: Any, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The period of a date-range widget's value; half-picked ranges run to the data's end.

    Examples
    --------
    >>> date_range((dt.date(2025, 1, 21),), dt.date(2025, 1, 1), dt.date(2025, 2, 1))
    (datetime.date(2025, 1, 21), datetime.date(2025, 2, 1))
    >>> date_range(dt.date(2025, 1, 21), dt.date(2025, 1, 1), dt.date(2025, 2, 1))
    (datetime.date(2025, 1, 21), datetime.date(2025, 1, 21))
    """
    if isinstance(picked, dt.date):
        return picked, picked
    values = [d for d in (picked or ()) if d is not None]
    if not values:
        return first, last
    return values[0], values[1] if len(values) > 1 else last


def sidebar_filters(ref: access.StoreRef) -> access.Filters:
    """Draw the filters in the sidebar and remember them for the pages of this run."""
    first, last = access.date_bounds(ref)
    type_labels = load_schema().node("Event").properties["event_type"]
    event_types = type_labels.values
    organizations = access.catalogue(ref, ("Organization",))
    names = {o["id"]: o["name"] for o in organizations}
    with st.sidebar:
        st.subheader("筛选(作用于所有视图)")
        if first is None:
            st.caption("库中没有带日期的活动。")
            date_from = date_to = None
        else:
            picked = st.date_input("日期范围", value=(first, last), key="filter_dates", format="YYYY-MM-DD")
            date_from, date_to = date_range(picked, first, last)
            # The whole span means no date filter, so undated events stay in every view.
            date_from = None if date_from <= first else date_from
            date_to = None if date_to >= last else date_to
        event_type = st.selectbox("活动类型", [None, *event_types], key="filter_type",
                                  format_func=lambda t: type_labels.label_of(t) if t else ALL)
        org = st.selectbox("机构(主办或签署)", [None, *names], format_func=lambda o: names.get(o, ALL),
                           key="filter_org")
    filters = access.Filters(date_from, date_to, event_type, org)
    st.session_state[FILTERS_KEY] = filters
    return filters


def active_filters() -> access.Filters:
    """The filters drawn in this run's sidebar (no filter before the sidebar is drawn)."""
    return st.session_state.get(FILTERS_KEY) or access.Filters()
