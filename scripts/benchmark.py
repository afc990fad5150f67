"""Speed of newslib, measured (not asserted): words/s, articles/s, model load, peak memory.

    python scripts/benchmark.py [CORPUS.jsonl] [--engine fast] [--repeat 3] [--report]

Default corpus: ../shared/gold/polnear_dev.jsonl beside the repository (else the seed).
Prints, for one process on one core:
  * reading + text layer (decode, structure, sentences, tokens, quotes)
  * the whole pipeline per engine (model loading excluded, and reported on its own)
  * peak resident memory of the process
With --report, also the seed report's cold render time (a fresh `newslib report` process).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newslib import analyze, find_quotes, iter_articles, split_sentences, tokenize
from newslib.attribution import ENGINES, detect
from newslib.model import Analysis, Article

ROOT = Path(__file__).resolve().parent.parent


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = ROOT.parent / "shared" / "gold" / "polnear_dev.jsonl"
    ap.add_argument("corpus", nargs="?", default=str(default if default.exists() else ROOT / "seeds"))
    ap.add_argument("--engine", action="append", choices=ENGINES, help="engine(s) to time (default: all)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--report", action="store_true", help="also time a cold render of the seed report")
    args = ap.parse_args()

    t0 = time.perf_counter()
    arts = [a for a in iter_articles([args.corpus]) if isinstance(a, Article)]
    read_s = time.perf_counter() - t0
    words = sum(len(a.text.split()) for a in arts)
    print(f"corpus: {args.corpus}: {len(arts)} articles, {words:,} words")
    print(f"reading + structure:        {words / read_s:>10,.0f} words/s")

    def text_layer() -> None:
        for a in arts:
            split_sentences(a.text, a.paragraphs)
            tokenize(a.text)
            find_quotes(a.text, a.paragraphs)

    t = best_of(args.repeat, text_layer)
    print(f"text layer:                 {words / t:>10,.0f} words/s")

    for engine in args.engine or ENGINES:
        sample = Analysis(article=arts[0])
        t0 = time.perf_counter()
        detect(sample, engine)  # loads the model once; later calls reuse it
        load = time.perf_counter() - t0
        t = best_of(args.repeat, lambda e=engine: [analyze(a, engine=e) for a in arts])
        print(
            f"pipeline [{engine}]:{'':<{14 - len(engine)}}{words / t:>10,.0f} words/s  "
            f"{len(arts) / t:>8,.1f} articles/s  (model load {load:.2f} s)"
        )

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory:                {peak:>10,.0f} MB")

    if args.report:
        with tempfile.TemporaryDirectory() as d:
            t0 = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "newslib.cli", "report", str(ROOT / "notebooks" / "article.ipynb"), "-o", d],
                check=True,
                capture_output=True,
            )
            print(f"seed report cold render:    {time.perf_counter() - t0:>10.1f} s")


if __name__ == "__main__":
    main()
