"""How the dashboard is served: the ``streamlit run`` command line shared by ``dkg dashboard``
and the browser tests, so both run the app the same way.

Examples
--------
>>> command = streamlit_command(8501, "127.0.0.1")
>>> command[command.index("--server.address") + 1]
'127.0.0.1'
>>> "--browser.gatherUsageStats" in command
True
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["APP_PATH", "streamlit_command"]

APP_PATH = Path(__file__).with_name("app.py")


def streamlit_command(port: int, address: str = "127.0.0.1", python: str = sys.executable) -> list[str]:
    """The command that serves the app headless on ``address:port``, with no usage statistics,
    no file watcher and the viewer's toolbar (no "Deploy" button)."""
    return [python, "-m", "streamlit", "run", str(APP_PATH), "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--server.port", str(port), "--server.address", address,
            "--server.fileWatcherType", "none", "--client.toolbarMode", "viewer"]
