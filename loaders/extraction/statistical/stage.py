"""The statistical stage of extraction: the CRF's PER, ORG and LOC spans, as ``ner`` mentions.

The stage runs after titles and before persons. It adds nothing to the graph by itself:
later stages read its spans where the rules found nothing (:func:`statistical_spans`), so a
rule's reading always wins over an overlapping CRF span. Persons take the CRF's names; the
NER benchmarks (``dkg eval-ner``) also take its organisations and places.

It is on by default; ``DKG_CRF=off`` (or ``0``, ``no``) turns it off, for the rules alone.

Tagging texts one by one pays numpy's per-call cost once per text; a caller with many
articles tags them at once (:func:`tag_texts`) and hands each analysis its spans
(:data:`SPANS_NOTE` in ``analysis.notes``), which the stage then takes as they are.

Examples
--------
>>> statistical_requested({}), statistical_requested({"DKG_CRF": "off"})
(True, False)
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Final

from loaders.document import Mention
from loaders.extraction.analysis import Analysis
from loaders.extraction.statistical.model import load_model

__all__ = ["KIND", "SPANS_NOTE", "Spans", "find_statistical", "statistical_requested", "statistical_spans", "tag_texts"]

KIND: Final = "ner"
SPANS_NOTE: Final = "statistical_spans"  # the article's CRF spans, when tagged beforehand with others
Spans = list[tuple[str, int, int]]
_OFF: Final = frozenset({"off", "0", "no", "false"})


def statistical_requested(environment: Mapping[str, str] | None = None) -> bool:
    """Whether extraction runs the CRF (unless ``DKG_CRF`` is off)."""
    return (environment if environment is not None else os.environ).get("DKG_CRF", "").lower() not in _OFF


def tag_texts(texts: Sequence[str]) -> list[Spans] | None:
    """The CRF's spans of each text, tagged in one batch; None when the CRF is off.

    >>> tag_texts(["李强在北京会见客人。", "新华社记者张伟报道。"]) == [load_model().spans(text) for text in
    ...     ["李强在北京会见客人。", "新华社记者张伟报道。"]]
    True
    """
    if not statistical_requested():
        return None
    return load_model().spans_many(texts)


def find_statistical(analysis: Analysis) -> Analysis:
    """Stage: the CRF's spans of the article, as mentions of kind ``ner`` (label in ``attrs``).

    The spans are those in ``analysis.notes[SPANS_NOTE]`` when a caller tagged the article
    beforehand (:func:`tag_texts`), else the article is tagged here.
    """
    if not statistical_requested() or not analysis.text:
        return analysis
    text = analysis.text
    spans = analysis.notes.get(SPANS_NOTE)
    for label, start, end in spans if spans is not None else load_model().spans(text):
        analysis.add_mention(Mention(KIND, start, end, text[start:end], {"label": label}))
    return analysis


def statistical_spans(analysis: Analysis, label: str) -> list[tuple[int, int]]:
    """The (start, end) of the CRF's spans of one label, in text order."""
    return [(m.start, m.end) for m in analysis.of(KIND) if m.attrs["label"] == label]
