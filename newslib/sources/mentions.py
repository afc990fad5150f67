"""Step 1 of source resolution: a source span parsed into a :class:`Mention`.

"Israeli Defense Minister Yoav Gallant" becomes a person mention (name Yoav Gallant, role Defense
Minister, affiliation Israel); "Washington" a government speaking through its capital; "she" a
pronoun to resolve later; "the spokeswoman" a nominal. A span is read part by part (commas make
appositions), then word by word; each rule that decides leaves its reason in ``evidence``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import firstnames
from .lexicon import CUT_WORDS, DETERMINERS, NAME_PARTICLES, lex
from .names import (
    POSSESSIVE,
    affiliation,
    is_cap,
    lexical,
    name_run,
    role_and_affiliation,
    singular,
    strip_possessive,
    title_at_end,
)

if TYPE_CHECKING:
    from .people import Entity

_TOKEN = re.compile(r"[^\s,;:()\[\]“”\"]+")
_PAREN = re.compile(r"\([^()]*\)")
_INDEFINITE = frozenset("a an one another some several two three four many".split())
_AGENCY_HEAD = re.compile(r"\s+(?:news\s+agency|news\s+service|wire\s+service|newswire)$", re.IGNORECASE)
"""What follows a wire service's name when it is introduced: "the Associated Press news agency"."""


@dataclass
class Mention:
    """One mention of a source in the text, as parsed (internal; becomes part of an entity)."""

    start: int
    end: int
    kind: str  # person, pronoun, nominal, or a Source type
    name: str = ""
    tokens: tuple[str, ...] = ()  # name tokens of a person
    role: str | None = None
    role_class: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    gender_evidence: str | None = None
    number: str = "sg"
    anonymity: str | None = None
    possessor: Mention | None = None
    key: str = ""  # merge key for non-person mentions
    evidence: list[str] = field(default_factory=list)
    attribution: int | None = None  # index of the attribution whose source this is
    entity: Entity | None = None
    surname_match: str = ""  # how a bare surname found its person (People.find_surname), if it did


def clean_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    strip = " \t\r\n,;:—–-\"“”'‘’."
    while s < e and text[s] in strip:
        s += 1
    while e > s and text[e - 1] in strip:
        # keep a final period that belongs to an initial or abbreviation ("Jr.", "U.S.")
        if text[e - 1] == "." and e - 2 >= s and (text[e - 2].isupper() or text[e - 3 : e] in ("Jr.", "Sr.")):
            break
        e -= 1
    return s, e


def parse(text: str, s: int, e: int, follow: str = "") -> Mention | None:
    """Parse the source span ``text[s:e]`` into a mention; ``follow`` is the clause after it."""
    lexicon = lex()
    s, e = clean_bounds(text, s, e)
    nl = text.rfind("\n", s, e)
    if nl >= 0 and text[nl + 1 : e].strip():  # a span run over a line break: the line that speaks
        s, e = clean_bounds(text, nl + 1, e)
    if s >= e:
        return None
    raw = text[s:e]
    masked = _PAREN.sub(lambda m: " " * len(m.group()), raw)  # "(R-Wis.)" is not part of a name
    low = masked.strip().lower()
    m = Mention(s, e, "unknown", name=raw)
    anon = lexicon.markers.search(raw) or (lexicon.markers.search(follow) if follow else None)
    if anon:
        m.anonymity = anon.group().strip(" ,")

    first = low.split(" ", 1)[0]
    if first in ("he", "she") and " " in low:  # "He released a letter…": the span ran on past its pronoun
        return parse(text, s, s + len(first))

    # pronouns
    if low in lexicon.pronouns:
        g, num, kind = lexicon.pronouns[low]
        m.kind, m.number, m.gender = "pronoun", num, g
        m.key = kind
        m.evidence.append(f"pronoun {raw!r}")
        if kind == "indefinite":
            m.kind, m.key = "group", "pl:" + low
            m.evidence = [f"indefinite pronoun {raw!r}: a group the text does not name"]
        return m

    # appositions: "Cornell William Brooks, president of the NAACP"
    # (a headline's colon parts the same way: "Pat Caddell: Democrat Voters Worried")
    parts = [(pm.start(), pm.end()) for pm in re.finditer(r"[^,:]+", masked) if pm.group().strip()]
    if len(parts) > 1:
        return _appositions(m, raw, masked, parts, s, e)
    sub = _parse_part(raw, masked, 0, len(raw), s)
    sub.anonymity = sub.anonymity or m.anonymity
    sub.start, sub.end = s, e
    return _anonymise(sub)


