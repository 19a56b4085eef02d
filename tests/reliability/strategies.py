"""Hypothesis strategies for bad input: what years of scans and crawls put in an archive.

Each file strategy draws an :class:`InputFile` (a name, its bytes, maybe a sidecar), so
one property can write it and read it back. ``LIMITS`` bounds the sizes; the long runs of
``bench/stress.py`` raise them.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from dataclasses import dataclass
from functools import cache

from hypothesis import strategies as st

__all__ = [
    "ENCODINGS", "LIMITS", "InputFile", "any_file", "article_text", "csv_files", "gzip_files", "html_files",
    "json_files", "markdown_files", "mutated_page", "page_text", "pdf_files", "sidecars", "text_files",
]

LIMITS = {"huge_line": 20_000, "nesting": 400, "pieces": 60}

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "gbk", "big5")

# Pieces that set off the rules of the readers and stages: headlines, bylines, credits,
# dates, titles, role verbs, Traditional characters, quotes and breaks of every kind.
NEWS_PIECES = (
    "\n", "\n\n", "\r\n", "\r", "\t", " ", "\u3000", "\u00a0", "\ufeff", "\u200b", "。", "，", "、", "；", "：", "！",
    "？", "（", "）", "(", ")", "《", "》", "“", "”", "——", "……", "□ 记者 ", "本报讯（记者 ", "通讯员", "摄",
    "（摄影 ", "(来源:", "小启", "编者按", "图片新闻", "2025年1月27日", "12月30日", "1月20日上午", "下午", "星期一",
    "07 ", "第3版", "（下转第2版）", "区委书记", "副区长", "区长", "主任", "王", "李", "张", "明", "华", "出席", "主持",
    "讲话", "致辞", "带队", "参加", "等", "和", "及", "会议", "开幕式", "座谈会", "签约仪式", "在", "举行", "召开",
    "区政府", "区委", "徐汇区", "上海市", "委员会", "办公室", "街道", "大学", "中心", "有限公司", "國際會議", "臺灣",
    "區委書記", "0", "1", "2", "9", "０", "〇", "一", "十", "年", "月", "日", "号", "#", "-", "*", ">", "|", "<", ">",
    "&nbsp;", "&", "\\", "\"", "'", "{", "}", "[", "]", "$", "?", "%", "\x00", "\x0b", "\x1b", "\ud7ff", "\U0001f600",
)

# A character soup beside the pieces: any code point Python can encode as UTF-8 (no lone surrogates).
soup = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)


def _joined(pieces: st.SearchStrategy[str], size: int) -> st.SearchStrategy[str]:
    return st.lists(pieces, max_size=size).map("".join)


page_text = _joined(st.one_of(st.sampled_from(NEWS_PIECES), soup), LIMITS["pieces"])
article_text = _joined(st.one_of(st.sampled_from(NEWS_PIECES), st.sampled_from(NEWS_PIECES), soup),
                       LIMITS["pieces"])


@dataclass(frozen=True)
class InputFile:
    """One file to write: its name, its bytes, and an optional sidecar (``NAME.meta.yaml``) text."""

    name: str
    data: bytes
    sidecar: str | None = None

    def __repr__(self) -> str:  # hypothesis prints the failing example: keep it readable
        return f"InputFile({self.name!r}, {self.data[:200]!r}{'...' if len(self.data) > 200 else ''}, " \
               f"sidecar={self.sidecar!r})"


@st.composite
def encoded(draw: st.DrawFn, text: st.SearchStrategy[str]) -> bytes:
    """Text in one encoding, or a mix of encodings (a file pasted together from two sources)."""
    parts = draw(st.lists(st.tuples(text, st.sampled_from(ENCODINGS)), min_size=1, max_size=3))
    return b"".join(part.encode(encoding, errors="replace") for part, encoding in parts)


@st.composite
def huge_line(draw: st.DrawFn) -> str:
    piece = draw(st.sampled_from(("区委书记出席会议", "a", "。", "國際會議", " ", "<", "王明、")))
    return piece * draw(st.integers(1, LIMITS["huge_line"] // len(piece)))


def _named(extensions: tuple[str, ...], data: st.SearchStrategy[bytes]) -> st.SearchStrategy[InputFile]:
    name = st.sampled_from(extensions).map(lambda extension: f"page{extension}")
    return st.builds(InputFile, name, data)


text_files = _named((".txt", "", ".dat", ".text"), st.one_of(
    encoded(page_text), encoded(huge_line()), st.binary(max_size=400),
    st.binary(max_size=200).map(lambda raw: "区委书记出席会议".encode() + raw)))

TAGS = ("html", "head", "body", "title", "meta", "div", "p", "span", "article", "section", "h1", "h2", "h3", "br",
        "table", "tr", "td", "ul", "li", "a", "script", "style", "noscript", "template", "iframe", "svg", "math",
        "pre", "textarea", "xmp", "plaintext")


@st.composite
def nested_html(draw: st.DrawFn) -> str:
    tag = draw(st.sampled_from(TAGS))
    depth = draw(st.integers(1, LIMITS["nesting"]))
    closed = draw(st.booleans())
    inner = draw(page_text)
    return f"<html><body>{f'<{tag}>' * depth}{inner}{f'</{tag}>' * depth if closed else ''}"


html_soup = _joined(st.one_of(
    st.sampled_from(TAGS).map(lambda tag: f"<{tag}>"), st.sampled_from(TAGS).map(lambda tag: f"</{tag}>"),
    st.sampled_from(("<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml version='1.0'?>", "&#0;",
                     "&#x110000;", "&bogus;", '<meta charset="big5">', '<meta property="og:site_name" content="',
                     '<meta property="article:published_time" content="2025-13-45">', '">', "<article><h2>")),
    page_text), 40)
html_files = _named((".html", ".htm", ".xhtml", ""), encoded(st.one_of(nested_html(), html_soup)))

markdown_files = _named((".md", ".markdown"), encoded(_joined(st.one_of(
    st.sampled_from(("# ", "## ", "### ", "#### ", "\n", "\n\n", "---\n", "***\n", "```\n", "~~~", "    ", "> ",
                     "* ", "- ", "1. ", "[查看原文](", "http://x/)", "](", "![图](a.png)", "<p>", "</p>", "<div>",
                     "|a|b|\n|-|-|\n", "# 《新闻联播》 (20250103)\n", "\\", "`", "<!--")),
    page_text), LIMITS["pieces"])))

FIELD_KEYS = ("title", "body", "text", "content", "正文", "标题", "date", "日期", "url", "publication", "page", "x", "")
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=2**63), st.floats(), page_text,
                         st.sampled_from(("2025-01-27", "20250127", "2025年1月27日", "-1", "0", "1e9")))
json_values = st.recursive(
    json_scalars,
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(soup, children, max_size=3)),
    max_leaves=10)
json_records = st.dictionaries(st.sampled_from(FIELD_KEYS), json_values, max_size=6)


def _json_text(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=True)


json_lines = st.lists(st.one_of(json_records.map(_json_text), json_values.map(_json_text), page_text,
                                st.just("{"), st.just("[")), max_size=6).map("\n".join)
json_files = st.one_of(
    _named((".jsonl", ".ndjson"), encoded(json_lines)),
    _named((".json",), encoded(st.one_of(json_values.map(_json_text), st.lists(json_records).map(_json_text),
                                         json_lines))))

csv_cell = st.one_of(page_text, st.sampled_from(('"', '""', '","', ",", "\t", "\n", "\r\n", "body", "title", "正文",
                                                 "date", "2025-01-27", "\ufeff", "\x00")))
csv_rows = st.lists(st.lists(csv_cell, max_size=5).map(",".join), min_size=1, max_size=5).map("\n".join)
# A field past the csv module's limit (131,072 characters), drawn by its size so the strategy's repr stays small.
oversized_field = st.integers(131_000, 132_000).map(lambda size: "title,body\n标题," + "区" * size)
csv_files = st.one_of(
    _named((".csv",), encoded(st.one_of(csv_rows, csv_rows.map(lambda rows: "title,date,body\n" + rows)))),
    _named((".tsv",), encoded(csv_rows.map(lambda rows: rows.replace(",", "\t")))),
    _named((".csv",), oversized_field.map(str.encode)))


@cache
def sample_pdf() -> bytes:
    """A small two-column page with a text layer (reportlab, CJK font built in)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont("STSong-Light", 12)
    for row in range(8):
        page.drawString(50, 700 - 16 * row, "区委书记出席会议并讲话。")
        page.drawString(320, 700 - 16 * row, "第二栏的正文继续。")
    page.showPage()
    page.save()
    return out.getvalue()


