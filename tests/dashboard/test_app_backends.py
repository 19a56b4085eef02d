"""The dashboard on the server backends: the SPARQL server (``oxigraph serve``) and Neo4j over
Bolt (ArcadeDB, or the server named by ``NEO4J_URI``), each holding the hand-built sample
graph. The same pages must show the same answers as on the embedded store; the query box
speaks the backend's language and refuses its updates. The engines are the session's shared
ones (``tests/engines.py``), emptied before the sample graph is written."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from streamlit.testing.v1 import AppTest

from graph import queries
from graph.stores import Store, open_store
from tests.dashboard.conftest import REPO
from tests.engines import empty_server_store, engine_or_skip, neo4j_settings_or_skip
from tests.graph.sample_graph import sample_graph

APP = str(REPO / "dashboard" / "app.py")
QUERIES = {
    "sparql": ("SELECT ?name WHERE { ?p a schema:Person ; schema:name ?name }", "DELETE WHERE { ?s ?p ?o }"),
    "neo4j": ("MATCH (p:Person) RETURN p.name AS name", "MATCH (n) DETACH DELETE n"),
}


def _settings(backend: str) -> dict[str, str]:
    """The environment that points dkg at the backend's engine."""
    if backend == "neo4j":
        found = neo4j_settings_or_skip()
        return {"NEO4J_URI": found["uri"], "NEO4J_USER": found["user"] or "", "NEO4J_PASSWORD": found["password"] or "",
                "NEO4J_DATABASE": found["database"] or ""}
    env = engine_or_skip("oxigraph").env
    return {"DKG_SPARQL_ENDPOINT": env["DKG_SPARQL_ENDPOINT"],
            "DKG_SPARQL_UPDATE_ENDPOINT": env["DKG_SPARQL_UPDATE_ENDPOINT"]}


def _open(backend: str, settings: dict[str, str]) -> Store:
    if backend == "neo4j":
        return open_store("neo4j", uri=settings["NEO4J_URI"], user=settings["NEO4J_USER"],
                          password=settings["NEO4J_PASSWORD"], database=settings["NEO4J_DATABASE"] or None)
    return open_store("sparql", endpoint=settings["DKG_SPARQL_ENDPOINT"],
                      update_endpoint=settings["DKG_SPARQL_UPDATE_ENDPOINT"])


@pytest.fixture(scope="module", params=["sparql", "neo4j"])
def served(request: pytest.FixtureRequest) -> tuple[str, dict[str, str]]:
    """A backend name and its settings; its engine holds the sample graph alone."""
    backend = request.param
    settings = _settings(backend)
    with empty_server_store(backend) as store:
        store.write(sample_graph())
    return backend, settings


@pytest.fixture
def app(served: tuple[str, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> AppTest:
    backend, settings = served
    monkeypatch.setenv("DKG_BACKEND", backend)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    return AppTest.from_file(APP, default_timeout=60)


@pytest.fixture
def store(served: tuple[str, dict[str, str]]) -> Iterator[Store]:
    opened = _open(*served)
    yield opened
    opened.close()


def test_app_backends_show_a_person_and_an_event_as_on_the_embedded_store(app: AppTest, store: Store) -> None:
    cao = queries.lookup(store, "曹立强", types="Person")[0]["id"]
    app.query_params["id"] = cao
    app.run()
    assert not app.exception
    assert [b.label for b in app.button if (b.key or "").startswith("person-event-")] == [
        e["event"] for e in queries.events(store, cao)]
    chart = next(e for e in app.get("bidi_component") if f"network-{cao}" in e.proto.id)
    drawn = {n["id"] for n in json.loads(chart.proto.json)["options"]["series"][0]["data"]}
    assert len(drawn) == 5 and cao in drawn
    meeting = next(b for b in app.button if (b.key or "").startswith("person-event-") and "社会工作" in b.label)
    meeting.click().run()
    listed = [b.label for b in app.button if (b.key or "").startswith("event-person-")]
    assert listed == ["曹立强", "沈权", "胡芳", "赵懿", "习挺松", "罗华品"]


def test_app_backends_query_box_speaks_the_backend_language(app: AppTest, served: tuple[str, dict[str, str]],
                                                            store: Store) -> None:
    read, update = QUERIES[served[0]]
    app.run()
    app.switch_page("screens/query.py").run()
    app.text_area(key="query_text").input(read).run()
    app.button(key="query_run").click().run()
    assert not app.error and "曹立强" in app.dataframe[0].value.to_string()
    app.text_area(key="query_text").input(update).run()
    app.button(key="query_run").click().run()
    assert app.error
    assert store.stats()["nodes"]["Person"] == sum(1 for n in sample_graph().nodes.values() if n.type == "Person")


def test_app_backends_search_lists_the_same_names(app: AppTest) -> None:
    app.run()
    labels = app.selectbox(key="search").options
    persons = {n.properties["name"] for n in sample_graph().nodes.values() if n.type == "Person"}
    assert {label.split(" · ")[0] for label in labels if " · 人物" in label} == persons
