"""Figures of how articles are sourced, for one article or a grouped corpus, and of evaluations.

Each figure draws a table of :mod:`newslib.frames` or :mod:`newslib.dataset.summary`. Figures
are matplotlib figures built without pyplot, on the Agg canvas, inside a fixed style (DejaVu
Sans, which matplotlib ships; fixed sizes and dpi; a fixed SVG hash salt), and they render
themselves in notebooks as PNG without a Software/date stamp: the same analyses give the same
bytes on every run, which is what makes rendered reports reproducible (see :mod:`newslib.report`).
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .frames import (
    NO_SOURCE,
    attributed_share,
    evaluation_by_kind,
    kind_counts,
    positions_frame,
    source_type_counts,
)
from .model import ATTRIBUTION_KINDS, Analysis

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.typing import RcKeyType

STYLE: dict[RcKeyType, Any] = {
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
    "text.parse_math": False,  # an outlet named "$\\frac{a}$" is a name, not a formula that fails the cell
}
"""The rcParams every figure is drawn and saved with, whatever the user's matplotlibrc says."""

KIND_COLOURS = {
    "direct": "#2da44e",
    "partial": "#8fd19e",
    "indirect": "#2f6fd6",
    "according_to": "#8250df",
    "agency": "#d1711c",
    "no_comment": "#6e7781",
    "other": "#afb8c1",
}
_GREY = "#57606a"
MAX_GROUPS = 40
"""Groups a corpus figure shows at most (the first of the table's order): 3,000 outlets took
142 s, 1.9 GB and a 17.8 MB PNG that showed nothing readable."""


def _capped(n: int, title: str) -> tuple[int, str]:
    """How many groups to draw, and the title saying what was left out."""
    return (n, title) if n <= MAX_GROUPS else (MAX_GROUPS, f"{title} (first {MAX_GROUPS} of {n:,} groups)")


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
        fig.savefig(
            buf,
            format="png",
            dpi=STYLE["savefig.dpi"],
            bbox_inches="tight",
            metadata={"Software": None},
            facecolor="white",
        )
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


def _empty(ax: Any, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", color=_GREY, transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


# -- one article ----------------------------------------------------------------------------


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
            ax.barh(
                [y + 0.2 for y in ys],
                table["anonymous"],
                height=0.4,
                color="#9dbdf0",
                edgecolor="#2f6fd6",
                hatch="///",
                linewidth=0,
                label="of which anonymous",
            )
            ax.barh(
                [y - 0.2 for y in ys], table["attributions"], height=0.4, color="#afb8c1", label="attributions credited"
            )
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
                ax.scatter(
                    sel["position"] * 100,
                    [row[s] for s in sel["speaker"]],
                    s=36,
                    color=KIND_COLOURS.get(kind, _GREY),
                    label=kind.replace("_", " "),
                    zorder=3,
                )
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
        for key, label, colour in (("quoted_share", "quoted", "#2da44e"), ("reported_share", "reported", "#2f6fd6")):
            ax.barh([0], [share[key] * 100], left=left, color=colour, label=f"{label} {share[key]:.0%}")
            left += share[key] * 100
        ax.barh(
            [0], [100 - left], left=left, color="#eaeef2", label=f"not attributed {1 - share['attributed_share']:.0%}"
        )
        ax.set_xlim(0, 100)
        ax.set_yticks([])
        ax.set_xlabel("% of prose characters")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.55), ncol=3, frameon=False)
        ax.set_title(title, loc="left")
    return _finish(fig)


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


# -- a corpus, grouped ----------------------------------------------------------------------


def plot_groups(
    table: pd.DataFrame, metrics: Sequence[str] | None = None, title: str = "Sourcing by group"
) -> NewsFigure:
    """Small multiples: one horizontal bar chart a metric of
    :func:`newslib.dataset.summary.group_table` (by default each of its ``GROUP_METRICS``), one
    bar a group."""
    if not metrics:
        from .dataset.summary import GROUP_METRICS

        metrics = list(GROUP_METRICS)
    shown_groups, title = _capped(len(table), title)
    table = table.iloc[:shown_groups]
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
    shown_groups, title = _capped(len(table.columns), title)
    table = table.iloc[:, :shown_groups]
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


# -- who is quoted: gender and speaker categories in a corpus ---------------------------------

GENDER_COLOURS = {"female": "#8250df", "male": "#d1711c", "unknown": "#d0d7de"}
"""Women, men and people of unknown gender, the same in every figure."""

