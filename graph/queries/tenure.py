"""Who held which post when: a person's posts, and the holders of a post or organisation.

A post is never "held from ... to ..." in the news: it is *seen* held on the days of the
articles that name it. Records give the first and last day seen, the number of
observations and the articles they come from.
"""

from __future__ import annotations

from typing import Any

from graph.queries.rows import as_date, as_id, as_text, run, sort_key
from graph.stores.base import Store

__all__ = ["holders", "positions"]


def _post_fields(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "post_id": as_id(row["post_id"]),
        "title": as_text(row["post_title"]),
        "organization_id": as_id(row["org_id"]),
        "organization": as_text(row["org_name"]),
    }


def _tenures(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Observations grouped by (person, post): first and last seen, count, sources."""
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        person_id, post_id = as_id(row["person_id"]), as_id(row["post_id"])
        record = grouped.setdefault((person_id, post_id), {
            "person_id": person_id, "name": as_text(row["person_name"]), **_post_fields(row),
            "dates": set(), "sources": set(), "titles_as_written": set(), "edges": set()})
        seen_on, source = as_date(row["seen_on"]), as_id(row["article_id"])
        record["edges"].add((seen_on, source))
        record["dates"].update([seen_on] if seen_on else [])
        record["sources"].update([source] if source else [])
        written = as_text(row.get("title_as_written"))
        record["titles_as_written"].update([written] if written else [])
    return [_finish(record) for record in grouped.values()]


def _finish(record: dict[str, Any]) -> dict[str, Any]:
    dates = sorted(record.pop("dates"))
    record["first_seen"] = dates[0] if dates else None
    record["last_seen"] = dates[-1] if dates else None
    record["observations"] = len(record.pop("edges"))
    record["sources"] = sorted(record["sources"])
    record["titles_as_written"] = sorted(record["titles_as_written"])
    return record


def positions(store: Store, person: str) -> list[dict[str, Any]]:
    """The posts a person was seen holding, with first and last dates seen and sources.

    Parameters
    ----------
    store : the graph store.
    person : a person id, name or alias; people sharing a name stay apart by ``person_id``.

    Returns
    -------
    list of dict
        ``person_id, name, post_id, title, organization_id, organization, first_seen,
        last_seen, observations, sources, titles_as_written``, by person then first seen.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> [(p["title"], p["organization"], str(p["first_seen"])) for p in positions(example_store(), "张三")]
    [('书记', '示例区委', '2024-03-01')]
    """
    records = _tenures(run(store, "positions", person=person))
    return sorted(records, key=lambda r: sort_key(r["name"], r["person_id"], r["first_seen"], r["title"],
                                                  r["post_id"]))


def holders(store: Store, post_or_org: str) -> list[dict[str, Any]]:
    """Who held a post over time, or the posts of an organisation (and its units) and their holders.

    Parameters
    ----------
    store : the graph store.
    post_or_org : a post id or title (``区委书记``), or an organisation id, name or alias.

    Returns
    -------
    list of dict
        One record per (post, holder): ``post_id, title, organization_id, organization,
        person_id, name, first_seen, last_seen, observations, sources``; each post's
        holders follow one another by first date seen.

    Examples
    --------
    >>> from graph.queries.examples import example_store
    >>> [(h["title"], h["name"], h["observations"]) for h in holders(example_store(), "区委")]
    [('书记', '张三', 1)]
    """
    records = _tenures(run(store, "holders", key=post_or_org))
    for record in records:
        del record["titles_as_written"]
    return sorted(records, key=lambda r: sort_key(r["organization"], r["title"], r["post_id"], r["first_seen"],
                                                  r["last_seen"], r["name"], r["person_id"]))
