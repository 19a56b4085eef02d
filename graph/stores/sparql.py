"""The SPARQL server backend: the graph on any SPARQL 1.1 endpoint (Oxigraph, Fuseki, GraphDB ...).

Reads go through rdflib's ``SPARQLUpdateStore`` with the same SPARQL, counts and export as
the embedded store (:class:`graph.stores.rdf.RdfStore`); a batch is written as one
``INSERT DATA`` update request, which the server applies as one operation: whole or not
at all. RDF is a set of triples, so writing the same batch again changes nothing.

Where the endpoint is: the ``endpoint`` argument, else ``$DKG_SPARQL_ENDPOINT``; updates go
to ``update_endpoint``, else ``$DKG_SPARQL_UPDATE_ENDPOINT``, else to the query endpoint
with a final ``/query`` or ``/sparql`` replaced by ``/update`` (Oxigraph's and Fuseki's
layout), else to the query endpoint itself.
"""

from __future__ import annotations

import os
import re
from typing import Any, ClassVar
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit

import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

from dkg.errors import QueryError, StoreError
from graph.model import GraphBatch
from graph.rdf import batch_to_ntriples
from graph.schema import Schema
from graph.stores.rdf import RdfStore

__all__ = ["SparqlStore", "update_endpoint_for"]

_QUERY_PATH = re.compile(r"/(query|sparql)/?$")


def update_endpoint_for(query_endpoint: str) -> str:
    """The usual update endpoint beside a query endpoint.

    Examples
    --------
    >>> update_endpoint_for("http://localhost:7878/query")
    'http://localhost:7878/update'
    >>> update_endpoint_for("http://localhost:7200/repositories/dkg")
    'http://localhost:7200/repositories/dkg'
    """
    return _QUERY_PATH.sub("/update", query_endpoint)


def _shown(url: str) -> str:
    """The URL without any user:password part, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def _server_error(error: Exception, url: str, action: str) -> StoreError:
    if isinstance(error, HTTPError):
        detail = error.read().decode("utf-8", "replace").strip()[:500]
        return StoreError(f"the SPARQL server at {_shown(url)} refused to {action}: HTTP {error.code} {detail}")
    reason = getattr(error, "reason", error)
    return StoreError(f"cannot reach the SPARQL server at {_shown(url)} to {action} ({reason}); check that it "
                      "runs and that --endpoint / DKG_SPARQL_ENDPOINT names its query URL")


class _Endpoint(SPARQLUpdateStore):
    """rdflib's SPARQL store, with a server's refusal of a query raised instead of returned."""

    def _query(self, *args: Any, **kwargs: Any) -> Any:
        result = super()._query(*args, **kwargs)
        if isinstance(result, tuple):  # rdflib returns (status, message, None) for an HTTP error on POST
            status, message = result[0], result[1]
            raise QueryError(f"the SPARQL server at {_shown(self.query_endpoint)} refused the query: "
                             f"HTTP {status} ({message})")
        return result


class SparqlStore(RdfStore):
    """A graph on a SPARQL 1.1 server, read with SPARQL queries and written with SPARQL updates.

    Parameters
    ----------
    endpoint : the query endpoint URL (default ``$DKG_SPARQL_ENDPOINT``).
    update_endpoint : the update endpoint URL (see the module docstring for the default).
    """

    name: ClassVar[str] = "sparql"
    persistent: ClassVar[bool] = True

    def __init__(self, endpoint: str | None = None, update_endpoint: str | None = None,
                 schema: Schema | None = None) -> None:
        super().__init__(schema)
        endpoint = endpoint or os.environ.get("DKG_SPARQL_ENDPOINT")
        if not endpoint:
            raise StoreError("the sparql backend needs an endpoint: set DKG_SPARQL_ENDPOINT to the server's "
                             "query URL (e.g. http://localhost:7878/query)")
        self.endpoint = endpoint
        self.update_endpoint = (update_endpoint or os.environ.get("DKG_SPARQL_UPDATE_ENDPOINT")
                                or update_endpoint_for(endpoint))
        # POST: queries with long VALUES blocks would not fit in a GET request's URL. Not context
        # aware: else rdflib sends its own default graph's name as default-graph-uri, which the
        # server does not know, and every query answers nothing.
        self._remote = _Endpoint(self.endpoint, self.update_endpoint, returnFormat="json", method="POST",
                                 context_aware=False)
        self.graph = rdflib.Graph(store=self._remote, identifier=DATASET_DEFAULT_GRAPH_ID)

    def write(self, batch: GraphBatch) -> None:
        """Send the batch as one INSERT DATA request; the server applies it whole or not at all."""
        data = batch_to_ntriples(batch, self.schema)
        if not data:
            return
        try:
            self._remote.update(f"INSERT DATA {{\n{data}}}")
        except (URLError, OSError) as error:
            raise _server_error(error, self.update_endpoint, "write a batch") from error

    def query(self, text: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            return super().query(text, params)
        except QueryError:
            raise
        except (URLError, OSError) as error:
            raise _server_error(error, self.endpoint, "run a query") from error

    def export_batch(self) -> GraphBatch:
        try:
            return super().export_batch()
        except (URLError, OSError) as error:
            raise _server_error(error, self.endpoint, "read the graph") from error
