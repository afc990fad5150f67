"""Scores are probabilities: a logistic calibration over the CRF marginals (whose forward-backward
is tested with the fast tagger, tests/attribution/fast/test_tagger.py), and the reliability table
that checks it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newslib import analyze, read_text
from newslib.attribution.confidence import FEATURES, fit, reliability
from newslib.attribution.fast.engine import MODEL_NAME, model_dir
from newslib.attribution.settings import AttributionSettings
from newslib.evaluation import format_report, score


def test_reliability_table_and_expected_calibration_error():
    pairs = [(0.95, True)] * 9 + [(0.95, False)] + [(0.25, True)] + [(0.25, False)] * 3
    table, ece = reliability(pairs)
    assert [(b["count"], b["right"]) for b in table] == [(4, 0.25), (10, 0.9)]
    assert ece == pytest.approx((4 * 0.0 + 10 * 0.05) / 14)


def test_logistic_fit_recovers_the_generating_probabilities():
    rng = np.random.default_rng(3)
    x = np.column_stack([np.ones(4000), rng.normal(size=4000)])
    y = (rng.random(4000) < 1 / (1 + np.exp(-(0.5 + 2.0 * x[:, 1])))).astype(float)
    w = fit(x, y, l2=0.0)
    assert w == pytest.approx([0.5, 2.0], abs=0.15)


def test_shipped_calibration_matches_this_versions_features():
    data = json.loads((model_dir() / f"{MODEL_NAME}.calibration.json").read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES and len(data["weights"]) == len(FEATURES)
    assert data["ece_cross_fitted"] < 0.05


def test_seed_scores_are_probabilities_not_constants(seed_text):
    atts = analyze(read_text(seed_text)).attributions
    scores = [a.score for a in atts]
    least = AttributionSettings().min_score
    assert all(least <= a.score <= 1 for a in atts if a.kind != "no_comment")  # refusals are always kept
    assert len(set(scores)) >= len(scores) // 2  # each from its own evidence, not one constant a rule


def test_eval_report_prints_the_reliability_table():
    text = "Officials said the plan would fail. The mayor said it would work."
    gold = [
        {
            "id": "d",
            "text": text,
            "attributions": [{"content": [15, 34], "cue": [10, 14], "source": [0, 9], "kind": "indirect"}],
        }
    ]
    preds = {
        "d": {
            "attributions": [
                {"content": {"start": 15, "end": 34}, "score": 0.92},
                {"content": {"start": 51, "end": 64}, "score": 0.41},
            ]
        }
    }
    res = score(gold, preds)
    assert res["ece"] == pytest.approx((0.08 + 0.41) / 2)
    report = format_report(res)
    assert "expected calibration error 0.245" in report and "0.9-1.0:     1" in report


def test_calibrate_command_fits_and_writes_the_calibration(tmp_path, capsys):
    from pathlib import Path

    from newslib import cli

    gold = Path(__file__).resolve().parents[1] / "fixtures" / "attribution" / "articles.jsonl"
    out = tmp_path / "cal.json"
    assert cli.main(["calibrate", str(gold), "--engine", "fast", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["fitted_on"] == "articles.jsonl" and data["attributions"] > 20
    assert tuple(data["features"]) == FEATURES and 0 <= data["ece_in_sample"] <= 1
    assert "wrote" in capsys.readouterr().out
