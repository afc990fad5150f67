"""Steps 1 to 5 of source resolution for one article: :class:`Resolver`.

The steps share what they build (the mentions of sources, the people, the timeline of person
mentions, the speakers so far), so they are the methods of one object rather than functions
passing a dozen arguments; :meth:`Resolver.run` takes them in order:

1. mentions of sources (:meth:`~Resolver.mention_sources`);
2. person entities, full names first, then bare surnames (:meth:`~Resolver.person_entities`);
3. other entities by key, pronouns and nominals in text order (:meth:`~Resolver.resolve_sources`);
4. implied speakers of attributions without a source span (:meth:`~Resolver.implied_speakers`);
5. institutions named in the prose (:meth:`~Resolver.prose_institutions`): their mentions
   join the entities already known (a source's record lists where the prose names it), and
   :meth:`Resolver.everyone` (``newslib.sources.entities``, not the pipeline) makes entities
   of those only the prose names.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from ..model import Analysis, Attribution, Span
from ..spans import SpanIndex
from ..text import split_sentences
from . import firstnames
from .identity import is_generic
from .indexes import LatestBefore
from .lexicon import COMMON_ENDINGS, CUT_WORDS, DETERMINERS
from .mentions import Mention, parse
from .names import INITIALS, strip_possessive
from .people import Entity, People, first_name, notable_of, role_head
from .scan import ProseNames, Vocab, is_title_case, scan_prose

PERSON_TYPES = ("named_person", "official")
"""Source types that are people (pronouns he/she and nominals resolve to these)."""
GROUP_TYPES = ("anonymous_group", "group", "organisation", "government", "media", "agency")
"""Antecedents of "they": collectives and institutions."""
THING_TYPES = ("organisation", "government", "media", "agency", "document")
"""Antecedents of "it": institutions and documents, never a person."""

_NOT_SUBJECT = frozenset(
    "of to for with by against from about at in on that than and or as like told "
    "called asked said says accused praised criticized attacked met".split()
)
"""Words after which a name is an object, not a sentence subject (salience for pronouns)."""
_LABEL = re.compile(r"\s*([A-Z][A-Z’'.-]{2,}(?: [A-Z][A-Z’'.-]{2,})?)\s*:")
"""A transcript's speaker label opening a paragraph ("PENCE: We will…")."""
SALIENCE_PROTAGONIST = 3
"""How much being the person the article names most weighs for a pronoun (a sentence back is
10, an earlier speaker 7, a subject 5): news keeps its protagonist as "he" or "she" across
paragraphs where other people are named in passing. Measured on the speaker development sets."""
_BYLINE_NAME = re.compile(r"\s*(?:[Bb]y\s+)?([A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){1,3})")
"""The first name in a byline paragraph ("By Dana Whitlock and Omar Haddad" -> Dana Whitlock)."""
_SUBORDINATE = ("vice", "deputy", "assistant", "under", "lieutenant", "co-", "associate", "acting")
"""Words that make a role another office: "the president" is not the vice president."""


def _in_spans(pos: int, spans: Iterable[Span]) -> bool:
    return any(sp.start <= pos < sp.end for sp in spans)


def content_spans(a: Attribution) -> tuple[Span, ...]:
    if a.content_parts:
        return a.content_parts
    return (a.content,) if a.content else ()


def _follow(text: str, end: int) -> str:
    """The clause right after a source span ("…, who spoke on condition of anonymity,")."""
    chunk = text[end : end + 140]
    m = re.match(r"\s*,\s*(?:who|which|speaking|asking|requesting|declining)\b[^,.;]*", chunk)
    return m.group() if m else ""


def _people_not_agencies(text: str, mentions: list[Mention], people: People) -> list[Mention]:
    """ "Bloomberg said" after "Michael Bloomberg": the person, not the wire service. A one-word
    agency name that is the surname of a person named in the article becomes a bare surname."""
    out = []
    for m in mentions:
        word = text[m.start : m.end].strip()
        if m.kind == "agency" and " " not in word and word[:1].isupper() and people.find_surname(word).person:
            m.kind, m.name, m.tokens, m.key = "person", word, (word,), ""
            m.evidence = [f"{word!r}: the surname of a person named in the article, not the wire service"]
            out.append(m)
    return out


def _qualifiers(phrase: str) -> set[str]:
    """The capitalised words of a description after its first word ("The Democratic nominee" ->
    {"democratic"}): party, place or country."""
    return {w.strip("’'s,").lower() for w in phrase.split()[1:] if w[:1].isupper()}


