"""What both engines' trainers share: the gold file read as the pipeline reads it, and their command line.

The fast engine's CRF (:mod:`.fast.train`) and the accurate engine's encoder (:mod:`.accurate.train`)
learn from the same gold JSONL files, so both read them here: the validated gold records, the
articles as the pipeline reads them (in the same order) and their text layers, built exactly as
detection builds them. Both commands take the same arguments (gold file, output, seed and
``--set KEY=VALUE`` overrides of the recorded settings).
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from ..evaluation import read_gold
from ..inputs import iter_articles
from ..model import Article, ArticleFailure
from ..reading import ReadError


def read_training_data(gold_path: str | Path) -> tuple[list[dict[str, Any]], list[Article]]:
    """The validated gold records of ``gold_path`` (:func:`newslib.evaluation.read_gold`) and
    their articles as the pipeline reads them, in the same order.

    Raises :class:`~newslib.reading.ReadError` naming the file and line for a malformed or empty
    gold file, or for an article the reader refuses (e.g. an over-long line in its text).
    """
    golds = read_gold(gold_path)
    articles: list[Article] = []
    for a in iter_articles([gold_path]):
        if isinstance(a, ArticleFailure):
            raise ReadError(a.origin, a.message)
        articles.append(a)
    if [a.id for a in articles] != [g["id"] for g in golds]:  # both read the same lines
        raise ReadError(str(gold_path), "the articles read do not match the gold records")
    return golds, articles


def data_record(gold_path: Path, repeat: int, **counts: int) -> dict[str, Any]:
    """One gold file of a model's training data, as its JSON record names it: the file, its
    sha256, how many times its articles were learned from and the trainer's ``counts``."""
    return {
        "file": gold_path.name,
        "sha256": hashlib.sha256(gold_path.read_bytes()).hexdigest(),
        **counts,
        "repeat": repeat,
    }


def parse_training_args(
    argv: list[str] | None, prog: str, doc: str | None, out_help: str, example: str
) -> tuple[argparse.Namespace, dict[str, Any]]:
    """The arguments both training commands take: gold file, output, seed, ``--extra`` gold files,
    ``--set KEY=VALUE`` overrides (JSON values) of the recorded settings."""
    ap = argparse.ArgumentParser(prog=prog, description=(doc or "").partition("\n")[0])
    ap.add_argument("gold", help="gold JSONL file (the format of ../shared/gold)")
    ap.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="GOLD.jsonl",
        help="another gold file to learn from, each of its articles repeated `extra_repeat` times "
        "(e.g. the annotated web pages: python scripts/realweb.py training FILE)",
    )
    ap.add_argument("out", help=out_help)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=f"override a training setting (JSON value), e.g. --set {example}",
    )
    a = ap.parse_args(argv)
    return a, {k: json.loads(v) for k, v in (x.split("=", 1) for x in a.set)}
