"""Tables of how one article is sourced, and of evaluations.

The notebooks show these tables (through :mod:`newslib.notebook`): every count, share and rate a
report shows is computed here, once, where it can be tested, rather than in a notebook cell
where it cannot. A corpus, grouped, is summarised where it lies, by DuckDB queries over its
dataset (:mod:`newslib.dataset.summary`), not here.

Named ``frames`` (it was ``newslib.tables``) so it is not confused with
:mod:`newslib.dataset.tables`, the dataset's Parquet schema and rows.

Tables are pandas DataFrames with fixed columns (even for an article with no attributions, so a
report's layout does not depend on what the detector found). Figures of them are in
:mod:`newslib.plots`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .model import ATTRIBUTION_KINDS, Analysis, ArticleFailure, Attribution

if TYPE_CHECKING:
    import pandas as pd

QUOTED_KINDS = ("direct", "partial")
"""Kinds whose content carries the speaker's own words (in quotation marks)."""

NO_SOURCE = "(no source)"


def _frame(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(list(rows), columns=list(columns))


# -- one article ----------------------------------------------------------------------------


def _clean(s: str) -> str:
    return " ".join(s.split())


def speaker_label(analysis: Analysis, a: Attribution) -> str:
    """Who an attribution is credited to: the resolved speaker's name, else the source's words."""
    if a.speaker is not None and a.speaker.name.strip():
        return _clean(a.speaker.name)
    if a.source is not None:
        return _clean(a.source.text(analysis.text)) or NO_SOURCE
    return NO_SOURCE


def _first(a: Attribution) -> int:
    spans = a.spans()
    return min(s.start for s in spans) if spans else 0


def attributions_table(analysis: Analysis) -> pd.DataFrame:
    """The attributions a reader checks: kind, source, cue, content, speaker, score, evidence.

    Same rows (and index) as ``analysis.attributions_frame``, fewer and fixed columns.
    """
    t = analysis.text
    rows = []
    for a in analysis.attributions:
        parts = a.content_parts or ((a.content,) if a.content else ())
        rows.append(
            {
                "kind": a.kind,
                "source": _clean(a.source.text(t)) if a.source else "",
                "cue": _clean(a.cue.text(t)) if a.cue else "",
                "content": " … ".join(_clean(p.text(t)) for p in parts),
                "speaker": a.speaker.name if a.speaker else "",
                "speaker_type": a.speaker.type if a.speaker else "",
                "score": round(a.score, 2),
                "evidence": ", ".join(a.evidence),
            }
        )
    return _frame(rows, ["kind", "source", "cue", "content", "speaker", "speaker_type", "score", "evidence"])


def kind_counts(analyses: Analysis | Iterable[Analysis]) -> pd.DataFrame:
    """Attributions by kind, every kind listed (zeros included) in the model's order."""
    items = [analyses] if isinstance(analyses, Analysis) else list(analyses)
    counts = Counter(a.kind for an in items for a in an.attributions)
    kinds = list(ATTRIBUTION_KINDS) + sorted(k for k in counts if k not in ATTRIBUTION_KINDS)
    total = sum(counts.values())
    return _frame(
        (
            {"kind": k, "attributions": counts.get(k, 0), "share": round(counts.get(k, 0) / total, 4) if total else 0.0}
            for k in kinds
        ),
        ["kind", "attributions", "share"],
    )


def source_type_counts(analysis: Analysis) -> pd.DataFrame:
    """Sources by type (``Source.type``), with how many attributions each type is credited with."""
    sources = Counter(s.type for s in analysis.sources)
    anonymous = Counter(s.type for s in analysis.sources if s.anonymous)
    credited = Counter(a.speaker.type for a in analysis.attributions if a.speaker is not None)
    credited["(unresolved)"] = sum(1 for a in analysis.attributions if a.speaker is None)
    types = sorted(set(sources) | {k for k, v in credited.items() if v})
    return _frame(
        (
            {
                "type": t,
                "sources": sources.get(t, 0),
                "anonymous": anonymous.get(t, 0),
                "attributions": credited.get(t, 0),
            }
            for t in types
        ),
        ["type", "sources", "anonymous", "attributions"],
    )


def positions_frame(analysis: Analysis) -> pd.DataFrame:
    """Where each attribution sits: its speaker, kind, offset, and position as a share of the text."""
    n = max(len(analysis.text), 1)
    paras = analysis.article.paragraphs
    rows = []
    for i, a in enumerate(analysis.attributions):
        start = _first(a)
        para = next((k for k, p in enumerate(paras) if p.start <= start < p.end), None)
        rows.append(
            {
                "attribution": i,
                "speaker": speaker_label(analysis, a),
                "kind": a.kind,
                "start": start,
                "position": round(start / n, 4),
                "paragraph": para,
            }
        )
    return _frame(rows, ["attribution", "speaker", "kind", "start", "position", "paragraph"])


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        elif s < e:
            out.append((s, e))
    return out


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def attributed_share(analysis: Analysis) -> dict[str, int | float]:
    """How much of the article's prose is attributed content, quoted and reported.

    Counted in characters of the paragraphs that can hold speech (headline, body, subheading),
    so captions and credits neither inflate nor dilute the share; where a quoted and a reported
    content overlap, the characters count as quoted.
    """
    prose = _union((p.start, p.end) for p in analysis.article.paragraphs if p.holds_speech)
    if not analysis.article.paragraphs:
        prose = [(0, len(analysis.text))]
    total = sum(e - s for s, e in prose)

    def covered(kinds: Callable[[str], bool]) -> list[tuple[int, int]]:
        spans = []
        for a in analysis.attributions:
            if kinds(a.kind):
                parts = a.content_parts or ((a.content,) if a.content else ())
                spans += [(p.start, p.end) for p in parts]
        return _union(spans)

    quoted = covered(lambda k: k in QUOTED_KINDS)
    anything = covered(lambda k: True)
    q, any_ = _overlap(quoted, prose), _overlap(anything, prose)
    return {
        "prose_chars": total,
        "attributed_chars": any_,
        "quoted_chars": q,
        "reported_chars": any_ - q,
        "attributed_share": round(any_ / total, 4) if total else 0.0,
        "quoted_share": round(q / total, 4) if total else 0.0,
        "reported_share": round((any_ - q) / total, 4) if total else 0.0,
    }


def share_table(analysis: Analysis) -> pd.DataFrame:
    """:func:`attributed_share` as a one-row table, indexed by article id."""
    import pandas as pd

    return pd.DataFrame([attributed_share(analysis)], index=pd.Index([analysis.id], name="article"))


def profile_table(profile: Mapping[str, Any]) -> pd.DataFrame:
    """A profile dict (``newslib.sources.profile``, ``newslib.claims.summary``) as a two-column
    table: scalars as they are, lists and dicts as compact JSON, so it reads as a table."""
    import json

    rows = []
    for key, value in profile.items():
        if isinstance(value, (Mapping, list, tuple)):
            value = json.dumps(value, ensure_ascii=False, sort_keys=isinstance(value, Mapping), default=str)
        rows.append({"figure": key, "value": value})
    return _frame(rows, ["figure", "value"]).set_index("figure")


def errors_frame(items: Iterable[Analysis | ArticleFailure]) -> pd.DataFrame:
    """The articles that could not be read or analysed (origin, id, message), for a report."""
    rows = [{"origin": e.origin, "id": e.id, "error": e.message} for e in items if isinstance(e, ArticleFailure)]
    return _frame(rows, ["origin", "id", "error"])


# -- evaluation against gold ----------------------------------------------------------------


EVALUATION_FIGURES = (
    "content_p",
    "content_r",
    "content_f1",
    "e2e_p",
    "e2e_r",
    "e2e_f1",
    "exact_f1",
    "source_acc",
    "cue_acc",
    "ece",
)
"""The headline figures of :func:`newslib.evaluation.evaluate`, as the reference scorer names them."""


def evaluation_summary(result: Mapping[str, Any]) -> pd.DataFrame:
    """The scorer's headline figures as a one-column table (with the gold/pred/match counts)."""
    import pandas as pd

    rows = {k: round(float(result[k]), 4) for k in EVALUATION_FIGURES if k in result}
    rows.update({k: int(result[k]) for k in ("gold", "pred", "match") if k in result})
    return pd.DataFrame({"value": pd.Series(rows, dtype="object")}).rename_axis(f"engine {result.get('engine', '?')}")


def evaluation_reliability(result: Mapping[str, Any]) -> pd.DataFrame:
    """The reliability table of the scores: per score bin, attributions, mean score and the share
    the reference scorer matched (a calibrated engine has the two close; ``ece`` sums the gaps)."""
    rows = [
        {
            "scores": f"{b['low']:.1f}-{b['high']:.1f}",
            "attributions": b["count"],
            "mean_score": round(b["mean_score"], 3),
            "share_right": round(b["right"], 3),
        }
        for b in result.get("reliability") or ()
    ]
    return _frame(rows, ["scores", "attributions", "mean_score", "share_right"])


def _recall_counts(value: Any) -> tuple[int, int, int]:
    """``"3/5 matched, 2 with source"`` (the scorer's wording) as (matched, gold, with source)."""
    import re

    if isinstance(value, Mapping):
        return int(value.get("matched", 0)), int(value.get("gold", 0)), int(value.get("with_source", 0))
    m = re.match(r"\s*(\d+)\s*/\s*(\d+)\D+(\d+)?", str(value))
    if not m:
        return 0, 0, 0
    return int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)


