"""newslib: who said it, and how do we know?

Attribution and sourcing analysis of news articles, offline, with every finding a pair of
character offsets into the exact text. The whole public API is listed here::

    import newslib
    analysis = newslib.analyze(newslib.read("seeds/000_bf35a3d7ff0db5a3.txt"))
    analysis.attributions_frame          # one row an attribution, with evidence
    analysis                             # in a notebook: the highlighted article
    newslib.analyze_corpus(["corpus.jsonl.gz", "pages.warc.gz"], "dataset", jobs=2)
    newslib.open_dataset("dataset").sql("select type, count(*) from sources group by type")
    newslib.analyze_corpus(["archive/"], "dataset", scheduler="tcp://scheduler:8786")   # on a Dask cluster

Data flows one way: text -> Article (reading) -> Analysis (pipeline) -> tables, plots, reports.
Notebooks call :mod:`newslib.notebook` (inputs, the highlighted view, :mod:`newslib.frames` and
:mod:`newslib.plots`), which stays out of this namespace: it needs pandas and matplotlib, and
one article analysed on the command line needs neither.
"""

from .attribution import AttributionSettings  # noqa: E402
from .errors import NewslibError  # noqa: E402
from .inputs import InputOptions, iter_articles, read  # noqa: E402
from .model import (  # noqa: E402
    ATTRIBUTION_KINDS,
    PARAGRAPH_ROLES,
    Analysis,
    Article,
    ArticleError,  # deprecated alias of ArticleFailure
    ArticleFailure,
    Attribution,
    Claim,
    Number,
    Paragraph,
    Quote,
    Sentence,
    Source,
    Span,
    Token,
    to_frame,
)
from .pipeline import DEFAULT_ENGINE, analyze, analyze_many, analyze_paths  # noqa: E402
from .reading import ReadError, read_html, read_text  # noqa: E402
from .text import find_quotes, split_sentences, tokenize  # noqa: E402
from .triage import TriageSettings, triage  # noqa: E402
from .version import __version__  # noqa: E402

_LAZY = {
    "analyze_corpus": "dataset",
    "open_dataset": "dataset",
    "Dataset": "dataset",
    "DatasetError": "dataset",
    "analyze_bag": "dataset.cluster",
    "analyze_frame": "dataset.cluster",
    "write_dataset": "dataset.cluster",
}
"""Names imported on first use: datasets need pyarrow and DuckDB, Dask collections need the dask
extra; one article needs neither."""


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'newslib' has no attribute {name!r}")


__all__ = [
    "ATTRIBUTION_KINDS",
    "DEFAULT_ENGINE",
    "PARAGRAPH_ROLES",
    "Analysis",
    "Article",
    "ArticleError",
    "ArticleFailure",
    "Attribution",
    "AttributionSettings",
    "Claim",
    "Dataset",
    "DatasetError",
    "InputOptions",
    "NewslibError",
    "Number",
    "Paragraph",
    "Quote",
    "ReadError",
    "Sentence",
    "Source",
    "Span",
    "Token",
    "TriageSettings",
    "__version__",
    "analyze",
    "analyze_bag",
    "analyze_corpus",
    "analyze_frame",
    "analyze_many",
    "analyze_paths",
    "find_quotes",
    "iter_articles",
    "open_dataset",
    "read",
    "read_html",
    "read_text",
    "split_sentences",
    "to_frame",
    "tokenize",
    "triage",
    "write_dataset",
]
