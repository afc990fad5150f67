"""The figures (newslib.plots): PNG bytes that are the same on every run, with no metadata."""

from __future__ import annotations

from pathlib import Path

from newslib import plots
from newslib.model import Analysis


def test_plots_are_deterministic_png(handmade: Analysis) -> None:
    for make in (plots.plot_kinds, plots.plot_source_types, plots.plot_positions, plots.plot_share):
        first = make(handmade)._repr_png_()
        assert first == make(handmade)._repr_png_()
        assert b"Software" not in first and b"matplotlib" not in first.lower()


def test_who_is_quoted_figures_are_deterministic_png(quoted_dataset: Path) -> None:
    from newslib.dataset import open_dataset, summary

    ds = open_dataset(quoted_dataset)
    genders, categories = summary.gender_table(ds, "outlet"), summary.speaker_categories(ds, "outlet")
    figures = [
        lambda: plots.plot_gender(genders),
        lambda: plots.plot_gender(genders, by="attributions"),
        lambda: plots.plot_gender_over_time(summary.gender_over_time(ds)),
        lambda: plots.plot_gender_over_time(summary.gender_over_time(ds, group_by="outlet"), by="attributions"),
        lambda: plots.plot_gender_over_time(summary.gender_over_time(ds, "outlet")),  # no dated article
        lambda: plots.plot_speaker_categories(categories),
    ]
    for make in figures:
        first = make()._repr_png_()
        assert first.startswith(b"\x89PNG") and first == make()._repr_png_()
        assert b"Software" not in first and b"matplotlib" not in first.lower()
    labels = [t.get_text() for t in plots.plot_gender(genders).axes[0].get_yticklabels()]
    assert labels == ["Courier", r"The \$Post"]  # drawn as written, not as mathtext


def test_who_is_quoted_figures_cap_the_groups_and_escape_dollars() -> None:
    import pandas as pd

    from newslib.dataset.summary import CATEGORIES, GENDER_COLUMNS

    groups = [f"$x$ outlet {i}" for i in range(40)]
    genders = pd.DataFrame(
        {c: [0.5 if c.endswith("_share") else i + 1 for i in range(40)] for c in GENDER_COLUMNS}, index=groups
    )
    fig = plots.plot_gender(genders)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == 30 and labels[0] == r"\$x\$ outlet 10"
    assert "30 of 40 groups" in fig.axes[0].get_title(loc="left")
    cats = pd.DataFrame({c: [1.0 / len(CATEGORIES)] * 40 for c in [f"{c}_share" for c in CATEGORIES]}, index=groups)
    cats["attributions"] = range(40)
    assert len(plots.plot_speaker_categories(cats, limit=5).axes[0].get_yticklabels()) == 5
    empty = plots.plot_gender(genders.iloc[:0])._repr_png_()
    assert empty.startswith(b"\x89PNG")
