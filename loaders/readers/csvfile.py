"""CSV (or tab-separated) files of article records: one document per row.

The header names the columns (``title``, ``date``, ``body``, ``url``, ``publication``, or
the other names in ``lexicons/readers_fields.yaml``); a file without a body column is
refused whole. A row with the wrong number of fields or no body is an error for that
row only; the other rows are read.

Examples
--------
>>> from pathlib import Path
>>> from loaders.readers.registry import ReadContext
>>> data = "标题,日期,正文\\n会议举行,2025-01-27,会议在区政府举行。\\n".encode()
>>> document = next(read(Source(Path("a.csv"), "a.csv", data), ReadContext()))
>>> document.title, document.issue_date, document.metadata["articles"]
('会议举行', datetime.date(2025, 1, 27), [{'title': '会议举行', 'start': 5, 'end': 14}])
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from dkg.errors import InputError
from loaders.document import Document
from loaders.readers.fields import field_keys
from loaders.readers.records import RecordError, read_records
from loaders.readers.registry import ReadContext
from loaders.readers.source import Source

__all__ = ["read"]


def _delimiter(header: str, extension: str) -> str:
    if extension == ".tsv" or header.count("\t") > header.count(","):
        return "\t"
    return ","


def _numbered_rows(rows: csv.DictReader, width: int) -> Iterator[tuple[str, object]]:
    line = rows.line_num + 1
    for row in rows:
        where = f"line {line}"
        line = rows.line_num + 1
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        fields = width + len(row.get(None) or []) - sum(1 for value in row.values() if value is None)
        plural = "" if fields == 1 else "s"
        yield where, RecordError(f"{fields} field{plural} where the header has {width}") if fields != width else row


def read(source: Source, context: ReadContext) -> Iterator[Document]:
    """A document per row; a PartialInputError at the end names the bad rows."""
    text = source.text()
    path = str(source.path)
    # csv refuses fields over 128 KiB by default; a long article is one, and none can outgrow the file
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0],
                                                                                source.extension))
    try:
        header = rows.fieldnames or []
        keys = field_keys(header)
        if "body" not in keys:
            columns = ", ".join(" ".join(str(name).split()) for name in header)  # a quoted name may hold breaks
            raise InputError(path, f"the CSV has no body column (columns: {columns or 'none'})",
                             "name the column of article text 'body' (or text, content, 正文)")
        yield from read_records(_numbered_rows(rows, len(header)), source, context, "csv", keys)
    except csv.Error as error:
        raise InputError(path, f"the CSV cannot be parsed at line {rows.line_num} ({error})",
                         "check the quoting and the delimiter") from None