def _appositions(m: Mention, raw: str, masked: str, parts: list[tuple[int, int]], s: int, e: int) -> Mention:
    """A span of comma-separated parts: the person among them, with the role, affiliation and
    gender the other parts give, else the first part."""
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


def _anonymise(m: Mention) -> Mention:
    """An anonymity marker turns an unnamed person or group into an anonymous source."""
    if m.anonymity and m.kind in ("anonymous_individual", "anonymous_group"):
        m.evidence.append(f"anonymity marker {m.anonymity!r}")
    elif m.anonymity and m.kind in ("nominal", "unknown", "group"):
        m.kind = "anonymous_group" if m.number == "pl" else "anonymous_individual"
        m.evidence.append(f"anonymity marker {m.anonymity!r}")
        m.key = "anon:" + m.name.lower()
    return m


def _parse_part(raw: str, masked: str, a: int, b: int, base: int) -> Mention:
    """Parse one comma-separated part of a source span (offsets relative to ``raw``)."""
    toks_m = list(_TOKEN.finditer(masked, a, b))
    toks = [t.group() for t in toks_m]
    part = raw[a:b].strip()
    start = base + (toks_m[0].start() if toks_m else a)
    end = base + (toks_m[-1].end() if toks_m else b)
    m = Mention(start, end, "unknown", name=part)
    if not toks:
        return m
    det = toks[0].lower() if toks[0].lower() in DETERMINERS else ""
    body = toks[1:] if det else toks
    if not body:
        body = toks
    phrase = " ".join(body)
    pl = phrase.lower()

    # coordinated sources: "Obama and Trump" (one attribution, several speakers)
    if _coordinated(body, pl):
        m.kind, m.number, m.key = "group", "pl", "grp:" + pl
        m.evidence.append("coordinated names: several speakers for one attribution")
        return m

    # wire agencies, organisations, countries, capitals, metonyms (whole phrase)
    if _known_phrase(m, phrase) is not None:
        return m

    # possessive: "Netanyahu's office", "Clinton's campaign", "Trump's spokeswoman Hope Hicks"
    owned = _possessive(toks_m, body, part, det, base, start, end)
    if owned is not None:
        return owned
    if len(body) == 1 and POSSESSIVE.search(body[0]):
        body = [strip_possessive(body[0])[0]]
    sub = _parse_words(body, " ".join(body), start, end, det)
    if sub.kind != "person" and sub.kind != "pronoun":
        sub.name = part
        if sub.key.endswith(":"):
            sub.key += part.lower()
    return sub


def _coordinated(body: list[str], pl: str) -> bool:
    """Two or more names joined by "and" (with titles and particles at most): several speakers."""
    lexicon = lex()
    return (
        " and " in f" {pl} "
        and sum(1 for t in body if is_cap(t) and not lexical(t)) >= 2
        and not (pl in lexicon.orgs or pl in lexicon.countries)
        and all(
            is_cap(t)
            or t.lower() in ("and", "&")
            or t.lower() in lexicon.title_words
            or t.lower() in DETERMINERS
            or t.lower() in NAME_PARTICLES
            for t in body
        )
    )


