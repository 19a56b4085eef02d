"""Features of the CRF: hashed ids computed from code points with numpy, one function for training and tagging.

Each character gets :data:`FEATURE_COUNT` feature ids: a bias, the characters in a ±2 window,
the four character bigrams of that window, and the character classes of the previous,
current and next character (a class is a small bit set: han, digit, latin or punctuation,
and, when a model is trained with lexicons, surname, compound-surname start, title ending,
organisation ending, place ending). Ids are hashed into ``2 ** bits`` buckets, so no
feature dictionary is stored: the model is a weight row per bucket.

The class table is built when a model is trained and is stored in the model file, so a
model tags with the classes it was trained with even after the lexicons change. Units
(sentences) are joined with two :data:`PAD` code points between them, which is what a
unit's ends see in training too.

Examples
--------
>>> table = class_table(surnames={"王"}, compound_surnames=set(), title_endings={"长"},
...                     org_endings=set(), place_endings={"市"})
>>> ids = feature_ids(encode("王市长"), table, bits=16)
>>> ids.shape, ids.dtype.name
((3, 11), 'int64')
>>> bool((ids == feature_ids(encode("王市长"), table, bits=16)).all())
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import numpy as np

__all__ = ["FEATURE_COUNT", "PAD", "bias_bucket", "class_table", "encode", "feature_ids", "feature_rows"]

PAD: Final = 0  # the code point that stands before and after a unit
FEATURE_COUNT: Final = 11
_WINDOW: Final = 2
_TABLE_SIZE: Final = 0x10000  # classes of the Basic Multilingual Plane; other code points have class 0

# class bits
_SURNAME, _COMPOUND, _TITLE_END, _ORG_END, _PLACE_END = 1, 2, 4, 8, 16
_HAN, _DIGIT, _LATIN, _PUNCT = 32, 64, 128, 256

_PUNCTUATION: Final = "，。、；：？！“”‘’（）《》【】—…·,.;:?!\"'()[]<>-/\n\t "


def encode(text: str) -> np.ndarray:
    """The code points of ``text`` as an int64 array.

    >>> encode("a中").tolist()
    [97, 20013]
    """
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


def _set_bits(table: np.ndarray, characters: Iterable[str], bit: int) -> None:
    points = [ord(c) for c in characters if ord(c) < _TABLE_SIZE]
    table[points] |= bit


def class_table(surnames: Iterable[str], compound_surnames: Iterable[str], title_endings: Iterable[str],
                org_endings: Iterable[str], place_endings: Iterable[str]) -> np.ndarray:
    """The class bits of every BMP code point (uint16), from lexicon characters and character types."""
    table = np.zeros(_TABLE_SIZE, dtype=np.uint16)
    table[0x4E00:0xA000] |= _HAN
    table[ord("0"):ord("9") + 1] |= _DIGIT
    table[ord("０"):ord("９") + 1] |= _DIGIT
    _set_bits(table, "〇一二三四五六七八九十百千万亿", _DIGIT)
    for low, high in (("a", "z"), ("A", "Z"), ("ａ", "ｚ"), ("Ａ", "Ｚ")):
        table[ord(low):ord(high) + 1] |= _LATIN
    _set_bits(table, _PUNCTUATION, _PUNCT)
    _set_bits(table, surnames, _SURNAME)
    _set_bits(table, (word[0] for word in compound_surnames), _COMPOUND)
    _set_bits(table, (word[-1] for word in title_endings), _TITLE_END)
    _set_bits(table, (word[-1] for word in org_endings), _ORG_END)
    _set_bits(table, (word[-1] for word in place_endings), _PLACE_END)
    return table


_MIX_BLOCK: Final = 1 << 15  # elements mixed at once: the block and its temporary stay in the core's cache
_FMIX_MULTIPLIERS: Final = (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))
_FMIX_SHIFT: Final = np.uint64(33)


def _mix(keys: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (murmur3's fmix64), in place: nearby keys land in unrelated buckets.

    Block by block: each of its seven passes then reads the cache, not memory (2-3x faster
    than whole-array passes on a page of text). ``keys`` is C-contiguous, as
    :func:`feature_rows` makes it, so its flat view is mixed in place.
    """
    mixed = keys.view(np.uint64)
    flat = mixed.reshape(-1)
    shifted = np.empty(min(_MIX_BLOCK, len(flat)), dtype=np.uint64)
    for start in range(0, len(flat), _MIX_BLOCK):
        block = flat[start:start + _MIX_BLOCK]
        scratch = shifted[:len(block)]
        for multiplier in _FMIX_MULTIPLIERS:
            np.right_shift(block, _FMIX_SHIFT, out=scratch)
            block ^= scratch
            block *= multiplier
        np.right_shift(block, _FMIX_SHIFT, out=scratch)
        block ^= scratch
    return mixed


def bias_bucket(bits: int) -> int:
    """The bucket of the bias feature, the one every character has.

    >>> bias_bucket(20) == int(feature_rows(encode("中"), class_table((), (), (), (), ()), 20)[0, 0])
    True
    """
    key = np.zeros(1, dtype=np.int64)  # template 0, no content
    return int(_mix(key)[0] & np.uint64((1 << bits) - 1))


def feature_ids(codepoints: np.ndarray, table: np.ndarray, bits: int) -> np.ndarray:
    """The hashed feature ids of every character, shape ``(len(codepoints), FEATURE_COUNT)``.

    ``codepoints`` is one unit, or units joined with two :data:`PAD` between them; the ends are padded
    with :data:`PAD`, so a character's features depend only on its unit.
    """
    return feature_rows(codepoints, table, bits).T


def feature_rows(codepoints: np.ndarray, table: np.ndarray, bits: int) -> np.ndarray:
    """:func:`feature_ids` a template a row, shape ``(FEATURE_COUNT, len(codepoints))``: each row contiguous.

    >>> table = class_table(set(), set(), set(), set(), set())
    >>> bool((feature_rows(encode("区长"), table, 16) == feature_ids(encode("区长"), table, 16).T).all())
    True
    """
    n = len(codepoints)
    padded = np.full(n + 2 * _WINDOW, PAD, dtype=np.int64)
    padded[_WINDOW:n + _WINDOW] = codepoints
    window = [padded[offset:offset + n] for offset in range(2 * _WINDOW + 1)]  # c[i-2] .. c[i+2]
    classes = table[np.minimum(padded, _TABLE_SIZE - 1)].astype(np.int64)
    classes[padded >= _TABLE_SIZE] = 0
    keys = np.empty((FEATURE_COUNT, n), dtype=np.int64)
    keys[0] = 0
    for offset in range(2 * _WINDOW + 1):  # unigrams
        keys[1 + offset] = window[offset]
    for offset in range(2 * _WINDOW):  # bigrams
        np.left_shift(window[offset + 1], 21, out=keys[6 + offset])
        keys[6 + offset] |= window[offset]
    keys[10] = classes[1:n + 1] | (classes[2:n + 2] << 9) | (classes[3:n + 3] << 18)
    keys |= (np.arange(FEATURE_COUNT, dtype=np.int64) << 56)[:, None]  # the template
    ids = _mix(keys)
    ids &= np.uint64((1 << bits) - 1)
    return ids.view(np.int64)
