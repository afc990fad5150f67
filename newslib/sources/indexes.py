"""Lookups that answer exactly as the scans they replaced, in time proportional to the article.

Resolution once compared each name with every earlier name, each pronoun with every quotation
and each unsourced quotation with every speaker: quadratic in a long article. Each class here
answers one such question from an index (tests/test_scaling.py checks each against its scan).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Any


def edit1(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1 or a + "s" == b or b + "s" == a:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


_HASH_MOD = (1 << 61) - 1
_HASH_BASE = 1_000_003
_SHORT = 40
"""Strings up to this length are keys as they are; longer ones by a polynomial hash."""


def deletion_keys(word: str) -> set[str | int]:
    """Keys of ``word`` and of each string one deletion from it.

    Two strings one insertion, deletion or substitution apart share one of these (the shorter
    string, or the two with the substituted character deleted): the symmetric-delete trick. A
    string's key is itself when short (names), else its polynomial hash, computed for all the
    deletions at once from prefix and suffix hashes so that a long word costs O(len), not
    O(len²) (a "name" of thousands of letters is possible input). A collision only adds a
    candidate, which :func:`edit1` then rejects."""
    n = len(word)
    if n <= _SHORT + 1:
        keys: set[str | int] = {word[:i] + word[i + 1 :] for i in range(n)}
        keys.add(word if n <= _SHORT else _poly_hashes(word)[0])
        return keys
    return set(_poly_hashes(word))


def _poly_hashes(word: str) -> list[int]:
    """The hash of ``word``, then of ``word`` without each of its characters in turn."""
    n = len(word)
    pow_ = [1] * (n + 1)
    pre = [0] * (n + 1)  # hash of word[:i]
    suf = [0] * (n + 1)  # hash of word[i:]
    for i, ch in enumerate(word):
        pow_[i + 1] = pow_[i] * _HASH_BASE % _HASH_MOD
        pre[i + 1] = (pre[i] * _HASH_BASE + ord(ch) + 1) % _HASH_MOD
    for i in range(n - 1, -1, -1):
        suf[i] = ((ord(word[i]) + 1) * pow_[n - 1 - i] + suf[i + 1]) % _HASH_MOD
    return [pre[n], *((pre[i] * pow_[n - 1 - i] + suf[i + 1]) % _HASH_MOD for i in range(n))]


class OneEditIndex:
    """Words in groups, found by lookup when one edit from a new word, instead of comparing the
    new word with every earlier one of its group (quadratic in the people of a long article).

    Each word is filed under its :func:`deletion_keys`; the candidates for a word are those
    sharing a key, checked with :func:`edit1`, so the answer is exactly that of the scan."""

    def __init__(self) -> None:
        self._files: dict[tuple[str, str | int], list[tuple[int, str, Any]]] = {}
        self._added = 0

    def add(self, group: str, word: str, value: Any) -> None:
        item = (self._added, word, value)
        self._added += 1
        for key in deletion_keys(word):
            self._files.setdefault((group, key), []).append(item)

    def first(self, group: str, word: str, ok: Callable[[str], bool]) -> Any:
        """The earliest added value of ``group`` whose word passes ``ok(word)`` and is one edit
        from ``word`` (``None`` when none is)."""
        best: tuple[int, Any] | None = None
        for key in deletion_keys(word):
            for order, other, value in self._files.get((group, key), ()):
                if (best is None or order < best[0]) and ok(other) and edit1(other, word):
                    best = (order, value)
        return None if best is None else best[1]


class LatestBefore:
    """Of entries ``(position, value)`` kept in the order they were added, the value of the last
    added whose position lies in ``(pos - window, pos)``, by bisection instead of a scan of every
    entry (the speakers of a long article, asked once for every unsourced quotation).

    The entries are split into runs of rising positions (the speakers come in two: sources in
    text order, then "I"/"we" ones): in a run, only the last entry before ``pos`` can be the
    answer, and a later run's answer comes first."""

    def __init__(self, entries: Iterable[tuple[int, Any]]) -> None:
        self.runs: list[tuple[list[int], list[Any]]] = []
        for pos, value in entries:
            if not self.runs or pos < self.runs[-1][0][-1]:
                self.runs.append(([], []))
            self.runs[-1][0].append(pos)
            self.runs[-1][1].append(value)

    def get(self, pos: int, window: int) -> Any:
        for positions, values in reversed(self.runs):
            k = bisect_left(positions, pos) - 1
            if k >= 0 and pos - positions[k] < window:
                return values[k]
        return None


_WORD = re.compile(r"\w+")


class WordCount:
    r"""``len(re.findall(r"\w+", text[s:e]))`` in O(log n), from the starts of the text's words:
    the words of a stretch are those starting inside it, plus one if it starts within a word.
    Counting each content anew cost the sum of their lengths, quadratic when many attributions
    share one long content."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [m.start() for m in _WORD.finditer(text)]

    def __call__(self, s: int, e: int) -> int:
        if s >= e:
            return 0
        inside = bisect_left(self.starts, e) - bisect_right(self.starts, s)
        return inside + (1 if _WORD.match(self.text, s, s + 1) else 0)
