"""The tables behind the notebooks (newslib.frames): fixed columns, counts and rates on a
hand-made analysis, so they hold whatever the detector finds (a corpus's group figures are
test_summary's)."""

from __future__ import annotations

from conftest import SEED

from newslib import frames, plots
from newslib.inputs import read
from newslib.model import Analysis


def test_tables_have_fixed_columns_without_attributions() -> None:
    empty = Analysis(article=read(SEED))
    assert list(frames.attributions_table(empty).columns)[:4] == ["kind", "source", "cue", "content"]
    assert frames.kind_counts(empty)["attributions"].sum() == 0
    assert frames.positions_frame(empty).empty
    assert frames.attributed_share(empty)["attributed_share"] == 0.0
    for fig in (
        plots.plot_kinds(empty),
        plots.plot_positions(empty),
        plots.plot_source_types(empty),
        plots.plot_share(empty),
    ):
        assert fig._repr_png_().startswith(b"\x89PNG")


def test_article_tables(handmade: Analysis) -> None:
    table = frames.attributions_table(handmade)
    assert len(table) == 5 and table.loc[1, "content"] == "“So now we’re working … convenient date,”"
    kinds = frames.kind_counts(handmade).set_index("kind")["attributions"]
    assert kinds["direct"] == 2 and kinds["other"] == 0
    types = frames.source_type_counts(handmade).set_index("type")
    assert types.loc["agency", "sources"] == 1 and types.loc["anonymous_group", "anonymous"] == 1
    pos = frames.positions_frame(handmade)
    assert list(pos["speaker"])[:2] == ["Karin Jean-Pierre", "Karin Jean-Pierre"]
    assert pos["position"].between(0, 1).all()
    share = frames.attributed_share(handmade)
    assert 0 < share["quoted_share"] < share["attributed_share"] < 1
    assert share["quoted_chars"] + share["reported_chars"] == share["attributed_chars"]


def test_profile_table_and_errors() -> None:
    from newslib.model import ArticleFailure

    table = frames.profile_table({"n": 3, "by_type": {"b": 1, "a": 2}, "names": ["x"]})
    assert table.loc["by_type", "value"] == '{"a": 2, "b": 1}'
    errors = frames.errors_frame([ArticleFailure("c.jsonl:4", "malformed JSON")])
    assert errors.loc[0, "origin"] == "c.jsonl:4"


def test_evaluation_reliability_lists_the_score_bins() -> None:
    result = {
        "ece": 0.05,
        "reliability": [
            {"low": 0.8, "high": 0.9, "count": 4, "mean_score": 0.85, "right": 0.75},
            {"low": 0.9, "high": 1.0, "count": 6, "mean_score": 0.95, "right": 1.0},
        ],
    }
    table = frames.evaluation_reliability(result)
    assert list(table["scores"]) == ["0.8-0.9", "0.9-1.0"] and list(table["share_right"]) == [0.75, 1.0]
    assert frames.evaluation_summary(result).loc["ece", "value"] == 0.05
    assert frames.evaluation_reliability({}).empty
