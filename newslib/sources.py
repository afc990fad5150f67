"""Sources: who said it. Resolves each attribution's source span to a :class:`Source`.

A reader of "White House spokeswoman Karin Jean-Pierre told reporters … “So now we’re working
with them,” she added" lists one source, Karin Jean-Pierre, an official, quoted twice. This
stage does the same, offline, with readable rules and lexicon files in ``newslib/data``:

* ``titles.txt`` (titles, roles, honorifics, with the gender a word itself states),
  ``organisations.txt`` (organisations, governments, media, head nouns, place heads),
  ``countries.txt`` (countries, demonyms, capitals used as metonyms), ``places.txt`` (US states,
  large cities), ``anonymity.txt``
  (anonymity markers, insider groups, collectives), ``documents.txt`` (polls, reports…),
  ``pronouns.txt`` and the attribution stage's ``agencies.txt`` (wire services).

The steps, each leaving its rule in ``evidence`` (on the :class:`Source` and, prefixed
``source:``, on the attribution):

1. **Mentions.** Every source span is parsed into a mention: a pronoun, a person name with its
   title, role and affiliation ("Israeli Defense Minister Yoav Gallant" → name Yoav Gallant, role
   Defense Minister, affiliation Israel), an organisation, government or metonym ("Washington
   said"), a wire agency, a document, an anonymous individual or group, or a nominal ("the
   spokeswoman"). The article's prose is also scanned for person names (capitalised runs after
   a title or of two or more name-like words) so a bare surname or a pronoun can reach a person
   who is mentioned but never a source.
2. **Entities.** Person mentions are merged by first and last name; a bare surname joins the
   person with that surname (the most mentioned one if several); a surname one edit away from a
   known one (five letters or more) joins it and is flagged as a spelling variant.
3. **Resolution.** He/she go to the most salient preceding person: a score of sentence distance,
   being an earlier speaker (the latest one most), being a sentence subject, and lying outside
   quotations and reported content; a gender stated by a title must not contradict, genders from
   pronouns resolved earlier weigh in softly. They go to the nearest group or institution source,
   it to an institution or document, I/we to the speaker of the content or quotation holding
   them, who/which to the mention or noun phrase just before. Names inside the attribution's own
   content never count. Nominals ("the spokeswoman", "the South Carolina senator") go to the
   nearest preceding person holding that office (not a vice or deputy one).
4. **Implied speakers.** An attribution the detector gives no source span keeps ``source=None``
   but gets the speaker the context implies, flagged "no source span; inferred" in its evidence:
   a transcript label ("PENCE: …"), the person named in the cue's sentence, or, for a bare
   quotation paragraph, the latest speaker (the news convention for a quote running on).
5. **Types.** named_person, official (a named person with an official title), organisation,
   government (countries, states, executive offices, metonyms), agency, media, document,
   anonymous_individual, anonymous_group, group (collectives such as "voters"), credit, unknown.

Photo credits and bylines are credits (:func:`credits`), never sources. Gender is recorded only
where the text states it (a gendered title or a resolved pronoun), never from a first name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from .model import ATTRIBUTION_KINDS, Analysis, Attribution, Source, Span
from .text import read_lexicon, split_sentences

if TYPE_CHECKING:
    import pandas as pd

PERSON_TYPES = ("named_person", "official")
"""Source types that are people (pronouns he/she and nominals resolve to these)."""
GROUP_TYPES = ("anonymous_group", "group", "organisation", "government", "media", "agency")
"""Antecedents of "they": collectives and institutions."""
THING_TYPES = ("organisation", "government", "media", "agency", "document")
"""Antecedents of "it": institutions and documents, never a person."""

# -- lexicons --------------------------------------------------------------------------------

_FUNCTION_WORDS = frozenset(
    """the a an and or but nor of in on at to for from with by as if when while after before since
    until this that these those it its he she they we i his her their our my your you there here
    what why how who whom which where last next then now so yet also still even just not no yes
    all both some many most much more several few other another such each every any one two three
    four five six seven eight nine ten first second third new old former late earlier later today
    tonight yesterday tomorrow according photo video image reuters january february march april
    may june july august september october november december monday tuesday wednesday thursday
    friday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri
    sat sun st. dear thanks please however meanwhile instead despite although though because
    during inside outside over under about above below between among through across against
    without within like unlike north south east west northern southern eastern western central
    upper lower greater great""".split()
)
"""Words that can open a sentence in capitals but never belong to a person's name (code, not a
data file: they are English grammar, not a lexicon a researcher would extend)."""

_NAME_PARTICLES = frozenset("de da di del della van von der den bin ibn al el le la du dos das ben".split())
_NAME_SUFFIXES = frozenset("jr. jr sr. sr ii iii iv".split())
_DETERMINERS = frozenset("the a an one some two three four several many most other another both all "
                         "any each no these those this that such".split())
_INDEFINITE = frozenset("a an one another some several two three four many".split())
_NOT_SUBJECT = frozenset("of to for with by against from about at in on that than and or as like told "
                         "called asked said says accused praised criticized attacked met".split())
"""Words after which a name is an object, not a sentence subject (salience for pronouns)."""
_LABEL = re.compile(r"\s*([A-Z][A-Z’'.-]{2,}(?: [A-Z][A-Z’'.-]{2,})?)\s*:")
"""A transcript's speaker label opening a paragraph ("PENCE: We will…")."""
_ORG_TAIL = re.compile(r"[A-Z][\w.’'-]* (?:of|for|&) $")
"""A capitalised word and "of"/"for"/"&" right before a run: the run ends an organisation's name."""
_COMMON_ENDINGS = ("tion", "tions", "ments", "nesses", "ities", "isms", "ists", "ices", "ions")
"""Endings of common nouns (never of surnames: no -ings for Cummings, -ates for Gates, -ence for
Lawrence): a capitalised word of seven letters or more with one is not taken for a surname."""
_CUT_WORDS = frozenset("in of for at from with on who whom that which familiar close briefed to "
                       "among inside outside under by".split())


@dataclass(frozen=True)
class _Lexicon:
    """All lexicon files, parsed once (``_lex()``)."""

    titles: dict[str, tuple[str, str | None]]          # term -> (class, gender)
    same_as: dict[str, str]                             # abbreviation -> full term (sen. -> senator)
    title_words: frozenset[str]                         # single words of title terms
    max_title: int
    pronouns: dict[str, tuple[str | None, str, str]]    # -> (gender, number, kind)
    countries: dict[str, str]                           # alias -> country
    demonyms: dict[str, str]                            # demonym -> country
    metonyms: dict[str, str]                            # capital/seat -> country
    places: dict[str, str]                              # state, city or region -> its name
    orgs: dict[str, tuple[str, str]]                    # alias -> (canonical, type)
    org_heads: dict[str, str]                           # head noun -> type
    place_heads: frozenset[str]
    agencies: dict[str, str]                            # alias (lower) -> canonical
    agency_case: frozenset[str]                         # short all-caps names (lower): match case
    markers: re.Pattern[str]
    insider_groups: frozenset[str]
    publics: frozenset[str]
    documents: frozenset[str]
    lexical: frozenset[str] = frozenset()              # every word above that is not a name


def _singular(word: str) -> str:
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


def _split_fields(line: str, n: int) -> list[str]:
    parts = [p.strip() for p in line.split("|")]
    return parts + [""] * (n - len(parts))


@lru_cache(maxsize=1)
def _lex() -> _Lexicon:
    titles: dict[str, tuple[str, str | None]] = {}
    same_as: dict[str, str] = {}
    for line in read_lexicon("titles.txt"):
        term, cls, gender, same = _split_fields(line, 4)[:4]
        g = gender if gender in ("f", "m") else None
        titles[term.lower()] = (cls, g)
        if same:
            same_as[term.lower()] = same.lower()
    title_words = frozenset(w for t in titles for w in t.split())
    pronouns = {}
    for line in read_lexicon("pronouns.txt"):
        p, g, num, kind = _split_fields(line, 4)[:4]
        pronouns[p.lower()] = (g if g in ("f", "m") else None, num, kind)
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
    places: dict[str, str] = {}
    for line in read_lexicon("places.txt"):
        name, aliases = _split_fields(line, 2)[:2]
        for a in [name, *aliases.split(",")]:
            if a.strip():
                places.setdefault(a.strip().lower(), name)
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
    agencies: dict[str, str] = {}
    case: set[str] = set()
    try:
        agency_lines = read_lexicon("agencies.txt")  # the attribution stage's list, shared
    except FileNotFoundError:  # pragma: no cover - the file ships with the package
        agency_lines = ["Reuters", "AP", "Associated Press", "The Associated Press", "AFP", "UPI"]
    for line in agency_lines:
        name = line.split("|")[0].strip()
        if not name:
            continue
        if name.isupper() and len(name) <= 4:
            case.add(name.lower())
        agencies[name.lower()] = name[4:] if name.lower().startswith("the ") else name
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
    return _Lexicon(
        titles=titles, same_as=same_as, title_words=title_words, max_title=max(len(t.split()) for t in titles),
        pronouns=pronouns, countries=countries, demonyms=demonyms, metonyms=metonyms, places=places, orgs=orgs,
        org_heads=heads, place_heads=frozenset(places_heads), agencies=agencies, agency_case=frozenset(case),
        markers=re.compile("|".join(f"(?:{m})" for m in markers), re.IGNORECASE),
        insider_groups=frozenset(insiders), publics=frozenset(publics),
        documents=frozenset(w.lower() for w in read_lexicon("documents.txt")),
        lexical=frozenset(_FUNCTION_WORDS | title_words | set(demonyms) | set(countries) | set(heads)
                          | places_heads | set(orgs) | set(metonyms) | set(agencies) | set(places)),
    )


# -- mentions --------------------------------------------------------------------------------


