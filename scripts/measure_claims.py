"""Measure the claims stage (newslib.claims) on the project's own hand-annotated claim set.

Usage::

    .venv/bin/python scripts/measure_claims.py [--errors] [--detector]
        [--fixtures tests/fixtures/claims/blind4.jsonl ...]   (default: every file of the set, pooled)

The set (``tests/fixtures/claims/*.jsonl``, described in its README.md) holds short news
articles written for the project plus the project's seed article (referenced by path), each with
hand-made attribution spans and hand annotations of every number and time expression (span,
kind, value, unit, hedge, status) and, in the later blind files, of the status of every stretch
of text outside attributions. By default the stage is fed the hand-made attributions, so the figures
measure this stage alone; ``--detector`` uses the project's attribution detector instead (an
end-to-end figure that also carries the detector's errors).

Reported:

* **unattributed numeric claims**: precision and recall of quantities (not times) the stage
  marks ``unattributed`` against those annotated ``unattributed`` (a prediction counts when its
  span overlaps the gold span). This is the fact-checker's list.
* **attributed numbers**: the same for ``attributed`` quantities.
* **extraction**: precision and recall of quantity and of time-expression spans (overlap), and,
  over matched quantities, the share with the right value (within 0.1%), unit, hedge, kind and
  status.
* **claims** (records with a ``claims`` list): the status of every annotated piece of text
  outside attributions (``unattributed`` or ``context``) against the predicted claim overlapping
  it most, and precision and recall of ``unattributed`` claims.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newslib import claims
from newslib.model import Analysis, Attribution, Number
from newslib.reading import read_text
from newslib.text import text_layer

ROOT = Path(__file__).resolve().parent.parent
SET_DIR = ROOT / "tests" / "fixtures" / "claims"
QUANTITY = set(claims.QUANTITY_KINDS)


def load(path: Path) -> Iterator[tuple[dict[str, Any], Analysis]]:
    """Each fixture record with the Analysis to feed the stage (hand-made attributions)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = rec["text"] if "text" in rec else (ROOT / rec["path"]).read_text(encoding="utf-8")
        article = read_text(text, id=rec["id"])
        atts = tuple(Attribution.from_dict(a, text) for a in rec.get("attributions", ()))
        yield rec, dataclasses.replace(text_layer(article), attributions=atts, engine="gold")


