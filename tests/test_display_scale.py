"""The highlighted view finds the marks of a paragraph without scanning them all (it was
quadratic in attributions: 5,218 took 6.8 s); the same marks as the scan, in the same order."""

from __future__ import annotations

import random

import pytest

from newslib import display, read_text
from newslib.display import LONG_MARK, _Mark, _MarkIndex, render_html
from newslib.model import Analysis, Attribution, Span


def test_the_mark_index_finds_what_a_scan_finds() -> None:
    rng = random.Random(3)
    marks = []
    for k in range(3000):
        start = rng.randrange(0, 200_000)
        length = rng.choice([5, 40, 300, LONG_MARK + 1, 150_000]) if k % 97 == 0 else rng.randrange(1, 400)
        marks.append(_Mark(start, start + length, k % 700, "content", False))
    starts = {m.start: [m.index] for m in marks}
    index = _MarkIndex(marks, starts)
    for _ in range(300):
        s = rng.randrange(0, 200_000)
        e = s + rng.randrange(1, 3000)
        assert index.inside(s, e) == [m for m in marks if m.start < e and s < m.end]
        assert index.starting(s, e) == sorted(k for k in starts if s <= k < e)


def _quoted(n: int) -> Analysis:
    """n paragraphs, each one attribution (source, cue, content), made by hand: no detector."""
    line = 'Mayor Velko said "the bridge will wait".'
    text = "\n\n".join([line] * n)
    atts = []
    for k in range(n):
        at = k * (len(line) + 2)
        atts.append(
            Attribution(
                "direct",
                source=Span(at, at + 11),
                cue=Span(at + 12, at + 16),
                content=Span(at + 17, at + len(line) - 1),
            )
        )
    return Analysis(article=read_text(text), attributions=tuple(atts))


def test_the_view_reads_each_mark_a_few_times_not_once_a_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed: the reads of a mark's ends while the view is drawn. Twice the
    paragraphs and marks, at most 2.5 times the reads; a scan of every mark for every paragraph
    reads four times as many (and zero reads would mean the marks are no longer these)."""
    reads = [0]

    class Counted(_Mark):
        def __getattribute__(self, name: str) -> object:
            if name in ("start", "end"):
                reads[0] += 1
            return super().__getattribute__(name)

    monkeypatch.setattr(display, "_Mark", Counted)
    counts = []
    for n in (300, 600):
        reads[0] = 0
        html = render_html(_quoted(n))
        assert html.count('class="nl-src"') >= n  # every source is drawn
        counts.append(reads[0])
    small, large = counts
    assert small >= 3 * 300, counts  # three marks a paragraph, each read once at least
    assert large <= 2.5 * small, counts