def _known_phrase(m: Mention, phrase: str) -> Mention | None:
    """The whole phrase (or it without a possessive or a "news agency" tail) is a wire agency, an
    organisation, a country, a place or a capital in the lexicons: ``m`` so typed, else None."""
    lexicon = lex()
    for cand in (phrase, strip_possessive(phrase)[0], _AGENCY_HEAD.sub("", phrase)):
        cl = cand.lower()
        if cl in lexicon.agencies and (cl not in lexicon.agency_case or cand.isupper()):
            m.kind, m.name, m.key = "agency", lexicon.agencies[cl], "agency:" + lexicon.agencies[cl].lower()
            m.evidence.append(f"wire agency {cand!r} (agencies.txt)")
            return m
        if cl in lexicon.orgs:
            canon, typ = lexicon.orgs[cl]
            m.kind, m.name, m.key = typ, canon, "org:" + canon.lower()
            m.evidence.append(f"known {typ} {cand!r} (organisations.txt)")
            return m
        if cl in lexicon.countries:
            m.kind, m.name, m.affiliation = "government", lexicon.countries[cl], lexicon.countries[cl]
            m.key = "gov:" + m.name.lower()
            m.evidence.append(f"country {cand!r} speaking as its government (countries.txt)")
            return m
        if cl in lexicon.places:
            m.kind, m.name = "government", lexicon.places[cl]
            m.key = "gov:" + m.name.lower()
            m.evidence.append(f"place {cand!r} speaking as its government (places.txt)")
            return m
        if cl in lexicon.metonyms:
            m.kind, m.name, m.affiliation = "government", cand, lexicon.metonyms[cl]
            m.key = "gov:" + cl
            m.evidence.append(
                f"capital or seat {cand!r} as a metonym for the government of {lexicon.metonyms[cl]} (countries.txt)"
            )
            return m
    return None


def _possessive(
    toks_m: list[re.Match[str]], body: list[str], part: str, det: str, base: int, start: int, end: int
) -> Mention | None:
    """A part with a possessive ("Netanyahu's office"): the thing owned, linked to its owner, or
    None when no rule takes it (the part is then parsed as plain words)."""
    pos_i = next((i for i, t in enumerate(body[:-1]) if POSSESSIVE.search(t)), None)
    if pos_i is None:
        return None
    n_toks = len(toks_m)
    owner_toks = [*body[:pos_i], strip_possessive(body[pos_i])[0]]
    owner_text = " ".join(owner_toks)
    first_tok = toks_m[n_toks - len(body)]
    last_tok = toks_m[n_toks - len(body) + pos_i]
    owner_end = base + last_tok.start() + len(owner_toks[-1])
    owner = _parse_words(owner_toks, owner_text, base + first_tok.start(), owner_end)
    rest = body[pos_i + 1 :]
    sub = _parse_words(rest, " ".join(rest), start, end)
    if sub.kind in ("organisation", "government", "media") and owner.kind in (
        "person",
        "pronoun",
        "government",
        "unknown",
    ):
        sub.name = part[len(det) + 1 :] if det else part
        sub.possessor = owner
        sub.key = "org:" + sub.name.lower()
        sub.affiliation = owner.name if owner.kind != "pronoun" else None
        if owner.kind in ("person", "pronoun"):
            sub.kind = "organisation"
        sub.evidence.append(
            f"possessive {owner_text!r} + institution head: an organisation linked to its owner, not the owner"
        )
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
    return None


def _is_people_word(word: str) -> bool:
    """'Europeans', 'African-Americans', 'Democrats': a plural of a demonym or a known collective."""
    lexicon = lex()
    if not word.endswith("s"):
        return False
    sing = word[:-1]
    return (
        sing in lexicon.demonyms
        or sing.replace("-", " ") in lexicon.publics
        or word.replace("-", " ") in lexicon.publics
    )


def _parse_words(body: list[str], phrase: str, start: int, end: int, det: str = "") -> Mention:
    """Classify a run of words without commas or possessives (the core of mention parsing)."""
    m = Mention(start, end, "unknown", name=phrase)
    if not body:
        return m
    pl = phrase.lower()
    known = _known_words(m, phrase, pl)
    if known is not None:
        return known

    # a person named before a preposition: "Obama on Climate Change", "Senator Mitch McConnell
    # of Kentucky" (what follows is a topic or a place, not the name)
    before = _person_before_preposition(m, body)
    if before is not None:
        return before

    # a person name at the end, with what precedes it as title, role and affiliation
    n, body, phrase = _name_at_end(m, body, phrase)
    if n:
        person = _person(m, body, n)
        if person is not None:
            return person

    # cut at the first preposition or relative: "health officials in the Hamas-run enclave"
    core = list(body)
    for i, w in enumerate(core):
        if i and w.lower() in CUT_WORDS:
            tail = core[i:]
            core = core[:i]
            if tail and tail[0].lower() == "of" and not m.affiliation:
                m.affiliation = affiliation([t for t in tail[1:] if t.lower() not in ("the", "a", "an")])
            break
    return _unnamed(m, core, phrase, pl, det)


