"""``dkg dashboard`` as a user starts it: the server answers, and stops when asked."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.dashboard.conftest import REPO, free_port

START_SECONDS = 60


def test_cli_dashboard_serves_the_store_and_stops_on_sigterm(ingested_store_path: Path, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "dashboard.log"
    with open(log, "wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "dkg", "dashboard", "--store", str(ingested_store_path),
                                    "--port", str(port)], cwd=tmp_path, stdout=sink, stderr=subprocess.STDOUT)
    try:
        deadline, answer = time.monotonic() + START_SECONDS, None
        while answer is None and time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    answer = response.read().decode()
            except OSError:
                time.sleep(0.2)
        assert answer == "ok", log.read_text()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert "<html" in response.read().decode().lower()
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) is not None
    # dkg became the server (exec), so stopping it left no server behind on the port.
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
        still_up = True
    except OSError:
        still_up = False
    assert not still_up


def test_cli_dashboard_help_names_the_store_backend_and_port() -> None:
    done = subprocess.run([sys.executable, "-m", "dkg", "dashboard", "--help"], cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0
    for option in ("--store", "--backend", "--port", "--address"):
        assert option in done.stdout
