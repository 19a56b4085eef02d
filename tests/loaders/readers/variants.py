"""The sample page in every form the readers take, written at test time.

Each builder writes one file (and a copy of the page's sidecar, so the metadata rule
has the same facts to work with) and returns its path. Comparisons use
:func:`page_lines`: lines with runs of white space collapsed, stripped, blank lines
dropped (HTML extraction normalises white space inside and between paragraphs).
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import opencc

from tests.conftest import SAMPLE_PAGE

PAGE_NAME = SAMPLE_PAGE.stem  # xuhuibao-2025-01-27-p1
SIDECAR = SAMPLE_PAGE.with_name(SAMPLE_PAGE.name + ".meta.yaml")


def page_text() -> str:
    return SAMPLE_PAGE.read_text(encoding="utf-8")


def page_lines(text: str) -> list[str]:
    """The text's lines, white space runs collapsed, stripped, blank lines dropped."""
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def traditional(text: str, config: str = "s2t") -> str:
    return opencc.OpenCC(config).convert(text)


def write_variant(folder: Path, suffix: str, data: bytes, sidecar: bool = True) -> Path:
    path = folder / f"{PAGE_NAME}{suffix}"
    path.write_bytes(data)
    if sidecar:
        shutil.copyfile(SIDECAR, path.with_name(path.name + ".meta.yaml"))
    return path


def html_page(text: str) -> str:
    """A web page with one ``<p>`` per line, a navigation bar and a footer."""
    paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>第1版</title></head><body>"
            "<nav><a href='/'>首页</a> <a href='/e'>电子版</a></nav>"
            f"<div class='content'>{paragraphs}</div><footer>版权所有</footer></body></html>")


def jsonl_record(text: str) -> str:
    """A JSON Lines file whose one record is the page (no title: a page, not an article)."""
    return json.dumps({"publication": "徐汇报", "date": "2025-01-27", "page": 1, "body": text},
                      ensure_ascii=False) + "\n"


def csv_record(text: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["publication", "date", "page", "body"])
    writer.writerow(["徐汇报", "2025-01-27", "1", text])
    return out.getvalue()


VARIANTS: dict[str, Callable[[Path], Path]] = {
    "utf-8": lambda folder: write_variant(folder, ".txt", page_text().encode("utf-8")),
    "utf-8 with BOM": lambda folder: write_variant(folder, ".txt", page_text().encode("utf-8-sig")),
    "gb18030": lambda folder: write_variant(folder, ".txt", page_text().encode("gb18030")),
    "gbk": lambda folder: write_variant(folder, ".txt", page_text().encode("gbk")),
    "utf-16 with BOM": lambda folder: write_variant(folder, ".txt", page_text().encode("utf-16")),
    "utf-16-le without BOM": lambda folder: write_variant(folder, ".txt", page_text().encode("utf-16-le")),
    "utf-16-be without BOM": lambda folder: write_variant(folder, ".txt", page_text().encode("utf-16-be")),
    "crlf line breaks": lambda folder: write_variant(folder, ".txt", page_text().replace("\n", "\r\n").encode()),
    "html": lambda folder: write_variant(folder, ".html", html_page(page_text()).encode()),
    "html in gb18030": lambda folder: write_variant(folder, ".html", html_page(page_text()).encode("gb18030")),
    "jsonl": lambda folder: write_variant(folder, ".jsonl", jsonl_record(page_text()).encode(), sidecar=False),
    "csv": lambda folder: write_variant(folder, ".csv", csv_record(page_text()).encode(), sidecar=False),
    "gzip": lambda folder: write_variant(folder, ".txt.gz", gzip.compress(page_text().encode("gb18030"))),
    "no extension": lambda folder: write_variant(folder, "", page_text().encode("utf-16")),
}

TRADITIONAL_VARIANTS: dict[str, Callable[[Path], Path]] = {
    "traditional utf-8": lambda folder: write_variant(folder, ".txt", traditional(page_text()).encode()),
    "traditional html": lambda folder: write_variant(folder, ".html", html_page(traditional(page_text())).encode()),
    "traditional jsonl": lambda folder: write_variant(folder, ".jsonl", jsonl_record(traditional(page_text())).encode(),
                                               sidecar=False),
}
