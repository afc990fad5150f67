"""Stretches of text as offsets: trimming one, and finding which of many overlap another.

One :func:`trim` for every stage (structure, the text layer, the attribution rules, claims and
the view), so a span's edges are decided the same way everywhere; :class:`SpanIndex` finds the
spans overlapping a stretch of text without a scan.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass


def trim(text: str, start: int, end: int, chars: str = "", end_chars: str = "") -> tuple[int, int]:
    """``(start, end)`` without the spaces at either end (Unicode ones included), nor ``chars``
    at either end, nor ``end_chars`` at the end."""
    while start < end and (text[start].isspace() or text[start] in chars):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in chars or text[end - 1] in end_chars):
        end -= 1
    return start, end


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
