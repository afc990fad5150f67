"""Train the fast engine's CRF from a gold JSONL file (never run in CI or tests).

    python -m newslib.attribution.fast.train GOLD.jsonl newslib/models/attribution-fast.crfsuite

Training is deterministic: the same gold file and seed give the same model bytes. It writes
three files named after ``out_path`` (its suffix replaced): the CRF weights exported from the
crfsuite model (``.weights.npz``, pruned to weights over ``min_weight``; the ``.crfsuite`` file
itself is deleted unless ``keep_crfsuite``), the vocabulary the features need (``.vocab.json``:
word classes learned from the training words and per-word cue rates) and a record of the
training data and settings (``.json``, no dates).

Word classes are simple distributional classes: each frequent word is described by counts of
its left and right neighbours among the most frequent words, and k-means (seeded) groups them.
They let the tagger generalise from "said" to rarer reporting verbs and from "officials" to
other source nouns, at no cost at detection time (one dictionary look-up per word type).
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite

from ...text import text_layer
from ..scheme import gold_spans, prepare, spans_to_labels
from ..training import data_record, parse_training_args, read_training_data
from .features import Vocabulary, featurize
from .tagger import export_weights

VERSION = "2026.12.2"
SETTINGS: dict[str, Any] = {
    "algorithm": "lbfgs",
    "c1": 0.01,
    "c2": 8.0,
    "max_iterations": 200,
    "feature.minfreq": 2,
    "clusters": 160,
    "cluster_min_freq": 4,
    "cluster_contexts": 400,
    "cue_rate_min_freq": 3,
    "feature_set": 3,
    "min_weight": 1e-4,
    "keep_crfsuite": False,
    "extra_repeat": 3,
}
"""The training settings, recorded in the model's JSON. ``c2`` (L2) was chosen on PolNeAR dev from
0.05 to 16 (content F1, the calibration as shipped: 0.05 0.688, 0.2 0.694, 1 0.703, 4 0.705, 8 0.701,
16 0.699); the real-web pages rose with it throughout (0.695 -> 0.763), so the strong prior is what
carries the tagger to other news. At ``c2`` 4, ``c1`` 0 (0.699) and 400 iterations (0.702) were worse.
Then, with the full cue lexicon, ``feature_set`` 3 (the word bigram ending at each token) and ``c2``
again, each with its calibration refitted (dev / real web): set 1 at 4 0.715 / 0.743; set 3 at 2
0.714 / 0.746, 4 0.714 / 0.760, **8 0.719 / 0.749**, 16 0.716 / 0.749; set 2 (nearest cue word)
at 4 0.710 / 0.745 before the refit. At set 3 and ``c2`` 8, ``c1`` 0.1 gave 0.718 / 0.750 and ``c1`` 0
0.706 / 0.732; ``feature.minfreq`` 1 0.721 / 0.742 with 347k features against 126k."""


def _word_lists(analyses: list[Any]) -> list[list[str]]:
    out = []
    for an in analyses:
        t = an.text
        out.append([t[k.start : k.end].lower() for k in an.tokens])
    return out


def word_classes(sequences: list[list[str]], k: int, min_freq: int, n_ctx: int, seed: int) -> dict[str, str]:
    """Distributional word classes: k-means over left/right neighbour counts (deterministic)."""
    freq = Counter(w for s in sequences for w in s)
    vocab = sorted((w for w, c in freq.items() if c >= min_freq), key=lambda w: (-freq[w], w))
    ctx = vocab[:n_ctx]
    vi = {w: i for i, w in enumerate(vocab)}
    ci = {w: i for i, w in enumerate(ctx)}
    mat = np.zeros((len(vocab), 2 * len(ctx) + 2), dtype=np.float32)
    for s in sequences:
        for a, w in enumerate(s):
            r = vi.get(w)
            if r is None:
                continue
            left = s[a - 1] if a else "<s>"
            right = s[a + 1] if a + 1 < len(s) else "</s>"
            mat[r, ci.get(left, len(ctx))] += 1
            mat[r, len(ctx) + 1 + ci.get(right, len(ctx))] += 1
    mat = np.log1p(mat)
    mat /= np.linalg.norm(mat, axis=1, keepdims=True) + 1e-9
    rng = np.random.default_rng(seed)
    # initialise on frequent words (spread out), then Lloyd iterations
    init = rng.choice(min(len(vocab), 4 * k), size=k, replace=False)
    cent = mat[np.sort(init)].copy()
    assign = np.zeros(len(vocab), dtype=np.int64)
    for _ in range(20):
        sims = mat @ cent.T
        assign = sims.argmax(axis=1)
        for c in range(k):
            m = assign == c
            if m.any():
                v = mat[m].mean(axis=0)
                cent[c] = v / (np.linalg.norm(v) + 1e-9)
    return {w: str(int(assign[i])) for i, w in enumerate(vocab)}


def cue_rates(analyses: list[Any], golds: list[dict[str, Any]], min_freq: int) -> dict[str, float]:
    """How often each word (lower case) is part of a gold cue, for words seen ``min_freq`` times."""
    seen: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for an, g in zip(analyses, golds, strict=True):
        t = an.text
        spans = sorted(tuple(a["cue"]) for a in g["attributions"] if a.get("cue"))
        for k in an.tokens:
            w = t[k.start : k.end].lower()
            seen[w] += 1
            if any(s <= k.start and k.end <= e for s, e in spans):
                cue[w] += 1
    return {w: round(cue[w] / n, 3) for w, n in sorted(seen.items()) if n >= min_freq and cue[w]}


def train(
    gold_path: str | Path,
    out_path: str | Path,
    seed: int = 0,
    overrides: dict[str, Any] | None = None,
    extra: Sequence[str | Path] = (),
) -> dict[str, Any]:
    """Train the CRF on ``gold_path`` and write the model files at ``out_path``; returns the record.

    ``overrides`` replaces entries of :data:`SETTINGS` (for experiments; recorded in the JSON).
    The ``extra`` gold files add sequences to the CRF, each article ``extra_repeat`` times; the
    vocabulary (word classes, cue rates) is learned from ``gold_path`` alone.
    """
    t0 = time.time()
    settings = {**SETTINGS, **(overrides or {})}
    gold_path = Path(gold_path)
    out_path = Path(out_path)
    base = out_path.with_suffix("")
    golds, articles = read_training_data(gold_path)
    analyses = [text_layer(a) for a in articles]
    clusters = word_classes(
        _word_lists(analyses), settings["clusters"], settings["cluster_min_freq"], settings["cluster_contexts"], seed
    )
    rates = cue_rates(analyses, golds, settings["cue_rate_min_freq"])
    vocab = Vocabulary(clusters, rates, settings["feature_set"])
    trainer = pycrfsuite.Trainer(algorithm=settings["algorithm"], verbose=False)
    trainer.set_params(
        {
            "c1": settings["c1"],
            "c2": settings["c2"],
            "max_iterations": settings["max_iterations"],
            "feature.minfreq": settings["feature.minfreq"],
            "feature.possible_transitions": True,
        }
    )
    data = [_append(trainer, gold_path, analyses, golds, vocab, 1)]
    for path in map(Path, extra):
        more, arts = read_training_data(path)
        data.append(_append(trainer, path, [text_layer(a) for a in arts], more, vocab, settings["extra_repeat"]))
    base.parent.mkdir(parents=True, exist_ok=True)
    model_file = base.with_suffix(".crfsuite")
    trainer.train(str(model_file))
    vocab_record = {"clusters": clusters, "cue_rates": rates, "feature_set": settings["feature_set"]}
    base.with_suffix(".vocab.json").write_text(
        json.dumps(vocab_record, sort_keys=True, separators=(",", ":")), encoding="utf-8"
    )
    weights_file = base.with_suffix(".weights.npz")
    n_attrs = export_weights(model_file, weights_file, settings["min_weight"])
    if not settings["keep_crfsuite"]:
        model_file.unlink()
    record = {
        "version": VERSION,
        "engine": "fast/crf",
        "training_data": data,
        "settings": settings,
        "seed": seed,
        "model_file": weights_file.name,
        "model_sha256": hashlib.sha256(weights_file.read_bytes()).hexdigest(),
        "model_bytes": weights_file.stat().st_size,
        "model_attributes": n_attrs,
    }
    base.with_suffix(".json").write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    record["seconds"] = round(time.time() - t0, 1)
    return record


def _append(
    trainer: Any, path: Path, analyses: list[Any], golds: list[dict[str, Any]], vocab: Vocabulary, repeat: int
) -> dict[str, Any]:
    """Add each article's (features, labels) sequence to the trainer ``repeat`` times; the record
    of ``path`` in the training data."""
    n_tok = 0
    for an, g in zip(analyses, golds, strict=True):
        prep = prepare(an)
        if not prep.tokens:
            continue
        xseq = featurize(an.text, prep, vocab)
        yseq = spans_to_labels(prep, gold_spans(g))
        for _ in range(repeat):
            trainer.append(xseq, yseq)
        n_tok += len(xseq)
    n_att = sum(len(g["attributions"]) for g in golds)
    return data_record(path, repeat, articles=len(golds), attributions=n_att, tokens=n_tok)


def main(argv: list[str] | None = None) -> int:
    a, overrides = parse_training_args(
        argv,
        "python -m newslib.attribution.fast.train",
        __doc__,
        "model path, e.g. newslib/models/attribution-fast.crfsuite",
        "c1=0.01",
    )
    rec = train(a.gold, a.out, a.seed, overrides, extra=a.extra)
    json.dump(rec, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
