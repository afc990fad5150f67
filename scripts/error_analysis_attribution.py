"""Per-kind error analysis of the attribution engine on a gold JSONL file.

    python scripts/error_analysis_attribution.py GOLD.jsonl [--engine fast] [--examples 10]
        [--kind indirect] [--json out.json]

Prints the reference figures (as ``newslib eval``), then for every kind the misses and false
alarms split by how close the nearest prediction (or gold attribution) came: ``none`` (no word
shared), ``boundary`` (shared words, below the scorer's half-overlap) — the two call for different
fixes (detection vs. segmentation) — with a few examples each.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from typing import Any

from newslib.evaluation import format_report, overlap, predict, read_gold, score


def _closest(text: str, span: list[int] | None, others: list[dict[str, Any]]) -> float:
    if not span:
        return 0.0
    best = 0.0
    for o in others:
        c = o.get("content")
        if isinstance(c, dict):
            c = (c["start"], c["end"])
        if c:
            best = max(best, overlap(text, tuple(span), tuple(c)))
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--engine", default="fast")
    ap.add_argument("--examples", type=int, default=8)
    ap.add_argument("--kind", default=None, help="only this kind")
    ap.add_argument("--json", default=None, help="write the full result here")
    a = ap.parse_args(argv)
    gold = read_gold(a.gold)
    preds = {d["id"]: d for d in predict(a.gold, a.engine)}
    res = score(gold, preds)
    print(format_report(res, examples=0))
    docs = {d["id"]: d for d in gold}
    for what, others_of in (("misses", lambda i: preds.get(i, {}).get("attributions", [])),
                            ("false_alarms", lambda i: docs[i]["attributions"])):
        groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for kind, errs in res["errors"][what].items():
            if a.kind and kind != a.kind:
                continue
            for e in errs:
                near = _closest(docs[e["id"]]["text"], e["content"], others_of(e["id"]))
                groups[(kind, "none" if near == 0 else "boundary")].append(e)
        print(f"\n== {what.replace('_', ' ')}")
        for (kind, how), errs in sorted(groups.items(), key=lambda x: -len(x[1])):
            print(f"-- {kind} / {how}: {len(errs)}")
            for e in errs[: a.examples]:
                print(f"   {e['source_text']!r} | {e['cue_text']!r} | {e['text']!r}")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump(res, fh, indent=1, default=str)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
