"""The benchmark corpus: district pages generated at run time from real text, seeded.

Real articles (the shipped sample page in ``data/`` and the 新闻联播 transcripts in
``../shared/corpus/xinwenlianbo/`` when present) are read, segmented and analysed once by
the project's own pipeline. What the extractor finds in them (persons, places, dates)
becomes slots in a :class:`Template`. New articles recombine the paragraphs of these
templates and fill the slots: each district paper has its own cast of people (names
drawn from the surname lexicon and common given-name characters, a few of them in the
news far more often than the rest), venues come from the places found anywhere in the
sources, dates fall in the week before the issue. A name keeps one replacement within an
article, so an article still says the same person did several things.

A corpus of scale ``k`` holds ``k`` district papers of ``unit`` articles each, four to a
page, in the layout of a district front page (headline, ``□ 记者`` byline, paragraphs);
each paper is a folder with a ``manifest.yaml`` naming its publication and jurisdiction,
and its pages are named ``dNNN-YYYY-MM-DD-pN.txt`` so the readers find their date and page.
Nothing is downloaded; the same seed gives the same bytes.

Examples
--------
>>> templates = [Template("会议举行", [Paragraph("1月8日，王明出席会议。王明讲话。",
...     [Slot(5, 7, "person", "王明"), Slot(12, 14, "person", "王明"), Slot(0, 4, "date", (1, 8))])])]
>>> paper = Paper(0, "徐汇报", "上海市徐汇区", cast=["李华"], reporters=["赵一", "钱二"])
>>> text = render_paragraph(templates[0].paragraphs[0], ArticleRoles(paper, dt.date(2025, 1, 27),
...                         random.Random(1), places=[]))
>>> text.count("李华"), "王明" in text
(2, False)
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import random
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "ArticleRoles", "CorpusSummary", "Paper", "Paragraph", "Slot", "Template", "default_sources", "generate_article",
    "generate_corpus", "harvest_templates", "lexicon_surnames", "make_name", "make_papers", "page_text",
    "render_paragraph",
]

REPO = Path(__file__).resolve().parents[1]
SAMPLE_DIR = REPO / "data"
TRANSCRIPT_DIR = REPO.parent / "shared" / "corpus" / "xinwenlianbo"
SURNAME_FILE = REPO / "loaders" / "lexicons" / "surnames.txt"

# Characters common in given names that are rarely words of their own in news prose.
GIVEN_NAME_CHARACTERS = (
    "伟芳娜敏静丽磊军洋勇艳杰娟涛超秀霞刚桂英华玉萍红建辉永斌宇浩凯俊峰鹏飞云志海波晓晨雪梅琳颖欣佳慧"
    "蕾倩婷雯璐琪瑶媛嘉怡悦雨泽轩涵博航昊旭昌荣庆福兴祥松柏青川江清忠顺禄锋锐毅坚劲卫亮晶瑞琦璇彬"
    "鑫淼森铭哲睿翔腾蔚岚茜菁薇蓉莉芸岩垚炜煜烨珂珊瑜璟琛琰韬骏驰骁凌霄皓杭舟帆"
)
ARTICLES_PER_PAGE = 4
PAGES_PER_ISSUE = 5
FIRST_ISSUE = dt.date(2025, 1, 6)
CAST_SIZE = 300
TARGET_CHARS = 1500
LEAD_MIN_CHARS = 150
_PARAGRAPH_ENDS = ("。", "！", "？", "”", "」", "）")
_NOT_VENUE_STARTS = tuple("一两几个多各该这那其此")
_DATE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")


@dataclass(frozen=True)
class Slot:
    """A span of a paragraph to fill: ``kind`` is person, place or date; ``key`` what it held."""

    start: int
    end: int
    kind: str
    key: Any


@dataclass
class Paragraph:
    """One paragraph of a source article, with its slots in text order."""

    text: str
    slots: list[Slot] = field(default_factory=list)


@dataclass
class Template:
    """A source article: its title (with its own slots) and paragraphs."""

    title: str
    paragraphs: list[Paragraph]
    title_slots: list[Slot] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(p.text) for p in self.paragraphs)


@dataclass
class Paper:
    """A district paper of the generated corpus, with its cast of people."""

    index: int
    publication: str
    jurisdiction: str
    cast: list[str]
    reporters: list[str]

    @property
    def folder(self) -> str:
        return f"d{self.index:03d}"


@dataclass
class ArticleRoles:
    """The replacements of one generated article: each source name, place and date keeps one."""

    paper: Paper
    issue_date: dt.date
    rng: random.Random
    places: list[str]
    chosen: dict[tuple[str, Any], str] = field(default_factory=dict)

    def fill(self, slot: Slot) -> str:
        key = (slot.kind, slot.key)
        if key not in self.chosen:
            self.chosen[key] = self._draw(slot)
        return self.chosen[key]

    def _draw(self, slot: Slot) -> str:
        if slot.kind == "person":
            return self._person()
        if slot.kind == "place":
            return self.rng.choice(self.places) if self.places else str(slot.key)
        day = self.issue_date - dt.timedelta(days=self.rng.randrange(7))
        with_year = slot.key[2] if len(slot.key) > 2 else False
        return f"{day.year}年{day.month}月{day.day}日" if with_year else f"{day.month}月{day.day}日"

    def _person(self) -> str:
        """A cast member not yet in this article, by Zipf's law on rank: leaders are in the news most."""
        used = set(self.chosen.values())
        cast = self.paper.cast
        for _ in range(20):
            name = self.rng.choices(cast, cum_weights=_zipf_weights(len(cast)))[0]
            if name not in used:
                return name
        return self.rng.choice(cast)


