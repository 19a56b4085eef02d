"""Assembly: classified items → drafts of articles → :class:`Article` records.

A headline group (kicker, title, subtitle on consecutive headline-shaped paragraphs) or
a section label (图片新闻, 小启) opens an article; bylines, credits, source lines, body
paragraphs and signatures that follow belong to it. A headline with no body after it
(the layout extractor put it at the page's end) is matched to the body that lacks one:
a run of paragraphs before any headline, or the tail of another article that opens a
new report (``1月20日上午，……会议举行``) and shares the headline's words. Shared words
are counted as shared character bigrams between the title and the paragraph's first two
sentences, which needs no word segmenter and is robust to how the body rephrases it.

Examples
--------
>>> from loaders.document import Document
>>> page = "区长调研城市更新项目\\n\\n本报讯（记者 张三）日前，区长调研城市更新项目。\\n\\n（来源：区府办）"
>>> document = Document(text=page, source="p.txt")
>>> [article] = build_articles(document, draft_document(document)[0])
>>> article.title, article.reporters, article.source, article.text
('区长调研城市更新项目', ['张三'], '区府办', '日前，区长调研城市更新项目。')
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Final

from loaders.document import Article, Document, Teaser
from loaders.offsets import OffsetMap
from loaders.segmentation.classify import BYLINE, CREDIT, DATE, LABEL, NAMES, SIGNATURE, SOURCE, TEASER, classify_lines
from loaders.segmentation.columns import repair_column_breaks
from loaders.segmentation.headlines import BODY, HEADLINE, names_event, split_headline
from loaders.segmentation.lexicon import layout_lexicon
from loaders.segmentation.lines import Item, split_lines

__all__ = ["Draft", "build_articles", "draft_document", "draft_page", "page_items", "page_spans", "to_article"]

_PAGE_BREAK: Final = re.compile("\f")
_ATTACHED: Final = {BODY, BYLINE, CREDIT, NAMES, SOURCE, DATE, SIGNATURE}
_MAX_SIGNATURE_LINES: Final = 2


@dataclass
class Draft:
    """An article being assembled: its label, headline group and what follows them.

    ``detached`` holds credits printed away from the body (under an orphan headline):
    they count for the article but not for its span.
    """

    headline: list[Item] = field(default_factory=list)
    label: Item | None = None
    parts: list[Item] = field(default_factory=list)
    detached: list[Item] = field(default_factory=list)

    @property
    def has_body(self) -> bool:
        return any(part.kind == BODY for part in self.parts)

    @property
    def headed(self) -> bool:
        return bool(self.headline) or self.label is not None

    @property
    def kind(self) -> str:
        if self.label is not None:
            return self.label.info["label"]
        if self.headline and split_headline([h.text for h in self.headline]).title.endswith(
                layout_lexicon().notice_suffixes):
            return "notice"
        return "news"


def page_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each page of a text: a form feed (pdftotext's) ends a page.

    >>> page_spans("第一版\\f第二版")
    [(0, 3), (4, 7)]
    """
    starts = [0, *(match.end() for match in _PAGE_BREAK.finditer(text))]
    ends = [*(start - 1 for start in starts[1:]), len(text)]
    return list(zip(starts, ends, strict=True))


def page_items(text: str, start: int = 0, end: int | None = None) -> list[Item]:
    """The classified, column-repaired items of ``text[start:end]``."""
    return repair_column_breaks(classify_lines(split_lines(text, start, end)))


# --- drafts --------------------------------------------------------------------------------


def _group_end(items: list[Item], index: int) -> int:
    while index < len(items) and items[index].kind == HEADLINE:
        index += 1
    return index


def _signature_lines(current: Draft | None, group: list[Item], following: Item | None) -> int:
    """How many lines at the head of a headline-shaped group sign the article above."""
    if current is None or not current.has_body:
        return 0
    if following is not None and following.kind == DATE and len(group) <= _MAX_SIGNATURE_LINES:
        return len(group)
    if current.kind != "notice":
        return 0
    suffixes = layout_lexicon().signature_suffixes
    count = 0
    while count < min(len(group), _MAX_SIGNATURE_LINES):
        text = group[count].text
        if not text.endswith(suffixes) or names_event(text):
            break
        count += 1
    return count


