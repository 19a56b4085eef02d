"""PDF: the text layer of each page, columns in reading order, one document per page.

A newspaper page sets its text in columns, often under a headline that spans several
of them. The page's characters are cut into blocks by recursive XY-cut: first at
vertical gutters (white space down the whole block, wider than two characters), read
left to right; where there is none, at horizontal bands wider than a line gap, read top
to bottom. pdfplumber then reads each block line by line. Blocks are separated by a
blank line, like a layout extractor's text.

A PDF without a text layer (a scan) is refused with a hint to run OCR first. In a PDF
of several pages each page with text is one document, its page number the PDF's own
(the file name, a sidecar or ``--page`` win only for a single-page PDF). A PDF whose
compressed streams unpack to more than ``MAX_EXPANDED_BYTES`` (512 MiB, from
:mod:`~loaders.readers.limits`) in all is refused before pdfminer unpacks them whole
(a PDF bomb; see :mod:`~loaders.readers.pdfstreams`).

Examples
--------
>>> boxes = [Box(10, 0, 100, 10), Box(10, 12, 100, 22), Box(130, 0, 220, 10), Box(130, 12, 220, 22)]
>>> [[(box.x0, box.top) for box in block] for block in xy_cut(boxes, gap_x=20, gap_y=5)]
[[(10, 0), (10, 12)], [(130, 0), (130, 12)]]
"""

from __future__ import annotations

import contextlib
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import PdfminerException

from dkg.errors import InputError
from loaders.document import Document
from loaders.readers.assembly import TextAssembler
from loaders.readers.limits import MAX_EXPANDED_BYTES, size_text
from loaders.readers.metadata import DocumentMetadata, combine_metadata, file_metadata
from loaders.readers.pdfstreams import expanded_size
from loaders.readers.registry import ReadContext
from loaders.readers.script import is_traditional
from loaders.readers.source import Source

__all__ = ["Box", "check_expansion", "page_text", "read", "xy_cut"]

_OCR_HINT = "this looks like a scan: run OCR first (e.g. ocrmypdf -l chi_sim in.pdf out.pdf) and read the result"


@dataclass(frozen=True)
class Box:
    """A character's box on the page, in points from the top left."""

    x0: float
    top: float
    x1: float
    bottom: float


def _groups(boxes: list[Box], axis: str, gap: float) -> list[list[Box]]:
    """The boxes in runs along an axis (``x`` or ``y``) separated by white space wider than ``gap``."""
    start, end = ("x0", "x1") if axis == "x" else ("top", "bottom")
    ordered = sorted(boxes, key=lambda box: getattr(box, start))
    groups: list[list[Box]] = [[ordered[0]]]
    reach = getattr(ordered[0], end)
    for box in ordered[1:]:
        if getattr(box, start) - reach > gap:
            groups.append([])
        groups[-1].append(box)
        reach = max(reach, getattr(box, end))
    return groups


def xy_cut(boxes: list[Box], gap_x: float, gap_y: float) -> list[list[Box]]:
    """The boxes cut into blocks in reading order: columns left to right, bands top to bottom.

    Parameters
    ----------
    boxes : list of Box
        Character boxes of one page (or block).
    gap_x, gap_y : float
        The narrowest gutter between columns and the narrowest band between blocks.
    """
    if len(boxes) < 2:
        return [boxes] if boxes else []
    for axis, gap in (("x", gap_x), ("y", gap_y)):
        groups = _groups(boxes, axis, gap)
        if len(groups) > 1:
            return [block for group in groups for block in xy_cut(group, gap_x, gap_y)]
    return [sorted(boxes, key=lambda box: (box.top, box.x0))]


def _char_boxes(page: Page) -> list[Box]:
    return [Box(char["x0"], char["top"], char["x1"], char["bottom"])
            for char in page.chars if char.get("text", "").strip()]


def page_text(page: Page) -> str:
    """The text of a page with its columns in reading order ("" when the page has no text layer)."""
    boxes = _char_boxes(page)
    if not boxes:
        return ""
    char_width = statistics.median(box.x1 - box.x0 for box in boxes)
    char_height = statistics.median(box.bottom - box.top for box in boxes)
    blocks = xy_cut(boxes, gap_x=2 * char_width, gap_y=char_height)
    texts = []
    for block in blocks:
        margin = min(char_width, char_height) / 4
        bbox = (min(b.x0 for b in block) - margin, min(b.top for b in block) - margin,
                max(b.x1 for b in block) + margin, max(b.bottom for b in block) + margin)
        text = page.within_bbox(_clipped(bbox, page)).extract_text()
        if text.strip():
            texts.append(text.strip())
    return "\n\n".join(texts)


def _clipped(bbox: tuple[float, float, float, float], page: Page) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = page.bbox
    return max(bbox[0], x0), max(bbox[1], top), min(bbox[2], x1), min(bbox[3], bottom)


def _open_error(path: str, error: Exception) -> InputError:
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        return InputError(path, "the PDF is encrypted", "remove the password first (qpdf --decrypt in.pdf out.pdf)")
    return InputError(path, f"not a readable PDF, truncated or damaged ({type(cause).__name__}: {cause})",
                      "download or export the PDF again")


def check_expansion(data: bytes, path: str) -> None:
    """Refuse a PDF whose deflated streams unpack to more than ``MAX_EXPANDED_BYTES`` in all."""
    if expanded_size(data, MAX_EXPANDED_BYTES) > MAX_EXPANDED_BYTES:
        raise InputError(path, f"the PDF's compressed streams expand to more than {size_text(MAX_EXPANDED_BYTES)}, "
                         "which looks like a PDF bomb", "check where the file came from and export the PDF again")


def _open(source: Source) -> Any:
    check_expansion(source.data, str(source.path))
    try:
        return pdfplumber.open(BytesIO(source.data))
    except Exception as error:  # pdfminer raises many kinds for broken files: name the file, not its internals
        raise _open_error(str(source.path), error) from None


def _page_texts(source: Source) -> list[tuple[int, str]]:
    pdf = _open(source)
    try:
        texts = [(number, page_text(page)) for number, page in enumerate(pdf.pages, start=1)]
    except Exception as error:  # a damaged page stream: name the file, not the parser's internals
        raise InputError(str(source.path), f"cannot read the PDF's pages ({type(error).__name__}: {error})",
                         "re-export the PDF") from None
    finally:
        # pdfplumber's close() walks the pages again; on a damaged file that raises anew and
        # would replace the InputError above (and escape the reader), so a failed close is ignored.
        with contextlib.suppress(Exception):
            pdf.close()
    if not texts:
        raise InputError(str(source.path), "the PDF has no pages", "re-export the PDF")
    return texts


def read(source: Source, context: ReadContext) -> Iterator[Document]:
    """A document per page that has text; InputError when no page has a text layer."""
    pages = _page_texts(source)
    with_text = [(number, text) for number, text in pages if text.strip()]
    if not with_text:
        raise InputError(str(source.path), f"the PDF has no text layer on any of its {len(pages)} pages",
                         _OCR_HINT)
    from_file = file_metadata(source.path, source.name)
    for number, text in with_text:
        assembler = TextAssembler(simplify=is_traditional(text))
        assembler.add(text)
        assembled = assembler.finish()
        own_page = DocumentMetadata(page=number) if len(pages) > 1 else None
        metadata = combine_metadata(context.overrides, own_page, from_file, text=assembled.text)
        fields = metadata.as_fields()
        fields["metadata"]["pdf_page"] = number
        yield Document(source=str(source.path), reader="pdf", **assembled.as_fields(), **fields)
