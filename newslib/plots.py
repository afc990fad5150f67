"""Tables and plots of how articles are sourced, for one article or a grouped corpus.

The notebooks only call these functions: every count, share and rate a report shows is computed
here, once, where it can be tested, rather than in a notebook cell where it cannot.

Tables are pandas DataFrames with fixed columns (even for an article with no attributions, so a
report's layout does not depend on what the detector found). Plots are matplotlib figures built
without pyplot, on the Agg canvas, inside a fixed style (DejaVu Sans, which matplotlib ships;
fixed sizes and dpi; a fixed SVG hash salt), and they render themselves in notebooks as PNG
without a Software/date stamp: the same analyses give the same bytes on every run, which is what
makes rendered reports reproducible (see :mod:`newslib.report`).
"""

from __future__ import annotations

import io
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .model import ATTRIBUTION_KINDS, Analysis, ArticleError, Attribution

if TYPE_CHECKING:
    import pandas as pd

STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
    "axes.titlesize": 10.0,
    "axes.labelsize": 9.0,
    "xtick.labelsize": 8.0,
    "ytick.labelsize": 8.0,
    "legend.fontsize": 8.0,
    "figure.dpi": 100.0,
    "savefig.dpi": 100.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "svg.hashsalt": "newslib",
    "svg.fonttype": "path",
    "path.simplify": True,
}
"""The rcParams every figure is drawn and saved with, whatever the user's matplotlibrc says."""

QUOTED_KINDS = ("direct", "partial")
"""Kinds whose content carries the speaker's own words (in quotation marks)."""

KIND_COLOURS = {
    "direct": "#2da44e", "partial": "#8fd19e", "indirect": "#2f6fd6", "according_to": "#8250df",
    "agency": "#d1711c", "no_comment": "#6e7781", "other": "#afb8c1",
}
_GREY = "#57606a"
NO_SOURCE = "(no source)"
NO_GROUP = "(none)"


