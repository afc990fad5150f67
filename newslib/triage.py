"""Triage: is this article analysable English prose? Recorded, never silent.

A corpus run meets navigation pages, stubs, other languages and the same article twice. Each
gets a status and a reason instead of an analysis, so that every input article appears once in
the output and a researcher can see why one was not analysed:

* ``too_short``: fewer than ``TriageSettings.min_words`` words after extraction;
* ``language``: another language than ``TriageSettings.languages``, by py3langid (a maintained
  fork of langid.py that ships its model) on the first ``language_sample`` characters. Measured
  on the 33 saved pages of ``../shared/realweb`` (25 English, 8 other), with their 200- and
  50-character starts and English articles with a third of foreign quotes: 33/33, 33/33, 32/33,
  16/16 right, ~0.5 ms an article (2.6% of the fast engine's time). Texts shorter than
  ``min_language_chars`` are too short to tell and are never refused for their language;
* ``duplicate``: an id seen earlier in the corpus (decided when the run ends, see
  :mod:`newslib.dataset`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .model import Article

STATUSES = ("ok", "error", "too_short", "language", "duplicate")
"""An article's status in a dataset: analysed, failed (reading or analysis), or refused by triage."""


@dataclass(frozen=True)
class TriageSettings:
    """The thresholds of triage; one object, recorded in the dataset's manifest."""

    min_words: int = 30
    """Fewer words than this after extraction: a stub, a navigation page, a caption."""
    languages: tuple[str, ...] = ("en",)
    """ISO 639-1 codes analysed; the engines are trained on English news."""
    min_language_chars: int = 200
    """Shorter texts are not refused for their language: no identifier is reliable below it."""
    language_sample: int = 2000
    """Characters read by the identifier: a long foreign quote opening an article is outvoted."""
    min_language_score: float = 0.9
    """A text is refused for its language only when the identifier is at least this sure."""


@dataclass(frozen=True)
class Verdict:
    """What triage found: the status, the reason (empty when ``ok``), the words and language."""

    status: str
    reason: str
    words: int
    language: str | None
    language_score: float | None


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def language_identifier() -> Any:
    """py3langid's identifier with normalised probabilities, loaded once per process."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language(text: str, sample: int = 2000) -> tuple[str, float]:
    """``(ISO 639-1 code, probability)`` of ``text``'s language, from its first ``sample`` characters."""
    code, score = language_identifier().classify(text[:sample])
    return str(code), round(float(score), 4)


def triage(article: Article, settings: TriageSettings | None = None) -> Verdict:
    """The verdict on one article (duplicates aside: they need the whole corpus)."""
    s = settings or TriageSettings()
    text = article.text
    words = len(_WORD.findall(text))
    code, score = language(text, s.language_sample)
    if len(text.strip()) >= s.min_language_chars and code not in s.languages and score >= s.min_language_score:
        return Verdict(
            "language", f"language {code!r} (p={score:.2f}), not {'/'.join(s.languages)}", words, code, score
        )
    if words < s.min_words:
        return Verdict("too_short", f"{words} words after extraction (fewer than {s.min_words})", words, code, score)
    return Verdict("ok", "", words, code, score)
