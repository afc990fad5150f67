"""The corpus summary's definitions (newslib.dataset.summary) on hand-made analyses written as a
dataset, so the rates are known whatever the detector finds: who counts as a resolved speaker
(``Attribution.has_speaker``, a photo credit is none), pooled rates, NaN for a group with
nothing to measure, the top sources of each group, and the figure of the groups."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

from newslib import plots
from newslib.dataset import open_dataset, summary
from newslib.dataset.tables import HAS_SPEAKER, analysis_rows, article_counts, meta_values
from newslib.dataset.writer import PartWriter
from newslib.model import Analysis, Attribution, Source

META = ["publisher"]


def _write(analyses: list[Analysis], out: Path) -> None:
    """Each analysis a partition of its own, as a run writes one (no detector involved)."""
    for k, an in enumerate(analyses):
        key = {"id": an.id, "origin": f"{an.id}.txt", **meta_values(an.article.metadata, META)}
        rows = {t: [{**key, **r} for r in found] for t, found in analysis_rows(an).items()}
        rows["articles"] = [{**key, "status": "ok", "engine": "handmade", **article_counts(an)}]
        with PartWriter(out, k, META) as part:
            for table, table_rows in rows.items():
                part.add(table, table_rows)
    (out / "manifest.json").write_text("{}", encoding="utf-8")


def _groups(handmade: Analysis) -> list[Analysis]:
    """North: the hand-made article (four resolved speakers: one anonymous, one agency) and a
    photo credit; South: its first two attributions (direct quotations); (none): nothing."""
    kjp = replace(handmade.sources[0], attributions=2)
    credit = Attribution("other", speaker=Source("Jane Doe/AP Photo", "credit"))
    a = replace(
        handmade,
        article=replace(handmade.article, id="a", metadata={"publisher": "North"}),
        attributions=(*handmade.attributions, credit),
        sources=(kjp, *(replace(s, attributions=1) for s in handmade.sources[1:])),
    )
    b = replace(
        handmade,
        article=replace(handmade.article, id="b", metadata={"publisher": "South"}),
        attributions=handmade.attributions[:2],
        sources=(kjp,),
    )
    c = Analysis(article=replace(handmade.article, id="c", metadata={}))
    return [a, b, c]


def test_group_rates_count_resolved_speakers_as_the_model_does(handmade: Analysis, tmp_path: Path) -> None:
    analyses = _groups(handmade)
    _write(analyses, tmp_path)
    ds = open_dataset(tmp_path)
    spoken = ds.sql(f"select count(*) filter (where {HAS_SPEAKER}) as n from attributions")["n"].iloc[0]
    assert spoken == sum(a.has_speaker for an in analyses for a in an.attributions) == 6
    groups = summary.group_table(ds, "publisher")
    assert list(groups.index) == ["(none)", "North", "South"]
    assert list(groups["attributions"]) == [0, 6, 2]
    assert groups.loc["North", "anonymous_rate"] == 0.25  # 1 of 4 resolved speakers, the credit not one
    assert groups.loc["North", "agency_share"] == 0.25
    assert groups.loc["South", "direct_share"] == 1.0 and groups.loc["North", "direct_share"] == round(2 / 6, 4)
    assert math.isnan(groups.loc["(none)", "direct_share"])  # nothing measured, not zero
    assert list(groups.columns) == ["articles", "attributions", *summary.GROUP_METRICS]
    top = summary.top_sources(ds, "publisher", n=1)
    assert list(top["source"]) == ["Karin Jean-Pierre", "Karin Jean-Pierre"]
    assert list(top["publisher"]) == ["North", "South"]
    figure = plots.plot_groups(groups)  # by default every metric of the table
    assert figure._repr_png_() == plots.plot_groups(groups, list(summary.GROUP_METRICS))._repr_png_()
