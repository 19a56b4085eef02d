"""Document metadata: publication, issue date, page, jurisdiction.

Taken, field by field, from the first that gives it: the CLI options, the record's own
fields (a JSON Lines or CSV record's ``date`` and ``publication``), a sidecar file
(``NAME.meta.yaml`` beside the input) or a ``manifest.yaml`` in its folder, the file
name (``xuhuibao-2025-01-27-p1.txt``, ``20250127.md``), what the text states of itself
(a heading ``# 《新闻联播》 (20250103)``, an HTML page's site name and date) and last a
date line in the text (``2025年1月27日``) and a masthead line (``闵行报``). A document with no issue date still loads.

Examples
--------
>>> from pathlib import Path
>>> date_from_name(Path("xuhuibao-2025-01-27-p1.txt")), page_from_name(Path("xuhuibao-2025-01-27-p1.txt"))
(datetime.date(2025, 1, 27), 1)
>>> date_from_name(Path("20250127.md"))
datetime.date(2025, 1, 27)
>>> heading_metadata("《新闻联播》 (20250103)")
DocumentMetadata(publication='新闻联播', issue_date=datetime.date(2025, 1, 3), page=None, jurisdiction=None)
>>> parse_date_value("2025年1月27日"), parse_date_value("2025-01-27T08:00:00+08:00")
(datetime.date(2025, 1, 27), datetime.date(2025, 1, 27))
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from dkg.errors import InputError
from dkg.yamltext import load_yaml

__all__ = [
    "DocumentMetadata",
    "combine_metadata",
    "date_from_name",
    "file_metadata",
    "heading_metadata",
    "page_from_name",
    "parse_date_value",
    "resolve_metadata",
]

_NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")
_NAME_PAGE = re.compile(r"(?:^|[-_.])p(?:age)?[-_]?(\d{1,3})(?=[-_.]|$)", re.IGNORECASE)
_TEXT_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_VALUE_DATE = re.compile(r"^\s*(\d{4})(?:[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})日?|(\d{2})(\d{2}))(?:$|[T\s])")
_HEADING_PUBLICATION = re.compile(r"《([^》]{1,30})》")
_HEADING_DATE = re.compile(r"(?<!\d)(\d{4})(?:[-/.年]\s*(\d{1,2})[-/.月]\s*(\d{1,2})|(\d{2})(\d{2}))(?!\d)")


@dataclass
class DocumentMetadata:
    """What is known of a document besides its text; ``None`` when unknown."""

    publication: str | None = None
    issue_date: dt.date | None = None
    page: int | None = None
    jurisdiction: str | None = None

    def fill_from(self, other: DocumentMetadata) -> None:
        """Take the other's values where this one has none."""
        for f in fields(self):
            if getattr(self, f.name) is None:
                setattr(self, f.name, getattr(other, f.name))

    def as_fields(self) -> dict[str, Any]:
        """Keyword arguments for a Document (jurisdiction goes into its metadata)."""
        return {
            "publication": self.publication,
            "issue_date": self.issue_date,
            "page": self.page,
            "metadata": {"jurisdiction": self.jurisdiction} if self.jurisdiction else {},
        }


def _valid_date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def date_from_name(path: Path) -> dt.date | None:
    for match in _NAME_DATE.finditer(path.name):
        found = _valid_date(*match.groups())
        if found and 1900 < found.year < 2100:
            return found
    return None


def page_from_name(path: Path) -> int | None:
    match = _NAME_PAGE.search(path.stem)
    return int(match.group(1)) if match else None


def _sidecar_date(value: Any, source: Path) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):  # YAML reads ``2025-01-27 08:00`` as a timestamp
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(str(source), f"issue_date {value!r} is not YYYY-MM-DD", "fix the sidecar")


def _sidecar_page(value: Any, source: Path) -> int | None:
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10_000:
        return value
    raise InputError(str(source), f"page {value!r} is not a page number", "give the page as a whole number, e.g. 1")


def _sidecar_text(raw: dict[str, Any], key: str, source: Path) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    raise InputError(str(source), f"{key} must be text, not {type(value).__name__} ({value!r})",
                     "write it as text; quote it in YAML")


def _from_mapping(raw: dict[str, Any], source: Path) -> DocumentMetadata:
    """The fields of a sidecar or manifest entry, checked; a wrong type is an InputError naming the file."""
    return DocumentMetadata(_sidecar_text(raw, "publication", source), _sidecar_date(raw.get("issue_date"), source),
                            _sidecar_page(raw.get("page"), source), _sidecar_text(raw, "jurisdiction", source))


def _load_mapping(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text) if path.suffix == ".json" else load_yaml(text)
    except (OSError, ValueError, yaml.YAMLError) as error:
        reason = " ".join(str(error).split())  # YAML errors draw the spot over several lines; keep one
        raise InputError(str(path), f"cannot read this metadata file ({reason})", "fix or remove it") from None
    if not isinstance(raw, dict):
        raise InputError(str(path), "metadata must be a mapping of fields", "see README, 'Metadata'")
    return raw


