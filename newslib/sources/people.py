"""Step 2 of source resolution: the people of an article, each an :class:`Entity` built from
its mentions.

Mentions with first and last name merge by those; a bare surname joins the person with that
surname (the one whose title matches, else the most often fully named); a name one edit from a
known one joins it as a spelling variant ("Galant" for Gallant). Other entities (organisations,
governments…) are :class:`Entity` too, merged by key in ``resolver``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from ..datafiles import read_lexicon
from .indexes import OneEditIndex
from .lexicon import NAME_SUFFIXES, lex
from .mentions import Mention
from .names import INITIALS, title_at_end


class SurnameMatch(NamedTuple):
    """The person a bare surname refers to (None when no one), the rule that found them, for
    people to read, and whether the surname is a spelling variant of theirs, for code to read."""

    person: Entity | None
    why: str = ""
    variant: bool = False


@dataclass
class Entity:
    """One real-world source, built from its mentions (internal)."""

    kind: str
    name: str
    tokens: tuple[str, ...] = ()
    role: str | None = None
    role_class: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    gender_evidence: str | None = None
    anonymity: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    variants: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)
    link: Entity | None = None
    full: int = 0  # mentions with first and last name
    forms: Counter[tuple[str, ...]] = field(default_factory=Counter)  # full-name forms, by mentions
    is_source: bool = False
    id: str = ""

    surname: str = ""
    gvotes: Counter[str] = field(default_factory=Counter)  # pronouns resolved to it, by gender

    def add(self, m: Mention) -> None:
        self.mentions.append(m)
        m.entity = self
        if m.role and not self.role:
            self.role, self.role_class = m.role, m.role_class
        if m.affiliation and not self.affiliation:
            self.affiliation = m.affiliation
        if m.gender and m.gender_evidence and not self.gender:  # a title: pronouns vote separately
            self.gender, self.gender_evidence = m.gender, m.gender_evidence
        if m.anonymity and not self.anonymity:
            self.anonymity = m.anonymity
        if m.attribution is not None:
            self.is_source = True


@dataclass(frozen=True)
class Notable:
    """A well-known person of ``data/notable_people.txt``."""

    name: str
    roles: frozenset[str]
    distinct: bool
    qualifiers: frozenset[str] = frozenset()


@cache
def notables() -> dict[str, tuple[Notable, ...]]:
    """Surname (lower case) -> the well-known people who bear it."""
    out: dict[str, list[Notable]] = {}
    for line in read_lexicon("notable_people.txt"):
        name, roles, distinct, quals = (x.strip() for x in line.split("|"))
        person = Notable(
            name,
            frozenset(r.strip() for r in roles.split(",")),
            distinct == "yes",
            frozenset(w.lower() for q in quals.split(",") for w in q.split()),
        )
        out.setdefault(name.split()[-1].lower(), []).append(person)
    return {k: tuple(v) for k, v in out.items()}


def pronoun_gender(ent: Entity) -> str | None:
    """The gender most pronouns resolved to the entity give ("f"/"m"), if they agree by a majority."""
    top = ent.gvotes.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


def notable(ent: Entity, gender_of: Callable[[str], str | None]) -> Notable | None:
    """The well-known person a surname-only entity is, when the article supports it: a distinct
    surname (Obama), a title that fits (President Bush, Chancellor Brown), or among a family of
    well-known people the one a gendered title, honorific or the pronouns resolved to it fit
    (Mrs. Clinton, "Clinton … she said"); else None.
    ``gender_of`` gives a first name's gender ("f"/"m"), or None."""
    cands = notables().get(ent.surname, ())
    head = role_head(ent.role)
    fits = [c for c in cands if head and head in c.roles]
    if len(fits) == 1:
        return fits[0]
    if len(cands) == 1 and cands[0].distinct and not head:
        return cands[0]
    gender = ent.gender or pronoun_gender(ent)
    if len(cands) > 1 and gender and not head:
        same = [c for c in cands if gender_of(c.name.split()[0]) == gender]
        return same[0] if len(same) == 1 else None
    return None


def notable_of(ent: Entity) -> Notable | None:
    """The entry of ``data/notable_people.txt`` that is this person, if listed."""
    return next((c for c in notables().get(ent.surname, ()) if c.name.lower() == ent.name.lower()), None)


def first_name(ent: Entity) -> str | None:
    """A person's first name when the article gives one (not an initial, not a title)."""
    toks = [t for t in ent.tokens if t.lower() not in NAME_SUFFIXES]
    if len(toks) < 2 or INITIALS.fullmatch(toks[0]) or len(toks[0].strip(".")) < 2:
        return None
    return toks[0]


def role_head(role: str | None) -> str:
    """The lexicon title a role ends with, abbreviations expanded ("Sen." → "senator")."""
    if not role:
        return ""
    words = role.lower().split()
    n = title_at_end(words)
    term = " ".join(words[-n:]) if n else words[-1]
    return lex().same_as.get(term, term)


