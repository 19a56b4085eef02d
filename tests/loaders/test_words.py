"""Where words run: the dictionary cut of loaders.words is jieba's own, to the word."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.words import REACH, dictionary_words, word_across

ROOT = Path(__file__).resolve().parents[2]
jieba.setLogLevel(logging.WARNING)


def _jieba(text: str) -> list[str]:
    return jieba.lcut(text, HMM=False)


def _windows(text: str) -> list[str]:
    """Every window the stages ask about (REACH characters either side of a position), and the lines whole."""
    return [text[max(0, position - REACH):position + REACH] for position in range(len(text))] + text.splitlines()


def test_the_cut_is_jiebas_on_every_window_of_real_pages(shared_dir: Path) -> None:
    transcripts = sorted((shared_dir / "corpus" / "xinwenlianbo").glob("*.md"))[::10]
    pages = [*sorted((ROOT / "data").glob("*.txt")), *transcripts]
    windows = [window for page in pages for window in _windows(page.read_text(encoding="utf-8"))]
    assert len(windows) > 50_000
    differing = [window for window in windows if dictionary_words(window) != _jieba(window)]
    assert differing == []


# Han characters of common words and names, letters and digits (run together), the other characters of
# jieba's blocks, spaces and line breaks (kept whole), punctuation (a word each).
_ALPHABET = st.sampled_from([*"中华人民共和国上海市徐汇区委书记出席会议大学生创业香港科技长江", *"abcXYZ0129",
                             *"+#&._%-", " ", "\t", "\r\n", "\n", "\u3000", *"，。、“”（）《》", "ä", "😀"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_the_cut_is_jiebas_on_any_text(text: str) -> None:
    assert dictionary_words(text) == _jieba(text)


@pytest.mark.parametrize(("text", "position", "expected"), [
    ("鼓励大学生创业", 4, (2, 5)),
    ("北京大学校长", 4, None),
    ("香港科技大学", 3, (0, 6)),
])
def test_word_across(text: str, position: int, expected: tuple[int, int] | None) -> None:
    assert word_across(text, position) == expected
