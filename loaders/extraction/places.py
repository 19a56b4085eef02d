"""Places: venues where things happen, with aliases.

- ``在X举行`` (召开, 举办, 开幕 ...) makes X a venue when it ends like one (会议中心,
  大会堂, 宾馆) or like an institution (中心, 大学);
- a name with a venue ending (大厦, 小镇, 会议中心) is read leftwards from its ending;
- ``X(Y)`` after a place makes Y an alias.

Administrative divisions are not places here (they are the jurisdiction, and the NER
evaluation reads them as LOC mentions).

Examples
--------
>>> from loaders.extraction.pipeline import analyse_text
>>> analysis = analyse_text("仪式在滨海国际会议中心举行。两个基地位于东方科技大厦(东方基地)。")
>>> [(m.text, m.attrs.get("aliases")) for m in analysis.of("place")]
[('滨海国际会议中心', None), ('东方科技大厦', ['东方基地'])]
"""

from __future__ import annotations

import re
from typing import Final

from loaders.document import Mention
from loaders.extraction.analysis import Analysis
from loaders.extraction.boundaries import after_leading_verbs, scan_left
from loaders.extraction.lexicon import Hit
from loaders.extraction.spans import SpanIndex

__all__ = ["find_places"]

_VENUE_FRAME: Final = re.compile(
    r"在([^，,。；;、：:\s“”()（）]{2,30}?)(?:内|里)?(?:隆重|盛大|成功|正式)?(?:举行|召开|举办|开幕|闭幕|揭牌|启动|进行)"
)
_PAREN_ALIAS: Final = re.compile(r"[”\"]?\s*[（(]([^（()）,，。、]{2,8})[)）]")


def _ends_like_venue(analysis: Analysis, end: int) -> bool:
    hits = analysis.hits
    for kind in ("venue_suffix", "org_suffix"):
        hit = hits.longest_ending(kind, end)
        if hit is not None and hit.end - hit.start >= 2:
            return True
    return False


def _read_frames(analysis: Analysis, spans: SpanIndex) -> None:
    for match in _VENUE_FRAME.finditer(analysis.text):
        start, end = match.span(1)
        if _ends_like_venue(analysis, end) and not spans.overlaps(start, end):
            spans.add(start, end)
            analysis.add_mention(Mention("place", start, end, match.group(1), {"via": "frame"}))


def _covered_by_longer(analysis: Analysis, suffix: Hit) -> bool:
    """Whether a longer venue ending covers this one (科技园 inside 科技园区), or one that overlaps it runs on
    past its end (创新园 of 创新园区)."""
    return any(o is not suffix and o.start < suffix.end and
               (o.end > suffix.end or (o.start <= suffix.start and (o.end, -o.start) > (suffix.end, -suffix.start)))
               for o in analysis.hits.near("venue_suffix", suffix.start, suffix.end))


def _read_venue_names(analysis: Analysis, spans: SpanIndex) -> None:
    blocked = SpanIndex((m.start, m.end) for kind in ("person", "date", "title") for m in analysis.of(kind))
    for suffix in analysis.hits.of("venue_suffix"):
        if _covered_by_longer(analysis, suffix):
            continue
        if spans.overlaps(suffix.start, suffix.end) or blocked.overlaps(suffix.start, suffix.end):
            continue
        start = after_leading_verbs(analysis, scan_left(analysis, suffix.start, blocked, ("venue_suffix",)),
                                    suffix.start)
        if suffix.start - start >= 2:
            spans.add(start, suffix.end)
            text = analysis.text[start:suffix.end]
            analysis.add_mention(Mention("place", start, suffix.end, text, {"via": "suffix"}))


def _read_aliases(analysis: Analysis) -> None:
    text = analysis.text
    for place in analysis.of("place"):
        match = _PAREN_ALIAS.match(text, place.end)
        if match:
            place.attrs.setdefault("aliases", []).append(match.group(1))


def find_places(analysis: Analysis) -> Analysis:
    """Stage: venue mentions and their aliases."""
    spans = SpanIndex()
    _read_frames(analysis, spans)
    _read_venue_names(analysis, spans)
    _read_aliases(analysis)
    return analysis
