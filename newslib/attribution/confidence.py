"""Scores that mean something: the probability that an attribution is right.

An attribution's ``score`` is the estimated probability that a human annotator marked the same
attribution (a content sharing at least half its words with the annotator's, as the reference
scorer matches them). It is computed in two steps:

1. **Evidence from the model.** The tagger's CRF gives every token a marginal probability of
   each label (forward-backward, :func:`.fast.tagger.marginals`). For an attribution the features
   are how sure the model is of its spans (mean and least probability that the content's
   tokens are content, mean probability of the cue's and the source's tokens), the length of
   the content, how the attribution was made (its ``origin``: the tagger's content, a cue the
   tagger left without content, or a readable rule) and its kind.
2. **Calibration.** A logistic regression over those features, fitted on the PolNeAR dev file
   (:func:`fit`, run by ``newslib calibrate GOLD --engine ENGINE``),
   turns them into a probability; ``newslib eval`` prints the reliability table and the expected
   calibration error (ECE), so "score ≥ 0.9" can be checked to keep mostly right attributions.

Coefficients live beside each model as ``<model>.calibration.json``. Without that file the
score is the model's mean content marginal: still ordered, not calibrated.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..model import Attribution, Maker, Span
from .scheme import LABELS, Prepared
from .settings import AttributionSettings

KINDS = ("direct", "partial", "indirect", "according_to", "agency", "no_comment", "other")
FEATURES = (
    "bias",
    "content_mean",
    "content_min",
    "cue_mean",
    "source_mean",
    "has_source",
    "has_content",
    "content_words",
    "made_by_cue",
    "made_by_rule",
    *(f"kind_{k}" for k in KINDS),
)
_ROLE_COLUMNS = {role: [i for i, lab in enumerate(LABELS) if lab.endswith("-" + role)] for role in "SQC"}


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _role_probs(marg: np.ndarray, prep: Prepared, starts: list[int], span: Span | None, role: str) -> list[float]:
    """The probability, for each token inside ``span``, that its label has ``role``."""
    if span is None:
        return []
    lo, hi = bisect_left(starts, span.start), bisect_left(starts, span.end)
    if lo >= hi:
        return []
    return marg[lo:hi, _ROLE_COLUMNS[role]].sum(axis=1).tolist()


def features(a: Attribution, marg: np.ndarray, prep: Prepared, starts: list[int]) -> list[float]:
    """The feature vector of one attribution (named by :data:`FEATURES`)."""
    c = _role_probs(marg, prep, starts, a.content, "C")
    q = _role_probs(marg, prep, starts, a.cue, "Q")
    s = _role_probs(marg, prep, starts, a.source, "S")
    return [
        1.0,
        _logit(sum(c) / len(c)) if c else 0.0,
        _logit(min(c)) if c else 0.0,
        _logit(sum(q) / len(q)) if q else 0.0,
        _logit(sum(s) / len(s)) if s else 0.0,
        1.0 if a.source is not None else 0.0,
        1.0 if c else 0.0,
        math.log1p(len(c)),
        1.0 if a.made_by(Maker.ORPHAN) else 0.0,
        1.0 if a.made_by(Maker.RULE, Maker.CREDIT) else 0.0,
        *(1.0 if a.kind == k else 0.0 for k in KINDS),
    ]


def feature_rows(atts: Sequence[Attribution], marg: np.ndarray, prep: Prepared) -> np.ndarray:
    starts = [t.start for t in prep.tokens]
    return np.array([features(a, marg, prep, starts) for a in atts]).reshape(len(atts), len(FEATURES))


@lru_cache(maxsize=4)
def load_calibration(path: Path) -> np.ndarray | None:
    """The coefficients in ``path`` (None when the file is missing), checked against FEATURES."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path}: calibration features differ from this version's; refit it")
    return np.array(data["weights"], dtype=np.float64)


def keep_likely(
    atts: Sequence[Attribution], marg: np.ndarray, prep: Prepared, calibration: Path, settings: AttributionSettings
) -> list[Attribution]:
    """``atts`` with their scores replaced by calibrated probabilities (rounded to 3 places),
    those under the ``min_score`` setting left out (but the ``keep_kinds``); wire credits keep
    theirs (see :mod:`.credits`)."""
    min_score, keep = settings.min_score, settings.keep_kinds
    return [a for a in _scored(atts, marg, prep, calibration) if a.score >= min_score or a.kind in keep]


def _scored(atts: Sequence[Attribution], marg: np.ndarray, prep: Prepared, calibration: Path) -> list[Attribution]:
    if not atts:
        return list(atts)
    x = feature_rows(atts, marg, prep)
    w = load_calibration(calibration)
    probs = sigmoid(x[:, FEATURES.index("content_mean")] if w is None else x @ w)
    return [
        a if a.made_by(Maker.CREDIT) else replace(a, score=round(float(p), 3)) for a, p in zip(atts, probs, strict=True)
    ]


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function: a logit (or a calibration's linear score) as a probability."""
    return 1 / (1 + np.exp(-z))


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, iterations: int = 50) -> np.ndarray:
    """Logistic regression by Newton's method with an L2 penalty (the bias unpenalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = sigmoid(x @ w)
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def reliability(pairs: Sequence[tuple[float, bool]], bins: int = 10) -> tuple[list[dict[str, float]], float]:
    """Reliability table (per score bin: count, mean score, share right) and the expected
    calibration error: the count-weighted mean gap between score and share right."""
    table = []
    ece = 0.0
    n = len(pairs)
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inbin = [(s, ok) for s, ok in pairs if lo <= s < hi or (b == bins - 1 and s == 1.0)]
        if not inbin:
            continue
        mean = sum(s for s, _ in inbin) / len(inbin)
        right = sum(ok for _, ok in inbin) / len(inbin)
        table.append({"low": lo, "high": hi, "count": len(inbin), "mean_score": mean, "right": right})
        ece += len(inbin) / n * abs(mean - right)
    return table, ece
