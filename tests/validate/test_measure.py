"""Figures with bootstrap intervals over articles, and the corpus figures behind them."""

from __future__ import annotations

import pytest

from newslib.validate.measure import bootstrap, figure_counts, figures, resample_weights


def _rows(n: int, hits: int, of: int) -> list[dict[str, float]]:
    """``n`` articles, the first ``hits`` of every ``of`` all matched, the others all missed."""
    return [
        {"gold": 4, "pred": 4, "match": 4 if i % of < hits else 0, "source": 4 if i % of < hits else 0}
        for i in range(n)
    ]


def test_the_bootstrap_is_deterministic_and_its_interval_holds_the_value() -> None:
    figs = [f for f in figures(()) if f.section == "detection"]
    one = bootstrap(_rows(40, 3, 4), figs, resamples=500, seed=1)
    assert one.equals(bootstrap(_rows(40, 3, 4), figs, resamples=500, seed=1))
    f1 = one.set_index("figure").loc["content F1"]
    assert f1["value"] == pytest.approx(0.75) and f1["low"] < 0.75 < f1["high"]
    assert not one.equals(bootstrap(_rows(40, 3, 4), figs, resamples=500, seed=2))


def test_intervals_narrow_as_the_sample_grows() -> None:
    figs = [f for f in figures(()) if f.name == "content recall"]
    widths = [bootstrap(_rows(n, 3, 4), figs, resamples=1000)["width"].iloc[0] for n in (20, 80, 320)]
    assert widths[0] > widths[1] > widths[2]
    assert widths[0] / widths[2] == pytest.approx(4, rel=0.3)  # 1/sqrt(n)


def test_resampling_draws_n_articles_each_time() -> None:
    w = resample_weights(7, 50, seed=0)
    assert w.shape == (50, 7) and (w.sum(axis=1) == 7).all()


def test_corpus_figure_counts_from_gold_and_from_predictions() -> None:
    gold = [
        {"speaker_category": "unnamed_group", "source_name": "officials"},
        {"speaker_category": "named_person", "speaker_gender": "female", "source_name": "Ann Lee"},
        {"speaker_category": "named_person", "speaker_gender": "female", "source_name": "Mayor Ann Lee"},
        {"speaker_category": "named_person", "speaker_gender": "male", "source_name": "Bo Park"},
        {"speaker_category": "named_organisation", "speaker_type": "agency", "source_name": "Reuters"},
        {"source_name": "it"},
    ]
    assert figure_counts(gold, gold=True) == {"spoken": 5, "anonymous": 1, "agency": 1, "people": 2, "women": 1}
    preds = [
        {"speaker": {"ref": "S1", "name": "Ann Lee", "category": "named_person", "gender": "female"}},
        {"speaker": {"ref": "S1", "name": "Lee", "category": "named_person", "gender": "female"}},
        {"speaker": {"ref": "S2", "name": "a source", "category": "unnamed_individual"}},
        {"speaker": {"ref": "C1", "name": "AP Photo", "type": "credit"}},
        {"speaker": None},
    ]
    assert figure_counts(preds, gold=False) == {"spoken": 3, "anonymous": 1, "agency": 0, "people": 1, "women": 1}


def test_the_by_kind_correction_weights_each_kind_by_precision_over_recall() -> None:
    import pandas as pd

    from newslib.validate.report import _by_kind, _by_ratio

    corpus = pd.DataFrame(
        {"spoken": [100, 100], "anonymous": [10, 50], "agency": [0, 0]},
        index=pd.Index(["direct", "indirect"], name="kind"),
    )
    sample = {
        "tpp:direct": 10,
        "pred:direct": 10,
        "tpg:direct": 10,
        "gold:direct": 10,
        "tpp:indirect": 8,
        "pred:indirect": 10,
        "tpg:indirect": 8,
        "gold:indirect": 20,
    }
    # indirect speech: precision 0.8, recall 0.4, so each predicted one stands for two
    assert float(_by_kind("anonymous share", "anonymous", "spoken", 0.3, corpus, sample)) == pytest.approx(110 / 300)
    ratio = {"g:anonymous": 3, "g:spoken": 10, "p:anonymous": 2, "p:spoken": 10}
    assert float(_by_ratio("anonymous share", "anonymous", "spoken", 0.3, corpus, ratio)) == pytest.approx(0.45)
