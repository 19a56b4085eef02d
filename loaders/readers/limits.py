"""How far a reader lets packed input expand: gzip files, a PDF's compressed streams.

A few kilobytes of deflate can unpack to gigabytes (a "bomb"). Readers unpack a chunk
at a time and stop past :data:`MAX_EXPANDED_BYTES`, so a bomb costs bounded memory and
ends as an InputError naming the file.

Examples
--------
>>> import zlib
>>> inflated_size(zlib.compress(bytes(10_000)), limit=4096) > 4096
True
>>> inflated_size(zlib.compress(b"abc"), limit=4096), inflated_size(b"not deflate", limit=4096)
(3, 0)
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

__all__ = ["CHUNK_BYTES", "MAX_EXPANDED_BYTES", "inflate_at_most", "inflated_size", "size_text"]

MAX_EXPANDED_BYTES = 512 * 2**20
"""The most one packed input may unpack to: 512 MiB, over twice the largest page archive (200 MB) read in tests."""
CHUNK_BYTES = 2**20


def size_text(count: int) -> str:
    """A byte count for a message.

    >>> size_text(512 * 2**20), size_text(4096)
    ('512 MiB', '4,096 bytes')
    """
    return f"{count / 2**20:g} MiB" if count >= 2**20 else f"{count:,} bytes"


def _inflated_chunks(packed: bytes, wbits: int) -> Iterator[bytes]:
    """What zlib data unpacks to, a chunk at a time; ends at the data's end or at bytes that are not zlib."""
    inflater = zlib.decompressobj(wbits)
    pending = packed
    try:
        while True:
            out = inflater.decompress(pending, CHUNK_BYTES)
            yield out
            pending = inflater.unconsumed_tail
            if not pending and len(out) < CHUNK_BYTES:
                return
    except zlib.error:
        return


def inflated_size(packed: bytes, limit: int, wbits: int = zlib.MAX_WBITS) -> int:
    """How many bytes zlib data unpacks to, counted a chunk at a time and stopped past ``limit``.

    Data that is not zlib counts as what unpacked before the error (0 for a JPEG stream).
    """
    size = 0
    for chunk in _inflated_chunks(packed, wbits):
        size += len(chunk)
        if size > limit:
            break
    return size


def inflate_at_most(packed: bytes, limit: int, wbits: int = zlib.MAX_WBITS) -> bytes:
    """What zlib data unpacks to, cut a little past ``limit`` bytes (compare the length to the limit).

    >>> len(inflate_at_most(zlib.compress(bytes(10_000)), limit=4096)) > 4096
    True
    """
    kept = bytearray()
    for chunk in _inflated_chunks(packed, wbits):
        kept += chunk
        if len(kept) > limit:
            break
    return bytes(kept)
