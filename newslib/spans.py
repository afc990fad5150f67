"""Stretches of text as offsets: trimming one, and finding which of many overlap another.

One :func:`trim` for every stage (structure, the text layer, the attribution rules, claims and
the view), so a span's edges are decided the same way everywhere; :class:`SpanIndex` finds the
spans overlapping a stretch of text without a scan.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate


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
    """Tuples ``(start, end, ...)`` sorted by start, with the running maximum of their ends, to
    find those overlapping a stretch of text without scanning them all: a long article has
    thousands of attributions, and the stages that compare them with sentences, numbers,
    pronouns or each other were quadratic without it. A search visits only the tuples that start
    before the stretch and are not all ended by it, so one long quotation does not make every
    search look back over the whole article (as a bound by the longest span would).

    The one interval index of the package: the attribution rules, the sources stage (contents
    and quotations holding a pronoun) and the claims stage (quotations and times holding a
    number) all ask it."""

    items: list[tuple]
    starts: list[int]
    reach: list[int]
    """``reach[k]``: the greatest end among ``items[: k + 1]``."""

    @classmethod
    def build(cls, items: Iterable[tuple]) -> SpanIndex:
        rs = sorted(items)
        return cls(rs, [r[0] for r in rs], list(accumulate((r[1] for r in rs), max)))

    def overlapping(self, s: int, e: int) -> list[tuple]:
        """The items with ``start < e`` and ``end > s``, last start first."""
        k = bisect_left(self.starts, e) - 1
        out = []
        while k >= 0 and self.reach[k] > s:
            r = self.items[k]
            if r[1] > s:
                out.append(r)
            k -= 1
        return out

    def keys(self, s: int, e: int) -> list:
        """The third field (a key, an index) of each item :meth:`overlapping` ``[s, e)``."""
        return [r[2] for r in self.overlapping(s, e)]

    def beyond(self, before: int, end: int) -> bool:
        """Whether some item has ``start < before`` and ``end > end``."""
        k = bisect_left(self.starts, before) - 1
        return k >= 0 and self.reach[k] > end

    def holds(self, pos: int) -> bool:
        """Whether some item has ``start <= pos < end``."""
        return self.beyond(pos + 1, pos)
