"""Precision and recall of the copy pass (newslib.dedup), and its cost per 100k articles.

The set is built at run time, never stored: the text newslib extracts from each page of
``../shared/realweb/pages`` is an original, and each original gets edited copies, as syndicated
wire copy is republished: an exact copy with other spacing and case (must be ``duplicate``), a
changed headline, a trimmed ending (the last quarter cut), five words changed,
and all three edits at once (each a near-copy: ``copy_of``). Every article of a family that is
not its first must be flagged with another member of its family (recall); every flag must point
into the article's own family (precision). ``--distractors GOLD.jsonl`` adds unrelated news
articles (e.g. PolNeAR's) that must not be flagged at all.

The cost: signatures of ``--articles`` generated articles (~440 words of words drawn from the
pages' vocabulary) timed on one core, then the pass over them (exact hashes, LSH insert and
query), with the pass's peak memory; both scaled to 100k articles.

    python scripts/measure_copies.py [--distractors ../shared/gold/polnear_train.jsonl] [--articles 20000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

from newslib.dedup import SETTINGS, CopySettings, find_copies, hash_and_signature, signature, text_hash, words
from newslib.inputs import iter_articles

PAGES = Path(__file__).resolve().parents[2] / "shared" / "realweb" / "pages"


def originals(pages: Path) -> list[tuple[str, str]]:
    """``(name, text)`` of every page newslib can read, in name order."""
    out = []
    for item in iter_articles(sorted(pages.glob("*.html"))):
        if hasattr(item, "text"):
            out.append((item.id, item.text))
    return out


def edits(text: str, rng: random.Random, vocabulary: list[str]) -> dict[str, str]:
    """The edited copies of one text, by the edit that made them."""
    paras = text.split("\n")
    body = "\n".join(paras[1:]) if len(paras) > 1 else text
    headline = f"{rng.choice(['Breaking', 'Update', 'Analysis', 'Report'])}: " + " ".join(rng.sample(vocabulary, 8))
    trimmed = trim(text)
    tokens = text.split(" ")
    for k in rng.sample(range(len(tokens)), min(5, len(tokens))):
        tokens[k] = rng.choice(vocabulary)
    changed = " ".join(tokens)
    combined = headline + "\n" + trim(changed.split("\n", 1)[-1])
    return {
        "exact": "  ".join(text.upper().split(" ")),
        "headline": headline + "\n" + body,
        "trimmed": trimmed,
        "words": changed,
        "combined": combined,
    }


def trim(text: str) -> str:
    """The text with its last quarter cut: at the last paragraph break before three quarters of
    its length when that keeps at least half, else at the last space."""
    cut = (len(text) * 3) // 4
    para = text.rfind("\n", 0, cut)
    return text[:para] if para > len(text) // 2 else text[: text.rfind(" ", 0, cut)]


def build(pages: Path, seed: int = 7) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """The set: ``(id, family, text)`` in a shuffled (seeded) order, and each id's edit kind."""
    rng = random.Random(seed)
    base = originals(pages)
    vocabulary = sorted({w for _, t in base for w in t.split() if w.isalpha()})
    rows, kind = [], {}
    for name, text in base:
        rows.append((name, name, text))
        kind[name] = "original"
        for edit, copy in edits(text, rng, vocabulary).items():
            rows.append((f"{name}~{edit}", name, copy))
            kind[f"{name}~{edit}"] = edit
    rng.shuffle(rows)
    return rows, kind


def score(
    rows: list[tuple[str, str, str]],
    kind: dict[str, str],
    distractors: list[tuple[str, str]],
    settings: CopySettings = SETTINGS,
) -> dict:
    """Run the pass and count, per edit kind, what it found."""
    items = [*rows, *((i, f"distractor:{i}", t) for i, t in distractors)]
    family = {i: f for i, f, _ in items}
    verdicts = list(
        find_copies(((i, f"o:{i}", "ok", text_hash(t), signature(t, settings)) for i, _, t in items), settings)
    )
    seen: set[str] = set()
    by_kind: dict[str, list[int]] = {}
    flagged = right = distractor_flags = 0
    for (ident, fam, _), v in zip(items, verdicts, strict=True):
        target = v.duplicate_of or v.copy_of
        should = fam in seen and not fam.startswith("distractor:")
        seen.add(fam)
        found = target is not None and family.get(target) == fam
        if target is not None:
            flagged += 1
            right += found
            distractor_flags += fam.startswith("distractor:")
        if should:
            k = kind.get(ident, "?")
            tally = by_kind.setdefault(k, [0, 0, 0])
            tally[0] += 1
            tally[1] += found
            tally[2] += bool(v.duplicate_of)
    expected = sum(t[0] for t in by_kind.values())
    return {
        "articles": len(items),
        "families": len({f for _, f, _ in rows}),
        "to_find": expected,
        "flagged": flagged,
        "right": right,
        "precision": round(right / max(flagged, 1), 3),
        "recall": round(sum(t[1] for t in by_kind.values()) / max(expected, 1), 3),
        "distractors": len(distractors),
        "distractors_flagged": distractor_flags,
        "by_edit": {
            k: {"later_in_family": t[0], "found": t[1], "as_duplicate": t[2]} for k, t in sorted(by_kind.items())
        },
    }


def cost(texts: list[str], n: int, settings: CopySettings = SETTINGS, seed: int = 11) -> dict:
    """Seconds for the signatures and for the pass over ``n`` generated articles, per 100k."""
    rng = random.Random(seed)
    vocabulary = [w for t in texts for w in words(t)]
    generated = [" ".join(rng.choices(vocabulary, k=440)) for _ in range(n)]
    t0 = time.process_time()
    keys = [(f"g{i}", f"o:{i}", "ok", *hash_and_signature(t, settings)) for i, t in enumerate(generated)]
    sign = time.process_time() - t0
    del generated
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.process_time()
    flagged = sum(bool(v.copy_of or v.duplicate_of) for v in find_copies(keys, settings))
    passed = time.process_time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 100_000 / n
    return {
        "articles": n,
        "words_each": 440,
        "signatures_s_per_100k": round(sign * scale, 1),
        "pass_s_per_100k": round(passed * scale, 1),
        "flagged_among_unrelated": flagged,
        "signature_bytes_each": settings.num_perm * 4,
        "pass_peak_rss_growth_mb": round((peak - before) / 1024, 1),
        "peak_rss_mb": round(peak / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=Path, default=PAGES)
    ap.add_argument("--distractors", type=Path, help="a JSONL file of unrelated articles (id, text)")
    ap.add_argument("--articles", type=int, default=20000, help="generated articles for the cost (default 20000)")
    ap.add_argument("--num-perm", type=int, default=SETTINGS.num_perm)
    ap.add_argument("--threshold", type=float, default=SETTINGS.threshold)
    args = ap.parse_args(argv)
    settings = CopySettings(num_perm=args.num_perm, threshold=args.threshold)
    rows, kind = build(args.pages)
    distractors = []
    if args.distractors:
        with args.distractors.open(encoding="utf-8") as fh:
            distractors = [(str(r["id"]), r["text"]) for r in map(json.loads, fh)]
    result = {"settings": settings.__dict__, "quality": score(rows, kind, distractors, settings)}
    if args.articles:
        result["cost"] = cost([t for _, _, t in rows], args.articles, settings)
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