@contextmanager
def style() -> Iterator[None]:
    """Draw (or save) inside the fixed newslib style."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        yield


class NewsFigure(Figure):
    """A matplotlib Figure that shows itself in a notebook as a metadata-free PNG.

    Built without pyplot, so the inline backend never shows it a second time and no global
    figure list grows; ``_repr_png_`` saves in the fixed style with ``metadata={"Software":
    None}`` so the bytes depend on nothing but the drawing.
    """

    def _repr_png_(self) -> bytes:
        return png_bytes(self)

    def __repr__(self) -> str:
        w, h = self.get_size_inches()
        return f"<NewsFigure {w:g}x{h:g} in, {len(self.axes)} axes>"


def png_bytes(fig: Figure) -> bytes:
    """The figure as PNG bytes: fixed dpi, tight box, no metadata (so no version or date)."""
    buf = io.BytesIO()
    with style():
        fig.savefig(buf, format="png", dpi=STYLE["savefig.dpi"], bbox_inches="tight",
                    metadata={"Software": None}, facecolor="white")
    return buf.getvalue()


def _figure(width: float, height: float) -> NewsFigure:
    fig = NewsFigure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _finish(fig: NewsFigure) -> NewsFigure:
    """Lay the figure out once, then freeze it: constrained layout can shift a legend placed
    outside the axes by a pixel on every draw, and a report must not change between saves."""
    with style():
        fig.canvas.draw()
    fig.set_layout_engine("none")
    return fig


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


def _empty(ax: Any, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", color=_GREY, transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def plot_kinds(analyses: Analysis | Iterable[Analysis], title: str = "Attributions by kind") -> NewsFigure:
    """Horizontal bars: attributions of each kind."""
    counts = kind_counts(analyses)
    with style():
        fig = _figure(6.0, 2.6)
        ax = fig.add_subplot()
        ys = list(range(len(counts)))[::-1]
        colours = [KIND_COLOURS.get(k, _GREY) for k in counts["kind"]]
        ax.barh(ys, counts["attributions"], color=colours)
        ax.set_yticks(ys, [k.replace("_", " ") for k in counts["kind"]])
        for y, v in zip(ys, counts["attributions"], strict=True):
            ax.text(v, y, f" {v}", va="center", fontsize=8, color=_GREY)
        ax.set_xlabel("attributions")
        ax.set_xlim(0, max(1, int(counts["attributions"].max())) * 1.15)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title(title, loc="left")
    return _finish(fig)


def plot_source_types(analysis: Analysis, title: str = "Sources by type") -> NewsFigure:
    """Bars per source type: distinct sources (anonymous part hatched) and attributions credited."""
    table = source_type_counts(analysis)
    with style():
        fig = _figure(6.0, 2.6)
        ax = fig.add_subplot()
        if table.empty:
            _empty(ax, "no sources resolved")
        else:
            ys = list(range(len(table)))[::-1]
            ax.barh([y + 0.2 for y in ys], table["sources"], height=0.4, color="#2f6fd6", label="sources")
            ax.barh([y + 0.2 for y in ys], table["anonymous"], height=0.4, color="#9dbdf0", edgecolor="#2f6fd6",
                    hatch="///", linewidth=0, label="of which anonymous")
            ax.barh([y - 0.2 for y in ys], table["attributions"], height=0.4, color="#afb8c1",
                    label="attributions credited")
            ax.set_yticks(ys, list(table["type"]))
            ax.set_xlabel("count")
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        ax.set_title(title, loc="left")
    return _finish(fig)


def plot_positions(analysis: Analysis, title: str = "Where each source speaks") -> NewsFigure:
    """One row a speaker (in order of first appearance), one marker an attribution along the text."""
    pos = positions_frame(analysis)
    speakers = list(dict.fromkeys(pos["speaker"])) if not pos.empty else []
    if NO_SOURCE in speakers:  # the unattributed go last, below every named speaker
        speakers = [s for s in speakers if s != NO_SOURCE] + [NO_SOURCE]
    with style():
        fig = _figure(7.0, max(1.8, 0.8 + 0.28 * len(speakers)))
        ax = fig.add_subplot()
        if not speakers:
            _empty(ax, "no attributions found")
        else:
            row = {s: len(speakers) - 1 - k for k, s in enumerate(speakers)}
            present = set(pos["kind"])
            for kind in [k for k in ATTRIBUTION_KINDS if k in present] + sorted(present - set(ATTRIBUTION_KINDS)):
                sel = pos[pos["kind"] == kind]
                ax.scatter(sel["position"] * 100, [row[s] for s in sel["speaker"]], s=36,
                           color=KIND_COLOURS.get(kind, _GREY), label=kind.replace("_", " "), zorder=3)
            ax.set_yticks(list(row.values()), [_short(s, 40) for s in row])
            ax.set_ylim(-0.7, len(speakers) - 0.3)
            ax.grid(axis="x", color="#d0d7de", linewidth=0.6)
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        ax.set_xlim(-2, 102)
        ax.set_xlabel("position in the article (% of text)")
        ax.set_title(title, loc="left")
    return _finish(fig)


def plot_share(analysis: Analysis, title: str = "Share of the prose that is attributed") -> NewsFigure:
    """One stacked bar: quoted, reported and unattributed characters of the article's prose."""
    share = attributed_share(analysis)
    with style():
        fig = _figure(6.0, 1.4)
        ax = fig.add_subplot()
        left = 0.0
        for key, label, colour in (("quoted_share", "quoted", "#2da44e"),
                                   ("reported_share", "reported", "#2f6fd6")):
            ax.barh([0], [share[key] * 100], left=left, color=colour, label=f"{label} {share[key]:.0%}")
            left += share[key] * 100
        ax.barh([0], [100 - left], left=left, color="#eaeef2",
                label=f"not attributed {1 - share['attributed_share']:.0%}")
        ax.set_xlim(0, 100)
        ax.set_yticks([])
        ax.set_xlabel("% of prose characters")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.55), ncol=3, frameon=False)
        ax.set_title(title, loc="left")
    return _finish(fig)


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


# -- a corpus, grouped ----------------------------------------------------------------------


def group_of(analysis: Analysis, group_by: str) -> str:
    """The article's group: ``article.metadata[group_by]`` as text, or ``(none)``."""
    value = analysis.article.metadata.get(group_by)
    if value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == "":
        return NO_GROUP
    return str(value)


def has_speaker(a: Attribution) -> bool:
    """Credited to a resolved speaker (a photo credit is not one): the denominator of the
    anonymous and agency rates, as in ``newslib.sources.profile``."""
    return a.speaker is not None and a.speaker.type != "credit"


def is_anonymous(a: Attribution) -> bool:
    """Credited to a resolved speaker the article does not name."""
    return has_speaker(a) and a.speaker is not None and a.speaker.anonymous


def is_agency(a: Attribution) -> bool:
    """Credited to a wire service (a speaker resolved as an agency)."""
    return has_speaker(a) and a.speaker is not None and a.speaker.type == "agency"


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
            "with_speaker": sum(has_speaker(a) for a in atts),
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


def notebook_setup() -> None:
    """Pandas display options shared by the notebooks: every column shown, text cut late."""
    import pandas as pd

    pd.set_option("display.max_columns", 40)
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.width", 200)
    pd.set_option("display.precision", 3)


def errors_frame(items: Iterable[Analysis | ArticleError]) -> pd.DataFrame:
    """The articles that could not be read or analysed (origin, id, message), for a report."""
    rows = [{"origin": e.origin, "id": e.id, "error": e.message}
            for e in items if isinstance(e, ArticleError)]
    return _frame(rows, ["origin", "id", "error"])


