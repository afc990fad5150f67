"""From an Article to an Analysis: text layer, attribution detection, sources, claims.

Data flows one way: text -> :class:`Article` (reading, structure) -> :class:`Analysis` (this
module) -> tables, notebooks and reports. Nothing downstream re-reads or re-tokenises.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from . import claims, sources
from .attribution import detect
from .model import Analysis, Article, ArticleError
from .reading import iter_articles, read_text
from .text import find_quotes, split_sentences, tokenize

DEFAULT_ENGINE = "fast"


def analyze(article: Article | str, engine: str = DEFAULT_ENGINE) -> Analysis:
    """Analyse one article (an :class:`Article`, or raw text read with :func:`read_text`)."""
    if isinstance(article, str):
        article = read_text(article)
    text = article.text
    base = Analysis(
        article=article,
        sentences=tuple(split_sentences(text, article.paragraphs)),
        tokens=tuple(tokenize(text)),
        quotes=tuple(find_quotes(text, article.paragraphs)),
    )
    attributions, engine_id = detect(base, engine)
    analysis = Analysis(article=article, sentences=base.sentences, tokens=base.tokens,
                        quotes=base.quotes, attributions=tuple(attributions), engine=engine_id)
    return claims.annotate(sources.resolve(analysis))


def _analyze_safely(item: Article | ArticleError, engine: str) -> Analysis | ArticleError:
    """One article's analysis, or its error: a batch never stops for one bad article."""
    if isinstance(item, ArticleError):
        return item
    try:
        return analyze(item, engine)
    except Exception as exc:  # noqa: BLE001 - recorded, reported, and the batch goes on
        return ArticleError(item.origin, f"analysis failed: {type(exc).__name__}: {exc}", id=item.id)


def analyze_many(items: Iterable[Article | ArticleError], engine: str = DEFAULT_ENGINE,
                 jobs: int = 1) -> Iterator[Analysis | ArticleError]:
    """Analyses in input order, over ``jobs`` processes; errors pass through in place."""
    work = partial(_analyze_safely, engine=engine)
    if jobs <= 1:
        yield from map(work, items)
        return
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        yield from pool.imap(work, items, chunksize=8)


def analyze_paths(paths: Iterable[str | Path], engine: str = DEFAULT_ENGINE,
                  jobs: int = 1) -> Iterator[Analysis | ArticleError]:
    """Every article under ``paths`` (files, directories, ``-``), analysed."""
    return analyze_many(iter_articles(paths), engine, jobs)
