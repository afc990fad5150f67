"""Speed, memory and predictions of the accurate engine over a JSONL file (the whole pipeline).

    python scripts/benchmark_accurate.py GOLD.jsonl [-o pred.jsonl] [--model BASE]

Runs what ``newslib.analyze`` runs (text layer, attribution detection, sources, claims) with the
accurate engine on every article, prints model load time, words a second end to end (words:
newslib tokens that are not punctuation) and peak RSS, and writes the predictions as JSONL for
``../shared/gold/score.py``.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from newslib import claims, sources
from newslib.attribution.accurate import engine
from newslib.inputs import iter_articles
from newslib.model import Analysis, Article
from newslib.text import text_layer


def analyze(article: Article, model: engine.Model) -> Analysis:
    base = text_layer(article)
    atts, engine_id = engine.detect_accurate(base, model)
    an = Analysis(
        article=article,
        sentences=base.sentences,
        tokens=base.tokens,
        quotes=base.quotes,
        attributions=tuple(atts),
        engine=engine_id,
    )
    return claims.annotate(sources.resolve(an))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("-o", "--out")
    ap.add_argument("--model", help="model base path (default: the shipped newslib/models/accurate-minilm)")
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args(argv)
    articles = [x for x in iter_articles([a.gold]) if isinstance(x, Article)]
    t0 = time.perf_counter()
    model = engine.load_from(Path(a.model), a.threads) if a.model else engine.load_model()
    load_s = time.perf_counter() - t0
    analyze(articles[0], model)  # warm-up (lexicons, first session run)
    words = 0
    out = []
    t0 = time.perf_counter()
    for art in articles:
        an = analyze(art, model)
        words += sum(1 for t in an.tokens if t.kind != "punct")
        out.append(json.dumps(an.to_dict(), ensure_ascii=False))
    dt = time.perf_counter() - t0
    if a.out:
        Path(a.out).write_text("\n".join(out) + "\n", encoding="utf-8")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "engine": model.engine_id,
                "articles": len(articles),
                "words": words,
                "seconds": round(dt, 2),
                "words_per_s": round(words / dt),
                "model_load_s": round(load_s, 2),
                "peak_rss_mb": round(rss),
            }
        ),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
