"""Line classification: what each line of a page is, before lines are joined.

Kinds: ``teaser`` (``07 张家弄片区房屋征收项目``), ``jump`` (``（下转第2版）``),
``furniture`` (masthead, folio, editor lines), ``date`` (a line that is a full date),
``label`` (图片新闻, 小启, 编者按 ...), ``source`` (``(来源:区委办)``), ``byline`` and
``credit`` (names with a marker: ``□ 记者 张伟``, ``张三 摄``), ``marker`` (a marker whose
names are on the next line), ``tail`` (``摄影报道`` under a line of names), ``names`` (a
line of names alone), ``signature`` (an organisation over, or before, a date) and
``text`` (anything else: headline or body, decided once column breaks are joined).

Examples
--------
>>> from loaders.segmentation.lines import split_lines
>>> lines = split_lines("07 张家弄片区房屋征收项目\\n成功生效\\n\\n□ 记者 张伟 李娜\\n\\n正文。")
>>> [(item.kind, item.info.get("title") or item.text) for item in classify_lines(lines)]
[('teaser', '张家弄片区房屋征收项目成功生效'), ('byline', '□ 记者 张伟 李娜'), ('text', '正文。')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, Final

from loaders.offsets import OffsetMap
from loaders.segmentation.credits import Credit, parse_credit, parse_source
from loaders.segmentation.dates import parse_date_line
from loaders.segmentation.headlines import BODY, HEADLINE, count_chars, text_shape
from loaders.segmentation.lexicon import layout_lexicon
from loaders.segmentation.lines import Item, Line

__all__ = ["classify_line", "classify_lines"]

TEASER, JUMP, FURNITURE, DATE, LABEL, SOURCE = "teaser", "jump", "furniture", "date", "label", "source"
BYLINE, CREDIT, MARKER, TAIL, NAMES, SIGNATURE, TEXT = (
    "byline", "credit", "marker", "tail", "names", "signature", "text")

_MAX_FURNITURE_CHARS: Final = 40
# Teasers are short lines; longer ones are never tried, which also keeps the patterns'
# backtracking away from long lines (a run of layout padding took seconds per line).
_MAX_TEASER_CHARS: Final = 60
_CREDIT_TOKEN_BREAK_CHARS: Final = r"\s/／：:"
_CREDIT_TOKEN_BREAK: Final = re.compile(f"[{_CREDIT_TOKEN_BREAK_CHARS}]+")
_SIGNED_LINE: Final = re.compile(r"^(?P<org>\S.{1,30}?)[ \t\u3000]+(?P<date>\S[^ \t\u3000]{5,20})$")


def _teaser(line: Line) -> Item | None:
    if len(line.text) > _MAX_TEASER_CHARS:
        return None
    for pattern in layout_lexicon().teaser_patterns:
        match = pattern.match(line.text)
        if match and text_shape(match.group("title")) == HEADLINE:
            return Item.from_line(TEASER, line, page=int(match.group("page")), title=match.group("title").strip())
    return None


def _jump(line: Line) -> Item | None:
    if any(pattern.match(line.text) for pattern in layout_lexicon().jump_patterns):
        return Item.from_line(JUMP, line)
    return None


def _furniture(line: Line) -> Item | None:
    lexicon = layout_lexicon()
    if len(line.text) <= _MAX_FURNITURE_CHARS and any(p.search(line.text) for p in lexicon.furniture_patterns):
        return Item.from_line(FURNITURE, line)
    return None


def _dated(line: Line) -> Item | None:
    date = parse_date_line(line.text)
    if date is not None:
        return Item.from_line(DATE, line, date=date)
    match = _SIGNED_LINE.match(line.text)
    if match and (date := parse_date_line(match.group("date"))) and text_shape(match.group("org")) != BODY:
        return Item.from_line(SIGNATURE, line, date=date, org=match.group("org").strip())
    return None


def _label(line: Line) -> Item | None:
    lexicon = layout_lexicon()
    bare = line.text.strip(lexicon.ornaments + "【】[]〖〗 \u3000")
    kind = lexicon.label_kind(bare)
    return Item.from_line(LABEL, line, label=kind, title=bare) if kind else None


def _source(line: Line) -> Item | None:
    source = parse_source(line.text)
    return Item.from_line(SOURCE, line, source=source) if source else None


@functools.cache
def _not_in_credit_words(credit_chars: str) -> re.Pattern[str]:
    """A character in no marker, tail or lead that breaks no token: a line holding one is not
    a line of markers or tails alone (found in one search, not by splitting the line)."""
    return re.compile(f"[^{_CREDIT_TOKEN_BREAK_CHARS}{re.escape(credit_chars)}]")


def _credit_info(credit: Credit) -> dict[str, Any]:
    return {"reporters": credit.reporters, "photographers": credit.photographers}


def _credit(line: Line) -> Item | None:
    lexicon = layout_lexicon()
    bare = line.text.strip(lexicon.ornaments + " ")
    if not _not_in_credit_words(lexicon.credit_chars).search(bare):
        tokens = [t for t in _CREDIT_TOKEN_BREAK.split(bare) if t]
        if tokens and lexicon.tail_words.issuperset(tokens):
            return Item.from_line(TAIL, line, tail=tokens[-1])
        if tokens and lexicon.bare_marker_words.issuperset(tokens):
            return Item.from_line(MARKER, line, marker=tokens[-1])
    credit = parse_credit(line.text)
    if credit is None:
        return None
    if not credit.marked:
        strict = parse_credit(line.text, strict_names=True)
        return Item.from_line(NAMES, line, names=strict.names) if strict else None
    return Item.from_line(BYLINE if credit.reporters else CREDIT, line, **_credit_info(credit))


_RULES: Final[tuple[Callable[[Line], Item | None], ...]] = (
    _jump, _teaser, _dated, _furniture, _label, _source, _credit)


def classify_line(line: Line) -> Item:
    """The kind of one line, with what was read in it."""
    for rule in _RULES:
        item = rule(line)
        if item is not None:
            return item
    return Item.from_line(TEXT, line)


def _absorb(previous: Item, item: Item) -> bool:
    """Whether ``item`` completes ``previous`` (a two-line teaser, credit or signature)."""
    if previous.kind == TEASER and item.kind == TEXT and _continues_teaser(previous, item):
        joiner = " " if previous.info["title"][-1:].isascii() and item.text[:1].isascii() else ""
        previous.info["title"] += joiner + item.text
    elif previous.kind == NAMES and item.kind == TAIL and item.gap_before <= 1:
        if not _read_credit(previous, f"{previous.text} {item.info['tail']}"):
            return False
    elif previous.kind == MARKER and item.kind == NAMES and item.gap_before <= 1:
        if not _read_credit(previous, f"{previous.info['marker']} {item.text}"):
            return False
    elif previous.kind == TEXT and item.kind == DATE and item.gap_before == 0 and text_shape(previous.text) != BODY:
        previous.kind = SIGNATURE
        previous.info = {"org": previous.text, "date": item.info["date"]}
    else:
        return False
    previous.text += item.text
    previous.offsets = OffsetMap(previous.offsets) + item.offsets
    previous.newline = item.newline
    return True


def _read_credit(item: Item, text: str) -> bool:
    """Make ``item`` the byline or credit that ``text`` (its two lines) states, if it states one."""
    credit = parse_credit(text)
    if credit is None:
        return False
    item.kind = BYLINE if credit.reporters else CREDIT
    item.info = _credit_info(credit)
    return True


def _continues_teaser(teaser: Item, item: Item) -> bool:
    """A wrapped teaser title: the next line, no blank between, no longer than the first."""
    return (item.gap_before == 0 and text_shape(item.text) != BODY
            and count_chars(item.text) <= count_chars(teaser.info["title"]))


def classify_lines(lines: list[Line]) -> list[Item]:
    """The lines classified, with two-line teasers, credits and signatures made one item."""
    items: list[Item] = []
    for line in lines:
        item = classify_line(line)
        if items and _absorb(items[-1], item):
            continue
        items.append(item)
    return items
