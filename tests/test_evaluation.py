"""newslib.evaluation reproduces the reference scorer's figures and lists errors by kind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newslib.evaluation import evaluate, format_report, overlap, predict, score

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "attribution"
REFERENCE = Path("/work/shared/gold/score.py")

TEXT = "Officials said the plan would fail. “It is dead,” she said. No comment from the mayor."


def _gold(atts):
    return [{"id": "d", "text": TEXT, "attributions": atts}]


def test_overlap_is_token_share_of_larger_span():
    assert overlap(TEXT, (15, 34), (15, 34)) == 1.0
    assert overlap(TEXT, (15, 34), (19, 34)) == pytest.approx(3 / 4)
    assert overlap(TEXT, (15, 34), None) == 0.0


def test_score_matches_by_hand():
    gold = _gold([
        {"kind": "indirect", "source": [0, 9], "cue": [10, 14], "content": [15, 34], "source_name": "Officials"},
        {"kind": "direct", "source": [50, 53], "cue": [54, 58], "content": [36, 49], "source_name": "Jo"},
    ])
    preds = {"d": {"attributions": [
        {"kind": "indirect", "content": {"start": 19, "end": 34}, "cue": {"start": 10, "end": 14},
         "source": {"start": 0, "end": 9}},
        {"kind": "direct", "content": {"start": 36, "end": 49}, "cue": None, "source": None,
         "speaker": {"name": "Anna She"}},
        {"kind": "indirect", "content": {"start": 60, "end": 86}, "cue": None, "source": None},
    ]}}
    r = score(gold, preds)
    assert (r["gold"], r["pred"], r["match"]) == (2, 3, 2)
    assert r["content_p"] == pytest.approx(2 / 3) and r["content_r"] == 1.0
    assert r["exact_f1"] == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5))
    assert r["source_acc"] == 0.5  # "Jo" is too short a name to share a word
    assert r["cue_acc"] == 0.5
    assert r["recall_by_kind"]["direct"] == "1/1 matched, 0 with source"
    assert [e["text"] for e in r["errors"]["false_alarms"]["indirect"]] == ["No comment from the mayor."]


def test_report_formats():
    gold = _gold([{"kind": "indirect", "source": None, "cue": [10, 14], "content": [15, 34]}])
    r = score(gold, {})
    out = format_report(r)
    assert "content" in out and "indirect" in out and "misses" in out


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference scorer not available")
def test_same_figures_as_reference_scorer(tmp_path):
    gold_path = FIXTURES / "articles.jsonl"
    preds = predict(gold_path)
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    ref = json.loads(subprocess.run([sys.executable, str(REFERENCE), str(gold_path), str(pred_path), "--by-kind"],
                                    capture_output=True, text=True, check=True).stdout)
    ours = evaluate(gold_path)
    for k, v in ref.items():
        assert ours[k] == (pytest.approx(v) if isinstance(v, float) else v), k
