"""The command line loads only what the command run uses."""

from __future__ import annotations

import json
import subprocess
import sys

from dkg.cli.common import lazy_module

HEAVY = ("loaders.pipeline", "loaders.extraction", "graph.queries", "graph.stores.oxigraph", "pyoxigraph",
         "networkx", "dkg.ingest")


def _modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    done = subprocess.run([sys.executable, "-c", f"{code}\nimport json, sys; print(json.dumps(sorted(sys.modules)))"],
                          capture_output=True, text=True, timeout=120, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_help_imports_no_room_a_command_needs() -> None:
    loaded = _modules_after("from dkg.cli import app")
    assert not loaded & set(HEAVY)
    assert "dkg.cli.query" in loaded and "dkg.cli.ingest" in loaded  # every command is registered


def test_help_still_lists_every_command() -> None:
    done = subprocess.run([sys.executable, "-m", "dkg", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for command in ("ingest", "extract", "query", "eval", "eval-ner", "export", "explain", "backup", "cypher"):
        assert command in done.stdout


def test_a_lazy_module_is_imported_on_first_use() -> None:
    loaded = _modules_after("from dkg.cli.common import lazy_module\n"
                            "codecs = lazy_module('encodings.idna')\nassert codecs.Codec")
    assert "encodings.idna" in loaded
    untouched = _modules_after("from dkg.cli.common import lazy_module\ncodecs = lazy_module('encodings.idna')")
    assert "encodings.idna" not in untouched


def test_a_lazy_module_gives_the_module_attributes() -> None:
    import graph.export.selection as selection

    assert lazy_module("graph.export.selection").select is selection.select