@functools.cache
def _zipf_weights(count: int) -> list[float]:
    return list(itertools.accumulate(1 / rank for rank in range(1, count + 1)))


# --- names -------------------------------------------------------------------------------


@functools.cache
def lexicon_surnames() -> tuple[str, ...]:
    """Single-character surnames of the project's lexicon, most common first."""
    words = []
    for line in SURNAME_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.extend(w for w in line.split() if len(w) == 1)
    return tuple(words)


def make_name(rng: random.Random, surnames: Sequence[str]) -> str:
    """A person's name: a surname (common ones more often) and one or two given-name characters.

    Examples
    --------
    >>> name = make_name(random.Random(3), ["王", "李"])
    >>> name[0] in "王李" and len(name) in (2, 3)
    True
    """
    surname = surnames[min(int(rng.expovariate(1 / 25)), len(surnames) - 1)]
    given = "".join(rng.choice(GIVEN_NAME_CHARACTERS) for _ in range(1 if rng.random() < 0.3 else 2))
    return surname + given


def _distinct_names(rng: random.Random, surnames: Sequence[str], count: int, taken: set[str]) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = make_name(rng, surnames)
        if name not in taken:
            taken.add(name)
            names.append(name)
    return names


def _districts() -> list[tuple[str, str]]:
    """(publication, jurisdiction) of every district in the divisions lexicon, e.g. (徐汇报, 上海市徐汇区)."""
    from loaders.extraction.divisions import short_name
    from loaders.extraction.lexicon import load_lexicon

    divisions = load_lexicon().divisions
    found = {}
    for division in divisions.by_name.values():
        short = short_name(division.name)
        if division.level in ("区", "县") and divisions.by_name.get(short) is division and short != division.name:
            found[division.org_name] = (f"{short}报", division.org_name)
    return [found[key] for key in sorted(found)]


def make_papers(count: int, seed: int) -> list[Paper]:
    """``count`` district papers, each with a cast of people and reporters of its own."""
    rng = random.Random(f"papers-{seed}")
    districts = _districts()
    rng.shuffle(districts)
    surnames = lexicon_surnames()
    papers = []
    for index in range(count):
        publication, jurisdiction = districts[index % len(districts)]
        if index >= len(districts):  # more papers than districts: a second paper of the same district
            publication = f"{publication.removesuffix('报')}{index // len(districts) + 1}报"
        taken: set[str] = set()
        cast = _distinct_names(rng, surnames, CAST_SIZE, taken)
        papers.append(Paper(index, publication, jurisdiction, cast, _distinct_names(rng, surnames, 8, taken)))
    return papers