def _on_headline(group: list[Item], following: Item | None, current: Draft | None, drafts: list[Draft]) -> Draft:
    signing = _signature_lines(current, group, following)
    if current is not None and signing:
        for item in group[:signing]:
            item.kind, item.info = SIGNATURE, {"org": item.text}
        current.parts += group[:signing]
        group = group[signing:]
        if not group:
            return current
    if current is not None and _takes_headline(current):
        current.headline = group
        return current
    drafts.append(Draft(headline=group))
    return drafts[-1]


def _takes_headline(current: Draft) -> bool:
    """Whether a draft takes the headline that follows: a label with nothing under it
    yet, or an editor's note printed above the headline it introduces."""
    if current.headline:
        return False
    if current.label is not None:
        return not current.has_body
    return bool(current.parts) and bool(current.parts[0].info.get("note"))


def _on_label(item: Item, current: Draft | None, drafts: list[Draft]) -> Draft | None:
    kind = item.info["label"]
    if kind == "section":
        return current
    if kind == "note":
        item.kind = BODY
        item.info["note"] = True
        if current is not None and current.has_body:
            current = None  # a note after a body introduces the next article
        return _on_attached(item, current, drafts)
    drafts.append(Draft(label=item))
    return drafts[-1]


def _on_attached(item: Item, current: Draft | None, drafts: list[Draft]) -> Draft:
    opens_report = item.kind == BODY and item.info.get("lead")
    if current is None or (opens_report and current.has_body):
        drafts.append(Draft())
        current = drafts[-1]
    current.parts.append(item)
    return current


def draft_page(items: list[Item]) -> tuple[list[Draft], list[Item]]:
    """The drafts of a page's articles, in page order, and its teaser items."""
    drafts: list[Draft] = []
    teasers: list[Item] = []
    current: Draft | None = None
    index = 0
    while index < len(items):
        item = items[index]
        if item.kind == HEADLINE:
            end = _group_end(items, index)
            current = _on_headline(items[index:end], items[end] if end < len(items) else None, current, drafts)
            index = end
            continue
        if item.kind == TEASER:
            teasers.append(item)
        elif item.kind == LABEL:
            current = _on_label(item, current, drafts)
        elif item.kind in _ATTACHED:
            current = _on_attached(item, current, drafts)
        index += 1
    return _place_orphans(drafts), teasers


# --- orphan headlines ----------------------------------------------------------------------

_GRAM_CHAR: Final = re.compile(r"[\w\u4e00-\u9fff]")
_SENTENCE_END: Final = re.compile(r"[。！？!?；;]")
_LEAD_CHARS: Final = 80
_REACH_CHARS: Final = 20_000  # more than a broadsheet page holds: a home lies on the orphan's page


def _bigrams(text: str) -> set[str]:
    chars = "".join(_GRAM_CHAR.findall(text))
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def _lead(text: str) -> str:
    """The first two sentences of a paragraph (at most ``_LEAD_CHARS`` characters)."""
    ends = [match.end() for match in _SENTENCE_END.finditer(text, 0, _LEAD_CHARS)]
    return text[: ends[1] if len(ends) > 1 else _LEAD_CHARS]


def _lead_grams(paragraph: Item) -> tuple[set[str], bool]:
    """The bigrams of a paragraph's lead, and whether it opens a report."""
    opens_report = bool(layout_lexicon().report_opening.match(paragraph.text) or paragraph.info.get("lead"))
    return _bigrams(_lead(paragraph.text)), opens_report


def _home_score(grams: set[str], lead: tuple[set[str], bool], headless: bool) -> float | None:
    """How well a paragraph (its ``lead`` grams, whether it opens a report) opens the body of
    a title of bigrams ``grams``; None when it cannot."""
    lead_grams, opens_report = lead
    overlap = len(grams & lead_grams) / len(grams)
    if overlap >= 0.5 or (overlap >= 0.25 and (opens_report or headless)):
        return overlap + 0.25 * opens_report + 0.2 * headless
    return None


