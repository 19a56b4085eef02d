"""Dates written in an article, resolved against the issue date.

Rules: ``1月20日上午`` in an issue of 2025-01-27 is 2025-01-20 with part of day 上午;
``27日`` is in the issue's month; a month more than six months after the issue's month is
in the previous year (``12月30日`` in an issue of 2025-01-06 is 2024-12-30); ``今天`` is
the issue date; ``近日``/``日前`` say the date is not known. Without an issue date, only
dates that give their year resolve.

Examples
--------
>>> import datetime as dt
>>> found = find_dates("1月20日上午,会议举行", dt.date(2025, 1, 27))
>>> [(m.text, m.attrs["date"], m.attrs["part_of_day"]) for m in found]
[('1月20日上午', datetime.date(2025, 1, 20), '上午')]
>>> find_dates("12月30日", dt.date(2025, 1, 6))[0].attrs["date"]
datetime.date(2024, 12, 30)
>>> find_dates("27日下午", dt.date(2025, 1, 28))[0].attrs["date"]
datetime.date(2025, 1, 27)
>>> find_dates("近日,某地", dt.date(2025, 1, 6))[0].attrs
{'date': None, 'part_of_day': None, 'vague': True}
>>> find_dates("1月20日", None)[0].attrs["date"] is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from loaders.document import Mention

__all__ = ["find_dates", "resolve_month_day"]

_DIGITS: Final = str.maketrans("〇零一二三四五六七八九", "00123456789")
_PART_OF_DAY: Final = r"(上午|下午|晚上|晚间|中午|凌晨|早上|早晨|傍晚|夜间|当晚|当天|晚)?"
# Every date begins with one of these characters; checking it first lets the scan skip other text fast.
_FIRST_CHARS: Final = r"(?=[\d〇零一二三四五六七八九今昨前明近日不此])"
_DATE: Final = re.compile(
    _FIRST_CHARS + r"(?:(?:(?P<year>\d{4}|[〇零一二三四五六七八九]{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号]"
    + _PART_OF_DAY.replace("(", "(?P<part>", 1)
    + r"|(?<![\d月])(?P<lone_day>\d{1,2})[日号]" + _PART_OF_DAY.replace("(", "(?P<lone_part>", 1)
    + r"|(?P<relative>今天|今日|昨天|昨日|前天|明天)" + _PART_OF_DAY.replace("(", "(?P<relative_part>", 1)
    + r"|(?P<vague>近日|日前|近期|不久前|前不久|此前|近来))"
)
_RELATIVE_DAYS: Final = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1}


def resolve_month_day(month: int, day: int, issue: dt.date | None, year: int | None = None) -> dt.date | None:
    """The date of ``month``/``day`` seen from an issue date; ``None`` when it cannot be told.

    Examples
    --------
    >>> resolve_month_day(7, 1, dt.date(2025, 1, 6)), resolve_month_day(8, 1, dt.date(2025, 1, 6))
    (datetime.date(2025, 7, 1), datetime.date(2024, 8, 1))
    """
    if year is None:
        if issue is None:
            return None
        year = issue.year - 1 if month - issue.month > 6 else issue.year
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(match: re.Match[str], issue: dt.date | None) -> tuple[dt.date | None, str | None]:
    if match.group("month"):
        year = int(match.group("year").translate(_DIGITS)) if match.group("year") else None
        return resolve_month_day(int(match.group("month")), int(match.group("day")), issue, year), match.group("part")
    if match.group("lone_day"):
        if issue is None:
            return None, match.group("lone_part")
        return resolve_month_day(issue.month, int(match.group("lone_day")), issue), match.group("lone_part")
    if match.group("relative"):
        if issue is None:
            return None, match.group("relative_part")
        return issue + dt.timedelta(days=_RELATIVE_DAYS[match.group("relative")]), match.group("relative_part")
    return None, None


def find_dates(text: str, issue: dt.date | None) -> list[Mention]:
    """Every date expression of ``text`` as a ``date`` mention (attrs: date, part_of_day, vague)."""
    mentions = []
    for match in _DATE.finditer(text):
        date, part_of_day = _resolve(match, issue)
        if part_of_day in ("当天", "当晚"):
            part_of_day = "晚上" if part_of_day == "当晚" else None
        attrs = {"date": date, "part_of_day": part_of_day, "vague": bool(match.group("vague"))}
        mentions.append(Mention("date", match.start(), match.end(), match.group(0), attrs))
    return mentions
