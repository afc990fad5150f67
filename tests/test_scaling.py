"""No quadratic path: the loops that compared each name, number or pronoun with every other one
now do work in proportion to the article, counted here rather than timed.

Each count test analyses a synthetic article and one twice as long and counts the calls of the
function the old loop ran once per pair: linear work doubles, the old loops' quadrupled. The
equivalence tests check that each index answers exactly as the scan it replaced, on random
input. Timings on articles up to 4 MB are ``scripts/scaling.py``'s.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

import newslib
from newslib import sources
from newslib.claims import coverage
from newslib.claims import indexes as claim_indexes
from newslib.model import Span, SpanIndex
from newslib.sources import indexes, resolver

SYLLABLES = ("bar", "ko", "vel", "dri", "mon", "tash", "lu", "pen", "gor", "ra", "sim", "to", "hal", "dor")


def surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


N = 200
"""The smaller article's size (people, lines); the larger one is twice as long."""


def count_calls(
    monkeypatch: pytest.MonkeyPatch,
    module: object,
    name: str,
    make: Callable[[int], str],
    sizes: tuple[int, int] = (N, 2 * N),
) -> list[int]:
    """Calls of ``module.name`` while analysing ``make(n)`` for each size."""
    calls = [0]
    real = getattr(module, name)

    def counted(*args: object) -> object:
        calls[0] += 1
        return real(*args)

    monkeypatch.setattr(module, name, counted)
    out = []
    for n in sizes:
        calls[0] = 0
        newslib.analyze(newslib.read_text(make(n)), engine="fast")
        out.append(calls[0])
    return out


def assert_linear(counts: list[int], floor: int) -> None:
    """Twice the article, at most 2.5 times the calls (the old loops made four times as many),
    and at least ``floor`` calls on the smaller one: a count of zero (the work moved to another
    function, or the path no longer runs) would pass any ratio and guard nothing."""
    small, large = counts
    assert small >= floor, f"{small} calls counted, at least {floor} expected: the counted function is off the path"
    assert large <= 2.5 * small, (small, large)


def people(n: int) -> str:
    """n people under three first names; every fifth named again with a letter changed."""
    rng = random.Random(n)
    lines = ["Council vote delayed again"]
    for k in range(n):
        first, last = rng.choice(("John", "Mary", "David")), surname(rng)
        lines.append(f"{first} {last} said the plan for the bridge would fail.")
        if k % 5 == 0:
            lines.append(f"{first} {last[:-1]}{'x' if last[-1] != 'x' else 'y'} voted against it.")
    return "\n".join(lines)


def test_spelling_variants_are_found_by_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new full name is checked against the few earlier names sharing a one-letter deletion,
    not every name under its first name (1 MB of such text took 33 s, quadratic)."""
    counts = count_calls(monkeypatch, indexes, "edit1", people)
    assert_linear(counts, N // 5)  # each of the N / 5 misspellings is confirmed by one edit1 at least
    assert counts[1] <= 400, counts  # a few per name; the old scan made ~37,000 here
    analysis = newslib.analyze(newslib.read_text(people(20)), engine="fast")
    variants = [e for e in sources.entities(analysis) if e.variants]
    assert len(variants) == 4  # the misspellings still join their person


def numbers_and_speakers(n: int) -> str:
    lines = ["Budget approved"]
    for k in range(n):
        lines.append(f"The city spent {100 + k} dollars on the roads in March.")
        lines.append(f"Officials said the plan for the bridge would cost {k + 3} million.")
    return "\n".join(lines)


def test_numbers_are_not_compared_with_every_attribution(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each attribution is asked whether it names a source once for the regions (N of them at
    least), not once for every number beside it."""
    assert_linear(count_calls(monkeypatch, coverage, "sourced", numbers_and_speakers), N)


def first_person(n: int) -> str:
    lines = ["Interview"]
    for _ in range(n):
        lines.append("“We will win the vote on the bridge,” I said.")
        lines.append("John Smith said the plan for the bridge would fail.")
    return "\n".join(lines)


