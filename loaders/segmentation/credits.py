"""Bylines, photo credits and source lines: who wrote, who photographed, where from.

Pure functions on strings; the words they look for are in ``layout_bylines.yaml`` and
``layout_sources.yaml``.

Examples
--------
>>> parse_credit("□ 记者 张伟 王芳")
Credit(reporters=['张伟', '王芳'], photographers=[], marked=True)
>>> parse_credit("文/张三 图/李四")
Credit(reporters=['张三'], photographers=['李四'], marked=True)
>>> parse_credit("本报记者 张三 摄").photographers
['张三']
>>> parse_credit("文/记者 张三 图/记者 李四")
Credit(reporters=['张三'], photographers=['李四'], marked=True)
>>> parse_credit("共同祝愿 美好未来") is None
True
>>> parse_source("(来源:区委办)")
'区委办'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Final

from loaders.segmentation.lexicon import LayoutLexicon, layout_lexicon

__all__ = ["Credit", "is_person_name", "parse_credit", "parse_source", "split_lead_credit",
           "split_trailing_credit"]

_SEPARATOR_CHARS: Final = r"\s、，,;；：:/／|｜丨"
_SEPARATORS: Final = re.compile(f"[{_SEPARATOR_CHARS}]+")
_NAME_CHARS: Final = "\u4e00-\u9fff·•・"  # what _CJK_NAME and _FOREIGN_NAME accept
_GLUED_TEXT_IMAGE: Final = re.compile(r"文\s*[/／]\s*图|图\s*[/／]\s*文")
_CJK_NAME: Final = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_FOREIGN_NAME: Final = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:[·•・][\u4e00-\u9fff]{1,8})+$")
_BRACKETS: Final = "（）()【】[]〖〗"
_BODY_ENDINGS: Final = ("局", "委", "办", "中心", "厅", "站", "社", "馆")
_OPENERS, _CLOSERS = "（(", "）)"
_CLOSER_MARKS: Final = tuple(_CLOSERS)


@dataclass
class Credit:
    """The names of a credit line by role; ``marked`` says a marker (记者, 摄 ...) was seen."""

    reporters: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    marked: bool = False

    @property
    def names(self) -> list[str]:
        return self.reporters + [name for name in self.photographers if name not in self.reporters]

    def merge(self, other: Credit) -> None:
        self.reporters += [name for name in other.reporters if name not in self.reporters]
        self.photographers += [name for name in other.photographers if name not in self.photographers]
        self.marked = self.marked or other.marked


def has_surname(name: str, lexicon: LayoutLexicon | None = None) -> bool:
    """Whether a name starts with a known surname (single or compound)."""
    lexicon = lexicon or layout_lexicon()
    return name[:1] in lexicon.surnames or name.startswith(lexicon.compound_surnames)


def is_person_name(token: str, strict: bool = False) -> bool:
    """Whether a token can be a person's name in a credit.

    ``strict`` asks for a known surname and two or three characters (four with a
    compound surname), for names written without a marker or glued to one.

    >>> is_person_name("张伟"), is_person_name("走基层", strict=True)
    (True, False)
    """
    if _FOREIGN_NAME.match(token):
        return True
    if not _CJK_NAME.match(token) or token.endswith(_BODY_ENDINGS):
        return False  # 区文旅局 of 图文：区文旅局 is a body, the source
    if not strict:
        return True
    lexicon = layout_lexicon()
    if token.startswith(lexicon.compound_surnames):
        return len(token) in (3, 4)
    return len(token) in (2, 3) and has_surname(token, lexicon)


def _cleaned(text: str, lexicon: LayoutLexicon) -> str:
    """A credit line without its ornaments and brackets, 文/图 written 图文."""
    text = text.strip().lstrip(lexicon.ornaments).strip().strip(_BRACKETS).strip()
    return _GLUED_TEXT_IMAGE.sub("图文", text)


@functools.cache
def _outside_credits(credit_chars: str) -> re.Pattern[str]:
    """A character that is in no marker, tail, lead or name, and separates nothing."""
    return re.compile(f"[^{_NAME_CHARS}{_SEPARATOR_CHARS}{re.escape(credit_chars)}]")


def _holds_a_stranger(cleaned: str, lexicon: LayoutLexicon) -> bool:
    """Whether a token of a cleaned line can be nothing a credit holds: no dateline, and a character
    that is in no marker, tail, lead or name (a digit, a full stop: the tell of a body line).

    One search over the line, where reading it token by token would split it all first.
    """
    found = _outside_credits(lexicon.credit_chars).search(cleaned)
    if found is None:
        return False
    start = found.start()
    token = _SEPARATORS.split(cleaned[:start])[-1] + _SEPARATORS.split(cleaned[start:], maxsplit=1)[0]
    return not lexicon.dateline_pattern.match(token)


def _role_of(token: str, lexicon: LayoutLexicon) -> str | None:
    return lexicon.marker_roles.get(token)


def _tail_of(token: str, lexicon: LayoutLexicon) -> str | None:
    return lexicon.tail_roles.get(token)


def _assign(credit: Credit, names: list[str], role: str | None) -> None:
    role = role or "reporter"
    if role in ("reporter", "both"):
        credit.reporters += [name for name in names if name not in credit.reporters]
    if role in ("photographer", "both"):
        credit.photographers += [name for name in names if name not in credit.photographers]


def _glued(token: str, lexicon: LayoutLexicon) -> tuple[str, str] | None:
    """A name written together with its marker or tail ("记者张三", "张三摄", "通讯员李四报道").

    Returns (role, name); a tail's role wins over a marker's ("记者张三摄" is a photo credit).
    One-character tails other than 摄 are left out: "张宏图" is a name.
    """
    markers, tails = lexicon.glue_markers, lexicon.glue_tails
    glued_marker = token.startswith(markers)
    if not glued_marker and not token.endswith(tails):  # the usual token: neither, so no name to read
        return None
    marker = next(m for m in markers if token.startswith(m)) if glued_marker else None
    rest = token[len(marker):] if marker else token
    tail = next((t for t in tails if rest.endswith(t)), None)
    name = rest[: -len(tail)] if tail else rest
    if not (marker or tail) or not is_person_name(name, strict=True):
        return None
    role = _tail_of(tail, lexicon) if tail else _role_of(marker or "", lexicon)
    return role or "reporter", name


def parse_credit(text: str, strict_names: bool = False) -> Credit | None:
    """The names and roles of a byline or photo credit, or None when ``text`` is not one.

    Every token must be a marker, a tail (报道, 摄, 摄影报道), a lead (本报讯) or a name;
    names before a tail take the tail's role, names after a marker the marker's.
    """
    lexicon = layout_lexicon()
    cleaned = _cleaned(text, lexicon)
    if _holds_a_stranger(cleaned, lexicon):
        return None
    return _read_tokens([token for token in _SEPARATORS.split(cleaned) if token], lexicon, strict_names)


def _read_tokens(tokens: list[str], lexicon: LayoutLexicon, strict_names: bool) -> Credit | None:
    """:func:`parse_credit` on the tokens of a cleaned line."""
    credit, role = Credit(), None
    pending: list[str] = []
    for index, token in enumerate(tokens):
        is_last = index == len(tokens) - 1
        tail = _tail_of(token, lexicon)
        marker_role = _role_of(token, lexicon)
        if tail and (marker_role is None or is_last):
            _assign(credit, pending, tail)
            pending, credit.marked = [], True
        elif marker_role:
            _assign(credit, pending, role)
            if not (marker_role == "reporter" and index and _role_of(tokens[index - 1], lexicon) == "photographer"):
                role = marker_role  # not right after 图/: 图/记者 某某 is a photographer who is a reporter by post
            pending, credit.marked = [], True
        elif token in lexicon.lead_marker_set:
            credit.marked = True
        elif glued := _glued(token, lexicon):
            _assign(credit, pending, role)
            _assign(credit, [glued[1]], glued[0])
            pending, credit.marked = [], True
        elif lexicon.dateline_pattern.match(token):
            credit.marked = True
        elif is_person_name(token, strict=strict_names or role is None):
            pending.append(token)
        else:
            return None
    _assign(credit, pending, role)
    return credit if credit.names else None


def parse_source(text: str) -> str | None:
    """The source named by a source line ("(来源:区委办)" → 区委办), or None."""
    text = text.strip()
    for pattern in layout_lexicon().source_patterns:
        match = pattern.match(text)
        if match and match.group("source").strip():
            return match.group("source").strip()
    return None


_LEAD: Final = re.compile(r"^(?P<lead>[\u4e00-\u9fff]{1,8}讯|[\u4e00-\u9fff]{1,8}消息)\s*")
_UNBRACKETED_END: Final = re.compile(r"[：:]|报道")
_SPACES: Final = re.compile(r"[ \u3000]+")
_MAX_LEAD_CREDIT: Final = 40
_SENTENCE_ENDS: Final = "。！？!?"
# Matched from just after the last sentence end: its words hold none, so it can start nowhere else.
_TRAILING_PHOTO_CREDIT: Final = re.compile(rf"\s*([^{_SENTENCE_ENDS}（）()]{{2,30}})$")


def _lead_length(text: str, lexicon: LayoutLexicon) -> tuple[int, bool]:
    """How long the opening ``本报讯`` (or ``<publication>讯``) is, and whether it is a known one."""
    if text.startswith(lexicon.lead_markers):
        return len(next(m for m in lexicon.lead_markers if text.startswith(m))), True
    match = _LEAD.match(text)
    return (match.end("lead"), False) if match else (0, False)


def _bracketed_credit(rest: str) -> tuple[int, Credit | None]:
    """A credit in brackets at the start of ``rest``: its length with the brackets, and it."""
    close = min((i for i in (rest.find(c) for c in _CLOSERS) if i > 0), default=-1)
    credit = parse_credit(rest[1:close]) if close > 0 else None
    return (close + 1, credit) if credit is not None else (0, None)


def _unbracketed_credit(rest: str) -> tuple[int, Credit | None]:
    """A credit closed by a colon or by 报道 ("记者张三 通讯员李四报道：…"), else the longest run of markers and
    names before a space ("记者 马丽 2月8日上午，…")."""
    for match in _UNBRACKETED_END.finditer(rest, 0, _MAX_LEAD_CREDIT):
        credit = parse_credit(rest[: match.end()].rstrip("：: "))
        if credit is not None and credit.names:
            return match.end(), credit
    found: tuple[int, Credit | None] = (0, None)
    for space in _SPACES.finditer(rest, 0, _MAX_LEAD_CREDIT):
        credit = parse_credit(rest[: space.start()])
        if credit is not None and credit.names and credit.marked:
            found = space.end(), credit
    return found


def split_lead_credit(text: str) -> tuple[int, Credit | None]:
    """An inline byline at the start of a paragraph ("本报讯（记者 张三）正文…").

    Returns where the body starts in ``text`` and the credit read (None when there is
    no such opening, with 0).

    >>> split_lead_credit("本报讯（记者 张三 通讯员 李四）日前，")
    (17, Credit(reporters=['张三', '李四'], photographers=[], marked=True))
    >>> split_lead_credit("本报讯 记者张三 通讯员李四报道：日前，")[0]
    17
    >>> split_lead_credit("本报讯 记者 马丽 2月8日上午，")
    (10, Credit(reporters=['马丽'], photographers=[], marked=True))
    """
    lexicon = layout_lexicon()
    length, known = _lead_length(text, lexicon)
    if not length:
        return 0, None
    rest = text[length:].lstrip()
    position = len(text) - len(rest)
    if rest[:1] in _OPENERS:
        consumed, credit = _bracketed_credit(rest)
    else:
        consumed, credit = _unbracketed_credit(rest)
    if credit is None and not known:
        return 0, None
    position += consumed
    while position < len(text) and text[position] in " \u3000:：":
        position += 1
    return position, credit or Credit(marked=True)


def split_trailing_credit(text: str) -> tuple[int, Credit | None, str | None]:
    """A credit or source at the end of a paragraph ("…问候。（张三 摄）", "…出席。(来源:区委办)").

    Returns where the body ends in ``text``, the credit and the source read (the end is
    ``len(text)`` and both None when the paragraph ends otherwise).

    >>> split_trailing_credit("会议举行。（记者 张三）")
    (5, Credit(reporters=['张三'], photographers=[], marked=True), None)
    >>> split_trailing_credit("慰问。 张伟 摄")[:2]
    (3, Credit(reporters=[], photographers=['张伟'], marked=True))
    """
    stripped = text.rstrip()
    if stripped.endswith(_CLOSER_MARKS):
        opener = max(stripped.rfind(c) for c in _OPENERS)
        if opener >= 0:
            found = _read_trailing(stripped[opener:])
            if found is not None:
                return opener, *found
    last_end = max(stripped.rfind(mark) for mark in _SENTENCE_ENDS)
    match = _TRAILING_PHOTO_CREDIT.match(stripped, last_end + 1) if last_end >= 0 else None
    if match:
        credit = parse_credit(match.group(1))
        if credit is not None and credit.photographers and credit.marked:
            return match.start(), credit, None
    return len(text), None, None


def _read_trailing(bracketed: str) -> tuple[Credit | None, str | None] | None:
    source = parse_source(bracketed)
    if source:
        return None, source
    credit = parse_credit(bracketed[1:-1])
    if credit is not None and credit.marked:
        return credit, None
    return None
