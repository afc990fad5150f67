"""Per-kind error analysis of the attribution engine on a gold JSONL file.

    python scripts/error_analysis_attribution.py GOLD.jsonl [--engine fast] [--examples 10]
        [--kind indirect] [--json out.json]

Prints the reference figures (as ``newslib eval``), then for every kind the misses and false
alarms split by how close the nearest prediction (or gold attribution) came: ``none`` (no word
shared), ``boundary`` (shared words, below the scorer's half-overlap) — the two call for different
fixes (detection vs. segmentation) — with a few examples each.

``--classes`` counts the errors by the structural classes of the spans issue instead (see
:func:`error_classes`), from a predictions file (``--pred``, what ``newslib analyze --format jsonl``
wrote) or from the real-web pages (``--realweb``; GOLD is then ignored)::

    python scripts/error_analysis_attribution.py GOLD.jsonl --pred PRED.jsonl --classes
    python scripts/error_analysis_attribution.py - --realweb --engine accurate --classes
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from typing import Any

from newslib.attribution.engines import DEFAULT_ENGINE, ENGINES
from newslib.evaluation import format_report, overlap, predict, read_gold, score

CLASSES = (
    "match_exact",
    "match_long",
    "match_short",
    "edge_long",
    "edge_short",
    "merged",
    "split",
    "spurious",
    "undetected",
)
"""Every gold and predicted attribution in one class. Matched (the scorer's half-overlap):
``match_exact``, else longer or shorter than the gold (exact F1 loses them). Unmatched:
``edge_long``/``edge_short``, a prediction sharing words with one unmatched gold only, longer or
shorter (its gold counts once, as a miss of the same class); ``merged``, a prediction running
over two or more gold contents (and the golds it swallowed unmatched); ``split``, a prediction
inside a gold that another prediction matched (a piece of one statement counted twice);
``spurious``, a prediction sharing no word with any gold (not speech, page furniture, or
defensible); ``undetected``, a gold no prediction touches."""


def _pair(x: Any) -> tuple[int, int] | None:
    if not x:
        return None
    return (int(x["start"]), int(x["end"])) if isinstance(x, dict) else (int(x[0]), int(x[1]))


def _matches(text: str, golds: list[Any], preds: list[Any]) -> dict[int, int]:
    """The reference scorer's greedy matching: gold index -> prediction index."""
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            gc = _pair(g.get("content"))
            ov = (
                overlap(text, gc, _pair(p.get("content")))
                if gc
                else overlap(text, _pair(g.get("cue")), _pair(p.get("cue")))
            )
            if ov >= 0.5:
                pairs.append((ov, gi, pi))
    out: dict[int, int] = {}
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in out and pi not in out.values():
            out[gi] = pi
    return out


def _length(text: str, span: tuple[int, int] | None) -> int:
    return len(text[span[0] : span[1]].split()) if span else 0


def error_classes(gold_docs: list[Any], pred_docs: dict[str, Any]) -> tuple[dict[str, list[int]], list[Any]]:
    """Counts (false alarms, misses) per class of :data:`CLASSES`, and the unmatched errors
    (class, which, article id, gold or predicted content) for reading."""
    counts = {c: [0, 0] for c in CLASSES}
    examples = []
    for doc in gold_docs:
        text, golds = doc["text"], doc["attributions"]
        preds = pred_docs.get(doc["id"], {}).get("attributions", [])
        m = _matches(text, golds, preds)
        taken = set(m.values())
        gc = [_pair(g.get("content")) for g in golds]
        pc = [_pair(p.get("content")) for p in preds]
        for gi, pi in m.items():
            ov = overlap(text, gc[gi], pc[pi]) if gc[gi] else 1.0
            c = (
                "match_exact"
                if ov >= 0.999
                else "match_long"
                if _length(text, pc[pi]) > _length(text, gc[gi])
                else "match_short"
            )
            counts[c][0] += 1
            counts[c][1] += 1
        touched: dict[int, str] = {}
        for pi in range(len(preds)):
            if pi in taken:
                continue
            hit = [gi for gi in range(len(golds)) if overlap(text, gc[gi], pc[pi]) > 0]
            if len(hit) >= 2:
                cls = "merged"
            elif hit and hit[0] in m:
                cls = "split"
            elif hit:
                cls = "edge_long" if _length(text, pc[pi]) > _length(text, gc[hit[0]]) else "edge_short"
            else:
                cls = "spurious"
            counts[cls][0] += 1
            for gi in hit:
                if gi not in m:
                    touched.setdefault(gi, cls if cls != "split" else "edge_short")
            cue = _pair(preds[pi].get("cue"))
            examples.append(
                (
                    cls,
                    "false alarm",
                    doc["id"],
                    text[pc[pi][0] : pc[pi][1]] if pc[pi] else None,
                    text[cue[0] : cue[1]] if cue else None,
                    preds[pi].get("kind"),
                )
            )
        for gi in range(len(golds)):
            if gi in m:
                continue
            cls = touched.get(gi, "undetected")
            counts[cls][1] += 1
            cue = _pair(golds[gi].get("cue"))
            examples.append(
                (
                    cls,
                    "miss",
                    doc["id"],
                    text[gc[gi][0] : gc[gi][1]] if gc[gi] else None,
                    text[cue[0] : cue[1]] if cue else None,
                    golds[gi].get("kind"),
                )
            )
    return counts, examples


def _load(path: str) -> list[Any]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _print_classes(gold: list[Any], preds: dict[str, Any], dump: str | None) -> None:
    counts, examples = error_classes(gold, preds)
    print(f"{'class':12} {'false alarms':>12} {'misses':>7}")
    for c in CLASSES:
        print(f"{c:12} {counts[c][0]:12} {counts[c][1]:7}")
    if dump:
        with open(dump, "w", encoding="utf-8") as fh:
            for e in examples:
                fh.write(json.dumps(e, ensure_ascii=False) + "\n")


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
    ap.add_argument("--engine", default=DEFAULT_ENGINE, choices=ENGINES)
    ap.add_argument("--examples", type=int, default=8)
    ap.add_argument("--kind", default=None, help="only this kind")
    ap.add_argument("--json", default=None, help="write the full result here")
    ap.add_argument("--pred", default=None, help="predictions already made (newslib analyze --format jsonl)")
    ap.add_argument("--realweb", action="store_true", help="the annotated real-web pages instead of GOLD")
    ap.add_argument("--classes", action="store_true", help="count the errors by structural class")
    ap.add_argument("--dump", default=None, help="with --classes: every error, one JSON line each")
    a = ap.parse_args(argv)
    if a.realweb:
        import realweb

        gold = list(realweb.gold_pages())
        preds = {p["id"]: realweb.predict(p, a.engine) for p in gold}
    else:
        gold = read_gold(a.gold)
        preds = {d["id"]: d for d in (_load(a.pred) if a.pred else predict(a.gold, a.engine))}
    if a.classes:
        _print_classes(gold, preds, a.dump)
        return 0
    res = score(gold, preds)
    print(format_report(res, examples=0))
    docs = {d["id"]: d for d in gold}
    for what, others_of in (
        ("misses", lambda i: preds.get(i, {}).get("attributions", [])),
        ("false_alarms", lambda i: docs[i]["attributions"]),
    ):
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
