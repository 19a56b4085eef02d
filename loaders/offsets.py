"""Offset maps that cost a few numbers per run of characters, not one number per character.

An article's body, a line joined across a column break, a text converted to Simplified:
each maps its characters to offsets in another text, and almost all of those offsets
follow each other (``17, 18, 19, ...``). An :class:`OffsetMap` stores each run of
consecutive offsets as two numbers, where its index starts and what offset it starts at,
and finds an entry by bisecting the runs. It behaves as a read-only sequence of ints
(indexing, negative indices, slicing, iteration, equality with lists and ranges), and it
grows by ``append``, ``extend`` and ``+``.

Examples
--------
>>> offsets = OffsetMap(range(3, 6)) + [9, 10] + range(20, 22)
>>> list(offsets), len(offsets), offsets.runs
([3, 4, 5, 9, 10, 20, 21], 7, 3)
>>> offsets[3], offsets[-1], offsets[1:4]
(9, 21, OffsetMap([4, 5, 9]))
>>> offsets == [3, 4, 5, 9, 10, 20, 21], offsets[2:4] == range(5, 7)
(True, False)
>>> offsets.append(22); offsets[-2:]
OffsetMap([21, 22])
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

__all__ = ["OffsetMap"]


class OffsetMap(Sequence[int]):
    """A sequence of ints stored as runs of consecutive values.

    Parameters
    ----------
    values : iterable of int, optional
        The first entries; a ``range`` of step 1 or another OffsetMap is taken run by run.
    """

    __slots__ = ("_length", "_starts", "_values")

    def __init__(self, values: Iterable[int] = ()) -> None:
        self._starts = array("q")  # the index where each run begins
        self._values = array("q")  # the value at that index; the run goes up by one per index
        self._length = 0
        self.extend(values)

    @property
    def runs(self) -> int:
        """How many runs of consecutive values the map holds (what it costs)."""
        return len(self._starts)

    def __len__(self) -> int:
        return self._length

    def _run_of(self, index: int) -> int:
        return bisect_right(self._starts, index) - 1

    def _value_at(self, index: int) -> int:
        run = self._run_of(index)
        return self._values[run] + index - self._starts[run]

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> OffsetMap: ...

    def __getitem__(self, index: int | slice) -> int | OffsetMap:
        if isinstance(index, slice):
            return self._slice(index)
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("OffsetMap index out of range")
        return self._value_at(index)

    def _slice(self, index: slice) -> OffsetMap:
        first, last, step = index.indices(self._length)
        if step != 1:
            return OffsetMap([self._value_at(i) for i in range(first, last, step)])
        piece = OffsetMap()
        if first >= last:
            return piece
        for run in range(self._run_of(first), len(self._starts)):
            run_start = max(self._starts[run], first)
            run_end = min(self._run_end(run), last)
            if run_start >= last:
                break
            piece._add_run(self._values[run] + run_start - self._starts[run], run_end - run_start)
        return piece

    def _run_end(self, run: int) -> int:
        return self._starts[run + 1] if run + 1 < len(self._starts) else self._length

    def _spans(self) -> Iterator[tuple[int, int]]:
        """Each run as ``(first value, length)``."""
        for run in range(len(self._starts)):
            yield self._values[run], self._run_end(run) - self._starts[run]

    def __iter__(self) -> Iterator[int]:
        for value, length in self._spans():
            yield from range(value, value + length)

    def __reversed__(self) -> Iterator[int]:
        for run in reversed(range(len(self._starts))):
            value = self._values[run]
            yield from reversed(range(value, value + self._run_end(run) - self._starts[run]))

    def __contains__(self, value: object) -> bool:
        return any(first <= value < first + length for first, length in self._spans()) if isinstance(value, int) \
            else False

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return self._length == other._length and list(self._spans()) == list(other._spans())
        if isinstance(other, list | tuple | range):
            return self._length == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        if self._length <= 12:
            return f"OffsetMap({list(self)})"
        return f"OffsetMap(<{self._length} offsets in {self.runs} runs>)"

    def _add_run(self, value: int, length: int) -> None:
        if length <= 0:
            return
        if self._values and value == self._values[-1] + self._length - self._starts[-1]:  # continues the last run
            self._length += length
            return
        self._starts.append(self._length)
        self._values.append(value)
        self._length += length

    def append(self, value: int) -> None:
        """Add one offset at the end."""
        self._add_run(value, 1)

    def extend(self, values: Iterable[int]) -> None:
        """Add offsets at the end; a ``range`` of step 1 or an OffsetMap is taken run by run."""
        if isinstance(values, OffsetMap):
            for value, length in list(values._spans()):
                self._add_run(value, length)
        elif isinstance(values, range) and values.step == 1:
            self._add_run(values.start, len(values))
        else:
            for value in values:
                self._add_run(value, 1)

    def __add__(self, other: Iterable[int]) -> OffsetMap:
        joined = OffsetMap(self)
        joined.extend(other)
        return joined

    def __radd__(self, other: Iterable[int]) -> OffsetMap:
        joined = OffsetMap(other)
        joined.extend(self)
        return joined

    def __iadd__(self, other: Iterable[int]) -> OffsetMap:
        self.extend(other)
        return self

    def shifted(self, by: int) -> OffsetMap:
        """The map with ``by`` added to every offset.

        >>> OffsetMap([0, 1, 5]).shifted(10)
        OffsetMap([10, 11, 15])
        """
        moved = OffsetMap()
        moved._starts = array("q", self._starts)
        moved._values = array("q", (value + by for value in self._values))
        moved._length = self._length
        return moved

    def __getstate__(self) -> tuple[array, array, int]:
        return self._starts, self._values, self._length

    def __setstate__(self, state: tuple[array, array, int]) -> None:
        self._starts, self._values, self._length = state
