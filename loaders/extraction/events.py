"""Events: what happened, when, where, organised by whom, and the agreements signed.

An event is anchored on a sentence that names one (a noun such as 会议, 团拜会, 揭牌仪式,
or a verb such as 会见, 考察, 走访) and gives a day (``1月20日上午``), or, in an article
that has no dated one, on the first sentence where someone named does something to it.
Sentences that follow belong to the event until the next anchor, so several events in one
article stay apart. Its type comes from the trigger word (``event_nouns.yaml``), its name
from the noun phrase that ends in the trigger (or the verb phrase that starts with it),
its venue from a place in its sentences, its organisers from ``由A、B联合主办``, its
agreements from ``A与B签署...协议``.

Examples
--------
>>> import datetime as dt
>>> from loaders.extraction.pipeline import analyse_text
>>> analysis = analyse_text("3月2日上午,某区科技工作会议在滨海会议中心举行。会议由区科委承办。",
...                         publication="徐汇报", issue_date=dt.date(2025, 3, 10))
>>> [(e.type, e.name, e.date, e.part_of_day, e.venue) for e in analysis.events]
[('meeting', '某区科技工作会议', datetime.date(2025, 3, 2), '上午', '滨海会议中心')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate
from typing import Final

from loaders.document import Mention
from loaders.extraction.analysis import Analysis, EventDraft, Sentence
from loaders.extraction.spans import QUOTES, is_han

__all__ = ["find_events"]

_REFERENCE_AFTER: Final = ("精神", "部署", "要求", "以来", "决策", "上的", "重要讲话", "后", "前", "期间", "结束")
_HOLDING: Final = re.compile("举行|召开|举办|开幕|闭幕|启动")
_ORGANIZING: Final = re.compile(r"(联合主办|共同主办|主办|承办|协办|支持单位|指导)")
_SIGNING: Final = re.compile(
    r"(签署|签订|签约)了?([^，,。；;]{0,24}?(?:协议书|协议|备忘录|合同|协定|意向书|声明|合作书))?")
_NAME_STOP_KINDS: Final = ("role_verb", "event_verb", "follower")
_WEAK_NOUNS: Final = frozenset({"活动", "仪式", "大会"})
_SPEECH: Final = re.compile(r"(表示|指出|强调|认为|说|称|介绍|宣布)[，,：:]")


def _triggers(analysis: Analysis) -> list[Mention]:
    """Event nouns and verbs, leftmost-longest, without those that only cite (会议精神)."""
    text = analysis.text
    chosen: list[Mention] = []
    candidates = [(h, "noun") for h in analysis.hits.of("event_noun")]
    candidates += [(h, "verb") for h in analysis.hits.of("event_verb")]
    spans = [(m.start, m.end) for kind in ("place", "organization", "title") for m in analysis.of(kind)]
    spans += [(h.start, h.end) for kind in ("venue_suffix", "org_form") for h in analysis.hits.of(kind)]
    inside = _Containment(spans)
    noun_ends: dict[int, int] = {}  # the furthest end of the nouns starting at each position
    for hit, part in candidates:
        if part == "noun":
            noun_ends[hit.start] = max(noun_ends.get(hit.start, 0), hit.end)
    for hit, part in sorted(candidates, key=lambda c: (c[0].start, -c[0].end)):
        if chosen and hit.start < chosen[-1].end:
            continue
        if part == "noun" and (noun_ends.get(hit.end - 1, 0) > hit.end or _session_follows(text, hit.end, noun_ends)):
            continue  # 协调会|议: a noun that runs on into a longer one (协调会议) is not one
        if inside.strictly_contains(hit.start, hit.end):
            continue
        if part == "noun" and text.startswith(_REFERENCE_AFTER, hit.end):
            continue
        if hit.text in _WEAK_NOUNS and not _ends_phrase(analysis, hit.end):
            continue  # 活动板房: the word begins a longer noun
        chosen.append(Mention("event_trigger", hit.start, hit.end, hit.text, {"type": hit.value, "part": part}))
    return chosen


_SESSION: Final = re.compile("第?[一二三四五六七八九十百零〇0-9]+[次届](?:[一二三四五六七八九十]+次)?")


def _session_follows(text: str, position: int, noun_ends: dict[int, int]) -> bool:
    """Whether a session of what ends at ``position`` follows, named by a later noun (人民代表大会|第五次会议,
    常委会|第三次全体会议): the event is the session."""
    session = _SESSION.match(text, position)
    return session is not None and any(start in noun_ends for start in range(session.end(), session.end() + 3))


class _Containment:
    """Spans sorted by start, with the furthest end reached by those that start before each one.

    Examples
    --------
    >>> spans = _Containment([(0, 4), (6, 8)])
    >>> spans.strictly_contains(1, 3), spans.strictly_contains(0, 4), spans.strictly_contains(6, 7)
    (True, False, True)
    """

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        self.furthest = list(accumulate(self.ends, max))

    def strictly_contains(self, start: int, end: int) -> bool:
        """Whether a span other than ``start:end`` itself holds ``start:end``."""
        before = bisect_left(self.starts, start)  # spans that start left of ``start``
        if before and self.furthest[before - 1] >= end:
            return True
        at = before
        while at < len(self.starts) and self.starts[at] == start:
            if self.ends[at] > end:
                return True
            at += 1
        return False


def _ends_phrase(analysis: Analysis, position: int) -> bool:
    """Whether a noun phrase may end at ``position``: punctuation, or a word that follows a noun."""
    text = analysis.text
    if position >= len(text) or not is_han(text[position]):
        return True
    return analysis.hits.starts_at(("follower", "role_verb", "event_verb"), position)


def _noun_name(analysis: Analysis, trigger: Mention) -> str:
    """The noun phrase that ends in the trigger, read leftwards (quotes and years kept)."""
    text = analysis.text
    start = trigger.start
    while start > 0 and trigger.end - start < 60:
        char = text[start - 1]
        if not (is_han(char) or char.isalnum() or char in QUOTES) or char in "()（）":
            break
        if char == "的" or (any(h.end - h.start >= 2 for kind in _NAME_STOP_KINDS
                                for h in analysis.hits.ending.get((kind, start), []))
                            and not analysis.hits.runs_across(("event_noun",), start, 4)):  # 人民代表|大会
            break
        start -= 1
    return text[start:trigger.end]


def _verb_name(analysis: Analysis, trigger: Mention, sentence: Sentence) -> str:
    text = analysis.text
    end = trigger.end
    while end < sentence.end and text[end] not in "，,。；;！？!?\n":
        end += 1
    return text[trigger.start:end]


def _day(analysis: Analysis, sentence: Sentence) -> Mention | None:
    """The first date in the sentence: a day, or a vague one (近日) that says no day is known."""
    for date in analysis.within("date", sentence.start, sentence.end):
        if date.attrs["date"] or date.attrs["vague"]:
            return date
    return None


def _acts(analysis: Analysis, sentence: Sentence) -> bool:
    """Whether someone named does something in the sentence, or the sentence holds an event."""
    return bool(_HOLDING.search(analysis.text, sentence.start, sentence.end)) or _someone_acts(analysis, sentence)


def _someone_acts(analysis: Analysis, sentence: Sentence) -> bool:
    """Whether a person named (not only cited) and a role verb stand in the sentence."""
    persons = [p for p in analysis.within("person", sentence.start, sentence.end) if not p.attrs.get("cited")]
    return bool(persons) and bool(analysis.hits.within("role_verb", sentence.start, sentence.end))


def _new_event(analysis: Analysis, sentence: Sentence, triggers: list[Mention], day: Mention | None) -> EventDraft:
    nouns = [t for t in triggers if t.attrs["part"] == "noun"]
    trigger = nouns[0] if nouns else triggers[0]
    name = _noun_name(analysis, trigger) if nouns else _verb_name(analysis, trigger, sentence)
    date = day.attrs["date"] if day is not None else None
    part_of_day = day.attrs["part_of_day"] if day is not None and date else None
    key = f"e{len(analysis.events) + 1}"
    return EventDraft(key, str(trigger.attrs["type"]), name, sentence, trigger, date, part_of_day,
                      sentences=[sentence])


def _same_event(event: EventDraft, triggers: list[Mention], day: Mention | None) -> bool:
    if day is None or day.attrs["date"] is None:
        return True
    parts = (event.part_of_day, day.attrs["part_of_day"])
    same_day = event.date == day.attrs["date"] and (parts[0] == parts[1] or None in parts)
    return same_day and any(t.attrs["type"] == event.type for t in triggers)


def _starts_event(analysis: Analysis, sentence: Sentence, inside: list[Mention], day: Mention | None,
                  first: bool) -> bool:
    """Whether a sentence with event words anchors an event: dated and holding one (or someone acts),
    or, before any event, someone acts in it."""
    dated = day is not None and day.attrs["date"] is not None
    nouns = any(t.attrs["part"] == "noun" for t in inside)
    return (dated and (nouns or _acts(analysis, sentence))) or (first and _someone_acts(analysis, sentence))


def _anchor_events(analysis: Analysis) -> None:
    triggers = _triggers(analysis)
    trigger_starts = [t.start for t in triggers]
    for sentence in analysis.sentences:
        inside = triggers[bisect_left(trigger_starts, sentence.start):bisect_left(trigger_starts, sentence.end)]
        current = analysis.events[-1] if analysis.events else None
        if inside and _SPEECH.search(analysis.text, sentence.start, inside[0].start):
            inside = []
        day = _day(analysis, sentence) if inside else None
        starts = bool(inside) and _starts_event(analysis, sentence, inside, day, current is None)
        if starts and (current is None or not _same_event(current, inside, day)):
            analysis.events.append(_new_event(analysis, sentence, inside, day))
        elif current is not None:
            current.sentences.append(sentence)


def _venue(analysis: Analysis, event: EventDraft) -> str | None:
    text = analysis.text
    if not event.sentences:
        return None
    sentences = set(event.sentences)
    first, last = min(s.start for s in sentences), max(s.end for s in sentences)
    for place in analysis.within("place", first, last):
        holder = analysis.sentence_at(place.start)
        inside = holder in sentences and holder.start <= place.start < holder.end
        in_anchor = event.anchor.start <= place.start < event.anchor.end
        framed = place.attrs.get("via") == "frame" or text[place.end:place.end + 1] in ("内", "里")
        if inside and (in_anchor or framed):
            return place.text
    return None


def _organizations_before(analysis: Analysis, clause_start: int, position: int) -> list[Mention]:
    return [m for m in analysis.within("organization", clause_start, position + 1) if m.end <= position]


def _clause_start(analysis: Analysis, sentence: Sentence, position: int) -> int:
    text = analysis.text
    start = position
    while start > sentence.start and text[start - 1] not in "，,。；;：:\n":
        start -= 1
    return start


def _organizers_and_agreements(analysis: Analysis, event: EventDraft) -> None:
    text = analysis.text
    for match in _ORGANIZING.finditer(text, event.anchor.start, event.anchor.end):
        clause = _clause_start(analysis, event.anchor, match.start())
        role = "主办" if match.group(1).endswith("主办") else match.group(1)
        for organization in _organizations_before(analysis, clause, match.start()):
            event.organizers.append((organization.attrs["canonical"], role, organization))
    for sentence in event.sentences:
        for match in _SIGNING.finditer(text, sentence.start, sentence.end):
            clause = _clause_start(analysis, sentence, match.start())
            parties = _organizations_before(analysis, clause, match.start())
            if parties:
                agreement = (match.group(2) or "").strip() or match.group(1)
                event.agreements.append((agreement, [p.attrs["canonical"] for p in parties], parties[0]))


def find_events(analysis: Analysis) -> Analysis:
    """Stage: events, each with its sentences, date, venue, organisers and agreements."""
    _anchor_events(analysis)
    if analysis.events and analysis.sentences:
        first = analysis.events[0]
        before = [s for s in analysis.sentences if s.end <= first.anchor.start]
        first.sentences = before + first.sentences
    for event in analysis.events:
        event.venue = _venue(analysis, event)
        _organizers_and_agreements(analysis, event)
    return analysis
