"""SIGKILL part way through ``dkg ingest``, then run it again: the graph is the uninterrupted one.

The corpus mixes pages (one document per file) and a JSON Lines archive (many documents
in one file, so batches are cut inside a file too). Each kill lands after a randomly
chosen number of batches; the store must then hold exactly one of the states an
uninterrupted ingest passes through, and a second ingest must finish the load to the
same ``dkg stats --json`` and the same node and edge ids as an uninterrupted run.
``bench/stress.py`` runs the same cycle many times at random moments.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from dkg.ingest import ingest_paths
from graph.stores import open_store
from tests.reliability.helpers import (
    GraphState,
    article_count,
    graph_state,
    kill_after,
    run_dkg,
    stats_json,
    whole_batch_states,
    write_pages,
    write_records,
)

BATCH_SIZE = 3


def make_corpus(folder: Path) -> Path:
    write_pages(folder, 6)
    write_records(folder / "archive.jsonl", 0.012)
    return folder


def reference_state(corpus: Path, store: Path) -> GraphState:
    """The graph of an uninterrupted ingest (the same function ``dkg ingest`` calls)."""
    with open_store("oxigraph", store) as writer:
        ingest_paths([corpus], writer, batch_size=BATCH_SIZE)
    return graph_state(store)


@pytest.mark.timeout(300)
def test_crash_recovery_killed_ingest_resumes_to_the_uninterrupted_graph(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus")
    states = whole_batch_states([corpus], BATCH_SIZE)
    reference = reference_state(corpus, tmp_path / "reference")
    assert (reference.nodes, reference.edges) == states[-1]
    rng = random.Random(20250127)
    landed = []
    for run in range(2):
        store = tmp_path / f"store{run}"
        target = article_count(states[rng.randrange(1, len(states) - 1)])
        kill_after(corpus, store, BATCH_SIZE, target, rng)
        killed = graph_state(store)
        assert (killed.nodes, killed.edges) in states, "a killed ingest left part of a batch"
        landed.append(states.index((killed.nodes, killed.edges)))
        finish = run_dkg("ingest", str(corpus), "--store", str(store), "--batch-size", str(BATCH_SIZE))
        assert finish.returncode == 0, finish.stderr
        recovered = graph_state(store)
        assert recovered == reference, recovered.differences(reference)
    assert any(0 < k < len(states) - 1 for k in landed), f"no kill landed part way ({landed} of {len(states) - 1})"
    assert stats_json(store) == reference.stats