CATEGORY_COLOURS = {
    "named_person": "#2f6fd6",
    "named_organisation": "#9dbdf0",
    "unnamed_individual": "#d1711c",
    "unnamed_group": "#f0b27a",
    "document": "#2da44e",
    "unknown": "#afb8c1",
    "no_speaker": "#eaeef2",
}
"""The speaker categories of ``newslib.dataset.summary.speaker_categories``: named speakers in
blues, unnamed (anonymous) ones in oranges."""

_GENDERS = ("female", "male", "unknown")
_GENDER_LABELS = {"female": "women", "male": "men", "unknown": "unknown"}


def _no_math(s: object) -> str:
    """A label matplotlib draws as written: ``$`` would start mathtext (an outlet "The $Money Post")."""
    return str(s).replace("$", r"\$")


def _top_groups(table: pd.DataFrame, limit: int, size: str = "attributions") -> tuple[pd.DataFrame, str]:
    """The ``limit`` largest groups by ``size``, in the table's order, and a note on those left out."""
    if len(table) <= limit:
        return table, ""
    kept = table.loc[table[size].sort_values(ascending=False, kind="stable").index[:limit]]
    return table.loc[
        [g for g in table.index if g in kept.index]
    ], f" (the {limit} of {len(table)} groups with most {size})"


def plot_gender(
    table: pd.DataFrame, by: str = "people", limit: int = 30, title: str = "Who is quoted: women, men and unknown"
) -> NewsFigure:
    """One 100% bar a group of ``newslib.dataset.summary.gender_table``: the share of the named
    people quoted (``by="people"``) or of the attributions to them (``by="attributions"``) who
    are women, men or of unknown gender, with the count at the bar's end; the ``limit``
    groups with most attributions."""
    if by not in ("people", "attributions"):
        raise ValueError(f"by must be 'people' or 'attributions', not {by!r}")
    table, note = _top_groups(table, limit)
    groups = [str(g) for g in table.index]
    prefix = "" if by == "people" else "attributions_"
    with style():
        fig = _figure(7.0, max(1.8, 1.0 + 0.32 * len(groups)))
        ax = fig.add_subplot()
        ys = list(range(len(groups)))[::-1]
        if not groups or not int(table[by].sum()):
            _empty(ax, "no named people quoted")
        else:
            left = [0.0] * len(groups)
            for g in _GENDERS:
                values = [0.0 if math.isnan(float(v)) else float(v) for v in table[f"{prefix}{g}_share"]]
                ax.barh(ys, values, left=left, color=GENDER_COLOURS[g], label=_GENDER_LABELS[g])
                for y, x0, v in zip(ys, left, values, strict=True):
                    if v >= 0.08:
                        ax.text(
                            x0 + v / 2,
                            y,
                            f"{v:.0%}",
                            ha="center",
                            va="center",
                            fontsize=7,
                            color="#1f2328" if g == "unknown" else "white",
                        )
                left = [a + b for a, b in zip(left, values, strict=True)]
            for y, count in zip(ys, table[by], strict=True):
                ax.text(1.01, y, f"{int(count):,}", va="center", fontsize=7, color=_GREY)
            ax.set_yticks(ys, [_no_math(_short(g, 28)) for g in groups])
            ax.set_xlim(0, 1.08)
            ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
            ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
            ax.set_xlabel(
                f"share of {'named people quoted' if by == 'people' else 'attributions to named people'}"
                f" (number at the right)"
            )
            ax.legend(
                ncol=3, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.5 / max(1, len(groups)) - 0.12)
            )
        ax.set_title(_no_math(title + note), loc="left")
    return _finish(fig)


