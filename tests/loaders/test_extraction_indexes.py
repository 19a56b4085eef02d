"""The indexes that keep extraction linear in an article's length (spans.py, lexicon.Hits, Analysis):
each answers as a scan of every span, hit, mention or sentence would. The time itself is checked in
tests/reliability/test_resource_limits.py."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extraction.analysis import Sentence
from loaders.extraction.lexicon import load_lexicon
from loaders.extraction.pipeline import analyse_text
from loaders.extraction.sentences import CLAUSE_END, SENTENCE_END
from loaders.extraction.spans import SpanIndex, occurrences, overlaps
from tests.conftest import SAMPLE_PAGE

positions = st.integers(-5, 60)
spans = st.lists(st.tuples(positions, positions), max_size=8)
# Words from the lexicons and the sample page, so that hits, mentions and overlaps are many.
PAGE = SAMPLE_PAGE.read_text(encoding="utf-8")
page_pieces = st.lists(st.integers(0, len(PAGE) - 40).map(lambda start: PAGE[start:start + 40]), min_size=1,
                       max_size=6).map("".join)


def scanned_overlap(start: int, end: int, held: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in held)


@settings(max_examples=150, deadline=None)
@given(spans, spans, st.lists(st.tuples(positions, positions), min_size=1, max_size=10))
def test_span_index_overlaps_as_a_scan_of_every_span(first: list, added: list, queries: list) -> None:
    index = SpanIndex(first)
    for start, end in added:
        index.add(start, end)
    held = first + added
    assert list(index) == held
    for start, end in queries:
        assert index.overlaps(start, end) == scanned_overlap(start, end, held) == overlaps(start, end, index)


@settings(max_examples=20, deadline=None)
@given(st.text(alphabet="王明华和区委书记", min_size=1, max_size=60),
       st.lists(st.text(alphabet="王明华区委", max_size=3)))
def test_occurrences_finds_every_occurrence_by_find_or_by_automaton(text: str, words: list[str]) -> None:
    long_text = text * (200_001 // len(text) + 1)  # long enough to be searched by the automaton
    for haystack in (text, long_text):
        found = occurrences(haystack, words)
        for word in words:
            if not word:
                assert word not in found
                continue
            expected = [match.start() for match in re.finditer(f"(?={re.escape(word)})", haystack)]
            assert found[word] == expected


@settings(max_examples=40, deadline=None)
@given(page_pieces, st.integers(-3, 250), st.integers(0, 12))
def test_hit_windows_and_marks_as_a_scan_of_every_hit(text: str, start: int, width: int) -> None:
    hits = load_lexicon().scan(text)
    end = start + width
    kinds = ("title", "org_suffix", "follower", "division")
    for kind in kinds:
        every = hits.of(kind)
        assert hits.within(kind, start, end) == [h for h in every if start <= h.start < end]
        starting = [h for h in hits.by_kind[kind] if h.start == start]
        ending = [h for h in hits.by_kind[kind] if h.end == start]
        assert hits.longest_at(kind, start) == (max(starting, key=lambda h: h.end) if starting else None)
        assert hits.longest_ending(kind, start) == (min(ending, key=lambda h: h.start) if ending else None)
        overlapping = [h for h in every if h.start < end and start < h.end]
        assert set(overlapping) <= set(hits.near(kind, start, end))
    for min_length in (1, 2):
        every = [h for kind in kinds for h in hits.of(kind) if h.end - h.start >= min_length]
        assert hits.covers(kinds, start, min_length) == any(h.start <= start < h.end for h in every)
        covered = any(h.start < end and start < h.end for h in every) and width > 0  # characters of start:end
        assert hits.covers_any(kinds, start, end, min_length) == covered
        assert hits.starts_at(kinds, start, min_length) == any(h.start == start for h in every)
        assert hits.ends_at(kinds, start, min_length) == any(h.end == start for h in every)
        assert (start in hits.end_places(kinds, min_length)) == any(h.end == start for h in every)
    every = [h for kind in kinds for h in hits.of(kind)]
    for reach in (1, 4):
        running = any(start - reach <= h.start < start < h.end for h in every)
        assert hits.runs_across(kinds, start, reach) == running


@settings(max_examples=20, deadline=None)
@given(page_pieces, st.integers(-3, 250), st.integers(0, 60))
def test_mentions_and_sentences_by_bisection_as_by_a_scan(text: str, start: int, width: int) -> None:
    analysis = analyse_text(text, publication="徐汇报", until="organizations")
    for kind in ("person", "title", "organization", "date"):
        every = sorted(analysis.mentions.get(kind, []), key=lambda m: (m.start, -m.end))
        assert analysis.of(kind) == every
        assert analysis.within(kind, start, start + width) == [m for m in every if start <= m.start < start + width]
    holding = [s for s in analysis.sentences if s.start <= start < s.end]
    fallback = analysis.sentences[-1] if analysis.sentences else Sentence(0, len(text))
    assert analysis.sentence_at(start) == (holding[0] if holding else fallback)


# The ends as first written: an alternation, which re tries at every character.
PLAIN_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+")
PLAIN_CLAUSE_END = re.compile(r"[，,：:。！？!?；;]+[”’」』]*|\n+")
end_marks = st.text(alphabet="。！？!?；;，,：:\n”’」』）)张明 a", max_size=40)


@settings(max_examples=300, deadline=None)
@given(end_marks, st.integers(0, 45), st.integers(0, 45))
def test_sentence_and_clause_ends_are_found_where_the_plain_alternation_finds_them(text: str, low: int, high: int):
    def found(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [match.span() for match in pattern.finditer(text, low, high)]

    assert found(SENTENCE_END) == found(PLAIN_SENTENCE_END)
    assert found(CLAUSE_END) == found(PLAIN_CLAUSE_END)


def test_the_facts_of_one_sentence_cite_one_string():
    """Each sentence is quoted once: an article's pickle then holds each quote once, not once per fact."""
    facts = analyse_text("区长张明、副区长李红出席会议并讲话。王东主持会议。").facts
    quotes = {}
    for fact in facts:
        quotes.setdefault(fact.provenance.sentence, []).append(fact.provenance.sentence)
    assert len(quotes) == 2 and all(len(cited) > 1 for cited in quotes.values())
    assert all(all(quote is cited[0] for quote in cited) for cited in quotes.values())
