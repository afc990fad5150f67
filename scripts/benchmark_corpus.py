"""Corpus throughput: articles/s, words/s, speed-up at 2 jobs, peak memory of all processes.

Generates a JSONL corpus of ~500-word articles from the script's own templates (never gold
text), runs ``newslib analyze CORPUS --format parquet -o DIR --jobs N`` as a user would, samples
the memory of the whole process tree (RSS, and PSS, which counts pages the forked workers share
once), and projects the time for a million articles. Why: the corpus issue's goals (>= 1.8x at
2 jobs, under 500 MB for every process together, 1M articles in under 2 hours on 2 cores) are
claims to measure, not to assert in a test.

    python scripts/benchmark_corpus.py --articles 10000 100000 --cluster   # add 1000000 for the full run

The ``jobs`` column: 1 and 2 local worker processes, ``dask2`` a two-worker Dask LocalCluster.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPHS = [
    "{Org} said on {day} that it would {act}, a move that {name} described as long overdue.",
    "“We have listened to the residents of {place} for years, and now we are acting,” {name} told reporters "
    "at a news conference outside the town hall.",
    "The plan will cost about {n} million dollars over five years, according to figures released by the "
    "finance department, which said the money would come from reserves.",
    "Critics were less convinced. {name2}, who chairs the opposition group, said the council had ignored "
    "cheaper options and warned that taxes could rise by {p} percent.",
    "A spokeswoman for the regional government said officials were reviewing the proposal and would "
    "respond within weeks. She declined to comment on the cost.",
    "Local businesses, many of which were hit hard by the closure of the old {thing}, welcomed the news. "
    "Sales fell by {p} percent last year, the chamber of commerce said.",
    "Two officials familiar with the talks, who spoke on condition of anonymity because they were not "
    "authorised to discuss them, said a deal had been close for months.",
    "The work is due to start in the spring and should be finished by {year}, the contractor said in a "
    "statement, adding that traffic would be diverted during the first phase.",
]
WORDS = {
    "Org": ["The city council", "The transport agency", "The school board", "The water authority"],
    "name": ["Mayor Anna Berg", "Tom Okafor", "Lena Duarte", "Raj Patel"],
    "name2": ["Mei Chen", "Jonas Weber", "Priya Nair", "Carlos Ruiz"],
    "place": ["Harbour", "Valley", "Northfield", "Riverside"],
    "act": ["repair the old bridge", "close the bus depot", "build a new library", "widen the main road"],
    "thing": ["factory", "market", "rail yard", "mill"],
    "day": ["Monday", "Tuesday", "Friday"],
}


def make_article(rng: random.Random, i: int) -> dict[str, str]:
    """An article of ~500 words: a headline and paragraphs drawn from the templates."""
    fill = {k: rng.choice(v) for k, v in WORDS.items()}
    fill.update(n=rng.randint(2, 90), p=rng.randint(2, 30), year=rng.randint(2027, 2031))
    paras = [PARAGRAPHS[k % len(PARAGRAPHS)].format(**fill) for k in rng.sample(range(40), 16)]
    return {
        "id": f"a{i:07d}",
        "text": f"{fill['Org']} to {fill['act']}\n\n" + "\n\n".join(paras),
        "outlet": rng.choice(["Daily", "Herald", "Post", "Times"]),
        "date": f"2026-{rng.randint(1, 12):02d}-01",
    }


def write_corpus(path: Path, n: int) -> int:
    rng, words = random.Random(0), 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            art = make_article(rng, i)
            words += len(art["text"].split())
            fh.write(json.dumps(art) + "\n")
    return words


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                todo += [int(c) for c in Path(f"/proc/{p}/task/{task}/children").read_text().split()]
        except OSError:
            pass
    return out


def _memory(pids: list[int]) -> tuple[int, int]:
    """Total RSS and PSS (kB) of the processes."""
    rss = pss = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def run(corpus: Path, out: Path, jobs: int, scheduler: str = "") -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        sys.executable,
        "-m",
        "newslib.cli",
        "analyze",
        str(corpus),
        "--format",
        "parquet",
        "-o",
        str(out),
        "--jobs",
        str(jobs),
        "-q",
        *(["--scheduler", scheduler] if scheduler else []),
    ]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0
    while proc.poll() is None:
        rss, pss = _memory(_tree(proc.pid))
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        time.sleep(0.25)
    seconds = time.monotonic() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"newslib failed: {proc.stderr.read().decode()[-500:]}")
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return {"seconds": seconds, "rss_mb": peak_rss / 1024, "pss_mb": peak_pss / 1024, "dataset_mb": size / 1e6}


def task_overhead(tasks: int = 2000) -> float:
    """Milliseconds the Dask scheduler adds to a task: no-op tasks on a two-worker LocalCluster."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster, Client(cluster) as c:
        c.gather(c.map(abs, range(100), pure=False))  # warm up
        start = time.monotonic()
        c.gather(c.map(abs, range(tasks), pure=False))
        return (time.monotonic() - start) / tasks * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--keep", metavar="DIR", help="keep corpora and datasets here")
    ap.add_argument("--cluster", action="store_true", help="also run on a two-worker Dask LocalCluster")
    args = ap.parse_args()
    work = Path(args.keep or tempfile.mkdtemp(prefix="newslib-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(
        f"{'articles':>9} {'jobs':>5} {'seconds':>7} {'articles/s':>10} {'words/s':>9} {'speed-up':>8} "
        f"{'peak RSS MB':>11} {'peak PSS MB':>11} {'dataset MB':>10} {'1M articles':>11}"
    )
    for n in args.articles:
        corpus = work / f"corpus-{n}.jsonl"
        words = write_corpus(corpus, n)
        base = None
        runs = [(str(j), j, "") for j in args.jobs] + ([("dask2", 2, "local")] if args.cluster else [])
        for label, jobs, scheduler in runs:
            r = run(corpus, work / f"dataset-{n}-{label}", jobs, scheduler)
            base = base or r["seconds"]
            per_million = r["seconds"] / n * 1_000_000 / 3600
            print(
                f"{n:>9,} {label:>5} {r['seconds']:>7.1f} {n / r['seconds']:>10,.0f} {words / r['seconds']:>9,.0f} "
                f"{base / r['seconds']:>7.2f}x {r['rss_mb']:>11,.0f} {r['pss_mb']:>11,.0f} {r['dataset_mb']:>10,.1f} "
                f"{per_million:>10.2f}h",
                flush=True,
            )
    if args.cluster:
        print(f"Dask scheduler overhead: {task_overhead():.2f} ms a task")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
