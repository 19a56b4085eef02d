"""HTML: main text by trafilatura, ``<article>`` elements as articles, declared metadata."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from loaders.readers import read_file

ARTICLES_PAGE = """<!DOCTYPE html><html><head><title>某区报 电子版</title>
<meta property="og:site_name" content="某区报">
<meta property="article:published_time" content="2025-01-27T08:00:00+08:00"></head>
<body><nav><a href="/">首页</a> <a href="/e">电子版</a></nav>
<article><h2>区政协召开常委会议</h2><p>1月20日，区政协召开常委会议。</p><p>会议审议了报告。</p>
<div class="share">分享到微信</div></article>
<article><header><h1>小启</h1></header><p>本报1月27日休刊一期。</p></article>
<footer>版权所有 某区报社</footer></body></html>"""


def write(tmp_path: Path, name: str, markup: str) -> Path:
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    return path


def test_readers_html_article_elements_become_article_spans(tmp_path: Path) -> None:
    document = next(read_file(write(tmp_path, "page.html", ARTICLES_PAGE)))
    spans = document.metadata["articles"]
    assert [span["title"] for span in spans] == ["区政协召开常委会议", "小启"]
    bodies = [document.text[span["start"]:span["end"]] for span in spans]
    assert bodies[0].startswith("1月20日，区政协召开常委会议。\n会议审议了报告。")
    assert bodies[1] == "本报1月27日休刊一期。"
    assert "首页" not in document.text and "版权所有" not in document.text


def test_readers_html_declared_site_and_date_are_the_page_metadata(tmp_path: Path) -> None:
    document = next(read_file(write(tmp_path, "page.html", ARTICLES_PAGE)))
    assert (document.publication, document.issue_date) == ("某区报", dt.date(2025, 1, 27))
    assert document.metadata["html_title"] == "某区报 电子版"


def test_readers_html_file_name_date_beats_the_declared_date(tmp_path: Path) -> None:
    document = next(read_file(write(tmp_path, "paper-2025-02-03-p4.html", ARTICLES_PAGE)))
    assert (document.issue_date, document.page) == (dt.date(2025, 2, 3), 4)


def test_readers_html_without_declared_date_guesses_nothing(tmp_path: Path) -> None:
    page = "<html><body><p>区委书记出席会议。</p><p>2025年</p></body></html>"
    document = next(read_file(write(tmp_path, "page.html", page)))
    assert document.issue_date is None and document.publication is None


def test_readers_html_page_drops_scripts_and_navigation(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>第{n}段：区委书记出席会议并讲话，强调要做好各项工作。</p>" for n in range(1, 8))
    page = (f"<html><head><script>var x = 1;</script><style>p {{color: red}}</style></head><body>"
            f"<nav><ul><li><a href='/'>首页</a></li><li><a href='/b'>要闻</a></li></ul></nav>"
            f"<main>{paragraphs}</main></body></html>")
    document = next(read_file(write(tmp_path, "page.html", page)))
    assert document.text.splitlines()[0].startswith("第1段")
    assert len(document.text.splitlines()) == 7
    assert "var x" not in document.text and "color" not in document.text
