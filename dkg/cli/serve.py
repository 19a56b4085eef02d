"""``dkg dashboard``: start the Streamlit app on the store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from dkg.cli import app
from dkg.cli.common import StoreOption
from dkg.errors import NotAvailableError
from graph.stores import default_store_path

APP_PATH = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@app.command()
def dashboard(
    store: StoreOption = None,
    port: Annotated[int, typer.Option("--port", help="Port to serve on (loopback).")] = 8501,
    address: Annotated[str, typer.Option("--address", help="Address to bind.")] = "127.0.0.1",
) -> None:
    """Start the dashboard (Streamlit) on the store; stop it with Ctrl-C."""
    try:
        import streamlit  # noqa: F401
    except ImportError:
        raise NotAvailableError("the dashboard needs its extra: pip install 'dkg[dashboard]'") from None
    env = dict(os.environ, DKG_STORE=str(default_store_path(store).resolve()))
    command = [sys.executable, "-m", "streamlit", "run", str(APP_PATH), "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.port", str(port), "--server.address", address]
    raise typer.Exit(subprocess.call(command, env=env))
