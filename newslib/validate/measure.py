"""How accurate newslib is on an annotated sample, and how sure those figures are.

Every figure is a function of sums of per-article counts, so one bootstrap serves them all:
articles are resampled with replacement (the article, not the attribution, is the unit drawn,
and attributions within an article are not independent), the sums recomputed, and the 2.5th and
97.5th percentiles of each figure taken (a percentile interval). The resampling weights come from
``numpy.random.default_rng(seed)``, so the same inputs and seed give the same intervals.

Matching is the reference scorer's (:func:`newslib.evaluation.match` and
:func:`newslib.evaluation.score`): a predicted attribution matches a gold one when their contents
share at least half of the larger one's words. On top of it:

* **By kind**: precision counts predictions of a kind that matched, recall gold attributions of a
  kind that were matched (kinds need not agree), F1 their harmonic mean.
* **Speakers** (where the gold gives a speaker type): of matched pairs, whether newslib's speaker
  has the annotated canonical name (both normalised as person keys are: case, titles, middle
  initials), the annotated category, and, for named people, the annotated gender.
* **Corpus figures**, each on the gold and on newslib's output for the same articles, and their
  difference: the share of anonymous speakers (category ``unnamed_individual`` or
  ``unnamed_group``) and of wire agencies (speaker type ``agency``) among attributions with a
  speaker, and the share of women among the named people quoted (distinct people an article,
  those with a known gender).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..evaluation import match, score
from ..model import ATTRIBUTION_KINDS

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

UNNAMED = ("unnamed_individual", "unnamed_group")
RESAMPLES = 2000
LEVEL = 0.95


def _norm(name: str | None) -> str:
    from ..sources.identity import normalise_name

    return normalise_name(name or "")


def _has_speaker_labels(golds: Sequence[Mapping[str, Any]]) -> bool:
    return any("speaker_category" in g or "speaker_type" in g for g in golds)


# -- per-article counts ------------------------------------------------------------------------


def detection_counts(doc: Mapping[str, Any], preds: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """One article's detection counts: totals, matches, right sources, and by kind."""
    golds = doc["attributions"]
    s = score([doc], {doc["id"]: {"attributions": preds}}, errors=False)
    c: dict[str, float] = {
        "gold": s["gold"],
        "pred": s["pred"],
        "match": s["match"],
        "source": round(s["source_acc"] * s["match"]),
    }
    for k in ATTRIBUTION_KINDS:
        c[f"gold:{k}"] = c[f"pred:{k}"] = c[f"tpg:{k}"] = c[f"tpp:{k}"] = 0
    for g in golds:
        c[f"gold:{g.get('kind')}"] = c.get(f"gold:{g.get('kind')}", 0) + 1
    for p in preds:
        c[f"pred:{p.get('kind')}"] = c.get(f"pred:{p.get('kind')}", 0) + 1
    for _, gi, pi in match(doc["text"], golds, preds):
        c[f"tpg:{golds[gi].get('kind')}"] = c.get(f"tpg:{golds[gi].get('kind')}", 0) + 1
        c[f"tpp:{preds[pi].get('kind')}"] = c.get(f"tpp:{preds[pi].get('kind')}", 0) + 1
    return c


