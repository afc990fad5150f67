"""Everything the notebooks call, and nothing else.

A notebook holds no logic of its own: its cells call the names listed here (``from newslib
import notebook as nb``), so every count a report shows is computed by tested library code. The
names are of four kinds:

- **inputs**: :func:`locate` (a parameter naming a file, found from where ``newslib report`` was
  run, the notebook's folder or the repository), :func:`open_article` (one article of a file, a
  corpus or a folder), :func:`corpus_dataset` (a dataset, or a corpus analysed into a cached
  one);
- **analysis**: :func:`analyze`, :func:`show` (the highlighted article, from an analysis, an
  article, a path or raw text), :func:`profile` and :func:`claims_summary`, :func:`evaluate`;
- **tables** (:mod:`newslib.frames`) and **figures** (:mod:`newslib.plots`), re-exported;
- **a corpus dataset's summary** (:mod:`newslib.dataset.summary`, DuckDB queries: groups
  compared, kinds, top sources, and who is quoted: people by gender per group and over time, the
  top people, speaker categories), imported on first use so the article notebook needs neither
  pyarrow nor DuckDB.

:func:`setup` sets pandas' display options once per notebook.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import claims, sources
from .display import render_html
from .frames import (
    attributions_table,
    errors_frame,
    evaluation_by_kind,
    evaluation_errors,
    evaluation_reliability,
    evaluation_summary,
    kind_counts,
    profile_table,
    share_table,
    source_type_counts,
)
from .inputs import iter_articles, read
from .model import Analysis, Article, ArticleFailure
from .pipeline import DEFAULT_ENGINE, analyze
from .plots import (
    plot_gender,
    plot_gender_over_time,
    plot_groups,
    plot_kind_table,
    plot_kinds,
    plot_positions,
    plot_recall_by_kind,
    plot_share,
    plot_source_types,
    plot_speaker_categories,
)
from .reading import ReadError
from .report import INVOCATION_DIR_ENV
from .version import __version__

if TYPE_CHECKING:
    from IPython.display import HTML

_LAZY = {
    "evaluate": ("evaluation", "evaluate"),
    "check_group": ("dataset.summary", "check_group"),
    "status_counts": ("dataset.summary", "status_counts"),
    "not_analysed": ("dataset.summary", "not_analysed"),
    "group_table": ("dataset.summary", "group_table"),
    "kind_table": ("dataset.summary", "kind_table"),
    "corpus_top_sources": ("dataset.summary", "top_sources"),
    "CORPUS_METRICS": ("dataset.summary", "GROUP_METRICS"),
    "find_date_column": ("dataset.summary", "find_date_column"),
    "gender_table": ("dataset.summary", "gender_table"),
    "gender_over_time": ("dataset.summary", "gender_over_time"),
    "top_people": ("dataset.summary", "top_people"),
    "speaker_categories": ("dataset.summary", "speaker_categories"),
}
"""Names imported on first use: ``module`` (under ``newslib``) and attribute."""

__all__ = [
    "analyze",
    "attributions_table",
    "claims_summary",
    "corpus_dataset",
    "errors_frame",
    "evaluation_by_kind",
    "evaluation_errors",
    "evaluation_reliability",
    "evaluation_summary",
    "kind_counts",
    "locate",
    "open_article",
    "plot_gender",
    "plot_gender_over_time",
    "plot_groups",
    "plot_kind_table",
    "plot_kinds",
    "plot_positions",
    "plot_recall_by_kind",
    "plot_share",
    "plot_source_types",
    "plot_speaker_categories",
    "profile",
    "profile_table",
    "setup",
    "share_table",
    "show",
    "source_type_counts",
    *_LAZY,
]


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{module}", "newslib"), attr)
    raise AttributeError(f"module 'newslib.notebook' has no attribute {name!r}")


def setup() -> None:
    """Pandas display options shared by the notebooks: every column shown, text cut late."""
    import pandas as pd

    pd.set_option("display.max_columns", 40)
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.width", 200)
    pd.set_option("display.precision", 3)


# -- inputs ----------------------------------------------------------------------------------


def locate(path: str | Path) -> Path:
    """Resolve a notebook parameter naming a file: absolute as is; a relative one against the
    directory ``render`` was called from, then the notebook's directory, then its parent (the
    repository, where ``seeds/`` and ``tests/fixtures/`` live). Raises FileNotFoundError."""
    base = _base_of(path)
    return Path(path).expanduser() if base is None else (base / path).resolve()


def _base_of(path: str | Path) -> Path | None:
    """The directory a relative ``path`` is found under (see :func:`locate`); None if absolute."""
    p = Path(path).expanduser()
    if p.is_absolute():
        if p.exists():
            return None
        raise FileNotFoundError(f"{path}: no such file or directory")
    bases = [Path(os.environ[INVOCATION_DIR_ENV])] if os.environ.get(INVOCATION_DIR_ENV) else []
    bases += [Path.cwd(), Path.cwd().parent]
    for base in dict.fromkeys(bases):
        if (base / p).exists():
            return base
    raise FileNotFoundError(
        f"{path}: no such file or directory (looked in " + ", ".join(str(b) for b in dict.fromkeys(bases)) + ")"
    )


def open_article(path: str | Path, article_id: str | None = None) -> Article:
    """The article at ``path`` (located with :func:`locate`): the first one, or the one whose id is
    ``article_id`` in a JSONL corpus or a directory. Raises ReadError or LookupError."""
    found = locate(path)
    for item in iter_articles(found):
        if isinstance(item, ArticleFailure):
            if article_id is None:
                raise ReadError(item.origin, item.message)
            continue
        if article_id is None or item.id == str(article_id):
            # keep the path as the user gave it: a report must not depend on where the repo lives
            return replace(item, origin=item.origin.replace(str(found), str(path), 1))
    raise LookupError(f"{path}: no article with id {article_id!r}")


def corpus_dataset(
    dataset: str | Path = "", corpus: str | Path = "", engine: str = DEFAULT_ENGINE, jobs: int = 1
) -> Any:
    """The dataset a corpus notebook summarises: ``dataset`` (located with :func:`locate`), or
    ``corpus`` analysed into a cached dataset first (``$XDG_CACHE_HOME/newslib/datasets``, keyed
    by the corpus's path, size and time, the engine and newslib's version), so rendering again
    reads the dataset instead of analysing the corpus again; an interrupted analysis resumes."""
    from .dataset import analyze_corpus, open_dataset

    if dataset:
        return open_dataset(locate(dataset))
    out = _cache_dir(locate(corpus), engine)
    if not (out / "manifest.json").is_file():
        # run from where the corpus was found, so origins keep the path as given: a report must
        # not depend on where the repository lives
        with contextlib.chdir(_base_of(corpus) or Path.cwd()):
            analyze_corpus(str(corpus), out, engine=engine, jobs=jobs, resume=out.exists())
    return open_dataset(out)


def _cache_dir(corpus: Path, engine: str) -> Path:
    import hashlib

    files = sorted(corpus.rglob("*")) if corpus.is_dir() else [corpus]
    stamp = [(str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.is_file()]
    key = hashlib.sha256(json.dumps([stamp, engine, __version__]).encode()).hexdigest()[:16]
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newslib" / "datasets"
    return root / f"{corpus.stem}-{key}"


# -- analysis --------------------------------------------------------------------------------


def show(obj: Analysis | Article | str | Path, engine: str = DEFAULT_ENGINE) -> HTML:
    """The highlighted article as an IPython ``HTML`` object, from an analysis, an article, a
    file path, or raw text (analysed with ``engine``). A string naming an existing file is read
    as that file; any other string is taken as the article's text."""
    from IPython.display import HTML

    return HTML(render_html(_as_analysis(obj, engine)))


def _as_analysis(obj: Analysis | Article | str | Path, engine: str) -> Analysis:
    if isinstance(obj, Analysis):
        return obj
    if isinstance(obj, Article):
        return analyze(obj, engine)
    if isinstance(obj, Path):
        return analyze(read(obj), engine)
    if isinstance(obj, str):
        if "\n" not in obj and len(obj) < 4096:
            try:
                is_file = Path(obj).is_file()
            except OSError:  # a sentence too long or odd to be a file name
                is_file = False
            if is_file:
                return analyze(read(obj), engine)
        return analyze(obj, engine)
    raise TypeError(f"show() takes an Analysis, an Article, a path or text, not {type(obj).__name__}")


profile = sources.profile
claims_summary = claims.summary
