"""The one interval index (newslib.spans.SpanIndex) that the rules, the sources and the claims
stages ask: which spans overlap a stretch, whether one covers a position or reaches past it.
tests/test_scaling.py checks it against scans on random spans; these are cases read by hand."""

from __future__ import annotations

from newslib.spans import SpanIndex

# (start, end, key): a long quotation 0-100 holding two short ones, and one after it
ITEMS = [(40, 50, "b"), (0, 100, "a"), (10, 20, "c"), (120, 130, "d")]


def test_overlapping_gives_every_span_meeting_the_stretch_last_start_first():
    index = SpanIndex.build(ITEMS)
    assert index.overlapping(15, 45) == [(40, 50, "b"), (10, 20, "c"), (0, 100, "a")]
    assert index.keys(60, 125) == ["d", "a"]
    assert index.keys(100, 120) == []  # half-open: 0-100 ends where the stretch starts, 120 starts where it ends
    assert index.keys(20, 40) == ["a"]


def test_a_long_span_does_not_hide_a_short_one_before_it():
    """The running maximum of the ends: the search stops only once every earlier span has ended."""
    index = SpanIndex.build([(0, 5, 0), (2, 300, 1), (250, 260, 2)])
    assert sorted(index.keys(3, 4)) == [0, 1]
    assert index.keys(255, 256) == [2, 1]
    assert index.reach == [5, 300, 300]


def test_holds_and_beyond():
    index = SpanIndex.build((s, e) for s, e, _ in ITEMS)
    assert index.holds(0) and index.holds(99) and not index.holds(100) and index.holds(129)
    assert not index.holds(110) and not index.holds(130)
    assert index.beyond(1, 99) and not index.beyond(1, 100)  # a span starting before 1 ends after 99
    assert not index.beyond(0, 5)  # none starts before 0
    assert not SpanIndex.build([]).holds(0) and SpanIndex.build([]).keys(0, 10) == []