def _person_before_preposition(m: Mention, body: list[str]) -> Mention | None:
    """The person named by the words before the first lower-case preposition, if they are all
    a name (with its title), else None."""
    cut = next((i for i, w in enumerate(body) if i and w in CUT_WORDS and w.islower()), None)
    if cut is None:
        return None
    head = body[:cut]
    n = name_run(head)
    if not n or not is_cap(head[-1]):
        return None
    person = _person(Mention(m.start, m.end, "unknown", name=" ".join(head)), head, n)
    if person is not None:
        person.evidence.append(f"the words after {body[cut]!r} are not part of the name")
    return person


def _known_words(m: Mention, phrase: str, pl: str) -> Mention | None:
    """A pronoun, or (with or without "the") a known organisation, country, place or agency."""
    lexicon = lex()
    if pl in lexicon.pronouns:
        g, num, kind = lexicon.pronouns[pl]
        m.kind, m.number, m.gender, m.key = "pronoun", num, g, kind
        m.evidence.append(f"pronoun {phrase!r}")
        return m
    for cand in (pl, pl[4:] if pl.startswith("the ") else pl):
        if cand in lexicon.orgs:
            m.kind, m.name = lexicon.orgs[cand][1], lexicon.orgs[cand][0]
            m.key = "org:" + m.name.lower()
            m.evidence.append(f"known {m.kind} {phrase!r} (organisations.txt)")
            return m
        if cand in lexicon.countries:
            m.kind = "government"
            m.name = m.affiliation = lexicon.countries[cand]
            m.key = "gov:" + m.name.lower()
            m.evidence.append(f"country {phrase!r} (countries.txt)")
            return m
        if cand in lexicon.places:
            m.kind, m.name = "government", lexicon.places[cand]
            m.key = "gov:" + m.name.lower()
            m.evidence.append(f"place {phrase!r} (places.txt)")
            return m
        if cand in lexicon.agencies and (cand not in lexicon.agency_case or phrase.isupper()):
            m.kind, m.name = "agency", lexicon.agencies[cand]
            m.key = "agency:" + m.name.lower()
            m.evidence.append(f"wire agency {phrase!r} (agencies.txt)")
            return m
    return None


def _name_at_end(m: Mention, body: list[str], phrase: str) -> tuple[int, list[str], str]:
    """How many of the last words are a person's name, with the words and phrase to read on
    (a surname in capitals is read in title case)."""
    lexicon = lex()
    last = body[-1].lower()
    n = 0 if (last in lexicon.publics or last in lexicon.insider_groups or _is_people_word(last)) else name_run(body)
    if n == 1 and len(body) == 1 and last in lexicon.documents:
        n = 0  # "Poll", "Tweet": a document, not a surname
    if (
        not n
        and len(body) == 1
        and body[0].isupper()
        and len(body[0]) >= 5
        and last not in lexicon.lexical
        and sum(ch in "AEIOUY" for ch in body[0]) >= 2
    ):
        body = [body[0].title()]  # "PENCE:" in a transcript: a surname in capitals, not an acronym
        phrase = body[0]
        n = 1
        m.evidence.append("a name in capitals (transcript speaker label)")
    return n, body, phrase


def _person(m: Mention, body: list[str], n: int) -> Mention | None:
    """``m`` as a person named by the last ``n`` words, the words before giving title, role and
    affiliation; None when the name is not a person's (an acronym, an organisation's head)."""
    lexicon = lex()
    names = body[len(body) - n :]
    pre = body[: len(body) - n]
    if len(names) >= 3 and firstnames.lookup(names[0]) is None and firstnames.lookup(names[1]) is not None:
        names, pre = names[1:], [*pre, names[0]]  # "Grower Anna Koval": a capitalised role before the name
    if pre and pre[-1].lower() in ("of", "for", "at", "from", "with", "by"):
        return None  # "chief executive of Nordline": a role and its organisation, not a person
    if not (n == 1 and not pre and names[0].isupper() and len(names[0]) > 1):  # acronyms: CNN
        head = names[-1].lower()
        role, cls, aff, gender = role_and_affiliation(pre)
        # "mayor Michael Bloomberg": a title before two names makes a person of any surname
        if not (head in lexicon.org_heads or head in lexicon.place_heads) or (n >= 2 and role):
            m.kind, m.tokens, m.name = "person", tuple(names), " ".join(names)
            m.role, m.role_class, m.affiliation = role, cls, aff
            if gender:
                m.gender, m.gender_evidence = gender, f"title {' '.join(pre)!r}"
            hon = [w for w in pre if lexicon.titles.get(w.lower(), ("",))[0] == "honorific"]
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
    return None


