"""A sorted index of character intervals, for "what overlaps here?" in O(log n + k).

Long documents hold thousands of quotations and statements; asking every one of them
about every token made a one-megabyte article take minutes.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Intervals(Generic[T]):
    """Items with a (start, end) extent, kept sorted by start."""

    def __init__(self, items: Iterable[T] = (), extent: Callable[[T], tuple[int, int]] = lambda x: x) -> None:  # type: ignore[assignment,return-value]
        self.extent = extent
        self._rows: list[tuple[int, int, int, T]] = []
        self._starts: list[int] = []
        self._longest = 0
        self._count = 0
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        start, end = self.extent(item)
        row = (start, end, self._count, item)
        self._count += 1
        position = bisect_left(self._rows, (start, end, row[2]), key=lambda r: (r[0], r[1], r[2]))
        self._rows.insert(position, row)
        self._starts.insert(position, start)
        self._longest = max(self._longest, end - start)

    def overlapping(self, start: int, end: int) -> Iterator[T]:
        """Items whose extent intersects [start, end) (an empty range asks about one point)."""
        end = max(end, start + 1)
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        for s, e, _, item in self._rows[lo:hi]:
            if s < end and start < e:
                yield item

    def before(self, position: int) -> Iterator[T]:
        """Items starting before a position, nearest first."""
        hi = bisect_left(self._starts, position)
        for row in reversed(self._rows[:hi]):
            yield row[3]

    def __iter__(self) -> Iterator[T]:
        return (row[3] for row in self._rows)

    def __len__(self) -> int:
        return len(self._rows)


__all__ = ["Intervals", "insort"]