def evaluation_by_kind(result: Mapping[str, Any]) -> pd.DataFrame:
    """Per gold kind: gold attributions, matched, matched with the right source, recall, and the
    misses and false alarms listed in the result's errors."""
    errors = result.get("errors") or {}
    misses, alarms = errors.get("misses", {}), errors.get("false_alarms", {})
    by_kind = result.get("recall_by_kind", {})
    kinds = [k for k in ATTRIBUTION_KINDS if k in by_kind or k in misses or k in alarms]
    kinds += sorted(k for k in set(by_kind) | set(misses) | set(alarms) if k not in ATTRIBUTION_KINDS)
    rows = []
    for k in kinds:
        matched, gold, sourced = _recall_counts(by_kind.get(k, ""))
        rows.append(
            {
                "kind": k,
                "gold": gold,
                "matched": matched,
                "with_source": sourced,
                "recall": round(matched / gold, 4) if gold else float("nan"),
                "misses": len(misses.get(k, ())),
                "false_alarms": len(alarms.get(k, ())),
            }
        )
    return _frame(rows, ["kind", "gold", "matched", "with_source", "recall", "misses", "false_alarms"])


def evaluation_errors(result: Mapping[str, Any], what: str = "misses", per_kind: int = 10) -> pd.DataFrame:
    """The first ``per_kind`` misses (or ``false_alarms``) of each kind, with their snippets."""
    listed = (result.get("errors") or {}).get(what, {})
    rows = []
    for k in sorted(listed):
        for e in listed[k][:per_kind]:
            content = e.get("content")
            rows.append(
                {
                    "kind": k,
                    "id": e.get("id"),
                    "at": content[0] if content else None,
                    "source": e.get("source_text", ""),
                    "cue": e.get("cue_text", ""),
                    "content": e.get("text", ""),
                }
            )
    return _frame(rows, ["kind", "id", "at", "source", "cue", "content"])
