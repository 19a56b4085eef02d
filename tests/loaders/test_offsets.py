"""OffsetMap behaves as the list of ints it stands for, at a few numbers per run."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from loaders.document import Article, Document
from loaders.offsets import OffsetMap
from loaders.segmentation import segment_document
from tests.conftest import SAMPLE_PAGE

runs = st.lists(st.tuples(st.integers(-5, 50), st.integers(0, 6)), max_size=6)


def as_list(drawn: list[tuple[int, int]]) -> list[int]:
    return [value for start, length in drawn for value in range(start, start + length)]


@given(runs, st.integers(-12, 40), st.integers(-12, 40), st.sampled_from([None, 1, 2, -1]))
def test_offset_map_indexes_and_slices_as_a_list(drawn: list[tuple[int, int]], first: int, last: int,
                                                 step: int | None) -> None:
    values = as_list(drawn)
    offsets = OffsetMap(values)
    assert len(offsets) == len(values) and list(offsets) == values and offsets == values
    assert [offsets[i] for i in range(len(values))] == values
    assert [offsets[i] for i in range(-len(values), 0)] == values
    assert list(offsets[first:last:step]) == values[first:last:step]
    assert list(reversed(offsets)) == values[::-1]
    assert all(value in offsets for value in values)


@given(runs, runs)
def test_offset_map_concatenates_and_pickles_as_a_list(left: list[tuple[int, int]],
                                                       right: list[tuple[int, int]]) -> None:
    first, second = as_list(left), as_list(right)
    assert OffsetMap(first) + second == first + second
    assert first + OffsetMap(second) == first + second
    assert OffsetMap(first) + OffsetMap(second) == first + second
    grown = OffsetMap(first)
    grown.extend(range(3, 3 + len(second)))
    grown.append(-1)
    assert grown == [*first, *range(3, 3 + len(second)), -1]
    assert pickle.loads(pickle.dumps(OffsetMap(first))) == first


def test_offset_map_counts_runs_not_characters() -> None:
    offsets = OffsetMap(range(1_000_000)) + range(2_000_000, 3_000_000)
    assert offsets.runs == 2 and len(offsets) == 2_000_000
    assert offsets[999_999] == 999_999 and offsets[1_000_000] == 2_000_000
    assert len(pickle.dumps(offsets)) < 1_000


def test_article_offsets_of_a_segmented_page_are_runs_that_map_back() -> None:
    document = Document(text=SAMPLE_PAGE.read_text(encoding="utf-8"), source="p.txt")
    articles, _ = segment_document(document)
    assert articles
    for article in articles:
        assert isinstance(article.offsets, OffsetMap)
        assert article.offsets.runs < len(article.text) // 10 + 5
        for position, char in enumerate(article.text):
            if char != "\n":  # a joined paragraph's line break points at the one that ended it
                assert document.text[article.offsets[position]] == char
    whole = Article.from_span(document, 0, 3, 9)
    assert whole.offsets == list(range(3, 10)) and whole.document_span(1, 4) == (4, 7)
