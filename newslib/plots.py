"""Figures of how articles are sourced, for one article or a grouped corpus, and of evaluations.

Each figure draws a table of :mod:`newslib.tables`. Figures are matplotlib figures built without
pyplot, on the Agg canvas, inside a fixed style (DejaVu Sans, which matplotlib ships; fixed sizes
and dpi; a fixed SVG hash salt), and they render themselves in notebooks as PNG without a
Software/date stamp: the same analyses give the same bytes on every run, which is what makes
rendered reports reproducible (see :mod:`newslib.report`).
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

from .model import ATTRIBUTION_KINDS, Analysis
from .tables import (
    GROUP_METRICS,
    NO_SOURCE,
    attributed_share,
    evaluation_by_kind,
    kind_counts,
    positions_frame,
    source_type_counts,
)

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
    "text.parse_math": False,  # an outlet named "$\\frac{a}$" is a name, not a formula that fails the cell
}
"""The rcParams every figure is drawn and saved with, whatever the user's matplotlibrc says."""

KIND_COLOURS = {
    "direct": "#2da44e", "partial": "#8fd19e", "indirect": "#2f6fd6", "according_to": "#8250df",
    "agency": "#d1711c", "no_comment": "#6e7781", "other": "#afb8c1",
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


def plot_groups(table: pd.DataFrame, metrics: Sequence[str] | None = None,
                title: str = "Sourcing by group") -> NewsFigure:
    """Small multiples: one horizontal bar chart a metric of :func:`group_frame`, one bar a group."""
    metrics = list(metrics or GROUP_METRICS)
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