class People:
    """Person entities of one article, indexed by full name, surname and first letter."""

    def __init__(self) -> None:
        self.by_full: dict[tuple[str, str], Entity] = {}
        self.surnames_of = OneEditIndex()  # first name -> surnames in by_full, in order
        self.by_surname: dict[str, list[Entity]] = {}
        self.by_letter = OneEditIndex()  # first letter -> surnames of fully named people, in order
        self.first_names: set[str] = set()
        self.all: list[Entity] = []

    @staticmethod
    def _key(tokens: Sequence[str]) -> tuple[str, str]:
        toks = [t.lower() for t in tokens if t.lower() not in NAME_SUFFIXES and not INITIALS.fullmatch(t)]
        return (toks[0], toks[-1]) if toks else ("", "")

    def _new(self, m: Mention) -> Entity:
        ent = Entity("person", m.name, tokens=m.tokens)
        key = self._key(m.tokens)
        ent.surname = key[1] or m.name.lower()
        self.all.append(ent)
        self.by_surname.setdefault(ent.surname, []).append(ent)
        if len(m.tokens) > 1:
            self.by_letter.add(ent.surname[:1], ent.surname, ent)
            self.first_names.add(key[0])
        return ent

    def add_full(self, m: Mention) -> Entity:
        """A mention with first and last name: merge with the same person or a misspelling."""
        key = self._key(m.tokens)
        ent = self.by_full.get(key) or self._same_tail(m.tokens)
        if ent is None:
            last = self.surnames_of.first(key[0], key[1], lambda other: min(len(other), len(key[1])) >= 4)
            if last is not None:
                ent = self.by_full[(key[0], last)]
                ent.variants.add(m.name)
                ent.evidence.append(f"{m.name!r} is one edit from {ent.name!r}: same person, spelling variant")
        if ent is None:
            ent = self._new(m)
            ent.evidence.append(f"full name {m.name!r}")
        if key not in self.by_full:
            self.surnames_of.add(key[0], key[1], key[1])
        self.by_full[key] = ent
        if m.name not in ent.variants:
            ent.forms[tuple(m.tokens)] += 1
            best = max(ent.forms, key=lambda f: (ent.forms[f], len(f)))
            # the form written most is canonical, the longest on a tie ("Paul D. Ryan"): an epithet
            # inside one quotation ("Crooked Hillary Clinton") does not rename the person
            ent.name, ent.tokens = " ".join(best), best
        ent.full += 1
        ent.add(m)
        return ent

    def _same_tail(self, tokens: Sequence[str]) -> Entity | None:
        """A person named with more words ending in these ("Baez Silva" after "Carlos Baez Silva"),
        or with fewer words these end in ("Carlos Baez Silva" after "Baez Silva"): one person."""
        low = [t.lower() for t in tokens if not INITIALS.fullmatch(t)]
        for ent in self.by_surname.get(low[-1] if low else "", []):
            other = [t.lower() for t in ent.tokens if not INITIALS.fullmatch(t)]
            shorter, longer = sorted((low, other), key=len)
            if len(shorter) >= 2 and len(longer) > len(shorter) and longer[-len(shorter) :] == shorter:
                return ent
        return None

    def find_surname(self, word: str, role: str | None = None, gender: str | None = None) -> SurnameMatch:
        """The person a bare surname refers to, and the rule used ('' when none).

        Among several people with the surname, one whose role matches the mention's title wins,
        then the most often fully named. A family role ("first lady", "wife") never takes an
        official title ("President Obama" is not Michelle Obama).
        """
        w = word.lower()
        cands = self.by_surname.get(w, [])
        head = role_head(role) if role else ""
        official = bool(role) and (lex().titles.get(head, ("",))[0] == "official")
        ok = []
        for c in cands:
            if gender and c.gender and c.gender != gender:
                continue
            if official and c.role and c.role_class == "role" and role_head(c.role) != head:
                continue
            ok.append(c)
        full = [c for c in ok if len(c.tokens) > 1]
        if full:
            best = max(
                full,
                key=lambda c: (bool(head) and role_head(c.role) == head, c.full, c.is_source, -c.mentions[0].start),
            )
            return SurnameMatch(best, "surname of " + repr(best.name))
        if ok:
            return SurnameMatch(ok[0], "same surname")
        if cands:
            return SurnameMatch(None)
        if len(w) >= 4 and w not in self.first_names:
            c = self.by_letter.first(w[:1], w, lambda surname: max(len(surname), len(w)) >= 5)
            if c is not None:
                return SurnameMatch(c, f"one edit from the surname of {c.name!r}: spelling variant", variant=True)
        return SurnameMatch(None)

    def complete_notables(self, gender_of: Callable[[str], str | None]) -> None:
        """People named by surname alone who are well known take their full name (evidence kept)."""
        for ent in self.all:
            if len(ent.tokens) != 1:
                continue
            who = notable(ent, gender_of)
            if who is not None:
                ent.aliases.add(ent.name)
                ent.name, ent.tokens = who.name, tuple(who.name.split())
                ent.evidence.append(f"surname {ent.surname!r} only: the well-known {who.name} (notable_people.txt)")

    def add_bare(self, m: Mention) -> Entity:
        match = self.find_surname(m.tokens[-1] if m.tokens else m.name, m.role, m.gender)
        ent, why = match.person, match.why
        if ent is None:
            ent = self._new(m)
            ent.evidence.append(f"surname only {m.name!r}")
        else:
            m.evidence.append(why)
            m.surname_match = why
            if match.variant:
                ent.variants.add(m.name)
                ent.evidence.append(f"{m.name!r}: {why}")
            elif m.name != ent.name:
                ent.aliases.add(m.name)
        ent.add(m)
        return ent
