"""Entities as the public records of the stage: :func:`resolve` (an analysis with speakers and
sources), :func:`entities` (everyone the article names), :func:`credits`, the sources table
and the :func:`profile` of how an article is sourced.

The rules live in the other modules; this one only counts, numbers (``S1``…, ``M1``…) and
turns each internal :class:`~newslib.sources.people.Entity` into a frozen :class:`Source`. The
one change the stage makes to an attribution's kind is in :mod:`.kinds`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..model import ATTRIBUTION_KINDS, Analysis, Attribution, Source, Span
from .firstnames import name_gender
from .identity import UNNAMED, category, junk_reason, person_key, speaker_score
from .indexes import WordCount
from .kinds import agency_kinds
from .lexicon import lex
from .mentions import clean_bounds
from .people import Entity, first_name, pronoun_gender
from .resolver import Resolver, content_spans

if TYPE_CHECKING:
    import pandas as pd


def _sources_of(resolution: dict[int, tuple[Entity, str]]) -> list[Entity]:
    """The distinct entities attributions resolved to, credits left out, by first mention."""
    out: list[Entity] = []
    seen: set[int] = set()
    for ent, _ in resolution.values():
        if id(ent) not in seen and ent.kind != "credit":
            seen.add(id(ent))
            out.append(ent)
    out.sort(key=lambda e: min(x.start for x in e.mentions))
    return out


def resolve(analysis: Analysis) -> Analysis:
    """The analysis with each attribution's ``speaker`` and the article's ``sources`` filled in.

    Attributions without a source span keep ``speaker=None``. Sources are listed in order of
    first mention with ids ``S1``, ``S2``…; credits (photo credits, bylines) are never sources.
    Each attribution's ``evidence`` gains one ``source: …`` entry naming the rule that resolved it.
    """
    text = analysis.text
    resolver = Resolver(analysis)
    att_resolution = resolver.run()
    att_resolution, unresolved = _named_speakers(att_resolution, resolver.how)
    atts = agency_kinds(text, analysis.attributions, att_resolution)
    entities = _sources_of(att_resolution)
    for k, ent in enumerate(entities, 1):
        ent.id = f"S{k}"
    counts, words = _tallies(text, atts, att_resolution)
    records: dict[int, Source] = {}
    for ent in [*entities, *[e for e, _ in att_resolution.values() if e.kind == "credit"]]:
        if id(ent) in records:
            continue
        records[id(ent)] = _record(ent, counts.get(id(ent), Counter()), words[id(ent)])
    new_atts = []
    for i, a in enumerate(atts):
        if i in unresolved:
            a = replace(a, evidence=(*a.evidence, f"source: {unresolved[i]}"))
        if i not in att_resolution:
            new_atts.append(a)
            continue
        ent, why = att_resolution[i]
        src = records[id(ent)]
        new_atts.append(
            replace(
                a,
                speaker=src,
                evidence=(*a.evidence, f"source: {why} [{src.id or 'credit'}]"),
                speaker_score=speaker_score(resolver.how.get(i, "named"), src.category),
                speaker_rule=resolver.how.get(i, "named"),
            )
        )
    return replace(analysis, attributions=tuple(new_atts), sources=tuple(records[id(e)] for e in entities))


_NO_SPEAKER = {
    "unresolved_pronoun": "a pronoun with no antecedent",
    "unresolved_first_person": "a first person outside any credited quotation",
    "unresolved_relative": "a relative pronoun with no antecedent",
    "unresolved_nominal": "a role whose holder the article does not name",
}
"""Resolution classes that leave no speaker: what they would name is a word, not someone."""


def _named_speakers(
    resolution: dict[int, tuple[Entity, str]], how: dict[int, str]
) -> tuple[dict[int, tuple[Entity, str]], dict[int, str]]:
    """The resolution without speakers whose name names nobody (a pronoun left unresolved, a bare
    title or a role with no named holder, a phrase with a verb), and for each attribution left
    out, why: a confident "I", "Mr" or "the GOP nominee" counted as a person is worse than an
    unresolved speaker."""
    kept: dict[int, tuple[Entity, str]] = {}
    dropped: dict[int, str] = {}
    for i, (ent, why) in resolution.items():
        reason = (
            None
            if ent.kind == "credit"
            else _NO_SPEAKER.get(how.get(i, "")) or junk_reason(ent.name, category(_type_of(ent)))
        )
        if reason is None:
            kept[i] = (ent, why)
        else:
            dropped[i] = f"{why}; {ent.name!r} is {reason}, left unresolved"
    return kept, dropped


def entities(analysis: Analysis) -> tuple[Source, ...]:
    """Everyone and everything the article names, sources or not, as :class:`Source` records.

    People (from titles, full names and surnames in the prose, with spelling variants merged and
    flagged), organisations, governments, agencies and capitals (``type="place"`` when named in
    the prose rather than speaking). Sources have ids ``S1``… as in :func:`resolve`; the others
    ``M1``…; ``attributions`` is 0 for those that say nothing in the article.
    """
    text = analysis.text
    resolver = Resolver(analysis)
    resolution = resolver.run()
    everything = resolver.everyone()
    srcs = _sources_of(resolution)
    for k, ent in enumerate(srcs, 1):
        ent.id = f"S{k}"
    counts, words = _tallies(text, agency_kinds(text, analysis.attributions, resolution), resolution)
    is_source = {id(x) for x in srcs}  # once, not once an entity (quadratic in people)
    rest = sorted(
        (e for e in everything if e.mentions and id(e) not in is_source and e.kind != "credit"),
        key=lambda e: min(x.start for x in e.mentions),
    )
    for k, ent in enumerate(rest, 1):
        ent.id = f"M{k}"
    allents = sorted([*srcs, *rest], key=lambda e: min(x.start for x in e.mentions))
    return tuple(_record(e, counts.get(id(e), Counter()), words[id(e)]) for e in allents)


def _tallies(
    text: str, atts: Sequence[Attribution], resolution: dict[int, tuple[Entity, str]]
) -> tuple[dict[int, Counter[str]], Counter[int]]:
    """Per entity (by ``id``): its attributions by kind, and the words of their contents."""
    counts: dict[int, Counter[str]] = {}
    words: Counter[int] = Counter()
    word_count = WordCount(text)
    for i, (ent, _) in resolution.items():
        a = atts[i]
        counts.setdefault(id(ent), Counter())[a.kind] += 1
        words[id(ent)] += sum(word_count(sp.start, sp.end) for sp in content_spans(a))
    return counts, words


_TYPE_OF_KIND = {"person": "named_person", "nominal": "unknown", "pronoun": "unknown"}


def _type_of(ent: Entity) -> str:
    if ent.kind == "person" and ent.role_class == "official":
        return "official"
    return _TYPE_OF_KIND.get(ent.kind, ent.kind)


def _text_gender(ent: Entity, evidence: list[str]) -> str | None:
    """The gender the text states: a gendered title, else a majority of pronouns resolved to it."""
    if ent.gender and ent.gender_evidence:
        evidence.append(f"gender {ent.gender} from {ent.gender_evidence}")
        return ent.gender
    g1 = pronoun_gender(ent)
    if g1 is not None:
        against = sum(n for g, n in ent.gvotes.items() if g != g1)
        evidence.append(
            f"gender {g1} from {ent.gvotes[g1]} pronoun(s) resolved to it"
            + (f" (against {against})" if against else "")
        )
    return g1


def _gender(ent: Entity, evidence: list[str]) -> tuple[str | None, str | None, float | None]:
    """(gender, where from, probability): the text first, else a person's first name."""
    text_gender = _text_gender(ent, evidence)
    if text_gender:
        return {"f": "female", "m": "male"}[text_gender], "text", None
    first = first_name(ent)
    guess = name_gender(first) if ent.kind == "person" and first else None
    if guess is None:
        return None, None, None
    evidence.append(f"gender {guess[0]} from the first name {first!r} (p={guess[1]:.2f}, name lexicon)")
    return guess[0], "name", guess[1]


