"""Tables of how articles are sourced, for one article or a grouped corpus, and of evaluations.

The notebooks show these tables (through :mod:`newslib.notebook`): every count, share and rate a
report shows is computed here, once, where it can be tested, rather than in a notebook cell
where it cannot. This is also where "a resolved speaker counts" is decided for the group rates
(``Attribution.has_speaker``, the definition ``newslib.sources.profile`` shares).

Tables are pandas DataFrames with fixed columns (even for an article with no attributions, so a
report's layout does not depend on what the detector found). Figures of them are in
:mod:`newslib.plots`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .model import ATTRIBUTION_KINDS, Analysis, ArticleError, Attribution

if TYPE_CHECKING:
    import pandas as pd

QUOTED_KINDS = ("direct", "partial")
"""Kinds whose content carries the speaker's own words (in quotation marks)."""

NO_SOURCE = "(no source)"
NO_GROUP = "(none)"


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
        rows.append({
            "kind": a.kind,
            "source": _clean(a.source.text(t)) if a.source else "",
            "cue": _clean(a.cue.text(t)) if a.cue else "",
            "content": " … ".join(_clean(p.text(t)) for p in parts),
            "speaker": a.speaker.name if a.speaker else "",
            "speaker_type": a.speaker.type if a.speaker else "",
            "score": round(a.score, 2),
            "evidence": ", ".join(a.evidence),
        })
    return _frame(rows, ["kind", "source", "cue", "content", "speaker", "speaker_type", "score", "evidence"])


def kind_counts(analyses: Analysis | Iterable[Analysis]) -> pd.DataFrame:
    """Attributions by kind, every kind listed (zeros included) in the model's order."""
    items = [analyses] if isinstance(analyses, Analysis) else list(analyses)
    counts = Counter(a.kind for an in items for a in an.attributions)
    kinds = list(ATTRIBUTION_KINDS) + sorted(k for k in counts if k not in ATTRIBUTION_KINDS)
    total = sum(counts.values())
    return _frame(({"kind": k, "attributions": counts.get(k, 0),
                    "share": round(counts.get(k, 0) / total, 4) if total else 0.0} for k in kinds),
                  ["kind", "attributions", "share"])


def source_type_counts(analysis: Analysis) -> pd.DataFrame:
    """Sources by type (``Source.type``), with how many attributions each type is credited with."""
    sources = Counter(s.type for s in analysis.sources)
    anonymous = Counter(s.type for s in analysis.sources if s.anonymous)
    credited = Counter(a.speaker.type for a in analysis.attributions if a.speaker is not None)
    credited["(unresolved)"] = sum(1 for a in analysis.attributions if a.speaker is None)
    types = sorted(set(sources) | {k for k, v in credited.items() if v})
    return _frame(({"type": t, "sources": sources.get(t, 0), "anonymous": anonymous.get(t, 0),
                    "attributions": credited.get(t, 0)} for t in types),
                  ["type", "sources", "anonymous", "attributions"])


def positions_frame(analysis: Analysis) -> pd.DataFrame:
    """Where each attribution sits: its speaker, kind, offset, and position as a share of the text."""
    n = max(len(analysis.text), 1)
    paras = analysis.article.paragraphs
    rows = []
    for i, a in enumerate(analysis.attributions):
        start = _first(a)
        para = next((k for k, p in enumerate(paras) if p.start <= start < p.end), None)
        rows.append({"attribution": i, "speaker": speaker_label(analysis, a), "kind": a.kind,
                     "start": start, "position": round(start / n, 4), "paragraph": para})
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


# -- a corpus, grouped ----------------------------------------------------------------------


def group_of(analysis: Analysis, group_by: str) -> str:
    """The article's group: ``article.metadata[group_by]`` as text, or ``(none)``."""
    value = analysis.article.metadata.get(group_by)
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == "":
        return NO_GROUP
    return str(value)


