"""What a validation of 100 articles gives: interval widths and annotation cost, measured on the
PolNeAR dev file treated as a corpus.

The dev file (84 articles) is analysed into a dataset; its gold annotations stand in for a
researcher's annotated sample. Detection figures use all 84 articles; the speaker and corpus
figures need speaker labels, which 25 of them have (``tests/data/speakers_polnear_dev.jsonl``:
canonical name, type, gender for each gold attribution, by index; no text), merged into the gold
records in memory. Every interval is a 95% percentile bootstrap over articles (2,000 replicates,
seed 0); "n=100" intervals draw 100 articles with replacement a replicate from the same articles
(an m-out-of-n bootstrap: the width a 100-article sample from such a corpus would give).

Usage::

    python scripts/measure_validation.py [--gold ../shared/gold/polnear_dev.jsonl] [--dataset DIR]
                                         [--engine fast] [--draws 100] [--markdown]

Prints figures only, never article text.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslib.attribution.engines import DEFAULT_ENGINE, ENGINES  # noqa: E402
from newslib.dataset import analyze_corpus, open_dataset  # noqa: E402
from newslib.evaluation import read_gold  # noqa: E402
from newslib.validate import validate  # noqa: E402
from newslib.validate.cost import estimate  # noqa: E402
from newslib.validate.sample import predictions  # noqa: E402

GOLD = ROOT.parent / "shared" / "gold" / "polnear_dev.jsonl"
SPEAKERS = ROOT / "tests" / "data" / "speakers_polnear_dev.jsonl"
TYPES = {
    "person": "named_person",
    "organisation": "named_organisation",
    "agency": "agency",
    "unnamed_individual": "unnamed_individual",
    "unnamed_group": "unnamed_group",
    "document": "document",
}
"""The speaker sets' types as the annotation scheme's speaker types (``none``: no speaker)."""


def with_speakers(gold: list[dict[str, Any]], path: Path) -> list[dict[str, Any]]:
    """The gold records that have speaker labels, the labels merged into their attributions."""
    labels = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        labels[rec["id"]] = {s["i"]: s for s in rec["speakers"]}
    out = []
    for g in gold:
        if g["id"] not in labels:
            continue
        atts = []
        for i, a in enumerate(g["attributions"]):
            s = labels[g["id"]].get(i) or {}
            a = {**a}
            if s.get("type") in TYPES:
                a["speaker_type"] = TYPES[s["type"]]
                a["speaker_category"] = "named_organisation" if a["speaker_type"] == "agency" else a["speaker_type"]
                a["source_name"] = s.get("name") or a.get("source_name") or ""
                if s.get("gender"):
                    a["speaker_gender"] = s["gender"]
            atts.append(a)
        out.append({**g, "attributions": atts})
    return out


def table(v84: Any, v100: Any, sections: tuple[str, ...], names: set[str] | None = None) -> list[str]:
    a, b = v84.figures.set_index("figure"), v100.figures.set_index("figure")
    rows = []
    for fig, r in a.iterrows():
        if r["section"] in sections and (names is None or fig in names):
            rows.append(
                f"| {fig} | {r['value']:.3f} | {r['low']:.3f}–{r['high']:.3f} | {r['width']:.3f} | "
                f"{b.loc[fig, 'width']:.3f} |"
            )
    return rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--gold", default=str(GOLD))
    p.add_argument("--dataset", help="the gold file analysed with --format parquet (default: analysed now)")
    p.add_argument("--engine", default=DEFAULT_ENGINE, choices=ENGINES)
    p.add_argument("--draws", type=int, default=100)
    p.add_argument("--resamples", type=int, default=2000)
    args = p.parse_args()
    gold = read_gold(args.gold)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.dataset or str(Path(tmp) / "ds")
        if not args.dataset:
            analyze_corpus([args.gold], out, engine=args.engine)
        ds = open_dataset(out)
        full = {n: validate(gold, ds, args.resamples, draws=n) for n in (None, args.draws)}
        labelled = with_speakers(gold, SPEAKERS)
        spk = {n: validate(labelled, ds, args.resamples, draws=n) for n in (None, args.draws)}
        preds = predictions(ds, [g["id"] for g in gold])
    n_all, n_lab = len(gold), len(labelled)
    head = "| figure | value | 95% interval | width, n={} | width, n={} |\n|---|---|---|---|---|"
    print(f"engine {args.engine}; {n_all} articles ({n_lab} with speaker labels); {args.resamples} resamples, seed 0\n")
    print(head.format(n_all, args.draws))
    print(
        "\n".join(
            table(
                full[None],
                full[args.draws],
                ("detection",),
                {"content precision", "content recall", "content F1", "end-to-end F1"},
            )
        )
    )
    print("\n".join(table(full[None], full[args.draws], ("by kind",), {"direct F1", "indirect F1", "partial F1"})))
    print(
        "\n".join(
            table(
                full[None],
                full[args.draws],
                ("corpus",),
                {f"{k} (newslib)" for k in ("anonymous share", "women share", "agency dependence")},
            )
        )
    )
    print("\n" + head.format(n_lab, args.draws))
    print("\n".join(table(spk[None], spk[args.draws], ("speakers", "corpus"))))
    records = [{"text": g["text"], "attributions": preds[g["id"]]} for g in gold]
    print("\nannotation cost (assumed rates, newslib.validate.cost.CostModel):")
    for k, v in estimate(records).items():
        print(f"  {k}: {v:.1f}")


if __name__ == "__main__":
    main()