def sidecar_metadata(path: Path) -> DocumentMetadata:
    """Metadata from ``NAME.meta.yaml`` beside the file, then from the folder's manifest."""
    found = DocumentMetadata()
    for suffix in (".meta.yaml", ".meta.yml", ".meta.json"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.is_file():
            found.fill_from(_from_mapping(_load_mapping(sidecar), sidecar))
    for name in ("manifest.yaml", "manifest.yml", "manifest.json"):
        manifest = path.parent / name
        if manifest.is_file():
            raw = _load_mapping(manifest)
            entry = raw.get("files", {}).get(path.name, {}) if isinstance(raw.get("files"), dict) else {}
            if not isinstance(entry, dict):
                raise InputError(str(manifest), f"the entry of {path.name} under files is not a mapping of fields",
                                 "see README, 'Metadata'")
            defaults = {k: v for k, v in raw.items() if k != "files"}
            found.fill_from(_from_mapping({**defaults, **entry}, manifest))
    return found


_MASTHEAD = re.compile(r"[\u4e00-\u9fff]{1,8}(?:日报|晚报|时报|晨报|报)")


def text_publication(text: str) -> str | None:
    """The paper's name when the text opens with its masthead, a line of its own (``闵行报``).

    >>> text_publication("\\n闵行报\\n2025年1月27日\\n区委常委会召开扩大会议")
    '闵行报'
    >>> text_publication("区委常委会召开会议\\n") is None
    True
    """
    first = next((line.strip() for line in text[:500].splitlines() if line.strip()), "")
    return first if _MASTHEAD.fullmatch(first) else None


def text_date(text: str) -> dt.date | None:
    """The first full date written in the text (``2025年1月27日``)."""
    for match in _TEXT_DATE.finditer(text):
        found = _valid_date(*match.groups())
        if found:
            return found
    return None


def parse_date_value(value: str) -> dt.date | None:
    """A date written as a field value (``2025-01-27``, ``2025/1/27``, ``2025年1月27日``,
    ``20250127``, an ISO timestamp); ``None`` when it is not one."""
    match = _VALUE_DATE.match(value)
    if not match:
        return None
    year, month, day, month_digits, day_digits = match.groups()
    return _valid_date(year, month or month_digits, day or day_digits)


def heading_metadata(heading: str) -> DocumentMetadata:
    """Publication (in 《》) and date that a document's title line states, e.g. ``《新闻联播》 (20250103)``."""
    publication = _HEADING_PUBLICATION.search(heading)
    found = DocumentMetadata(publication=publication.group(1).strip() if publication else None)
    for match in _HEADING_DATE.finditer(heading):
        year, month, day, month_digits, day_digits = match.groups()
        found.issue_date = _valid_date(year, month or month_digits, day or day_digits)
        if found.issue_date:
            break
    return found


def file_metadata(path: Path, name: str | None = None) -> DocumentMetadata:
    """What the sidecar or manifest, then the file name, say of a file.

    ``name`` replaces the file's own name for the name rule (the inner name of a ``.gz``).
    """
    found = sidecar_metadata(path)
    named = Path(name) if name else path
    found.fill_from(DocumentMetadata(issue_date=date_from_name(named), page=page_from_name(named)))
    return found


def combine_metadata(*layers: DocumentMetadata | None, text: str = "") -> DocumentMetadata:
    """Field by field, the first layer that gives a value; then the first date line of ``text``, and its
    masthead.

    >>> combine_metadata(DocumentMetadata(page=2), DocumentMetadata("徐汇报", page=1), text="2025年1月27日")
    DocumentMetadata(publication='徐汇报', issue_date=datetime.date(2025, 1, 27), page=2, jurisdiction=None)
    """
    metadata = DocumentMetadata()
    for layer in layers:
        if layer is not None:
            metadata.fill_from(layer)
    if metadata.issue_date is None:
        metadata.issue_date = text_date(text)
    if metadata.publication is None:
        metadata.publication = text_publication(text)
    return metadata


def resolve_metadata(path: Path, text: str, overrides: DocumentMetadata | None = None, *,
                     record: DocumentMetadata | None = None, stated: DocumentMetadata | None = None,
                     name: str | None = None) -> DocumentMetadata:
    """Metadata of one input: options, the record's fields, sidecar, file name, what the text
    states, a date line in the text, in that order.

    Parameters
    ----------
    path : Path
        The file on disk (its sidecar and manifest are looked up beside it).
    text : str
        The document's text, searched last for a date line.
    overrides : DocumentMetadata, optional
        The CLI options.
    record : DocumentMetadata, optional
        A record's own fields (JSON Lines, CSV).
    stated : DocumentMetadata, optional
        What the document states of itself (a title heading, an HTML page's metadata).
    name : str, optional
        The name for the file-name rule when it is not the path's (inside a ``.gz``).
    """
    return combine_metadata(overrides, record, file_metadata(path, name), stated, text=text)
