"""The dashboard's plain functions: charts, highlighting, exports, filters, dates; and their doctests.

``pyproject.toml`` keeps pytest's doctest collection out of ``dashboard/`` (its screens run
when imported), so the doctests of the modules that are plain functions run here.
"""

from __future__ import annotations

import datetime as dt
import doctest
import importlib
import io
import json
import zipfile

import networkx as nx
import pytest

from dashboard.charts import date_axis_format, posts_rows, timeline_chart, timeline_rows
from dashboard.exporting import DOWNLOADS, export_payload
from dashboard.highlight import Span, highlight_html, select_spans
from graph.queries.examples import example_batch

DOCTESTED = ["dashboard.network", "dashboard.charts", "dashboard.highlight", "dashboard.exporting",
             "dashboard.server", "dashboard.filters", "dashboard.access", "dashboard.details.common"]


@pytest.mark.parametrize("module_name", DOCTESTED)
def test_pure_modules_doctests_pass(module_name: str) -> None:
    module = importlib.import_module(module_name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testmod(module, optionflags=flags, verbose=False)
    assert result.failed == 0
    assert result.attempted > 0, f"{module_name} has no doctest"


def test_charts_timeline_rows_skip_undated_days_and_keep_local_midnight() -> None:
    days = [{"date": dt.date(2025, 1, 20), "count": 1,
             "events": [{"event_id": "e1", "event": "会", "event_type": None, "attendees": None}]},
            {"date": None, "count": 1,
             "events": [{"event_id": "e2", "event": "无", "event_type": "x", "attendees": 1}]}]
    rows = timeline_rows(days)
    assert rows == [{"date": "2025-01-20T00:00:00", "day": "2025-01-20", "event_id": "e1", "event": "会",
                     "event_type": "other", "attendees": 0}]


@pytest.mark.parametrize(("first", "last", "expected"), [
    (dt.date(2025, 1, 1), dt.date(2025, 1, 2), "%-m月%-d日"),
    (dt.date(2024, 1, 1), dt.date(2025, 6, 1), "%Y年%-m月"),
    (None, None, "%-m月%-d日"),
])
def test_charts_date_axis_format_is_chinese(first: dt.date | None, last: dt.date | None, expected: str) -> None:
    assert date_axis_format(first, last) == expected


def test_charts_timeline_chart_selects_events_and_labels_dates_in_chinese() -> None:
    rows = timeline_rows([{"date": dt.date(2025, 1, 20), "count": 1,
                           "events": [{"event_id": "e1", "event": "会", "event_type": "meeting", "attendees": 3}]}])
    spec = timeline_chart(rows).to_dict()
    assert spec["encoding"]["x"]["axis"]["format"] == "%-m月%-d日"
    assert spec["params"][0]["name"] == "event"
    assert spec["data"]["values"][0]["event_id"] == "e1"


def test_charts_posts_rows_label_posts_with_their_organisation() -> None:
    rows = posts_rows([{"title": "书记", "organization": "区委", "first_seen": dt.date(2025, 1, 20),
                        "last_seen": None, "observations": 1},
                       {"title": "无日期", "organization": None, "first_seen": None, "last_seen": None}])
    assert [(r["post"], r["first_day"], r["last_day"]) for r in rows] == [("书记(区委)", "2025-01-20", "2025-01-20")]


def test_highlight_escapes_the_text_and_its_titles() -> None:
    html = highlight_html("<b>甲</b>乙", [Span(3, 4, "人物", "#d9534f", '"><script>')])
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert "<script>" not in html
    assert html.count("<mark") == 1 and ">甲</mark>" in html


def test_highlight_keeps_the_longest_of_overlapping_spans() -> None:
    spans = [Span(2, 4, "人物", "#000", "短"), Span(0, 6, "活动", "#000", "长"), Span(6, 8, "地点", "#000", "后")]
    assert [(s.start, s.end) for s in select_spans(spans, 8)] == [(0, 6), (6, 8)]


def test_exporting_every_download_format_reads_back() -> None:
    batch = example_batch()
    assert set(DOWNLOADS) == {"graphml", "gexf", "json", "csv"}
    graphml = export_payload(batch, "graphml")
    assert set(nx.read_graphml(io.BytesIO(graphml.data)).nodes) == set(batch.nodes)
    assert set(nx.read_gexf(io.BytesIO(export_payload(batch, "gexf").data)).nodes) == set(batch.nodes)
    assert {n["id"] for n in json.loads(export_payload(batch, "json").data)["nodes"]} == set(batch.nodes)
    tables = export_payload(batch, "csv")
    assert tables.file_name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(tables.data)) as archive:
        names = archive.namelist()
        assert names and all(name.endswith(".csv") for name in names)
        text = "".join(archive.read(name).decode("utf-8") for name in names)
    assert "张三" in text
