"""Extraction: the facts of one article (persons, posts, organisations, places, events ...).

A pipeline of small named stages over one article (:mod:`loaders.extraction.pipeline`):
sentences → dates → titles → persons → places → organisations → events → attendance →
facts. Rules and general lexicons (``loaders/lexicons/``), one Aho-Corasick pass per article.
"""

from __future__ import annotations

from loaders.extraction.pipeline import STAGES, analyse, extract_article

__all__ = ["STAGES", "analyse", "extract_article"]
