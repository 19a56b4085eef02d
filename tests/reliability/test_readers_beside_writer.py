"""While ``dkg ingest`` writes: the dashboard's read path and backups see whole batches, and never fail.

One ingest runs in a subprocess; beside it this process does what the dashboard does
(``open_store(read_only=True)`` once, then research queries from :mod:`graph.queries`
in a loop, and a reopen when the user presses 重新载入), and takes backups the way
``dkg backup`` does (a snapshot folder and an N-Quads dump), one of them with the
CLI itself. Every state seen must be one an uninterrupted ingest passes through. A held
handle keeps the state it opened on, and a snapshot taken through a handle holds exactly
what that handle counts, writes still in the writer's log included.
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dkg.errors import StoreError
from graph import queries
from graph.stores import open_store
from graph.stores.oxigraph import OxigraphStore
from tests.reliability.helpers import (
    dkg_command,
    paused_writes,
    run_dkg,
    whole_batch_states,
    write_pages,
    write_records,
)

BATCH_SIZE = 1  # many small writes: a write phase long enough to read beside
WRITE_PAUSE = 0.005  # after each write: the fast writer would otherwise finish between two looks
State = tuple[frozenset[str], frozenset[str]]


Counts = tuple[int, int]


@dataclass
class Observations:
    """What the readers beside the writer saw.

    Every look takes the store's counts (one query, what the dashboard's header shows): a
    partial batch would give node and edge totals that no whole-batch state has. Every
    tenth look also reads every id, and alternately takes a snapshot or an N-Quads dump.
    """

    states: list[State]
    held_counts: list[Counts] = field(default_factory=list)
    reopened_counts: list[Counts] = field(default_factory=list)
    held_handle: list[State] = field(default_factory=list)
    reopened: list[State] = field(default_factory=list)
    looks: int = 0
    backups: list[tuple[Path, Counts]] = field(default_factory=list)  # each with the counts its reader showed
    dumps: list[Path] = field(default_factory=list)
    cli_backup: subprocess.CompletedProcess | None = None
    writer_status: int | None = None

    def state_counts(self) -> set[Counts]:
        return {(len(nodes), len(edges)) for nodes, edges in self.states}


def _ids(store: OxigraphStore) -> State:
    batch = store.export_batch()
    return frozenset(batch.nodes), frozenset(batch.edges)


def _counts(store: OxigraphStore) -> Counts:
    stats = store.stats()
    return sum(stats["nodes"].values()), sum(stats["relations"].values())


def _ask(store: OxigraphStore) -> None:
    """What the dashboard asks of a store: the search index, a neighbourhood."""
    found = queries.search(store, "区", limit=5)
    if found:
        queries.expand(store, [found[0]["id"]], hops=1, limit=20)


def _first_batch(store: Path, writer: subprocess.Popen) -> OxigraphStore:
    while True:
        try:
            reader = open_store("oxigraph", store, read_only=True)
        except StoreError:  # the writer is still creating the database
            reader = None
        if reader is not None and reader.stats()["nodes"]["Article"] > 0:
            return reader
        if reader is not None:
            reader.close()
        assert writer.poll() is None, "the ingest ended before a reader could open the store"
        time.sleep(0.02)


def _look(seen: Observations, held: OxigraphStore, store: Path, folder: Path) -> None:
    """One look at the store, as the dashboard and a backup take it."""
    seen.looks += 1
    seen.held_counts.append(_counts(held))
    with open_store("oxigraph", store, read_only=True) as reopened:
        seen.reopened_counts.append(_counts(reopened))
        if seen.looks % 10 == 1:
            _ask(held)
            _ask(reopened)
            seen.held_handle.append(_ids(held))
            seen.reopened.append(_ids(reopened))
        if seen.looks % 4 == 2:
            reopened.backup(folder / f"backup{seen.looks}")
            seen.backups.append((folder / f"backup{seen.looks}", seen.reopened_counts[-1]))
        elif seen.looks % 4 == 3:
            reopened.dump_nquads(folder / f"dump{seen.looks}.nq")
            seen.dumps.append(folder / f"dump{seen.looks}.nq")


@pytest.fixture(scope="module")
def observed(tmp_path_factory: pytest.TempPathFactory) -> Observations:
    folder = tmp_path_factory.mktemp("beside")
    corpus = folder / "corpus"
    write_pages(corpus, 4)
    write_records(corpus / "archive.jsonl", 0.9)  # ~1,500 short documents, quick to extract
    seen = Observations(whole_batch_states([corpus], BATCH_SIZE))
    store = folder / "store"
    with paused_writes(WRITE_PAUSE) as environment:
        writer = subprocess.Popen(dkg_command("ingest", str(corpus), "--store", str(store), "--batch-size",
                                              str(BATCH_SIZE)), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  env=environment)
        held = _first_batch(store, writer)  # the dashboard keeps this handle for its whole life
        cli_backup = subprocess.Popen(dkg_command("backup", str(folder / "cli-backup"), "--store", str(store)),
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        while writer.poll() is None:
            _look(seen, held, store, folder)
    held.close()
    seen.writer_status = writer.returncode
    stdout, stderr = cli_backup.communicate(timeout=120)
    seen.cli_backup = subprocess.CompletedProcess(cli_backup.args, cli_backup.returncode, stdout, stderr)
    said = re.search(r"backed up (\d+) nodes and (\d+) edges", stderr)
    seen.backups.append((folder / "cli-backup", (int(said.group(1)), int(said.group(2))) if said else (-1, -1)))
    assert seen.writer_status == 0, writer.stderr.read()
    return seen


def test_concurrency_dashboard_handle_keeps_one_whole_snapshot(observed: Observations) -> None:
    assert observed.looks >= 3, "the ingest was too quick to read beside it"
    assert set(observed.held_counts) <= observed.state_counts(), "the dashboard counted part of a batch"
    assert set(observed.held_handle) <= set(observed.states), "the dashboard saw part of a batch"
    assert len(set(observed.held_counts)) == 1, "a held read-only handle changed under its reader"


def test_concurrency_dashboard_reload_sees_whole_batches_as_they_land(observed: Observations) -> None:
    assert set(observed.reopened_counts) <= observed.state_counts(), "a reopened reader counted part of a batch"
    assert set(observed.reopened) <= set(observed.states), "a reopened reader saw part of a batch"
    assert len(set(observed.reopened_counts)) >= 2, "the reloads saw too few states to test anything"


def _snapshot_state(backup: Path) -> State:
    with OxigraphStore(backup, read_only=True) as snapshot:
        return _ids(snapshot)


def test_backup_dump_taken_while_ingest_writes_is_one_whole_batch_state(observed: Observations,
                                                                         tmp_path: Path) -> None:
    restored = []
    for number, dump in enumerate(observed.dumps):
        with OxigraphStore(tmp_path / f"restored{number}") as fresh:
            fresh.load_nquads(dump)
            restored.append(_ids(fresh))
    assert restored and set(restored) <= set(observed.states), "an N-Quads dump holds part of a batch"
    assert any(0 < observed.states.index(state) < len(observed.states) - 1 for state in restored), \
        "no dump was taken part way through the ingest"


def test_backup_snapshot_taken_while_ingest_writes_is_one_whole_batch_state(observed: Observations) -> None:
    assert observed.cli_backup.returncode == 0, observed.cli_backup.stderr
    snapshots = [_snapshot_state(backup) for backup, _ in observed.backups]
    assert set(snapshots) <= set(observed.states), "a snapshot holds part of a batch"


def test_backup_snapshot_taken_while_ingest_writes_holds_what_it_reports(observed: Observations) -> None:
    for backup, shown in observed.backups:
        nodes, edges = _snapshot_state(backup)
        assert (len(nodes), len(edges)) == shown, f"{backup.name} holds {len(nodes)} nodes, its reader showed {shown}"


def test_backup_restore_of_a_snapshot_taken_mid_ingest_gives_a_working_store(observed: Observations,
                                                                            tmp_path: Path) -> None:
    done = run_dkg("restore", str(observed.backups[0][0]), "--store", str(tmp_path / "restored"))
    assert done.returncode == 0, done.stderr
    with open_store("oxigraph", tmp_path / "restored", read_only=True) as restored:
        assert _ids(restored) in observed.states
