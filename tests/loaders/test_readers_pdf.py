"""PDF pages: columns come out in reading order; a scan without text layer is refused.

The pages are drawn at test time with reportlab's built-in CID font STSong-Light, whose
characters pdfplumber maps back to Unicode (checked on these machines), so no font
package is needed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from dkg.errors import InputError
from loaders.readers import read_file
from loaders.readers.pdf import Box, xy_cut
from tests.loaders.readers.variants import page_text

FONT = "STSong-Light"
PAGE_SIZE = (595, 842)


@pytest.fixture(scope="module", autouse=True)
def cjk_font() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def column_lines() -> tuple[list[str], list[str]]:
    """Twelve lines of the sample page for each column, cut to fit a column's width."""
    lines = [line[:18] for line in page_text().splitlines() if len(line) >= 18]
    return lines[:12], lines[12:24]


def draw_two_columns(path: Path, left: list[str], right: list[str], headline: str | None = None) -> Path:
    page = canvas.Canvas(str(path), pagesize=PAGE_SIZE)
    top = 780
    if headline:
        page.setFont(FONT, 22)
        page.drawString(40, 800, headline)
        top = 750
    page.setFont(FONT, 12)
    for row, (left_line, right_line) in enumerate(zip(left, right, strict=True)):
        page.drawString(40, top - row * 16, left_line)
        page.drawString(320, top - row * 16, right_line)
    page.showPage()
    page.save()
    return path


def text_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_readers_pdf_reads_the_left_column_before_the_right(tmp_path: Path) -> None:
    left, right = column_lines()
    document = next(read_file(draw_two_columns(tmp_path / "page.pdf", left, right)))
    assert text_lines(document.text) == left + right
    assert document.reader == "pdf"


def test_readers_pdf_reads_a_spanning_headline_first(tmp_path: Path) -> None:
    left, right = column_lines()
    path = draw_two_columns(tmp_path / "page.pdf", left, right, headline="港科大上海产教融合中心落户徐汇")
    assert text_lines(next(read_file(path)).text) == ["港科大上海产教融合中心落户徐汇", *left, *right]


def test_readers_pdf_takes_metadata_from_the_file_name_and_sidecar(tmp_path: Path) -> None:
    left, right = column_lines()
    path = draw_two_columns(tmp_path / "xuhuibao-2025-01-27-p3.pdf", left, right)
    path.with_name(path.name + ".meta.yaml").write_text("publication: 徐汇报\n", encoding="utf-8")
    document = next(read_file(path))
    assert (document.publication, str(document.issue_date), document.page) == ("徐汇报", "2025-01-27", 3)


def test_readers_pdf_of_several_pages_gives_a_document_per_page(tmp_path: Path) -> None:
    path = tmp_path / "paper-2025-01-27.pdf"
    pages = canvas.Canvas(str(path), pagesize=PAGE_SIZE)
    for number in (1, 2):
        pages.setFont(FONT, 12)
        pages.drawString(40, 780, f"第{number}版 区委书记出席会议")
        pages.showPage()
    pages.save()
    documents = list(read_file(path))
    assert [(d.page, d.text) for d in documents] == [(1, "第1版 区委书记出席会议"), (2, "第2版 区委书记出席会议")]


def test_readers_pdf_without_text_layer_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(path), pagesize=PAGE_SIZE)
    page.rect(40, 400, 500, 380, fill=1)  # a picture of a page, no characters
    page.showPage()
    page.save()
    with pytest.raises(InputError) as caught:
        list(read_file(path))
    assert caught.value.path == str(path)
    assert "no text layer" in caught.value.reason
    assert "OCR" in caught.value.hint


def test_readers_pdf_truncated_file_is_an_input_error(tmp_path: Path) -> None:
    left, right = column_lines()
    whole = draw_two_columns(tmp_path / "whole.pdf", left, right).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[:200])
    with pytest.raises(InputError) as caught:
        list(read_file(path))
    assert caught.value.path == str(path)
    assert "not a readable PDF" in caught.value.reason


def test_readers_pdf_xy_cut_reads_columns_under_a_spanning_band() -> None:
    headline = [Box(10, 0, 220, 20)]
    left = [Box(10, 30 + row * 12, 100, 40 + row * 12) for row in range(3)]
    right = [Box(130, 30 + row * 12, 220, 40 + row * 12) for row in range(3)]
    blocks = xy_cut(headline + right + left, gap_x=20, gap_y=8)
    assert blocks == [headline, left, right]


def test_readers_pdf_with_a_password_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    page = canvas.Canvas(str(path), pagesize=PAGE_SIZE, encrypt="secret")
    page.setFont(FONT, 12)
    page.drawString(40, 780, "区委书记出席会议")
    page.showPage()
    page.save()
    with pytest.raises(InputError) as caught:
        list(read_file(path))
    assert caught.value.path == str(path)
    assert "encrypted" in caught.value.reason
