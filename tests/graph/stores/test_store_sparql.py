"""The SPARQL server store: where it connects, one update per batch, clear errors."""

from __future__ import annotations

import pytest
from rdflib.plugins.stores.sparqlconnector import SPARQLConnector

from dkg.errors import QueryError, StoreError
from graph.stores import open_store
from graph.stores.sparql import SparqlStore
from tests.engines import free_port
from tests.graph.stores.batches import contract_batch, expected_stats


def test_store_sparql_without_an_endpoint_says_what_to_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DKG_SPARQL_ENDPOINT", raising=False)
    with pytest.raises(StoreError, match="DKG_SPARQL_ENDPOINT"):
        open_store("sparql")


def test_store_sparql_reads_endpoints_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DKG_SPARQL_ENDPOINT", "http://127.0.0.1:1/ds/query")
    monkeypatch.delenv("DKG_SPARQL_UPDATE_ENDPOINT", raising=False)
    store = open_store("sparql")
    assert (store.endpoint, store.update_endpoint) == ("http://127.0.0.1:1/ds/query", "http://127.0.0.1:1/ds/update")
    monkeypatch.setenv("DKG_SPARQL_UPDATE_ENDPOINT", "http://127.0.0.1:1/repositories/x/statements")
    assert open_store("sparql").update_endpoint == "http://127.0.0.1:1/repositories/x/statements"


def test_store_sparql_unreachable_server_is_a_store_error_without_credentials() -> None:
    store = SparqlStore(f"http://reader:secret-k2@127.0.0.1:{free_port()}/query")
    with pytest.raises(StoreError, match="cannot reach") as raised:
        store.write(contract_batch())
    assert "secret-k2" not in str(raised.value)
    with pytest.raises(StoreError, match="cannot reach"):
        store.stats()


def test_store_sparql_sends_one_update_request_per_batch(open_backend, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_backend("sparql")
    sent: list[str] = []
    update = SPARQLConnector.update

    def counting(self, query, *args, **kwargs):
        sent.append(query)
        return update(self, query, *args, **kwargs)

    monkeypatch.setattr(SPARQLConnector, "update", counting)
    batch = contract_batch()
    store.write(batch)
    assert len(sent) == 1 and sent[0].lstrip().startswith("INSERT DATA")
    assert store.stats() == expected_stats(batch)


def test_store_sparql_server_refusal_is_a_store_error_and_writes_nothing(open_backend, monkeypatch) -> None:
    store = open_backend("sparql")
    store.write(contract_batch())
    before = store.stats()
    monkeypatch.setattr("graph.stores.sparql.batch_to_ntriples", lambda batch, schema: "<urn:a> <urn:b> .\n")
    with pytest.raises(StoreError, match="refused"):
        store.write(contract_batch("示例丙"))
    assert store.stats() == before


@pytest.mark.parametrize("backend", ["oxigraph", "sparql"])
def test_store_sparql_query_the_engine_fails_on_is_a_query_error(open_backend, backend: str) -> None:
    store = open_backend(backend)
    store.write(contract_batch())
    with pytest.raises(QueryError) as raised:  # rdflib's parser takes it, Oxigraph refuses SELECT * with GROUP BY
        store.query("SELECT * WHERE { ?s ?p ?o } GROUP BY ?s")
    assert "GROUP BY" in str(raised.value) and "\n" not in str(raised.value)
    with pytest.raises(QueryError, match="federated queries"):
        store.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert store.stats() == expected_stats(contract_batch())


def test_store_sparql_unreadable_answer_is_a_query_error(open_backend, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_backend("sparql")

    def garbled(*args, **kwargs):
        raise ValueError("Expecting value: line 1 column 1 (char 0)")

    monkeypatch.setattr(store._remote, "_query", garbled)
    with pytest.raises(QueryError, match="failed: Expecting value"):
        store.query("SELECT * WHERE { ?s ?p ?o }")