def plot_gender_over_time(
    table: pd.DataFrame, by: str = "people", limit: int = 12, title: str = "Who is quoted, over time"
) -> NewsFigure:
    """Lines over the periods of ``newslib.dataset.summary.gender_over_time``, one a gender: the
    share of the named people quoted (or, ``by="attributions"``, of the attributions to them)
    who are women, men or of unknown gender. A grouped table gives one small panel a group
    (the ``limit`` groups with most attributions; the title says per what). A period without
    named people breaks the line; the articles without a date are counted in the subtitle, not
    drawn."""
    import pandas as pd

    if by not in ("people", "attributions"):
        raise ValueError(f"by must be 'people' or 'attributions', not {by!r}")
    from .dataset.summary import NO_DATE

    prefix = "" if by == "people" else "attributions_"
    group_col = table.columns[0] if table.columns[0] != "period" else None
    dated = table[table["period"] != NO_DATE]
    undated = int(table.loc[table["period"] == NO_DATE, "articles"].sum())
    if group_col:
        sizes = table.groupby(group_col, sort=False)["attributions"].sum()
        keep = list(sizes.sort_values(ascending=False, kind="stable").index[:limit])
        panels = [(str(g), dated[dated[group_col] == g]) for g in sizes.index if g in keep] or [("", dated)]
        note = f", per {group_col}" + (
            f" (the {limit} of {len(sizes)} groups with most attributions)" if len(sizes) > limit else ""
        )
    else:
        panels, note = [("", dated)], ""
    periods = sorted(set(dated["period"]))  # labels of one period kind sort as time does
    cols = min(3, len(panels))
    rows = max(1, math.ceil(len(panels) / cols))
    with style():
        fig = _figure(7.0 if cols == 1 else 3.0 * cols, 2.8 if not group_col else 0.6 + 2.0 * rows)
        axes = fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False).ravel()
        pos = {p: i for i, p in enumerate(periods)}
        step = max(1, math.ceil(len(periods) / (8 if cols == 1 else 4)))
        for k, (ax, (name, part)) in enumerate(zip(axes, panels, strict=False)):
            if k + cols >= len(panels):  # the lowest panel of its column shows the periods
                ax.tick_params(labelbottom=True)
            if not periods:
                _empty(ax, "no dated articles")
                continue
            xs = [pos[p] for p in part["period"]]
            for g in _GENDERS:
                ys = pd.to_numeric(part[f"{prefix}{g}_share"], errors="coerce").astype(float)
                ax.plot(
                    xs,
                    ys,
                    color=GENDER_COLOURS[g] if g != "unknown" else _GREY,
                    marker="o",
                    markersize=3,
                    linewidth=1.5,
                    label=_GENDER_LABELS[g],
                    linestyle="--" if g == "unknown" else "-",
                )
            ax.set_ylim(0, 1)
            ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
            ax.set_xticks(
                range(0, len(periods), step),
                [periods[i] for i in range(0, len(periods), step)],
                rotation=45,
                ha="right",
            )
            ax.grid(axis="y", color="#d0d7de", linewidth=0.6)
            if name:
                ax.set_title(_no_math(_short(name, 30)), fontsize=9, loc="left")
        for ax in axes[len(panels) :]:
            ax.set_visible(False)
        if periods:
            axes[0].legend(ncol=3, frameon=False, loc="lower left", bbox_to_anchor=(0.0, 1.12 if group_col else 1.0))
        what = "named people quoted" if by == "people" else "attributions to named people"
        sub = f"share of {what}" + (f"; {undated:,} articles without a date not drawn" if undated else "")
        fig.suptitle(_no_math(f"{title}{note}\n{sub}"), x=0.0, ha="left", fontsize=10)
    return _finish(fig)


def plot_speaker_categories(
    table: pd.DataFrame, limit: int = 30, title: str = "Who speaks: named, unnamed and anonymous"
) -> NewsFigure:
    """One 100% bar a group of ``newslib.dataset.summary.speaker_categories``, one segment a
    speaker category (unnamed, anonymous speakers in oranges), the ``limit`` groups with most
    attributions."""
    from .dataset.summary import CATEGORIES

    table, note = _top_groups(table, limit)
    groups = [str(g) for g in table.index]
    with style():
        fig = _figure(7.0, max(1.8, 1.1 + 0.32 * len(groups)))
        ax = fig.add_subplot()
        ys = list(range(len(groups)))[::-1]
        if not groups or not int(table["attributions"].sum()):
            _empty(ax, "no attributions")
        else:
            left = [0.0] * len(groups)
            for c in CATEGORIES:
                values = [0.0 if math.isnan(float(v)) else float(v) for v in table[f"{c}_share"]]
                if any(values):
                    ax.barh(ys, values, left=left, color=CATEGORY_COLOURS.get(c, _GREY), label=c.replace("_", " "))
                left = [a + b for a, b in zip(left, values, strict=True)]
            ax.set_yticks(ys, [_no_math(_short(g, 28)) for g in groups])
            ax.set_xlim(0, 1)
            ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
            ax.set_xlabel("share of attributions")
            ax.legend(
                ncol=4,
                fontsize=7,
                frameon=False,
                loc="upper center",
                bbox_to_anchor=(0.5, -0.5 / max(1, len(groups)) - 0.12),
            )
        ax.set_title(_no_math(title + note), loc="left")
    return _finish(fig)
