"""The CRF tagging many texts at once: the same labels as text by text and as one wide decode per text."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
from itertools import pairwise
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders import native
from loaders.extraction import extract_article
from loaders.extraction.statistical import model as crf
from loaders.extraction.statistical.features import encode
from loaders.pipeline import extract_document
from loaders.readers import read_file

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "xuhuibao-2025-01-27-p1.txt"
MODEL = crf.load_model()
CLAUSE_ENDS = "，、；：,;: \t"
UNIT_ENDS = "。！？!?\n"


def _one_wide_decode(codepoints: np.ndarray, emissions: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """The decoder as it was before batching: one text, every lane as wide as its longest clause, dense arrays."""
    n = len(codepoints)
    cut = [i + 1 for i, point in enumerate(codepoints.tolist()) if chr(point) in UNIT_ENDS + CLAUSE_ENDS and i + 1 < n]
    bounds = [0, *cut, n]
    lengths = np.diff(bounds)
    width = max(16, int(lengths.max()))
    lane_of, step_of = np.empty(n, np.intp), np.empty(n, np.intp)
    lane, step = 0, 0
    for start, length in zip(bounds[:-1], lengths.tolist(), strict=True):
        if step + length > width:
            lane, step = lane + 1, 0
        lane_of[start:start + length], step_of[start:start + length] = lane, np.arange(step, step + length)
        step += length
    lanes = lane + 1
    scores = np.zeros((width, len(crf.LABELS), lanes), dtype=np.float32)
    scores[step_of, :, lane_of] = emissions
    scores[0, :, 1:] += transitions[0][:, None]
    history = np.empty_like(scores)
    best = history[0] = scores[0]
    for t in range(1, width):
        best = history[t] = (best[:, None, :] + transitions[:, :, None]).max(axis=0) + scores[t]
    last = np.zeros(lanes, dtype=np.intp)
    np.maximum.at(last, lane_of, step_of)
    path = np.empty((lanes, width), dtype=np.intp)
    current = history[last, :, np.arange(lanes)].argmax(axis=1)
    for t in range(width - 1, 0, -1):
        path[:, t] = current
        previous = (history[t - 1] + transitions[:, current]).argmax(axis=0)
        current = np.where(t > last, current, previous)
    path[:, 0] = current
    return path[lane_of, step_of]


def _reference_labels(text: str) -> np.ndarray:
    if not text:
        return np.zeros(0, dtype=np.int64)
    return _one_wide_decode(encode(text), MODEL.text_emissions(text), MODEL.transitions)


# Han characters the model reads names, titles and places in, clause and sentence marks, digits, latin.
_PIECES = st.sampled_from(list("王李张刘陈市长区委书记主任会见出席北京上海新华社记者报道在了的和与一二三2025ab")
                          + list(CLAUSE_ENDS) + list(UNIT_ENDS))
_CLAUSE = st.text(alphabet=st.sampled_from(list("王李张刘陈市长区委书记会见出席北京上海的和了")),
                  min_size=40, max_size=160)  # a long clause, widening its text's lanes
_TEXT = st.lists(st.one_of(_PIECES, _CLAUSE), max_size=30).map("".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(_TEXT, max_size=6))
def test_tagging_many_texts_gives_each_the_labels_of_the_decoder_before_batching(texts: list[str]) -> None:
    batched = MODEL.labels_many(texts)
    assert len(batched) == len(texts)
    for text, labels in zip(texts, batched, strict=True):
        assert np.array_equal(labels, _reference_labels(text))


@settings(max_examples=40, deadline=None)
@given(st.lists(_TEXT, max_size=6))
def test_spans_many_equals_spans_text_by_text(texts: list[str]) -> None:
    assert MODEL.spans_many(texts) == [crf.spans_of_labels(_reference_labels(text)) for text in texts]


def test_short_and_long_lanes_decode_as_one_wide_decode_per_text() -> None:
    rng = np.random.default_rng(5)
    texts = ["".join("甲" * int(n) + "，" for n in rng.integers(1, 20, size=30)),
             "乙" * 300 + "。" + "丙" * 7,  # one long clause: its own text's lanes are wide, the others' are not
             "丁，" * 50,
             "戊"]
    codepoints = encode("".join(texts))
    emissions = rng.normal(scale=3, size=(len(codepoints), len(crf.LABELS))).astype(np.float32)
    bounds = np.concatenate(([0], np.cumsum([len(text) for text in texts])))
    labels = MODEL.decode_many(codepoints, bounds, emissions)
    for start, end in pairwise(bounds):
        expected = _one_wide_decode(codepoints[start:end], emissions[start:end], MODEL.transitions)
        assert np.array_equal(labels[start:end], expected)


def test_a_long_lane_keeps_the_decode_as_long_as_that_lane_only() -> None:
    codepoints = encode("甲" * 500 + "，" + "乙，" * 20)
    lane, step, follows_o = crf._text_lanes(crf._ends(codepoints), np.array([0, 300, len(codepoints)]))
    assert step.max() == 299  # the first text's only clause, cut where the text ends
    assert np.bincount(lane).max() == 300
    assert not follows_o[0] and not follows_o[lane[300]]  # each text's first lane starts as its text does
    assert follows_o.sum() == len(follows_o) - 2


def test_extract_document_tags_its_articles_at_once_with_the_facts_of_one_by_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DKG_CRF", raising=False)
    document = next(iter(read_file(SAMPLE)))
    articles = extract_document(document).articles
    assert len(articles) > 1
    expected = {article.id: extract_article(article) for article in articles}  # each tagged alone
    assert any(fact for facts in expected.values() for fact in facts)

    def no_tagging_one_by_one(self: crf.CrfModel, text: str) -> list[tuple[str, int, int]]:
        raise AssertionError("an article was tagged alone")

    monkeypatch.setattr(crf.CrfModel, "spans", no_tagging_one_by_one)
    batched = extract_document(document)
    assert batched.facts == expected


def _kernel() -> ModuleType:
    """The C Viterbi of the build, loaded from its file (the tests run the Python, DKG_NATIVE=off)."""
    name = "loaders.extraction.statistical._viterbi"
    built = native._built_files()
    if not native.is_current() or name not in built:
        message = "the C Viterbi is not built: run `dkg compile` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    loader = importlib.machinery.ExtensionFileLoader(name, str(built[name]))
    spec = importlib.util.spec_from_file_location(name, built[name], loader=loader)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@settings(max_examples=80, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=4), st.integers(0, 2**32 - 1), st.booleans())
def test_the_c_kernel_decodes_the_labels_of_the_numpy_decoder(texts: list[str], seed: int, ties: bool) -> None:
    kernel = _kernel()
    codepoints = encode("".join(texts))
    rng = np.random.default_rng(seed)
    shape = (len(codepoints), len(crf.LABELS))
    # small whole numbers make equal scores common, so both must take the first of equals
    emissions = (rng.integers(-2, 3, size=shape) if ties else rng.normal(scale=3, size=shape)).astype(np.float32)
    transitions = rng.integers(-2, 3, size=(len(crf.LABELS),) * 2).astype(np.float32) if ties else MODEL.transitions
    bounds = np.concatenate(([0], np.cumsum([len(text) for text in texts])))
    lane, step, follows_o = crf._text_lanes(crf._ends(codepoints), bounds)
    expected = crf._viterbi_lanes(lane, step, emissions, transitions, follows_o)
    labels = np.full(len(codepoints), -1, dtype=np.int64)
    kernel.decode(emissions, transitions, np.flatnonzero(step == 0).astype(np.int64), follows_o.astype(np.uint8),
                  len(crf.LABELS), labels)
    assert np.array_equal(labels, expected)


def test_the_c_kernel_refuses_buffers_that_do_not_agree() -> None:
    kernel = _kernel()
    emissions = np.zeros((5, len(crf.LABELS)), dtype=np.float32)
    labels = np.zeros(5, dtype=np.int64)
    transitions = np.zeros((len(crf.LABELS),) * 2, dtype=np.float32)
    starts, follows = np.array([0, 3], dtype=np.int64), np.zeros(2, dtype=np.uint8)
    with pytest.raises(ValueError, match="sizes"):
        kernel.decode(emissions, transitions, starts, follows, len(crf.LABELS), np.zeros(4, dtype=np.int64))
    with pytest.raises(ValueError, match="rise"):
        kernel.decode(emissions, transitions, np.array([0, 5], dtype=np.int64), follows, len(crf.LABELS), labels)
    labels[:] = -1
    kernel.decode(emissions, transitions, starts, follows, len(crf.LABELS), labels)
    assert labels.tolist() == [0] * 5  # every score equal: O, the first label, everywhere
