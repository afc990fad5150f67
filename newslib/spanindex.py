"""An index of spans: which of many stretches of text overlap a given one, without a scan."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class SpanIndex:
    """Tuples ``(start, end, ...)`` sorted by start, to find those overlapping a stretch of text
    without scanning them all: a long article has thousands of attributions, and the stages that
    compare them with sentences, numbers or each other were quadratic without it."""

    items: list[tuple]
    starts: list[int]
    longest: int

    @classmethod
    def build(cls, items: Iterable[tuple]) -> SpanIndex:
        rs = sorted(items)
        return cls(rs, [r[0] for r in rs], max((r[1] - r[0] for r in rs), default=0))

    def overlapping(self, s: int, e: int) -> list[tuple]:
        """The items with ``start < e`` and ``end > s``, last start first."""
        k = bisect_left(self.starts, e) - 1
        out = []
        while k >= 0 and self.starts[k] >= s - self.longest:
            r = self.items[k]
            if r[1] > s:
                out.append(r)
            k -= 1
        return out
