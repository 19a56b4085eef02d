"""Character classes and span helpers shared by the stages.

Examples
--------
>>> is_han("徐"), is_han(","), is_punctuation("、"), is_punctuation("中")
(True, False, True, False)
"""

from __future__ import annotations

__all__ = ["BOUNDARY_KINDS", "NON_NAME_CHARS", "QUOTES", "is_han", "is_punctuation", "overlaps"]

QUOTES = "“”‘’\"'《》「」『』〈〉()（）[]【】"
# Characters that never stand inside a Chinese given name: particles, prepositions and the
# first characters of the verbs that follow names.
NON_NAME_CHARS = frozenset(
    "的了在和与及是被把从向对也都就将还又并而或但其这那个们之于以上下内外年月日说会议区市省县镇委局部办"
    "出席持讲话致辞作指表示率到去等为有无不要已所该此各全本记者主任长书"
)
# Lexicon kinds that end a name or an organisation read leftwards.
BOUNDARY_KINDS = ("follower", "role_verb", "event_verb", "title", "collective", "cue")


def is_han(char: str) -> bool:
    """A CJK ideograph."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def is_punctuation(char: str) -> bool:
    """Anything that is neither an ideograph nor a letter or digit (、,。 quotes, spaces)."""
    return not is_han(char) and not char.isalnum()


def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``start:end`` overlaps any of ``spans``."""
    return any(start < other_end and other_start < end for other_start, other_end in spans)
