"""The switches of detection (newslib.attribution.settings): the defaults are the values the
module globals they replace had, and detection reads them when it runs."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, replace

import pytest

from newslib import analyze, read_text
from newslib.attribution import settings
from newslib.attribution.settings import AttributionSettings


def test_defaults_are_the_former_module_switches():
    assert settings.SETTINGS == AttributionSettings(
        extend=True, extend_stop=frozenset({"but", ";", ",", "while", "whereas", "although", "though"}),
        orphans=True, cross_sentence=40.0, complement_gap=6, outer=True, segment="paragraph", min_score=0.4,
        keep_nested=False)
    with pytest.raises(FrozenInstanceError):
        settings.SETTINGS.min_score = 0.0  # type: ignore[misc]


def test_replacing_the_settings_changes_what_detection_reads(monkeypatch, seed_text):
    assert any(a.kind != "no_comment" for a in analyze(read_text(seed_text)).attributions)
    monkeypatch.setattr(settings, "SETTINGS", replace(settings.SETTINGS, min_score=1.01))
    atts = analyze(read_text(seed_text)).attributions
    assert atts and all(a.kind == "no_comment" for a in atts)  # refusals are kept whatever their score