def _unnamed(m: Mention, core: list[str], phrase: str, pl: str, det: str) -> Mention:
    """Words that name no person, typed by their head noun: a document, an institution, a
    collective, unnamed insiders, an anonymous or nominal role, an organisation's name, a group."""
    lexicon = lex()
    head = core[-1].lower()
    head_s = singular(head)
    plural = head != head_s or head in lexicon.insider_groups or head in lexicon.publics or head == "people"
    m.number = "pl" if plural else "sg"

    if head in lexicon.documents or head_s in lexicon.documents:
        m.kind, m.key = "document", "doc:"
        m.affiliation = m.affiliation or affiliation(core[:-1])
        m.evidence.append(f"document head {head!r} (documents.txt)")
        return m
    if head in lexicon.org_heads or head_s in lexicon.org_heads:
        return _institution_head(m, core, phrase, head, head_s)
    if pl in lexicon.publics or head in lexicon.publics or (det and f"{det} {pl}" in lexicon.publics):
        m.kind, m.number, m.key = "group", "pl", "grp:"
        m.affiliation = m.affiliation or affiliation([w for w in core[:-1] if is_cap(w)])
        m.evidence.append(f"collective {head!r} (anonymity.txt, public)")
        return m
    if head in lexicon.insider_groups:
        m.kind, m.key = "anonymous_group", "anon:"
        role, cls, aff, _ = role_and_affiliation(core)
        m.role = role or head_s
        m.affiliation = m.affiliation or aff
        m.evidence.append(f"unnamed insiders {head!r} (anonymity.txt, group)")
        return m
    n_title = title_at_end(core)
    if n_title:
        return _role_holder(m, core, head, plural, det)
    if _proper_name(core) and (
        any(is_cap(w) and not lexical(w) for w in core) or (len(core) == 1 and core[0].isupper())
    ):
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


_NAME_GLUE = frozenset("of and & for the de la du del von van".split())


def _proper_name(words: list[str]) -> bool:
    """Capitalised words and the glue of names ("Bank of America"): a name, not a clause
    ("Trump took to Twitter overnight")."""
    return all(is_cap(w) or w.lower() in _NAME_GLUE or not w[:1].isalpha() for w in words)


def _institution_head(m: Mention, core: list[str], phrase: str, head: str, head_s: str) -> Mention:
    """An institution's head noun ("ministry", "government"): of a named country, its government."""
    lexicon = lex()
    typ = lexicon.org_heads.get(head) or lexicon.org_heads[head_s]
    if (
        typ == "government"
        and any(w.lower() in lexicon.demonyms or w.lower() in lexicon.countries for w in core)
        and head in ("government", "administration", "authorities", "cabinet")
    ):
        country = next(
            lexicon.demonyms.get(w.lower()) or lexicon.countries[w.lower()]
            for w in core
            if w.lower() in lexicon.demonyms or w.lower() in lexicon.countries
        )
        m.kind, m.name, m.affiliation, m.key = "government", country, country, "gov:" + country.lower()
        m.evidence.append(f"{phrase!r}: the government of {country}")
        return m
    m.kind, m.key = typ, "org:"
    m.affiliation = m.affiliation or affiliation([w for w in core[:-1] if is_cap(w)])
    m.evidence.append(f"organisation head {head!r} (organisations.txt)")
    return m


def _role_holder(m: Mention, core: list[str], head: str, plural: bool, det: str) -> Mention:
    """Words ending in a title with no name: unnamed officials, an unnamed person ("a
    spokesman"), or a nominal to resolve to a named holder ("the spokeswoman")."""
    role, cls, aff, gender = role_and_affiliation(core)
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
