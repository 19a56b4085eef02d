"""A PDF's compressed streams, measured before pdfminer unpacks them whole.

pdfminer inflates each stream in one ``zlib.decompress`` when it reads it, so a PDF of a
few megabytes can hold streams that unpack to gigabytes (a PDF bomb). Each ``stream``
of the file is decoded here through its filter chain (ASCII85, ASCIIHex, Flate) a chunk
at a time, and the file is refused when they unpack to more than a limit in all.

The scan reads the raw bytes (``<< /Filter ... >> stream ... endstream``): it does not
see into encrypted streams, and it does not measure LZW (rare in newspapers' PDFs).

Examples
--------
>>> import zlib
>>> packed = zlib.compress(bytes(10_000))
>>> pdf = b"%PDF-1.4\\n1 0 obj\\n<< /Filter /FlateDecode >>\\nstream\\n" + packed + b"\\nendstream\\nendobj\\n"
>>> expanded_size(pdf, limit=100_000), expanded_size(pdf, limit=4096) > 4096
(10000, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pdfminer.ascii85 import ascii85decode, asciihexdecode

from loaders.readers.limits import inflate_at_most, inflated_size

__all__ = ["expanded_size", "streams"]

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_FILTER = re.compile(rb"/(FlateDecode|Fl|ASCII85Decode|A85|ASCIIHexDecode|AHx)(?![A-Za-z0-9])")
_LOOKBACK = 4096  # how far before ``stream`` its dictionary may start
_TEXT_DECODERS = {b"ASCII85Decode": ascii85decode, b"A85": ascii85decode,
                  b"ASCIIHexDecode": asciihexdecode, b"AHx": asciihexdecode}


def streams(data: bytes) -> Iterator[tuple[list[bytes], bytes]]:
    """Each stream's filters (in the order they apply) and raw bytes."""
    for match in _STREAM.finditer(data):
        opening = data.rfind(b"obj", max(0, match.start() - _LOOKBACK), match.start())
        dictionary = data[max(opening, match.start() - _LOOKBACK):match.start()]
        end = data.find(b"endstream", match.end())
        yield _FILTER.findall(dictionary), data[match.end():end if end >= 0 else len(data)]


def _decoded_size(filters: list[bytes], raw: bytes, limit: int) -> int:
    """How many bytes a stream's deflate unpacks to (0 when it has none), stopped past ``limit``."""
    if not filters:  # none named (or named indirectly): deflate is measured if it is there
        return inflated_size(raw, limit)
    data = raw
    for number, name in enumerate(filters):
        if name in _TEXT_DECODERS:  # these only shrink the data
            try:
                data = _TEXT_DECODERS[name](data)
            except ValueError:  # encrypted or damaged: pdfminer will say so when it reads the stream
                return 0
        elif number == len(filters) - 1:
            return inflated_size(data, limit)
        else:
            data = inflate_at_most(data, limit)
    return len(data) if any(name in (b"FlateDecode", b"Fl") for name in filters) else 0


def expanded_size(data: bytes, limit: int) -> int:
    """How many bytes the deflated streams of a PDF unpack to in all, counted until past ``limit``."""
    total = 0
    for filters, raw in streams(data):
        total += _decoded_size(filters, raw, limit - total)
        if total > limit:
            break
    return total
