"""``dkg dashboard``: start the Streamlit app on the store."""

from __future__ import annotations

import os
import subprocess
from typing import Annotated

import typer

from dkg.cli import app
from dkg.cli.common import BackendOption, StoreOption
from dkg.errors import NotAvailableError
from graph.stores import default_store_path


@app.command()
def dashboard(
    store: StoreOption = None,
    backend: BackendOption = None,
    port: Annotated[int, typer.Option("--port", help="Port to serve on.")] = 8501,
    address: Annotated[str, typer.Option("--address", help="Address to bind (loopback by default).")] = "127.0.0.1",
) -> None:
    """Start the dashboard (Streamlit) on the store, read-only; stop it with Ctrl-C.

    Open http://127.0.0.1:8501 (or the --port you chose) in a browser: search, the
    network around a node, person and event pages, the timeline, the co-attendance
    network, exports and a read-only query box.
    """
    try:
        import streamlit  # noqa: F401
        import streamlit_echarts  # noqa: F401
    except ImportError:
        raise NotAvailableError("the dashboard needs its extra: pip install 'dkg[dashboard]'") from None
    from dashboard.server import streamlit_command

    env = dict(os.environ, DKG_STORE=str(default_store_path(store).resolve()))
    if backend:
        env["DKG_BACKEND"] = backend
    raise typer.Exit(subprocess.call(streamlit_command(port, address), env=env))
