"""Fixtures of the dashboard tests: a store of the hand-built sample graph (for AppTest),
a store built from ``data/`` by ``dkg ingest`` (what ``make demo`` serves), a real
``streamlit run`` server on it, and Debian's Chromium driven by Playwright.

The browser fixtures skip when ``/usr/bin/chromium`` is missing, except under CI
(``CI=true``), where a missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dashboard.server import streamlit_command
from tests.conftest import DATA
from tests.graph.sample_graph import sample_store

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("DKG_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = REPO / "tests" / "artifacts" / "screenshots"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_START_SECONDS = 60


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded (Oxigraph) store on disk holding the hand-built sample graph."""
    path = tmp_path_factory.mktemp("dashboard") / "store"
    sample_store("oxigraph", path).close()
    return path


@pytest.fixture(scope="session")
def ingested_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store built from the sample page in ``data/`` by ``dkg ingest``, as ``make demo`` does."""
    path = tmp_path_factory.mktemp("ingested") / "store"
    done = subprocess.run([sys.executable, "-m", "dkg", "ingest", str(DATA), "--store", str(path)], cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"dkg ingest data/ failed:\n{done.stdout}\n{done.stderr}"
    return path


@pytest.fixture
def app_env(sample_store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app (run in this process by AppTest) at the sample store."""
    monkeypatch.setenv("DKG_BACKEND", "oxigraph")
    monkeypatch.setenv("DKG_STORE", str(sample_store_path))
    return sample_store_path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


@dataclass
class Server:
    """A running ``streamlit run`` of the dashboard: its URL, process and log."""

    url: str
    process: subprocess.Popen
    log: Path
    store: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(store: Path, log: Path) -> Server:
    """Start the dashboard on a free loopback port and wait until its health check answers."""
    port = free_port()
    env = dict(os.environ, DKG_BACKEND="oxigraph", DKG_STORE=str(store), PYTHONPATH=str(REPO))
    command = streamlit_command(port, "127.0.0.1")
    with open(log, "wb") as sink:
        process = subprocess.Popen(command, cwd=REPO, env=env, stdout=sink, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", process, log, store)
    deadline = time.monotonic() + SERVER_START_SECONDS
    while not _healthy(server.url):
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"the dashboard did not start on {server.url}; its log:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)
    return server


@pytest.fixture(scope="session")
def dashboard_server(ingested_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = start_server(ingested_store_path, tmp_path_factory.mktemp("streamlit") / "streamlit.log")
    yield server
    server.stop()


def chromium_or_skip() -> Path:
    """The Chromium binary; a skip when it is missing, a failure when CI=true."""
    if CHROMIUM.is_file():
        return CHROMIUM
    message = f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class Browser:
    """A Playwright browser context on a fresh profile, and every URL it asked for."""

    context: object
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(executable), headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1000}, locale="zh-CN", accept_downloads=True)
        watched = Browser(context)
        context.on("request", lambda request: watched.requests.append(request.url))
        try:
            yield watched
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
