"""HTML: the main text of a web page by trafilatura, or its ``<article>`` elements as articles.

A page without ``<article>`` elements is one page: its main text (navigation, footers
and scripts left out by trafilatura) becomes the document, one line per paragraph, for
segmentation to cut. A page with ``<article>`` elements marks its articles itself: each
becomes a title line (its first heading) and a body, and ``metadata["articles"]`` holds
the body spans. The page's declared site name (``og:site_name``) and publication date
(``article:published_time`` and the like) are what it states of itself, ranked after
the file name; nothing is guessed from the text. ``original_text`` is the extracted text
before Traditional → Simplified conversion (not the markup).

Examples
--------
>>> from pathlib import Path
>>> from loaders.readers.registry import ReadContext
>>> page = ("<html><body><nav><a href='/'>首页</a></nav>"
...         "<article><h2>会议举行</h2><p>区长出席会议。</p></article>"
...         "<article><h2>小启</h2><p>本报今日休刊。</p></article></body></html>")
>>> document = next(read(Source(Path("a.html"), "a.html", page.encode()), ReadContext()))
>>> [(a["title"], document.text[a["start"]:a["end"]]) for a in document.metadata["articles"]]
[('会议举行', '区长出席会议。'), ('小启', '本报今日休刊。')]
"""

from __future__ import annotations

from collections.abc import Iterator

import lxml.etree
import lxml.html
import trafilatura

from dkg.errors import InputError
from loaders.document import Document
from loaders.readers.assembly import TextAssembler
from loaders.readers.markup import html_lines, normalised_line
from loaders.readers.metadata import DocumentMetadata, parse_date_value, resolve_metadata
from loaders.readers.registry import ReadContext
from loaders.readers.script import is_traditional
from loaders.readers.source import Source

__all__ = ["read"]

_HEADINGS = ".//h1 | .//h2 | .//h3 | .//h4 | .//h5 | .//h6"  # a union comes in document order


def _main_lines(markup: str) -> list[str]:
    try:
        text = trafilatura.extract(markup, favor_recall=True, include_comments=False, include_tables=True)
    except Exception:  # trafilatura and its helpers trip over odd trees (an <html> inside an <svg>): keep every line
        return html_lines(markup)
    lines = (normalised_line(line) for line in (text or "").split("\n"))
    return [line for line in lines if line]


def _article_parts(element: lxml.html.HtmlElement) -> tuple[str, list[str]]:
    """The title (first heading) and body lines of one ``<article>`` element."""
    heading = element.xpath(_HEADINGS)
    title = normalised_line(heading[0].text_content()) if heading else ""
    fragment = lxml.html.tostring(element, encoding="unicode")
    lines = _main_lines(f"<html><body>{fragment}</body></html>") or html_lines(fragment)
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return title, lines


def _stated_metadata(markup: str) -> DocumentMetadata:
    """The site name and publication date the page declares in its markup (no guessing)."""
    try:
        declared = trafilatura.extract_metadata(markup, extensive=False)
    except Exception:  # htmldate asserts on odd trees (<svg><title><html>); the page then states nothing
        return DocumentMetadata()
    date = parse_date_value(declared.date) if declared and declared.date else None
    return DocumentMetadata(publication=declared.sitename if declared else None, issue_date=date)


def _parse(markup: str, path: str) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as error:
        raise InputError(path, f"cannot parse the HTML ({error})", "check that this is a web page") from None


def _assemble(parts: list[tuple[str, list[str]]]) -> tuple[TextAssembler, list[dict]]:
    everything = "".join(title + "".join(lines) for title, lines in parts)
    assembler = TextAssembler(simplify=is_traditional(everything))
    spans = []
    for title, lines in parts:
        if assembler.length:
            assembler.add("\n\n")
        title_start, title_end = assembler.add(title) if title else (assembler.length, assembler.length)
        if title:
            assembler.add("\n")
        body_start, body_end = assembler.add("\n".join(lines))
        spans.append({"title": (title_start, title_end), "start": body_start, "end": body_end})
    return assembler, spans


def read(source: Source, context: ReadContext) -> Iterator[Document]:
    """One document: the page's main text, or its ``<article>`` elements with their spans."""
    markup = source.text()
    tree = _parse(markup, str(source.path))
    elements = tree.xpath("//article[not(ancestor::article)]")
    parts = [_article_parts(element) for element in elements] or [("", _main_lines(markup))]
    if not any(lines for _, lines in parts):
        raise InputError(str(source.path), "the web page has no main text", "check that the page is not empty "
                         "or only scripts (a page built by JavaScript needs a saved, rendered copy)")
    assembler, spans = _assemble(parts)
    assembled = assembler.finish()
    metadata = resolve_metadata(source.path, assembled.text, context.overrides, stated=_stated_metadata(markup),
                                name=source.name)
    fields = metadata.as_fields()
    title_element = tree.find(".//title")
    if title_element is not None and title_element.text_content().strip():
        fields["metadata"]["html_title"] = normalised_line(title_element.text_content())
    if elements:
        fields["metadata"]["articles"] = [
            {"title": assembled.text[span["title"][0]:span["title"][1]], "start": span["start"], "end": span["end"]}
            for span in spans]
    yield Document(source=str(source.path), reader="html", **assembled.as_fields(), **fields)
