"""What annotating a sample costs, estimated from its words and newslib's attributions.

An assumption, not a measurement (no annotation was timed for it): an annotator reads every
word once with care (``words_per_minute``, 200 for close reading), then checks each
pre-annotated attribution, correcting spans and speaker fields where needed
(``seconds_per_attribution``, 20), and adds what newslib missed, each taking longer
(``seconds_per_missed``, 60) — the missed share being 1 - recall on a comparable corpus. Change
the rates to your annotators' and the sums follow.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CostModel:
    """The rates an estimate assumes (see the module's docstring)."""

    words_per_minute: float = 200.0
    seconds_per_attribution: float = 20.0
    seconds_per_missed: float = 60.0
    recall: float = 0.64
    """The share of true attributions newslib pre-annotates (fast engine, PolNeAR dev: 0.635)."""


def minutes(words: float, attributions: float, model: CostModel = CostModel()) -> float:
    """Minutes to annotate an article of ``words`` words with ``attributions`` pre-annotated."""
    missed = attributions * (1 / model.recall - 1) if model.recall > 0 else 0.0
    return (
        words / model.words_per_minute
        + attributions * model.seconds_per_attribution / 60
        + missed * model.seconds_per_missed / 60
    )


def estimate(
    records: Sequence[Mapping[str, Any]],
    articles: int = 100,
    model: CostModel = CostModel(),
    second_annotator: float = 0.2,
) -> dict[str, float]:
    """Per article and for ``articles`` like them (a share ``second_annotator`` annotated twice,
    for agreement): words, pre-annotated attributions, minutes and hours."""
    n = len(records) or 1
    words = sum(len(str(r["text"]).split()) for r in records) / n
    atts = sum(len(r.get("attributions", [])) for r in records) / n
    per = minutes(words, atts, model)
    return {
        "words per article": words,
        "attributions per article": atts,
        "minutes per article": per,
        f"hours for {articles} articles": per * articles / 60,
        f"hours with {second_annotator:.0%} annotated twice": per * articles * (1 + second_annotator) / 60,
    }
