"""The tag scheme both engines share: which tokens are tagged, their labels, and spans to labels.

Both taggers (the fast engine's CRF and the accurate engine's encoder) see the same tokens
(:func:`prepare`: those of speech paragraphs) and give each one of the same labels
(:data:`LABELS`); both are trained on labels made from gold spans the same way
(:func:`gold_spans`, :func:`spans_to_labels`), and the links between spans are made from their
labels by the same code (:func:`runs`, read by :mod:`.link`). So the scheme lives here, apart
from either engine.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Analysis, Token

LABELS = ("O", "B-S", "I-S", "B-Q", "I-Q", "B-C", "I-C")
"""Tagger labels: source (S), cue (Q) and content (C) spans, each with a distinct B- so two
adjacent spans of the same role (two contents in a row) stay apart."""


@dataclass
class Prepared:
    """The tokens the tagger sees (those of speech paragraphs), with their sentence and paragraph."""

    tokens: list[Token]
    sentence: list[int]
    paragraph: list[int]
    in_quote: list[bool]
    quote_id: list[int]
    """Index of the outermost quotation region holding the token, or -1."""


def prepare(analysis: Analysis) -> Prepared:
    """Tokens of headline, body and subheading paragraphs, in order, with their context indices.

    Captions, credits, bylines, datelines and noise are left out here, so they can never become
    part of an attribution. Ranges are found by bisection on token starts (this runs on every
    article, so it avoids a Python loop with several comparisons per token).
    """
    tokens = analysis.tokens
    starts = [t.start for t in tokens]
    n = len(tokens)
    sent_all = [-1] * n
    for si, s in enumerate(analysis.sentences):
        lo, hi = bisect_left(starts, s.start), bisect_left(starts, s.end)
        sent_all[lo:hi] = [si] * (hi - lo)
    qid_all = [-1] * n
    for qi, q in enumerate(analysis.quotes):
        if q.depth == 0:
            lo, hi = bisect_left(starts, q.start), bisect_left(starts, q.end)
            qid_all[lo:hi] = [qi] * (hi - lo)
    toks: list[Token] = []
    sent_of: list[int] = []
    par_of: list[int] = []
    q_id: list[int] = []
    for pi, p in enumerate(analysis.article.paragraphs):
        if not p.holds_speech:
            continue
        lo, hi = bisect_left(starts, p.start), bisect_left(starts, p.end)
        toks.extend(tokens[lo:hi])
        sent_of.extend(sent_all[lo:hi])
        q_id.extend(qid_all[lo:hi])
        par_of.extend([pi] * (hi - lo))
    return Prepared(toks, sent_of, par_of, [q >= 0 for q in q_id], q_id)


def spans_to_labels(prep: Prepared, spans: Sequence[tuple[str, int, int]]) -> list[str]:
    """Gold spans (role S/Q/C, start, end) to token labels; content wins over source over cue.

    Content is the outermost span, so when a gold source or cue lies inside another attribution's
    content (a nested attribution), the token stays content: the scorer matches contents first.
    """
    labels = ["O"] * len(prep.tokens)
    owner: list[tuple[int, int, int] | None] = [None] * len(prep.tokens)
    prio = {"C": 3, "S": 2, "Q": 1}
    starts = [t.start for t in prep.tokens]
    import bisect

    for role, s, e in sorted(spans, key=lambda x: (prio[x[0]], x[2] - x[1])):
        i = bisect.bisect_left(starts, s)
        while i < len(prep.tokens) and prep.tokens[i].end <= e:
            owner[i] = (prio[role], s, e)
            labels[i] = role
            i += 1
    out = []
    prev = None
    for lab, own in zip(labels, owner, strict=True):
        if lab == "O":
            out.append("O")
        else:
            out.append(("I-" if own == prev else "B-") + lab)
        prev = own
    return out


def gold_spans(g: dict[str, Any]) -> list[tuple[str, int, int]]:
    """(role, start, end) of every gold source, cue and content (content parts when split)."""
    out: list[tuple[str, int, int]] = []
    for a in g["attributions"]:
        if a.get("source"):
            out.append(("S", *a["source"]))
        if a.get("cue"):
            out.append(("Q", *a["cue"]))
        parts = a.get("content_parts") or ([a["content"]] if a.get("content") else [])
        for p in parts:
            out.append(("C", *p))
    return out


@dataclass
class Run:
    """A maximal run of tokens with one role: indices ``i..j`` (inclusive) into prepared tokens."""

    role: str
    i: int
    j: int
    prob: float = 1.0


def runs(labels: Sequence[str]) -> list[Run]:
    """Runs of B-/I- labels, a new run at every B-."""
    out: list[Run] = []
    cur: Run | None = None
    for k, lab in enumerate(labels):
        if lab == "O":
            cur = None
            continue
        role = lab[2:]
        if lab.startswith("B-") or cur is None or cur.role != role:
            cur = Run(role, k, k)
            out.append(cur)
        else:
            cur.j = k
    return out
