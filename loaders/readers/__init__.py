"""Readers: one input file (or folder) → Documents.

One small module per format, each with ``read(source, context) -> Iterator[Document]``,
registered by name in :mod:`loaders.readers.registry`:

======== ============================== ===================================================
name     files                           what becomes of them
======== ============================== ===================================================
text     ``.txt``                        one document (a page); over 1,000,000 characters,
                                         one per part (:mod:`~loaders.readers.parts`)
html     ``.html``, ``.htm``             main text by trafilatura; ``<article>`` = articles
markdown ``.md``                         one document; heading sections = articles
pdf      ``.pdf``                        a document per page, columns in reading order
jsonl    ``.jsonl``, ``.json``           a document per record
csv      ``.csv``, ``.tsv``              a document per row
gzip     ``.gz``                         what the inner file's reader makes of it
======== ============================== ===================================================

The reader is picked from ``--reader``, the file's signature, its extension, then its
content. Every reader detects the encoding (:mod:`~loaders.readers.decoding`), turns
Traditional text into Simplified keeping ``original_text``/``original_offsets``
(:mod:`~loaders.readers.script`), and takes metadata by the rules of
:mod:`~loaders.readers.metadata`. Where the input marks its own articles (Markdown
stories, ``<article>`` elements, a record with a title), ``metadata["articles"]`` lists
``{"title", "start", "end"}`` with each body's span in the text.

Errors: a file that cannot be read raises :class:`~dkg.errors.InputError` (path,
reason, what to do). A file of records (or a folder) yields its good documents first
and then raises :class:`~loaders.readers.errors.PartialInputError` listing the bad
records (or files), so a caller that iterates keeps everything good.

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "xuhuibao-2025-01-27-p1.txt").write_text("区委书记出席会议。", encoding="gb18030")
>>> [(d.text, d.issue_date, d.page) for d in read_file(folder / "xuhuibao-2025-01-27-p1.txt")]
[('区委书记出席会议。', datetime.date(2025, 1, 27), 1)]
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from dkg.errors import InputError
from loaders.document import Document
from loaders.readers.errors import PartialInputError, RecordProblems
from loaders.readers.metadata import DocumentMetadata
from loaders.readers.registry import READERS, ReadContext, read_source
from loaders.readers.source import Source

__all__ = ["READERS", "DocumentMetadata", "PartialInputError", "iter_input_files", "read_file"]

SIDECAR_SUFFIXES = (".meta.yaml", ".meta.yml", ".meta.json")
SKIPPED_NAMES = {"manifest.yaml", "manifest.yml", "manifest.json"}


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIXES) or path.name in SKIPPED_NAMES or path.name.startswith(".")


def iter_input_files(paths: list[Path]) -> Iterator[Path]:
    """Every input file under the given files and folders, recursively, in a stable order.

    Sidecars, manifests and hidden files and folders are skipped.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not is_sidecar(child) and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def _file_bytes(path: Path) -> bytes:
    if not path.exists():
        raise InputError(str(path), "no such file", "check the path")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), f"cannot read the file ({error.strerror})", "check its permissions") from None
    if not data.strip():
        raise InputError(str(path), "the file is empty", "remove it or re-export it")
    return data


def _read_folder(folder: Path, context: ReadContext) -> Iterator[Document]:
    """Every document under a folder; a PartialInputError at the end names the files that failed."""
    problems = RecordProblems(str(folder), unit="files")
    good = 0
    for path in iter_input_files([folder]):
        try:
            yield from read_source(Source(path, path.name, _file_bytes(path)), context)
        except PartialInputError as error:
            problems.errors.extend(error.errors)
            continue
        except InputError as error:
            problems.errors.append(error)
            continue
        good += 1
    error = problems.error(good)
    if error:
        raise error


def read_file(path: Path, overrides: DocumentMetadata | None = None, reader: str | None = None) -> Iterator[Document]:
    """The documents of one file (or of every file under a folder), read lazily.

    Parameters
    ----------
    path : Path
        A file or a folder.
    overrides : DocumentMetadata, optional
        Metadata from the CLI options; it wins over every other source.
    reader : str, optional
        Force a reader by name (see ``READERS``); picked from the file otherwise.

    Yields
    ------
    Document
        One per page, record or file, as the reader makes them.

    Raises
    ------
    InputError
        When the file cannot be read (path, reason, what to do); a
        PartialInputError after the good documents when some records failed.
    """
    context = ReadContext(overrides, reader)
    if path.is_dir():
        yield from _read_folder(path, context)
        return
    yield from read_source(Source(path, path.name, _file_bytes(path)), context)
