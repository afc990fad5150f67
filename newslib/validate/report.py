"""The validation: an annotated sample scored against the dataset it was drawn from, every figure
with its bootstrap interval, agreement between annotators, and the corpus figures corrected.

**Correction** (documented, simple, two ways; each with the interval of the sample behind it,
the corpus's own figure taken as exact since a corpus is far larger than its sample):

* ``by kind``: detection errors differ by kind (reported speech is missed more often than
  quotations, and anonymous sources speak in reported speech more often), so every predicted
  attribution of kind *k* in the corpus is weighted by precision_k / recall_k, measured on the
  sample: how many true attributions of that kind one predicted attribution stands for. The
  shares are taken again over the weighted counts. Speaker errors are not corrected this way,
  and the share of women (counted over people, not attributions) is left as it is.
* ``ratio``: the corpus figure times gold / newslib on the sample (a ratio estimator): corrects
  detection and speaker errors together, assuming the sample's ratio holds for the corpus
  (which proportional stratified sampling makes plausible).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..attribution import DEFAULT_ENGINE
from ..model import ATTRIBUTION_KINDS
from ..reading import ReadError
from .measure import CORPUS, RESAMPLES, _ratio, agreement, article_counts, bootstrap, figures, interval, replicates

if TYPE_CHECKING:
    import pandas as pd

    from ..dataset import Dataset


@dataclass
class Validation:
    """A validation's tables: ``figures`` (every figure with its interval), ``agreement`` (pairs of
    annotators), ``correction`` (the corpus figures corrected), ``articles`` (per-article counts)."""

    figures: pd.DataFrame
    agreement: pd.DataFrame
    correction: pd.DataFrame
    articles: pd.DataFrame
    settings: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> pd.DataFrame:
        """The figures of one section (``detection``, ``by kind``, ``speakers``, ``corpus``)."""
        df = self.figures[self.figures["section"] == name].drop(columns="section")
        return df.set_index("figure")


def gold_predictions(ds: Dataset, gold: Sequence[Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The dataset's attributions of every gold article; ReadError naming articles it lacks."""
    from .sample import check_spans, predictions

    ids = [g["id"] for g in gold]
    have = set(ds.sql("select distinct id from articles where status = 'ok'")["id"].astype(str))
    missing = [i for i in ids if i not in have]
    if missing:
        raise ReadError(
            str(ds.path), f"{len(missing)} gold articles are not analysed in the dataset (first: {missing[0]!r})"
        )
    preds = predictions(ds, ids)
    for g in gold:
        check_spans(g["id"], g["text"], preds[g["id"]])
    return preds


def corpus_counts(ds: Dataset) -> pd.DataFrame:
    """The whole dataset's counts behind the corpus figures, by predicted kind (people: kind ``*``)."""
    from ..dataset.tables import HAS_SPEAKER as spoken

    by_kind = ds.sql(f"""select kind, count(*) filter (where {spoken}) as spoken,
        count(*) filter (where {spoken} and speaker_category in ('unnamed_individual', 'unnamed_group')) as anonymous,
        count(*) filter (where {spoken} and speaker_type = 'agency') as agency
        from attributions group by kind order by kind""")
    people = ds.sql(f"""select count(*) as people, count(*) filter (where g = 'female') as women from (
        select id, speaker, any_value(speaker_gender) as g from attributions
        where {spoken} and speaker_category = 'named_person' and speaker_gender in ('female', 'male')
        group by id, speaker)""")
    return by_kind.set_index("kind"), people.iloc[0]


def correction(ds: Dataset, sums: Mapping[str, float], reps: Mapping[str, Any]) -> pd.DataFrame:
    """The corpus figures as newslib measures them on the whole dataset, and corrected (see the
    module's docstring), with intervals from the sample's bootstrap replicates."""
    import numpy as np
    import pandas as pd

    by_kind, people = corpus_counts(ds)
    rows = []
    for name, (num, den, _) in CORPUS.items():
        if name == "women share":
            raw = float(_ratio(people["women"], people["people"]))
        else:
            raw = float(_ratio(by_kind[num].sum(), by_kind[den].sum()))
        row = {"figure": name, "corpus (newslib)": raw}
        for how, fn in (("by kind", _by_kind), ("ratio", _by_ratio)):
            value = float(fn(name, num, den, raw, by_kind, _S(sums)))
            dist = np.asarray(fn(name, num, den, raw, by_kind, _S(reps)), dtype=float)
            row[how], (row[f"{how} low"], row[f"{how} high"]) = value, interval(value, dist)
        rows.append(row)
    return pd.DataFrame(rows).set_index("figure")


class _S(dict):
    def __missing__(self, key: str) -> float:
        return 0.0


def _by_kind(name: str, num: str, den: str, raw: float, by_kind: pd.DataFrame, s: Mapping[str, Any]) -> Any:
    import numpy as np

    if name == "women share":
        return np.nan
    top: float | np.ndarray = 0.0
    bottom: float | np.ndarray = 0.0
    for kind in by_kind.index:
        w = _ratio(_ratio(s[f"tpp:{kind}"], s[f"pred:{kind}"]), _ratio(s[f"tpg:{kind}"], s[f"gold:{kind}"]))
        w = np.where(np.isnan(w), 1.0, w)  # a kind the sample cannot measure keeps its count
        top = top + w * float(by_kind.loc[kind, num])
        bottom = bottom + w * float(by_kind.loc[kind, den])
    return _ratio(top, bottom)