def is_anonymous(a: Attribution) -> bool:
    """Credited to a resolved speaker the article does not name."""
    return a.has_speaker and a.speaker is not None and a.speaker.anonymous


def is_agency(a: Attribution) -> bool:
    """Credited to a wire service (a speaker resolved as an agency)."""
    return a.has_speaker and a.speaker is not None and a.speaker.type == "agency"


def distinct_sources(analysis: Analysis) -> int:
    """How many different sources the article cites (resolved sources, else distinct speakers)."""
    if analysis.sources:
        return len({s.name.casefold() for s in analysis.sources})
    return len({speaker_label(analysis, a).casefold() for a in analysis.attributions
                if speaker_label(analysis, a) != NO_SOURCE})


def _rate(num: int, den: int) -> float:
    return round(num / den, 4) if den else float("nan")


def article_frame(analyses: Iterable[Analysis], group_by: str = "publisher") -> pd.DataFrame:
    """One row an article: its group and the counts every group comparison is built from."""
    rows = []
    for an in analyses:
        atts = an.attributions
        share = attributed_share(an)
        rows.append({
            "id": an.id, "group": group_of(an, group_by), "words": len(an.text.split()),
            "attributions": len(atts),
            "with_speaker": sum(a.has_speaker for a in atts),
            "direct": sum(a.kind == "direct" for a in atts),
            "quoted": sum(a.kind in QUOTED_KINDS for a in atts),
            "anonymous": sum(is_anonymous(a) for a in atts),
            "agency": sum(is_agency(a) for a in atts),
            "distinct_sources": distinct_sources(an),
            "attributed_share": share["attributed_share"],
        })
    return _frame(rows, ["id", "group", "words", "attributions", "with_speaker", "direct", "quoted",
                         "anonymous", "agency",
                         "distinct_sources", "attributed_share"])


GROUP_METRICS = {
    "anonymous_rate": "share of attributions with a resolved speaker whose speaker is anonymous",
    "agency_share": "share of attributions with a resolved speaker credited to a wire service",
    "direct_share": "share of attributions that are direct quotations",
    "quoted_share": "share of attributions quoted in whole or part (direct or partial), not reported",
    "sources_per_article": "distinct sources per article (mean)",
    "attributed_share": "share of prose that is attributed content (mean per article)",
}
"""The per-group figures of :func:`group_frame`, with what each one means."""


def group_frame(analyses: Iterable[Analysis], group_by: str = "publisher") -> pd.DataFrame:
    """Per group: articles, attributions, and the rates of :data:`GROUP_METRICS`.

    Rates are pooled over a group's attributions (an article with many attributions weighs
    more) with the definitions of ``newslib.sources.profile`` (anonymous and agency over the
    attributions with a resolved speaker, direct over all); per-article means are used for what
    only makes sense per article. A group without attributions has NaN rates, not zeros:
    nothing was measured.
    """
    per = article_frame(analyses, group_by)
    rows = []
    for group in sorted(set(per["group"])):
        g = per[per["group"] == group]
        n = int(g["attributions"].sum())
        spoken = int(g["with_speaker"].sum())
        rows.append({
            "group": group, "articles": len(g), "attributions": n,
            "anonymous_rate": _rate(int(g["anonymous"].sum()), spoken),
            "agency_share": _rate(int(g["agency"].sum()), spoken),
            "direct_share": _rate(int(g["direct"].sum()), n),
            "quoted_share": _rate(int(g["quoted"].sum()), n),
            "sources_per_article": round(float(g["distinct_sources"].mean()), 2),
            "attributed_share": round(float(g["attributed_share"].mean()), 4),
        })
    frame = _frame(rows, ["group", "articles", "attributions", *GROUP_METRICS])
    return frame.set_index("group").rename_axis(group_by)