def speaker_counts(doc: Mapping[str, Any], preds: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """Of matched pairs whose gold names a speaker type: right names, categories and genders."""
    c: dict[str, float] = dict.fromkeys(("named", "name_ok", "typed", "category_ok", "gendered", "gender_ok"), 0)
    golds = doc["attributions"]
    for _, gi, pi in match(doc["text"], golds, preds):
        g, sp = golds[gi], preds[pi].get("speaker") or {}
        cat = g.get("speaker_category")
        if not cat:
            continue
        c["typed"] += 1
        c["category_ok"] += (sp.get("category") or "unknown") == cat
        if g.get("source_name") and cat != "unknown":
            c["named"] += 1
            c["name_ok"] += bool(_norm(sp.get("name"))) and _norm(sp.get("name")) == _norm(g["source_name"])
        if cat == "named_person" and g.get("speaker_gender") in ("female", "male"):
            c["gendered"] += 1
            c["gender_ok"] += sp.get("gender") == g["speaker_gender"]
    return c


def _gold_speaker(a: Mapping[str, Any]) -> tuple[str | None, str | None, str | None, str]:
    cat = a.get("speaker_category")
    return cat, a.get("speaker_type") or cat, a.get("speaker_gender"), _norm(a.get("source_name"))


def _pred_speaker(a: Mapping[str, Any]) -> tuple[str | None, str | None, str | None, str]:
    sp = a.get("speaker") or {}
    if not sp or sp.get("type") == "credit":
        return None, None, None, ""
    who = sp.get("ref") or sp.get("person") or _norm(sp.get("name"))
    return sp.get("category") or "unknown", sp.get("type"), sp.get("gender"), str(who)


def figure_counts(atts: Sequence[Mapping[str, Any]], gold: bool) -> dict[str, float]:
    """One article's counts behind the corpus figures, from gold or predicted attributions."""
    who = _gold_speaker if gold else _pred_speaker
    c: dict[str, float] = dict.fromkeys(("spoken", "anonymous", "agency", "people", "women"), 0)
    people: dict[str, str | None] = {}
    for a in atts:
        cat, typ, gender, key = who(a)
        if not cat:
            continue
        c["spoken"] += 1
        c["anonymous"] += cat in UNNAMED
        c["agency"] += typ == "agency"
        if cat == "named_person" and gender in ("female", "male") and key:
            people.setdefault(key, gender)
    c["people"] = len(people)
    c["women"] = sum(g == "female" for g in people.values())
    return c


def article_counts(doc: Mapping[str, Any], preds: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    """Every count one article contributes: detection, speakers, corpus figures (``g:``/``p:``)."""
    c = {**detection_counts(doc, preds), **speaker_counts(doc, preds)}
    if _has_speaker_labels(doc["attributions"]):
        c.update({f"g:{k}": v for k, v in figure_counts(doc["attributions"], True).items()})
    c.update({f"p:{k}": v for k, v in figure_counts(preds, False).items()})
    return c


# -- figures ---------------------------------------------------------------------------------


Sums = Mapping[str, Any]
"""Summed counts: floats, or arrays of one value per bootstrap replicate."""


def _ratio(a: Any, b: Any) -> Any:
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(b) > 0, np.asarray(a, dtype=float) / np.where(np.asarray(b) > 0, b, 1), np.nan)


def _f1(p: Any, r: Any) -> Any:
    return _ratio(2 * p * r, p + r)


@dataclass(frozen=True)
class Figure:
    """A figure: its section, name, what it is, and how it follows from summed counts."""

    section: str
    name: str
    means: str
    of: Callable[[Sums], Any]
    support: Callable[[Sums], Any]


def _count(key: str, missing: float | None = None) -> Callable[[Sums], Any]:
    """The summed count ``key``; ``missing``: its value where the sums lack it (else they must
    have it). Figures are built of these small functions, not of lambdas with default arguments
    (which a type checker cannot read)."""
    if missing is None:
        return lambda s: s[key]
    return lambda s: s.get(key, missing)


def _ratio_of(num: Callable[[Sums], Any], den: Callable[[Sums], Any]) -> Callable[[Sums], Any]:
    return lambda s: _ratio(num(s), den(s))


def _f1_of(p: Callable[[Sums], Any], r: Callable[[Sums], Any]) -> Callable[[Sums], Any]:
    return lambda s: _f1(p(s), r(s))


def _plus(a: Callable[[Sums], Any], b: Callable[[Sums], Any]) -> Callable[[Sums], Any]:
    return lambda s: a(s) + b(s)


def _minus(a: Callable[[Sums], Any], b: Callable[[Sums], Any]) -> Callable[[Sums], Any]:
    return lambda s: a(s) - b(s)


def _count_share(section: str, name: str, means: str, num: str, den: str) -> Figure:
    """A figure that is one summed count over another, supported by the denominator."""
    return Figure(section, name, means, _ratio_of(_count(num), _count(den)), _count(den))


def _twice_over(key: str, den: Callable[[Sums], Any]) -> Callable[[Sums], Any]:
    """``2 * key / den``: an F1 from matches over gold plus predictions, as the reference scorer."""
    return lambda s: _ratio(2 * s[key], den(s))


def _kind_figures(kinds: Sequence[str]) -> list[Figure]:
    out = []
    for k in kinds:
        pred, gold = _count(f"pred:{k}"), _count(f"gold:{k}")
        p, r = _ratio_of(_count(f"tpp:{k}"), pred), _ratio_of(_count(f"tpg:{k}"), gold)
        out += [
            Figure("by kind", f"{k} precision", f"{k} predictions matched", p, pred),
            Figure("by kind", f"{k} recall", f"{k} gold attributions matched", r, gold),
            Figure("by kind", f"{k} F1", "harmonic mean of the two", _f1_of(p, r), _plus(gold, pred)),
        ]
    return out


CORPUS = {
    "anonymous share": ("anonymous", "spoken", "attributions with a speaker whose speaker is unnamed"),
    "women share": ("women", "people", "women among the named people quoted (gender known)"),
    "agency dependence": ("agency", "spoken", "attributions with a speaker credited to a wire agency"),
}
"""The corpus-level figures: numerator and denominator counts, and what each means."""


def figures(kinds: Sequence[str] = ATTRIBUTION_KINDS) -> list[Figure]:
    """Every figure the validation reports, in order."""
    both = _plus(_count("gold"), _count("pred"))
    out = [
        _count_share("detection", "content precision", "predictions matched by content", "match", "pred"),
        _count_share("detection", "content recall", "gold attributions matched by content", "match", "gold"),
        Figure("detection", "content F1", "as the reference scorer", _twice_over("match", both), both),
        Figure("detection", "end-to-end F1", "matched with the right source", _twice_over("source", both), both),
        _count_share("detection", "source accuracy", "matched pairs with the right source", "source", "match"),
        *_kind_figures(kinds),
        _count_share(
            "speakers",
            "speaker name accuracy",
            "matched pairs: newslib's speaker has the annotated name",
            "name_ok",
            "named",
        ),
        _count_share(
            "speakers", "speaker category accuracy", "matched pairs: the annotated category", "category_ok", "typed"
        ),
        _count_share(
            "speakers", "speaker gender accuracy", "matched named people: the annotated gender", "gender_ok", "gendered"
        ),
    ]
    for name, (num, den, means) in CORPUS.items():
        gold_den, ours_den = _count(f"g:{den}", missing=0), _count(f"p:{den}")
        gold = _ratio_of(_count(f"g:{num}", missing=0), gold_den)
        ours = _ratio_of(_count(f"p:{num}"), ours_den)
        out += [
            Figure("corpus", f"{name} (gold)", means + ", annotated", gold, gold_den),
            Figure("corpus", f"{name} (newslib)", means + ", newslib on the same articles", ours, ours_den),
            Figure(
                "corpus",
                f"{name} (newslib - gold)",
                "newslib's error on the figure (paired)",
                _minus(ours, gold),
                gold_den,
            ),
        ]
    return out


# -- bootstrap -------------------------------------------------------------------------------


def count_matrix(rows: Sequence[Mapping[str, float]]) -> tuple[list[str], np.ndarray]:
    """Per-article counts as a matrix (articles x counts) and the counts' names."""
    import numpy as np

    names = sorted({k for r in rows for k in r})
    return names, np.array([[float(r.get(k, 0)) for k in names] for r in rows], dtype=float).reshape(
        len(rows), len(names)
    )


def resample_weights(n: int, resamples: int = RESAMPLES, seed: int = 0, draws: int | None = None) -> np.ndarray:
    """How often each of ``n`` articles is drawn in each bootstrap replicate (resamples x n).
    ``draws`` other than ``n`` draws that many articles a replicate: the intervals a sample of
    that size from the same corpus would give (how the README's widths for 100 articles are
    measured on 84)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    if n == 0:
        return np.zeros((resamples, 0))
    return rng.multinomial(draws or n, np.full(n, 1 / n), size=resamples).astype(float)


def replicates(
    rows: Sequence[Mapping[str, float]], resamples: int = RESAMPLES, seed: int = 0, draws: int | None = None
) -> tuple[dict[str, float], dict[str, np.ndarray]]:
    """The counts summed over the articles, and summed over each bootstrap replicate's draw."""
    names, m = count_matrix(rows)
    reps = resample_weights(len(rows), resamples, seed, draws) @ m
    return (dict(zip(names, m.sum(axis=0).tolist(), strict=True)), {k: reps[:, i] for i, k in enumerate(names)})


def interval(value: float, dist: Any, level: float = LEVEL) -> tuple[float, float]:
    """The percentile interval of a bootstrap distribution (NaN replicates left out)."""
    import numpy as np

    dist = np.asarray(dist, dtype=float).ravel()
    dist = dist[~np.isnan(dist)]
    if not len(dist) or np.isnan(value):
        return float("nan"), float("nan")
    alpha = (1 - level) / 2
    low, high = np.quantile(dist, [alpha, 1 - alpha])
    return float(low), float(high)


def bootstrap(
    rows: Sequence[Mapping[str, float]],
    figs: Sequence[Figure],
    resamples: int = RESAMPLES,
    seed: int = 0,
    level: float = LEVEL,
    draws: int | None = None,
) -> pd.DataFrame:
    """Each figure with its percentile bootstrap interval over articles: value, low, high, width,
    support (the count it is taken over) and what it means."""
    import pandas as pd

    sums, rep_sums = replicates(rows, resamples, seed, draws)
    out = []
    for f in figs:
        value = float(f.of(_Sums(sums)))
        low, high = interval(value, f.of(_Sums(rep_sums)), level)
        out.append(
            {
                "section": f.section,
                "figure": f.name,
                "value": value,
                "low": low,
                "high": high,
                "width": high - low,
                "support": int(f.support(_Sums(sums))),
                "means": f.means,
            }
        )
    return pd.DataFrame(out)


class _Sums(dict):
    """Sums with a zero for a count no article had (a kind never seen)."""

    def __missing__(self, key: str) -> float:
        return 0.0


# -- agreement ---------------------------------------------------------------------------------


def agreement(records: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Inter-annotator agreement where a task has two annotators: the second annotator's
    attributions scored against the first's with the reference scorer (content F1 is
    symmetric, so it does not matter which is taken as gold), per pair of annotators."""
    import pandas as pd

    pairs: dict[tuple[str, str], list[tuple[Mapping[str, Any], Mapping[str, Any]]]] = {}
    for r in records:
        for other in r.get("other_annotations") or []:
            key = (str(r.get("annotator", "?")), str(other["annotator"]))
            pairs.setdefault(key, []).append((r, {"attributions": [as_prediction(a) for a in other["attributions"]]}))
    out = []
    for (a, b), docs in sorted(pairs.items()):
        s = score([d for d, _ in docs], {d["id"]: o for d, o in docs}, errors=False)
        rows = [{**detection_counts(d, o["attributions"]), **speaker_counts(d, o["attributions"])} for d, o in docs]
        same_kind = _kind_agreement(docs)
        out.append(
            {
                "annotators": f"{a} / {b}",
                "articles": len(docs),
                "attributions": f"{s['gold']} / {s['pred']}",
                "content F1": s["content_f1"],
                "end-to-end F1": s["e2e_f1"],
                "exact F1": s["exact_f1"],
                "same kind": same_kind,
                "same speaker category": _share(rows, "category_ok", "typed"),
                "same speaker name": _share(rows, "name_ok", "named"),
            }
        )
    return pd.DataFrame(out)


def as_prediction(a: Mapping[str, Any]) -> dict[str, Any]:
    """A gold attribution in the shape of a prediction (its speaker as ``speaker``), so one
    annotator can be scored against another."""
    out = dict(a)
    if a.get("speaker_category") or a.get("source_name"):
        out["speaker"] = {
            "name": a.get("source_name"),
            "category": a.get("speaker_category"),
            "type": a.get("speaker_type"),
            "gender": a.get("speaker_gender"),
        }
    return out


def _share(rows: Sequence[Mapping[str, float]], num: str, den: str) -> float:
    d = sum(r[den] for r in rows)
    return sum(r[num] for r in rows) / d if d else float("nan")


def _kind_agreement(docs: Sequence[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> float:
    same = total = 0
    for d, o in docs:
        for _, gi, pi in match(d["text"], d["attributions"], o["attributions"]):
            total += 1
            same += d["attributions"][gi].get("kind") == o["attributions"][pi].get("kind")
    return same / total if total else float("nan")