def _by_ratio(name: str, num: str, den: str, raw: float, by_kind: pd.DataFrame, s: Mapping[str, Any]) -> Any:
    return raw * _ratio(_ratio(s[f"g:{num}"], s[f"g:{den}"]), _ratio(s[f"p:{num}"], s[f"p:{den}"]))


def validate(
    gold: Sequence[Mapping[str, Any]], ds: Dataset, resamples: int = RESAMPLES, seed: int = 0, draws: int | None = None
) -> Validation:
    """Score the gold articles against the dataset's attributions, with intervals and corrections
    (``draws``: the intervals of a sample of that many articles, drawn with replacement)."""
    import pandas as pd

    preds = gold_predictions(ds, gold)
    rows = [article_counts(g, preds[g["id"]]) for g in gold]
    kinds = [k for k in ATTRIBUTION_KINDS if any(r.get(f"gold:{k}") or r.get(f"pred:{k}") for r in rows)]
    table = bootstrap(rows, figures(kinds), resamples, seed, draws=draws)
    sums, reps = replicates(rows, resamples, seed, draws)
    arts = pd.DataFrame(rows, index=pd.Index([g["id"] for g in gold], name="id")).fillna(0)
    return Validation(
        table,
        agreement(gold),
        correction(ds, sums, reps),
        arts,
        {"articles": len(gold), "resamples": resamples, "seed": seed, "draws": draws or len(gold)},
    )


def validate_files(
    gold_path: str | Path, dataset: str | Path | Dataset, resamples: int = RESAMPLES, seed: int = 0
) -> Validation:
    """:func:`validate` of a gold JSONL file (``newslib validate import``'s, or any in the gold
    format) against a dataset directory."""
    from ..dataset import Dataset, open_dataset
    from ..evaluation import read_gold

    ds = dataset if isinstance(dataset, Dataset) else open_dataset(dataset)
    return validate(read_gold(gold_path), ds, resamples, seed)


def format_validation(v: Validation) -> str:
    """The validation as text for a terminal."""
    import pandas as pd

    s = v.settings
    with pd.option_context("display.width", 160, "display.max_columns", 20, "display.float_format", "{:.3f}".format):
        parts = [
            f"validation: {s['articles']} articles, {s['resamples']} bootstrap resamples (seed {s['seed']}), "
            f"95% percentile intervals over articles"
        ]
        for name in ("detection", "by kind", "speakers", "corpus"):
            sec = v.section(name).drop(columns="means")
            parts += ["", f"{name}:", sec.to_string()]
        parts += [
            "",
            "corpus figures corrected (by kind: weights precision/recall by kind; ratio: gold/newslib on the sample):",
            v.correction.to_string(),
        ]
        if len(v.agreement):
            parts += ["", "agreement between annotators:", v.agreement.to_string(index=False)]
    return "\n".join(parts) + "\n"


def open_validation(
    gold: str | Path,
    dataset: str | Path = "",
    corpus: str | Path = "",
    resamples: int = RESAMPLES,
    seed: int = 0,
    engine: str = DEFAULT_ENGINE,
) -> Validation:
    """What the validation notebook shows: ``gold`` (located as notebook parameters are) against
    ``dataset``, or against ``corpus`` analysed into a cached dataset (:func:`newslib.notebook.corpus_dataset`)."""
    from ..notebook import corpus_dataset, locate

    return validate_files(locate(gold), corpus_dataset(dataset, corpus, engine), resamples, seed)


def plot_intervals(table: pd.DataFrame, title: str = "Figures with their 95% intervals") -> Any:
    """A section's figures (:meth:`Validation.section`) as points with interval bars, on one
    0-1 scale (differences may go below 0), drawn in newslib's fixed, reproducible style."""
    from ..plots import _empty, _figure, _finish, style

    rows = table.dropna(subset=["value"])
    with style():
        fig = _figure(6.0, max(1.8, 0.8 + 0.3 * len(rows)))
        ax = fig.add_subplot()
        if rows.empty:
            _empty(ax, "nothing measured")
        else:
            ys = list(range(len(rows)))[::-1]
            low = (rows["value"] - rows["low"]).clip(lower=0).fillna(0)
            high = (rows["high"] - rows["value"]).clip(lower=0).fillna(0)
            ax.errorbar(
                rows["value"], ys, xerr=[low, high], fmt="o", color="#2f6fd6", ecolor="#9dbdf0", capsize=3, markersize=4
            )
            ax.set_yticks(ys, list(rows.index))
            ax.set_xlim(min(0.0, float(rows["low"].min()) - 0.05), 1.0)
            ax.axvline(0, color="#d0d7de", linewidth=0.8)
        ax.set_title(title, loc="left")
    return _finish(fig)
