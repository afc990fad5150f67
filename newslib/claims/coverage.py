"""What the attributions cover: which attribution holds a number, and each sentence cut at
attribution boundaries into content, frame and the rest.

Only attributions that name a source (a source span or a resolved speaker) mark regions: the
content of one that names none says no more than the article itself (see the package
docstring), so its parts are kept apart, for the evidence only (:func:`sourceless_holders`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from heapq import heappop, heappush
from typing import Any

from ..model import Attribution, Sentence, Span, SpanIndex
from .indexes import FirstHolding

_ANY_WORD = re.compile(r"[^\W_]")
THREE_WORDS = re.compile(r"[^\W_]+[\W_]+[^\W_]+[\W_]+[^\W_]")


def _parts(a: Attribution) -> tuple[Span, ...]:
    return a.content_parts or ((a.content,) if a.content else ())


def _frame(a: Attribution) -> list[Span]:
    """The "X said" part: source and cue, joined when nothing of the content lies between them."""
    xs = [x for x in (a.source, a.cue) if x is not None]
    if len(xs) == 2:
        lo, hi = min(x.start for x in xs), max(x.end for x in xs)
        if hi - lo < 80 and not any(p.start < hi and lo < p.end for p in _parts(a)):
            return [Span(lo, hi)]
    return xs


def sourced(a: Attribution) -> bool:
    """Whether an attribution says who: a source span or a resolved speaker. A sourceless one
    ("the talks are expected to ...", "it is believed that ...") credits its content to nobody."""
    return a.source is not None or a.speaker is not None


def regions(attributions: Sequence[Attribution]) -> list[tuple[int, int, int, int]]:
    """(start, end, priority, attribution index) of every content part (priority 2) and frame (1)
    of the attributions that name a source."""
    out: list[tuple[int, int, int, int]] = []
    for i, a in enumerate(attributions):
        if not sourced(a):
            continue
        out.extend((p.start, p.end, 2, i) for p in _parts(a))
        out.extend((f.start, f.end, 1, i) for f in _frame(a))
    return out


def sourceless_holders(attributions: Sequence[Attribution]) -> FirstHolding:
    """The index of the first attribution that names no source whose content holds a stretch
    (one character of slack at a content's end, as in :class:`Covering`)."""
    return FirstHolding(
        (p.start, p.end + 1, i) for i, a in enumerate(attributions) if not sourced(a) for p in _parts(a)
    )


class Covering:
    """'attributed' or 'frame' with the attribution's index when a region of :func:`regions`
    holds a number: a content before a frame, then the first attribution. Numbers are asked in
    text order (a sweep, see :class:`FirstHolding`).

    A content may end just before the sentence's final period, which a number never includes,
    hence the one character of slack at a content's end. An empty span (none is found) needs a
    region strictly around it."""

    def __init__(self, regions: Sequence[tuple[int, int, int, int]]) -> None:
        self._regions = regions
        self._holders = FirstHolding((lo, hi + (prio == 2), (-prio, i)) for lo, hi, prio, i in regions)
        self._around: FirstHolding | None = None

    def __call__(self, span: Span) -> tuple[str, int | None]:
        if span.start < span.end:
            best = self._holders.first(span.start, span.end)
        else:
            if self._around is None:
                self._around = FirstHolding((lo, hi, (-prio, i)) for lo, hi, prio, i in self._regions)
            best = self._around.first(span.start - 1, span.start)
        if best is None:
            return "", None
        return ("attributed" if best[0] == -2 else "frame"), best[1]


def pieces(text: str, sent: Sentence, index: SpanIndex) -> list[tuple[int, int, str, int | None]]:
    """Cut a sentence at attribution boundaries: (start, end, 'attributed'|'frame'|'', index)."""
    ss, se = sent.start, sent.end
    marks = [(max(lo, ss), min(hi, se), prio, i) for lo, hi, prio, i in index.overlapping(ss, se)]
    if not marks:
        return [(ss, se, "", None)]
    bounds = sorted({ss, se, *(m[0] for m in marks), *(m[1] for m in marks)})
    raw: list[list[Any]] = []
    for lo, hi, best in zip(bounds, bounds[1:], covering_marks(marks, bounds), strict=False):
        label = ("attributed" if best[2] == 2 else "frame", best[3]) if best else ("", None)
        if raw and (raw[-1][2], raw[-1][3]) == label:
            raw[-1][1] = hi
        else:
            raw.append([lo, hi, label[0], label[1]])
    # glue: punctuation-only pieces and short unlabelled links ("on Wednesday", "which") join a neighbour
    out: list[list[Any]] = []
    for piece in raw:
        if out and (
            not _ANY_WORD.search(text, piece[0], piece[1])
            or (piece[2] == "" and out[-1][2] == "frame" and not THREE_WORDS.search(text, piece[0], piece[1]))
        ):
            out[-1][1] = piece[1]
            continue
        out.append(piece)
    merged: list[list[Any]] = []
    for k, piece in enumerate(out):
        short = piece[2] == "" and not THREE_WORDS.search(text, piece[0], piece[1])
        if short and k + 1 < len(out) and not merged:
            out[k + 1][0] = piece[0]  # a leading link joins what follows
            continue
        if short and merged:
            merged[-1][1] = piece[1]
            continue
        merged.append(piece)
    return [(s, e, lab, idx) for s, e, lab, idx in merged]


def covering_marks(
    marks: list[tuple[int, int, int, int | None]], bounds: list[int]
) -> Iterable[tuple[int, int, int, int | None] | None]:
    """For each stretch between consecutive ``bounds`` (every mark starts and ends on one), the
    first mark in ``marks`` of the highest priority that covers it, or None: a sweep over the
    stretches with the marks open at each in a heap, where testing every mark for every
    stretch was quadratic in the attributions of a long sentence (with a few marks, as in
    nearly every sentence, the plain scan is the cheaper)."""
    if len(marks) <= 4:
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            best = None
            for m in marks:
                if m[0] <= lo and hi <= m[1] and (best is None or m[2] > best[2]):
                    best = m
            yield best
        return
    order = sorted(range(len(marks)), key=lambda k: marks[k][0])
    opened: list[tuple[int, int]] = []  # (-priority, position in marks)
    k = 0
    for lo in bounds[:-1]:
        while k < len(order) and marks[order[k]][0] <= lo:
            heappush(opened, (-marks[order[k]][2], order[k]))
            k += 1
        while opened and marks[opened[0][1]][1] <= lo:  # ended: it covers no later stretch either
            heappop(opened)
        yield marks[opened[0][1]] if opened else None
