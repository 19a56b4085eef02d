"""JSON Lines (and JSON) of article records: one document per record.

One JSON object per line; blank lines are skipped. A ``.json`` file, or one that starts
with ``[``, is read whole: an array of records or a single record. A malformed line or
a record of the wrong shape is an error for that line only; the other records are read
(see :mod:`loaders.readers.errors`).

Examples
--------
>>> from pathlib import Path
>>> from loaders.readers.registry import ReadContext
>>> data = '{"title": "标题", "body": "正文。"}\\n{"title": \\n'.encode()
>>> documents = read(Source(Path("a.jsonl"), "a.jsonl", data), ReadContext())
>>> next(documents).text
'标题\\n正文。'
>>> next(documents)
Traceback (most recent call last):
loaders.readers.errors.PartialInputError: a.jsonl: 1 of 2 records could not be read; line 2: not valid JSON ...
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from dkg.errors import InputError
from loaders.document import Document
from loaders.readers.records import RecordError, read_records
from loaders.readers.registry import ReadContext
from loaders.readers.source import Source

__all__ = ["read"]


def _unparsable(error: ValueError | RecursionError) -> str:
    """Why JSON that is valid syntax cannot be read: nested too deep, or a number too long."""
    if isinstance(error, RecursionError):
        return "nested too deep to read"
    return "holds a number too long to read (over 4,300 digits)"


def _lines(text: str) -> Iterator[str]:
    """The lines of a text one at a time (``split`` would hold a second copy of a big archive)."""
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end]
        start = end + 1


def _numbered_lines(text: str) -> Iterator[tuple[str, object]]:
    for number, line in enumerate(_lines(text), start=1):
        if not line.strip():
            continue
        try:
            yield f"line {number}", json.loads(line)
        except json.JSONDecodeError as error:
            yield f"line {number}", RecordError(f"not valid JSON ({error.msg} at column {error.colno})")
        except (ValueError, RecursionError) as error:  # arrays nested thousands deep, a 5,000-digit number
            yield f"line {number}", RecordError(f"the JSON {_unparsable(error)}")


def _numbered_items(text: str, path: str) -> Iterator[tuple[str, object]]:
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(path, f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})",
                         "fix the JSON, or write one record per line as JSON Lines (.jsonl)") from None
    except (ValueError, RecursionError) as error:  # arrays nested thousands deep, a 5,000-digit number
        raise InputError(path, f"the JSON {_unparsable(error)}",
                         "export the records again as flat objects with a body, one per line (.jsonl)") from None
    if isinstance(whole, dict):
        yield "record 1", whole
    elif isinstance(whole, list):
        yield from ((f"record {index}", item) for index, item in enumerate(whole, start=1))
    else:
        raise InputError(path, f"JSON of the wrong shape: a {type(whole).__name__}, not article records",
                         "give an array of objects with a body, or one object per line (.jsonl)")


def read(source: Source, context: ReadContext) -> Iterator[Document]:
    """A document per record; a PartialInputError at the end names the bad lines."""
    text = source.text()
    whole = source.extension == ".json" or text.lstrip().startswith("[")
    numbered = _numbered_items(text, str(source.path)) if whole else _numbered_lines(text)
    yield from read_records(numbered, source, context, "jsonl")