def test_first_person_speakers_are_not_compared_with_every_attribution(monkeypatch: pytest.MonkeyPatch) -> None:
    """The contents are indexed once (2N attributions, each read once at least), not read again
    for every "I" that asks which content holds it."""
    assert_linear(count_calls(monkeypatch, resolver, "content_spans", first_person), 2 * N)


# -- each index answers as the scan it replaced --------------------------------------------------


def spans(rng: random.Random, n: int) -> list[tuple[int, int]]:
    return [(a, a + rng.randint(0, 25)) for a in (rng.randint(0, 60) for _ in range(n))]


def test_one_edit_index_is_the_first_match_of_the_scan() -> None:
    rng = random.Random(1)
    for _ in range(300):
        index, added = indexes.OneEditIndex(), []
        for k in range(rng.randint(0, 40)):
            word, group = "".join(rng.choice("abc") for _ in range(rng.randint(1, 6))), rng.choice("xy")
            query = "".join(rng.choice("abc") for _ in range(rng.randint(1, 6)))
            scan = next((v for g, w, v in added if g == group and len(w) > 1 and indexes.edit1(w, query)), None)
            assert index.first(group, query, lambda w: len(w) > 1) == scan
            index.add(group, word, k)
            added.append((group, word, k))
    assert indexes.deletion_keys("A" * 50_000)  # O(len): a long "name" costs no more than its text


def test_span_indexes_answer_as_scans() -> None:
    rng = random.Random(2)
    for _ in range(300):
        items = spans(rng, rng.randint(0, 12))
        index = SpanIndex.build((a, b, k) for k, (a, b) in enumerate(items))
        first = claim_indexes.FirstHolding((a, b, k) for k, (a, b) in enumerate(items))
        for s in range(-1, 90):
            assert sorted(index.keys(s, s + 3)) == [k for k, (a, b) in enumerate(items) if a < s + 3 and b > s]
            assert index.holds(s) == any(a <= s < b for a, b in items)
            assert index.beyond(s, s + 2) == any(a < s and s + 2 < b for a, b in items)
            assert first.first(s, s + 2) == min(
                (k for k, (a, b) in enumerate(items) if a <= s and s + 2 <= b), default=None
            )


def test_covering_and_pieces_answer_as_the_scans() -> None:
    rng = random.Random(3)
    for _ in range(300):
        regions = [(a, b, rng.choice((1, 2)), rng.randint(0, 8)) for a, b in spans(rng, rng.randint(0, 12))]
        index, covering = SpanIndex.build(regions), coverage.Covering(regions)
        for s in sorted(rng.randint(0, 80) for _ in range(15)):
            e = s + rng.randint(1, 6)
            best = min(
                ((-p, i) for lo, hi, p, i in index.overlapping(s - 1, e) if lo <= s and e <= hi + (p == 2)),
                default=None,
            )
            expected = ("", None) if best is None else ("attributed" if best[0] == -2 else "frame", best[1])
            assert covering(Span(s, e)) == expected
        marks = [(max(lo, 10), min(hi, 70), p, i) for lo, hi, p, i in index.overlapping(10, 70)]
        bounds = sorted({10, 70, *(m[0] for m in marks), *(m[1] for m in marks)})
        stretches = zip(bounds, bounds[1:], strict=False)
        for (lo, hi), got in zip(stretches, coverage.covering_marks(marks, bounds), strict=True):
            covers = [m for m in marks if m[0] <= lo and hi <= m[1]]
            assert got == (max(covers, key=lambda m: m[2]) if covers else None)


def test_latest_speaker_and_word_count_answer_as_scans() -> None:
    rng = random.Random(4)
    for _ in range(300):
        entries = sorted((rng.randint(0, 50), k) for k in range(8)) + sorted((rng.randint(0, 50), k) for k in range(4))
        latest = indexes.LatestBefore(entries)
        for pos in range(60):
            prior = [v for p, v in entries if p < pos and pos - p < 15]
            assert latest.get(pos, 15) == (prior[-1] if prior else None)
    text = "".join(rng.choice("ab é_-,.1\n’") for _ in range(300))
    count = indexes.WordCount(text)
    for s in range(0, 300, 7):
        for e in range(s, 310, 11):
            assert count(s, e) == len(re.findall(r"\w+", text[s:e]))