def _record(ent: Entity, kinds: Counter[str], words: int) -> Source:
    """The public :class:`Source` of an entity."""
    typ = _type_of(ent)
    cat = category(typ)
    anonymous = cat in UNNAMED
    evidence = list(dict.fromkeys(ent.evidence))
    gender, gender_source, gender_p = _gender(ent, evidence)
    mentions = tuple(Span(a, b) for a, b in sorted({(x.start, x.end) for x in ent.mentions}))
    name = ent.name
    aliases = tuple(sorted(a for a in ent.aliases if a != name and a not in ent.variants))
    return Source(
        name=name,
        type=typ,
        role=ent.role,
        affiliation=ent.affiliation,
        anonymous=anonymous,
        mentions=mentions,
        id=ent.id,
        gender=gender,
        gender_source=gender_source,
        gender_p=gender_p,
        category=cat,
        person=person_key(ent.name, cat),
        variants=tuple(sorted(ent.variants)),
        aliases=aliases,
        anonymity=ent.anonymity if anonymous else None,
        link=ent.link.id if ent.link is not None and ent.link.id else None,
        evidence=tuple(evidence),
        attributions=sum(kinds.values()),
        kinds=tuple((k, kinds[k]) for k in ATTRIBUTION_KINDS if kinds.get(k)),
        words=words,
        first=mentions[0].start if mentions else None,
    )


# -- credits, tables and profile ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Credit:
    """A photo credit or byline name: who made or wrote the piece, never a source of it."""

    name: str
    kind: str  # "photo" or "byline"
    start: int
    end: int

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "start": self.start, "end": self.end}


_CREDIT_PREFIX = re.compile(
    r"\s*(?:\(?\s*)?(?:(?:photo|photograph|picture|image|pic|video|graphic|illustration|"
    r"foto)s?\s*(?:credit)?\s*[:|]?|credit\s*:|by\b|(?:photo|image|video)\s+(?:by|courtesy"
    r"(?:\s+of)?))\s*",
    re.IGNORECASE,
)


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
                a, b = clean_bounds(text, off, off + len(sub))
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
    spoken = [a for a in atts if a.has_speaker]
    speakers = [a.speaker for a in spoken if a.speaker is not None]
    n = len(spoken)

    def share(pred: Any) -> float:
        return round(sum(1 for a in spoken if pred(a)) / n, 4) if n else 0.0

    by_type = Counter(s.type for s in analysis.sources)
    top = max(analysis.sources, key=lambda s: (s.attributions, s.words, -(s.first or 0)), default=None)
    text = analysis.text
    dateline_agencies = sorted(
        {
            lex_name
            for p in analysis.article.paragraphs
            if p.role == "dateline"
            for alias, lex_name in lex().agencies.items()
            if re.search(rf"\b{re.escape(alias)}\b", text[p.start : p.end], re.IGNORECASE)
        }
    )
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
        "agencies": sorted({s.name for s in speakers if s.type == "agency"} | set(dateline_agencies)),
        "unresolved_pronouns": sum(
            1
            for a in atts
            if a.speaker is None
            and a.source is not None
            and a.source.text(analysis.text).strip().lower() in lex().pronouns
        ),
        "gender_stated": dict(Counter(s.gender for s in analysis.sources if s.gender)),
        "most_quoted": None
        if top is None
        else {"id": top.id, "name": top.name, "type": top.type, "attributions": top.attributions, "words": top.words},
        "credits": [c.to_dict() for c in credits(analysis)],
    }
