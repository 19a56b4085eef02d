"""Dates resolved against the issue date (loaders/extraction/dates.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.extraction.dates import find_dates

ISSUE = dt.date(2025, 1, 27)


@pytest.mark.parametrize(
    ("text", "issue", "date", "part_of_day"),
    [
        ("1月20日上午,会议举行", ISSUE, dt.date(2025, 1, 20), "上午"),
        ("27日下午", dt.date(2025, 1, 28), dt.date(2025, 1, 27), "下午"),
        ("12月30日", dt.date(2025, 1, 6), dt.date(2024, 12, 30), None),
        ("7月1日", dt.date(2025, 1, 6), dt.date(2025, 7, 1), None),
        ("2020年1月3日", ISSUE, dt.date(2020, 1, 3), None),
        ("今天（1月3日）", dt.date(2025, 1, 3), dt.date(2025, 1, 3), None),
        ("昨晚", ISSUE, None, None),
    ],
)
def test_dates_resolve_against_issue(text: str, issue: dt.date, date: dt.date | None, part_of_day: str | None) -> None:
    found = [m for m in find_dates(text, issue) if m.attrs["date"]]
    if date is None:
        assert not found
        return
    assert found[0].attrs["date"] == date
    assert found[0].attrs["part_of_day"] == part_of_day


def test_dates_vague_words_leave_the_date_empty() -> None:
    (mention,) = find_dates("近日，某区召开会议", ISSUE)
    assert mention.attrs == {"date": None, "part_of_day": None, "vague": True}


def test_dates_without_issue_date_stay_unresolved() -> None:
    assert [m.attrs["date"] for m in find_dates("1月20日和27日", None)] == [None, None]
    assert find_dates("2025年1月20日", None)[0].attrs["date"] == dt.date(2025, 1, 20)


def test_dates_keep_offsets() -> None:
    text = "会议于3月2日下午举行"
    (mention,) = find_dates(text, ISSUE)
    assert text[mention.start:mention.end] == "3月2日下午"