def _other_qualifiers(nominal: str, known: AbstractSet[str]) -> bool:
    """Whether a role phrase names qualifiers ("Democratic", "Indiana") and what is known of a
    person names some too, none shared: then the phrase means someone else."""
    ours = _qualifiers(nominal)
    return bool(ours) and bool(known) and ours.isdisjoint(known)


def _nominal(m: Mention, people: People, timeline: list[Mention], starts: list[int]) -> tuple[Entity | None, str]:
    """'The spokeswoman', 'the senator': the nearest preceding person holding that role."""
    head = role_head(m.role)
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
            eh = role_head(role)
            words = role.lower().split()
            if (
                eh == head
                or (eh.endswith(" " + head) and not eh.startswith(_SUBORDINATE))
                or (head in words and not any(w in _SUBORDINATE for w in words))
            ):
                if m.gender and ent.gender and m.gender != ent.gender:
                    break
                if _other_qualifiers(m.name, _qualifiers(f"- {role} {ent.affiliation or ''}")):
                    continue  # "the Democratic nominee" is not the "Republican nominee"
                return ent, f"nominal {m.name!r} -> nearest preceding person with role {role!r} ({ent.name!r})"
    return None, ""


RESOLUTION_RULES = (
    "name",
    "surname_of_full",
    "surname",
    "name_in_span",
    "pronoun",
    "first_person",
    "relative",
    "nominal",
    "named",
    "implied_label",
    "implied_sentence",
    "implied_quote",
)
"""Classes of the rule that gave an attribution its speaker, typed so the speaker score reads a
class, not evidence text: the source span is a full name, a surname of a person the article names
in full, a surname alone, a pronoun, I/we in a quotation, a relative pronoun, a role ("the
senator"), a named institution, group or document; or with no source span, a transcript
label, the person named in the sentence, a quotation continuing the latest speaker's. A mention
whose antecedent or type was not found has its class prefixed ``unresolved_``."""


def _first_name_gender(first: str) -> str | None:
    guess = firstnames.name_gender(first)
    return {"female": "f", "male": "m"}[guess[0]] if guess else None


def _rule_class(m: Mention) -> str:
    """The resolution class a source mention starts in (before its antecedent is known)."""
    if m.kind == "person":
        return "name" if sum(1 for t in m.tokens if not INITIALS.fullmatch(t)) >= 2 else "surname"
    if m.kind == "pronoun":
        return {"speaker": "first_person", "relative": "relative"}.get(m.key, "pronoun")
    return "nominal" if m.kind == "nominal" else "named"