class _Vocab:
    """The article's lower-case words, computed on first use: a capitalised word the article also
    writes in lower case ("Poll", "Debates") is a common word at a sentence start, not a name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = set(_LOWER_WORD.findall(self.text))
        return word in self._words


_TOKEN = re.compile(r"[^\s,;:()\[\]“”\"]+")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")
_INITIAL = re.compile(r"[A-Z]\.")
_PAREN = re.compile(r"\([^()]*\)")


@dataclass
class _Mention:
    """One mention of a source in the text, as parsed (internal; becomes part of an entity)."""

    start: int
    end: int
    kind: str                       # person, pronoun, nominal, or a Source type
    name: str = ""
    tokens: tuple[str, ...] = ()    # name tokens of a person
    role: str | None = None
    role_class: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    gender_evidence: str | None = None
    number: str = "sg"
    anonymity: str | None = None
    possessor: _Mention | None = None
    key: str = ""                   # merge key for non-person mentions
    evidence: list[str] = field(default_factory=list)
    attribution: int | None = None  # index of the attribution whose source this is
    entity: _Entity | None = None


def _is_cap(tok: str) -> bool:
    return bool(tok) and (tok[0].isupper() or (tok[0] in "'’" and len(tok) > 1 and tok[1].isupper()))


def _strip_possessive(tok: str) -> tuple[str, bool]:
    if len(tok) > 2 and tok.endswith(_POSSESSIVE_ENDS):
        return (tok[:-2] if tok[-2] in "'’" else tok[:-1]), True
    return tok, False


def _clean_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    strip = " \t\r\n,;:—–-\"“”'‘’."
    while s < e and text[s] in strip:
        s += 1
    while e > s and text[e - 1] in strip:
        # keep a final period that belongs to an initial or abbreviation ("Jr.", "U.S.")
        if text[e - 1] == "." and e - 2 >= s and (text[e - 2].isupper() or text[e - 3 : e] in ("Jr.", "Sr.")):
            break
        e -= 1
    return s, e


def _title_at_end(words: Sequence[str]) -> int:
    """How many of the last ``words`` form a title term (0 if none), longest first."""
    lex = _lex()
    for n in range(min(lex.max_title, len(words)), 0, -1):
        term = " ".join(words[-n:]).lower()
        if term in lex.titles:
            return n
        if n == 1 and _singular(term) in lex.titles and lex.titles[_singular(term)][0] != "honorific":
            return 1
    return 0


def _lexical(tok: str) -> bool:
    """True when a capitalised token is a lexicon word, so not part of a person's name."""
    return tok.lower() in _lex().lexical


def _only_title(word: str) -> bool:
    """A lexicon word that can still be a surname after a first name: a title (Angus King) or a
    country (Jim Jordan), but not an organisation, a capital or a function word."""
    lex = _lex()
    return not (word in _FUNCTION_WORDS or word in lex.org_heads or word in lex.place_heads
                or word in lex.orgs or word in lex.metonyms or word in lex.agencies)


_AGENCY_HEAD = re.compile(r"\s+(?:news\s+agency|news\s+service|wire\s+service|newswire)$", re.IGNORECASE)
"""What follows a wire service's name when it is introduced: "the Associated Press news agency"."""


def _name_run(toks: Sequence[str], titled: bool = False) -> int:
    """Length of the run of person-name tokens at the end of ``toks`` (0 if none); ``titled``:
    a title comes right before ``toks`` ("mayor" before "Michael Bloomberg")."""
    n = 0
    i = len(toks) - 1
    while i >= 0:
        t = toks[i]
        tl = t.lower()
        if tl in _NAME_SUFFIXES and n == 0:
            n += 1
            i -= 1
            continue
        if n > 0 and _INITIAL.fullmatch(t):  # middle initial
            n += 1
            i -= 1
            continue
        if tl in _NAME_PARTICLES and n > 0 and i > 0 and _is_cap(toks[i - 1]):
            n += 1
            i -= 1
            continue
        if not _is_cap(t) or t.isupper():
            break
        if _lexical(t):
            # a title word that ends a run of names is a surname ("Angus King"), else a stop
            given = i > 0 and _is_cap(toks[i - 1]) and not _lexical(toks[i - 1])
            titled = (i > 1 and toks[i - 2].lower() in _lex().title_words) or (titled and i == 1)
            if n == 0 and given and (_only_title(tl) or titled) \
                    and not toks[i - 1].lower().endswith(("ed", "ing", "ly")):  # "Retired General"
                n += 1
                i -= 1
                continue
            break
        n += 1
        i -= 1
    # do not end on a particle or initial alone
    while n and (toks[len(toks) - n].lower() in _NAME_PARTICLES):
        n -= 1
    return n


def _affiliation(words: Sequence[str]) -> str | None:
    """A demonym, country, organisation or capitalised phrase before a title, as a name."""
    if not words:
        return None
    lex = _lex()
    phrase = " ".join(words).strip()
    low = phrase.lower()
    if low.startswith("the "):
        low, phrase = low[4:], phrase[4:]
    if low in lex.demonyms:
        return lex.demonyms[low]
    if low in lex.countries:
        return lex.countries[low]
    if low in lex.orgs:
        return lex.orgs[low][0]
    caps = [w for w in words if _is_cap(w)]
    if caps:
        first = caps[0].lower()
        if first in lex.demonyms and len(caps) == 1:
            return lex.demonyms[first]
        return " ".join(_strip_possessive(w)[0] for w in caps)
    return None


def _role_and_affiliation(words: list[str]) -> tuple[str | None, str | None, str | None, str | None]:
    """(role, role class, affiliation, gender) from the words before a name or of a nominal."""
    lex = _lex()
    words = [w for w in words if w.lower() not in ("the", "a", "an")]
    n = _title_at_end(words)
    if not n:
        return None, None, _affiliation(words), None
    term = " ".join(words[-n:]).lower()
    cls, gender = lex.titles.get(term) or lex.titles.get(_singular(term), ("role", None))
    if cls == "honorific":
        rest = words[:-n]
        role, rcls, aff, g2 = _role_and_affiliation(rest) if rest else (None, None, None, None)
        return role, rcls, aff, gender or g2
    i = len(words) - n
    # capitalised qualifiers and lower-case modifiers extend the role leftwards
    while i > 0:
        w = words[i - 1]
        wl = w.lower()
        if wl in lex.demonyms or wl in lex.countries or wl in lex.orgs or wl in lex.org_heads \
                or wl in lex.metonyms or _POSSESSIVE.search(w):
            break
        if _is_cap(w) or wl in ("former", "senior", "top", "deputy", "acting", "chief", "assistant",
                                 "interim", "then", "outgoing", "incoming", "presidential", "vice"):
            i -= 1
            continue
        break
    role = " ".join(words[i:])
    return role, cls, _affiliation(words[:i]), gender


def _parse(text: str, s: int, e: int, follow: str = "") -> _Mention | None:
    """Parse the source span ``text[s:e]`` into a mention; ``follow`` is the clause after it."""
    lex = _lex()
    s, e = _clean_bounds(text, s, e)
    if s >= e:
        return None
    raw = text[s:e]
    masked = _PAREN.sub(lambda m: " " * len(m.group()), raw)  # "(R-Wis.)" is not part of a name
    low = masked.strip().lower()
    m = _Mention(s, e, "unknown", name=raw)
    anon = lex.markers.search(raw) or (lex.markers.search(follow) if follow else None)
    if anon:
        m.anonymity = anon.group().strip(" ,")

    # pronouns
    if low in lex.pronouns:
        g, num, kind = lex.pronouns[low]
        m.kind, m.number, m.gender = "pronoun", num, g
        m.key = kind
        m.evidence.append(f"pronoun {raw!r}")
        if kind == "indefinite":
            m.kind, m.key = "group", "pl:" + low
            m.evidence = [f"indefinite pronoun {raw!r}: a group the text does not name"]
        return m

    # appositions: "Cornell William Brooks, president of the NAACP"
    parts = [(pm.start(), pm.end()) for pm in re.finditer(r"[^,]+", masked) if pm.group().strip()]
    if len(parts) > 1:
        subs = [_parse_part(raw, masked, a, b, s) for a, b in parts]
        person = next((x for x in subs if x.kind == "person"), None)
        if person is not None:
            for x in subs:
                if x is person:
                    continue
                if x.role and not person.role:
                    person.role, person.role_class = x.role, x.role_class
                    person.evidence.append(f"role from apposition {raw[x.start - s : x.end - s]!r}")
                if x.affiliation and not person.affiliation:
                    person.affiliation = x.affiliation
                if x.gender and not person.gender:
                    person.gender, person.gender_evidence = x.gender, x.gender_evidence
            person.start, person.end, person.anonymity = s, e, m.anonymity
            return person
        first = subs[0]
        first.end = e
        rest = masked[parts[1][0] :].strip().lower()
        # "An Israeli official in Washington, who spoke on condition of anonymity": the clause says
        # how we know it is anonymous (kept in ``anonymity``), the name is what comes before it
        first.name = raw[: parts[0][1]].strip() if rest.startswith(("who ", "which ", "speaking ")) else raw
        first.anonymity = first.anonymity or m.anonymity
        return _anonymise(first)
    sub = _parse_part(raw, masked, 0, len(raw), s)
    sub.anonymity = sub.anonymity or m.anonymity
    sub.start, sub.end = s, e
    return _anonymise(sub)


def _anonymise(m: _Mention) -> _Mention:
    """An anonymity marker turns an unnamed person or group into an anonymous source."""
    if m.anonymity and m.kind in ("anonymous_individual", "anonymous_group"):
        m.evidence.append(f"anonymity marker {m.anonymity!r}")
    elif m.anonymity and m.kind in ("nominal", "unknown", "group"):
        m.kind = "anonymous_group" if m.number == "pl" else "anonymous_individual"
        m.evidence.append(f"anonymity marker {m.anonymity!r}")
        m.key = "anon:" + m.name.lower()
    return m


