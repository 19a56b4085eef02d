"""Extraction: the facts of one article (persons, posts, organisations, events ...).

Placeholder until the extraction issue lands: only the bylines become facts.
"""

from __future__ import annotations

from loaders.document import Article, Fact

__all__ = ["extract_article"]


def extract_article(article: Article) -> list[Fact]:
    """The facts read from one article: a pure function of the article."""
    facts = []
    for role, names in (("reporter", article.reporters), ("photographer", article.photographers)):
        for name in names:
            provenance = article.provenance(0, 0, "")
            facts.append(Fact("person", {"name": name}, provenance, {"class": "journalist"}))
            facts.append(Fact("credit", {"person": name}, provenance, {"role": role}))
    return facts
