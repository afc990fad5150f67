"""The switches of detection (newslib.attribution.settings) are an argument, not a global: what a
caller passes steers the linking, the rules, the scores and the fast tagger; a bad value is
refused; and the record a dataset keeps reads back as the same settings."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from newslib import AttributionSettings, analyze, read_text
from newslib.attribution import settings as settings_module
from newslib.attribution.link import link
from newslib.attribution.scheme import prepare
from newslib.text import text_layer


def test_settings_passed_to_analyze_change_what_detection_keeps(seed_text):
    default = analyze(read_text(seed_text)).attributions
    assert any(a.kind != "no_comment" for a in default)
    strict = analyze(read_text(seed_text), settings=AttributionSettings(min_score=1.01)).attributions
    kept = AttributionSettings().keep_kinds
    assert strict and all(a.kind in kept for a in strict)  # refusals and wire reports: kept whatever their score
    assert any(a.kind == "no_comment" for a in strict)
    none_kept = analyze(read_text(seed_text), settings=AttributionSettings(min_score=1.01, keep_kinds=()))
    assert not none_kept.attributions
    assert analyze(read_text(seed_text)).attributions == default  # nothing global was changed


def test_link_reads_the_settings_it_is_given():
    text = "Officials said the bridge would stay closed until the summer.\n"
    prep = prepare(text_layer(read_text(text)))
    words = [text[t.start : t.end] for t in prep.tokens]
    labels = ["O"] * len(words)
    labels[words.index("Officials")] = "B-S"
    labels[words.index("said")] = "B-Q"
    k = words.index("the")
    labels[k : k + 3] = ["B-C", "I-C", "I-C"]  # the tagger stopped after "the bridge would"

    def content(s: AttributionSettings) -> str:
        (att,) = link(text, prep, labels, s)
        return att.content.text(text)

    assert content(AttributionSettings()) == "the bridge would stay closed until the summer"
    assert content(AttributionSettings(extend=False)) == "the bridge would"
    assert content(AttributionSettings(extend_stop=frozenset({"until"}))) == "the bridge would"


def test_a_bad_setting_is_refused_not_run_as_the_default():
    with pytest.raises(ValueError, match="segment"):
        AttributionSettings(segment="word")
    with pytest.raises(ValueError, match="min_score"):
        AttributionSettings().with_overrides({"min_score": "high"})
    with pytest.raises(ValueError, match="unknown attribution setting"):
        AttributionSettings().with_overrides({"min_scor": 0.5})
    with pytest.raises(ValueError, match="unknown kind quote"):
        AttributionSettings().with_overrides({"keep_kinds": ["no_comment", "quote"]})
    assert not hasattr(settings_module, "SETTINGS")  # no global left for an experiment to change in vain


def test_the_record_reads_back_as_the_same_settings():
    s = AttributionSettings().with_overrides(
        {"min_score": 1, "segment": "sentence", "extend_stop": ["but"], "keep_kinds": ["agency"]}
    )
    assert s == replace(
        AttributionSettings(), min_score=1.0, segment="sentence", extend_stop=frozenset({"but"}), keep_kinds=("agency",)
    )
    assert AttributionSettings.from_record(json.loads(json.dumps(s.record()))) == s
