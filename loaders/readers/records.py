"""Article records (a JSON object, a CSV row) → Documents, shared by the JSON Lines and CSV readers.

A record has a ``body`` and may have a ``title``, ``date``, ``url``, ``publication`` and
``page`` (other names for them are in ``lexicons/readers_fields.yaml``). A record with a
title is one article: the document's text is the title, a line break and the body, its
``title`` is set, and ``metadata["articles"]`` holds the body's span. A record without a
title is a page, left to segmentation. A record's own date and publication come right
after the CLI options (see :mod:`loaders.readers.metadata`).

Examples
--------
>>> record = parse_record({"title": "标题", "body": "正文。", "date": "2025-01-27"})
>>> record.title, record.body, record.date
('标题', '正文。', datetime.date(2025, 1, 27))
>>> parse_record({"title": "标题", "body": 3})
Traceback (most recent call last):
loaders.readers.records.RecordError: 'body' must be text, not int
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from loaders.document import Document
from loaders.readers.assembly import TextAssembler
from loaders.readers.errors import RecordProblems
from loaders.readers.fields import field_keys
from loaders.readers.metadata import DocumentMetadata, combine_metadata, file_metadata, parse_date_value
from loaders.readers.registry import ReadContext
from loaders.readers.script import is_traditional
from loaders.readers.source import Source

__all__ = ["ArticleRecord", "RecordError", "parse_record", "read_records", "record_document"]

BODY_HINT = "give each record its article text under 'body' (or text, content, 正文)"


class RecordError(ValueError):
    """One record is malformed; the message says how (the caller adds where)."""


@dataclass
class ArticleRecord:
    """The fields of one article record, checked."""

    body: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    publication: str | None = None
    page: int | None = None

    def metadata(self) -> DocumentMetadata:
        return DocumentMetadata(self.publication, self.date, self.page)


def _text_field(raw: Mapping[str, Any], key: str | None, field: str) -> str | None:
    value = raw.get(key) if key else None
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{field!r} must be text, not {type(value).__name__}")
    return value.strip() or None


def _date_field(raw: Mapping[str, Any], key: str | None) -> dt.date | None:
    value = raw.get(key) if key else None
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise RecordError(f"'date' must be text like 2025-01-27, not {type(value).__name__}")
    found = parse_date_value(str(value))
    if found is None:
        raise RecordError(f"'date' value {value!r} is not a date like 2025-01-27")
    return found


def _page_field(raw: Mapping[str, Any], key: str | None) -> int | None:
    value = raw.get(key) if key else None
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str) and value.strip().isdigit() and int(value) > 0:
        return int(value)
    raise RecordError(f"'page' value {value!r} is not a page number")


def parse_record(raw: object, keys: Mapping[str, str] | None = None) -> ArticleRecord:
    """The checked fields of one record; raises RecordError saying what is wrong.

    ``keys`` maps each field to the record's key for it (found from the keys when not given).
    """
    if not isinstance(raw, Mapping):
        raise RecordError(f"expected an object with a body, got {type(raw).__name__}")
    keys = field_keys(raw.keys()) if keys is None else keys
    if "body" not in keys:
        named = ", ".join(" ".join(str(key).split()) for key in raw)  # a key may hold line breaks: keep one line
        raise RecordError(f"no body field (keys: {named or 'none'})")
    body = raw.get(keys["body"])
    if body is not None and not isinstance(body, str):
        raise RecordError(f"'body' must be text, not {type(body).__name__}")
    if body is None or not body.strip():
        raise RecordError("the body is empty")
    return ArticleRecord(body, _text_field(raw, keys.get("title"), "title"), _date_field(raw, keys.get("date")),
                         _text_field(raw, keys.get("url"), "url"),
                         _text_field(raw, keys.get("publication"), "publication"), _page_field(raw, keys.get("page")))


def record_document(record: ArticleRecord, source: Source, context: ReadContext, where: str,
                    from_file: DocumentMetadata, reader: str) -> Document:
    """The document of one record; ``where`` (``line 3``) and the file are kept in its metadata."""
    assembler = TextAssembler(simplify=is_traditional(f"{record.title or ''}{record.body}"))
    if record.title:
        assembler.add(record.title)
        assembler.add("\n")
    body_start, body_end = assembler.add_text(record.body)
    assembled = assembler.finish()
    metadata = combine_metadata(context.overrides, record.metadata(), from_file, text=assembled.text)
    fields = metadata.as_fields()
    title = assembled.text[:body_start].strip() or None
    fields["metadata"].update({"path": str(source.path), "record": where, "url": record.url})
    if title:
        fields["metadata"]["articles"] = [{"title": title, "start": body_start, "end": body_end}]
    return Document(source=record.url or f"{source.path}:{where}", reader=reader, title=title,
                    **assembled.as_fields(), **fields)


def read_records(numbered: Iterable[tuple[str, object]], source: Source, context: ReadContext, reader: str,
                 keys: Mapping[str, str] | None = None) -> Iterator[Document]:
    """A document per good record, then a PartialInputError listing the bad ones, if any.

    ``numbered`` gives each raw record with where it is (``line 3``); a raw record that
    is a RecordError is reported as it is.
    """
    problems = RecordProblems(str(source.path))
    from_file = file_metadata(source.path, source.name)
    good = 0
    for where, raw in numbered:
        try:
            if isinstance(raw, RecordError):
                raise raw
            record = parse_record(raw, keys)
        except RecordError as error:
            problems.add(f"{where}: {error}", BODY_HINT if "body" in str(error) else "fix the record")
            continue
        good += 1
        yield record_document(record, source, context, where, from_file, reader)
    error = problems.error(good)
    if error:
        raise error
