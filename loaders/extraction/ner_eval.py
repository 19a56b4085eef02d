"""NER benchmarks: the person, organisation and place mentions of extraction, scored span by span.

Two public corpora are read (see ``shared/benchmarks/ner``):

- People's Daily 1998 (``*.bio``: a character and a BIO tag per line, blank line between
  sentences), labels PER, ORG, LOC;
- CLUENER2020 (``*.json``: JSON lines of ``text`` and ``label``), of whose ten labels four
  are scored: name, position, government, organization.

How mention kinds map to labels (:func:`predicted_spans`):

==============  =============================================================================
label           mentions
==============  =============================================================================
PER, name       person mentions
ORG             organisation mentions (short forms, division + form, names with an ending)
LOC             venue mentions, administrative divisions (full names, and short names of
                provinces and cities), countries of two characters or more
position        title mentions, as written (区委书记, 国务院总理)
government      organisation mentions of the state: short forms (区委, 国务院), a division and
                a form (深圳市人大常委会), and names ending in a government ending (人民政府,
                委员会, 部, 局, 厅, 法院, 检察院 ...)
organization    the other organisation mentions, except companies (公司, 集团, 银行 ...),
                which CLUENER labels ``company``
==============  =============================================================================

A span counts when its label and both ends equal a gold span (exact match); precision,
recall and F1 are micro-averaged over sentences.

Examples
--------
>>> sentence = BioSentence("国务院总理王明访问上海。", [("PER", 5, 7), ("ORG", 0, 3), ("LOC", 9, 11)])
>>> sorted(predicted_spans(sentence.text, PEOPLES_DAILY_LABELS))
[('LOC', 9, 11), ('ORG', 0, 3), ('PER', 5, 7)]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dkg.errors import InputError
from loaders.evaluation import Score
from loaders.extraction.pipeline import analyse, article_from_text
from loaders.extraction.tagger import tagged_spans

__all__ = ["CLUENER_LABELS", "PEOPLES_DAILY_LABELS", "BioSentence", "evaluate_ner", "predicted_spans",
           "read_bio", "read_cluener"]

PEOPLES_DAILY_LABELS = ("PER", "ORG", "LOC")
CLUENER_LABELS = ("name", "position", "government", "organization")
_GOVERNMENT_ENDINGS = ("人民政府", "政府", "委员会", "常委会", "人大", "政协", "办公厅", "办公室", "部", "局", "厅",
                       "署", "委", "法院", "检察院", "海关", "使馆", "大使馆", "领事馆", "军", "海军", "空军", "陆军")
_COMPANY_ENDINGS = ("公司", "集团", "银行", "证券", "保险", "基金", "交易所", "俱乐部", "队")


@dataclass
class BioSentence:
    """A sentence and its gold spans (label, start, end)."""

    text: str
    spans: list[tuple[str, int, int]] = field(default_factory=list)


def _bio_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    spans, label, start = [], None, 0
    for index, tag in enumerate([*tags, "O"]):
        if label is not None and not (tag.startswith("I-") and tag[2:] == label):
            spans.append((label, start, index))
            label = None
        if tag.startswith("B-") or (tag.startswith("I-") and label is None):
            label, start = tag[2:], index
    return spans


def read_bio(path: Path) -> Iterator[BioSentence]:
    """The sentences of a BIO file (character, space or tab, tag)."""
    chars: list[str] = []
    tags: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(str(path), f"cannot read ({error})", "check the path") from None
    for number, line in enumerate([*lines, ""], start=1):
        parts = line.split()
        if not parts:
            if chars:
                yield BioSentence("".join(chars), _bio_spans(tags))
            chars, tags = [], []
            continue
        if len(parts) != 2:
            raise InputError(f"{path}:{number}", "a BIO line is a character and a tag", "check the file's format")
        chars.append(parts[0])
        tags.append(parts[1])


def read_cluener(path: Path, labels: Iterable[str] = CLUENER_LABELS) -> Iterator[BioSentence]:
    """The sentences of a CLUENER2020 JSON-lines file, with the spans of ``labels`` (end exclusive)."""
    wanted = set(labels)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(str(path), f"cannot read ({error})", "check the path") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise InputError(f"{path}:{number}", f"not JSON ({error})", "check the file's format") from None
        spans = [(label, start, end + 1)
                 for label, entities in record.get("label", {}).items() if label in wanted
                 for positions in entities.values() for start, end in positions]
        yield BioSentence(record["text"], spans)


def _government(mention_text: str, via: str) -> bool:
    return via in ("form", "division") or mention_text.endswith(_GOVERNMENT_ENDINGS)


def _location_hits(analysis) -> list[tuple[int, int]]:
    spans = [(m.start, m.end) for m in analysis.of("place")]
    for hit in analysis.hits.of("division"):
        division = hit.value
        short_of_small = hit.text != division.name and division.level in ("区", "县")
        if not short_of_small and hit.end - hit.start >= 2:
            spans.append((hit.start, hit.end))
    spans += [(h.start, h.end) for h in analysis.hits.of("country") if h.end - h.start >= 2]
    return spans


def _longest_first(spans: list[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
    """Spans without any that lies inside a longer one (上海 inside 上海市, 上海市 inside an ORG)."""
    kept: list[tuple[str, int, int]] = []
    for label, start, end in sorted(spans, key=lambda s: (s[1], -(s[2] - s[1]))):
        if any(s <= start and end <= e for _, s, e in kept):
            continue
        kept.append((label, start, end))
    return set(kept)


# Where rules and tagger disagree on a span, the side that scored better on the dev split wins:
# the rules for names and places, the tagger for organisations.
_TAGGER_FIRST = frozenset({"ORG"})


def _merge_tagged(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Rule and tagger spans; where they overlap, the preferred side's span is kept."""
    tagged = tagged_spans(text)

    def overlapping(span: tuple[str, int, int], others: list[tuple[str, int, int]]) -> bool:
        return any(s < span[2] and span[1] < e for _, s, e in others)

    first = [t for t in tagged if t[0] in _TAGGER_FIRST]
    merged = first + [r for r in spans if not overlapping(r, first)]
    merged += [t for t in tagged if t[0] not in _TAGGER_FIRST and not overlapping(t, merged)]
    return merged


