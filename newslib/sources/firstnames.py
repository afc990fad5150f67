"""First name → gender, with its probability: the fallback when the text itself states no gender.

Text evidence (pronouns resolved to the person, gendered titles) comes first and is handled
elsewhere; this module only answers "how likely is a person called Andrea to be a woman?".

Data: ``newslib/data/first_names.tsv``, 107k names with P(female), built by
``scripts/build_first_names.py`` from the ``name_data.json`` of the nomquamgender 0.1.4 wheel
(Van Buskirk, Clauset and Larremore, ICWSM 2023; a consensus of 36 name-gender sources), keeping
the names that at least 3 of those sources attest. Licence: MIT, Copyright (c) 2022 Ian Van
Buskirk (the notice is in the data file's header). Comparison with other lexicons and the
measurements behind THRESHOLD: ``newslib/sources/FIRSTNAMES.md``.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from importlib.resources import files

THRESHOLD = 0.9
"""Smallest probability answered. On 434 first names of people in news (scripts/measure_firstnames.py)
it answers 90.6% of them, 99.7% right, and 9% of 34 unisex names (Andrea, Jordan, Taylor, Kim…
give None). At 0.8 it would answer 94.7% (99.8% right) but 38% of the unisex names, answers that
would skew a count of women and men quoted; at 0.95 only 83.6%."""

# letters NFKD does not decompose, folded as the data's builder (unidecode) folded them
_FOLD = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "’": "'", "‘": "'"}
)


@cache
def _lexicon() -> dict[str, float]:
    """name -> P(female), read once per process (one pass over the text: ~0.1 s)."""
    raw = files("newslib").joinpath("data/first_names.tsv").read_text(encoding="utf-8")
    body = raw[raw.index("\n", raw.index("\nname\t") + 1) + 1 :]  # after the comments and the header line
    it = iter(body.replace("\n", "\t").split("\t"))
    return {name: float(p) for name, p in zip(it, it, strict=False)}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.strip().lower().translate(_FOLD))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def lookup(first_name: str) -> tuple[str, float] | None:
    """The lexicon's answer whatever its probability, or None if the name is not in it.

    "Jean-Pierre" is looked up whole, then by its first part; initials ("J.") give None.
    """
    return _answer(first_name) if isinstance(first_name, str) else None


@lru_cache(maxsize=65536)
def _answer(first_name: str) -> tuple[str, float] | None:
    """:func:`lookup` of a string, cached: an article asks for the same names many times."""
    key = _fold(first_name)
    for name in dict.fromkeys((key, key.replace("-", " ").split(" ")[0])):
        p = _lexicon().get(name) if len(name) > 1 else None
        if p is not None:
            return ("female", p) if p >= 0.5 else ("male", round(1 - p, 3))
    return None


def name_gender(first_name: str) -> tuple[str, float] | None:
    """("female"|"male", P(that gender | first name)), or None when unknown or below THRESHOLD."""
    answer = lookup(first_name)
    return answer if answer and answer[1] >= THRESHOLD else None
