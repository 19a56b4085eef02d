"""Document metadata: publication, issue date, page, jurisdiction.

Taken, field by field, from the first that gives it: the CLI options, a sidecar file
(``NAME.meta.yaml`` beside the input) or a ``manifest.yaml`` in its folder, the file
name (``xuhuibao-2025-01-27-p1.txt``, ``20250127.md``), a date line in the text
(``2025年1月27日``). A document with no issue date still loads.

Examples
--------
>>> from pathlib import Path
>>> date_from_name(Path("xuhuibao-2025-01-27-p1.txt")), page_from_name(Path("xuhuibao-2025-01-27-p1.txt"))
(datetime.date(2025, 1, 27), 1)
>>> date_from_name(Path("20250127.md"))
datetime.date(2025, 1, 27)
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

__all__ = ["DocumentMetadata", "date_from_name", "page_from_name", "resolve_metadata"]

_NAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")
_NAME_PAGE = re.compile(r"(?:^|[-_.])p(?:age)?[-_]?(\d{1,3})(?=[-_.]|$)", re.IGNORECASE)
_TEXT_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


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


def _from_mapping(raw: dict[str, Any], source: Path) -> DocumentMetadata:
    issue_date = raw.get("issue_date")
    if isinstance(issue_date, str):
        try:
            issue_date = dt.date.fromisoformat(issue_date)
        except ValueError:
            raise InputError(str(source), f"issue_date {issue_date!r} is not YYYY-MM-DD", "fix the sidecar") from None
    page = raw.get("page")
    return DocumentMetadata(raw.get("publication"), issue_date, int(page) if page is not None else None,
                            raw.get("jurisdiction"))


def _load_mapping(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        raw = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as error:
        raise InputError(str(path), f"cannot read this metadata file ({error})", "fix or remove it") from None
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
            defaults = {k: v for k, v in raw.items() if k != "files"}
            found.fill_from(_from_mapping({**defaults, **entry}, manifest))
    return found


def text_date(text: str) -> dt.date | None:
    """The first full date written in the text (``2025年1月27日``)."""
    for match in _TEXT_DATE.finditer(text):
        found = _valid_date(*match.groups())
        if found:
            return found
    return None


def resolve_metadata(path: Path, text: str, overrides: DocumentMetadata | None = None) -> DocumentMetadata:
    """Metadata of one input, from options, sidecar, file name and text, in that order."""
    metadata = DocumentMetadata(**vars(overrides)) if overrides else DocumentMetadata()
    metadata.fill_from(sidecar_metadata(path))
    metadata.fill_from(DocumentMetadata(issue_date=date_from_name(path), page=page_from_name(path)))
    if metadata.issue_date is None:
        metadata.issue_date = text_date(text)
    return metadata
