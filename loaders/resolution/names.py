"""Names that stand for one node: a name and its aliases, within a document and across an ingest.

- :class:`NameGroups`: within one document, every name and alias the facts tie together
  is one group, named by its longest fact name.
- :class:`ConstrainedUnion`: groups built from pairs, some of which must never end up
  together (a correction says "different"); unions taken in a fixed order give the same
  groups whatever order the input came in.
- :class:`AliasTable`: across an ingest and the store, the canonical name of an
  organisation or place. An alias joins its owner only when it belongs to exactly one
  full name (区委 is the party committee of every district, so it joins none); a name the
  store holds keeps its node.

Examples
--------
>>> table = AliasTable()
>>> table.declare("香港某大学", ["港某大"])
>>> table.declare("港某大", [])
>>> table.finish()
>>> table.canonical("港某大")
'香港某大学'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable

__all__ = ["AliasTable", "ConstrainedUnion", "NameGroups", "longest"]


def longest(names: Iterable[str]) -> str:
    """The longest name, ties broken by the text (the same whatever the order given)."""
    return max(names, key=lambda n: (len(n), n))


class NameGroups:
    """Names that facts tie together (a name and its aliases), as groups with one canonical name.

    Examples
    --------
    >>> groups = NameGroups()
    >>> groups.add("香港某大学", ["某大"])
    >>> groups.add("某大", [])
    >>> groups.canonical("某大")
    '香港某大学'
    """

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.named: set[str] = set()
        # root → (members in first-seen order, canonical name or None): built once after the last add,
        # since resolution asks for every fact while the groups no longer change.
        self._index: dict[str, tuple[list[str], str | None]] | None = None

    def _root(self, name: str) -> str:
        self.parent.setdefault(name, name)
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def add(self, name: str, aliases: Iterable[str]) -> None:
        """A name given as a fact's ``name`` and the aliases the fact ties to it."""
        self._index = None
        self.named.add(name)
        root = self._root(name)
        for alias in aliases:
            if alias:
                self.parent[self._root(alias)] = root

    def _group(self, name: str) -> tuple[list[str], str | None]:
        """The members and canonical name of the name's group (a name never added is a group of its own)."""
        if self._index is None:
            grouped: dict[str, list[str]] = {}
            for member in list(self.parent):
                grouped.setdefault(self._root(member), []).append(member)
            named = self.named
            self._index = {root: (members, _longest_named(members, named)) for root, members in grouped.items()}
        root = self._root(name)
        group = self._index.get(root)
        if group is None:  # first seen now: alone, as _root just made it
            group = self._index[root] = ([root], root if root in self.named else None)
        return group

    def canonical(self, name: str) -> str:
        """The longest fact ``name`` of the name's group (the name itself if none)."""
        canonical = self._group(name)[1]
        return canonical if canonical is not None else name

    def members(self, name: str) -> list[str]:
        return list(self._group(name)[0])


def _longest_named(members: list[str], named: set[str]) -> str | None:
    if len(members) == 1:  # most groups: a name no fact ties to another
        return members[0] if members[0] in named else None
    found = [member for member in members if member in named]
    return longest(found) if found else None


class ConstrainedUnion:
    """Union-find where some pairs must stay apart.

    Examples
    --------
    >>> groups = ConstrainedUnion(apart=[("a", "c")])
    >>> groups.union("a", "b"), groups.union("b", "c")
    (True, False)
    >>> groups.same("a", "b"), groups.same("a", "c")
    (True, False)
    """

    def __init__(self, apart: Iterable[tuple[Hashable, Hashable]] = ()) -> None:
        self.parent: dict[Hashable, Hashable] = {}
        self.apart = [(a, b) for a, b in apart]

    def find(self, item: Hashable) -> Hashable:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def same(self, first: Hashable, second: Hashable) -> bool:
        return self.find(first) == self.find(second)

    def union(self, first: Hashable, second: Hashable) -> bool:
        """Join the groups of two items unless that puts a pair that must stay apart together."""
        root, other = self.find(first), self.find(second)
        if root == other:
            return True
        for a, b in self.apart:
            ends = {self.find(a), self.find(b)}
            if ends == {root, other}:
                return False
        self.parent[other] = root
        return True

    def groups(self) -> dict[Hashable, list[Hashable]]:
        found: dict[Hashable, list[Hashable]] = defaultdict(list)
        for item in list(self.parent):
            found[self.find(item)].append(item)
        return found


class AliasTable:
    """The canonical names of one node type (organisations, or places) over an ingest and the store.

    Fill it with :meth:`declare` (the facts of the ingest), :meth:`stored` (the store's
    nodes) and :meth:`force` / :meth:`keep_apart` (corrections), then :meth:`finish`.
    """

    def __init__(self) -> None:
        self.named: set[str] = set()
        self.owners: dict[str, set[str]] = defaultdict(set)
        self.held: set[str] = set()
        self.forced: dict[str, str] = {}
        self.apart: set[tuple[str, str]] = set()
        self._canonical: dict[str, str] = {}

    def declare(self, name: str, aliases: Iterable[str] = ()) -> None:
        """A fact's name and the aliases it gives."""
        self.named.add(name)
        for alias in aliases:
            if alias and alias != name:
                self.owners[alias].add(name)

    def stored(self, name: str, aliases: Iterable[str] = ()) -> None:
        """A node the store holds: its name keeps its node; its aliases count as declared."""
        self.held.add(name)
        self.declare(name, aliases)

    def force(self, alias: str, owner: str) -> None:
        """A correction: ``alias`` is ``owner``, whatever else declares it."""
        self.named.add(owner)
        self.forced[alias] = owner

    def keep_apart(self, alias: str, owner: str) -> None:
        """A correction: ``alias`` is never ``owner``."""
        self.apart.add((alias, owner))

    def names(self) -> set[str]:
        """Every name and alias the table has seen (what to ask the store about)."""
        return self.named | set(self.owners) | set(self.forced)

    def finish(self) -> None:
        """Group the names: corrections first, then aliases that have exactly one owner, in sorted order."""
        groups = ConstrainedUnion(self.apart)
        for alias, owner in sorted(self.forced.items()):
            groups.union(owner, alias)
        for alias in sorted(self.owners):
            owners = self.owners[alias] - {o for a, o in self.apart if a == alias}
            if alias not in self.forced and len(owners) == 1:
                groups.union(next(iter(owners)), alias)
        self._canonical = {}
        for members in groups.groups().values():
            held = [m for m in members if m in self.held]
            named = [m for m in members if m in self.named]
            name = longest(held or named or members)
            self._canonical.update({m: name for m in members})

    def canonical(self, name: str) -> str:
        """The name of the node ``name`` stands for (the name itself when nothing ties it)."""
        return self._canonical.get(name, name)

    def is_apart(self, alias: str, owner: str) -> bool:
        return (alias, owner) in self.apart
