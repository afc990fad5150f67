"""The words source resolution knows: the lexicon files of ``newslib/data``, parsed once, and the
English grammar words that are code rather than data.

Every other module of the stage asks :func:`lex` for a table instead of reading a file, so the
files are read once a process and a researcher extends a list without touching the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import agency_names, read_lexicon

FUNCTION_WORDS = frozenset(
    """the a an and or but nor of in on at to for from with by as if when while after before since
    until this that these those it its he she they we i his her their our my your you there here
    what why how who whom which where last next then now so yet also still even just not no yes
    all both some many most much more several few other another such each every any one two three
    four five six seven eight nine ten first second third new old former late earlier later today
    tonight yesterday tomorrow according latest photo video image reuters january february march april
    may june july august september october november december monday tuesday wednesday thursday
    friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri
    sat sun st. dear thanks please however meanwhile instead despite although though because
    during inside outside over under about above below between among through across against
    without within like unlike north south east west northern southern eastern western central
    upper lower greater great""".split()
)
"""Words that can open a sentence in capitals but never belong to a person's name (code, not a
data file: they are English grammar, not a lexicon a researcher would extend)."""

NAME_PARTICLES = frozenset("de da di del della van von der den bin ibn al el le la du dos das ben".split())
NAME_SUFFIXES = frozenset("jr. jr sr. sr ii iii iv".split())
DETERMINERS = frozenset(
    "the a an one some two three four several many most other another both all "
    "any each no these those this that such".split()
)
COMMON_ENDINGS = ("tion", "tions", "ments", "nesses", "ities", "isms", "ists", "ices", "ions")
"""Endings of common nouns (never of surnames: no -ings for Cummings, -ates for Gates, -ence for
Lawrence): a capitalised word of seven letters or more with one is not taken for a surname."""
CUT_WORDS = frozenset(
    "in of for at from with on who whom that which familiar close briefed to among inside outside under by".split()
)


@dataclass(frozen=True)
class SourceLexicon:
    """All lexicon files, parsed once (``lex()``)."""

    titles: dict[str, tuple[str, str | None]]  # term -> (class, gender)
    same_as: dict[str, str]  # abbreviation -> full term (sen. -> senator)
    title_words: frozenset[str]  # single words of title terms
    max_title: int
    pronouns: dict[str, tuple[str | None, str, str]]  # -> (gender, number, kind)
    countries: dict[str, str]  # alias -> country
    demonyms: dict[str, str]  # demonym -> country
    metonyms: dict[str, str]  # capital/seat -> country
    places: dict[str, str]  # state, city or region -> its name
    orgs: dict[str, tuple[str, str]]  # alias -> (canonical, type)
    org_heads: dict[str, str]  # head noun -> type
    place_heads: frozenset[str]
    agencies: dict[str, str]  # alias (lower) -> canonical
    agency_case: frozenset[str]  # short all-caps names (lower): match case
    markers: re.Pattern[str]
    insider_groups: frozenset[str]
    publics: frozenset[str]
    documents: frozenset[str]
    lexical: frozenset[str] = frozenset()  # every word above that is not a name


def _split_fields(line: str, n: int) -> list[str]:
    parts = [p.strip() for p in line.split("|")]
    return parts + [""] * (n - len(parts))


def _titles() -> tuple[dict[str, tuple[str, str | None]], dict[str, str]]:
    """titles.txt: term -> (class, gender), and abbreviation -> full term."""
    titles: dict[str, tuple[str, str | None]] = {}
    same_as: dict[str, str] = {}
    for line in read_lexicon("titles.txt"):
        term, cls, gender, same = _split_fields(line, 4)[:4]
        g = gender if gender in ("f", "m") else None
        titles[term.lower()] = (cls, g)
        if same:
            same_as[term.lower()] = same.lower()
    return titles, same_as


def _pronouns() -> dict[str, tuple[str | None, str, str]]:
    """pronouns.txt: pronoun -> (gender, number, kind)."""
    pronouns = {}
    for line in read_lexicon("pronouns.txt"):
        p, g, num, kind = _split_fields(line, 4)[:4]
        pronouns[p.lower()] = (g if g in ("f", "m") else None, num, kind)
    return pronouns


def _countries() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """countries.txt: alias -> country, demonym -> country, capital or seat -> country."""
    countries: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    metonyms: dict[str, str] = {}
    for line in read_lexicon("countries.txt"):
        name, aliases, dems, caps = _split_fields(line, 4)[:4]
        for a in [name, *aliases.split(",")]:
            if a.strip():
                countries.setdefault(a.strip().lower(), name)
        for d in dems.split(","):
            if d.strip():
                demonyms.setdefault(d.strip().lower(), name)
        for c in caps.split(","):
            if c.strip():
                metonyms.setdefault(c.strip().lower(), name)
    return countries, demonyms, metonyms


def _places() -> dict[str, str]:
    """places.txt: state, city or region (or an alias) -> its name."""
    places: dict[str, str] = {}
    for line in read_lexicon("places.txt"):
        name, aliases = _split_fields(line, 2)[:2]
        for a in [name, *aliases.split(",")]:
            if a.strip():
                places.setdefault(a.strip().lower(), name)
    return places


def _organisations() -> tuple[dict[str, tuple[str, str]], dict[str, str], set[str]]:
    """organisations.txt: alias -> (canonical, type), head noun -> type, place heads."""
    orgs: dict[str, tuple[str, str]] = {}
    heads: dict[str, str] = {}
    places_heads: set[str] = set()
    for line in read_lexicon("organisations.txt"):
        if line.startswith("head:"):
            w, t = _split_fields(line[5:], 2)[:2]
            heads[w.lower()] = t
            continue
        if line.startswith("place:"):
            places_heads.add(line[6:].strip().lower())
            continue
        name, typ, aliases = _split_fields(line, 3)[:3]
        for a in [name, *aliases.split(",")]:
            a = a.strip().lower()
            if a:
                orgs.setdefault(a, (name, typ))
                if a.startswith("the "):
                    orgs.setdefault(a[4:], (name, typ))
    return orgs, heads, places_heads


def _agencies() -> tuple[dict[str, str], set[str]]:
    """agencies.txt (the attribution stage's list, shared): alias -> canonical, and the short
    all-caps names whose case must match."""
    agencies: dict[str, str] = {}
    case: set[str] = set()
    for line in agency_names():
        name = line.split("|")[0].strip()
        if not name:
            continue
        if name.isupper() and len(name) <= 4:
            case.add(name.lower())
        agencies[name.lower()] = name[4:] if name.lower().startswith("the ") else name
    return agencies, case


def _anonymity() -> tuple[list[str], set[str], set[str]]:
    """anonymity.txt: anonymity markers (patterns), insider groups, collectives."""
    markers: list[str] = []
    insiders: set[str] = set()
    publics: set[str] = set()
    for line in read_lexicon("anonymity.txt"):
        key, _, val = line.partition(":")
        val = val.strip()
        if key == "marker":
            markers.append(val)
        elif key == "group":
            insiders.add(val.lower())
        elif key == "public":
            publics.add(val.lower())
    return markers, insiders, publics


@lru_cache(maxsize=1)
def lex() -> SourceLexicon:
    """Every lexicon file, parsed on first use and kept for the process."""
    titles, same_as = _titles()
    title_words = frozenset(w for t in titles for w in t.split())
    pronouns = _pronouns()
    countries, demonyms, metonyms = _countries()
    places = _places()
    orgs, heads, places_heads = _organisations()
    agencies, case = _agencies()
    markers, insiders, publics = _anonymity()
    return SourceLexicon(
        titles=titles,
        same_as=same_as,
        title_words=title_words,
        max_title=max(len(t.split()) for t in titles),
        pronouns=pronouns,
        countries=countries,
        demonyms=demonyms,
        metonyms=metonyms,
        places=places,
        orgs=orgs,
        org_heads=heads,
        place_heads=frozenset(places_heads),
        agencies=agencies,
        agency_case=frozenset(case),
        markers=re.compile("|".join(f"(?:{m})" for m in markers), re.IGNORECASE),
        insider_groups=frozenset(insiders),
        publics=frozenset(publics),
        documents=frozenset(w.lower() for w in read_lexicon("documents.txt")),
        lexical=frozenset(
            FUNCTION_WORDS
            | title_words
            | set(demonyms)
            | set(countries)
            | set(heads)
            | places_heads
            | set(orgs)
            | set(metonyms)
            | set(agencies)
            | set(places)
        ),
    )
