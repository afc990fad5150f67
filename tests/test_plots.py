"""The figures (newslib.plots): PNG bytes that are the same on every run, with no metadata."""

from __future__ import annotations

from newslib import plots
from newslib.model import Analysis


def test_plots_are_deterministic_png(handmade: Analysis) -> None:
    for make in (plots.plot_kinds, plots.plot_source_types, plots.plot_positions, plots.plot_share):
        first = make(handmade)._repr_png_()
        assert first == make(handmade)._repr_png_()
        assert b"Software" not in first and b"matplotlib" not in first.lower()