def predicted_spans(text: str, labels: tuple[str, ...], tagger: bool = False) -> set[tuple[str, int, int]]:
    """The (label, start, end) spans extraction reads in ``text``, in a benchmark's labels.

    With ``tagger``, the statistical tagger's names, organisations and places are added where
    the rules read nothing (People's Daily labels, and CLUENER's name).
    """
    analysis = analyse(article_from_text(text), until="organizations")
    persons = [(m.start, m.end) for m in analysis.of("person")]
    organizations = analysis.of("organization")
    if labels == PEOPLES_DAILY_LABELS:
        spans = [("PER", s, e) for s, e in persons]
        spans += [("ORG", m.start, m.end) for m in organizations]
        spans += [("LOC", s, e) for s, e in _location_hits(analysis)]
        return _longest_first(_merge_tagged(text, spans) if tagger else spans)
    spans = [("name", s, e) for s, e in persons]
    spans += [("position", m.start, m.end) for m in analysis.of("title")]
    spans += [("position", h.start, h.end) for h in analysis.hits.of("journalist_label")]
    for mention in organizations:
        if _government(mention.text, mention.attrs.get("via", "")):
            spans.append(("government", mention.start, mention.end))
        elif not mention.text.endswith(_COMPANY_ENDINGS):
            spans.append(("organization", mention.start, mention.end))
    if tagger:
        names = [(label, s, e) for label, s, e in _merge_tagged(text, spans) if label == "PER"]
        spans += [("name", s, e) for _, s, e in names]
    return _longest_first(spans)


def evaluate_ner(sentences: Iterable[BioSentence], labels: tuple[str, ...], tagger: bool = False) -> dict[str, Score]:
    """Span-level exact-match scores per label (and ``all``), micro-averaged over sentences."""
    scores = {label: Score() for label in (*labels, "all")}
    for sentence in sentences:
        gold = {span for span in sentence.spans if span[0] in labels}
        predicted = predicted_spans(sentence.text, labels, tagger)
        for label in labels:
            mine = {s for s in predicted if s[0] == label}
            theirs = {s for s in gold if s[0] == label}
            scores[label].add(Score(len(mine & theirs), len(mine), len(theirs)))
        scores["all"].add(Score(len(predicted & gold), len(predicted), len(gold)))
    return scores
