"""The words of a person's name and what stands before it: capitalised tokens, runs of name
words, titles, roles and affiliations.

Both the parse of a source span (``mentions``) and the scan of the prose (``scan``) read names
with these rules, so a name is the same name wherever the article writes it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import FUNCTION_WORDS, NAME_PARTICLES, NAME_SUFFIXES, lex

POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")
_INITIAL = re.compile(r"[A-Z]\.")
INITIALS = re.compile(r"(?:[A-Z]\.)+|Jr\.|Sr\.")


def singular(word: str) -> str:
    w = word.lower()
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("people"):
        return w[:-6] + "person"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def is_cap(tok: str) -> bool:
    return bool(tok) and (tok[0].isupper() or (tok[0] in "'’" and len(tok) > 1 and tok[1].isupper()))


def strip_possessive(tok: str) -> tuple[str, bool]:
    if len(tok) > 2 and tok.endswith(_POSSESSIVE_ENDS):
        return (tok[:-2] if tok[-2] in "'’" else tok[:-1]), True
    return tok, False


def title_at_end(words: Sequence[str]) -> int:
    """How many of the last ``words`` form a title term (0 if none), longest first."""
    lexicon = lex()
    for n in range(min(lexicon.max_title, len(words)), 0, -1):
        term = " ".join(words[-n:]).lower()
        if term in lexicon.titles:
            return n
        if n == 1 and singular(term) in lexicon.titles and lexicon.titles[singular(term)][0] != "honorific":
            return 1
    return 0


def lexical(tok: str) -> bool:
    """True when a capitalised token is a lexicon word, so not part of a person's name."""
    return tok.lower() in lex().lexical


def only_title(word: str) -> bool:
    """A lexicon word that can still be a surname after a first name: a title (Angus King) or a
    country (Jim Jordan), but not an organisation, a capital or a function word."""
    lexicon = lex()
    return not (
        word in FUNCTION_WORDS
        or word in lexicon.org_heads
        or word in lexicon.place_heads
        or word in lexicon.orgs
        or word in lexicon.metonyms
        or word in lexicon.agencies
    )


def name_run(toks: Sequence[str], titled: bool = False) -> int:
    """Length of the run of person-name tokens at the end of ``toks`` (0 if none); ``titled``:
    a title comes right before ``toks`` ("mayor" before "Michael Bloomberg")."""
    n = 0
    i = len(toks) - 1
    while i >= 0:
        t = toks[i]
        tl = t.lower()
        if tl in NAME_SUFFIXES and n == 0:
            n += 1
            i -= 1
            continue
        if n > 0 and _INITIAL.fullmatch(t):  # middle initial
            n += 1
            i -= 1
            continue
        if tl in NAME_PARTICLES and n > 0 and i > 0 and is_cap(toks[i - 1]):
            n += 1
            i -= 1
            continue
        if not is_cap(t) or t.isupper():
            break
        if lexical(t):
            # a title word that ends a run of names is a surname ("Angus King"), else a stop
            given = i > 0 and is_cap(toks[i - 1]) and not lexical(toks[i - 1])
            titled = (i > 1 and toks[i - 2].lower() in lex().title_words) or (titled and i == 1)
            if (
                n == 0
                and given
                and (only_title(tl) or titled)
                and not toks[i - 1].lower().endswith(("ed", "ing", "ly"))
            ):  # "Retired General"
                n += 1
                i -= 1
                continue
            break
        n += 1
        i -= 1
    # do not end on a particle or initial alone
    while n and (toks[len(toks) - n].lower() in NAME_PARTICLES):
        n -= 1
    return n


def affiliation(words: Sequence[str]) -> str | None:
    """A demonym, country, organisation or capitalised phrase before a title, as a name."""
    if not words:
        return None
    lexicon = lex()
    phrase = " ".join(words).strip()
    low = phrase.lower()
    if low.startswith("the "):
        low, phrase = low[4:], phrase[4:]
    if low in lexicon.demonyms:
        return lexicon.demonyms[low]
    if low in lexicon.countries:
        return lexicon.countries[low]
    if low in lexicon.orgs:
        return lexicon.orgs[low][0]
    caps = [w for w in words if is_cap(w)]
    if caps:
        first = caps[0].lower()
        if first in lexicon.demonyms and len(caps) == 1:
            return lexicon.demonyms[first]
        return " ".join(strip_possessive(w)[0] for w in caps)
    return None


def role_and_affiliation(words: list[str]) -> tuple[str | None, str | None, str | None, str | None]:
    """(role, role class, affiliation, gender) from the words before a name or of a nominal."""
    lexicon = lex()
    words = [w for w in words if w.lower() not in ("the", "a", "an")]
    n = title_at_end(words)
    if not n:
        return None, None, affiliation(words), None
    term = " ".join(words[-n:]).lower()
    cls, gender = lexicon.titles.get(term) or lexicon.titles.get(singular(term), ("role", None))
    if cls == "honorific":
        rest = words[:-n]
        role, rcls, aff, g2 = role_and_affiliation(rest) if rest else (None, None, None, None)
        return role, rcls, aff, gender or g2
    i = len(words) - n
    # capitalised qualifiers and lower-case modifiers extend the role leftwards
    while i > 0:
        w = words[i - 1]
        wl = w.lower()
        if (
            wl in lexicon.demonyms
            or wl in lexicon.countries
            or wl in lexicon.orgs
            or wl in lexicon.org_heads
            or wl in lexicon.metonyms
            or POSSESSIVE.search(w)
        ):
            break
        if is_cap(w) or wl in (
            "former",
            "senior",
            "top",
            "deputy",
            "acting",
            "chief",
            "assistant",
            "interim",
            "then",
            "outgoing",
            "incoming",
            "presidential",
            "vice",
        ):
            i -= 1
            continue
        break
    role = " ".join(words[i:])
    return role, cls, affiliation(words[:i]), gender
