"""The engine fixtures: an engine that cannot start skips its tests, except under CI=true."""

from __future__ import annotations

import pytest

from tests import engines


@pytest.fixture
def broken_engine(monkeypatch: pytest.MonkeyPatch) -> str:
    def cannot_start() -> engines.Engine:
        raise engines.EngineError("no runtime here")

    monkeypatch.setitem(engines._STARTERS, "broken", cannot_start)
    monkeypatch.delitem(engines._RUNNING, "broken", raising=False)
    return "broken"


def test_store_engines_skip_when_an_engine_cannot_start(broken_engine: str, monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no runtime here"):
        engines.engine_or_skip(broken_engine)


def test_store_engines_fail_instead_of_skipping_under_ci(broken_engine: str, monkeypatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        engines.engine_or_skip(broken_engine)


def test_store_engines_neo4j_uri_in_the_environment_replaces_arcadedb(monkeypatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://db.example:7687")
    monkeypatch.setenv("NEO4J_DATABASE", "scratch")
    settings = engines.neo4j_settings_or_skip()
    assert (settings["uri"], settings["database"]) == ("neo4j://db.example:7687", "scratch")


def test_store_engines_oxigraph_answers_and_stops(tmp_path) -> None:
    engine = engines.start_oxigraph(tmp_path / "oxigraph")
    try:
        assert engine.process.poll() is None
        assert engine.env["DKG_SPARQL_ENDPOINT"].endswith("/query")
    finally:
        engine.stop()
    assert engine.process.poll() is not None
