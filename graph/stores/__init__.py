"""Stores by name: ``oxigraph`` (embedded, the default), ``memory``, and the server backends.

Examples
--------
>>> store = open_store("memory")
>>> store.stats()["nodes"]["Person"]
0
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

from dkg.errors import NotAvailableError, StoreError
from graph.stores.base import Stats, Store

__all__ = ["BACKENDS", "Stats", "Store", "default_store_path", "open_store"]

# name -> (module, class); imported on first use, so an optional driver is only needed
# by the backend that uses it.
BACKENDS: dict[str, tuple[str, str]] = {
    "oxigraph": ("graph.stores.oxigraph", "OxigraphStore"),
    "memory": ("graph.stores.memory", "MemoryStore"),
    "neo4j": ("graph.stores.neo4j", "Neo4jStore"),
    "sparql": ("graph.stores.sparql", "SparqlStore"),
}


def default_store_path(path: str | Path | None = None) -> Path:
    """The store folder: ``path``, else ``$DKG_STORE``, else ``./dkg-data``."""
    return Path(path or os.environ.get("DKG_STORE") or "dkg-data")


def open_store(backend: str | None = None, path: str | Path | None = None, *,
               read_only: bool = False, **options: Any) -> Store:
    """Open a store by backend name (default ``$DKG_BACKEND``, else ``oxigraph``)."""
    backend = backend or os.environ.get("DKG_BACKEND") or "oxigraph"
    if backend not in BACKENDS:
        raise StoreError(f"unknown backend {backend!r}; choose one of {sorted(BACKENDS)}")
    module_name, class_name = BACKENDS[backend]
    try:
        store_class = getattr(importlib.import_module(module_name), class_name)
    except ImportError as error:
        raise NotAvailableError(
            f"the {backend} backend needs an optional extra: pip install 'dkg[{backend}]' ({error})"
        ) from error
    if backend == "oxigraph":
        return store_class(default_store_path(path), read_only=read_only, **options)
    # Server backends guard reads in their query(); read_only needs no separate connection.
    return store_class(**options)
