"""The one data model of newslib: small frozen dataclasses, offsets into one exact string.

Every span is a pair of character offsets (Python ``str`` indices) into ``Article.text``, the
exact text the reader produced; ``text[start:end]`` is its text. Nothing stores a copy of a
span's text except serialisation (``to_dict``), which writes it for the reader's convenience and
checks it on the way back in (``from_dict``).

Each record type knows how to turn itself into a plain dict (``to_dict``) and back
(``from_dict``); :func:`to_frame` turns any collection of them into a pandas DataFrame. Later
stages add fields to these classes rather than parallel structures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from .spans import SpanIndex  # noqa: F401 - stages import it with the model

if TYPE_CHECKING:  # pandas is imported lazily: it costs ~0.3 s and the CLI may not need it
    import pandas as pd

PARAGRAPH_ROLES = ("headline", "body", "subheading", "caption", "credit", "dateline", "byline", "noise")
"""Roles a paragraph can take. Only ``headline``, ``body`` and ``subheading`` may hold attributions."""

SCHEMA_VERSION = 3
"""Version of the JSONL record (:meth:`Analysis.to_dict`). 3: speakers carry ``person`` and
``gender``, sources ``category``, ``person``, ``gender_source`` and ``gender_p``, attributions
``speaker_score``. 2: speakers by reference, span text only on attributions' spans. 1 (embedded
speakers, text on every span). All three are read back."""

ATTRIBUTION_KINDS = ("direct", "partial", "indirect", "according_to", "agency", "no_comment", "other")
"""Kinds of attribution, as ``../shared/gold/README.md`` derives them from the spans."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"bad span {self.start}:{self.end}")

    def text(self, text: str) -> str:
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        d: dict[str, Any] = {"start": self.start, "end": self.end}
        if text is not None:
            d["text"] = text[self.start : self.end]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | Sequence[int], text: str | None = None) -> Span:
        """Accept ``{"start", "end", "text"?}`` or ``[start, end]`` (the gold format)."""
        if isinstance(d, Mapping):
            span = cls(int(d["start"]), int(d["end"]))
            if text is not None and "text" in d and span.text(text) != d["text"]:
                raise ValueError(f"span {span.start}:{span.end} does not hold {d['text']!r}")
            return span
        return cls(int(d[0]), int(d[1]))


