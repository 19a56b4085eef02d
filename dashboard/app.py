"""The dashboard's entry page (a placeholder until the dashboard issue lands).

It shows what the store holds, read through the store interface.
"""

from __future__ import annotations

import streamlit as st

from graph.schema import load_schema
from graph.stores import default_store_path, open_store

st.set_page_config(page_title="District Affairs Graph", layout="wide")
st.title("District Affairs Graph")
store_path = default_store_path()
try:
    with open_store(path=store_path, read_only=True) as store:
        counts = store.stats()
except Exception as error:
    st.error(f"Cannot open the store at {store_path}: {error}")
    st.stop()
schema = load_schema()
st.caption(f"Store: {store_path}")
left, right = st.columns(2)
left.subheader("Nodes")
left.table({schema.node(t).label + f" ({t})": [n] for t, n in counts["nodes"].items()})
right.subheader("Relations")
right.table({schema.relation(t).label + f" ({t})": [n] for t, n in counts["relations"].items()})
