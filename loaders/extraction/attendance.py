"""Attendance: who took part in each event, with the verbs written and the protocol order.

In each sentence of an event, persons named one after another with no verb between form a
group, and the role verbs after the group (up to the next person) are the group's roles
(``A出席并讲话,B作工作部署``; ``A,B,C出席``). A role verb straight after another is the
other's object (``带队走访``, ``参加会见``) and adds no role. A group with no verb of its own
takes the meeting verb before it in its clause (``A会见B``), and a group read from a
listing (a title or a group label) takes 出席. Order is the order in which persons are
first named as participants. Cited persons and journalists never attend.

Examples
--------
>>> import datetime as dt
>>> from loaders.extraction.pipeline import analyse_text
>>> analysis = analyse_text("3月2日上午,区委工作会议举行,区委书记王明出席会议并讲话,区委副书记张红作工作部署。"
...                         "区委常委李刚,副区长赵丽出席。", publication="徐汇报", issue_date=dt.date(2025, 3, 10))
>>> analysis.events[0].participants
{'王明': ['出席', '讲话'], '张红': ['作工作部署'], '李刚': ['出席'], '赵丽': ['出席']}
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Final

from loaders.document import Mention
from loaders.extraction.analysis import Analysis, EventDraft, Sentence
from loaders.extraction.lexicon import Hit

__all__ = ["find_attendance"]

_MEETING_VERBS: Final = frozenset({"会见", "会谈", "会晤", "接见", "看望", "慰问", "欢迎"})
# Verbs that tell what the event is (会见, 考察, 慰问): they make a role only in the sentence that
# holds the event; elsewhere they are what someone talks about (表示诚挚慰问).
_EVENT_ONLY_VERBS: Final = frozenset({"会见", "会谈", "会晤", "接见", "看望", "慰问", "走访", "调研", "考察", "视察",
                                      "检查", "督查", "参观", "欢迎", "迎接", "签约", "签署", "揭牌", "见证"})
_SPEECH: Final = re.compile(r"(表示|指出|强调|认为|说|称|介绍|宣布|感谢)[，,：:]")
_LISTING: Final = frozenset({"title", "list", "before_title", "foreign"})
_DEFAULT_ROLE: Final = "出席"


def _role_verbs(analysis: Analysis, sentence: Sentence, anchor: bool = True) -> list[Hit]:
    """Role verbs of the sentence, longest at each place, without objects of another verb."""
    verbs: list[Hit] = []
    names = _names(analysis)
    for hit in analysis.hits.within("role_verb", sentence.start, sentence.end):
        if verbs and hit.start < verbs[-1].end:
            continue
        if names.contain(hit.start, hit.end):
            continue  # 检查 of 纪律检查委员会
        if analysis.text[max(0, hit.start - 3):hit.start].endswith(("的", "的重要", "重要")):
            continue  # 在全会上的重要讲话: a noun, not what someone did here
        if not anchor and hit.text in _EVENT_ONLY_VERBS:
            continue
        if verbs and hit.start == verbs[-1].end:
            verbs.append(Hit("object", hit.start, hit.end, hit.text))
            continue
        verbs.append(hit)
    return verbs


class _Names:
    """Spans of names sorted by start, with the furthest end reached up to each one."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.furthest = list(accumulate((end for _, end in spans), max))

    def contain(self, start: int, end: int) -> bool:
        """Whether a span holds ``start:end``."""
        before = bisect_right(self.starts, start)  # spans that start at or left of ``start``
        return before > 0 and self.furthest[before - 1] >= end


def _names(analysis: Analysis) -> _Names:
    """The organisation, title and place names of the article (read once the stages before have run)."""
    kinds = ("organization", "title", "place")
    mentions = analysis.mentions
    key = (len(mentions.get("organization", ())), len(mentions.get("title", ())), len(mentions.get("place", ())))
    cached = analysis.indexes.get("attendance_names")
    if cached is None or cached[0] != key:
        spans = [(m.start, m.end) for kind in kinds for m in analysis.of(kind)]
        cached = (key, _Names(spans))
        analysis.indexes["attendance_names"] = cached
    return cached[1]


def _attending(analysis: Analysis, mention: Mention) -> bool:
    name = mention.attrs.get("name", mention.text)
    record = analysis.persons.get(name)
    if mention.attrs.get("cited") or record is None:
        return False
    return record.person_class not in ("journalist", "mentioned")


def _speech_start(analysis: Analysis, sentence: Sentence) -> int:
    """Where reported speech begins in the sentence (after ``X表示，``), else its end."""
    match = _SPEECH.search(analysis.text, sentence.start, sentence.end)
    return match.end() if match else sentence.end


def _groups(analysis: Analysis, sentence: Sentence, anchor: bool) -> list[tuple[list[Mention], list[Hit]]]:
    """(persons, role verbs after them) in the sentence, in order, outside reported speech."""
    end = _speech_start(analysis, sentence)
    persons = [m for m in analysis.within("person", sentence.start, end) if _attending(analysis, m)]
    items: list[tuple[int, Mention | Hit]] = [(p.start, p) for p in persons]
    items += [(v.start, v) for v in _role_verbs(analysis, sentence, anchor) if v.start < end]
    groups: list[tuple[list[Mention], list[Hit]]] = []
    for _, item in sorted(items, key=lambda pair: pair[0]):
        if isinstance(item, Mention):
            if not groups or groups[-1][1]:
                groups.append(([], []))
            groups[-1][0].append(item)
        elif groups:
            groups[-1][1].append(item)
    return groups


def _meeting_verb_before(analysis: Analysis, sentence: Sentence, position: int) -> str | None:
    text = analysis.text
    clause_start = position
    while clause_start > sentence.start and text[clause_start - 1] not in "，,。；;：:\n":
        clause_start -= 1
    verbs = [v for v in _role_verbs(analysis, sentence) if clause_start <= v.start < position]
    return verbs[-1].text if verbs and verbs[-1].text in _MEETING_VERBS else None


def _group_roles(analysis: Analysis, sentence: Sentence, persons: list[Mention], verbs: list[Hit]) -> list[str] | None:
    roles = [v.text for v in verbs if v.kind == "role_verb"]
    if roles:
        return list(dict.fromkeys(roles))
    meeting = _meeting_verb_before(analysis, sentence, persons[0].start)
    if meeting:
        return [meeting]
    return None


def _listed(event: EventDraft, sentence: Sentence, person: Mention, name: str) -> bool:
    """Whether a person with no verb of their own still takes part: listed under a group label, or named
    with a title in the sentence that holds the event."""
    if name in event.participants:
        return False
    return person.attrs["via"] == "list" or (person.attrs["via"] in _LISTING and sentence == event.anchor)


def _attend(analysis: Analysis, event: EventDraft, sentence: Sentence) -> None:
    for persons, verbs in _groups(analysis, sentence, sentence == event.anchor):
        roles = _group_roles(analysis, sentence, persons, verbs)
        for person in persons:
            name = person.attrs.get("name", person.text)
            if roles is None and not _listed(event, sentence, person, name):
                continue
            known = event.participants.setdefault(name, [])
            event.participant_mentions.setdefault(name, person)
            for role in roles or [_DEFAULT_ROLE]:
                if role not in known:
                    known.append(role)


def find_attendance(analysis: Analysis) -> Analysis:
    """Stage: participants of each event, with roles, in protocol order."""
    for event in analysis.events:
        for sentence in event.sentences:
            _attend(analysis, event, sentence)
    return analysis
