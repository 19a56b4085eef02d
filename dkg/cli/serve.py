"""``dkg dashboard``: start the Streamlit app on the store."""

from __future__ import annotations

import importlib.util
import os
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
    # Looked up, not imported: streamlit-echarts registers its component only inside a Streamlit server.
    missing = [name for name in ("streamlit", "streamlit_echarts", "altair") if importlib.util.find_spec(name) is None]
    if missing:
        raise NotAvailableError(f"the dashboard needs {', '.join(missing)}: pip install 'dkg[dashboard]'")
    from dashboard.server import streamlit_command

    env = dict(os.environ, DKG_STORE=str(default_store_path(store).resolve()))
    if backend:
        env["DKG_BACKEND"] = backend
    command = streamlit_command(port, address)
    # Become the server (no child left behind when a supervisor stops this process).
    os.execve(command[0], command, env)
