"""From an Article to an Analysis: text layer, attribution detection, sources, claims.

Data flows one way: text -> :class:`Article` (reading, structure) -> :class:`Analysis` (this
module) -> tables, notebooks and reports. Nothing downstream re-reads or re-tokenises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from . import claims, sources
from .attribution import DEFAULT_ENGINE, AttributionSettings, detect
from .attribution.engines import check_settings
from .inputs import iter_articles
from .model import Analysis, Article, ArticleFailure
from .reading import ReadError, check_text, read_text
from .text import text_layer
from .workers import ArticleTimeout, WorkerDied, WorkerSettings, limits, ordered_map, time_limit

__all__ = ["DEFAULT_ENGINE", "analyze", "analyze_many", "analyze_paths"]


def analyze(
    article: Article | str, engine: str = DEFAULT_ENGINE, settings: AttributionSettings | None = None
) -> Analysis:
    """Analyse one article (an :class:`Article`, or raw text read with :func:`read_text`) with
    ``engine`` (:data:`newslib.attribution.ENGINES`) and the detection ``settings`` (default:
    :class:`AttributionSettings()`).

    Raises :class:`TypeError` for anything else (bytes: decode them, or use :func:`read`), and
    :class:`ReadError` for text that cannot be analysed (empty, invalid Unicode, a line beyond
    the limit), whichever engine runs.
    """
    if isinstance(article, str):
        article = read_text(article)
    elif isinstance(article, Article):
        check_text(article.text, article.origin or article.id)
    else:
        hint = " (decode it first, or read a file with newslib.read)" if isinstance(article, bytes) else ""
        raise TypeError(f"analyze() takes an Article or a str, not {type(article).__name__}{hint}")
    base = text_layer(article)
    attributions, engine_id = detect(base, engine, settings)
    analysis = Analysis(
        article=article,
        sentences=base.sentences,
        tokens=base.tokens,
        quotes=base.quotes,
        attributions=tuple(attributions),
        engine=engine_id,
    )
    return claims.annotate(sources.resolve(analysis))


def _analyze_safely(
    item: Article | ArticleFailure,
    engine: str,
    then: Callable[[Analysis], Any] | None,
    settings: AttributionSettings | None = None,
    seconds: float | None = None,
) -> Any:
    """One article's analysis (passed through ``then``), or its error: a batch never stops for
    one bad article, whether it fails in analysis or in serialisation."""
    if isinstance(item, ArticleFailure):
        return item
    try:
        with time_limit("analysis", seconds):
            analysis = analyze(item, engine, settings)
    except ArticleTimeout as exc:
        return ArticleFailure(item.origin, str(exc), id=item.id)
    except ReadError as exc:
        return ArticleFailure(item.origin, exc.message, id=item.id)
    except Exception as exc:  # noqa: BLE001 - recorded, reported, and the batch goes on
        return ArticleFailure(item.origin, f"analysis failed: {_one_line(exc)}", id=item.id)
    if then is None:
        return analysis
    try:
        return then(analysis)
    except Exception as exc:  # noqa: BLE001 - as above: the article's error, not the batch's
        return ArticleFailure(item.origin, f"writing the result failed: {_one_line(exc)}", id=item.id)


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


def analyze_many(
    items: Iterable[Article | ArticleFailure],
    engine: str = DEFAULT_ENGINE,
    jobs: int = 1,
    then: Callable[[Analysis], Any] | None = None,
    settings: AttributionSettings | None = None,
    worker: WorkerSettings | None = None,
) -> Iterator[Any]:
    """Analyses in input order, over ``jobs`` processes; errors pass through in place.

    ``settings`` (the detection's, default :class:`AttributionSettings()`) travel with every
    chunk of work to the worker processes, so a worker never uses other settings than the caller's;
    so do ``worker`` (:class:`~newslib.workers.WorkerSettings`: one article's time limit), which
    also hold while the caller reads the inputs (an HTML page's extraction).

    ``then`` (a module-level function, so workers can receive it) runs on each analysis in the
    worker, e.g. serialising it; what it returns is yielded instead of the analysis. An article
    whose worker process died while analysing it becomes an :class:`ArticleFailure`.
    """
    settings = check_settings(settings)  # a wrong type fails here, not in every article
    with limits(worker) as lim:
        work = partial(_analyze_safely, engine=engine, then=then, settings=settings, seconds=lim.article_seconds)
        for out in ordered_map(work, items, jobs, settings=lim):
            if isinstance(out, WorkerDied):
                item = out.item
                out = ArticleFailure(
                    item.origin,
                    "worker process died while analysing it (killed, or out of memory)",
                    id=getattr(item, "id", None),
                )
            yield out


def analyze_paths(
    paths: Iterable[str | Path] | str | Path,
    engine: str = DEFAULT_ENGINE,
    jobs: int = 1,
    settings: AttributionSettings | None = None,
) -> Iterator[Analysis | ArticleFailure]:
    """Every article under ``paths`` (one path, or several: files, directories, ``-``), analysed."""
    return analyze_many(iter_articles(paths), engine, jobs, settings=settings)