def plot_groups(table: pd.DataFrame, metrics: Sequence[str] | None = None,
                title: str = "Sourcing by group") -> NewsFigure:
    """Small multiples: one horizontal bar chart a metric of :func:`group_frame`, one bar a group."""
    metrics = list(metrics or GROUP_METRICS)
    groups = [str(g) for g in table.index]
    with style():
        fig = _figure(2.3 * len(metrics), max(1.8, 0.9 + 0.3 * len(groups)))
        axes = fig.subplots(1, len(metrics), sharey=True, squeeze=False)[0]
        ys = list(range(len(groups)))[::-1]
        for ax, metric in zip(axes, metrics, strict=True):
            values = [float(v) for v in table[metric]]
            shown = [0.0 if math.isnan(v) else v for v in values]
            ax.barh(ys, shown, color="#2f6fd6")
            # rates share one scale, 0 to 100%, so groups and metrics compare at a glance
            top = max([v for v in shown if v > 0] or [1.0]) if metric == "sources_per_article" else 1.0
            for y, v in zip(ys, values, strict=True):
                if math.isnan(v):
                    label = "n/a"
                else:
                    label = f"{v:.1f}" if metric == "sources_per_article" else f"{v:.0%}"
                ax.text(0 if math.isnan(v) else v, y, " " + label, va="center", fontsize=7, color=_GREY)
            ax.set_xlim(0, top * 1.35)
            ax.set_title(metric.replace("_", " "), fontsize=9, loc="left")
            ax.set_xticks([])
            ax.spines["bottom"].set_visible(False)
        axes[0].set_yticks(ys, [_short(g, 24) for g in groups])
        fig.suptitle(title, x=0.0, ha="left", fontsize=10)
    return _finish(fig)


def plot_kind_table(table: pd.DataFrame, title: str = "Attributions by kind") -> NewsFigure:
    """One 100% bar a group (the columns of ``newslib.dataset.summary.kind_table``), one segment a
    kind: every group on the same scale, whatever its size."""
    shares = (table / table.sum().replace(0, 1)).T
    groups = [str(g) for g in shares.index]
    with style():
        fig = _figure(7.0, max(1.6, 0.9 + 0.35 * len(groups)))
        ax = fig.add_subplot()
        ys = list(range(len(groups)))[::-1]
        left = [0.0] * len(groups)
        for kind in shares.columns:
            values = [float(v) for v in shares[kind]]
            if any(values):
                ax.barh(ys, values, left=left, color=KIND_COLOURS.get(kind, _GREY), label=kind.replace("_", " "))
            left = [a + b for a, b in zip(left, values, strict=True)]
        ax.set_yticks(ys, [_short(g, 24) for g in groups])
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
        ax.legend(ncol=4, fontsize=7, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12))
        ax.set_title(title, loc="left")
    return _finish(fig)


# -- evaluation against gold ----------------------------------------------------------------

EVALUATION_FIGURES = ("content_p", "content_r", "content_f1", "e2e_p", "e2e_r", "e2e_f1", "exact_f1",
                      "source_acc", "cue_acc")
"""The headline figures of :func:`newslib.evaluation.evaluate`, as the reference scorer names them."""


def evaluation_summary(result: Mapping[str, Any]) -> pd.DataFrame:
    """The scorer's headline figures as a one-column table (with the gold/pred/match counts)."""
    import pandas as pd

    rows = {k: round(float(result[k]), 4) for k in EVALUATION_FIGURES if k in result}
    rows.update({k: int(result[k]) for k in ("gold", "pred", "match") if k in result})
    return pd.DataFrame({"value": pd.Series(rows, dtype="object")}).rename_axis(
        f"engine {result.get('engine', '?')}")


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


def plot_recall_by_kind(result: Mapping[str, Any], title: str = "Recall by gold kind") -> NewsFigure:
    """Per kind: gold attributions, those found, and those found with the right source."""
    table = evaluation_by_kind(result)
    with style():
        fig = _figure(6.0, max(1.8, 0.8 + 0.35 * len(table)))
        ax = fig.add_subplot()
        if table.empty:
            _empty(ax, "no gold attributions")
        else:
            ys = list(range(len(table)))[::-1]
            ax.barh(ys, table["gold"], color="#eaeef2", label="gold")
            ax.barh(ys, table["matched"], color="#9dbdf0", label="found")
            ax.barh(ys, table["with_source"], color="#2f6fd6", label="found, right source")
            ax.set_yticks(ys, [k.replace("_", " ") for k in table["kind"]])
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_xlabel("gold attributions")
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        ax.set_title(title, loc="left")
    return _finish(fig)
