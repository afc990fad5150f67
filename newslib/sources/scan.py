"""The prose scanned for names: people the article mentions without quoting them, lone
capitalised words, and the institutions it names.

A bare surname ("Netanyahu responded") or a pronoun can only reach a person named somewhere in
the text, so the capitalised runs of the speech-bearing paragraphs are read once, before any
source is resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Analysis
from .lexicon import COMMON_ENDINGS, FUNCTION_WORDS, NAME_SUFFIXES, lex
from .mentions import Mention
from .names import INITIALS, name_run, role_and_affiliation, strip_possessive, title_at_end

_CAPRUN = re.compile(
    r"(?<![\w’'.-])[A-Z](?:[\w.-]|['’](?=\w))*"
    r"(?:[ \u00a0](?:[A-Z](?:[\w.-]|['’](?=\w))*|(?:de|da|van|von|bin|al|del|le|la)(?= [A-Z])))*"
)
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z][a-z’'-]*")
_ORG_TAIL = re.compile(r"[A-Z][\w.’'-]* (?:of|for|&) $")
"""A capitalised word and "of"/"for"/"&" right before a run: the run ends an organisation's name."""


def _sentence_end(toks: list[str]) -> int:
    """Index of the token after the last one that ends a sentence ("Monday."), 0 if none: a word
    of three letters or more with a period that is no title, initial or suffix."""
    titles = lex().titles
    cut = 0
    for i, t in enumerate(toks[:-1]):
        if (
            t.endswith(".")
            and len(t) > 3
            and not t[:-1].isupper()
            and "." not in t[:-1]
            and t.lower() not in titles
            and t.lower() not in NAME_SUFFIXES
        ):
            cut = i + 1
    return cut


