"""HTML fragments → lines of text, one per paragraph, parsed by lxml (no pattern stripping of tags).

For small fragments where a main-text extractor has nothing to decide: the paragraphs of
a Markdown story, an ``<article>`` too short for trafilatura. Block elements and ``<br>``
end a line; scripts, styles and comments are dropped; runs of white space (``&nbsp;``
included) become one space.

Examples
--------
>>> html_lines("<p><strong>央视网消息</strong>：正文。<br></p><p>第二段&nbsp;</p><script>x()</script>")
['央视网消息：正文。', '第二段']
>>> html_lines("<div>导语<p>正文</p>尾声</div>")
['导语', '正文', '尾声']
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

__all__ = ["html_lines", "normalised_line"]

_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul",
})
_DROPPED_TAGS = ("script", "style", "noscript", "template")
_SPACES = re.compile(r"\s+")
# Characters XML cannot hold: lxml refuses them (ValueError, or the whole fragment read as empty).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A fragment without markup or entities, and with no character the parser changes (a carriage
# return) or refuses (what XML cannot hold), reads as its own text.
_NOT_PLAIN = re.compile(r"[<>&\r\ud800-\udfff\ufffe\uffff]")


def normalised_line(line: str) -> str:
    """A line with its runs of white space as one space, stripped.

    >>> normalised_line("  区委\\u00a0 书记 ")
    '区委 书记'
    """
    return _SPACES.sub(" ", line).strip()


def html_lines(fragment: str) -> list[str]:
    """The non-empty lines of text of an HTML fragment."""
    fragment = _CONTROLS.sub("", fragment)
    if not fragment.strip():
        return []
    if _NOT_PLAIN.search(fragment) is None:  # most paragraphs of a Markdown story: nothing to parse
        return _text_lines(fragment)
    return _parsed_lines(fragment)


def _text_lines(text: str) -> list[str]:
    lines = (normalised_line(line) for line in text.split("\n"))
    return [line for line in lines if line]


def _parsed_lines(fragment: str) -> list[str]:
    """:func:`html_lines` by lxml's parser (``fragment`` without control characters)."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    for element in root.iter(*_DROPPED_TAGS):
        element.drop_tree()
    for element in root.iter():
        if element.tag == "br" or element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
        if element.tag in _BLOCK_TAGS:
            element.text = "\n" + (element.text or "")
    return _text_lines(root.text_content())