# --- harvesting the sources ----------------------------------------------------------------


def default_sources() -> list[Path]:
    """The sample pages in ``data/`` and, when present, the transcripts."""
    sources = sorted(p for p in SAMPLE_DIR.glob("*.txt"))
    if TRANSCRIPT_DIR.is_dir():
        sources += sorted(TRANSCRIPT_DIR.glob("*.md"))
    return sources


def _name_slots(text: str, names: Iterable[str]) -> list[Slot]:
    """Every occurrence of the names in ``text``, longest name first where two overlap."""
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    if not ordered:
        return []
    pattern = re.compile("|".join(map(re.escape, ordered)))
    return [Slot(m.start(), m.end(), "person", m.group()) for m in pattern.finditer(text)]


def _date_slots(text: str, start: int, end: int) -> list[Slot]:
    return [Slot(start + m.start(), start + m.end(), "date", (int(m.group(2)), int(m.group(3)), bool(m.group(1))))
            for m in _DATE.finditer(text[start:end])]


def _article_slots(analysis: Any) -> list[Slot]:
    """Slots of one analysed article body: persons found (every occurrence), places, dates."""
    text = analysis.text
    slots = _name_slots(text, analysis.persons)
    slots += [Slot(m.start, m.end, "place", m.text) for m in analysis.mentions.get("place", [])]
    for mention in analysis.mentions.get("date", []):
        slots += _date_slots(text, mention.start, mention.end)
    return _without_overlaps(slots)


def _without_overlaps(slots: list[Slot]) -> list[Slot]:
    kept: list[Slot] = []
    for slot in sorted(slots, key=lambda s: (s.start, -(s.end - s.start))):
        if not kept or slot.start >= kept[-1].end:
            kept.append(slot)
    return kept


def _paragraphs(text: str, slots: list[Slot]) -> list[Paragraph]:
    """The body cut at its line breaks, each paragraph with the slots inside it."""
    paragraphs, offset = [], 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        inside = [Slot(s.start - start, s.end - start, s.kind, s.key)
                  for s in slots if start <= s.start and s.end <= end]
        stripped = line.strip()
        # a line without closing punctuation is a subheading: on a page it would start an article
        if len(stripped) >= 8 and stripped.endswith(_PARAGRAPH_ENDS):
            shift = len(line) - len(line.lstrip())
            paragraphs.append(Paragraph(stripped, [Slot(s.start - shift, s.end - shift, s.kind, s.key)
                                                   for s in inside if s.end - shift <= len(stripped)]))
    return paragraphs


def harvest_templates(sources: Iterable[Path]) -> tuple[list[Template], list[str]]:
    """Templates of every article of the sources, and the places found in them.

    The sources go through the project's readers, segmentation and extraction (up to
    places), so slots are what the extractor itself finds.
    """
    from loaders.extraction import analyse
    from loaders.readers import read_file
    from loaders.segmentation import segment_document

    templates, places = [], set()
    for path in sources:
        for document in read_file(Path(path)):
            for article in segment_document(document)[0]:
                analysis = analyse(article, until="places")
                slots = _article_slots(analysis)
                paragraphs = _paragraphs(article.text, slots)
                places.update(s.key for s in slots if s.kind == "place" and not s.key.startswith(_NOT_VENUE_STARTS))
                title = " ".join(article.title.split())
                if paragraphs and title:
                    templates.append(Template(title, paragraphs, _name_slots(title, analysis.persons)))
    return templates, sorted(places)


# --- generating ------------------------------------------------------------------------------


def render_paragraph(paragraph: Paragraph, roles: ArticleRoles) -> str:
    """The paragraph's text with every slot filled by the article's roles."""
    return _render(paragraph.text, paragraph.slots, roles)


