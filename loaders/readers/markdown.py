"""Markdown with embedded HTML paragraphs (news transcripts such as the 新闻联播 archive).

The file is parsed by markdown-it; HTML blocks and paragraphs become lines of text (see
:mod:`loaders.readers.markup`), headings become lines of their own. The articles are the
sections of the *story level*: the heading level that most often has text right under
it (``###`` in a transcript, where ``## 新闻摘要`` is a lone summary and ``## 详细新闻``
only holds stories). A story runs to the next heading of its level or above, or to a
thematic break (``---``); a story with no text (a video-only item) keeps an empty span
at the end of its title. A paragraph that is only a link (``[查看原文](...)``) is left
out of the text; the story keeps its URL. The first heading may state the publication
and date, ``# 《新闻联播》 (20250103)``; that counts as a date line in the text.

Examples
--------
>>> from pathlib import Path
>>> from loaders.readers.registry import ReadContext
>>> page = ("# 《早间新闻》 (20250105)\\n\\n## 摘要\\n\\n1.会议举行\\n\\n"
...         "## 详细\\n\\n### 会议举行\\n\\n<p>区长出席。</p>\\n")
>>> document = next(read(Source(Path("a.md"), "a.md", page.encode()), ReadContext()))
>>> document.publication, document.issue_date
('早间新闻', datetime.date(2025, 1, 5))
>>> [(a["title"], document.text[a["start"]:a["end"]]) for a in document.metadata["articles"]]
[('会议举行', '区长出席。')]
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from dkg.errors import InputError
from loaders.document import Document
from loaders.readers.assembly import TextAssembler
from loaders.readers.markup import html_lines
from loaders.readers.metadata import DocumentMetadata, heading_metadata, resolve_metadata
from loaders.readers.registry import ReadContext
from loaders.readers.script import is_traditional
from loaders.readers.source import Source

__all__ = ["Block", "markdown_blocks", "read", "story_level"]

_PARSER = MarkdownIt("commonmark")


@dataclass
class Block:
    """A heading (``level`` 1-6), lines of text (``level`` 0), a link-only paragraph or a break."""

    kind: str
    level: int = 0
    lines: list[str] = field(default_factory=list)
    url: str | None = None


def _link_only(token: Token) -> str | None:
    """The URL of an inline token that holds nothing but one link."""
    children = [child for child in token.children or [] if not (child.type == "text" and not child.content.strip())]
    if len(children) >= 2 and children[0].type == "link_open" and children[-1].type == "link_close" and \
            all(child.type in ("text", "softbreak") for child in children[1:-1]):
        return str(children[0].attrs.get("href") or "")
    return None


def _inline_lines(token: Token) -> list[str]:
    return html_lines(_PARSER.renderer.renderInline(token.children or [], _PARSER.options, {}))


def markdown_blocks(markdown: str) -> list[Block]:
    """The file as a flat list of blocks, in order."""
    blocks: list[Block] = []
    heading_level = 0
    for token in _PARSER.parse(markdown):
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "inline" and heading_level:
            blocks.append(Block("heading", heading_level, _inline_lines(token)))
            heading_level = 0
        elif token.type == "inline":
            url = _link_only(token)
            blocks.append(Block("link", url=url) if url is not None else Block("text", lines=_inline_lines(token)))
        elif token.type == "html_block":
            blocks.append(Block("text", lines=html_lines(token.content)))
        elif token.type in ("fence", "code_block"):
            blocks.append(Block("text", lines=[line for line in token.content.split("\n") if line.strip()]))
        elif token.type == "hr":
            blocks.append(Block("break"))
    return [block for block in blocks if block.kind in ("link", "break") or block.lines]


def story_level(blocks: list[Block]) -> int | None:
    """The heading level that most often has text right under it; ``None`` without such headings.

    >>> story_level([Block("heading", 2, ["摘要"]), Block("text", lines=["1.会议"]),
    ...              Block("heading", 3, ["会议"]), Block("text", lines=["正文"]),
    ...              Block("heading", 3, ["活动"]), Block("text", lines=["正文"])])
    3
    """
    counts: Counter[int] = Counter()
    for block, following in itertools.pairwise(blocks):
        if block.kind == "heading" and following.kind == "text":
            counts[block.level] += 1
    if not counts:
        return None
    return max(counts, key=lambda level: (counts[level], level))


class _StoryWriter:
    """Writes blocks into an assembler and records each story's title and body span."""

    def __init__(self, assembler: TextAssembler, level: int | None) -> None:
        self.assembler = assembler
        self.level = level
        self.stories: list[dict] = []
        self.open: dict | None = None

    def _line(self, line: str, blank_before: bool = False) -> tuple[int, int]:
        if self.assembler.length:
            self.assembler.add("\n\n" if blank_before else "\n")
        return self.assembler.add(line)

    def _close(self) -> None:
        if self.open is not None:
            self.stories.append(self.open)
            self.open = None

    def write(self, block: Block) -> None:
        if block.kind == "break" or (block.kind == "heading" and self.level and block.level <= self.level):
            self._close()
        if block.kind == "link":
            if self.open is not None and block.url and "url" not in self.open:
                self.open["url"] = block.url
            return
        if block.kind == "heading":
            _, title_end = self._line(" ".join(block.lines), blank_before=True)
            if block.level == self.level:
                self.open = {"title": self.assembler.last_piece, "start": title_end, "end": title_end, "empty": True}
            return
        for line in block.lines:
            start, end = self._line(line)
            if self.open is not None:
                if self.open.pop("empty", False):
                    self.open["start"] = start
                self.open["end"] = end

    def articles(self) -> list[dict]:
        self._close()
        for story in self.stories:
            story.pop("empty", None)
        return self.stories


def _title_metadata(blocks: list[Block], level: int | None) -> DocumentMetadata | None:
    """What a leading ``#`` title that is not a story states: ``《新闻联播》 (20250103)``."""
    first = next((block for block in blocks if block.kind == "heading"), None)
    if first is None or first.level != 1 or first.level == level:
        return None
    return heading_metadata(" ".join(first.lines))


def read(source: Source, context: ReadContext) -> Iterator[Document]:
    """One document; the stories' body spans in ``metadata["articles"]``."""
    blocks = markdown_blocks(source.text())
    if not any(block.kind in ("text", "heading") for block in blocks):
        raise InputError(str(source.path), "the Markdown file has no text", "check the export")
    everything = "".join("".join(block.lines) for block in blocks)
    writer = _StoryWriter(TextAssembler(simplify=is_traditional(everything)), story_level(blocks))
    for block in blocks:
        writer.write(block)
    articles = writer.articles()
    assembled = writer.assembler.finish()
    stated = _title_metadata(blocks, writer.level)
    metadata = resolve_metadata(source.path, assembled.text, context.overrides, stated=stated, name=source.name)
    fields = metadata.as_fields()
    if articles:
        fields["metadata"]["articles"] = articles
    yield Document(source=str(source.path), reader="markdown", **assembled.as_fields(), **fields)
