"""The CRF at run time: weights from a numpy file, emissions by lookup, Viterbi batched in numpy.

No CRF library is needed to tag: :class:`CrfModel` holds a weight row per hashed feature
bucket (the file stores only the buckets that have one), the label transitions and the class
table the model was trained with. A dense table (``2 ** 20`` buckets, 32 MB in memory, 0.5 MB
on disk) is looked up once per feature; an index of buckets into a compact table of rows
took two lookups and ran at half the speed beside the rules. Tagging a text:

1. the text is cut into units after sentence ends (。！？ and line breaks), joined with
   padding, and :func:`~loaders.extraction.statistical.features.feature_ids` gives each
   character its ids;
2. a character's emission scores are the sum of its ids' weight rows;
3. Viterbi decodes the text cut into lanes, all lanes at once in numpy, so the Python loop
   runs over the length of the longest lane (at most the longest clause, at least 16), not
   over the text. A lane is a stretch of whole clauses (cut after ，、；： and sentence ends,
   where no name runs on); a lane's first character is scored as following an O, as a
   clause end is. When ``dkg compile`` has built it, a kernel in C (``_viterbi.c``) decodes
   the same lanes one by one instead, to the same labels, without numpy's cost per step.

:meth:`CrfModel.spans_many` tags many texts in one call: each is cut into lanes as it would
be alone, so its labels are the same, while numpy's per-call cost is paid once for all.

Examples
--------
>>> model = load_model()
>>> text = "国务院总理李强在北京会见了来访的客人。"
>>> [(label, text[s:e]) for label, s, e in model.spans(text) if label == "PER"]
[('PER', '李强')]
"""

from __future__ import annotations

import json
import mmap
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any, Final

import numpy as np

from dkg.errors import InputError
from loaders.extraction.statistical.features import PAD, bias_bucket, encode, feature_rows

try:  # the C kernel, built by `dkg compile` and loaded with the compiled modules (loaders.native)
    from loaders.extraction.statistical import _viterbi  # type: ignore[attr-defined]
except ImportError:
    _viterbi = None

__all__ = ["DEFAULT_MODEL", "LABELS", "CrfModel", "load_model", "spans_of_labels"]

# found through the package, not beside __file__ (see loaders.native)
DEFAULT_MODEL: Final = Path(str(resources.files("loaders"))) / "models" / "ner-crf.npz"
# BIO labels: B odd, I even, O zero; (index + 1) // 2 is the entity type.
LABELS: Final = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
TYPES: Final = ("", "PER", "ORG", "LOC")
_UNIT_ENDS: Final = "。！？!?\n"
_CLAUSE_ENDS: Final = _UNIT_ENDS + "，、；：,;: \t"
_MIN_WIDTH: Final = 16
# A weight row is padded from 7 labels to 8 floats, 32 bytes: aligned, a row never straddles
# two cache lines, and the gathers of the emissions (random rows of a 32 MB table) ran 25-30% faster.
ROW_WIDTH: Final = 8
HUGE_PAGE: Final = 2 * 2**20


_UNIT_END, _CLAUSE_END = 1, 2  # bits of :data:`_ENDS`


def _marks() -> np.ndarray:
    """A lookup table of the BMP: the end bits of each code point (a unit end is a clause end too)."""
    table = np.zeros(0x10000, dtype=np.uint8)
    table[[ord(c) for c in _CLAUSE_ENDS]] = _CLAUSE_END
    table[[ord(c) for c in _UNIT_ENDS]] |= _UNIT_END
    return table


_ENDS: Final = _marks()


def _ends(codepoints: np.ndarray) -> np.ndarray:
    """The end bits of each code point (none beyond the BMP)."""
    return _ENDS[np.minimum(codepoints, len(_ENDS) - 1)]


def spans_of_labels(labels: np.ndarray) -> list[tuple[str, int, int]]:
    """(type, start, end) of the BIO label indexes; an I without its B starts a span.

    >>> spans_of_labels(np.array([0, 1, 2, 0, 4, 4, 5]))
    [('PER', 1, 3), ('ORG', 4, 6), ('LOC', 6, 7)]
    """
    return _spans_of_texts(np.asarray(labels, dtype=np.int64), np.array([0, len(labels)]))[0]


