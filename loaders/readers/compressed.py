"""gzip: read what the file holds with the reader its inner name (and content) picks.

``page.txt.gz`` is read as ``page.txt``; the name rule for metadata uses the inner name,
errors and sidecars (``page.txt.gz.meta.yaml``) the file on disk. A truncated or corrupt
gzip is an InputError.

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
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from dkg.errors import InputError
from loaders.document import Document
from loaders.readers.registry import ReadContext, read_source
from loaders.readers.source import Source

__all__ = ["read"]


def _inner_name(name: str) -> str:
    path = Path(name)
    return path.stem if path.suffix.lower() == ".gz" else path.name


def read(source: Source, context: ReadContext) -> Iterator[Document]:
    """The documents of the file inside the gzip."""
    try:
        inner = gzip.decompress(source.data)
    except (EOFError, OSError, zlib.error) as error:
        raise InputError(str(source.path), f"the gzip file is truncated or corrupt ({error})",
                         "download or copy it again") from None
    if not inner.strip():
        raise InputError(str(source.path), "the gzip file holds an empty file", "remove it or re-export it")
    inner_reader = None if context.reader == "gzip" else context.reader
    yield from read_source(Source(source.path, _inner_name(source.name), inner),
                           ReadContext(context.overrides, inner_reader))
