"""gzip: read what the file holds with the reader its inner name (and content) picks.

``page.txt.gz`` is read as ``page.txt``; the name rule for metadata uses the inner name,
errors and sidecars (``page.txt.gz.meta.yaml``) the file on disk. A truncated or corrupt
gzip is an InputError.

The file is inflated a chunk at a time and refused (an InputError) once it expands to
more than ``MAX_EXPANDED_BYTES`` (512 MiB, from :mod:`~loaders.readers.limits`), so a
gzip bomb (10 MB of zeros packed, 10 GB unpacked) costs that much memory at most. A gzip inside a gzip is
unpacked too, at most :data:`MAX_LAYERS` deep (a gzip can be made to unpack to itself).

Examples
--------
>>> import gzip
>>> from pathlib import Path
>>> from loaders.readers.registry import ReadContext
>>> data = gzip.compress("区委书记出席会议".encode())
>>> next(read(Source(Path("p.txt.gz"), "p.txt.gz", data), ReadContext())).text
'区委书记出席会议'
>>> next(read(Source(Path("p.txt.gz"), "p.txt.gz", data[:-6]), ReadContext()))
Traceback (most recent call last):
dkg.errors.InputError: p.txt.gz: the gzip file is truncated or corrupt (...) (download or copy it again)
>>> inflate(gzip.compress(bytes(5000)), "zeros.gz", limit=4096)
Traceback (most recent call last):
dkg.errors.InputError: zeros.gz: the gzip file expands to more than 4,096 bytes, which looks like a gzip bomb ...
"""

from __future__ import annotations

import gzip
import io
import zlib
from collections.abc import Iterator
from pathlib import Path

from dkg.errors import InputError
from loaders.document import Document
from loaders.readers.limits import CHUNK_BYTES, MAX_EXPANDED_BYTES, size_text
from loaders.readers.registry import ReadContext, read_source
from loaders.readers.source import Source

__all__ = ["MAX_EXPANDED_BYTES", "MAX_LAYERS", "inflate", "read"]

MAX_LAYERS = 4
"""How many gzips inside each other are unpacked."""

_GZIP_SIGNATURE = b"\x1f\x8b"


def _too_large(path: str, limit: int) -> InputError:
    return InputError(path, f"the gzip file expands to more than {size_text(limit)}, which looks like a "
                      "gzip bomb or an archive too large for one file",
                      f"check its size with gunzip -l; unpack it and split it into files under {size_text(limit)}")


def inflate(data: bytes, path: str, limit: int | None = None) -> bytes:
    """The bytes a gzip holds, unpacked a chunk at a time; InputError past ``limit`` bytes.

    Parameters
    ----------
    data : bytes
        The gzip file (one or more members).
    path : str
        Named in errors.
    limit : int, optional
        The most bytes it may unpack to; :data:`MAX_EXPANDED_BYTES` by default.
    """
    limit = MAX_EXPANDED_BYTES if limit is None else limit
    inflated = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as packed:
            while chunk := packed.read(min(CHUNK_BYTES, limit + 1 - len(inflated))):
                inflated += chunk
                if len(inflated) > limit:
                    raise _too_large(path, limit)
    except (EOFError, OSError, zlib.error) as error:
        raise InputError(path, f"the gzip file is truncated or corrupt ({error})",
                         "download or copy it again") from None
    return bytes(inflated)


def _inner_name(name: str) -> str:
    path = Path(name)
    return path.stem if path.suffix.lower() == ".gz" else path.name


def _unpacked(source: Source) -> Source:
    """The source inside the gzip, every nested gzip layer unpacked."""
    data, name = source.data, source.name
    for _ in range(MAX_LAYERS):
        data, name = inflate(data, str(source.path)), _inner_name(name)
        if not data.startswith(_GZIP_SIGNATURE):
            return Source(source.path, name, data)
    raise InputError(str(source.path), f"the gzip file holds gzips nested more than {MAX_LAYERS} deep",
                     "unpack it yourself and read what it holds")


def read(source: Source, context: ReadContext) -> Iterator[Document]:
    """The documents of the file inside the gzip."""
    inner = _unpacked(source)
    if not inner.data.strip():
        raise InputError(str(source.path), "the gzip file holds an empty file", "remove it or re-export it")
    inner_reader = None if context.reader == "gzip" else context.reader
    yield from read_source(inner, ReadContext(context.overrides, inner_reader))
