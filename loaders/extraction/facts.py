"""The last stage: what was read in an article, as facts with provenance.

Fact types and their fields are those of the contract in :mod:`loaders.resolution`.
Every fact cites the span it was read at and the sentence that holds it; byline facts
(journalists), read outside the body, cite an empty span at the body's start and quote the
credit line of the document.
"""

from __future__ import annotations

from loaders.document import Mention
from loaders.extraction.analysis import Analysis, EventDraft

__all__ = ["emit_facts"]


def _credit_line(analysis: Analysis, name: str) -> str:
    """The line of the article's block, outside its body, that credits ``name`` (byline, photo credit)."""
    article = analysis.article
    text = article.document.text
    body_start, body_end = article.offsets[0], article.offsets[-1]
    for low, high in ((article.start, body_start), (body_end, article.end)):
        position = text.find(name, low, high)
        if position >= 0:
            line_start = text.rfind("\n", 0, position) + 1
            line_end = text.find("\n", position)
            return text[line_start:line_end if line_end >= 0 else len(text)].strip()
    return ""


def _persons(analysis: Analysis) -> None:
    article = analysis.article
    for name, record in analysis.persons.items():
        if record.mentions:
            first = record.mentions[0]
            analysis.fact("person", {"name": name}, first.start, first.end, {"class": record.person_class})
        else:
            analysis.fact("person", {"name": name}, 0, 0, {"class": record.person_class},
                          sentence=_credit_line(analysis, name))
    for role, names in (("reporter", article.reporters), ("photographer", article.photographers)):
        for name in names:
            analysis.fact("credit", {"person": name}, 0, 0, {"role": role}, sentence=_credit_line(analysis, name))


def _held_titles(analysis: Analysis) -> list[tuple[str, Mention, Mention]]:
    """(person, title, person mention), one per person and title; ``总统`` is dropped beside ``某国总统``."""
    held: dict[tuple[str, str], tuple[str, Mention, Mention]] = {}
    for mention in analysis.of("person"):
        name = mention.attrs.get("name", mention.text)
        for title in mention.attrs.get("titles", []):
            if isinstance(title, Mention):
                held.setdefault((name, title.text), (name, title, mention))
    written_by: dict[str, list[str]] = {}
    for person, written in held:
        written_by.setdefault(person, []).append(written)
    kept = [(name, title, mention) for (name, written), (_, title, mention) in held.items()
            if not any(other != written and other.endswith(written) for other in written_by[name])]
    # 中共中央总书记 and 总书记 of one person name one post: keep the fuller writing.
    by_post: dict[tuple[str, str, str], tuple[str, Mention, Mention]] = {}
    for name, title, mention in kept:
        key = (name, title.attrs["org"] or title.text, title.attrs["core"])
        if key not in by_post or len(title.text) > len(by_post[key][1].text):
            by_post[key] = (name, title, mention)
    return list(by_post.values())


def _positions(analysis: Analysis) -> None:
    for name, title, mention in _held_titles(analysis):
        organization = title.attrs["org"]
        post_title = title.attrs["core"] if organization else title.text
        analysis.fact("position", {"person": name, "title": post_title}, title.start, mention.end, {
            "organization": organization, "title_as_written": title.text, "date": analysis.issue_date,
        })


def _organization_names(analysis: Analysis) -> dict[str, tuple[Mention, list[str]]]:
    """Canonical name → (first mention, aliases) of the article's organisations."""
    table: dict[str, tuple[Mention, list[str]]] = {}
    for mention in analysis.of("organization"):
        canonical = mention.attrs["canonical"]
        _, aliases = table.setdefault(canonical, (mention, []))
        for alias in (mention.text, *mention.attrs.get("aliases", [])):
            if alias != canonical and alias not in aliases:
                aliases.append(alias)
    return table


def _composites(analysis: Analysis, table: dict[str, tuple[Mention, list[str]]]) -> None:
    """``某大学某中心``: PART_OF 某大学, and the same as 某中心 when that is named too."""
    names = {alias: canonical for canonical, (_, aliases) in table.items() for alias in (canonical, *aliases)}
    for canonical, (mention, aliases) in list(table.items()):
        # The longest name (or alias) of another organisation that the name begins with, 2 characters short at least.
        for length in range(len(canonical) - 2, -1, -1):
            prefix, rest = canonical[:length], canonical[length:]
            parent = names.get(prefix)
            if parent is None or parent == canonical:
                continue
            analysis.fact("part_of", {"child": canonical, "parent": parent}, mention.start, mention.end,
                          {"kind": "Organization"})
            same = names.get(rest)
            if same is not None and same != canonical and same in table:
                _other_mention, other_aliases = table.pop(same)
                aliases.extend(a for a in (same, *other_aliases) if a not in aliases)
                names.update({a: canonical for a in (same, *other_aliases)})
            break


def _organizations(analysis: Analysis) -> None:
    table = _organization_names(analysis)
    _composites(analysis, table)
    for canonical, (mention, aliases) in table.items():
        analysis.fact("organization", {"name": canonical}, mention.start, mention.end, {"aliases": aliases})
    for line in analysis.notes.get("line_organizations", []):
        if line not in table and not any(line in aliases for _, aliases in table.values()):
            analysis.fact("organization", {"name": line}, 0, 0, {"aliases": []})


def _places(analysis: Analysis) -> None:
    seen: set[str] = set()
    for mention in analysis.of("place"):
        if mention.text in seen:
            continue
        seen.add(mention.text)
        analysis.fact("place", {"name": mention.text}, mention.start, mention.end,
                      {"aliases": mention.attrs.get("aliases", [])})


def _event(analysis: Analysis, event: EventDraft) -> None:
    trigger = event.trigger
    analysis.fact("event", {"key": event.key}, trigger.start, trigger.end, {
        "name": event.name, "type": event.type, "date": event.date,
        "part_of_day": event.part_of_day, "venue": event.venue,
    })
    for order, (name, roles) in enumerate(event.participants.items(), start=1):
        mention = event.participant_mentions[name]
        analysis.fact("attendance", {"person": name, "event": event.key}, mention.start, mention.end,
                      {"roles": roles, "order": order})
    for organization, role, mention in event.organizers:
        analysis.fact("organizer", {"organization": organization, "event": event.key}, mention.start, mention.end,
                      {"role": role})
    for agreement, parties, mention in event.agreements:
        for party in parties:
            analysis.fact("signed", {"organization": party, "event": event.key}, mention.start, mention.end,
                          {"agreement": agreement})


def emit_facts(analysis: Analysis) -> Analysis:
    """Stage: the facts of the article, each with its provenance."""
    _persons(analysis)
    _positions(analysis)
    _organizations(analysis)
    _places(analysis)
    for event in analysis.events:
        _event(analysis, event)
    return analysis