def _spans_of_texts(labels: np.ndarray, bounds: np.ndarray) -> list[list[tuple[str, int, int]]]:
    """:func:`spans_of_labels` of each text of labels laid end to end (text ``i`` is ``bounds[i]:bounds[i+1]``)."""
    kinds = (labels + 1) // 2
    inside = (labels > 0) & (labels % 2 == 0)
    text_starts = bounds[:-1][bounds[:-1] < len(labels)]
    continues = np.zeros(len(labels), dtype=bool)  # an I of the kind before it, in the same text
    continues[1:] = inside[1:] & (kinds[1:] == kinds[:-1])
    continues[text_starts] = False
    named = kinds > 0
    starts = np.flatnonzero(named & ~continues)
    ends = np.flatnonzero(named & ~np.append(continues[1:], False)) + 1
    texts = np.searchsorted(bounds, starts, side="right") - 1
    spans: list[list[tuple[str, int, int]]] = [[] for _ in range(len(bounds) - 1)]
    for text, kind, start, end in zip(texts.tolist(), kinds[starts].tolist(), (starts - bounds[texts]).tolist(),
                                      (ends - bounds[texts]).tolist(), strict=True):
        spans[text].append((TYPES[kind], start, end))
    return spans


def _unit_positions(ends: np.ndarray, text: np.ndarray | int = 0) -> np.ndarray:
    """Where each character stands once two PAD are put after every unit end and between texts.

    ``ends`` are the characters' end bits (:func:`_ends`); ``text`` numbers the text of each
    character, for texts laid end to end. A character's features see two characters each
    side, so two PAD keep texts and units apart.
    """
    before = np.zeros(len(ends), dtype=np.int64)
    np.cumsum(ends[:-1] & _UNIT_END, out=before[1:])
    before += text
    before *= 2
    before += np.arange(len(ends))
    return before


def _text_lanes(ends: np.ndarray, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Clauses packed into lanes, text by text: each character's (lane, step), and whether a lane follows an O.

    ``ends`` are the characters' end bits (:func:`_ends`); text ``i`` is
    ``ends[bounds[i]:bounds[i+1]]``. A lane holds whole clauses of one text (cut after
    ，、；： and sentence ends, where no name runs on), so it is a stretch of that text, as
    long as the text's longest clause at most (and 16). Cutting clauses to narrow the lanes
    lost F1 on a held-out fifth of People's Daily dev (0.665 uncut, 0.654 at 32, 0.609 at
    16). A text's first lane starts as the text does; its other lanes follow a clause end,
    read O.
    """
    n = len(ends)
    text_start = np.zeros(n, dtype=bool)
    text_start[bounds[:-1][bounds[:-1] < n]] = True
    clause_start = text_start.copy()
    clause_start[1:] |= (ends[:-1] & _CLAUSE_END).astype(bool)
    clause_starts = np.flatnonzero(clause_start)
    lengths = np.diff(clause_starts, append=n)
    first = text_start[clause_starts]
    widths = np.maximum(np.maximum.reduceat(lengths, np.flatnonzero(first)), _MIN_WIDTH)
    step_of_clause = np.array(_pack(lengths.tolist(), widths[np.cumsum(first) - 1].tolist(), first.tolist()),
                              dtype=np.int64)
    starts_lane = step_of_clause == 0
    lane_starts = clause_starts[starts_lane]  # a lane is a stretch of the text: its step is the offset from here
    lane = np.zeros(n, dtype=np.int64)
    lane[lane_starts[1:]] = 1
    np.cumsum(lane, out=lane)
    return lane, np.arange(n) - lane_starts[lane], ~first[starts_lane]


def _pack(lengths: list[int], widths: list[int], firsts: list[bool]) -> list[int]:
    """Where each clause starts in its lane: a clause opens a new lane at its text's start or when it would overflow."""
    steps = []
    step = 0
    for length, width, first in zip(lengths, widths, firsts, strict=True):
        if first or step + length > width:
            step = 0
        steps.append(step)
        step += length
    return steps


