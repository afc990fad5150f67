"""Sorted-span lookups of the claims stage: each answers what a scan over every quotation or
attribution answered for every number or clause, which was quadratic in a long article.

:class:`QuoteIndex` gives the share of a clause inside quotations, :class:`FirstHolding` the
first region holding a stretch, asked in text order (whether a span covers a position is
:meth:`newslib.spans.SpanIndex.holds`). Each answers exactly as the scan it replaced
(``tests/test_scaling.py`` checks).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from heapq import heappop, heappush
from typing import Any

from ..model import Span
from ..spans import SpanIndex


def _quoted_share(quotes: Sequence[tuple[int, int]], s: int, e: int) -> float:
    """The share of ``[s, e)`` that lies inside quotation regions ``(start, end)``."""
    if e <= s or not quotes:
        return 0.0
    inside = sum(max(0, min(e, qe) - max(s, qs)) for qs, qe in quotes)
    return inside / (e - s)


@dataclass(frozen=True)
class QuoteIndex:
    """Quotation regions in a :class:`SpanIndex` (sorted by start, with the running maximum of
    their ends), so that :meth:`share` visits only the regions that can overlap a clause (the
    others add 0 to :func:`_quoted_share`'s integer sum) instead of every region of the article
    per clause."""

    spans: SpanIndex

    @classmethod
    def build(cls, quotes: Sequence[Span]) -> QuoteIndex:
        return cls(SpanIndex.build((q.start, q.end) for q in quotes))

    def share(self, s: int, e: int) -> float:
        """``_quoted_share(quotes, s, e)``."""
        lo = bisect_right(self.spans.reach, s)  # every region before lo ends at or before s
        hi = bisect_left(self.spans.starts, e)  # every region from hi on starts at or after e
        return _quoted_share(self.spans.items[lo:hi], s, e)


class FirstHolding:
    """The lowest key among regions ``(start, end, key)`` with ``start <= s`` and ``e <= end``,
    for stretches ``[s, e)`` asked in order of ``s``: a sweep with the regions open so far in a
    heap, where scanning every attribution for every number was quadratic. A stretch asked out
    of order starts the sweep again (still exact, only slower)."""

    def __init__(self, regions: Iterable[tuple[int, int, Any]]) -> None:
        self._regions = sorted(regions)
        self._restart()

    def _restart(self) -> None:
        self._next = 0
        self._open: list[tuple[Any, int]] = []  # (key, end)
        self._last = -1

    def first(self, s: int, e: int) -> Any:
        if s < self._last:
            self._restart()
        self._last = s
        regions = self._regions
        while self._next < len(regions) and regions[self._next][0] <= s:
            _, end, key = regions[self._next]
            heappush(self._open, (key, end))
            self._next += 1
        aside = []
        while self._open and self._open[0][1] < e:
            region = heappop(self._open)
            if region[1] >= s:  # too short for this stretch, not for a later one inside it
                aside.append(region)
        found = self._open[0][0] if self._open else None
        for region in aside:
            heappush(self._open, region)
        return found
