"""Encodings detected, Traditional text converted, and the offset map back to the original kept."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dkg.errors import InputError
from loaders.readers.assembly import TextAssembler
from loaders.readers.decoding import decode_bytes
from loaders.readers.script import _aligned_offsets, is_traditional, to_simplified
from tests.loaders.readers.variants import page_text, traditional

SENTENCE = "为切实推进沪港合作，充分发挥香港科技大学在芯片、人工智能和生物医药等学科方面的创新创业优势。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "utf-16", "utf-16-le",
                                      "utf-16-be", "utf-32"])
def test_readers_decoding_detects_the_encoding(encoding: str) -> None:
    assert decode_bytes(SENTENCE.encode(encoding), "a.txt") == SENTENCE


@pytest.mark.parametrize("encoding", ["big5", "cp950"])
def test_readers_decoding_detects_big5(encoding: str) -> None:
    text = traditional(SENTENCE, "s2tw")
    assert decode_bytes(text.encode(encoding), "a.txt") == text


def test_readers_decoding_tells_gb18030_from_big5_on_the_sample_page() -> None:
    page = page_text()
    taiwan = traditional(page, "s2tw")
    assert decode_bytes(page.encode("gb18030"), "a.txt") == page
    assert decode_bytes(taiwan.encode("big5"), "a.txt") == taiwan


def test_readers_decoding_strips_the_byte_order_mark() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + "区委".encode(), "a.txt") == "区委"


def test_readers_decoding_error_names_the_file_and_the_byte() -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes("区委".encode() + b"\xff" + "书记".encode(), "dir/a.txt")
    assert caught.value.path == "dir/a.txt"
    assert "bad byte at offset 6" in caught.value.reason
    assert "iconv" in caught.value.hint


@pytest.mark.parametrize(("text", "expected"), [
    ("區委書記出席會議並講話", True),
    ("区委书记出席会议并讲话", False),
    ("区委书记会见台湾「中華電視」记者", False),  # a few Traditional characters in a Simplified text
    ("2025 01 27", False),
    ("", False),
])
def test_readers_script_detects_traditional_text(text: str, expected: bool) -> None:
    assert is_traditional(text) is expected


def test_readers_script_detects_the_sample_page_in_both_scripts() -> None:
    assert not is_traditional(page_text())
    assert is_traditional(traditional(page_text()))


def test_readers_script_offsets_cover_a_phrase_that_changes_length() -> None:
    converted, offsets = to_simplified("區委書記")
    assert converted == "区委书记" and offsets == [0, 1, 2, 3, 4]
    # OpenCC's t2s keeps lengths; should a phrase ever change length, its characters point to its start
    assert _aligned_offsets("甲乙丙丁", "甲子丑寅丁") == [0, 1, 1, 1, 3, 4]
    assert _aligned_offsets("甲乙丙丁", "甲丁") == [0, 3, 4]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["區委", "書記", "出席", "會議", "\r\n", "\n", "。", "2025年", " "]), max_size=30))
def test_readers_assembly_offsets_point_at_the_original_characters(pieces: list[str]) -> None:
    original = "".join(pieces)
    assembler = TextAssembler(simplify=True)
    assembler.add_text(original)
    assembled = assembler.finish()
    source = assembled.original_text if assembled.original_text is not None else assembled.text
    offsets = assembled.original_offsets or list(range(len(assembled.text) + 1))
    assert source == original
    assert len(offsets) == len(assembled.text) + 1 and offsets[-1] == len(original)
    assert offsets == sorted(offsets)
    for index, char in enumerate(assembled.text):
        start, end = offsets[index], offsets[index + 1]
        assert to_simplified(original[start:end])[0].replace("\r\n", "\n") == char