def _render(text: str, slots: list[Slot], roles: ArticleRoles) -> str:
    parts, position = [], 0
    for slot in sorted(slots, key=lambda s: s.start):
        parts += [text[position:slot.start], roles.fill(slot)]
        position = slot.end
    parts.append(text[position:])
    return "".join(parts)


def _pick_paragraphs(templates: list[Template], rng: random.Random) -> tuple[Template, list[Paragraph]]:
    """A lead template and paragraphs (its own, then others') to about the target size."""
    target = int(min(max(rng.gauss(TARGET_CHARS, 350), 700), 2600))
    # a notice or a photo caption does not lead a news article
    leads = [t for t in templates if t.size >= LEAD_MIN_CHARS] or templates
    lead = rng.choice(leads)
    chosen = list(lead.paragraphs)
    while sum(len(p.text) for p in chosen) < target * 0.8:
        other = rng.choice(templates)
        start = rng.randrange(len(other.paragraphs))
        chosen += other.paragraphs[start:start + rng.randint(1, 4)]
    while len(chosen) > 1 and sum(len(p.text) for p in chosen) > target * 1.25:
        chosen.pop()
    return lead, chosen


def generate_article(templates: list[Template], places: list[str], paper: Paper, issue_date: dt.date,
                     rng: random.Random) -> str:
    """One article in page layout: headline, maybe a byline, paragraphs."""
    lead, paragraphs = _pick_paragraphs(templates, rng)
    roles = ArticleRoles(paper, issue_date, rng, places)
    lines = [_render(lead.title, lead.title_slots, roles)]
    if rng.random() < 0.7:
        lines.append("□ 记者 " + " ".join(rng.sample(paper.reporters, rng.randint(1, 2))))
    lines += [render_paragraph(p, roles) for p in paragraphs]
    return "\n\n".join(lines)


def page_text(articles: list[str]) -> str:
    """A page: its articles one after another, as a layout extractor leaves them."""
    return "\n\n\n".join(articles) + "\n"


@dataclass
class CorpusSummary:
    """What :func:`generate_corpus` wrote."""

    folder: str
    papers: int
    pages: int
    articles: int
    chars: int

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


def _paper_pages(paper: Paper, unit: int, templates: list[Template], places: list[str],
                 seed: int) -> Iterator[tuple[str, str, int]]:
    """(file name, page text, articles) of one paper with ``unit`` articles."""
    rng = random.Random(f"paper-{seed}-{paper.index}")
    for page_index in itertools.count():
        written = page_index * ARTICLES_PER_PAGE
        if written >= unit:
            return
        issue_date = FIRST_ISSUE + dt.timedelta(weeks=page_index // PAGES_PER_ISSUE)
        count = min(ARTICLES_PER_PAGE, unit - written)
        articles = [generate_article(templates, places, paper, issue_date, rng) for _ in range(count)]
        name = f"{paper.folder}-{issue_date.isoformat()}-p{page_index % PAGES_PER_ISSUE + 1}.txt"
        yield name, page_text(articles), count


def generate_corpus(folder: Path, scale: int, unit: int, templates: list[Template], places: list[str],
                    seed: int = 0) -> CorpusSummary:
    """Write ``scale`` papers of ``unit`` articles each into ``folder`` (emptied first)."""
    if not templates:
        raise ValueError("no source articles to generate from: check data/ and the transcripts folder")
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)
    summary = CorpusSummary(str(folder), scale, 0, 0, 0)
    for paper in make_papers(scale, seed):
        paper_dir = folder / paper.folder
        paper_dir.mkdir(parents=True)
        manifest = {"publication": paper.publication, "jurisdiction": paper.jurisdiction}
        (paper_dir / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
        for name, text, count in _paper_pages(paper, unit, templates, places, seed):
            (paper_dir / name).write_text(text, encoding="utf-8")
            summary.pages += 1
            summary.articles += count
            summary.chars += len(text)
    return summary
