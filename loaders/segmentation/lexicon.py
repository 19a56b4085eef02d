"""The layout lexicons (``loaders/lexicons/layout_*.yaml``), loaded once and compiled.

The rules of segmentation are code; the words and shapes they look for are data, so a
paper with other habits needs a lexicon line, not a code change.

Examples
--------
>>> lexicon = layout_lexicon()
>>> "记者" in lexicon.reporter_markers
True
>>> lexicon.label_kind("图片新闻"), lexicon.label_kind("小启")
('photo', 'notice')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Final

import yaml

from dkg.errors import NotAvailableError
from dkg.yamltext import load_yaml

__all__ = ["LayoutLexicon", "layout_lexicon"]

LABEL_KINDS: Final = ("photo", "notice", "note", "section")


def _read(name: str) -> str:
    path = resources.files("loaders") / "lexicons" / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise NotAvailableError(f"layout lexicon {name} cannot be read ({error}); "
                                "reinstall dkg or restore loaders/lexicons/") from error


def _load(name: str) -> dict[str, Any]:
    try:
        data = load_yaml(_read(name))
    except yaml.YAMLError as error:
        raise NotAvailableError(f"layout lexicon {name} cannot be read ({error}); "
                                "reinstall dkg or restore loaders/lexicons/") from error
    if not isinstance(data, dict):
        raise NotAvailableError(f"layout lexicon {name} is not a mapping; restore loaders/lexicons/{name}")
    return data


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


def _compile_all(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern) for pattern in patterns)


@dataclass(eq=False)
class LayoutLexicon:
    """Words and shapes of newspaper layout, as segmentation reads them."""

    ornaments: str
    reporter_markers: tuple[str, ...]
    photographer_markers: tuple[str, ...]
    both_markers: tuple[str, ...]
    reporter_tails: tuple[str, ...]
    photographer_tails: tuple[str, ...]
    both_tails: tuple[str, ...]
    lead_markers: tuple[str, ...]
    dateline_pattern: re.Pattern[str]
    surnames: frozenset[str]
    compound_surnames: tuple[str, ...]
    labels: dict[str, str]
    notice_suffixes: tuple[str, ...]
    signature_suffixes: tuple[str, ...]
    source_patterns: tuple[re.Pattern[str], ...]
    teaser_patterns: tuple[re.Pattern[str], ...]
    jump_patterns: tuple[re.Pattern[str], ...]
    furniture_patterns: tuple[re.Pattern[str], ...]
    min_headline_chars: int
    max_headline_chars: int
    min_headline_part_chars: int
    sentence_endings: str
    continuation_openings: str
    dangling_endings: str
    subtitle_openings: tuple[str, ...]
    subhead_pattern: re.Pattern[str]
    event_words: tuple[str, ...]
    report_opening: re.Pattern[str]

    # Derived once from the lists above (plain attributes, so that compiled code reads them as fast)
    all_markers: tuple[str, ...] = field(init=False, repr=False)  # every marker before names, longest first
    all_tails: tuple[str, ...] = field(init=False, repr=False)  # every marker after names, longest first
    marker_roles: dict[str, str] = field(init=False, repr=False)  # a marker's role: both, then reporter
    tail_roles: dict[str, str] = field(init=False, repr=False)  # a tail's role: both, then photographer
    lead_marker_set: frozenset[str] = field(init=False, repr=False)
    tail_words: frozenset[str] = field(init=False, repr=False)
    bare_marker_words: frozenset[str] = field(init=False, repr=False)  # what a line of markers alone holds
    credit_chars: str = field(init=False, repr=False)  # every character of markers, tails and leads, sorted
    glue_markers: tuple[str, ...] = field(init=False, repr=False)  # written against a name: 记者张三
    glue_tails: tuple[str, ...] = field(init=False, repr=False)  # 张三摄; not 图 (张宏图)
    sentence_ending_marks: tuple[str, ...] = field(init=False, repr=False)  # for str.endswith
    event_word_pattern: re.Pattern[str] = field(init=False, repr=False)  # finds any of the event words

    def __post_init__(self) -> None:
        self.all_markers = _longest_first([*self.both_markers, *self.reporter_markers, *self.photographer_markers])
        self.all_tails = _longest_first([*self.both_tails, *self.photographer_tails, *self.reporter_tails])
        self.marker_roles = _roles((self.both_markers, "both"), (self.reporter_markers, "reporter"),
                                   (self.photographer_markers, "photographer"))
        self.tail_roles = _roles((self.both_tails, "both"), (self.photographer_tails, "photographer"),
                                 (self.reporter_tails, "reporter"))
        self.lead_marker_set = frozenset(self.lead_markers)
        self.tail_words = frozenset(self.all_tails)
        self.bare_marker_words = frozenset([*self.reporter_markers, *self.photographer_markers, *self.lead_markers])
        self.credit_chars = "".join(sorted(set("".join([*self.all_markers, *self.all_tails, *self.lead_markers]))))
        self.glue_markers = tuple(marker for marker in self.all_markers if len(marker) >= 2)
        self.glue_tails = tuple(tail for tail in self.all_tails if len(tail) >= 2 or tail == "摄")
        self.sentence_ending_marks = tuple(self.sentence_endings)
        alternatives = "|".join(re.escape(word) for word in _longest_first(list(self.event_words)))
        self.event_word_pattern = re.compile(alternatives or "(?!)")  # no words: a pattern that never matches

    def label_kind(self, text: str) -> str | None:
        """The kind of a section label (photo, notice, note, section), or None."""
        return self.labels.get(text)


def _surnames(bylines: dict[str, Any]) -> tuple[frozenset[str], tuple[str, ...]]:
    """Single and compound surnames: ``surnames.txt`` (one or more a line, ``#`` comments) and the extras."""
    listed = [word for line in _read("surnames.txt").splitlines() if not line.lstrip().startswith("#")
              for word in line.split()]
    words = [*listed, *re.sub(r"\s", "", bylines.get("extra_surnames") or ""),
             *bylines.get("extra_compound_surnames", [])]
    return (frozenset(word for word in words if len(word) == 1),
            _longest_first([word for word in words if len(word) > 1]))


def _roles(*words_by_role: tuple[tuple[str, ...], str]) -> dict[str, str]:
    """Each word's role; a word listed under several roles takes the first."""
    roles: dict[str, str] = {}
    for words, role in words_by_role:
        for word in words:
            roles.setdefault(word, role)
    return roles


def _labels(data: dict[str, Any]) -> dict[str, str]:
    return {word: kind for kind in LABEL_KINDS for word in data.get(kind, [])}


@functools.cache
def layout_lexicon() -> LayoutLexicon:
    """The layout lexicon, read from the package's data files on first use."""
    bylines = _load("layout_bylines.yaml")
    surnames, compound_surnames = _surnames(bylines)
    labels = _load("layout_labels.yaml")
    headlines = _load("layout_headlines.yaml")
    teasers = _load("layout_teasers.yaml")
    return LayoutLexicon(
        ornaments=str(bylines["ornaments"]),
        reporter_markers=_longest_first(bylines["reporter_markers"]),
        photographer_markers=_longest_first(bylines["photographer_markers"]),
        both_markers=_longest_first(bylines["both_markers"]),
        reporter_tails=_longest_first(bylines["reporter_tails"]),
        photographer_tails=_longest_first(bylines["photographer_tails"]),
        both_tails=_longest_first(bylines["both_tails"]),
        lead_markers=_longest_first(bylines["lead_markers"]),
        dateline_pattern=re.compile(bylines["dateline_pattern"]),
        surnames=surnames,
        compound_surnames=compound_surnames,
        labels=_labels(labels),
        notice_suffixes=_longest_first(labels["notice_suffixes"]),
        signature_suffixes=_longest_first(labels["signature_suffixes"]),
        source_patterns=_compile_all(_load("layout_sources.yaml")["patterns"]),
        teaser_patterns=_compile_all(teasers["teasers"]),
        jump_patterns=_compile_all(teasers["jumps"]),
        furniture_patterns=_compile_all(_load("layout_page_furniture.yaml")["patterns"]),
        min_headline_chars=int(headlines["min_headline_chars"]),
        max_headline_chars=int(headlines["max_headline_chars"]),
        min_headline_part_chars=int(headlines["min_headline_part_chars"]),
        sentence_endings=str(headlines["sentence_endings"]),
        continuation_openings=str(headlines["continuation_openings"]),
        dangling_endings=str(headlines["dangling_endings"]),
        subtitle_openings=_longest_first(headlines["subtitle_openings"]),
        subhead_pattern=re.compile(headlines["subhead_pattern"]),
        event_words=tuple(headlines["event_words"]),
        report_opening=re.compile(headlines["report_opening"]),
    )