class _Homes:
    """The body paragraphs of a page's drafts by position, each with the draft holding it now.

    A paragraph is a home (where a body without a headline can start) when it opens a
    headless run, or follows the first body paragraph of a headed news article. Homes
    are looked for within ``_REACH_CHARS`` of the orphan headline, so a file of many pages
    (with no form feed between them) costs each orphan its own page's paragraphs, not
    the whole file's.
    """

    def __init__(self, drafts: list[Draft]) -> None:
        self.owner: dict[int, Draft] = {}
        self.headless: dict[int, bool] = {}  # the homes: whether each opens a headless run
        self.leads: dict[int, tuple[set[str], bool]] = {}
        for draft in drafts:
            self._mark(draft)
        self.bodies = sorted((part for draft in drafts for part in draft.parts if part.kind == BODY),
                             key=lambda part: part.start)
        self.starts = [part.start for part in self.bodies]

    def _mark(self, draft: Draft) -> None:
        """Record that ``draft`` holds its body paragraphs, and which of them are homes now."""
        bodies = [part for part in draft.parts if part.kind == BODY]
        for paragraph in bodies:
            self.owner[id(paragraph)] = draft
            self.headless.pop(id(paragraph), None)
        if not draft.headed:
            self.headless.update({id(paragraph): True for paragraph in bodies[:1]})
        elif draft.headline and draft.kind == "news":
            self.headless.update({id(paragraph): False for paragraph in bodies[1:]})

    def near(self, position: int) -> list[Item]:
        """The body paragraphs that start within reach of ``position``, in page order."""
        low, high = position - _REACH_CHARS, position + _REACH_CHARS
        return self.bodies[bisect.bisect_left(self.starts, low):bisect.bisect_right(self.starts, high)]

    def lead(self, paragraph: Item) -> tuple[set[str], bool]:
        if id(paragraph) not in self.leads:
            self.leads[id(paragraph)] = _lead_grams(paragraph)
        return self.leads[id(paragraph)]

    def best(self, orphan: Draft) -> Item | None:
        """The home whose lead best matches the orphan's title (the earliest on a tie)."""
        grams = _bigrams(split_headline([item.text for item in orphan.headline]).title)
        if not grams:
            return None
        best: tuple[float, int] | None = None
        home = None
        for paragraph in self.near(orphan.headline[0].start):
            headless = self.headless.get(id(paragraph))
            if headless is None:
                continue
            score = _home_score(grams, self.lead(paragraph), headless)
            if score is not None and (best is None or (score, -paragraph.start) > best):
                best, home = (score, -paragraph.start), paragraph
        return home

    def give_headline(self, draft: Draft, orphan: Draft, credits: list[Item]) -> None:
        draft.headline, draft.detached = orphan.headline, credits
        self._mark(draft)

    def split(self, draft: Draft, paragraph: Item, orphan: Draft, credits: list[Item]) -> Draft:
        """The article cut from ``draft`` at ``paragraph`` under the orphan's headline."""
        index = next(i for i, part in enumerate(draft.parts) if part is paragraph)
        moved = Draft(headline=orphan.headline, parts=draft.parts[index:], detached=credits)
        draft.parts = draft.parts[:index]
        self._mark(moved)
        return moved


def _in_page_order(placed: list[Draft], followers: dict[int, list[Draft]]) -> list[Draft]:
    """The drafts with each cut-off article right after the draft it was cut from."""
    ordered: list[Draft] = []
    pending = list(reversed(placed))
    while pending:
        draft = pending.pop()
        ordered.append(draft)
        pending += reversed(followers.get(id(draft), []))
    return ordered


def _place_orphans(drafts: list[Draft]) -> list[Draft]:
    """Drafts with every body-less headline moved onto its body (or dropped when none fits)."""
    orphan_ids = {id(draft) for draft in drafts if draft.headline and draft.label is None and not draft.has_body}
    placed = [draft for draft in drafts if id(draft) not in orphan_ids]
    homes = _Homes(placed)
    followers: dict[int, list[Draft]] = {}
    for orphan in (draft for draft in drafts if id(draft) in orphan_ids):
        paragraph = homes.best(orphan)
        if paragraph is None:
            continue
        draft = homes.owner[id(paragraph)]
        credits = [part for part in orphan.parts if part.kind in (BYLINE, CREDIT, SOURCE)]
        if not draft.headed:
            homes.give_headline(draft, orphan, credits)
            continue
        # a later cut of the same draft lies before the earlier ones: it goes first
        followers.setdefault(id(draft), []).insert(0, homes.split(draft, paragraph, orphan, credits))
    return _in_page_order(placed, followers)