class Vocab:
    """The article's lower-case words, computed on first use: a capitalised word the article also
    writes in lower case ("Poll", "Debates") is a common word at a sentence start, not a name."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if self._words is None:
            self._words = set(_LOWER_WORD.findall(self.text))
        return word in self._words


@dataclass
class ProseNames:
    """What the prose names: people (full or titled), lone capitalised words, institutions."""

    people: list[Mention] = field(default_factory=list)
    lone: list[tuple[int, int, str]] = field(default_factory=list)
    institutions: list[tuple[int, int, str, str, str]] = field(default_factory=list)  # s, e, key, type, name


def _institution(bare: str) -> tuple[str, str, str] | None:
    """(key, type, canonical name) of a known organisation, country, capital or agency."""
    lexicon = lex()
    low = bare.lower()
    if low in lexicon.orgs and not bare.islower():
        canon, typ = lexicon.orgs[low]
        return "org:" + canon.lower(), typ, canon
    if low in lexicon.countries and low not in lexicon.demonyms:
        return "gov:" + lexicon.countries[low].lower(), "government", lexicon.countries[low]
    if low in lexicon.metonyms:
        return "place:" + low, "place", bare
    if low in lexicon.places:
        return "place:" + lexicon.places[low].lower(), "place", lexicon.places[low]
    if low in lexicon.agencies and (low not in lexicon.agency_case or bare.isupper()):
        return "agency:" + lexicon.agencies[low].lower(), "agency", lexicon.agencies[low]
    return None


def is_title_case(line: str) -> bool:
    """A Title Case Headline (three words in four capitalised): its capitals say nothing of names."""
    words = line.split()
    return 4 <= len(words) <= 30 and sum(1 for w in words if w[:1].isupper()) >= 0.75 * len(words)


def scan_prose(text: str, analysis: Analysis, vocab: Vocab) -> ProseNames:
    """One pass over the capitalised runs of speech-bearing paragraphs and captions.

    Credits, bylines, datelines and noise are skipped: a photographer is not a person the
    article talks about. A run's first word is dropped at a sentence start when the article also
    writes it in lower case ("Says Hillary Clinton" → Hillary Clinton).
    """
    out = ProseNames()
    paragraphs = analysis.article.paragraphs or ()
    ranges = [(p.start, p.end) for p in paragraphs if p.role in ("headline", "body", "subheading", "caption")]
    if not paragraphs:
        ranges = [(0, len(text))]
    lexical = lex().lexical
    for ps, pe in ranges:
        title_case = text.count(" ", ps, pe) < 30 and is_title_case(text[ps:pe])
        for r in _CAPRUN.finditer(text, ps, pe):
            g = r.group()
            rs = r.start()
            if " " not in g and "\u00a0" not in g:  # one word: the common case, kept cheap
                _one_word(out, g, rs, title_case, lexical)
                continue
            toks = g.split()
            offs = []
            k = rs
            for t in toks:
                k = text.index(t, k)
                offs.append(k)
                k += len(t)
            cut = _sentence_end(toks)
            if cut:  # "Monday. Ana Ruiz": a run does not cross a sentence's end
                toks, offs = toks[cut:], offs[cut:]
                if len(toks) == 1:
                    _one_word(out, toks[0], offs[0], title_case, lexical)
                    continue
            _institutions_in_run(out, text, toks, offs)
            # people (not in Title Case Headlines, where every word looks like a name)
            if title_case:
                continue
            _person_in_run(out, text, vocab, toks, offs, ps, rs)
    return out


def _one_word(out: ProseNames, g: str, rs: int, title_case: bool, lexical: frozenset[str]) -> None:
    """A one-word run at ``rs``: an institution, a lone capitalised word, or nothing."""
    if g.lower() in FUNCTION_WORDS:
        return
    w, poss = strip_possessive(g) if g[-1] in "s’'" else (g, False)
    if not poss and w.endswith(".") and not INITIALS.fullmatch(w):
        w = w[:-1]
    wl = w.lower()
    if wl in lexical:
        hit = _institution(w)
        if hit:
            out.institutions.append((rs, rs + len(w), *hit))
        return
    if len(w) > 1 and not w.isupper() and not title_case:
        out.lone.append((rs, rs + len(w), w))


def _institutions_in_run(out: ProseNames, text: str, toks: list[str], offs: list[int]) -> None:
    """Institutions in a run of words: the longest known phrase at each position."""
    i = 0
    while i < len(toks):
        for n in range(min(5, len(toks) - i), 0, -1):
            a, b = offs[i], offs[i + n - 1] + len(toks[i + n - 1])
            bare, poss = strip_possessive(text[a:b].rstrip("."))
            hit = _institution(bare)
            if hit:
                out.institutions.append((a, a + len(bare), *hit))
                i += n - 1
                break
        i += 1


def _person_in_run(
    out: ProseNames, text: str, vocab: Vocab, toks: list[str], offs: list[int], ps: int, rs: int
) -> None:
    """The person a run of words ends with (full or titled), else a lone surname, else nothing;
    ``ps`` is the paragraph's start, ``rs`` the run's."""
    lexicon = lex()
    first = 0
    prev = text[max(ps, rs - 3) : rs].strip()
    if (rs == ps or not prev or prev[-1] in '.!?“":—') and toks[0].lower() not in lexicon.lexical:
        if toks[0].lower() in vocab:
            first = 1
    clean = toks[first:]
    if not clean:
        return
    last = strip_possessive(clean[-1])[0]
    clean[-1] = last.rstrip(".") if not INITIALS.fullmatch(last) else last
    before = text[max(ps, rs - 30) : rs].split()
    titled = bool(before) and before[-1].lower() in lexicon.title_words and not first
    n = name_run(clean, titled)
    if not n:
        return
    names = clean[len(clean) - n :]
    pre = clean[: len(clean) - n]
    head = names[-1].lower()
    if (head in lexicon.org_heads or head in lexicon.place_heads or head in lexicon.documents) and not (
        titled and n == len(clean) >= 2
    ):
        return
    whole = " ".join(names)
    if _institution(whole) is not None or any(len(w) == 1 for w in names):
        return
    if n >= 2 and all(w.isupper() for w in names):
        return  # HEADLINE CAPITALS
    off = offs[len(toks) - n]
    if not pre and text[max(ps, rs - 4) : rs].lower() in ("the ", " an ", " a ", "’s ", "'s "):
        return  # "the Cold War", "the Peace Corps": a name with an article is not a person
    if (
        not pre
        and n >= 2
        and (
            _ORG_TAIL.search(text, max(ps, rs - 40), rs)
            or (len(names[-1]) >= 7 and names[-1].lower().endswith(COMMON_ENDINGS))
        )
    ):
        return  # "Citizens for Tax Justice", "Immigration Services": the end of an organisation
    if n == 1 and not pre:
        out.lone.append((off, off + len(names[0]), names[0]))
        return
    if not pre:  # a lower-case title right before the name, with what qualifies it
        pre = _title_before(text, ps, off)
    role, cls, aff, gender = role_and_affiliation(pre) if pre else (None, None, None, None)
    titled = bool(role) or any(lexicon.titles.get(w.lower(), ("",))[0] == "honorific" for w in pre)
    if n == 1 and not titled:
        out.lone.append((off, off + len(names[0]), names[0]))
        return
    m = Mention(
        off, off + len(whole), "person", name=whole, tokens=tuple(names), role=role, role_class=cls, affiliation=aff
    )
    if gender:
        m.gender, m.gender_evidence = gender, f"title {role or pre[0]!r}"
    m.key = "scan:2" if titled else "scan:1"
    m.evidence.append(f"name in the prose{' with title ' + repr(role) if role else ''}")
    out.people.append(m)


def _title_before(text: str, ps: int, off: int) -> list[str]:
    """The words of a lower-case title right before the name at ``off`` ("the first lady,
    Michelle Obama"), or none."""
    lead_words = text[max(ps, off - 60) : off].split()[-4:]
    if lead_words and lead_words[-1].endswith(",") and len(lead_words[-1]) > 1:
        lead_words[-1] = lead_words[-1][:-1]  # "the first lady, Michelle Obama"
    while lead_words and not re.fullmatch(r"[\w.’'-]+", lead_words[0]):
        lead_words.pop(0)
    if any(not re.fullmatch(r"[\w.’'-]+", w) for w in lead_words):
        lead_words = lead_words[max(i for i, w in enumerate(lead_words) if not re.fullmatch(r"[\w.’'-]+", w)) + 1 :]
    return lead_words if lead_words and lead_words[-1].lower() in lex().title_words and title_at_end(lead_words) else []
