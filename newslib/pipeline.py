"""From an Article to an Analysis: the text layer, then attribution detection.

Data flows one way: text -> :class:`Article` (reading, structure) -> :class:`Analysis` (this
module) -> tables, notebooks and reports. Nothing downstream re-reads or re-tokenises.
"""

from __future__ import annotations

from . import claims, sources
from .attribution import detect
from .model import Analysis, Article
from .reading import read_text
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