def _parse_part(raw: str, masked: str, a: int, b: int, base: int) -> _Mention:
    """Parse one comma-separated part of a source span (offsets relative to ``raw``)."""
    lex = _lex()
    toks_m = list(_TOKEN.finditer(masked, a, b))
    toks = [t.group() for t in toks_m]
    part = raw[a:b].strip()
    start = base + (toks_m[0].start() if toks_m else a)
    end = base + (toks_m[-1].end() if toks_m else b)
    m = _Mention(start, end, "unknown", name=part)
    if not toks:
        return m
    det = toks[0].lower() if toks[0].lower() in _DETERMINERS else ""
    body = toks[1:] if det else toks
    if not body:
        body = toks
    phrase = " ".join(body)
    pl = phrase.lower()

    # coordinated sources: "Obama and Trump" (one attribution, several speakers)
    if " and " in f" {pl} " and sum(1 for t in body if _is_cap(t) and not _lexical(t)) >= 2 \
            and not (pl in lex.orgs or pl in lex.countries) \
            and all(_is_cap(t) or t.lower() in ("and", "&") or t.lower() in lex.title_words
                    or t.lower() in _DETERMINERS or t.lower() in _NAME_PARTICLES for t in body):
        m.kind, m.number, m.key = "group", "pl", "grp:" + pl
        m.evidence.append("coordinated names: several speakers for one attribution")
        return m

    # wire agencies, organisations, countries, capitals, metonyms (whole phrase)
    for cand in (phrase, _strip_possessive(phrase)[0], _AGENCY_HEAD.sub("", phrase)):
        cl = cand.lower()
        if cl in lex.agencies and (cl not in lex.agency_case or cand.isupper()):
            m.kind, m.name, m.key = "agency", lex.agencies[cl], "agency:" + lex.agencies[cl].lower()
            m.evidence.append(f"wire agency {cand!r} (agencies.txt)")
            return m
        if cl in lex.orgs:
            canon, typ = lex.orgs[cl]
            m.kind, m.name, m.key = typ, canon, "org:" + canon.lower()
            m.evidence.append(f"known {typ} {cand!r} (organisations.txt)")
            return m
        if cl in lex.countries:
            m.kind, m.name, m.affiliation = "government", lex.countries[cl], lex.countries[cl]
            m.key = "gov:" + m.name.lower()
            m.evidence.append(f"country {cand!r} speaking as its government (countries.txt)")
            return m
        if cl in lex.places:
            m.kind, m.name = "government", lex.places[cl]
            m.key = "gov:" + m.name.lower()
            m.evidence.append(f"place {cand!r} speaking as its government (places.txt)")
            return m
        if cl in lex.metonyms:
            m.kind, m.name, m.affiliation = "government", cand, lex.metonyms[cl]
            m.key = "gov:" + cl
            m.evidence.append(f"capital or seat {cand!r} as a metonym for the government of "
                              f"{lex.metonyms[cl]} (countries.txt)")
            return m

    # possessive: "Netanyahu's office", "Clinton's campaign", "Trump's spokeswoman Hope Hicks"
    pos_i = next((i for i, t in enumerate(body[:-1]) if _POSSESSIVE.search(t)), None)
    if pos_i is not None:
        owner_toks = [*body[:pos_i], _strip_possessive(body[pos_i])[0]]
        owner_text = " ".join(owner_toks)
        first_tok = toks_m[len(toks) - len(body)]
        last_tok = toks_m[len(toks) - len(body) + pos_i]
        owner_end = base + last_tok.start() + len(owner_toks[-1])
        owner = _parse_words(owner_toks, owner_text, base + first_tok.start(), owner_end)
        rest = body[pos_i + 1 :]
        sub = _parse_words(rest, " ".join(rest), start, end)
        if sub.kind in ("organisation", "government", "media") and owner.kind in ("person", "pronoun",
                                                                                  "government", "unknown"):
            sub.name = part[len(det) + 1 :] if det else part
            sub.possessor = owner
            sub.key = "org:" + sub.name.lower()
            sub.affiliation = owner.name if owner.kind != "pronoun" else None
            if owner.kind in ("person", "pronoun"):
                sub.kind = "organisation"
            sub.evidence.append(f"possessive {owner_text!r} + institution head: an organisation linked "
                                "to its owner, not the owner")
            return sub
        if sub.kind == "person":
            sub.affiliation = sub.affiliation or owner.name
            sub.possessor = owner
            return sub
        if sub.kind in ("nominal", "anonymous_individual", "anonymous_group", "group", "document"):
            sub.possessor = owner
            sub.affiliation = sub.affiliation or (owner.name if owner.kind != "pronoun" else None)
            sub.name = part
            sub.key = sub.kind + ":" + part.lower()
            return sub
        if not rest:
            owner.start, owner.end = start, end
            return owner
        if sub.kind == "unknown":
            sub.name, sub.key = part, "unk:" + part.lower()
            sub.possessor = owner
            sub.evidence.append(f"possessive {owner_text!r} + a noun no rule knows")
            return sub
    if len(body) == 1 and _POSSESSIVE.search(body[0]):
        body = [_strip_possessive(body[0])[0]]
    sub = _parse_words(body, " ".join(body), start, end, det)
    if sub.kind != "person" and sub.kind != "pronoun":
        sub.name = part
        if sub.key.endswith(":"):
            sub.key += part.lower()
    return sub


def _is_people_word(word: str) -> bool:
    """'Europeans', 'African-Americans', 'Democrats': a plural of a demonym or a known collective."""
    lex = _lex()
    if not word.endswith("s"):
        return False
    sing = word[:-1]
    return sing in lex.demonyms or sing.replace("-", " ") in lex.publics or word.replace("-", " ") in lex.publics


def _parse_words(body: list[str], phrase: str, start: int, end: int, det: str = "") -> _Mention:
    """Classify a run of words without commas or possessives (the core of mention parsing)."""
    lex = _lex()
    m = _Mention(start, end, "unknown", name=phrase)
    if not body:
        return m
    pl = phrase.lower()
    if pl in lex.pronouns:
        g, num, kind = lex.pronouns[pl]
        m.kind, m.number, m.gender, m.key = "pronoun", num, g, kind
        m.evidence.append(f"pronoun {phrase!r}")
        return m
    for cand in (pl, pl[4:] if pl.startswith("the ") else pl):
        if cand in lex.orgs:
            m.kind, m.name = lex.orgs[cand][1], lex.orgs[cand][0]
            m.key = "org:" + m.name.lower()
            m.evidence.append(f"known {m.kind} {phrase!r} (organisations.txt)")
            return m
        if cand in lex.countries:
            m.kind = "government"
            m.name = m.affiliation = lex.countries[cand]
            m.key = "gov:" + m.name.lower()
            m.evidence.append(f"country {phrase!r} (countries.txt)")
            return m
        if cand in lex.places:
            m.kind, m.name = "government", lex.places[cand]
            m.key = "gov:" + m.name.lower()
            m.evidence.append(f"place {phrase!r} (places.txt)")
            return m
        if cand in lex.agencies and (cand not in lex.agency_case or phrase.isupper()):
            m.kind, m.name = "agency", lex.agencies[cand]
            m.key = "agency:" + m.name.lower()
            m.evidence.append(f"wire agency {phrase!r} (agencies.txt)")
            return m

    # a person name at the end, with what precedes it as title, role and affiliation
    last = body[-1].lower()
    n = 0 if (last in lex.publics or last in lex.insider_groups or _is_people_word(last)) else _name_run(body)
    if n == 1 and len(body) == 1 and last in lex.documents:
        n = 0  # "Poll", "Tweet": a document, not a surname
    if not n and len(body) == 1 and body[0].isupper() and len(body[0]) >= 5 and last not in lex.lexical \
            and sum(ch in "AEIOUY" for ch in body[0]) >= 2:
        body = [body[0].title()]  # "PENCE:" in a transcript: a surname in capitals, not an acronym
        phrase = body[0]
        n = 1
        m.evidence.append("a name in capitals (transcript speaker label)")
    if n:
        names = body[len(body) - n :]
        pre = body[: len(body) - n]
        if pre and pre[-1].lower() in ("of", "for", "at", "from", "with", "by"):
            n = 0  # "chief executive of Nordline": a role and its organisation, not a person
        elif not (n == 1 and not pre and names[0].isupper() and len(names[0]) > 1):  # acronyms: CNN
            head = names[-1].lower()
            role, cls, aff, gender = _role_and_affiliation(pre)
            # "mayor Michael Bloomberg": a title before two names makes a person of any surname
            if not (head in lex.org_heads or head in lex.place_heads) or (n >= 2 and role):
                m.kind, m.tokens, m.name = "person", tuple(names), " ".join(names)
                m.role, m.role_class, m.affiliation = role, cls, aff
                if gender:
                    m.gender, m.gender_evidence = gender, f"title {' '.join(pre)!r}"
                hon = [w for w in pre if lex.titles.get(w.lower(), ("",))[0] == "honorific"]
                why = f"name {m.name!r}"
                if role:
                    why += f" with title {role!r}"
                elif hon:
                    why += f" with honorific {hon[-1]!r}"
                elif n == 1:
                    why += " (a bare capitalised name, taken for a person)"
                m.evidence.append(why)
                if aff:
                    m.evidence.append(f"affiliation {aff!r} from the words before the title")
                return m

    # cut at the first preposition or relative: "health officials in the Hamas-run enclave"
    core = list(body)
    for i, w in enumerate(core):
        if i and w.lower() in _CUT_WORDS:
            tail = core[i:]
            core = core[:i]
            if tail and tail[0].lower() == "of" and not m.affiliation:
                m.affiliation = _affiliation([t for t in tail[1:] if t.lower() not in ("the", "a", "an")])
            break
    head = core[-1].lower()
    head_s = _singular(head)
    plural = head != head_s or head in lex.insider_groups or head in lex.publics or head == "people"
    m.number = "pl" if plural else "sg"

    if head in lex.documents or head_s in lex.documents:
        m.kind, m.key = "document", "doc:"
        m.affiliation = m.affiliation or _affiliation(core[:-1])
        m.evidence.append(f"document head {head!r} (documents.txt)")
        return m
    if head in lex.org_heads or head_s in lex.org_heads:
        typ = lex.org_heads.get(head) or lex.org_heads[head_s]
        if typ == "government" and any(w.lower() in lex.demonyms or w.lower() in lex.countries for w in core) \
                and head in ("government", "administration", "authorities", "cabinet"):
            country = next(lex.demonyms.get(w.lower()) or lex.countries[w.lower()] for w in core
                           if w.lower() in lex.demonyms or w.lower() in lex.countries)
            m.kind, m.name, m.affiliation, m.key = "government", country, country, "gov:" + country.lower()
            m.evidence.append(f"{phrase!r}: the government of {country}")
            return m
        m.kind, m.key = typ, "org:"
        m.affiliation = m.affiliation or _affiliation([w for w in core[:-1] if _is_cap(w)])
        m.evidence.append(f"organisation head {head!r} (organisations.txt)")
        return m
    if pl in lex.publics or head in lex.publics or (det and f"{det} {pl}" in lex.publics):
        m.kind, m.number, m.key = "group", "pl", "grp:"
        m.affiliation = m.affiliation or _affiliation([w for w in core[:-1] if _is_cap(w)])
        m.evidence.append(f"collective {head!r} (anonymity.txt, public)")
        return m
    if head in lex.insider_groups:
        m.kind, m.key = "anonymous_group", "anon:"
        role, cls, aff, _ = _role_and_affiliation(core)
        m.role = role or head_s
        m.affiliation = m.affiliation or aff
        m.evidence.append(f"unnamed insiders {head!r} (anonymity.txt, group)")
        return m
    n_title = _title_at_end(core)
    if n_title:
        role, cls, aff, gender = _role_and_affiliation(core)
        m.role, m.role_class, m.affiliation = role, cls, m.affiliation or aff
        if gender:
            m.gender, m.gender_evidence = gender, f"title {role!r}"
        if plural:
            m.kind, m.key = ("anonymous_group" if cls == "official" else "group"), "anon:"
            m.evidence.append(f"unnamed plural {head!r}")
        elif det in _INDEFINITE:
            m.kind, m.key = "anonymous_individual", "anon:"
            m.evidence.append(f"indefinite {det!r} + role {head!r}: an unnamed person")
        else:
            m.kind, m.key = "nominal", "nom:"
            m.evidence.append(f"nominal with role {role!r}")
        return m
    if any(_is_cap(w) and not _lexical(w) for w in core) or (len(core) == 1 and core[0].isupper()):
        m.kind, m.key = "organisation", "org:"
        m.evidence.append("capitalised name that is not a person's (acronym or organisation)")
        return m
    if plural:
        m.kind, m.key = "group", "grp:"
        m.evidence.append(f"plural {head!r}: a collective")
        return m
    m.key = "unk:"
    m.evidence.append("no rule matched")
    return m


