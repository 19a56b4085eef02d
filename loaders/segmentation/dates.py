"""Date lines: a notice's signed date (``2025年1月27日``, ``二〇二五年一月二十七日``).

Examples
--------
>>> parse_date_line("2025年1月27日")
datetime.date(2025, 1, 27)
>>> parse_date_line("二〇二五年一月二十七日")
datetime.date(2025, 1, 27)
>>> parse_date_line("2025.1.27"), parse_date_line("1月27日上午")
(datetime.date(2025, 1, 27), None)
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

__all__ = ["parse_date_line"]

_DIGITS: Final = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                  "八": 8, "九": 9}
_NUMBER: Final = r"[\d〇○零一二三四五六七八九十]"
_WRITTEN: Final = re.compile(rf"^[（(]?\s*(?P<y>{_NUMBER}{{4}})\s*年\s*(?P<m>{_NUMBER}{{1,3}})\s*月\s*"
                             rf"(?P<d>{_NUMBER}{{1,3}})\s*日\s*[）)]?$")
_NUMERIC: Final = re.compile(r"^(?P<y>\d{4})\s*[.\-/．]\s*(?P<m>\d{1,2})\s*[.\-/．]\s*(?P<d>\d{1,2})$")


def _number(text: str) -> int | None:
    """A number written in digits, digit by digit in Chinese (二〇二五) or with 十 (二十七)."""
    if text.isdigit() and text.isascii():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        tens_value = _DIGITS.get(tens, -1) if tens else 1
        units_value = _DIGITS.get(units, -1) if units else 0
        return None if tens_value < 0 or units_value < 0 else tens_value * 10 + units_value
    digits = [_DIGITS.get(char) for char in text]
    if any(digit is None for digit in digits):
        return None
    return int("".join(str(digit) for digit in digits))


def parse_date_line(text: str) -> dt.date | None:
    """The date a whole line states, or None when the line is not just a full date."""
    text = text.strip()
    match = _WRITTEN.match(text) or _NUMERIC.match(text)
    if match is None:
        return None
    parts = [_number(match.group(key)) for key in ("y", "m", "d")]
    if any(part is None for part in parts):
        return None
    try:
        return dt.date(*parts)  # type: ignore[arg-type]
    except ValueError:
        return None