def _opt_span(d: Any, text: str | None) -> Span | None:
    return None if d is None else Span.from_dict(d, text)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A stretch of the article with its structural role (see :data:`PARAGRAPH_ROLES`)."""

    start: int
    end: int
    role: str = "body"
    evidence: str = ""
    """The rule that gave the role, so a researcher can see why a line was set apart."""

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def holds_speech(self) -> bool:
        """Captions, credits, bylines, datelines and noise never hold an attribution."""
        return self.role in ("headline", "body", "subheading")

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        d = self.span.to_dict(text)
        d.update(role=self.role, evidence=self.evidence)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str | None = None) -> Paragraph:
        s = Span.from_dict(d, text)
        return cls(s.start, s.end, d.get("role", "body"), d.get("evidence", ""))


@dataclass(frozen=True, slots=True)
class Token:
    """A word, number or punctuation mark. ``kind`` is one of word, number, punct, quote."""

    start: int
    end: int
    kind: str = "word"

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        d = self.span.to_dict(text)
        d["kind"] = self.kind
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str | None = None) -> Token:
        s = Span.from_dict(d, text)
        return cls(s.start, s.end, d.get("kind", "word"))


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence inside one paragraph; ``paragraph`` is its index in ``Article.paragraphs``."""

    start: int
    end: int
    paragraph: int = 0

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        d = self.span.to_dict(text)
        d["paragraph"] = self.paragraph
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str | None = None) -> Sentence:
        s = Span.from_dict(d, text)
        return cls(s.start, s.end, int(d.get("paragraph", 0)))


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation region from its opening mark to its closing mark, both included.

    ``closed`` is False when no closing mark was found: the region then ends at the end of its
    paragraph. ``continued`` is True when the region runs over a paragraph break by the news
    convention (a quote left open at a paragraph's end, re-opened at the start of the next).
    ``depth`` is 0 for outer quotes, 1 for a quote inside a quote, and so on.
    """

    start: int
    end: int
    depth: int = 0
    closed: bool = True
    continued: bool = False

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        d = self.span.to_dict(text)
        d.update(depth=self.depth, closed=self.closed, continued=self.continued)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str | None = None) -> Quote:
        s = Span.from_dict(d, text)
        return cls(s.start, s.end, int(d.get("depth", 0)), bool(d.get("closed", True)), bool(d.get("continued", False)))


@dataclass(frozen=True, slots=True)
class Source:
    """Who an attribution is credited to, as resolved from the article (see ``newslib.sources``).

    One Source is one real-world speaker of the article: every attribution resolved to it (by a
    pronoun, a surname, a nominal like "the spokeswoman") holds the same object, so counting
    sources is counting distinct speakers. ``type`` is one of :data:`SOURCE_TYPES`. ``gender``
    is set only when the text states it (a pronoun resolved to the source, a gendered title):
    never from a first name. ``variants`` are spellings of the name that differ from the
    canonical one beyond a title or a dropped first name (a likely misspelling: "Galant" for
    "Gallant"); ``aliases`` are the other surface forms ("Netanyahu", "the spokeswoman").
    ``anonymity`` is the phrase that makes the source anonymous ("who spoke on condition of
    anonymity"); ``link`` the id of a related source ("Netanyahu's office" links to Netanyahu).
    ``evidence`` names the rules that built the source, so a researcher can see how we know.
    ``kinds`` counts the attributions by kind (only kinds with a count), ``words`` the words of
    their contents, ``first`` the offset of the first mention.

    ``category`` is the one speaker scheme every table and corpus figure uses (see
    :data:`SPEAKER_CATEGORIES`): ``type`` is finer and may vary with a person's role in an
    article (``official`` here, ``named_person`` there), the category never does. ``person`` is
    the key that names the same speaker in every article and run (``newslib.sources.identity``);
    unnamed speakers and documents have none. ``gender_source`` says where ``gender`` came from:
    ``text`` (a gendered title, pronouns resolved to the person) or ``name`` (the first name's
    gender in a name lexicon, with probability ``gender_p``).
    """

    name: str
    type: str = "unknown"
    role: str | None = None
    affiliation: str | None = None
    anonymous: bool = False
    mentions: tuple[Span, ...] = ()
    id: str = ""
    gender: str | None = None
    variants: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    anonymity: str | None = None
    link: str | None = None
    evidence: tuple[str, ...] = ()
    attributions: int = 0
    kinds: tuple[tuple[str, int], ...] = ()
    words: int = 0
    first: int | None = None
    category: str = "unknown"
    person: str | None = None
    gender_source: str | None = None
    gender_p: float | None = None

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        counts = dict(self.kinds)
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "category": self.category,
            "person": self.person,
            "role": self.role,
            "affiliation": self.affiliation,
            "anonymous": self.anonymous,
            "anonymity": self.anonymity,
            "gender": self.gender,
            "gender_source": self.gender_source,
            "gender_p": self.gender_p,
            "link": self.link,
            "variants": list(self.variants),
            "aliases": list(self.aliases),
            "attributions": self.attributions,
            "by_kind": {k: counts.get(k, 0) for k in ATTRIBUTION_KINDS},
            "words": self.words,
            "first": self.first,
            "mentions": [m.to_dict(text) for m in self.mentions],
            "evidence": list(self.evidence),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str | None = None) -> Source:
        by_kind = d.get("by_kind") or {}
        return cls(
            name=d["name"],
            type=d.get("type", "unknown"),
            role=d.get("role"),
            affiliation=d.get("affiliation"),
            anonymous=bool(d.get("anonymous", False)),
            mentions=tuple(Span.from_dict(m, text) for m in d.get("mentions", ())),
            id=d.get("id", ""),
            gender=d.get("gender"),
            variants=tuple(d.get("variants") or ()),
            aliases=tuple(d.get("aliases") or ()),
            anonymity=d.get("anonymity"),
            link=d.get("link"),
            evidence=tuple(d.get("evidence") or ()),
            attributions=int(d.get("attributions", 0)),
            kinds=tuple((k, int(by_kind[k])) for k in ATTRIBUTION_KINDS if by_kind.get(k)),
            words=int(d.get("words", 0)),
            first=d.get("first"),
            category=d.get("category", "unknown"),
            person=d.get("person"),
            gender_source=d.get("gender_source"),
            gender_p=d.get("gender_p"),
        )


SOURCE_TYPES = (
    "named_person",
    "official",
    "organisation",
    "government",
    "agency",
    "media",
    "document",
    "anonymous_individual",
    "anonymous_group",
    "group",
    "credit",
    "place",
    "unknown",
)
"""Types of :class:`Source` (``newslib.sources`` documents how each is decided; ``place`` only
for capitals named in the prose, listed by ``newslib.sources.entities``, never a speaker)."""

SPEAKER_CATEGORIES = (
    "named_person",
    "named_organisation",
    "unnamed_individual",
    "unnamed_group",
    "document",
    "unknown",
)
"""The one speaker scheme (README, "Who is quoted"): a named person; a named organisation
(companies, parties, agencies, media, governments and their seats); an unnamed individual ("a
senior official"); an unnamed group ("analysts", "officials"); a document or data ("the
report"); unknown (what the resolver could not type). Unnamed speakers are the anonymous ones."""


@dataclass(frozen=True, slots=True)
class Number:
    """A number or time expression in the text, found by :mod:`newslib.claims`.

    ``text[start:end]`` is the whole expression: the hedge, the numeral and a unit written with
    it ("more than 32,000", "$1.2 billion", "25 percent"); the noun it counts is ``counted``
    ("Palestinians"). ``kind`` says what it is: ``quantity`` (a count, amount, share or measure),
    ``duration`` ("three years", a quantity of time), ``score`` ("5-4", with ``versus`` = 4) or
    ``time`` (a date, day, clock time or year: "October 7", "next week", "in 2016"; never a
    quantity claim). ``bound`` is what the hedge implies about the true figure: ``exact``,
    ``lower`` ("more than X": ``lower`` = X), ``upper`` ("nearly X": ``upper`` = X), ``approx``
    ("about X"), ``range`` ("10 to 20") or ``vague`` ("thousands": a lower bound only). A time's
    ``when`` (:class:`TimeKind`) says what it names, for code to read (its evidence says it for
    people, ``time:<kind>``; not written to the record, read back from the evidence).

    ``status`` is whether the article says who says so: ``attributed`` (inside an attribution's
    content; ``attribution`` is its index in ``Analysis.attributions``), ``frame`` (inside the
    "who said" part, "two officials said"), ``unattributed`` (a quantity the article asserts
    itself) or ``context`` (time expressions, numbers in questions, headlines, captions, and
    definite references such as "the two allies"). ``evidence`` names the rules that fired.
    """

    start: int
    end: int
    value: float | None = None
    unit: str | None = None
    hedge: str | None = None
    status: str = "unknown"
    kind: str = "quantity"
    bound: str = "exact"
    lower: float | None = None
    upper: float | None = None
    versus: float | None = None
    counted: Span | None = None
    attribution: int | None = None
    evidence: tuple[str, ...] = ()
    when: TimeKind | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def is_quantity(self) -> bool:
        """Counts, amounts, shares, measures, durations and scores; not dates or times."""
        return self.kind != "time"

    def spans(self) -> list[Span]:
        return [self.span] + ([self.counted] if self.counted else [])

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        d = self.span.to_dict(text)
        d.update(
            value=self.value,
            unit=self.unit,
            hedge=self.hedge,
            status=self.status,
            kind=self.kind,
            bound=self.bound,
            lower=self.lower,
            upper=self.upper,
            versus=self.versus,
            counted=self.counted.to_dict(text) if self.counted else None,
            attribution=self.attribution,
            evidence=list(self.evidence),
        )
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str | None = None) -> Number:
        s = Span.from_dict(d, text)
        return cls(
            s.start,
            s.end,
            d.get("value"),
            d.get("unit"),
            d.get("hedge"),
            d.get("status", "unknown"),
            kind=d.get("kind", "quantity"),
            bound=d.get("bound", "exact"),
            lower=d.get("lower"),
            upper=d.get("upper"),
            versus=d.get("versus"),
            counted=_opt_span(d.get("counted"), text),
            attribution=d.get("attribution"),
            evidence=tuple(d.get("evidence", ())),
            when=TimeKind.from_evidence(d.get("evidence", ())) if d.get("kind") == "time" else None,
        )


class TimeKind(Enum):
    """What a time expression (a :class:`Number` of kind ``time``) names: the time pattern that
    found it (``claims/lexicon``'s groups), a year, a decade, or a time unit read after a numeral."""

    DATE = "date"
    WEEKDAY = "weekday"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"
    RELATIVE = "relative"
    PERIOD = "period"
    AGO = "ago"
    CLOCK = "clock"
    TIME = "time"
    """A time the patterns found without naming its kind."""

    @property
    def dated(self) -> bool:
        """Whether it places an event on the calendar (a date, a year, a decade): a claim holding
        one is dated, a sign that it asserts a checkable fact."""
        return self in (TimeKind.DATE, TimeKind.YEAR, TimeKind.DECADE)

    @classmethod
    def of(cls, name: str) -> TimeKind:
        """The kind called ``name`` (:attr:`TIME` for a name it does not know)."""
        try:
            return cls(name)
        except ValueError:
            return cls.TIME

    @classmethod
    def from_evidence(cls, evidence: Sequence[str]) -> TimeKind | None:
        """The kind a record's evidence names (its ``time:<kind>`` entry), None if none does."""
        name = next((e[5:] for e in evidence if e.startswith("time:")), None)
        return None if name is None else cls.of(name)


class Unasserted(Enum):
    """Why a :class:`Claim` whose status is ``context`` is no assertion of the article's own, for
    code to read (its evidence names it for people; not written to the record, read back from it)."""

    HEADLINE = "headline"
    SUBHEADING = "subheading"
    QUESTION = "question"
    CONDITIONAL = "conditional"
    UNLINKED_QUOTATION = "unlinked_quotation"
    """Someone's words in quotation marks, though no attribution links them to a speaker."""
    NO_SIGNAL = "no_assertion_signal"
    """Background with no sign of a checkable fact."""

    @property
    def voids_numbers(self) -> bool:
        """Whether the numbers in such a clause are not asserted either (a question, a
        conditional, an unlinked quotation) and so become ``context`` too."""
        return self in (Unasserted.QUESTION, Unasserted.CONDITIONAL, Unasserted.UNLINKED_QUOTATION)

    @classmethod
    def from_evidence(cls, evidence: Sequence[str]) -> Unasserted | None:
        """The reason a record's evidence names, None if it names none."""
        names = {u.value: u for u in cls}
        return next((names[e] for e in evidence if e in names), None)


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence, or a clause of one, with whether the article says who asserts it.

    Found by :mod:`newslib.claims` in speech-capable paragraphs. ``status`` is ``attributed``
    (inside attribution ``attribution``'s content), ``frame`` (its "X said" part: source and cue),
    ``unattributed`` (asserted with no source and checkable: it holds a quantity, an event verb
    such as "killed", a date, a superlative...) or ``context`` (headlines, subheadings, questions,
    conditionals, quotations linked to no speaker, and background with no such signal). ``kind``
    is ``sentence`` when the claim is its whole sentence and ``clause`` when a sentence mixing
    attributed and unattributed parts was cut. ``hedges`` and
    ``evaluative`` are the spans of hedging ("may", "reportedly") and evaluative ("disastrous",
    "sharply") words in it; ``numbers`` indexes ``Analysis.numbers``; ``evidence`` names the rules.
    ``unasserted`` says, for code, why a ``context`` claim is not the article's own assertion.
    """

    start: int
    end: int
    status: str = "unknown"
    kind: str = "sentence"
    paragraph: int = 0
    sentence: int = 0
    attribution: int | None = None
    numbers: tuple[int, ...] = ()
    hedges: tuple[Span, ...] = ()
    evaluative: tuple[Span, ...] = ()
    evidence: tuple[str, ...] = ()
    unasserted: Unasserted | None = None

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def hedged(self) -> bool:
        return bool(self.hedges)

    @property
    def is_evaluative(self) -> bool:
        return bool(self.evaluative)

    def spans(self) -> list[Span]:
        return [self.span, *self.hedges, *self.evaluative]

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        d = self.span.to_dict(text)
        d.update(
            status=self.status,
            kind=self.kind,
            paragraph=self.paragraph,
            sentence=self.sentence,
            attribution=self.attribution,
        )
        d["numbers"] = list(self.numbers)
        d.update(
            hedges=[h.to_dict(text) for h in self.hedges],
            evaluative=[h.to_dict(text) for h in self.evaluative],
            evidence=list(self.evidence),
        )
        if text is not None:  # readable words for tables, one string so a column keeps one type
            d["hedge_words"] = "; ".join(h.text(text).lower() for h in self.hedges)
            d["evaluative_words"] = "; ".join(h.text(text).lower() for h in self.evaluative)
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any], text: str | None = None) -> Claim:
        s = Span.from_dict(d, text)
        return cls(
            s.start,
            s.end,
            d.get("status", "unknown"),
            kind=d.get("kind", "sentence"),
            paragraph=int(d.get("paragraph", 0)),
            sentence=int(d.get("sentence", 0)),
            attribution=d.get("attribution"),
            numbers=tuple(int(i) for i in d.get("numbers", ())),
            hedges=tuple(Span.from_dict(h, text) for h in d.get("hedges", ())),
            evaluative=tuple(Span.from_dict(h, text) for h in d.get("evaluative", ())),
            evidence=tuple(d.get("evidence", ())),
            unasserted=Unasserted.from_evidence(d.get("evidence", ())) if d.get("status") == "context" else None,
        )


class Maker(Enum):
    """What made an attribution (its :class:`Origin`)."""

    TAGGER = "tagger"
    """The tagger's content, linked to the cue and source around it (``attribution.link``)."""
    ORPHAN = "orphan"
    """A cue the tagger left without content: a rule took the clause beside it as the content."""
    RULE = "rule"
    """A readable rule of ``attribution.rules`` found the whole attribution."""
    CREDIT = "credit"
    """A wire-service credit line ("(Reuters)", ``attribution.credits``); it keeps its own score."""


@dataclass(frozen=True, slots=True)
class Origin:
    """What made an attribution, for code to read; ``Attribution.evidence`` says it for people.

    The calibration (``attribution.confidence``), the rules that only trust or only revise the
    tagger's attributions, and the sources stage branch on this, so a new rule only says what it
    is (``Origin(Maker.RULE, "its name")``) instead of spelling its evidence a particular way.
    ``rule`` names the rule behind an ORPHAN, RULE or CREDIT attribution ("" for TAGGER).

    It is not written to the JSONL record: the evidence's first entry already names it
    (:attr:`label`), and :meth:`from_evidence` reads it back from there, from records of every
    schema version.
    """

    maker: Maker
    rule: str = ""

    @property
    def label(self) -> str:
        """The first evidence entry an attribution of this origin carries (for people to read)."""
        if self.maker is Maker.TAGGER:
            return "crf:content"
        return "crf:cue" if self.maker is Maker.ORPHAN else f"rule:{self.rule}"

    @classmethod
    def from_evidence(cls, evidence: Sequence[str]) -> Origin | None:
        """The origin of an attribution read back from a record: its evidence's first entry is
        the :attr:`label` (an orphan's second names its rule); None when it names no origin."""
        first = evidence[0] if evidence else ""
        if first == "crf:content":
            return TAGGER
        if first == "crf:cue":
            second = evidence[1] if len(evidence) > 1 else ""
            return cls(Maker.ORPHAN, second[5:] if second.startswith("rule:") else "")
        if first.startswith("rule:"):
            rule = first[5:]
            return cls(Maker.CREDIT if rule == WIRE_CREDIT.rule else Maker.RULE, rule)
        return None


TAGGER = Origin(Maker.TAGGER)
"""The origin of every attribution built on the tagger's content."""
WIRE_CREDIT = Origin(Maker.CREDIT, "wire credit")
"""The origin of a wire-service credit line's attribution."""
ORPHAN_CLAUSE = Origin(Maker.ORPHAN, "clause after a cue without content")
"""The origin of the clause read beside a cue the tagger left without content: a weak guess,
which a rule's attribution on the same cue replaces (``attribution.rules``)."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution: who (source), how (cue) and what (content), with the evidence for it.

    ``content_parts`` is set only when the content is discontinuous ("A," she said, "B."): then
    ``content`` spans from the first part's start to the last part's end. ``evidence`` names the
    rules or model features that fired, and ``score`` is the detector's confidence in [0, 1].
    ``speaker_score`` is the probability that ``speaker`` is the right speaker, given that the
    attribution is right (calibrated per resolution rule, ``newslib.sources.identity``); None
    without a speaker. ``speaker_rule`` is the class of the rule that resolved it (one of
    ``newslib.sources.resolver.RESOLUTION_RULES``: "name", "pronoun", "nominal"…). ``origin``
    says what made it (the tagger, a rule, a credit line: :class:`Origin`), for code to branch on;
    it is derived from the evidence when a record is read back, not written to it.
    """

    kind: str
    content: Span | None = None
    cue: Span | None = None
    source: Span | None = None
    content_parts: tuple[Span, ...] = ()
    speaker: Source | None = None
    score: float = 1.0
    evidence: tuple[str, ...] = ()
    speaker_score: float | None = None
    speaker_rule: str | None = None
    origin: Origin | None = None

    def made_by(self, *makers: Maker) -> bool:
        """Whether one of ``makers`` made the attribution (False when its origin is unknown: an
        attribution made by hand, or read from a record whose evidence names no origin)."""
        return self.origin is not None and self.origin.maker in makers

    @property
    def has_speaker(self) -> bool:
        """Credited to a resolved speaker (a photo credit is none): the attributions every share
        of anonymous, official and agency sourcing is taken over, in profiles, tables and datasets."""
        return self.speaker is not None and self.speaker.type != "credit"

    def spans(self) -> list[Span]:
        return [s for s in (self.content, self.cue, self.source, *self.content_parts) if s is not None]

    def to_dict(self, text: str | None = None, speaker: dict[str, Any] | None = None) -> dict[str, Any]:
        """The attribution as a dict; ``speaker`` replaces the embedded speaker record (the lean
        JSONL record passes a reference ``{"id", "name"}`` to a source written once)."""
        d: dict[str, Any] = {
            "kind": self.kind,
            "content": self.content.to_dict(text) if self.content else None,
            "cue": self.cue.to_dict(text) if self.cue else None,
            "source": self.source.to_dict(text) if self.source else None,
        }
        if self.content_parts:
            d["content_parts"] = [p.to_dict(text) for p in self.content_parts]
        if speaker is None and self.speaker:
            speaker = self.speaker.to_dict(text)
        d["speaker"] = speaker
        d["score"] = self.score
        if self.speaker_score is not None:
            d["speaker_score"] = self.speaker_score
            d["speaker_rule"] = self.speaker_rule
        d["evidence"] = list(self.evidence)
        return d

    @classmethod
    def from_dict(
        cls, d: Mapping[str, Any], text: str | None = None, speakers: Mapping[str, Source] | None = None
    ) -> Attribution:
        """Read a dict back; a speaker given by reference (``{"ref": key}``) is looked up in
        ``speakers``, a full speaker record is read as it stands."""
        sp = d.get("speaker")
        if sp and "ref" in sp:
            speaker = (speakers or {}).get(sp["ref"])
            if speaker is None:
                raise ValueError(f"speaker {sp['ref']!r} is not among the record's sources")
        else:
            speaker = Source.from_dict(sp, text) if sp else None
        return cls(
            kind=d["kind"],
            content=_opt_span(d.get("content"), text),
            cue=_opt_span(d.get("cue"), text),
            source=_opt_span(d.get("source"), text),
            content_parts=tuple(Span.from_dict(p, text) for p in d.get("content_parts") or ()),
            speaker=speaker,
            score=float(d.get("score", 1.0)),
            evidence=tuple(d.get("evidence", ())),
            speaker_score=d.get("speaker_score"),
            speaker_rule=d.get("speaker_rule"),
            origin=Origin.from_evidence(d.get("evidence", ())),
        )


@dataclass(frozen=True)
class Article:
    """An article as read: its exact text, where it came from, and its paragraphs with roles."""

    id: str
    text: str
    metadata: Mapping[str, Any] = field(default_factory=dict)
    paragraphs: tuple[Paragraph, ...] = ()
    origin: str = ""
    """Where it was read from (``path`` or ``path:line``), for error messages and tables."""

    def to_dict(self, spans_text: bool = True) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "meta": dict(self.metadata),
            "origin": self.origin,
            "paragraphs": [p.to_dict(self.text if spans_text else None) for p in self.paragraphs],
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Article:
        text = d["text"]
        return cls(
            id=str(d["id"]),
            text=text,
            metadata=dict(d.get("meta") or {}),
            paragraphs=tuple(Paragraph.from_dict(p, text) for p in d.get("paragraphs", ())),
            origin=d.get("origin", ""),
        )


@dataclass(frozen=True)
class Analysis:
    """An article and everything newslib found in it; the unit every table and report reads."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    quotes: tuple[Quote, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    sources: tuple[Source, ...] = ()
    numbers: tuple[Number, ...] = ()
    claims: tuple[Claim, ...] = ()
    engine: str = "none"
    """Which engine and model version produced the attributions, e.g. ``fast/crf-2026.11``."""

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text

    def all_spans(self) -> Iterable[tuple[str, Span]]:
        """Every span of the analysis, labelled by what it is (used to check the offset invariant)."""
        for p in self.article.paragraphs:
            yield "paragraph", p.span
        for sentence in self.sentences:
            yield "sentence", sentence.span
        for t in self.tokens:
            yield "token", t.span
        for q in self.quotes:
            yield "quote", q.span
        for a in self.attributions:
            for s in a.spans():
                yield "attribution", s
            if a.speaker:
                for m in a.speaker.mentions:
                    yield "mention", m
        for src in self.sources:
            for m in src.mentions:
                yield "mention", m
        for n in self.numbers:
            for s in n.spans():
                yield "number", s
        for c in self.claims:
            for s in c.spans():
                yield "claim", s

    def to_dict(self, tokens: bool = False) -> dict[str, Any]:
        """The JSONL record (schema :data:`SCHEMA_VERSION`): the prediction shape the reference
        scorer reads, plus structure, in size linear in the text.

        Only an attribution's own spans (content, cue, source) carry their text; every other
        span is offsets into ``text``. Each source is written once, in ``sources`` (credit lines'
        speakers in ``credits``), and an attribution names its speaker by reference,
        ``{"ref": "S1", "name": ...}``: embedding a speaker with all its mentions in each of its
        attributions made the output quadratic in the article.
        """
        t = self.text
        d = self.article.to_dict(spans_text=False)
        d["schema"] = SCHEMA_VERSION
        d["engine"] = self.engine
        keys = {id(x): x.id for x in self.sources if x.id}
        credits: list[Source] = []
        for a in self.attributions:
            if a.speaker is not None and id(a.speaker) not in keys:
                keys[id(a.speaker)] = f"C{len(credits) + 1}"
                credits.append(a.speaker)
        d["attributions"] = [a.to_dict(t, speaker=_speaker_ref(a.speaker, keys)) for a in self.attributions]
        d["sentences"] = [s.to_dict() for s in self.sentences]
        d["quotes"] = [q.to_dict() for q in self.quotes]
        d["sources"] = [_lean(x.to_dict()) for x in self.sources]
        if credits:
            d["credits"] = [_lean(dict(x.to_dict(), id=keys[id(x)])) for x in credits]
        d["numbers"] = [_lean(x.to_dict()) for x in self.numbers]
        d["claims"] = [_lean(x.to_dict()) for x in self.claims]
        if tokens:
            d["tokens"] = [k.to_dict() for k in self.tokens]
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Analysis:
        """Read a record back (this schema, or version 1's embedded speakers)."""
        article = Article.from_dict(d)
        t = article.text
        sources = tuple(Source.from_dict(x, t) for x in d.get("sources", ()))
        speakers = {x.id: x for x in sources}
        for c in d.get("credits", ()):
            speakers[c["id"]] = Source.from_dict(dict(c, id=""), t)
        return cls(
            article=article,
            sentences=tuple(Sentence.from_dict(s, t) for s in d.get("sentences", ())),
            tokens=tuple(Token.from_dict(k, t) for k in d.get("tokens", ())),
            quotes=tuple(Quote.from_dict(q, t) for q in d.get("quotes", ())),
            attributions=tuple(Attribution.from_dict(a, t, speakers) for a in d.get("attributions", ())),
            sources=sources,
            numbers=tuple(Number.from_dict(x, t) for x in d.get("numbers", ())),
            claims=tuple(Claim.from_dict(x, t) for x in d.get("claims", ())),
            engine=d.get("engine", "none"),
        )

    def _repr_html_(self) -> str:
        """The highlighted article, so an Analysis shows itself in any notebook."""
        from .display import render_html

        return render_html(self)

    # -- tables -------------------------------------------------------------------------------
    @property
    def paragraphs_frame(self) -> pd.DataFrame:
        return to_frame(self.article.paragraphs, self.text)

    @property
    def sentences_frame(self) -> pd.DataFrame:
        return to_frame(self.sentences, self.text)

    @property
    def tokens_frame(self) -> pd.DataFrame:
        return to_frame(self.tokens, self.text)

    @property
    def quotes_frame(self) -> pd.DataFrame:
        return to_frame(self.quotes, self.text)

    @property
    def attributions_frame(self) -> pd.DataFrame:
        return to_frame(self.attributions, self.text)

    @property
    def sources_frame(self) -> pd.DataFrame:
        return to_frame(self.sources, self.text)

    @property
    def numbers_frame(self) -> pd.DataFrame:
        return to_frame(self.numbers, self.text)

    @property
    def claims_frame(self) -> pd.DataFrame:
        return to_frame(self.claims, self.text)


@dataclass(frozen=True, slots=True)
class ArticleFailure:
    """An article that could not be read or analysed; recorded in batch output, never fatal. A
    record, not an exception (it was called ``ArticleError``, which read like one)."""

    origin: str
    message: str
    id: str | None = None

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        return {"id": self.id, "origin": self.origin, "error": self.message}


ArticleError = ArticleFailure
"""Deprecated: the former name of :class:`ArticleFailure` (it is no exception); kept importable."""


def _speaker_ref(sp: Source | None, keys: Mapping[int, str]) -> dict[str, Any] | None:
    """An attribution's speaker in the JSONL record: a reference to the source written once, with
    what a reader of one attribution wants without the lookup (name, person key, gender)."""
    if sp is None:
        return None
    ref: dict[str, Any] = {"ref": keys[id(sp)], "name": sp.name}
    if sp.person:
        ref["person"] = sp.person
    if sp.gender:
        ref["gender"] = sp.gender
    return ref


def _lean(d: dict[str, Any]) -> dict[str, Any]:
    """A record without its empty fields (``None``, empty lists, zero counts by kind): each
    ``from_dict`` reads a missing field as that default, and a corpus's output is mostly them."""
    out = {k: v for k, v in d.items() if v is not None and v != [] and k != "by_kind"}
    if any(d.get("by_kind", {}).values()):
        out["by_kind"] = {k: n for k, n in d["by_kind"].items() if n}
    return out


def _flatten(d: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in d.items():
        key = f"{prefix}{k}"
        if isinstance(v, Mapping) and k != "meta":
            out.update(_flatten(v, key + "_"))
        elif isinstance(v, list | tuple):
            # one type a column (parquet needs it): a list is always a "; "-joined string,
            # spans and records shown by their text or name
            out[key] = "; ".join(str(x.get("text", x.get("name", x))) if isinstance(x, Mapping) else str(x) for x in v)
        else:
            out[key] = v
    return out


def to_frame(items: Iterable[Any], text: str | None = None) -> pd.DataFrame:
    """A DataFrame with one row an item, nested spans flattened (``content_start``, ``content_text``…)."""
    import pandas as pd

    return pd.DataFrame([_flatten(it.to_dict(text)) for it in items])
