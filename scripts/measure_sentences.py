"""Sentence-boundary accuracy of newslib's text layer on the project's own tricky cases.

    python scripts/measure_sentences.py [tests/fixtures/sentences.jsonl]

Each case is one paragraph with its sentences written by hand (abbreviations, initials,
numbers, quotes closing after the period, questions inside quotes...). A boundary is a
character offset where one sentence ends and the next begins; we report boundary precision,
recall and F1, and the share of cases split exactly right.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newslib import read_text, split_sentences


def measure(path: Path) -> dict:
    tp = fp = fn = exact = n = 0
    wrong = []
    for line in path.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        text, gold = case["text"], case["sentences"]
        cuts, pos = set(), 0
        for s in gold[:-1]:
            pos = text.index(s, pos) + len(s)
            cuts.add(pos)
        art = read_text(text)
        pred = {s.end for s in split_sentences(text, art.paragraphs)[:-1]}
        tp += len(pred & cuts)
        fp += len(pred - cuts)
        fn += len(cuts - pred)
        n += 1
        if pred == cuts:
            exact += 1
        else:
            wrong.append(text)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {
        "cases": n,
        "exact": exact / n,
        "boundary_p": p,
        "boundary_r": r,
        "boundary_f1": 2 * p * r / (p + r) if p + r else 0.0,
        "wrong": wrong,
    }


if __name__ == "__main__":
    default = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "sentences.jsonl"
    res = measure(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
    for k, v in res.items():
        if k != "wrong":
            print(f"{k:>12}: {v:.3f}" if isinstance(v, float) else f"{k:>12}: {v}")
    for t in res["wrong"]:
        print("  wrong:", t)
