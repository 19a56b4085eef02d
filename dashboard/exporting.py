"""Downloads of the current view, in the formats of :mod:`graph.export`.

The exporters write files; a download needs bytes. Each export is written into a
temporary folder and read back; a folder format (CSV tables) comes back as one zip.

Examples
--------
>>> from graph.queries.examples import example_batch
>>> payload = export_payload(example_batch(), "json")
>>> payload.file_name, payload.mime
('dkg-view.json', 'application/json')
>>> payload.data[:1]
b'{'
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from graph.export import FORMATS, write
from graph.model import GraphBatch

__all__ = ["DOWNLOADS", "ExportPayload", "export_payload"]

# The formats offered for a view, with the button's label and the file's media type.
DOWNLOADS: dict[str, tuple[str, str]] = {
    "graphml": ("GraphML", "application/graphml+xml"),
    "gexf": ("GEXF", "application/gexf+xml"),
    "json": ("JSON", "application/json"),
    "csv": ("CSV (zip)", "application/zip"),
}
STEM = "dkg-view"


@dataclass(frozen=True)
class ExportPayload:
    """The bytes of one download, its file name and media type."""

    data: bytes
    file_name: str
    mime: str


def _zip(paths: list[Path], root: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(paths):
            archive.write(path, path.relative_to(root).as_posix())
    return buffer.getvalue()


def export_payload(batch: GraphBatch, format: str, *, stem: str = STEM) -> ExportPayload:
    """The view ``batch`` exported in ``format`` (a name of :data:`DOWNLOADS`), as bytes."""
    spec = FORMATS[format]
    mime = DOWNLOADS[format][1]
    with tempfile.TemporaryDirectory(prefix="dkg-export-") as folder:
        root = Path(folder)
        if spec.folder:
            result = write(batch, format, root / stem)
            return ExportPayload(_zip(result.paths, root / stem), f"{stem}-{format}.zip", mime)
        out = root / f"{stem}{spec.suffix}"
        write(batch, format, out)
        return ExportPayload(out.read_bytes(), out.name, mime)