def _table_of_zeros(shape: tuple[int, int]) -> np.ndarray:
    """A float32 table of zeros in memory that Linux may back with 2 MiB pages.

    The emissions gather rows at random from the whole table: with 4 KiB pages most gathers
    miss the TLB as well as the cache. Elsewhere (or for a small table) plain ``np.zeros``.

    >>> table = _table_of_zeros((1 << 20, ROW_WIDTH))
    >>> table.shape, float(table.sum()), table.ctypes.data % HUGE_PAGE == 0 or not hasattr(mmap, "MADV_HUGEPAGE")
    ((1048576, 8), 0.0, True)
    """
    size = shape[0] * shape[1] * 4
    if size < HUGE_PAGE or not hasattr(mmap, "MADV_HUGEPAGE"):
        return np.zeros(shape, np.float32)
    memory = mmap.mmap(-1, size + HUGE_PAGE, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)  # zeroed by the kernel
    memory.madvise(mmap.MADV_HUGEPAGE)
    whole = np.frombuffer(memory, np.uint8)
    start = -whole.ctypes.data % HUGE_PAGE  # a huge page must begin at a multiple of its size
    return whole[start:start + size].view(np.float32).reshape(shape)


@dataclass
class CrfModel:
    """A linear-chain CRF over hashed character features (see :mod:`.features`)."""

    bits: int
    table: np.ndarray  # class bits per BMP code point
    weights: np.ndarray  # (2 ** bits, ROW_WIDTH) float32: a row per feature bucket, zero for most
    transitions: np.ndarray  # (labels, labels) float32, from -> to
    info: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_weights(cls, bits: int, table: np.ndarray, buckets: np.ndarray, rows: np.ndarray,
                     transitions: np.ndarray, info: dict[str, Any] | None = None) -> CrfModel:
        """A model from the buckets that carry weights and their rows."""
        weights = _table_of_zeros((1 << bits, ROW_WIDTH))
        weights[buckets, :len(LABELS)] = rows
        return cls(bits, table, weights, transitions.astype(np.float32), info or {})

    @classmethod
    def load(cls, path: Path) -> CrfModel:
        """Read a model file written by :meth:`save`."""
        try:
            with np.load(path, allow_pickle=False) as data:
                info = json.loads(str(data["info"]))
                labels = tuple(str(label) for label in data["labels"])
                if labels != LABELS:
                    raise InputError(str(path), f"the model's labels are {labels}, not {LABELS}",
                                     "retrain it with python -m loaders.extraction.statistical.train")
                return cls.from_weights(int(data["bits"]), data["table"], data["buckets"], data["rows"],
                                        data["transitions"], info)
        except (OSError, KeyError, ValueError) as error:
            raise InputError(str(path), f"cannot read the CRF model ({error})",
                             "retrain it with python -m loaders.extraction.statistical.train") from None

    def save(self, path: Path) -> None:
        """Write the model compactly: the non-zero rows in float16, with their buckets."""
        buckets = np.flatnonzero(self.weights.any(axis=1))
        rows = self.weights[buckets, :len(LABELS)].astype(np.float16)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(handle, bits=np.int64(self.bits), table=self.table, buckets=buckets.astype(np.uint32),
                                rows=rows, transitions=self.transitions, labels=np.array(LABELS),
                                info=np.array(json.dumps(self.info, ensure_ascii=False)))

    def favour_starts(self, label: str, amount: float) -> None:
        """Add ``amount`` to the score of a ``label`` span starting at any character, through the bias feature's
        weight for its B- label: a positive amount reads more such spans, trading precision for recall.

        >>> model = CrfModel.from_weights(16, np.zeros(0x10000, np.uint16), np.zeros(0, np.int64),
        ...                               np.zeros((0, len(LABELS))), np.zeros((len(LABELS), len(LABELS))))
        >>> model.spans("北京"), model.favour_starts("LOC", 1.0), model.spans("北京")
        ([], None, [('LOC', 0, 1), ('LOC', 1, 2)])
        """
        self.weights[bias_bucket(self.bits), LABELS.index(f"B-{label}")] += amount

    def emissions(self, codepoints: np.ndarray) -> np.ndarray:
        """The (characters, labels) emission scores of one unit or of units already joined."""
        ids = feature_rows(codepoints, self.table, self.bits)
        weights = self.weights
        emissions = weights.take(ids[0], axis=0)
        for template in ids[1:]:  # summed template by template: faster than a 3-d gather and sum
            emissions += weights.take(template, axis=0)
        return emissions[:, :len(LABELS)]

    def text_emissions(self, text: str) -> np.ndarray:
        """Emission scores of every character of ``text``, its sentences tagged as units."""
        codepoints = encode(text)
        if not len(codepoints):
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        positions = _unit_positions(_ends(codepoints))
        joined = np.full(int(positions[-1]) + 1, PAD, dtype=np.int64)
        joined[positions] = codepoints
        return self.emissions(joined)[positions]

    def decode(self, codepoints: np.ndarray, emissions: np.ndarray) -> np.ndarray:
        """The best label index of every character of one text (see :meth:`decode_many`)."""
        return self.decode_many(codepoints, np.array([0, len(codepoints)]), emissions)

    def decode_many(self, codepoints: np.ndarray, bounds: np.ndarray, emissions: np.ndarray) -> np.ndarray:
        """The best label index of every character of texts laid end to end (text ``i`` is ``bounds[i]:bounds[i+1]``).

        Each text is cut into its own lanes (:func:`_text_lanes`), so its labels are those it gets
        alone; then the lanes of all texts are decoded together (:func:`_viterbi_lanes`).
        """
        lane, step, follows_o = _text_lanes(_ends(codepoints), np.asarray(bounds))
        return _decode_lanes(lane, step, emissions, self.transitions, follows_o)

    def labels(self, text: str) -> np.ndarray:
        """The label index of every character of ``text`` (see :data:`LABELS`)."""
        return self.labels_many([text])[0]

    def labels_many(self, texts: Sequence[str]) -> list[np.ndarray]:
        """The label indexes of every character of each text, as :meth:`labels` gives them, in one pass."""
        labels, bounds = self._joined_labels(texts)
        return [labels[start:end] for start, end in pairwise(bounds.tolist())]

    def _joined_labels(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The labels of the texts laid end to end, and the bounds of each text in them."""
        lengths = np.fromiter((len(text) for text in texts), dtype=np.int64, count=len(texts))
        bounds = np.concatenate(([0], np.cumsum(lengths)))
        codepoints = encode("".join(texts))
        if not len(codepoints):
            return np.zeros(0, dtype=np.int64), bounds
        ends = _ends(codepoints)
        positions = _unit_positions(ends, np.repeat(np.arange(len(texts)), lengths))
        joined = np.full(int(positions[-1]) + 1, PAD, dtype=np.int64)
        joined[positions] = codepoints
        emissions = self.emissions(joined)[positions]
        lane, step, follows_o = _text_lanes(ends, bounds)
        return _decode_lanes(lane, step, emissions, self.transitions, follows_o), bounds

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """(type, start, end) of the PER, ORG and LOC spans the model reads in ``text``."""
        return spans_of_labels(self.labels(text))

    def spans_many(self, texts: Sequence[str]) -> list[list[tuple[str, int, int]]]:
        """:meth:`spans` of each text, tagged in one batch: the same spans, at a fraction of the cost.

        >>> model = load_model()
        >>> texts = ["李强在北京会见客人。", "", "新华社记者张伟报道。"]
        >>> model.spans_many(texts) == [model.spans(text) for text in texts]
        True
        """
        return _spans_of_texts(*self._joined_labels(texts))


def _decode_lanes(lane: np.ndarray, step: np.ndarray, emissions: np.ndarray, transitions: np.ndarray,
                  follows_o: np.ndarray) -> np.ndarray:
    """The best label of every character: by the C kernel when it is built, else by :func:`_viterbi_lanes`."""
    if _viterbi is None or not len(lane):
        return _viterbi_lanes(lane, step, emissions, transitions, follows_o)
    labels = np.empty(len(lane), dtype=np.int64)
    _viterbi.decode(np.ascontiguousarray(emissions, dtype=np.float32),
                    np.ascontiguousarray(transitions, dtype=np.float32),
                    np.flatnonzero(step == 0).astype(np.int64), np.ascontiguousarray(follows_o, dtype=np.uint8),
                    transitions.shape[0], labels)
    return labels


def _viterbi_lanes(lane: np.ndarray, step: np.ndarray, emissions: np.ndarray, transitions: np.ndarray,
                   follows_o: np.ndarray) -> np.ndarray:
    """Viterbi over many lanes at once, each lane only as long as it is.

    Lanes are ranked longest first, so at step ``t`` the lanes still running are the first
    ``active[t]``: the loop runs as many steps as the longest lane, and each step works on
    the running lanes only. Scores are kept as (labels, cells), the cells step by step and
    lane by lane within a step, so step ``t`` is one slice and memory is that of the
    emissions whatever the lanes' lengths.
    """
    if not len(lane):
        return np.zeros(0, dtype=np.int64)
    lengths = np.bincount(lane)
    order = np.argsort(-lengths, kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    active = len(order) - np.cumsum(np.bincount(lengths, minlength=int(lengths.max()) + 1))[:-1]
    starts = np.concatenate(([0], np.cumsum(active)[:-1]))  # the first cell of each step
    cell = starts[step] + rank[lane]
    character = np.empty_like(cell)
    character[cell] = np.arange(len(cell))
    history = emissions.T.take(character, axis=1).astype(np.float32, copy=False)  # (labels, cells), C-ordered
    blocks = [history[:, start:start + running] for start, running in zip(starts.tolist(), active.tolist(),
                                                                           strict=True)]
    blocks[0][:, follows_o[order]] += transitions[0][:, None]
    _forward(blocks, transitions)
    final = history[:, starts[lengths[order] - 1] + np.arange(len(order))]
    return _backtrack(blocks, transitions, final, len(cell))[cell]


def _forward(blocks: list[np.ndarray], transitions: np.ndarray) -> None:
    """Viterbi's forward pass in place: each step's block becomes the best score of a path ending in each label."""
    incoming = transitions[:, :, None]  # (previous, label, lane): reduced over its first axis, lanes contiguous
    labels, lanes = blocks[0].shape
    candidates = np.empty(labels * labels * lanes, dtype=np.float32)
    best = np.empty(labels * lanes, dtype=np.float32)
    previous = blocks[0]
    for current in blocks[1:]:
        running = current.shape[1]
        step_candidates = candidates[:labels * labels * running].reshape(labels, labels, running)
        np.add(previous[:, None, :running], incoming, out=step_candidates)
        step_best = best[:labels * running].reshape(labels, running)
        np.maximum.reduce(step_candidates, axis=0, out=step_best)
        np.add(step_best, current, out=current)
        previous = current


def _backtrack(blocks: list[np.ndarray], transitions: np.ndarray, final: np.ndarray, cells: int) -> np.ndarray:
    """The best label of every cell (laid out as the blocks), from each lane's ``final`` (labels, lanes) scores back.

    The back pointers are found on the way back, for the label taken only.
    """
    current = final.argmax(axis=0)
    path = np.empty(cells, dtype=np.intp)
    into = np.ascontiguousarray(transitions.T)  # a row per label: the scores of coming into it from each label
    end = cells
    for t in range(len(blocks) - 1, 0, -1):
        running = blocks[t].shape[1]
        taken = current[:running]
        path[end - running:end] = taken
        end -= running
        scores = into.take(taken, axis=0)  # (lanes, labels): argmax along rows, numpy's fast axis
        scores += blocks[t - 1][:, :running].T
        taken[:] = scores.argmax(axis=1)
    path[:end] = current
    return path


@lru_cache(maxsize=4)
def load_model(path: Path = DEFAULT_MODEL) -> CrfModel:
    """The model at ``path`` (the shipped one by default), read once per process."""
    if not Path(path).is_file():
        raise InputError(str(path), "no CRF model file",
                         "train one with python -m loaders.extraction.statistical.train")
    return CrfModel.load(Path(path))