# --- articles ------------------------------------------------------------------------------


def _names(draft: Draft, kind: str) -> tuple[list[str], list[str]]:
    reporters: list[str] = []
    photographers: list[str] = []
    seen_body = False
    for part in [*draft.parts, *draft.detached]:
        seen_body = seen_body or part.kind == BODY
        if part.kind == NAMES:
            names = part.info["names"]
            (photographers if kind == "photo" else reporters if not seen_body else []).extend(names)
        else:
            reporters += part.info.get("reporters", [])
            photographers += part.info.get("photographers", [])
    return list(dict.fromkeys(reporters)), list(dict.fromkeys(photographers))


def _source(draft: Draft) -> str | None:
    return next((part.info["source"] for part in [*draft.parts, *draft.detached] if part.info.get("source")), None)


def _signature(draft: Draft) -> tuple[str | None, dt.date | None]:
    orgs = [part.info["org"] for part in draft.parts if part.kind == SIGNATURE and part.info.get("org")]
    dates = [part.info["date"] for part in draft.parts if part.info.get("date")]
    return (" ".join(orgs) or None), (dates[-1] if dates else None)


def _body(draft: Draft) -> tuple[str, OffsetMap]:
    """The body paragraphs joined by the newline that ended each, with their offsets."""
    text, offsets = [], OffsetMap()
    bodies = [part for part in draft.parts if part.kind == BODY]
    for number, paragraph in enumerate(bodies):
        text.append(paragraph.text)
        offsets.extend(paragraph.offsets)
        if number < len(bodies) - 1 and paragraph.newline is not None:
            text.append("\n")
            offsets.append(paragraph.newline)
    return "".join(text), offsets


def _span(draft: Draft) -> tuple[int, int]:
    parts = draft.parts
    first = min(part.start for part in parts)
    heads = [item for item in [draft.label, *draft.headline] if item is not None and item.end <= first]
    region = [*parts, *heads]
    return min(item.start for item in region), max(item.end for item in region)


def _titles(draft: Draft, fallback: str | None) -> tuple[str, str | None]:
    if draft.headline:
        headline = split_headline([item.text for item in draft.headline])
        return headline.title, headline.kicker
    if draft.label is not None:
        return draft.label.info["title"], None
    return fallback or "", None


def to_article(document: Document, draft: Draft, ordinal: int, title: str | None = None,
               kind: str | None = None) -> Article:
    """The article record of a draft (``title`` names a draft with no headline or label)."""
    kind = kind or draft.kind
    title, kicker = _titles(draft, title)
    text, offsets = _body(draft)
    start, end = _span(draft)
    offsets.append(offsets[-1] + 1 if offsets else start)
    reporters, photographers = _names(draft, kind)
    author_org, date = _signature(draft) if kind == "notice" else (None, None)
    return Article(document, ordinal, start, end, text, offsets, kind=kind, title=title, kicker=kicker,
                   reporters=reporters, photographers=photographers, source=_source(draft),
                   author_org=author_org, date=date)


def _teaser(item: Item) -> Teaser:
    return Teaser(item.info["page"], item.info["title"], item.start, item.end)


def draft_document(document: Document) -> tuple[list[Draft], list[Teaser]]:
    """The drafts of the articles a page's layout shows (those with a body), and its teasers."""
    drafts: list[Draft] = []
    teaser_items: list[Item] = []
    for start, end in page_spans(document.text):
        page_drafts, page_teasers = draft_page(page_items(document.text, start, end))
        drafts += page_drafts
        teaser_items += page_teasers
    return [draft for draft in drafts if draft.has_body], [_teaser(item) for item in teaser_items]


def build_articles(document: Document, drafts: list[Draft]) -> list[Article]:
    """The articles of a page's drafts, numbered in the order of their bodies.

    A draft with no headline takes ``document.title`` when it is the only such draft.
    """
    drafts = sorted(drafts, key=lambda draft: next(part.start for part in draft.parts if part.kind == BODY))
    headless = [draft for draft in drafts if not draft.headed]
    fallback = document.title if len(headless) == 1 else None
    return [to_article(document, draft, ordinal, fallback) for ordinal, draft in enumerate(drafts)]
