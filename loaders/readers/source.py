"""The input as a reader sees it: a file's path, the name that picks its reader, its bytes.

A ``.gz`` file is read through a :class:`Source` whose ``name`` is the inner name
(``page.txt.gz`` → ``page.txt``) while ``path`` stays the file on disk, so errors and
sidecars still name the real file.

Examples
--------
>>> source = Source(Path("a/page.txt"), "page.txt", "区委书记出席会议".encode("gb18030"))
>>> source.extension, source.text()
('.txt', '区委书记出席会议')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from loaders.readers.decoding import decode_bytes

__all__ = ["Source"]


@dataclass
class Source:
    """One input: the file on disk, the name that picks the reader, and the bytes to read."""

    path: Path
    name: str
    data: bytes
    _text: str | None = field(default=None, repr=False)

    @classmethod
    def from_path(cls, path: Path) -> Source:
        return cls(path, path.name, path.read_bytes())

    @property
    def extension(self) -> str:
        """The last suffix of the name, lower case (``.txt``), or ``""``."""
        return Path(self.name).suffix.lower()

    def text(self) -> str:
        """The bytes decoded (encoding detected once); raises InputError naming the file."""
        if self._text is None:
            self._text = decode_bytes(self.data, str(self.path))
        return self._text

    def drop_bytes(self) -> None:
        """Decode, then forget the bytes: a reader that needs only the text holds a big file once.

        >>> source = Source(Path("a.txt"), "a.txt", "正文".encode())
        >>> source.drop_bytes(); source.data, source.text()
        (b'', '正文')
        """
        self.text()
        self.data = b""
