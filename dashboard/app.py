"""The dashboard's entry: ``streamlit run dashboard/app.py`` (or ``dkg dashboard``).

It serves the store named by ``DKG_BACKEND`` and ``DKG_STORE`` (the embedded store in
``./dkg-data`` by default), read-only. The sidebar holds the filters every page obeys;
the screens are the explorer (search, network, person and event details, export), the
timeline, the co-attendance network and a read-only query box.
"""

from __future__ import annotations

import streamlit as st

from dashboard import access
from dashboard.filters import sidebar_filters
from dkg.errors import DkgError

# No page icons: the page's icon becomes the favicon, and a Material icon there is fetched
# from fonts.gstatic.com; without one, the favicon is Streamlit's own, served locally.
PAGES = [
    st.Page("screens/explore.py", title="探索", url_path="explore", default=True),
    st.Page("screens/timeline.py", title="时间线", url_path="timeline"),
    st.Page("screens/coattendance.py", title="共同出席", url_path="coattendance"),
    st.Page("screens/query.py", title="查询", url_path="query"),
]


def _store_panel(ref: access.StoreRef) -> None:
    with st.sidebar:
        st.caption(f"图谱库 · {ref.describe()}")
        if st.button("重新载入", icon=":material/refresh:", help="清除缓存并重新打开图谱库(导入新数据后)"):
            access.clear_caches()
            st.rerun()


def main() -> None:
    st.set_page_config(page_title="区情图谱 District Affairs Graph", layout="wide")
    navigation = st.navigation(PAGES)
    ref = access.current_ref()
    try:
        access.stats(ref)
    except DkgError as error:
        st.error(f"无法打开图谱库({ref.describe()}):{error}")
        st.info("先用 `dkg ingest data/ --store dkg-data` 建库,再用 `dkg dashboard --store dkg-data` 打开。")
        st.stop()
    sidebar_filters(ref)
    _store_panel(ref)
    navigation.run()


main()