@st.composite
def damaged(draw: st.DrawFn, whole: bytes) -> bytes:
    """The bytes cut short, or with a few bytes overwritten."""
    if draw(st.booleans()):
        return whole[:draw(st.integers(0, len(whole)))]
    data = bytearray(whole)
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


pdf_files = st.one_of(
    st.builds(InputFile, st.just("scan.pdf"), st.builds(lambda: sample_pdf()).flatmap(damaged)),
    st.builds(InputFile, st.just("scan.pdf"), st.binary(max_size=300).map(lambda raw: b"%PDF-1.4\n" + raw)))


@st.composite
def gzip_files(draw: st.DrawFn) -> InputFile:
    inner = draw(st.one_of(text_files, html_files, json_files, markdown_files, csv_files))
    packed = gzip.compress(inner.data, mtime=0)
    if draw(st.booleans()):
        packed = draw(damaged(packed))
    if draw(st.integers(0, 9)) == 0:
        packed = gzip.compress(packed, mtime=0)  # a gzip inside a gzip
    return InputFile(draw(st.sampled_from((f"{inner.name}.gz", "page.gz", "page.txt.gz", "page.pdf.gz"))), packed)


sidecar_values = st.one_of(st.none(), st.integers(), st.floats(), st.booleans(), page_text, st.dates(),
                           st.datetimes(), st.lists(st.integers(), max_size=2), st.sampled_from(
                               ("2025-01-27", "2025-13-45", "1", "-1", "x", "0")))