def _match(gold: list[dict[str, Any]], pred: list[Number]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) by largest overlap."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g["end"], p.end) - max(g["start"], p.start)
            if ov > 0:
                cands.append((-ov, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _claims(gold: list[dict[str, Any]], out: Analysis, totals: dict[str, int], errors: bool, rid: str) -> None:
    """Claim pieces outside attributions: each gold piece against the predicted claim overlapping
    it most; a predicted ``unattributed`` claim overlapping no gold piece is a false positive."""
    text = out.text
    for g in gold:
        best = max(out.claims, key=lambda c: min(c.end, g["end"]) - max(c.start, g["start"]), default=None)
        ok = best is not None and min(best.end, g["end"]) > max(best.start, g["start"]) and best.status == g["status"]
        totals["c_n"] += 1
        totals["c_ok"] += ok
        if g["status"] == "unattributed":
            totals["cu_gold"] += 1
            totals["cu_tp"] += ok
        if errors and not ok:
            got = f"{best.status} {best.evidence}" if best else "nothing"
            print(f"[{rid}] claim {g['text'][:70]!r}: gold {g['status']}, got {got}")
    for c in out.claims:
        if c.status != "unattributed":
            continue
        hit = [g for g in gold if min(c.end, g["end"]) > max(c.start, g["start"])]
        totals["cu_pred"] += 1
        if not hit and errors:
            print(f"[{rid}] claim {text[c.start : c.end][:70]!r} predicted unattributed outside annotated pieces")


def _prf(tp: int, npred: int, ngold: int) -> str:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {tp}, predicted {npred}, gold {ngold})"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--fixtures",
        type=Path,
        nargs="+",
        default=sorted(SET_DIR.glob("*.jsonl")),
        help="JSONL files of the claim set (default: all of tests/fixtures/claims, pooled)",
    )
    ap.add_argument("--errors", action="store_true", help="print every mismatch")
    ap.add_argument("--detector", action="store_true", help="use the attribution detector, not the gold spans")
    args = ap.parse_args(argv)

    totals: dict[str, int] = dict.fromkeys(
        (
            "u_tp",
            "u_pred",
            "u_gold",
            "a_tp",
            "a_pred",
            "a_gold",
            "q_tp",
            "q_pred",
            "q_gold",
            "t_tp",
            "t_pred",
            "t_gold",
            "value",
            "unit",
            "hedge",
            "kind",
            "status",
            "c_n",
            "c_ok",
            "cu_tp",
            "cu_pred",
            "cu_gold",
        ),
        0,
    )
    articles = 0
    records = ((rec, an) for path in args.fixtures for rec, an in load(path))
    for rec, analysis in records:
        articles += 1
        if args.detector:
            from newslib.pipeline import analyze

            analysis = analyze(analysis.article)
        out = claims.annotate(analysis)
        text = out.text
        gold = rec["numbers"]
        pred = list(out.numbers)
        pairs = _match(gold, pred)
        pmap = dict(pairs)
        gq = [i for i, g in enumerate(gold) if g["kind"] in QUANTITY]
        gt = [i for i, g in enumerate(gold) if g["kind"] == "time"]
        pq = [i for i, p in enumerate(pred) if p.kind in QUANTITY]
        pt = [i for i, p in enumerate(pred) if p.kind == "time"]
        pairs_by_pred = {pi: gi for gi, pi in pairs}

        def tp(gset: list[int], pset: list[int], pmap: dict[int, int] = pmap) -> int:
            return sum(1 for gi in gset if gi in pmap and pmap[gi] in pset)

        for status, key in (("unattributed", "u"), ("attributed", "a")):
            gs = [i for i in gq if gold[i]["status"] == status]
            ps = [i for i in pq if pred[i].status == status]
            totals[f"{key}_tp"] += tp(gs, ps)
            totals[f"{key}_pred"] += len(ps)
            totals[f"{key}_gold"] += len(gs)
            if args.errors:
                for i in gs:
                    if not (i in pmap and pmap[i] in ps):
                        p = pred[pmap[i]] if i in pmap else None
                        got = f"{p.kind}/{p.status} {p.evidence}" if p else "not found"
                        print(f"[{rec['id']}] missed {status} {gold[i]['text']!r}: got {got}")
                for i in ps:
                    g = gold[pairs_by_pred[i]] if i in pairs_by_pred else None
                    if not (g is not None and g["kind"] in QUANTITY and g["status"] == status):
                        want = f"{g['kind']}/{g['status']}" if g else "not a number"
                        print(
                            f"[{rec['id']}] false {status} {text[pred[i].start : pred[i].end]!r} "
                            f"(gold: {want}) {pred[i].evidence}"
                        )
        totals["q_tp"] += tp(gq, pq)
        totals["q_pred"] += len(pq)
        totals["q_gold"] += len(gq)
        totals["t_tp"] += tp(gt, pt)
        totals["t_pred"] += len(pt)
        totals["t_gold"] += len(gt)
        for gi in gq:
            if gi not in pmap:
                continue
            g, p = gold[gi], pred[pmap[gi]]
            checks = {
                "value": g["value"] is None
                or (p.value is not None and abs(p.value - g["value"]) <= 1e-3 * max(1.0, abs(g["value"]))),
                "unit": (g["unit"] or None) == (p.unit or None),
                "hedge": (g["hedge"] or None) == (p.hedge or None),
                "kind": g["kind"] == p.kind,
                "status": g["status"] == p.status,
            }
            for k, ok in checks.items():
                totals[k] += ok
                if args.errors and not ok and k in ("value", "unit", "hedge", "kind"):
                    print(f"[{rec['id']}] {k} of {g['text']!r}: gold {g[k]!r}, got {getattr(p, k)!r}")
        if rec.get("claims"):
            _claims(rec["claims"], out, totals, args.errors, rec["id"])
        if args.errors:
            for gi in gt:
                if not (gi in pmap and pmap[gi] in pt):
                    print(f"[{rec['id']}] missed time {gold[gi]['text']!r}")
            for pi in pt:
                if pi not in pairs_by_pred or gold[pairs_by_pred[pi]]["kind"] != "time":
                    print(f"[{rec['id']}] spurious time {text[pred[pi].start : pred[pi].end]!r} {pred[pi].evidence}")
            for pi in pq:
                if pi not in pairs_by_pred:
                    print(
                        f"[{rec['id']}] spurious quantity {text[pred[pi].start : pred[pi].end]!r} {pred[pi].evidence}"
                    )

    t = totals
    mode = "detector attributions" if args.detector else "hand-made attributions"
    names = ", ".join(p.name for p in args.fixtures)
    print(
        f"claim set: {names} — {articles} articles, {t['q_gold']} quantities, {t['t_gold']} time expressions ({mode})"
    )
    print(f"unattributed numeric claims  {_prf(t['u_tp'], t['u_pred'], t['u_gold'])}")
    print(f"attributed numbers           {_prf(t['a_tp'], t['a_pred'], t['a_gold'])}")
    print(f"quantity spans               {_prf(t['q_tp'], t['q_pred'], t['q_gold'])}")
    print(f"time expression spans        {_prf(t['t_tp'], t['t_pred'], t['t_gold'])}")
    if t["c_n"]:
        print(
            f"claims: status of {t['c_n']} annotated pieces outside attributions  accuracy {t['c_ok'] / t['c_n']:.3f}"
        )
        print(f"unattributed claims          {_prf(t['cu_tp'], t['cu_pred'], t['cu_gold'])}")
    n = t["q_tp"] or 1
    print(
        "on matched quantities        "
        + "  ".join(f"{k} {t[k] / n:.3f}" for k in ("value", "unit", "hedge", "kind", "status"))
        + f"  (n={t['q_tp']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