# -- scanning the prose for person names -----------------------------------------------------

_CAPRUN = re.compile(
    r"(?<![\w’'.-])[A-Z](?:[\w.-]|['’](?=\w))*"
    r"(?:[ \u00a0](?:[A-Z](?:[\w.-]|['’](?=\w))*|(?:de|da|van|von|bin|al|del|le|la)(?= [A-Z])))*"
)
_INITIALS = re.compile(r"(?:[A-Z]\.)+|Jr\.|Sr\.")
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*")


@dataclass
class _Scan:
    """What the prose names: people (full or titled), lone capitalised words, institutions."""

    people: list[_Mention] = field(default_factory=list)
    lone: list[tuple[int, int, str]] = field(default_factory=list)
    institutions: list[tuple[int, int, str, str, str]] = field(default_factory=list)  # s, e, key, type, name


def _institution(bare: str) -> tuple[str, str, str] | None:
    """(key, type, canonical name) of a known organisation, country, capital or agency."""
    lex = _lex()
    low = bare.lower()
    if low in lex.orgs and not bare.islower():
        canon, typ = lex.orgs[low]
        return "org:" + canon.lower(), typ, canon
    if low in lex.countries and low not in lex.demonyms:
        return "gov:" + lex.countries[low].lower(), "government", lex.countries[low]
    if low in lex.metonyms:
        return "place:" + low, "place", bare
    if low in lex.places:
        return "place:" + lex.places[low].lower(), "place", lex.places[low]
    if low in lex.agencies and (low not in lex.agency_case or bare.isupper()):
        return "agency:" + lex.agencies[low].lower(), "agency", lex.agencies[low]
    return None


def _title_case(line: str) -> bool:
    """A Title Case Headline (three words in four capitalised): its capitals say nothing of names."""
    words = line.split()
    return 4 <= len(words) <= 30 and sum(1 for w in words if w[:1].isupper()) >= 0.75 * len(words)


def _scan(text: str, analysis: Analysis, vocab: _Vocab) -> _Scan:
    """One pass over the capitalised runs of speech-bearing paragraphs and captions.

    Credits, bylines, datelines and noise are skipped: a photographer is not a person the
    article talks about. A run's first word is dropped at a sentence start when the article also
    writes it in lower case ("Says Hillary Clinton" → Hillary Clinton).
    """
    lex = _lex()
    out = _Scan()
    paragraphs = analysis.article.paragraphs or ()
    ranges = [(p.start, p.end) for p in paragraphs if p.role in ("headline", "body", "subheading", "caption")]
    if not paragraphs:
        ranges = [(0, len(text))]
    lexical = lex.lexical
    for ps, pe in ranges:
        title_case = text.count(" ", ps, pe) < 30 and _title_case(text[ps:pe])
        for r in _CAPRUN.finditer(text, ps, pe):
            g = r.group()
            rs = r.start()
            if " " not in g and "\u00a0" not in g:  # one word: the common case, kept cheap
                if g.lower() in _FUNCTION_WORDS:
                    continue
                w, poss = _strip_possessive(g) if g[-1] in "s’'" else (g, False)
                if not poss and w.endswith(".") and not _INITIALS.fullmatch(w):
                    w = w[:-1]
                wl = w.lower()
                if wl in lexical:
                    hit = _institution(w)
                    if hit:
                        out.institutions.append((rs, rs + len(w), *hit))
                    continue
                if len(w) > 1 and not w.isupper() and not title_case:
                    out.lone.append((rs, rs + len(w), w))
                continue
            toks = g.split()
            offs = []
            k = rs
            for t in toks:
                k = text.index(t, k)
                offs.append(k)
                k += len(t)
            # institutions: longest known phrase at each position
            i = 0
            while i < len(toks):
                for n in range(min(5, len(toks) - i), 0, -1):
                    a, b = offs[i], offs[i + n - 1] + len(toks[i + n - 1])
                    bare, poss = _strip_possessive(text[a:b].rstrip("."))
                    hit = _institution(bare)
                    if hit:
                        out.institutions.append((a, a + len(bare), *hit))
                        i += n - 1
                        break
                i += 1
            # people (not in Title Case Headlines, where every word looks like a name)
            if title_case:
                continue
            first = 0
            prev = text[max(ps, rs - 3) : rs].strip()
            if (rs == ps or not prev or prev[-1] in ".!?“\":—") and toks[0].lower() not in lexical:
                if toks[0].lower() in vocab:
                    first = 1
            clean = toks[first:]
            if not clean:
                continue
            last = _strip_possessive(clean[-1])[0]
            clean[-1] = last.rstrip(".") if not _INITIALS.fullmatch(last) else last
            before = text[max(ps, rs - 30) : rs].split()
            titled = bool(before) and before[-1].lower() in lex.title_words and not first
            n = _name_run(clean, titled)
            if not n:
                continue
            names = clean[len(clean) - n :]
            pre = clean[: len(clean) - n]
            head = names[-1].lower()
            if (head in lex.org_heads or head in lex.place_heads or head in lex.documents) \
                    and not (titled and n == len(clean) >= 2):
                continue
            whole = " ".join(names)
            if _institution(whole) is not None or any(len(w) == 1 for w in names):
                continue
            if n >= 2 and all(w.isupper() for w in names):
                continue  # HEADLINE CAPITALS
            off = offs[len(toks) - n]
            if not pre and text[max(ps, rs - 4) : rs].lower() in ("the ", " an ", " a ", "’s ", "'s "):
                continue  # "the Cold War", "the Peace Corps": a name with an article is not a person
            if not pre and n >= 2 and (_ORG_TAIL.search(text, max(ps, rs - 40), rs)
                                       or (len(names[-1]) >= 7 and names[-1].lower().endswith(_COMMON_ENDINGS))):
                continue  # "Citizens for Tax Justice", "Immigration Services": the end of an organisation
            if n == 1 and not pre:
                out.lone.append((off, off + len(names[0]), names[0]))
                continue
            if not pre:  # a lower-case title right before the name, with what qualifies it
                lead_words = text[max(ps, off - 60) : off].split()[-4:]
                if lead_words and lead_words[-1].endswith(",") and len(lead_words[-1]) > 1:
                    lead_words[-1] = lead_words[-1][:-1]  # "the first lady, Michelle Obama"
                while lead_words and not re.fullmatch(r"[\w.’'-]+", lead_words[0]):
                    lead_words.pop(0)
                if any(not re.fullmatch(r"[\w.’'-]+", w) for w in lead_words):
                    lead_words = lead_words[max(i for i, w in enumerate(lead_words)
                                                if not re.fullmatch(r"[\w.’'-]+", w)) + 1 :]
                pre = lead_words if lead_words and lead_words[-1].lower() in lex.title_words \
                    and _title_at_end(lead_words) else []
            role, cls, aff, gender = _role_and_affiliation(pre) if pre else (None, None, None, None)
            titled = bool(role) or any(lex.titles.get(w.lower(), ("",))[0] == "honorific" for w in pre)
            if n == 1 and not titled:
                out.lone.append((off, off + len(names[0]), names[0]))
                continue
            m = _Mention(off, off + len(whole), "person", name=whole, tokens=tuple(names), role=role,
                         role_class=cls, affiliation=aff)
            if gender:
                m.gender, m.gender_evidence = gender, f"title {role or pre[0]!r}"
            m.key = "scan:2" if titled else "scan:1"
            m.evidence.append(f"name in the prose{' with title ' + repr(role) if role else ''}")
            out.people.append(m)
    return out


# -- entities --------------------------------------------------------------------------------


@dataclass
class _Entity:
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
    mentions: list[_Mention] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    variants: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)
    link: _Entity | None = None
    full: int = 0      # mentions with first and last name
    is_source: bool = False
    id: str = ""

    surname: str = ""
    gvotes: Counter[str] = field(default_factory=Counter)  # pronouns resolved to it, by gender

    def add(self, m: _Mention) -> None:
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


