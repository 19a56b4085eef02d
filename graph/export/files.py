"""Where exports may write: only at the path the user gave, or inside it.

Examples
--------
>>> from pathlib import Path
>>> child_path(Path("out"), "nodes_Person.csv")
PosixPath('out/nodes_Person.csv')
>>> child_path(Path("out"), "../etc/passwd")
Traceback (most recent call last):
...
graph.export.files.ExportError: ...
"""

from __future__ import annotations

import re
from pathlib import Path

from dkg.errors import DkgError

__all__ = ["ExportError", "check_output", "child_path"]

_SAFE_NAME = re.compile(r"[\w.\-]+")


class ExportError(DkgError):
    """An export cannot be written where it was asked to."""


def child_path(folder: Path, name: str) -> Path:
    """``folder / name``, refusing names that could leave the folder (``..``, separators, drives)."""
    if not _SAFE_NAME.fullmatch(name) or name.strip(".") == "" or name.startswith("."):
        raise ExportError(f"refusing to write a file called {name!r} into {folder}: not a plain file name")
    target = folder / name
    if target.resolve().parent != folder.resolve():
        raise ExportError(f"refusing to write {name!r}: it would land outside {folder}")
    return target


def check_output(out: Path, *, folder: bool) -> Path:
    """Make ready the file or folder an export writes to; raises ExportError when it cannot be."""
    if folder:
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out} is a file, but this format writes a folder of files: give a folder path")
        out.mkdir(parents=True, exist_ok=True)
        return out
    if out.is_dir():
        raise ExportError(f"{out} is a folder, but this format writes one file: give a file path")
    out.parent.mkdir(parents=True, exist_ok=True)
    return out
