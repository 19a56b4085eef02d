"""Article text with the extracted names marked, as safe HTML.

Every edge of the graph cites the span of its article text it was read from
(``span_start``, ``span_end``). Marking those spans shows an analyst, in the article
itself, what the extractor found: each mark takes the colour of the node type the edge
points to and names it in a tooltip.

Examples
--------
>>> spans = [Span(0, 2, "人物", "#d9534f", "张三"), Span(3, 5, "活动", "#9b59b6", "会议")]
>>> html = highlight_html("张三出席会议。", spans)
>>> html.count("<mark")
2
>>> "<script>" in highlight_html("<script>", [])
False
"""

from __future__ import annotations

import html
from dataclasses import dataclass

__all__ = ["Span", "highlight_html", "select_spans"]


@dataclass(frozen=True)
class Span:
    """A marked span: character offsets into the text, a type label, a colour and a title."""

    start: int
    end: int
    label: str
    color: str
    title: str


def select_spans(spans: list[Span], length: int) -> list[Span]:
    """The spans to mark: inside the text, non-empty, no overlaps (the longest wins at a place).

    Examples
    --------
    >>> kept = select_spans([Span(0, 4, "a", "#000", "x"), Span(2, 3, "b", "#000", "y"),
    ...                      Span(5, 9, "c", "#000", "z")], 6)
    >>> [(s.start, s.end) for s in kept]
    [(0, 4)]
    """
    candidates = sorted((s for s in spans if 0 <= s.start < s.end <= length),
                        key=lambda s: (s.start, -(s.end - s.start), s.label, s.title))
    kept: list[Span] = []
    for span in candidates:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def highlight_html(text: str, spans: list[Span]) -> str:
    """The text as HTML with each span in a ``<mark>``; every character is escaped."""
    parts, cursor = [], 0
    for span in select_spans(spans, len(text)):
        parts.append(html.escape(text[cursor:span.start]))
        title = html.escape(f"{span.label}:{span.title}", quote=True)
        style = f"background-color:{span.color}33;border-bottom:2px solid {span.color};padding:0 1px"
        parts.append(f'<mark title="{title}" style="{html.escape(style, quote=True)}">'
                     f"{html.escape(text[span.start:span.end])}</mark>")
        cursor = span.end
    parts.append(html.escape(text[cursor:]))
    return "".join(parts).replace("\n", "<br>")