def _edit1(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1 or a + "s" == b or b + "s" == a:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


_HASH_MOD = (1 << 61) - 1
_HASH_BASE = 1_000_003
_SHORT = 40
"""Strings up to this length are keys as they are; longer ones by a polynomial hash."""


def _deletion_keys(word: str) -> set[str | int]:
    """Keys of ``word`` and of each string one deletion from it.

    Two strings one insertion, deletion or substitution apart share one of these (the shorter
    string, or the two with the substituted character deleted): the symmetric-delete trick. A
    string's key is itself when short (names), else its polynomial hash, computed for all the
    deletions at once from prefix and suffix hashes so that a long word costs O(len), not
    O(len²) (a "name" of thousands of letters is possible input). A collision only adds a
    candidate, which :func:`_edit1` then rejects."""
    n = len(word)
    if n <= _SHORT + 1:
        keys: set[str | int] = {word[:i] + word[i + 1 :] for i in range(n)}
        keys.add(word if n <= _SHORT else _poly_hashes(word)[0])
        return keys
    return set(_poly_hashes(word))


def _poly_hashes(word: str) -> list[int]:
    """The hash of ``word``, then of ``word`` without each of its characters in turn."""
    n = len(word)
    pow_ = [1] * (n + 1)
    pre = [0] * (n + 1)   # hash of word[:i]
    suf = [0] * (n + 1)   # hash of word[i:]
    for i, ch in enumerate(word):
        pow_[i + 1] = pow_[i] * _HASH_BASE % _HASH_MOD
        pre[i + 1] = (pre[i] * _HASH_BASE + ord(ch) + 1) % _HASH_MOD
    for i in range(n - 1, -1, -1):
        suf[i] = ((ord(word[i]) + 1) * pow_[n - 1 - i] + suf[i + 1]) % _HASH_MOD
    return [pre[n], *((pre[i] * pow_[n - 1 - i] + suf[i + 1]) % _HASH_MOD for i in range(n))]


class _OneEditIndex:
    """Words in groups, found by lookup when one edit from a new word, instead of comparing the
    new word with every earlier one of its group (quadratic in the people of a long article).

    Each word is filed under its :func:`_deletion_keys`; the candidates for a word are those
    sharing a key, checked with :func:`_edit1`, so the answer is exactly that of the scan."""

    def __init__(self) -> None:
        self._files: dict[tuple[str, str | int], list[tuple[int, str, Any]]] = {}
        self._added = 0

    def add(self, group: str, word: str, value: Any) -> None:
        item = (self._added, word, value)
        self._added += 1
        for key in _deletion_keys(word):
            self._files.setdefault((group, key), []).append(item)

    def first(self, group: str, word: str, ok: Callable[[str], bool]) -> Any:
        """The earliest added value of ``group`` whose word passes ``ok(word)`` and is one edit
        from ``word`` (``None`` when none is)."""
        best: tuple[int, Any] | None = None
        for key in _deletion_keys(word):
            for order, other, value in self._files.get((group, key), ()):
                if (best is None or order < best[0]) and ok(other) and _edit1(other, word):
                    best = (order, value)
        return None if best is None else best[1]


def _role_head(role: str | None) -> str:
    """The lexicon title a role ends with, abbreviations expanded ("Sen." → "senator")."""
    if not role:
        return ""
    words = role.lower().split()
    n = _title_at_end(words)
    term = " ".join(words[-n:]) if n else words[-1]
    return _lex().same_as.get(term, term)


class _People:
    """Person entities of one article, indexed by full name, surname and first letter."""

    def __init__(self) -> None:
        self.by_full: dict[tuple[str, str], _Entity] = {}
        self.surnames_of = _OneEditIndex()  # first name -> surnames in by_full, in order
        self.by_surname: dict[str, list[_Entity]] = {}
        self.by_letter = _OneEditIndex()  # first letter -> surnames of fully named people, in order
        self.first_names: set[str] = set()
        self.all: list[_Entity] = []

    @staticmethod
    def _key(tokens: Sequence[str]) -> tuple[str, str]:
        toks = [t.lower() for t in tokens if t.lower() not in _NAME_SUFFIXES and not _INITIALS.fullmatch(t)]
        return (toks[0], toks[-1]) if toks else ("", "")

    def _new(self, m: _Mention) -> _Entity:
        ent = _Entity("person", m.name, tokens=m.tokens)
        key = self._key(m.tokens)
        ent.surname = key[1] or m.name.lower()
        self.all.append(ent)
        self.by_surname.setdefault(ent.surname, []).append(ent)
        if len(m.tokens) > 1:
            self.by_letter.add(ent.surname[:1], ent.surname, ent)
            self.first_names.add(key[0])
        return ent

    def add_full(self, m: _Mention) -> _Entity:
        """A mention with first and last name: merge with the same person or a misspelling."""
        key = self._key(m.tokens)
        ent = self.by_full.get(key)
        if ent is None:
            last = self.surnames_of.first(key[0], key[1], lambda other: min(len(other), len(key[1])) >= 4)
            if last is not None:
                ent = self.by_full[(key[0], last)]
                ent.variants.add(m.name)
                ent.evidence.append(f"{m.name!r} is one edit from {ent.name!r}: same person, "
                                    "spelling variant")
        if ent is None:
            ent = self._new(m)
            ent.evidence.append(f"full name {m.name!r}")
        if key not in self.by_full:
            self.surnames_of.add(key[0], key[1], key[1])
        self.by_full[key] = ent
        if len(m.tokens) > len(ent.tokens) and m.name not in ent.variants:
            ent.name, ent.tokens = m.name, m.tokens  # the longest form is canonical ("Paul D. Ryan")
        ent.full += 1
        ent.add(m)
        return ent

    def find_surname(self, word: str, role: str | None = None, gender: str | None = None
                     ) -> tuple[_Entity | None, str]:
        """The person a bare surname refers to, and the rule used ('' when none).

        Among several people with the surname, one whose role matches the mention's title wins,
        then the most often fully named. A family role ("first lady", "wife") never takes an
        official title ("President Obama" is not Michelle Obama).
        """
        w = word.lower()
        cands = self.by_surname.get(w, [])
        head = _role_head(role) if role else ""
        official = bool(role) and (_lex().titles.get(head, ("",))[0] == "official")
        ok = []
        for c in cands:
            if gender and c.gender and c.gender != gender:
                continue
            if official and c.role and c.role_class == "role" and _role_head(c.role) != head:
                continue
            ok.append(c)
        full = [c for c in ok if len(c.tokens) > 1]
        if full:
            best = max(full, key=lambda c: (bool(head) and _role_head(c.role) == head, c.full, c.is_source,
                                            -c.mentions[0].start))
            return best, "surname of " + repr(best.name)
        if ok:
            return ok[0], "same surname"
        if cands:
            return None, ""
        if len(w) >= 4 and w not in self.first_names:
            c = self.by_letter.first(w[:1], w, lambda surname: max(len(surname), len(w)) >= 5)
            if c is not None:
                return c, f"one edit from the surname of {c.name!r}: spelling variant"
        return None, ""

    def add_bare(self, m: _Mention) -> _Entity:
        ent, why = self.find_surname(m.tokens[-1] if m.tokens else m.name, m.role, m.gender)
        if ent is None:
            ent = self._new(m)
            ent.evidence.append(f"surname only {m.name!r}")
        else:
            m.evidence.append(why)
            if "variant" in why:
                ent.variants.add(m.name)
                ent.evidence.append(f"{m.name!r}: {why}")
            elif m.name != ent.name:
                ent.aliases.add(m.name)
        ent.add(m)
        return ent


# -- resolution ------------------------------------------------------------------------------


def _in_spans(pos: int, spans: Iterable[Span]) -> bool:
    return any(sp.start <= pos < sp.end for sp in spans)


def _content_spans(a: Attribution) -> tuple[Span, ...]:
    if a.content_parts:
        return a.content_parts
    return (a.content,) if a.content else ()


def _follow(text: str, end: int) -> str:
    """The clause right after a source span ("…, who spoke on condition of anonymity,")."""
    chunk = text[end : end + 140]
    m = re.match(r"\s*,\s*(?:who|which|speaking|asking|requesting|declining)\b[^,.;]*", chunk)
    return m.group() if m else ""


class _Holding:
    """Spans ``(start, end, key)`` sorted by start, with the running maximum of their ends: the
    spans overlapping a stretch are found visiting only those that start before it and are not
    all ended by it, where a scan visits every span of the article (quadratic when asked once a
    pronoun). Unlike a bound by the longest span, one long quotation does not make every
    search look back over the whole article."""

    def __init__(self, spans: Iterable[tuple[int, int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _, _ in self.spans]
        self.reach = list(accumulate((e for _, e, _ in self.spans), max))

    def overlapping(self, s: int, e: int) -> list[int]:
        """The keys of the spans with ``start < e`` and ``end > s``."""
        out = []
        k = bisect_left(self.starts, e) - 1
        while k >= 0 and self.reach[k] > s:
            if self.spans[k][1] > s:
                out.append(self.spans[k][2])
            k -= 1
        return out


class _LatestBefore:
    """Of entries ``(position, value)`` kept in the order they were added, the value of the last
    added whose position lies in ``(pos - window, pos)``, by bisection instead of a scan of every
    entry (the speakers of a long article, asked once for every unsourced quotation).

    The entries are split into runs of rising positions (the speakers come in two: sources in
    text order, then "I"/"we" ones): in a run, only the last entry before ``pos`` can be the
    answer, and a later run's answer comes first."""

    def __init__(self, entries: Iterable[tuple[int, Any]]) -> None:
        self.runs: list[tuple[list[int], list[Any]]] = []
        for pos, value in entries:
            if not self.runs or pos < self.runs[-1][0][-1]:
                self.runs.append(([], []))
            self.runs[-1][0].append(pos)
            self.runs[-1][1].append(value)

    def get(self, pos: int, window: int) -> Any:
        for positions, values in reversed(self.runs):
            k = bisect_left(positions, pos) - 1
            if k >= 0 and pos - positions[k] < window:
                return values[k]
        return None


def _people_not_agencies(text: str, mentions: list[_Mention], people: _People) -> list[_Mention]:
    """"Bloomberg said" after "Michael Bloomberg": the person, not the wire service. A one-word
    agency name that is the surname of a person named in the article becomes a bare surname."""
    out = []
    for m in mentions:
        word = text[m.start : m.end].strip()
        if m.kind == "agency" and " " not in word and word[:1].isupper() and people.find_surname(word)[0]:
            m.kind, m.name, m.tokens, m.key = "person", word, (word,), ""
            m.evidence = [f"{word!r}: the surname of a person named in the article, not the wire service"]
            out.append(m)
    return out


def _build(analysis: Analysis) -> tuple[dict[int, tuple[_Entity, str]], list[_Entity]]:
    """Resolve every attribution's source: {attribution index: (entity, rule)}, all entities."""
    text = analysis.text
    atts = analysis.attributions
    paragraphs = analysis.article.paragraphs
    credit_spans = [p.span for p in paragraphs if p.role in ("credit", "byline")]

    # 1. mentions of sources
    src_mentions: list[_Mention] = []
    for i, a in enumerate(atts):
        if a.source is None:
            continue
        m = _parse(text, a.source.start, a.source.end, _follow(text, a.source.end))
        if m is None:
            continue
        m.attribution = i
        if _in_spans(m.start, credit_spans) and m.kind != "agency":  # a wire credit line stays the agency's
            m.kind, m.key = "credit", "credit:" + m.name.lower()
            m.evidence = ["in a photo credit or byline paragraph: a credit, not a source"]
        src_mentions.append(m)
    src_mentions.sort(key=lambda m: m.start)

    # 2. person entities: full names first (sources and prose), then bare surnames
    people = _People()
    vocab = _Vocab(text)
    scan = _scan(text, analysis, vocab)
    src_spans = sorted((x.start, x.end) for x in src_mentions if x.kind == "person")

    def in_source(pos: int) -> bool:
        k = bisect_right(src_spans, (pos, 10**9)) - 1
        return k >= 0 and src_spans[k][0] <= pos < src_spans[k][1]

    person_ms = [m for m in src_mentions if m.kind == "person"]
    for m in src_mentions:
        if m.possessor is not None and m.possessor.kind == "person":
            person_ms.append(m.possessor)
    person_ms += [m for m in scan.people if not in_source(m.start)]
    person_ms.sort(key=lambda m: m.start)
    bare: list[_Mention] = []
    for m in person_ms:
        if sum(1 for t in m.tokens if not _INITIALS.fullmatch(t)) >= 2:
            people.add_full(m)
        else:
            bare.append(m)
    bare += _people_not_agencies(text, src_mentions, people)
    bare.sort(key=lambda m: m.start)
    timeline: list[_Mention] = [m for m in person_ms if m.entity is not None]
    par_starts = [p.start for p in paragraphs]

    title_case: dict[int, bool] = {}  # paragraph -> Title Case (asked once a mention: a long one was quadratic)
    once: dict[str, bool] = {}  # word -> written once in the article

    def in_title_case(pos: int) -> bool:
        k = bisect_right(par_starts, pos) - 1
        if k < 0:
            return False
        if k not in title_case:
            title_case[k] = _title_case(text[paragraphs[k].start : paragraphs[k].end])
        return title_case[k]

    def written_once(word: str) -> bool:
        if word not in once:
            once[word] = text.count(word) == 1
        return once[word]

    for m in bare:
        word = m.tokens[-1] if m.tokens else m.name
        wl = word.lower()
        if m.attribution is not None and len(m.tokens) == 1 and not m.role and not m.gender \
                and (wl in vocab or (len(wl) >= 7 and wl.endswith(_COMMON_ENDINGS))
                     or (in_title_case(m.start) and written_once(word))) \
                and people.find_surname(word)[0] is None:
            # "Debates", "Investigations", a word of a Title Case Headline: not a name
            m.kind, m.key = "unknown", "unk:" + m.name.lower()
            m.evidence = [f"{word!r}: a common word (lower case elsewhere, a noun ending or a Title Case "
                          "line), not a name"]
            continue
        people.add_bare(m)
        timeline.append(m)
    for s0, e0, word in scan.lone:  # a lone capitalised word is a person only as a known surname
        if in_source(s0):
            continue
        ent, why = people.find_surname(word)
        if ent is None or not ent.tokens:
            continue
        m = _Mention(s0, e0, "person", name=word, tokens=(word,))
        if "variant" in why:
            ent.variants.add(word)
            ent.evidence.append(f"{word!r}: {why}")
        elif word != ent.name:
            ent.aliases.add(word)
        m.evidence.append(why)
        ent.add(m)
        timeline.append(m)
    timeline.sort(key=lambda m: m.start)
    starts = [m.start for m in timeline]

    # 3. other entities by key; pronouns and nominals resolved in text order
    sents = analysis.sentences
    if not sents and paragraphs:
        sents = tuple(split_sentences(text, paragraphs))
    sent_starts = [x.start for x in sents] or [0]

    def sent_of(pos: int) -> int:
        return bisect_right(sent_starts, pos) - 1

    quote_spans = sorted((q.start, q.end) for q in analysis.quotes)
    content_spans = sorted((sp.start, sp.end) for b in atts for sp in _content_spans(b))

    def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
        k = bisect_right(spans, (pos, 10**9)) - 1
        while k >= 0:
            if spans[k][0] <= pos < spans[k][1]:
                return True
            if spans[k][1] <= pos and k >= 0 and spans[k][0] < pos - 5000:
                return False
            k -= 1
        return False

    def in_quote(pos: int) -> bool:
        return _inside(pos, quote_spans)

    def in_content(pos: int) -> bool:
        return _inside(pos, content_spans)

    def is_subject(pos: int) -> bool:
        """The mention opens its sentence (after a short adverbial, a title or a quote mark)."""
        k = sent_of(pos)
        s0 = sent_starts[k] if k >= 0 else 0
        before = text[s0:pos]
        words = before.split()
        if len(words) > 7:
            return False
        if words and words[-1].lower().strip("“\"(") in _NOT_SUBJECT:
            return False
        return not re.search(r"[;:”\"]", before)

    speakers: list[tuple[int, _Entity]] = []  # earlier attributions' resolved speakers, in order
    others: dict[str, _Entity] = {}
    source_order: list[_Mention] = []  # resolved source mentions so far, in text order
    att_resolution: dict[int, tuple[_Entity, str]] = {}
    quotes = analysis.quotes

    def entity_for(m: _Mention) -> _Entity:
        key = m.key or (m.kind + ":" + m.name.lower())
        if key.endswith(":"):
            key += m.name.lower()
        ent = others.get(key)
        if ent is None:
            ent = _Entity(m.kind, m.name)
            ent.evidence.extend(m.evidence)
            others[key] = ent
        elif m.name != ent.name:
            ent.aliases.add(m.name)
        ent.add(m)
        return ent

    def person_before(pos: int, gender: str | None, exclude: tuple[Span, ...]) -> tuple[_Entity | None, str]:
        """The most salient preceding person compatible with ``gender`` (see :func:`_salience`)."""
        here = sent_of(pos)
        best: tuple[float, int] | None = None
        best_ent: _Entity | None = None
        best_why = ""
        seen_speaker = False
        cm_is_prose = True
        k = bisect_right(starts, pos) - 1
        j = len(speakers) - 1
        while j >= 0 and speakers[j][0] >= pos:
            j -= 1
        # merge the two streams (prose mentions, earlier speakers) from the nearest backwards
        while k >= 0 or j >= 0:
            if j < 0 or (k >= 0 and timeline[k].start >= speakers[j][0]):
                cm = timeline[k]
                k -= 1
                cstart, ent, speaker = cm.start, cm.entity, cm.attribution is not None
                cm_is_prose = True
                if cm.end > pos:
                    continue
            else:
                cstart, ent, speaker = speakers[j][0], speakers[j][1], True
                j -= 1
                cm_is_prose = False
            dist = here - sent_of(cstart)
            if dist > 6 or cstart < pos - 3000:
                break
            if ent is None or ent.kind != "person" or _in_spans(cstart, exclude):
                continue
            if gender and ent.gender and ent.gender != gender:
                continue
            score = float(dist * 10)
            notes = []
            if speaker:
                score -= 7
                notes.append("an earlier speaker")
            if is_subject(cstart):
                score -= 5
                notes.append("a sentence subject")
            if in_quote(cstart):
                score += 8
            elif in_content(cstart):
                score += 4
            if gender and ent.gender == gender:
                score -= 3
                notes.append(f"title gives gender {gender}")
            elif gender:
                other = "m" if gender == "f" else "f"
                if ent.gvotes[gender] > ent.gvotes[other]:
                    score -= 2
                elif ent.gvotes[other] > ent.gvotes[gender]:
                    score += 4
            if speaker and not seen_speaker and not cm_is_prose:
                score -= 5
                notes.append("the latest speaker")
            if speaker and not cm_is_prose:
                seen_speaker = True
            key = (score, -cstart)
            if best is None or key < best:
                best, best_ent = key, ent
                where = "same sentence" if dist == 0 else f"{dist} sentence{'s' if dist > 1 else ''} back"
                best_why = f"most salient preceding person {ent.name!r} ({where}{', ' if notes else ''}" \
                           f"{', '.join(notes)})"
        return best_ent, best_why

    contents = _Holding((sp.start, sp.end, j) for j, b in enumerate(atts) for sp in _content_spans(b))
    outer_quotes = _Holding((q.start, q.end, k) for k, q in enumerate(quotes) if q.depth == 0)
    in_quote_of: dict[int, list[int]] = {}  # outer quotation -> attributions whose content overlaps it

    def speaker_of_quote(pos: int, own: int) -> tuple[_Entity | None, str]:
        """I/we/you inside a quotation or reported content: whoever that content is credited to.
        The first attribution (in order) holding ``pos`` in its content whose speaker is known,
        else the first whose content overlaps the outer quotation holding ``pos``."""
        for j in sorted(set(contents.overlapping(pos, pos + 1))):
            if j != own and j in att_resolution:
                ent = att_resolution[j][0]
                if ent.kind != "unknown":
                    return ent, f"speaker of the content holding it ({ent.name!r})"
        held = outer_quotes.overlapping(pos, pos + 1)
        if held:
            k = min(held)
            if k not in in_quote_of:
                in_quote_of[k] = sorted(set(contents.overlapping(quotes[k].start, quotes[k].end)))
            for j in in_quote_of[k]:
                if j != own and j in att_resolution:
                    ent = att_resolution[j][0]
                    if ent.kind != "unknown":
                        return ent, f"speaker of the quotation holding it ({ent.name!r})"
        return None, ""

    def before(pos: int, types: tuple[str, ...], window: int = 2500) -> tuple[_Entity | None, str]:
        for sm in reversed(source_order):
            if sm.start < pos - window:
                break
            ent = sm.entity
            if ent is not None and sm.start < pos and ent.kind in types:
                return ent, f"nearest preceding {ent.kind} source {ent.name!r}"
        return None, ""

    def relative(m: _Mention) -> tuple[_Entity | None, str]:
        """Who/which/that: the mention or noun phrase right before it ("some economists who")."""
        k = bisect_right(starts, m.start) - 1
        for cm in (*timeline[max(0, k - 2) : k + 1], *source_order[-3:]):
            if cm.entity is not None and cm.end <= m.start and re.fullmatch(r"[\s,]*", text[cm.end : m.start]):
                return cm.entity, f"relative pronoun right after {text[cm.start:cm.end]!r}"
        lo = max(sent_starts[sent_of(m.start)] if sents else 0, m.start - 100)
        chunk = text[lo : m.start]
        cut = max(chunk.rfind(c) for c in ",;:(—–“”\"")
        if cut >= 0 and not chunk[cut + 1 :].strip():  # ", who": the phrase before the comma
            chunk2 = chunk[:cut]
            cut2 = max(chunk2.rfind(c) for c in ",;:(—–“”\"")
            start = lo + cut2 + 1
        else:
            start = lo + cut + 1
        words = [(w.start() + start, w.group()) for w in re.finditer(r"\S+", text[start : m.start])]
        words = [(o, w.strip(",")) for o, w in words if w.strip(",")]
        if not words:
            return None, ""
        while words and words[-1][1].lower() in ("here", "there", "now", "then", "too", "also", "today"):
            words.pop()
        if not words:
            return None, ""
        firsts: list[int] = []
        preps = [n for n, (_, w) in enumerate(words) if w.lower() in _CUT_WORDS and n < len(words) - 1]
        dets = [n for n, (_, w) in enumerate(words) if w.lower() in _DETERMINERS]
        if dets:
            firsts.append(dets[-1])
        if preps:
            firsts.append(preps[-1] + 1)  # "a focal point for demonstrators" -> "demonstrators"
        firsts.append(max(0, len(words) - 3))
        np = thing = None
        for first in dict.fromkeys(firsts):
            cand = _parse(text, words[first][0], words[-1][0] + len(words[-1][1]))
            if cand is not None and cand.kind not in ("unknown", "pronoun"):
                np = cand
                break
            if cand is not None and cand.kind == "unknown" and thing is None:
                thing = cand
        if np is None and thing is not None:
            np = thing  # "the engineering survey, which …", "The source, who …": the phrase it follows
        if np is None:
            return None, ""
        np.evidence.append("noun phrase before a relative pronoun")
        if np.kind == "person":
            ent = people.add_full(np) if len(np.tokens) > 1 else people.add_bare(np)
        elif np.kind == "nominal":
            ent, _ = _nominal(np, people, timeline, starts)
            if ent is None:
                np.kind, np.key = "unknown", "nom:" + np.name.lower()
                ent = entity_for(np)
        else:
            ent = entity_for(np)
        return ent, f"relative pronoun after the phrase {np.name!r}"

    def implied_speaker(i: int, a: Attribution, anchor: Span, latest: _LatestBefore
                        ) -> tuple[_Entity | None, str]:
        """A transcript label ("PENCE:"), the person named in the cue's sentence, or the speaker
        whose quotation a bare quotation paragraph continues."""
        contents = _content_spans(a)
        k = bisect_right(par_starts, anchor.start) - 1
        if k >= 0:
            label = _LABEL.match(text, paragraphs[k].start, paragraphs[k].end)
            if label and not _in_spans(label.start(1), contents):
                word = label.group(1).title()
                ent, _ = people.find_surname(word.split()[-1])
                if ent is None:
                    m = _Mention(label.start(1), label.end(1), "person", name=word, tokens=tuple(word.split()))
                    ent = people.add_bare(m)
                return ent, f"transcript label {label.group(1)!r}"
        si = sent_of(anchor.start)
        lo = sent_starts[si] if si >= 0 else 0
        hi = sent_starts[si + 1] if si + 1 < len(sent_starts) else len(text)
        best: _Mention | None = None
        for cm in timeline[bisect_right(starts, lo - 1) : bisect_right(starts, hi - 1)]:
            if cm.entity is None or _in_spans(cm.start, contents) or cm.end > hi:
                continue
            if best is None or abs(cm.start - anchor.start) < abs(best.start - anchor.start):
                best = cm
        if best is not None and best.entity is not None:
            return best.entity, f"the person named in the sentence, nearest the cue ({best.entity.name!r})"
        if a.kind in ("direct", "partial"):
            prior = latest.get(anchor.start, 1500)
            if prior is not None:
                return prior, f"a quotation continuing the latest speaker's ({prior.name!r})"
        return None, ""

    first_person = [m for m in src_mentions if m.kind == "pronoun" and m.key == "speaker"]
    ordered = [m for m in src_mentions if not (m.kind == "pronoun" and m.key == "speaker")] + first_person
    for m in ordered:  # "I"/"we" last: the speaker of their quotation is often named after it
        i = m.attribution if m.attribution is not None else -1
        a = atts[i]
        exclude = _content_spans(a)
        ent: _Entity | None = None
        why = ""
        if m.kind == "person":
            ent = m.entity
            if ent is None:
                ent = people.add_bare(m) if len(m.tokens) < 2 else people.add_full(m)
            why = m.evidence[0] if m.evidence else "person name"
            if len(m.evidence) > 1 and ("surname" in m.evidence[-1] or "edit" in m.evidence[-1]):
                why += "; " + m.evidence[-1]
        elif m.kind == "pronoun":
            kind = m.key
            if kind == "personal" and m.number == "sg":
                ent, why = person_before(m.start, m.gender, exclude)
            elif kind == "personal":
                ent, why = before(m.start, GROUP_TYPES)
            elif kind == "thing":
                ent, why = before(m.start, THING_TYPES)
            elif kind == "speaker":
                ent, why = speaker_of_quote(m.start, i)
            elif kind == "relative":
                ent, why = relative(m)
            if ent is not None and m.gender and ent.kind == "person":
                ent.gvotes[m.gender] += 1
            if ent is not None:
                why = f"pronoun {text[m.start:m.end]!r} -> {why}"
                ent.aliases.add(text[m.start : m.end])
                ent.add(m)
            else:
                m.kind = "unknown"
                m.key = "pron:" + text[m.start : m.end].lower()
                ent = entity_for(m)
                ent.evidence.append("unresolved pronoun")
                why = f"pronoun {text[m.start:m.end]!r} not resolved"
        elif m.kind == "nominal":
            ent, why = _nominal(m, people, timeline, starts)
            if ent is not None:
                ent.aliases.add(text[m.start : m.end])
                ent.add(m)
            else:
                m.kind = "unknown"
                m.key = "nom:" + m.name.lower()
                ent = entity_for(m)
                why = f"nominal {m.name!r} with no named antecedent"
        else:
            if m.possessor is not None and m.possessor.entity is None and m.possessor.kind == "pronoun":
                owner, _ = person_before(m.start, m.possessor.gender, exclude)
                if owner is not None:
                    m.affiliation = owner.name
            ent = entity_for(m)
            why = "; ".join(dict.fromkeys(m.evidence)) if m.evidence else m.kind
            if m.possessor is not None and m.possessor.entity is not None:
                ent.link = m.possessor.entity
                ent.affiliation = m.possessor.entity.name
        if ent.kind == "person" and m.kind == "person" and ent.gender is None and m.gender:
            ent.gender, ent.gender_evidence = m.gender, m.gender_evidence
        att_resolution[i] = (ent, why)
        source_order.append(m)
        if ent.kind == "person":
            speakers.append((m.start, ent))
        if m.entity is None:
            m.entity = ent

    # 4. attributions without a source span: the speaker the context implies, flagged as inferred
    latest = _LatestBefore(speakers)
    for i, a in enumerate(atts):
        if a.source is not None or i in att_resolution:
            continue
        anchor = a.cue or a.content
        if anchor is None:
            continue
        ent, why = implied_speaker(i, a, anchor, latest)
        if ent is not None:
            att_resolution[i] = (ent, "no source span; inferred: " + why)

    # 5. organisations, governments and places named in the prose (mention counts, entities())
    taken = {(x.start, x.end) for e in others.values() for x in e.mentions}
    for s0, e0, key, typ, name in scan.institutions:
        if (s0, e0) in taken:
            continue
        ent = others.get(key)
        if ent is None:
            ent = others[key] = _Entity(typ, name)
            ent.evidence.append(f"{name!r} named in the prose (lexicon)")
        ent.add(_Mention(s0, e0, typ, name=text[s0:e0]))
    return att_resolution, [*people.all, *others.values()]


_WORD = re.compile(r"\w+")


class _WordCount:
    r"""``len(re.findall(r"\w+", text[s:e]))`` in O(log n), from the starts of the text's words:
    the words of a stretch are those starting inside it, plus one if it starts within a word.
    Counting each content anew cost the sum of their lengths, quadratic when many attributions
    share one long content."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [m.start() for m in _WORD.finditer(text)]

    def __call__(self, s: int, e: int) -> int:
        if s >= e:
            return 0
        inside = bisect_left(self.starts, e) - bisect_right(self.starts, s)
        return inside + (1 if _WORD.match(self.text, s, s + 1) else 0)


def _sources_of(resolution: dict[int, tuple[_Entity, str]]) -> list[_Entity]:
    """The distinct entities attributions resolved to, credits left out, by first mention."""
    out: list[_Entity] = []
    seen: set[int] = set()
    for ent, _ in resolution.values():
        if id(ent) not in seen and ent.kind != "credit":
            seen.add(id(ent))
            out.append(ent)
    out.sort(key=lambda e: min(x.start for x in e.mentions))
    return out


def _agency_kinds(text: str, atts: Sequence[Attribution], resolution: dict[int, tuple[_Entity, str]]
                  ) -> list[Attribution]:
    """An ``agency`` attribution whose source resolved to a person ("Bloomberg said", after
    "mayor Michael Bloomberg") takes the kind its spans give without the wire service."""
    from .attribution.credits import EVIDENCE as WIRE_CREDIT
    from .attribution.link import kind_of

    out = list(atts)
    for i, (ent, _) in resolution.items():
        a = out[i]
        if a.kind == "agency" and ent.kind == "person" and a.evidence[:1] != (WIRE_CREDIT,):
            kind, why = kind_of(text, a.content, a.cue, None)
            out[i] = replace(a, kind=kind, evidence=(*a.evidence, f"{why}: the source is a person, not the agency"))
    return out


def resolve(analysis: Analysis) -> Analysis:
    """The analysis with each attribution's ``speaker`` and the article's ``sources`` filled in.

    Attributions without a source span keep ``speaker=None``. Sources are listed in order of
    first mention with ids ``S1``, ``S2``…; credits (photo credits, bylines) are never sources.
    Each attribution's ``evidence`` gains one ``source: …`` entry naming the rule that resolved it.
    """
    text = analysis.text
    att_resolution, _ = _build(analysis)
    atts = _agency_kinds(text, analysis.attributions, att_resolution)
    entities = _sources_of(att_resolution)
    for k, ent in enumerate(entities, 1):
        ent.id = f"S{k}"
    counts: dict[int, Counter[str]] = {}
    words: Counter[int] = Counter()
    word_count = _WordCount(text)
    for i, a in enumerate(atts):
        if i in att_resolution:
            ent = att_resolution[i][0]
            counts.setdefault(id(ent), Counter())[a.kind] += 1
            words[id(ent)] += sum(word_count(sp.start, sp.end) for sp in _content_spans(a))
    records: dict[int, Source] = {}
    for ent in [*entities, *[e for e, _ in att_resolution.values() if e.kind == "credit"]]:
        if id(ent) in records:
            continue
        records[id(ent)] = _record(ent, counts.get(id(ent), Counter()), words[id(ent)])
    new_atts = []
    for i, a in enumerate(atts):
        if i not in att_resolution:
            new_atts.append(a)
            continue
        ent, why = att_resolution[i]
        src = records[id(ent)]
        new_atts.append(replace(a, speaker=src, evidence=(*a.evidence, f"source: {why} [{src.id or 'credit'}]")))
    return replace(analysis, attributions=tuple(new_atts),
                   sources=tuple(records[id(e)] for e in entities))


def entities(analysis: Analysis) -> tuple[Source, ...]:
    """Everyone and everything the article names, sources or not, as :class:`Source` records.

    People (from titles, full names and surnames in the prose, with spelling variants merged and
    flagged), organisations, governments, agencies and capitals (``type="place"`` when named in
    the prose rather than speaking). Sources have ids ``S1``… as in :func:`resolve`; the others
    ``M1``…; ``attributions`` is 0 for those that say nothing in the article.
    """
    text = analysis.text
    resolution, everything = _build(analysis)
    srcs = _sources_of(resolution)
    for k, ent in enumerate(srcs, 1):
        ent.id = f"S{k}"
    counts: dict[int, Counter[str]] = {}
    words: Counter[int] = Counter()
    word_count = _WordCount(text)
    for i, (ent, _) in resolution.items():
        a = analysis.attributions[i]
        counts.setdefault(id(ent), Counter())[a.kind] += 1
        words[id(ent)] += sum(word_count(sp.start, sp.end) for sp in _content_spans(a))
    is_source = {id(x) for x in srcs}  # once, not once an entity (quadratic in people)
    rest = sorted((e for e in everything if e.mentions and id(e) not in is_source
                   and e.kind != "credit"), key=lambda e: min(x.start for x in e.mentions))
    for k, ent in enumerate(rest, 1):
        ent.id = f"M{k}"
    allents = sorted([*srcs, *rest], key=lambda e: min(x.start for x in e.mentions))
    return tuple(_record(e, counts.get(id(e), Counter()), words[id(e)]) for e in allents)


def _nominal(m: _Mention, people: _People, timeline: list[_Mention], starts: list[int]
             ) -> tuple[_Entity | None, str]:
    """'The spokeswoman', 'the senator': the nearest preceding person holding that role."""
    head = _role_head(m.role)
    if not head:
        return None, ""
    k = bisect_right(starts, m.start) - 1
    while k >= 0 and timeline[k].start > m.start - 6000:
        cm = timeline[k]
        k -= 1
        ent = cm.entity
        if ent is None:
            continue
        for role in (cm.role, ent.role):
            if not role:
                continue
            eh = _role_head(role)
            words = role.lower().split()
            if eh == head or (eh.endswith(" " + head) and not eh.startswith(_SUBORDINATE)) or (
                    head in words and not any(w in _SUBORDINATE for w in words)):
                if m.gender and ent.gender and m.gender != ent.gender:
                    break
                return ent, f"nominal {m.name!r} -> nearest preceding person with role {role!r} ({ent.name!r})"
    return None, ""


_SUBORDINATE = ("vice", "deputy", "assistant", "under", "lieutenant", "co-", "associate", "acting")
"""Words that make a role another office: "the president" is not the vice president."""


_TYPE_OF_KIND = {"person": "named_person", "nominal": "unknown", "pronoun": "unknown"}


def _record(ent: _Entity, kinds: Counter[str], words: int) -> Source:
    """The public :class:`Source` of an entity."""
    typ = _TYPE_OF_KIND.get(ent.kind, ent.kind)
    if ent.kind == "person" and ent.role_class == "official":
        typ = "official"
    anonymous = typ in ("anonymous_individual", "anonymous_group")
    evidence = list(dict.fromkeys(ent.evidence))
    gender = ent.gender
    if gender and ent.gender_evidence:
        evidence.append(f"gender {gender} from {ent.gender_evidence}")
    elif ent.gvotes:
        (g1, n1), *rest = ent.gvotes.most_common()
        if not rest or n1 > rest[0][1]:
            gender = g1
            evidence.append(f"gender {g1} from {n1} pronoun(s) resolved to it"
                            + (f" (against {rest[0][1]})" if rest else ""))
    mentions = tuple(Span(a, b) for a, b in sorted({(x.start, x.end) for x in ent.mentions}))
    name = ent.name
    aliases = tuple(sorted(a for a in ent.aliases if a != name and a not in ent.variants))
    return Source(
        name=name, type=typ, role=ent.role, affiliation=ent.affiliation, anonymous=anonymous,
        mentions=mentions, id=ent.id, gender={"f": "female", "m": "male"}.get(gender or ""),
        variants=tuple(sorted(ent.variants)), aliases=aliases, anonymity=ent.anonymity if anonymous else None,
        link=ent.link.id if ent.link is not None and ent.link.id else None, evidence=tuple(evidence),
        attributions=sum(kinds.values()),
        kinds=tuple((k, kinds[k]) for k in ATTRIBUTION_KINDS if kinds.get(k)), words=words,
        first=mentions[0].start if mentions else None,
    )


# -- credits, tables and profile ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Credit:
    """A photo credit or byline name: who made or wrote the piece, never a source of it."""

    name: str
    kind: str            # "photo" or "byline"
    start: int
    end: int

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "start": self.start, "end": self.end}


_CREDIT_PREFIX = re.compile(r"\s*(?:\(?\s*)?(?:(?:photo|photograph|picture|image|pic|video|graphic|illustration|"
                            r"foto)s?\s*(?:credit)?\s*[:|]?|credit\s*:|by\b|(?:photo|image|video)\s+(?:by|courtesy"
                            r"(?:\s+of)?))\s*", re.IGNORECASE)


def credits(analysis: Analysis) -> list[Credit]:
    """Names in photo-credit and byline paragraphs ("Photo: Miriam Alster / AP / Profimedia")."""
    text = analysis.text
    out: list[Credit] = []
    for p in analysis.article.paragraphs:
        if p.role not in ("credit", "byline"):
            continue
        kind = "photo" if p.role == "credit" else "byline"
        s = p.start
        m = _CREDIT_PREFIX.match(text, s, p.end)
        if m:
            s = m.end()
        for part in re.finditer(r"[^/|,;()]+", text[s : p.end]):
            piece = part.group()
            for sub in re.split(r"\s+(?:and|&)\s+", piece):
                off = s + part.start() + piece.find(sub)
                a, b = _clean_bounds(text, off, off + len(sub))
                if b > a and re.search(r"[A-Za-z]", text[a:b]):
                    out.append(Credit(text[a:b], kind, a, b))
    return out


def sources_frame(analysis: Analysis) -> pd.DataFrame:
    """One row a source (``analysis.sources_frame``): name, type, role, counts, first position."""
    return analysis.sources_frame


def profile(analysis: Analysis) -> dict[str, Any]:
    """How the article is sourced, in numbers a researcher can compare across articles.

    Shares are over attributions that have a resolved speaker: ``anonymous`` (anonymous
    individual or group), ``official`` (officials, governments), ``direct`` (over all
    attributions: direct quotation), ``agency`` (wire services: the article's dependence on them).
    """
    atts = analysis.attributions
    spoken = [a for a in atts if a.speaker is not None and a.speaker.type != "credit"]
    n = len(spoken)

    def share(pred: Any) -> float:
        return round(sum(1 for a in spoken if pred(a)) / n, 4) if n else 0.0

    by_type = Counter(s.type for s in analysis.sources)
    top = max(analysis.sources, key=lambda s: (s.attributions, s.words, -(s.first or 0)), default=None)
    text = analysis.text
    dateline_agencies = sorted({
        lex_name for p in analysis.article.paragraphs if p.role == "dateline"
        for alias, lex_name in _lex().agencies.items()
        if re.search(rf"\b{re.escape(alias)}\b", text[p.start : p.end], re.IGNORECASE)
    })
    return {
        "id": analysis.id,
        "attributions": len(atts),
        "with_speaker": n,
        "distinct_sources": len(analysis.sources),
        "sources_by_type": dict(by_type),
        "share_anonymous": share(lambda a: a.speaker.anonymous),
        "share_official": share(lambda a: a.speaker.type in ("official", "government")),
        "share_direct": round(sum(1 for a in atts if a.kind == "direct") / len(atts), 4) if atts else 0.0,
        "share_agency": share(lambda a: a.speaker.type == "agency"),
        "agencies": sorted({a.speaker.name for a in spoken if a.speaker.type == "agency"} | set(dateline_agencies)),
        "unresolved_pronouns": sum(1 for a in spoken if a.speaker.type == "unknown"
                                   and a.speaker.name.lower() in _lex().pronouns),
        "gender_stated": dict(Counter(s.gender for s in analysis.sources if s.gender)),
        "most_quoted": None if top is None else {"id": top.id, "name": top.name, "type": top.type,
                                                 "attributions": top.attributions, "words": top.words},
        "credits": [c.to_dict() for c in credits(analysis)],
    }