sidecars = st.one_of(
    st.fixed_dictionaries({}, optional={key: sidecar_values for key in ("publication", "issue_date", "page",
                                                                          "jurisdiction")}).map(
        lambda fields: json.dumps(fields, ensure_ascii=False, default=_iso)),
    page_text, st.sampled_from(("- a\n- b\n", "publication: [unclosed\n", "page: !!python/object:os.system x\n",
                                "a: &a [*a]\n", "issue_date: 2025-01-27 08:00:00\n", "{}")))


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else str(value)


@st.composite
def any_file(draw: st.DrawFn) -> InputFile:
    """A file of any kind the readers take, most of them broken, sometimes with a sidecar."""
    drawn = draw(st.one_of(text_files, html_files, markdown_files, json_files, csv_files, pdf_files, gzip_files()))
    sidecar = draw(st.one_of(st.none(), st.none(), sidecars))
    return InputFile(drawn.name, drawn.data, sidecar)


@cache
def _sample_lines() -> tuple[str, ...]:
    from tests.conftest import SAMPLE_PAGE

    return tuple(SAMPLE_PAGE.read_text(encoding="utf-8").split("\n"))


@st.composite
def mutated_page(draw: st.DrawFn) -> str:
    """The sample page with a few of its lines cut, doubled, moved or spliced with other text.

    Real layout (headlines at the end, bylines, credits, column breaks) sets off rules that
    random text seldom reaches; the edits take those rules where the sample never goes.
    """
    lines = list(_sample_lines())
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(("cut", "double", "move", "splice", "truncate")))
        if edit == "cut" and len(lines) > 1:
            del lines[at]
        elif edit == "double":
            lines.insert(at, lines[at])
        elif edit == "move":
            lines.insert(draw(st.integers(0, len(lines))), lines.pop(at))
        elif edit == "splice":
            cut = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:cut] + draw(page_text) + lines[at][cut:]
        else:
            lines[at] = lines[at][:draw(st.integers(0, len(lines[at])))]
    return "\n".join(lines)
