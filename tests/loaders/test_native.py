"""The compiled page → facts path (loaders.native): the same facts as the Python, used only while current."""

from __future__ import annotations

import importlib.machinery
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loaders import native

ROOT = Path(__file__).resolve().parents[2]

# Prints whether the compiled modules were loaded, then how many facts and NER spans the files
# gave and a digest of them all.
FACTS_OF_FILES = """
import hashlib, sys
from pathlib import Path
from loaders.extraction.ner_eval import predicted_spans
from loaders.pipeline import extract_document
from loaders.readers import read_file
import loaders.extraction.persons as persons
digest, count = hashlib.sha256(), 0
for path in sys.argv[1:]:
    for document in read_file(Path(path)):
        for article, facts in extract_document(document).article_facts():
            for fact in facts:
                digest.update(repr((article.id, fact)).encode())
                count += 1
        for line in document.text.splitlines()[:40]:
            spans = sorted(predicted_spans(line, ("PER", "LOC", "ORG")))
            digest.update(repr(spans).encode())
            count += len(spans)
print(persons.__file__.endswith(".py"), count, digest.hexdigest())
"""


# Prints whether the compiled modules were loaded, then whether the finished knowledge of the files,
# pickled and read back (as an ingest sends it to Dask workers), resolves them to the same batches.
KNOWLEDGE_PICKLED = """
import pickle, sys
from pathlib import Path
from loaders.pipeline import extract_document
from loaders.readers import read_file
from loaders.resolution import Knowledge, build_batch
import loaders.extraction.divisions as divisions
results = [extract_document(document) for path in sys.argv[1:] for document in read_file(Path(path))]
knowledge = Knowledge.of_documents([(result.document, result.article_facts()) for result in results])
sent = pickle.loads(pickle.dumps(knowledge))
batches = [(build_batch(r.document, r.article_facts(), knowledge), build_batch(r.document, r.article_facts(), sent))
           for r in results]
print(divisions.__file__.endswith(".py"), all(a.nodes == b.nodes and a.edges == b.edges for a, b in batches))
"""


def _pages(shared: Path) -> list[str]:
    """The shipped page and every fifth day of the transcripts: real text of two kinds."""
    transcripts = sorted((shared / "corpus" / "xinwenlianbo").glob("*.md"))[::5]
    return [str(path) for path in [*sorted((ROOT / "data").glob("*.txt")), *transcripts]]


def _facts_of_files(switch: str, files: list[str]) -> tuple[str, int, str]:
    env = {**os.environ, native.SWITCH: switch}
    out = subprocess.run([sys.executable, "-c", FACTS_OF_FILES, *files], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    return out[0], int(out[1]), out[2]


@pytest.fixture
def built() -> None:
    if not native.is_current():
        state = "unbuilt" if native._built_digest() is None else "stale"
        message = f"the compiled path is {state}: run `dkg compile` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.mark.usefixtures("built")
def test_compiled_modules_give_the_python_facts(shared_dir: Path):
    files = _pages(shared_dir)
    as_python, python_count, python_digest = _facts_of_files("off", files)
    compiled, compiled_count, compiled_digest = _facts_of_files("on", files)
    assert (as_python, compiled) == ("True", "False")  # each run loaded what it was asked to
    assert len(files) > 10 and python_count > 1000
    assert (compiled_count, compiled_digest) == (python_count, python_digest)


@pytest.mark.usefixtures("built")
def test_the_build_holds_every_compiled_module_and_their_library():
    files = native._built_files()
    assert set(native.compiled_modules()) <= set(files)
    assert f"{native.GROUP}__mypyc" in files
    assert "loaders.extraction.statistical._viterbi" in files  # the C kernels beside them


@pytest.fixture
def without_finder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "meta_path", [f for f in sys.meta_path if not isinstance(f, native._CompiledFinder)])
    monkeypatch.delenv(native.SWITCH, raising=False)


@pytest.mark.usefixtures("without_finder")
def test_a_build_of_other_sources_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(native, "BUILD", tmp_path)
    (tmp_path / native.DIGEST_FILE).write_text("0" * 64 + "\n")
    assert native.native_state() == "stale"
    assert native.install() is False
    assert not any(isinstance(f, native._CompiledFinder) for f in sys.meta_path)


@pytest.mark.usefixtures("without_finder")
def test_states_without_a_build_and_when_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(native, "BUILD", tmp_path / "none")
    assert native.native_state() == "unbuilt"
    assert native.install() is False
    monkeypatch.setattr(native, "BUILD", tmp_path)
    (tmp_path / native.DIGEST_FILE).write_text(native._digest() + "\n")
    assert native.native_state() == "on"
    monkeypatch.setenv(native.SWITCH, "off")
    assert native.native_state() == "off"
    assert native.install() is False


def test_the_digest_follows_every_source():
    sources = native._sources()
    assert ROOT / "loaders" / "extraction" / "persons.py" in sources
    assert not [path for path in sources if path.name == "__init__.py"]
    assert len(native._digest()) == 64


def test_the_digest_follows_the_c_kernels(monkeypatch: pytest.MonkeyPatch):
    with_kernels = native._digest()
    assert native.C_KERNELS and all((ROOT / kernel).is_file() for kernel in native.C_KERNELS)
    monkeypatch.setattr(native, "C_KERNELS", ())
    assert native._digest() != with_kernels  # a build from other C is stale


@pytest.mark.usefixtures("built")
def test_an_ingest_in_worker_processes_stores_the_same_graph_compiled(tmp_path: Path):
    """Workers send what they extracted to the writer pickled: compiled objects must not be among them."""
    def stats(switch: str) -> str:
        env = {**os.environ, native.SWITCH: switch}
        store = tmp_path / switch
        dkg = [sys.executable, "-m", "dkg"]
        subprocess.run([*dkg, "ingest", str(ROOT / "data"), "--store", str(store), "--workers", "2"], cwd=ROOT,
                       env=env, capture_output=True, text=True, check=True)
        return subprocess.run([*dkg, "stats", "--store", str(store), "--json"], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True).stdout

    compiled = stats("on")
    assert '"Person"' in compiled
    assert compiled == stats("off")


@pytest.mark.usefixtures("built")
def test_the_knowledge_an_ingest_sends_to_dask_workers_pickles_compiled():
    """Phase 2 on Dask sends the finished knowledge pickled: compiled objects (the divisions) must not be in it."""
    pages = [str(path) for path in sorted((ROOT / "data").glob("*.txt"))]
    env = {**os.environ, native.SWITCH: "on"}
    out = subprocess.run([sys.executable, "-c", KNOWLEDGE_PICKLED, *pages], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


@pytest.mark.usefixtures("without_finder")
def test_a_build_that_does_not_load_leaves_the_python(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(native, "BUILD", tmp_path)
    (tmp_path / native.DIGEST_FILE).write_text(native._digest() + "\n")
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    (tmp_path / f"{native.GROUP}__mypyc{suffix}").write_bytes(b"not a shared library")
    monkeypatch.delitem(sys.modules, f"{native.GROUP}__mypyc", raising=False)
    with pytest.warns(RuntimeWarning, match="do not load"):
        assert native.install() is False
    assert not any(isinstance(f, native._CompiledFinder) for f in sys.meta_path)