class Resolver:
    """The resolution of one article's sources: the state the steps share, and the steps.

    Positions are looked up by bisection in sorted lists built once (sentence starts, quotation
    and content spans, the ``timeline`` of person mentions with its ``starts``), so that no step
    compares every mention with every other."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.text = text = analysis.text
        self.atts = atts = analysis.attributions
        self.paragraphs = paragraphs = analysis.article.paragraphs
        self.par_starts = [p.start for p in paragraphs]
        sents = analysis.sentences
        if not sents and paragraphs:
            sents = tuple(split_sentences(text, paragraphs))
        self.sents = sents
        self.sent_starts = [x.start for x in sents] or [0]
        self.quotes = quotes = analysis.quotes
        self.quote_spans = sorted((q.start, q.end) for q in quotes)
        self.content_ranges = sorted((sp.start, sp.end) for b in atts for sp in content_spans(b))
        self.contents = SpanIndex.build((sp.start, sp.end, j) for j, b in enumerate(atts) for sp in content_spans(b))
        self.outer_quotes = SpanIndex.build((q.start, q.end, k) for k, q in enumerate(quotes) if q.depth == 0)
        self.in_quote_of: dict[int, list[int]] = {}  # outer quotation -> attributions whose content overlaps it

        self.people = People()
        self.vocab = Vocab(text)
        self.prose = ProseNames()  # what the prose names (step 2)
        self.src_mentions: list[Mention] = []
        self.src_spans: list[tuple[int, int]] = []
        self.timeline: list[Mention] = []  # person mentions with an entity, in text order
        self.starts: list[int] = []
        self.speakers: list[tuple[int, Entity]] = []  # earlier attributions' resolved speakers, in order
        self.others: dict[str, Entity] = {}
        self.source_order: list[Mention] = []  # resolved source mentions so far, in text order
        self.att_resolution: dict[int, tuple[Entity, str]] = {}
        self.how: dict[int, str] = {}  # attribution -> the resolution rule's class (RESOLUTION_RULES)
        self.protagonist: Entity | None = None  # the person named most, if one is
        # paragraph -> Title Case (asked once a mention: a long one was quadratic)
        self.title_case: dict[int, bool] = {}
        self.once: dict[str, bool] = {}  # word -> written once in the article

    def run(self) -> dict[int, tuple[Entity, str]]:
        """Resolve every attribution's source: {attribution index: (entity, rule)}."""
        self.mention_sources()
        self.person_entities()
        self.resolve_sources()
        self.people.complete_notables(_first_name_gender)  # again: pronouns now vote on gender
        self.implied_speakers()
        self.prose_institutions(new=False)
        return self.att_resolution

    def everyone(self) -> list[Entity]:
        """After :meth:`run`, every entity the article names, with the institutions only its prose
        names: the pipeline never reads these, so only ``newslib.sources.entities`` makes them."""
        self.prose_institutions(new=True)
        return [*self.people.all, *self.others.values()]

    # -- 1. mentions of sources

    def mention_sources(self) -> None:
        """Every source span parsed into a mention (in a credit or byline paragraph, a credit)."""
        text = self.text
        credit_spans = [p.span for p in self.paragraphs if p.role in ("credit", "byline")]
        for i, a in enumerate(self.atts):
            if a.source is None:
                continue
            m = parse(text, a.source.start, a.source.end, _follow(text, a.source.end))
            if m is None:
                continue
            m.attribution = i
            if _in_spans(m.start, credit_spans) and m.kind != "agency":  # a wire credit line stays the agency's
                m.kind, m.key = "credit", "credit:" + m.name.lower()
                m.evidence = ["in a photo credit or byline paragraph: a credit, not a source"]
            self.src_mentions.append(m)
        self.src_mentions.sort(key=lambda m: m.start)

    # -- 2. person entities: full names first (sources and prose), then bare surnames

    def person_entities(self) -> None:
        """People from the sources and the prose: full names, then bare surnames, then lone
        capitalised words that are known surnames; fills ``timeline`` and ``starts``."""
        people = self.people
        self.prose = scan_prose(self.text, self.analysis, self.vocab)
        self.src_spans = sorted((x.start, x.end) for x in self.src_mentions if x.kind == "person")
        person_ms = self._person_mentions()
        bare: list[Mention] = []
        for m in person_ms:
            if sum(1 for t in m.tokens if not INITIALS.fullmatch(t)) >= 2:
                people.add_full(m)
            else:
                bare.append(m)
        bare += _people_not_agencies(self.text, self.src_mentions, people)
        bare.sort(key=lambda m: m.start)
        self.timeline = [m for m in person_ms if m.entity is not None]
        self._bare_surnames(bare)
        self._lone_surnames()
        people.complete_notables(_first_name_gender)
        self.timeline.sort(key=lambda m: m.start)
        named = Counter(id(m.entity) for m in self.timeline if m.entity is not None)
        top = named.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            self.protagonist = next(m.entity for m in self.timeline if id(m.entity) == top[0][0])
        self.starts = [m.start for m in self.timeline]

    def in_source(self, pos: int) -> bool:
        src_spans = self.src_spans
        k = bisect_right(src_spans, (pos, 10**9)) - 1
        return k >= 0 and src_spans[k][0] <= pos < src_spans[k][1]

    def _person_mentions(self) -> list[Mention]:
        """Person mentions of sources, their possessors, and people the prose names outside sources."""
        src_mentions = self.src_mentions
        person_ms = [m for m in src_mentions if m.kind == "person"]
        for m in src_mentions:
            if m.possessor is not None and m.possessor.kind == "person":
                person_ms.append(m.possessor)
        person_ms += [m for m in self.prose.people if not self.in_source(m.start)]
        person_ms.sort(key=lambda m: m.start)
        return person_ms

    def in_title_case(self, pos: int) -> bool:
        k = bisect_right(self.par_starts, pos) - 1
        if k < 0:
            return False
        if k not in self.title_case:
            self.title_case[k] = is_title_case(self.text[self.paragraphs[k].start : self.paragraphs[k].end])
        return self.title_case[k]

    def written_once(self, word: str) -> bool:
        if word not in self.once:
            self.once[word] = self.text.count(word) == 1
        return self.once[word]

    def _bare_surnames(self, bare: list[Mention]) -> None:
        """Bare surnames join their person, or start one, unless a common word."""
        people, vocab = self.people, self.vocab
        for m in bare:
            word = m.tokens[-1] if m.tokens else m.name
            wl = word.lower()
            if (
                m.attribution is not None
                and len(m.tokens) == 1
                and not m.role
                and not m.gender
                and (
                    wl in vocab
                    or (len(wl) >= 7 and wl.endswith(COMMON_ENDINGS))
                    or (self.in_title_case(m.start) and self.written_once(word))
                )
                and people.find_surname(word).person is None
            ):
                # "Debates", "Investigations", a word of a Title Case Headline: not a name
                m.kind, m.key = "unknown", "unk:" + m.name.lower()
                m.evidence = [
                    f"{word!r}: a common word (lower case elsewhere, a noun ending or a Title Case line), not a name"
                ]
                continue
            people.add_bare(m)
            self.timeline.append(m)

    def _lone_surnames(self) -> None:
        """A lone capitalised word is a person only as a known surname."""
        for s0, e0, word in self.prose.lone:
            if self.in_source(s0):
                continue
            match = self.people.find_surname(word)
            ent, why = match.person, match.why
            if ent is None or not ent.tokens:
                continue
            m = Mention(s0, e0, "person", name=word, tokens=(word,))
            if match.variant:
                ent.variants.add(word)
                ent.evidence.append(f"{word!r}: {why}")
            elif word != ent.name:
                ent.aliases.add(word)
            m.evidence.append(why)
            m.surname_match = why
            ent.add(m)
            self.timeline.append(m)

    # -- 3. other entities by key; pronouns and nominals resolved in text order

    def resolve_sources(self) -> None:
        """Each source mention to its entity, "I"/"we" last (the speaker of their quotation is
        often named after it); fills ``att_resolution``, ``source_order`` and ``speakers``."""
        src_mentions = self.src_mentions
        first_person = [m for m in src_mentions if m.kind == "pronoun" and m.key == "speaker"]
        ordered = [m for m in src_mentions if not (m.kind == "pronoun" and m.key == "speaker")] + first_person
        for m in ordered:  # "I"/"we" last: the speaker of their quotation is often named after it
            i = m.attribution if m.attribution is not None else -1
            a = self.atts[i]
            exclude = content_spans(a)
            how = _rule_class(m)
            inner = self._mention_in_span(m) if m.kind == "unknown" else None
            if inner is not None:  # "Trump took to Twitter overnight": the name in a span no rule reads
                inner.attribution, m = i, inner
                how = "name_in_span" if m.kind == "person" else _rule_class(m)
            if m.kind == "person":
                ent, why = self._person_source(m)
            elif m.kind == "pronoun":
                ent, why = self._pronoun_source(m, i, exclude)
            elif m.kind == "nominal":
                ent, why = self._nominal_source(m)
            else:
                ent, why = self._other_source(m, exclude)
            if how == "surname" and ent.kind == "person" and len(ent.tokens) > 1:
                how = "surname_of_full"
            elif how == "named" and is_generic(m.name) and not is_generic(ent.name):
                how = "nominal"
            self.how[i] = "unresolved_" + how if m.kind == "unknown" else how
            if ent.kind == "person" and m.kind == "person" and ent.gender is None and m.gender:
                ent.gender, ent.gender_evidence = m.gender, m.gender_evidence
            self.att_resolution[i] = (ent, why)
            self.source_order.append(m)
            if ent.kind == "person":
                self.speakers.append((m.start, ent))
            if m.entity is None:
                m.entity = ent

    def _mention_in_span(self, m: Mention) -> Mention | None:
        """A span no rule reads ("week Stumpf in a televised interview", "He released a letter
        …"): the pronoun opening it, else the first word that is the surname of a person the
        article names, as a mention of its own; None if neither."""
        words = list(re.finditer(r"[A-Za-z][\w’'.-]*", self.text[m.start : m.end]))
        if words and words[0].group().lower() in ("he", "she"):
            w = words[0]
            return parse(self.text, m.start + w.start(), m.start + w.end())
        for w in words:
            word = w.group().rstrip(".")
            if word[:1].isupper() and self.people.find_surname(strip_possessive(word)[0]).person is not None:
                name = strip_possessive(word)[0]
                s0 = m.start + w.start()
                return Mention(
                    s0,
                    s0 + len(name),
                    "person",
                    name=name,
                    tokens=(name,),
                    evidence=[f"the surname {name!r} in a source span no rule reads"],
                )
        return None

    def _person_source(self, m: Mention) -> tuple[Entity, str]:
        ent = m.entity
        if ent is None:
            ent = self.people.add_bare(m) if len(m.tokens) < 2 else self.people.add_full(m)
        why = m.evidence[0] if m.evidence else "person name"
        if m.surname_match and why != m.surname_match:  # a bare surname: say whose it was taken for
            why += "; " + m.surname_match
        return ent, why

    def _pronoun_source(self, m: Mention, i: int, exclude: tuple[Span, ...]) -> tuple[Entity, str]:
        """A pronoun to its antecedent by its kind, else an unresolved pronoun entity."""
        text = self.text
        ent: Entity | None = None
        why = ""
        kind = m.key
        if kind == "personal" and m.number == "sg":
            ent, why = self.person_before(m.start, m.gender, exclude)
        elif kind == "personal":
            ent, why = self.before(m.start, GROUP_TYPES)
        elif kind == "thing":
            ent, why = self.before(m.start, THING_TYPES)
        elif kind == "speaker":
            ent, why = self.speaker_of_quote(m.start, i)
            if ent is None and m.number == "sg" and not self.in_quote(m.start):
                ent, why = self.byline_author()
        elif kind == "relative":
            ent, why = self.relative(m)
        if ent is not None and m.gender and ent.kind == "person":
            ent.gvotes[m.gender] += 1
        if ent is not None:
            why = f"pronoun {text[m.start : m.end]!r} -> {why}"
            ent.aliases.add(text[m.start : m.end])
            ent.add(m)
        else:
            m.kind = "unknown"
            m.key = "pron:" + text[m.start : m.end].lower()
            ent = self.entity_for(m)
            ent.evidence.append("unresolved pronoun")
            why = f"pronoun {text[m.start : m.end]!r} not resolved"
        return ent, why

    def _nominal_source(self, m: Mention) -> tuple[Entity, str]:
        ent, why = _nominal(m, self.people, self.timeline, self.starts)
        if ent is None:
            ent, why = self._known_holder(m)
        if ent is not None:
            ent.aliases.add(self.text[m.start : m.end])
            ent.add(m)
        else:
            m.kind = "unknown"
            m.key = "nom:" + m.name.lower()
            ent = self.entity_for(m)
            why = f"nominal {m.name!r} with no named antecedent"
        return ent, why

    def _known_holder(self, m: Mention) -> tuple[Entity | None, str]:
        """ "The prime minister" in an article that names Tony Blair without his title: the one
        well-known person named before it whose known offices include the role."""
        head = role_head(m.role)
        holders = {}
        for e in self.people.all:
            who = notable_of(e) if head and e.mentions and e.mentions[0].start < m.start else None
            if (
                who is not None
                and head in who.roles
                and not _other_qualifiers(
                    m.name, who.qualifiers | _qualifiers(f"- {e.role or ''} {e.affiliation or ''}")
                )
            ):
                holders[id(e)] = e  # "the Democratic nominee" is never a Republican
        if len(holders) != 1:
            return None, ""
        (ent,) = holders.values()
        return (
            ent,
            f"nominal {m.name!r} -> {ent.name!r}, the one person named before it who holds "
            f"that office (notable_people.txt)",
        )

    def _other_source(self, m: Mention, exclude: tuple[Span, ...]) -> tuple[Entity, str]:
        """An institution, group, document…: the entity of its key, linked to its possessor; "the
        company" the nearest preceding named company source."""
        if m.kind in ("organisation", "media") and m.possessor is None and is_generic(m.name):
            ent = self._named_institution_before(m)
            if ent is not None:
                ent.aliases.add(self.text[m.start : m.end])
                ent.add(m)
                return ent, f"{m.name!r} -> the nearest preceding named {m.kind} source {ent.name!r}"
        if m.possessor is not None and m.possessor.entity is None and m.possessor.kind == "pronoun":
            owner, _ = self.person_before(m.start, m.possessor.gender, exclude)
            if owner is not None:
                m.affiliation = owner.name
        ent = self.entity_for(m)
        why = "; ".join(dict.fromkeys(m.evidence)) if m.evidence else m.kind
        if m.possessor is not None and m.possessor.entity is not None:
            ent.link = m.possessor.entity
            ent.affiliation = m.possessor.entity.name
        return ent, why

    def sent_of(self, pos: int) -> int:
        return bisect_right(self.sent_starts, pos) - 1

    @staticmethod
    def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
        k = bisect_right(spans, (pos, 10**9)) - 1
        while k >= 0:
            if spans[k][0] <= pos < spans[k][1]:
                return True
            if spans[k][1] <= pos and k >= 0 and spans[k][0] < pos - 5000:
                return False
            k -= 1
        return False

    def in_quote(self, pos: int) -> bool:
        return self._inside(pos, self.quote_spans)

    def in_content(self, pos: int) -> bool:
        return self._inside(pos, self.content_ranges)

    def is_subject(self, pos: int) -> bool:
        """The mention opens its sentence (after a short adverbial, a title or a quote mark)."""
        k = self.sent_of(pos)
        s0 = self.sent_starts[k] if k >= 0 else 0
        before = self.text[s0:pos]
        words = before.split()
        if len(words) > 7:
            return False
        if words and words[-1].lower().strip('“"(') in _NOT_SUBJECT:
            return False
        return not re.search(r"[;:”\"]", before)

    def entity_for(self, m: Mention) -> Entity:
        others = self.others
        key = m.key or (m.kind + ":" + m.name.lower())
        if key.endswith(":"):
            key += m.name.lower()
        ent = others.get(key)
        if ent is None:
            ent = Entity(m.kind, m.name)
            ent.evidence.extend(m.evidence)
            others[key] = ent
        elif m.name != ent.name:
            ent.aliases.add(m.name)
        ent.add(m)
        return ent

    def person_before(self, pos: int, gender: str | None, exclude: tuple[Span, ...]) -> tuple[Entity | None, str]:
        """The most salient preceding person compatible with ``gender``: a score of sentence
        distance, being an earlier speaker (the latest one most), being a sentence subject, and
        lying outside quotations and reported content."""
        timeline, starts, speakers = self.timeline, self.starts, self.speakers
        here = self.sent_of(pos)
        best: tuple[float, int] | None = None
        best_ent: Entity | None = None
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
            dist = here - self.sent_of(cstart)
            if dist > 6 or cstart < pos - 3000:
                break
            if ent is None or ent.kind != "person" or _in_spans(cstart, exclude):
                continue
            if gender and (ent.gender or self.name_gender(ent)) not in (None, gender):
                continue  # a title, else the first name, says otherwise ("she" is not Donald)
            score = float(dist * 10)
            notes = []
            if speaker:
                score -= 7
                notes.append("an earlier speaker")
            if self.is_subject(cstart):
                score -= 5
                notes.append("a sentence subject")
            if self.in_quote(cstart):
                score += 8
            elif self.in_content(cstart):
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
            if self.unknown_first_name(ent):
                score += 4  # "Whole Foods" read as a person: no first name of a person
            if ent is self.protagonist:
                score -= SALIENCE_PROTAGONIST
                notes.append("the person the article names most")
            if speaker and not seen_speaker and not cm_is_prose:
                score -= 5
                notes.append("the latest speaker")
            if speaker and not cm_is_prose:
                seen_speaker = True
            key = (score, -cstart)
            if best is None or key < best:
                best, best_ent = key, ent
                where = "same sentence" if dist == 0 else f"{dist} sentence{'s' if dist > 1 else ''} back"
                best_why = (
                    f"most salient preceding person {ent.name!r} ({where}{', ' if notes else ''}{', '.join(notes)})"
                )
        return best_ent, best_why

    @staticmethod
    def name_gender(ent: Entity) -> str | None:
        """ "f"/"m" as the person's first name gives it (lexicon, p >= its threshold, cached
        there), else None."""
        first = first_name(ent) if ent.kind == "person" else None
        return _first_name_gender(first) if first else None

    def unknown_first_name(self, ent: Entity) -> bool:
        """A person entity with a first word no name lexicon knows ("Whole Foods", "Climate Change")."""
        first = first_name(ent)
        return first is not None and first[:1].isupper() and firstnames.lookup(first) is None

    def byline_author(self) -> tuple[Entity | None, str]:
        """ "I" in the narrative, outside any quotation: the reporter, named in the byline."""
        for p in self.paragraphs:
            if p.role != "byline":
                continue
            found = _BYLINE_NAME.match(self.text, p.start, p.end)
            if found:
                name = found.group(1)
                m = Mention(
                    found.start(1),
                    found.end(1),
                    "person",
                    name=name,
                    tokens=tuple(name.split()),
                    evidence=[f"byline {name!r}"],
                )
                return self.people.add_full(m), f"the reporter named in the byline ({name!r})"
        return None, ""

    def speaker_of_quote(self, pos: int, own: int) -> tuple[Entity | None, str]:
        """I/we/you inside a quotation or reported content: whoever that content is credited to.
        The first attribution (in order) holding ``pos`` in its content whose speaker is known,
        else the first whose content overlaps the outer quotation holding ``pos``."""
        att_resolution, in_quote_of, quotes = self.att_resolution, self.in_quote_of, self.quotes
        for j in sorted(set(self.contents.keys(pos, pos + 1))):
            if j != own and j in att_resolution:
                ent = att_resolution[j][0]
                if ent.kind != "unknown":
                    return ent, f"speaker of the content holding it ({ent.name!r})"
        held = self.outer_quotes.keys(pos, pos + 1)
        if held:
            k = min(held)
            if k not in in_quote_of:
                in_quote_of[k] = sorted(set(self.contents.keys(quotes[k].start, quotes[k].end)))
            for j in in_quote_of[k]:
                if j != own and j in att_resolution:
                    ent = att_resolution[j][0]
                    if ent.kind != "unknown":
                        return ent, f"speaker of the quotation holding it ({ent.name!r})"
        return None, ""

    def _named_institution_before(self, m: Mention, window: int = 2500) -> Entity | None:
        for sm in reversed(self.source_order):
            if sm.start < m.start - window:
                break
            ent = sm.entity
            if ent is not None and ent.kind == m.kind and not is_generic(ent.name):
                return ent
        return None

    def before(self, pos: int, types: tuple[str, ...], window: int = 2500) -> tuple[Entity | None, str]:
        for sm in reversed(self.source_order):
            if sm.start < pos - window:
                break
            ent = sm.entity
            if ent is not None and sm.start < pos and ent.kind in types:
                return ent, f"nearest preceding {ent.kind} source {ent.name!r}"
        return None, ""

    def relative(self, m: Mention) -> tuple[Entity | None, str]:
        """Who/which/that: the mention or noun phrase right before it ("some economists who")."""
        text, timeline = self.text, self.timeline
        k = bisect_right(self.starts, m.start) - 1
        for cm in (*timeline[max(0, k - 2) : k + 1], *self.source_order[-3:]):
            if cm.entity is not None and cm.end <= m.start and re.fullmatch(r"[\s,]*", text[cm.end : m.start]):
                return cm.entity, f"relative pronoun right after {text[cm.start : cm.end]!r}"
        np = self._phrase_before(m)
        if np is None:
            return None, ""
        np.evidence.append("noun phrase before a relative pronoun")
        ent: Entity | None
        if np.kind == "person":
            ent = self.people.add_full(np) if len(np.tokens) > 1 else self.people.add_bare(np)
        elif np.kind == "nominal":
            ent, _ = _nominal(np, self.people, timeline, self.starts)
            if ent is None:
                np.kind, np.key = "unknown", "nom:" + np.name.lower()
                ent = self.entity_for(np)
        else:
            ent = self.entity_for(np)
        return ent, f"relative pronoun after the phrase {np.name!r}"

    def _phrase_before(self, m: Mention) -> Mention | None:
        """The noun phrase a relative pronoun follows, parsed as a mention (a known kind first,
        else one no rule knows: "the engineering survey, which …")."""
        text = self.text
        lo = max(self.sent_starts[self.sent_of(m.start)] if self.sents else 0, m.start - 100)
        chunk = text[lo : m.start]
        cut = max(chunk.rfind(c) for c in ',;:(—–“”"')
        if cut >= 0 and not chunk[cut + 1 :].strip():  # ", who": the phrase before the comma
            chunk2 = chunk[:cut]
            cut2 = max(chunk2.rfind(c) for c in ',;:(—–“”"')
            start = lo + cut2 + 1
        else:
            start = lo + cut + 1
        words = [(w.start() + start, w.group()) for w in re.finditer(r"\S+", text[start : m.start])]
        words = [(o, w.strip(",")) for o, w in words if w.strip(",")]
        if not words:
            return None
        while words and words[-1][1].lower() in ("here", "there", "now", "then", "too", "also", "today"):
            words.pop()
        if not words:
            return None
        firsts: list[int] = []
        preps = [n for n, (_, w) in enumerate(words) if w.lower() in CUT_WORDS and n < len(words) - 1]
        dets = [n for n, (_, w) in enumerate(words) if w.lower() in DETERMINERS]
        if dets:
            firsts.append(dets[-1])
        if preps:
            firsts.append(preps[-1] + 1)  # "a focal point for demonstrators" -> "demonstrators"
        firsts.append(max(0, len(words) - 3))
        np = thing = None
        for first in dict.fromkeys(firsts):
            cand = parse(text, words[first][0], words[-1][0] + len(words[-1][1]))
            if cand is not None and cand.kind not in ("unknown", "pronoun"):
                np = cand
                break
            if cand is not None and cand.kind == "unknown" and thing is None:
                thing = cand
        if np is None and thing is not None:
            np = thing  # "the engineering survey, which …", "The source, who …": the phrase it follows
        return np

    # -- 4. attributions without a source span: the speaker the context implies, flagged as inferred

    def implied_speakers(self) -> None:
        latest = LatestBefore(self.speakers)
        for i, a in enumerate(self.atts):
            if a.source is not None or i in self.att_resolution:
                continue
            anchor = a.cue or a.content
            if anchor is None:
                continue
            ent, why, how = self.implied_speaker(i, a, anchor, latest)
            if ent is not None:
                self.att_resolution[i] = (ent, "no source span; inferred: " + why)
                self.how[i] = how

    def implied_speaker(
        self, i: int, a: Attribution, anchor: Span, latest: LatestBefore
    ) -> tuple[Entity | None, str, str]:
        """A transcript label ("PENCE:"), the person named in the cue's sentence, or the speaker
        whose quotation a bare quotation paragraph continues."""
        text, timeline, starts, sent_starts = self.text, self.timeline, self.starts, self.sent_starts
        contents = content_spans(a)
        k = bisect_right(self.par_starts, anchor.start) - 1
        if k >= 0:
            label = _LABEL.match(text, self.paragraphs[k].start, self.paragraphs[k].end)
            if label and not _in_spans(label.start(1), contents):
                word = label.group(1).title()
                ent = self.people.find_surname(word.split()[-1]).person
                if ent is None:
                    m = Mention(label.start(1), label.end(1), "person", name=word, tokens=tuple(word.split()))
                    ent = self.people.add_bare(m)
                return ent, f"transcript label {label.group(1)!r}", "implied_label"
        si = self.sent_of(anchor.start)
        lo = sent_starts[si] if si >= 0 else 0
        hi = sent_starts[si + 1] if si + 1 < len(sent_starts) else len(text)
        best: Mention | None = None
        for cm in timeline[bisect_right(starts, lo - 1) : bisect_right(starts, hi - 1)]:
            if cm.entity is None or _in_spans(cm.start, contents) or cm.end > hi:
                continue
            if best is None or abs(cm.start - anchor.start) < abs(best.start - anchor.start):
                best = cm
        if best is not None and best.entity is not None:
            return (
                best.entity,
                f"the person named in the sentence, nearest the cue ({best.entity.name!r})",
                "implied_sentence",
            )
        if a.kind in ("direct", "partial"):
            prior = latest.get(anchor.start, 1500)
            if prior is not None:
                return prior, f"a quotation continuing the latest speaker's ({prior.name!r})", "implied_quote"
        return None, "", ""

    # -- 5. organisations, governments and places named in the prose (mention counts, entities())

    def prose_institutions(self, new: bool) -> None:
        """Each institution the prose names joins the entity of its key; ``new``: one it is the
        first mention of becomes an entity (else it is passed over, as :meth:`run` wants)."""
        others, text = self.others, self.text
        taken = {(x.start, x.end) for e in others.values() for x in e.mentions}
        for s0, e0, key, typ, name in self.prose.institutions:
            if (s0, e0) in taken:
                continue
            ent = others.get(key)
            if ent is None:
                if not new:
                    continue
                ent = others[key] = Entity(typ, name)
                ent.evidence.append(f"{name!r} named in the prose (lexicon)")
            ent.add(Mention(s0, e0, typ, name=text[s0:e0]))
