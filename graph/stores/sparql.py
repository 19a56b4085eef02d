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
from io import BytesIO
from typing import ClassVar
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit, urlunsplit
from urllib.request import Request, urlopen

import rdflib
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result
from rdflib.term import BNode

from dkg.errors import DkgError, QueryError, StoreError
from graph.model import GraphBatch
from graph.rdf import batch_to_ntriples
from graph.schema import Schema
from graph.stores.rdf import RdfStore, engine_message

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


def _http_detail(error: HTTPError) -> str:
    """What the server said in its refusal, on one line."""
    return engine_message(error.read().decode("utf-8", "replace"), limit=500)


def _server_error(error: Exception, url: str, action: str) -> StoreError:
    if isinstance(error, HTTPError):
        return StoreError(f"the SPARQL server at {_shown(url)} refused to {action}: HTTP {error.code} "
                          f"{_http_detail(error)}")
    reason = getattr(error, "reason", error)
    return StoreError(f"cannot reach the SPARQL server at {_shown(url)} to {action} ({reason}); check that it "
                      "runs and that --endpoint / DKG_SPARQL_ENDPOINT names its query URL")


class _Endpoint(SPARQLUpdateStore):
    """rdflib's SPARQL store, posting queries itself: rdflib drops the reason a server gives for a refusal."""

    def _query(self, query: str, default_graph: str | None = None, named_graph: str | None = None) -> Result:
        self._queries += 1
        named = default_graph is not None and not isinstance(default_graph, BNode)
        params = {"default-graph-uri": default_graph} if named else {}
        headers = {**self.kwargs.get("headers", {}), "Accept": self.response_mime_types(),
                   "Content-Type": "application/sparql-query"}
        url = self.query_endpoint + (f"?{urlencode(params)}" if params else "")
        try:
            with urlopen(Request(url, data=query.encode(), headers=headers)) as response:
                content_type = response.headers["Content-Type"].split(";")[0]
                return Result.parse(BytesIO(response.read()), content_type=content_type)
        except HTTPError as error:
            raise QueryError(f"the SPARQL server at {_shown(self.query_endpoint)} refused the query: "
                             f"HTTP {error.code} {_http_detail(error)}") from None


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

    def _engine_error(self, error: Exception) -> DkgError:
        """A server out of reach is a StoreError; a query that fails there, a QueryError."""
        if isinstance(error, URLError | OSError):
            return _server_error(error, self.endpoint, "run a query")
        return QueryError(f"the query on the SPARQL server at {_shown(self.endpoint)} failed: {engine_message(error)}")

    def export_batch(self) -> GraphBatch:
        try:
            return super().export_batch()
        except (URLError, OSError) as error:
            raise _server_error(error, self.endpoint, "read the graph") from error
