"""Readers: one input file → Documents.

Placeholder reader set until the loaders issue lands: UTF-8 plain text, with the
metadata from the options, a sidecar, or the file name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dkg.errors import InputError
from loaders.document import Document
from loaders.readers.metadata import DocumentMetadata, resolve_metadata

__all__ = ["DocumentMetadata", "iter_input_files", "read_file"]

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")
SKIPPED_NAMES = {"manifest.yaml", "manifest.yml", "manifest.json"}


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIXES) or path.name in SKIPPED_NAMES or path.name.startswith(".")


def iter_input_files(paths: list[Path]) -> Iterator[Path]:
    """Every input file under the given files and folders, recursively, in a stable order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not is_sidecar(child) and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def read_file(path: Path, overrides: DocumentMetadata | None = None, reader: str | None = None) -> list[Document]:
    """The documents of one file; raises InputError naming the file and the reason."""
    if not path.exists():
        raise InputError(str(path), "no such file", "check the path")
    data = path.read_bytes()
    if not data.strip():
        raise InputError(str(path), "the file is empty", "remove it or re-export it")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(str(path), f"cannot decode as UTF-8 at byte {error.start}",
                         "convert it to UTF-8 or pass --reader") from None
    metadata = resolve_metadata(path, text, overrides)
    return [Document(text=text, source=str(path), reader="text", **metadata.as_fields())]