def top_sources(analyses: Iterable[Analysis], group_by: str | None = None, n: int = 10) -> pd.DataFrame:
    """The most cited sources (by attributions), overall or per group, with type and reach."""
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    types: dict[tuple[str, str], str] = {}
    for an in analyses:
        group = group_of(an, group_by) if group_by else ""
        for a in an.attributions:
            name = speaker_label(an, a)
            if name == NO_SOURCE:
                continue
            key = (group, name)
            counts[key]["attributions"] += 1
            articles[key].add(an.id)
            types.setdefault(key, a.speaker.type if a.speaker else "unresolved")
    rows = [{"group": g, "source": s, "type": types[(g, s)], "attributions": c["attributions"],
             "articles": len(articles[(g, s)])} for (g, s), c in counts.items()]
    frame = _frame(rows, ["group", "source", "type", "attributions", "articles"])
    frame = frame.sort_values(["group", "attributions", "articles", "source"],
                              ascending=[True, False, False, True], kind="mergesort")
    frame = frame.groupby("group", sort=True).head(n).reset_index(drop=True)
    if not group_by:
        return frame.drop(columns="group")
    return frame.rename(columns={"group": group_by})


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


def errors_frame(items: Iterable[Analysis | ArticleError]) -> pd.DataFrame:
    """The articles that could not be read or analysed (origin, id, message), for a report."""
    rows = [{"origin": e.origin, "id": e.id, "error": e.message}
            for e in items if isinstance(e, ArticleError)]
    return _frame(rows, ["origin", "id", "error"])


# -- evaluation against gold ----------------------------------------------------------------


EVALUATION_FIGURES = ("content_p", "content_r", "content_f1", "e2e_p", "e2e_r", "e2e_f1", "exact_f1",
                      "source_acc", "cue_acc", "ece")
"""The headline figures of :func:`newslib.evaluation.evaluate`, as the reference scorer names them."""


def evaluation_summary(result: Mapping[str, Any]) -> pd.DataFrame:
    """The scorer's headline figures as a one-column table (with the gold/pred/match counts)."""
    import pandas as pd

    rows = {k: round(float(result[k]), 4) for k in EVALUATION_FIGURES if k in result}
    rows.update({k: int(result[k]) for k in ("gold", "pred", "match") if k in result})
    return pd.DataFrame({"value": pd.Series(rows, dtype="object")}).rename_axis(
        f"engine {result.get('engine', '?')}")


def evaluation_reliability(result: Mapping[str, Any]) -> pd.DataFrame:
    """The reliability table of the scores: per score bin, attributions, mean score and the share
    the reference scorer matched (a calibrated engine has the two close; ``ece`` sums the gaps)."""
    rows = [{"scores": f"{b['low']:.1f}-{b['high']:.1f}", "attributions": b["count"],
             "mean_score": round(b["mean_score"], 3), "share_right": round(b["right"], 3)}
            for b in result.get("reliability") or ()]
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
        rows.append({"kind": k, "gold": gold, "matched": matched, "with_source": sourced,
                     "recall": round(matched / gold, 4) if gold else float("nan"),
                     "misses": len(misses.get(k, ())), "false_alarms": len(alarms.get(k, ()))})
    return _frame(rows, ["kind", "gold", "matched", "with_source", "recall", "misses", "false_alarms"])


def evaluation_errors(result: Mapping[str, Any], what: str = "misses", per_kind: int = 10) -> pd.DataFrame:
    """The first ``per_kind`` misses (or ``false_alarms``) of each kind, with their snippets."""
    listed = (result.get("errors") or {}).get(what, {})
    rows = []
    for k in sorted(listed):
        for e in listed[k][:per_kind]:
            content = e.get("content")
            rows.append({"kind": k, "id": e.get("id"), "at": content[0] if content else None,
                         "source": e.get("source_text", ""), "cue": e.get("cue_text", ""),
                         "content": e.get("text", "")})
    return _frame(rows, ["kind", "id", "at", "source", "cue", "content"])
