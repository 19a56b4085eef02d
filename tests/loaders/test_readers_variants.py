"""The sample page, re-encoded, converted and wrapped at test time, reads back as the same page.

Text is compared line for line after white space normalisation (see ``page_lines``):
HTML extraction collapses white space and drops blank lines between paragraphs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import opencc
import pytest

from loaders.readers import read_file
from tests.loaders.readers.variants import (
    TRADITIONAL_VARIANTS,
    VARIANTS,
    page_lines,
    page_text,
    traditional,
    write_variant,
)

SAMPLE_METADATA = ("徐汇报", dt.date(2025, 1, 27), 1)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_readers_variant_reads_as_the_sample_page(variant: str, tmp_path: Path) -> None:
    documents = list(read_file(VARIANTS[variant](tmp_path)))
    assert len(documents) == 1
    document = documents[0]
    assert page_lines(document.text) == page_lines(page_text())
    assert (document.publication, document.issue_date, document.page) == SAMPLE_METADATA
    assert "articles" not in document.metadata  # a page is left to segmentation
    assert "<p>" not in document.text


@pytest.mark.parametrize("variant", sorted(TRADITIONAL_VARIANTS))
def test_readers_traditional_variant_reads_as_simplified_and_keeps_the_original(variant: str,
                                                                             tmp_path: Path) -> None:
    document = next(read_file(TRADITIONAL_VARIANTS[variant](tmp_path)))
    assert page_lines(document.text) == page_lines(page_text())
    assert page_lines(document.original_text) == page_lines(traditional(page_text()))
    assert (document.publication, document.issue_date, document.page) == SAMPLE_METADATA
    assert len(document.original_offsets) == len(document.text) + 1


@pytest.mark.parametrize("variant", sorted(TRADITIONAL_VARIANTS))
def test_readers_traditional_quotes_map_back_to_the_original_characters(variant: str, tmp_path: Path) -> None:
    document = next(read_file(TRADITIONAL_VARIANTS[variant](tmp_path)))
    to_traditional = opencc.OpenCC("s2t")
    for line in page_lines(document.text):
        start = document.text.index(line)
        assert document.original_quote(start, start + len(line)) == to_traditional.convert(line)


def test_readers_plain_text_offsets_point_into_the_file_text(tmp_path: Path) -> None:
    source_text = traditional(page_text()).replace("\n", "\r\n")
    path = write_variant(tmp_path, ".txt", source_text.encode("utf-8"))
    document = next(read_file(path))
    assert document.original_text == source_text
    assert "\r" not in document.text
    for position in range(0, len(document.text), 97):
        original = document.original_text[document.original_offsets[position]]
        assert opencc.OpenCC("t2s").convert(original) == document.text[position] or original == "\r"


def test_readers_big5_page_decodes_to_the_traditional_text(tmp_path: Path) -> None:
    taiwan_traditional = traditional(page_text(), "s2tw")  # s2t uses characters Big5 lacks (爲, 裏)
    path = write_variant(tmp_path, ".txt", taiwan_traditional.encode("big5"))
    document = next(read_file(path))
    assert document.original_text == taiwan_traditional
    differences = {(got, want) for got, want in zip(document.text, page_text(), strict=True) if got != want}
    assert differences <= {("著", "着")}  # OpenCC t2s keeps 著, a Simplified character too


def test_readers_simplified_page_is_not_converted(tmp_path: Path) -> None:
    document = next(read_file(VARIANTS["utf-8"](tmp_path)))
    assert document.text == page_text()
    assert document.original_text is None and document.original_offsets is None
