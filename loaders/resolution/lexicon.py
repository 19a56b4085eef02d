"""The lexicon of known names: organisations and places confirmed in the ingest or the store, found again in text.

Extraction reads an organisation from its ending (大学, 中心) or from a short form; a
name like 港科大 alone has neither, so an article that only says 港科大 names nothing.
Once a full name has been confirmed with that alias (香港科技大学(以下简称“港科大”)), in
this ingest or in the store, the alias is a known name: every article that writes it
mentions that organisation. Only names of three characters or more that stand for one
node are searched for (区委 stands for every district's committee, so it is not).

Examples
--------
>>> from loaders.resolution.names import AliasTable
>>> table = AliasTable()
>>> table.declare("香港某科技大学", ["港某大"])
>>> table.finish()
>>> lexicon = NameLexicon({"Organization": table})
>>> lexicon.find("港某大与某区签约。")
[(0, 3, 'Organization', '香港某科技大学')]
"""

from __future__ import annotations

import ahocorasick_rs

from loaders.resolution.names import AliasTable

__all__ = ["MIN_LENGTH", "NameLexicon", "sentence_around"]

MIN_LENGTH = 3
_SENTENCE_ENDS = "。！？!?；;\n"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]``.

    Examples
    --------
    >>> sentence_around("甲。乙丙丁。戊", 3, 4)
    '乙丙丁。'
    """
    first = max(text.rfind(mark, 0, start) for mark in _SENTENCE_ENDS) + 1
    ends = [i for i in (text.find(mark, end) for mark in _SENTENCE_ENDS) if i >= 0]
    last = min(ends) + 1 if ends else len(text)
    return text[first:last].strip()


class NameLexicon:
    """Every name that stands for exactly one organisation or place, and the node it stands for."""

    def __init__(self, tables: dict[str, AliasTable]) -> None:
        found: dict[str, set[tuple[str, str]]] = {}
        for type_name, table in tables.items():
            for name in table.names():
                canonical = table.canonical(name)
                known = name in table.named or name in table.held or canonical != name
                if known and len(name) >= MIN_LENGTH:
                    found.setdefault(name, set()).add((type_name, canonical))
        self.names = {name: next(iter(nodes)) for name, nodes in found.items() if len(nodes) == 1}
        self._build()

    def _build(self) -> None:
        self.nodes = list(self.names.values())  # by the automaton's word number
        self.automaton = ahocorasick_rs.AhoCorasick(list(self.names)) if self.names else None

    def __getstate__(self) -> dict[str, tuple[str, str]]:
        """The names alone: the automaton cannot be pickled (an ingest sends the lexicon to Dask workers),
        and is built again from them."""
        return self.names

    def __setstate__(self, names: dict[str, tuple[str, str]]) -> None:
        self.names = names
        self._build()

    def find(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, type, canonical name) of the known names in ``text``, longest first where they overlap."""
        if self.automaton is None or not text:
            return []
        nodes = self.nodes
        hits = [(start, end, *nodes[number])
                for number, start, end in self.automaton.find_matches_as_indexes(text, overlapping=True)]
        hits.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
        kept: list[tuple[int, int, str, str]] = []
        for hit in hits:
            if not kept or hit[0] >= kept[-1][1]:
                kept.append(hit)
        return kept
