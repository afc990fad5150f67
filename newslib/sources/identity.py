"""Who a speaker is, the same way in every article: the speaker scheme, person keys, names that
name nobody, gender from a first name, and how sure the resolution is.

A researcher's first question of a corpus is who is quoted. Counting that needs four things no
single article gives:

* **One scheme** (:data:`~newslib.model.SPEAKER_CATEGORIES`): a speaker's ``category`` follows
  from its finer ``type`` and never varies with a person's role in one article.
* **A person key** (:func:`person_key`): the canonical name with case, honorifics and titles,
  possessives, diacritics, punctuation and spacing normalised, so "Tony Blair", "Mr Tony
  Blair" and "TONY BLAIR'S" are one person in every article and run. Keys come from full names
  only where the article gives one; a bare surname keeps its own key ("brown" is never Gordon
  Brown unless the article says so). Organisations get keys the same way, prefixed ``org:``.
* **Names that name nobody** (:func:`junk_reason`): a pronoun left unresolved, a bare title
  ("the premier"), a phrase with a verb in it. Such a speaker is left unresolved rather than
  counted as a person called "I" or "Mr".
* **Gender** from text first (titles, pronouns; the resolver), then from the first name
  (:func:`newslib.sources.firstnames.name_gender`), never against the text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..datafiles import read_lexicon
from .lexicon import DETERMINERS, NAME_SUFFIXES, lex

CATEGORY_OF_TYPE = {
    "named_person": "named_person",
    "official": "named_person",
    "organisation": "named_organisation",
    "government": "named_organisation",
    "agency": "named_organisation",
    "media": "named_organisation",
    "anonymous_individual": "unnamed_individual",
    "anonymous_group": "unnamed_group",
    "group": "unnamed_group",
    "document": "document",
}
"""Each source type's category; any other type (unknown, credit, place) is ``unknown``."""

UNNAMED = ("unnamed_individual", "unnamed_group")
"""Categories that count as anonymous: the article does not name who speaks."""

_VERBS = frozenset(
    """said says say told tells added adds asked asks stated declared is was were are has have
    had will would did does spoke speaks wrote writes argued argues noted notes warned warns insisted
    insists claimed announced explained explains replied replies responded responds suggested suggests
    acknowledged admitted urged urges called calls described describes""".split()
)
"""Verbs a source span never holds: a span running on into its cue ("The company said it")."""

_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def category(type_: str) -> str:
    """The speaker category of a source type."""
    return CATEGORY_OF_TYPE.get(type_, "unknown")


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Single words of titles and honorifics ("mr", "sir", "minister", "sen"), without periods."""
    return frozenset(w.rstrip(".") for term in lex().titles for w in term.split())


def _fold(name: str) -> str:
    """Lower case, diacritics dropped, curly apostrophes straightened."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def normalise_name(name: str) -> str:
    """A name as a key: folded, possessive and leading determiner, honorifics and titles
    dropped ("Mr Blair's" -> "blair"; "Sir Edward Heath" -> "edward heath"), so are suffixes and
    middle initials ("Paul D. Ryan Jr." -> "paul ryan"), hyphens and punctuation as spaces."""
    folded = re.sub(r"'s\b|s'(?=\s|$)", lambda m: "" if m.group() == "'s" else "s", _fold(name))
    words = [w.replace("'", "") for w in _WORD.findall(folded)]
    titles = _title_words()
    while len(words) > 1 and (words[0] in DETERMINERS or words[0] in titles):
        words.pop(0)
    while len(words) > 2 and words[-1] in NAME_SUFFIXES:
        words.pop()
    # middle initials go: "Paul D. Ryan" and "Paul Ryan" are one person
    words = [w for i, w in enumerate(words) if not (len(w) == 1 and 0 < i < len(words) - 1)]
    return " ".join(w for part in words for w in part.split("-"))


def person_key(name: str, category_: str) -> str | None:
    """The key naming the same speaker in every article: the normalised name of a person, ``org:``
    and the normalised name of an organisation; None for unnamed speakers and documents, which no
    name identifies across articles."""
    if category_ == "named_person":
        return normalise_name(name) or None
    if category_ == "named_organisation" and not is_generic(name):
        words = _without_determiners(_WORD.findall(_fold(name).replace("'", "")))
        return "org:" + " ".join(words) if words else None
    return None


def _without_determiners(words: list[str]) -> list[str]:
    """Words after a leading "the", "a"…"""
    k = 0
    while k < len(words) and words[k] in DETERMINERS:
        k += 1
    return words[k:]


def is_generic(name: str) -> bool:
    """ "The company", "the ministry", "the regional water authority": an institution's head noun
    or a description in lower case, with no name; it means another institution in every article
    (no key across articles)."""
    words = _without_determiners(_WORD.findall(_fold(name)))
    named = any(ch.isupper() for ch in name.replace("The ", "", 1))
    return not named or (len(words) == 1 and words[0] in lex().org_heads)


def junk_reason(name: str, category_: str) -> str | None:
    """Why ``name`` names nobody (a pronoun, a bare title, a phrase with a verb, one lower-case
    word no rule could type: "softer", "let's"), else None."""
    words = _WORD.findall(_fold(name))
    if not words:
        return "no name"
    if " ".join(words) in lex().pronouns:
        return "a pronoun"
    if any(w in _VERBS for w in words[1:]):
        return "a phrase with a verb"
    titles = _title_words()
    if category_ in ("named_person", "unknown") and all(w in titles or w in DETERMINERS for w in words):
        return "a bare title"
    if category_ == "unknown" and len(words) == 1 and name.strip()[:1].islower():
        return "a common word no rule reads as a speaker"
    return None


@lru_cache(maxsize=1)
def _speaker_rates() -> dict[tuple[str, str], float]:
    """``data/speaker_scores.tsv``: how often each resolution rule gave the right speaker, by
    category, as counted on the speaker development sets (``scripts/measure_speakers.py --fit``);
    the rate is smoothed towards the rule's overall rate (add-two), so a rare class says little."""
    rows = [line.split("\t") for line in read_lexicon("speaker_scores.tsv")]
    counts = {(rule, cat): (int(right), int(total)) for rule, cat, right, total in rows}
    rates: dict[tuple[str, str], float] = {}
    for rule in {r for r, _ in counts}:
        right = sum(v[0] for (r, _), v in counts.items() if r == rule)
        total = sum(v[1] for (r, _), v in counts.items() if r == rule)
        prior = (right + 1) / (total + 2)
        rates[(rule, "*")] = round(prior, 3)
        for (r, cat), (k, n) in counts.items():
            if r == rule:
                rates[(rule, cat)] = round((k + 2 * prior) / (n + 2), 3)
    return rates


def speaker_score(rule: str, category_: str) -> float:
    """The probability that a speaker resolved by ``rule`` (one of the resolver's
    ``RESOLUTION_RULES``) is the right one, given a right attribution: the rate measured for the
    rule and category, else for the rule, else one half (nothing measured)."""
    rates = _speaker_rates()
    return rates.get((rule, category_), rates.get((rule, "*"), 0.5))
