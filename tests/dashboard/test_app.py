"""The dashboard's logic under Streamlit's AppTest, on a store of the hand-built sample graph:
search, filters, the options sent to the chart components, the export payloads, the query box."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from streamlit.testing.v1 import AppTest

import dashboard.exporting
from dashboard.access import default_relations
from dashboard.network import network_option
from graph import queries
from graph.schema import load_schema
from graph.stores import Store, open_store
from tests.dashboard.conftest import REPO
from tests.graph.sample_graph import sample_graph

APP = str(REPO / "dashboard" / "app.py")
ECHARTS = "streamlit-echarts.streamlit_echarts"


@pytest.fixture(scope="module")
def expected() -> Store:
    """The same sample graph in memory, to compute what the app should show."""
    store = open_store("memory")
    store.write(sample_graph())
    return store


@pytest.fixture
def app(app_env: Path) -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def person_id(store: Store, name: str) -> str:
    return queries.lookup(store, name, types="Person")[0]["id"]


def event_id(store: Store, name: str) -> str:
    return queries.lookup(store, name, types="Event")[0]["id"]


def echarts_options(at: AppTest, key_part: str) -> dict[str, Any]:
    """The ECharts option the app sent to the chart whose key contains ``key_part``."""
    for element in at.get("bidi_component"):
        if element.proto.component_name == ECHARTS and key_part in element.proto.id:
            return json.loads(element.proto.json)
    raise AssertionError(f"no ECharts chart with a key containing {key_part!r}")


def button_labels(at: AppTest, key_prefix: str) -> list[str]:
    return [b.label for b in at.button if (b.key or "").startswith(key_prefix)]


def focus_on(at: AppTest, node_id: str) -> AppTest:
    at.query_params["id"] = node_id
    return at.run()


def test_app_without_focus_lists_counts_and_recent_events(app: AppTest, expected: Store) -> None:
    app.run()
    assert not app.exception
    assert app.metric[0].label == load_schema().node("Person").label
    assert int(app.metric[0].value) == expected.stats()["nodes"]["Person"]
    newest = queries.timeline(expected)[-1]["events"][0]["event"]
    assert button_labels(app, "recent-")[0] == newest


def test_app_search_offers_each_searchable_node_with_aliases_and_pinyin(app: AppTest, expected: Store) -> None:
    app.run()
    labels = app.selectbox(key="search").options  # what the box shows, and matches as one types
    committee = queries.lookup(expected, "区委", types="Organization")[0]
    label = next(o for o in labels if o.startswith(committee["name"]))
    assert "机构" in label and "徐汇区委" in label
    assert any(o.startswith("曹立强") and "Cao Liqiang" in o for o in labels)
    types = {o.split(" · ")[1] for o in labels}
    assert types == {load_schema().node(t).label for t in ("Person", "Organization", "Event", "Place")}


def test_app_search_selects_a_person_and_shows_his_events_newest_first(app: AppTest, expected: Store) -> None:
    app.run()
    cao = person_id(expected, "曹立强")
    app.selectbox(key="search").select(cao).run()
    assert not app.exception
    assert app.session_state["focus"] == cao
    assert app.header[0].value == "曹立强"
    shown = button_labels(app, "person-event-")
    assert shown == [e["event"] for e in queries.events(expected, cao)]
    assert len(shown) == 3
    assert "徐汇区委社会工作会议" in shown[-1]


def test_app_free_text_search_lists_matches(app: AppTest, expected: Store) -> None:
    # Text typed into the box and entered (not picked from the list) lands in session state;
    # AppTest cannot type a new option, so the test puts it there.
    app.session_state["search_text"] = "区委"
    app.run()
    assert not app.exception
    hits = button_labels(app, "hit-")
    assert len(hits) == len(queries.search(expected, "区委", types=["Person", "Organization", "Event", "Place"],
                                           limit=50))
    assert any(h.startswith("中共上海市徐汇区委员会") for h in hits)


def test_app_network_payload_is_the_seeded_neighbourhood_styled_by_the_schema(app: AppTest, expected: Store) -> None:
    cao = person_id(expected, "曹立强")
    focus_on(app, cao)
    option = echarts_options(app, f"network-{cao}")["options"]
    series = option["series"][0]
    view = queries.expand(expected, [cao], hops=1, relations=default_relations(), limit=150)
    assert {n["id"] for n in series["data"]} == {n["id"] for n in view.nodes()}
    assert option == network_option(view.nodes(), view.edges(), cao)
    schema = load_schema()
    person_category = series["categories"][series["data"][0]["category"]]
    assert series["data"][0]["id"] == cao
    assert person_category["itemStyle"]["color"] == schema.node("Person").style["color"]
    assert series["data"][0]["symbolSize"] > schema.node("Person").style["size"]
    assert len(series["links"]) == len(view.edges())
    click = echarts_options(app, f"network-{cao}")["onEvents"]["click"]
    assert "params.data.id" in click


def test_app_network_layout_is_stable_between_reruns(app: AppTest, expected: Store) -> None:
    cao = person_id(expected, "曹立强")
    focus_on(app, cao)
    first = echarts_options(app, f"network-{cao}")["options"]["series"][0]["data"]
    app.run()
    again = echarts_options(app, f"network-{cao}")["options"]["series"][0]["data"]
    assert [(n["id"], n["x"], n["y"]) for n in first] == [(n["id"], n["x"], n["y"]) for n in again]


def test_app_more_hops_reach_further(app: AppTest, expected: Store) -> None:
    cao = person_id(expected, "曹立强")
    focus_on(app, cao)
    one_hop = {n["id"] for n in echarts_options(app, f"network-{cao}")["options"]["series"][0]["data"]}
    app.button_group(key="hops").set_value(2).run()
    two_hops = {n["id"] for n in echarts_options(app, f"network-{cao}")["options"]["series"][0]["data"]}
    assert one_hop < two_hops
    assert person_id(expected, "胡芳") in two_hops - one_hop


def test_app_date_range_filters_the_network_and_the_person_events(app: AppTest, expected: Store) -> None:
    cao = person_id(expected, "曹立强")
    meeting = event_id(expected, "徐汇区委社会工作会议")
    focus_on(app, cao)
    app.date_input(key="filter_dates").set_value((dt.date(2025, 1, 21), dt.date(2025, 1, 23))).run()
    assert not app.exception
    shown = button_labels(app, "person-event-")
    assert len(shown) == 2 and "徐汇区委社会工作会议" not in shown
    nodes = {n["id"] for n in echarts_options(app, f"network-{cao}")["options"]["series"][0]["data"]}
    assert meeting not in nodes


def test_app_event_page_lists_participants_in_protocol_order(app: AppTest, expected: Store) -> None:
    meeting = event_id(expected, "徐汇区委社会工作会议")
    focus_on(app, meeting)
    assert not app.exception
    assert app.header[0].value == "徐汇区委社会工作会议"
    listed = button_labels(app, "event-person-")
    assert listed == [r["name"] for r in sorted(queries.attendees(expected, meeting), key=lambda r: r["order"])]
    assert listed == ["曹立强", "沈权", "胡芳", "赵懿", "习挺松", "罗华品"]
    assert any("中共上海市徐汇区委员会" in label for label in button_labels(app, "event-organizer-"))
    article = next(m.value for m in app.markdown if "dkg-article" in m.value)
    assert article.count("<mark") >= 6 and 'title="人物:罗华品"' in article


def test_app_clicking_an_event_of_a_person_opens_it(app: AppTest, expected: Store) -> None:
    focus_on(app, person_id(expected, "曹立强"))
    meeting = next(b for b in app.button if (b.key or "").startswith("person-event-") and "社会工作" in b.label)
    meeting.click().run()
    assert app.session_state["focus"] == event_id(expected, "徐汇区委社会工作会议")
    assert len(button_labels(app, "event-person-")) == 6


def test_app_exports_the_current_view(app: AppTest, expected: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    made: dict[str, dashboard.exporting.ExportPayload] = {}
    real = dashboard.exporting.export_payload

    def spy(batch: Any, format: str, **kwargs: Any) -> dashboard.exporting.ExportPayload:
        made[format] = real(batch, format, **kwargs)
        return made[format]

    monkeypatch.setattr(dashboard.exporting, "export_payload", spy)
    meeting = event_id(expected, "徐汇区委社会工作会议")
    focus_on(app, meeting)
    shown = {n["id"] for n in echarts_options(app, f"network-{meeting}")["options"]["series"][0]["data"]}
    assert [b.label for b in app.get("download_button")] == ["GraphML", "GEXF", "JSON", "CSV (zip)"]
    assert set(made) == {"graphml", "gexf", "json", "csv"}
    graph = nx.read_graphml(io.BytesIO(made["graphml"].data))
    assert set(graph.nodes) == shown
    assert set(nx.read_gexf(io.BytesIO(made["gexf"].data)).nodes) == shown
    assert {n["id"] for n in json.loads(made["json"].data)["nodes"]} == shown


def test_app_timeline_obeys_the_type_filter(app: AppTest, expected: Store) -> None:
    app.run()
    app.switch_page("screens/timeline.py").run()
    assert not app.exception
    every = button_labels(app, "timeline-")
    assert len(every) == sum(d["count"] for d in queries.timeline(expected))
    app.selectbox(key="filter_type").select("meeting").run()
    assert button_labels(app, "timeline-") == ["徐汇区委社会工作会议"]
    chart = app.get("vega_lite_chart")[0]
    spec = json.loads(chart.proto.spec)
    assert "月" in json.dumps(spec["encoding"]["x"]["axis"], ensure_ascii=False)


def test_app_coattendance_sizes_people_by_centrality(app: AppTest, expected: Store) -> None:
    app.run()
    app.switch_page("screens/coattendance.py").run()
    assert not app.exception
    data = echarts_options(app, "coattendance")["options"]["series"][0]["data"]
    size = {n["name"]: n["symbolSize"] for n in data}
    assert size["曹立强"] > size["胡芳"]
    assert set(size) == {r["name"] for r in queries.attendees(expected)}


def test_app_query_box_runs_a_select_and_refuses_an_update(app: AppTest, expected: Store) -> None:
    app.run()
    app.switch_page("screens/query.py").run()
    app.text_area(key="query_text").input("SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }").run()
    app.button(key="query_run").click().run()
    assert not app.exception and not app.error
    assert "曹立强" in app.dataframe[0].value.to_string()
    app.text_area(key="query_text").input("DELETE WHERE { ?s ?p ?o }").run()
    app.button(key="query_run").click().run()
    assert app.error and "update" in app.error[0].value
    app.switch_page("screens/explore.py").run()
    assert int(app.metric[0].value) == expected.stats()["nodes"]["Person"]


def test_app_reports_a_missing_store_with_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKG_STORE", str(tmp_path / "nowhere"))
    app = AppTest.from_file(APP, default_timeout=60).run()
    assert app.error and str(tmp_path / "nowhere") in app.error[0].value
    assert "dkg ingest" in app.info[0].value
