"""Statuses: whether each number and each claim of an article is attributed, and the
article's claims profile.

The numbers come from :mod:`.numbers`, the regions attributions cover from :mod:`.coverage`;
this module decides, with the rules the package docstring lists, which of the article's
numbers and clauses are someone's (``attributed``), the naming of a source (``frame``), the
article's own check-worthy assertions (``unattributed``) or not assertions at all
(``context``). :func:`annotate` runs the stage; :func:`summary` counts what it found.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from ..model import Analysis, Claim, Number, Paragraph, Sentence, SpanIndex, Unasserted
from ..spans import trim
from ..text import split_sentences
from . import coverage
from .indexes import FirstHolding, QuoteIndex
from .lexicon import ClaimLexicon, ClaimWords, claim_words, lexicon
from .numbers import find_numbers

QUANTITY_KINDS = ("quantity", "duration", "score")
"""Number kinds that are quantity claims (``time`` is not)."""

CLAIM_STATUSES = ("attributed", "frame", "unattributed", "context")

_SUPERLATIVE_SKIP = frozenset(
    """rest west test interest request protest contest arrest quest chest
    nest guest forest inquest conquest manifest harvest midwest latest suggest priest""".split()
)

_SUPERLATIVE = re.compile(r"\bthe\s+(?:most\s+\w+|least\s+\w+|only|(\w+est))\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"[\"“‘']?(?:if|unless|whether|suppose|should)\b", re.IGNORECASE)
# A completed event reported as fact: a perfect or a passive ("have fallen", "were rerouted").
_PERFECT_OR_PASSIVE = re.compile(
    r"\b((?:has|have|had|was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    r"(\w+(?:ed|en|wn|lt|ught|ung|ost)))\b(?!\s+to\b)",
    re.IGNORECASE,
)
_STATIVE = frozenset(
    """worried concerned pleased interested excited tired surprised disappointed expected
    supposed scheduled determined convinced committed involved based used required allowed seen been
    given taken known shown""".split()
)
_DEFINITE = frozenset("the these those both its their his her our your whose all".split())


_INIT_FIELDS: dict[type, tuple[str, ...]] = {}


def _init_fields(cls: type) -> tuple[str, ...]:
    """The init fields of a dataclass, found once a class."""
    names = _INIT_FIELDS.get(cls)
    if names is None:
        names = _INIT_FIELDS[cls] = tuple(f.name for f in fields(cls) if f.init)
    return names


def _replace(obj: Any, **changes: Any) -> Any:
    """``dataclasses.replace`` for a dataclass with plain init fields, without its per-call
    introspection of the class (it ran once for every number of every article)."""
    for name in _init_fields(type(obj)):
        if name not in changes:
            changes[name] = getattr(obj, name)
    return type(obj)(**changes)


def _para_index(paragraphs: Sequence[Paragraph], pos: int, starts: list[int]) -> int:
    k = bisect_right(starts, pos) - 1
    return k if k >= 0 and pos < paragraphs[k].end else -1


@dataclass(frozen=True)
class _Article:
    """What the steps of :func:`annotate` read: the text in paragraphs and sentences, the one
    scan of its words, and the indexes over its quotations and attributions."""

    text: str
    paragraphs: Sequence[Paragraph]
    sentences: Sequence[Sentence]
    pstarts: list[int]
    sstarts: list[int]
    words: ClaimWords
    quote_index: QuoteIndex
    unlinked: SpanIndex
    region_index: SpanIndex
    covering: coverage.Covering
    sourceless: FirstHolding

    @classmethod
    def read(cls, analysis: Analysis, lex: ClaimLexicon) -> _Article:
        text = analysis.text
        paragraphs = analysis.article.paragraphs or (Paragraph(0, len(text), "body", "whole text"),)
        sentences = analysis.sentences or tuple(split_sentences(text, paragraphs))
        attributions = analysis.attributions
        # outer quotation regions, for quotes no attribution links to a speaker (scare quotes are short)
        quote_spans = [q.span for q in analysis.quotes if q.depth == 0]
        regions = coverage.regions(attributions)
        return cls(
            text,
            paragraphs,
            sentences,
            [p.start for p in paragraphs],
            [s.start for s in sentences],
            words=claim_words(text, lex),
            quote_index=QuoteIndex.build(quote_spans),
            unlinked=SpanIndex.build(
                (q.start, q.end) for q in quote_spans if coverage.THREE_WORDS.search(text, q.start, q.end)
            ),
            region_index=SpanIndex.build(regions),
            covering=coverage.Covering(regions),
            sourceless=coverage.sourceless_holders(attributions),
        )

    def sentence_of(self, pos: int) -> Sentence | None:
        k = bisect_right(self.sstarts, pos) - 1
        return self.sentences[k] if k >= 0 and pos < self.sentences[k].end else None


@dataclass(frozen=True)
class _Starts:
    """The numbers with their statuses, and where every number, hedge, evaluative word and fact
    verb starts, to take those of a clause by bisection; ``times`` holds the time expressions."""

    numbers: list[Number]
    nstarts: list[int]
    times: SpanIndex
    hstarts: list[int]
    estarts: list[int]
    fstarts: list[int]

    @classmethod
    def build(cls, numbers: list[Number], found: ClaimWords) -> _Starts:
        times = SpanIndex.build((n.start, n.end) for n in numbers if n.kind == "time")
        return cls(
            numbers,
            [n.start for n in numbers],
            times,
            [h.start for h in found.hedges],
            [h.start for h in found.evaluative],
            [p for p, _ in found.facts],
        )


def annotate(analysis: Analysis) -> Analysis:
    """The analysis with ``numbers`` and ``claims`` filled in (a new Analysis; the input is kept).

    Reads the paragraphs' roles, ``sentences`` (split here if empty), ``attributions`` (may be
    empty: then nothing is ``attributed``) and ``quotes`` (quotation regions no attribution links
    to a speaker make their claims and numbers ``context``, not the article's own assertions)."""
    lex = lexicon()
    article = _Article.read(analysis, lex)
    numbers = [_number_status(n, article) for n in find_numbers(article.text, article.words, lex)]
    claims = _claims(article, _Starts.build(numbers, article.words))
    _unasserted_numbers(claims, numbers)
    return replace(analysis, numbers=tuple(numbers), claims=tuple(claims))


def _number_status(n: Number, article: _Article) -> Number:
    """``n`` with its status, the attribution that holds it and the evidence for them."""
    text, paragraphs = article.text, article.paragraphs
    pi = _para_index(paragraphs, n.start, article.pstarts)
    role = paragraphs[pi].role if pi >= 0 else "body"
    status, idx = article.covering(n.span)
    ev = n.evidence
    if status:
        ev += (f"status:in_{'content' if status == 'attributed' else 'frame'}:{idx}",)
    elif pi >= 0 and not paragraphs[pi].holds_speech:
        status, ev = "context", ev + (f"status:{role}",)
    elif n.kind == "time":
        status, ev = "context", ev + ("status:time",)
    elif role in ("headline", "subheading"):
        status, ev = "context", ev + (f"status:{role}",)
    elif article.unlinked.beyond(n.start, n.end):  # inside a quotation of three words or more
        status, ev = "context", ev + ("status:unlinked_quotation",)
    elif (sent := article.sentence_of(n.start)) is not None and text[sent.start : sent.end].rstrip("”\"’' ").endswith(
        "?"
    ):
        status, ev = "context", ev + ("status:question",)
    elif (
        "numeral:spelled" in ev
        and (n.value or 0) <= 10
        and not n.hedge
        and (m := re.search(r"([\w’']+)\s+$", text[max(0, n.start - 15) : n.start]))
        and m.group(1).lower() in _DEFINITE
    ):
        status, ev = "context", ev + ("status:definite_reference",)
    else:
        holder = article.sourceless.first(n.start, n.end)
        status = "unattributed"
        ev += (f"status:sourceless_attribution:{holder}",) if holder is not None else ("status:no_attribution",)
    return _replace(n, status=status, attribution=idx, evidence=ev)


def _claims(article: _Article, starts: _Starts) -> list[Claim]:
    """Each sentence of a speech-capable paragraph cut at attribution boundaries into claims."""
    text, paragraphs, found = article.text, article.paragraphs, article.words
    numbers, nstarts, times = starts.numbers, starts.nstarts, starts.times
    hstarts, estarts = starts.hstarts, starts.estarts
    claims: list[Claim] = []
    for si, sent in enumerate(article.sentences):
        para = paragraphs[sent.paragraph] if 0 <= sent.paragraph < len(paragraphs) else None
        if para is not None and not para.holds_speech:
            continue
        pieces = coverage.pieces(text, sent, article.region_index)
        for s, e, label, idx in pieces:
            s, e = trim(text, s, e, chars=",;:—–-")
            if s >= e:
                continue
            lo = bisect_right(nstarts, s - 1)
            hi = bisect_right(nstarts, e - 1)
            nums = tuple(k for k in range(lo, hi) if numbers[k].end <= e + 1) if hi > lo else ()
            status, ev, why = _claim_status(article, starts, para, s, e, label, idx, nums)
            # most clauses have neither: skip building the generators for empty slices
            hs = found.hedges[bisect_right(hstarts, s - 1) : bisect_right(hstarts, e - 1)]
            hedges = tuple(h for h in hs if h.end <= e and not times.holds(h.start)) if hs else ()
            es = found.evaluative[bisect_right(estarts, s - 1) : bisect_right(estarts, e - 1)]
            evaluative = tuple(h for h in es if h.end <= e) if es else ()
            if hedges:
                ev.append("hedged")
            if evaluative:
                ev.append("evaluative")
            kind = "sentence" if len(pieces) == 1 else "clause"
            claims.append(
                Claim(
                    s,
                    e,
                    status,
                    kind=kind,
                    paragraph=sent.paragraph,
                    sentence=si,
                    attribution=idx,
                    numbers=nums,
                    hedges=hedges,
                    evaluative=evaluative,
                    evidence=tuple(ev),
                    unasserted=why,
                )
            )
    return claims


def _claim_status(
    article: _Article,
    starts: _Starts,
    para: Paragraph | None,
    s: int,
    e: int,
    label: str,
    idx: int | None,
    nums: tuple[int, ...],
) -> tuple[str, list[str], Unasserted | None]:
    """A piece's status and the evidence for it: its attribution's, else ``context`` where it
    cannot be the article's own assertion (and why, typed), else ``unattributed`` when it asserts
    a checkable fact."""
    chunk = article.text[s:e]
    if label == "attributed":
        return "attributed", [f"in_content:{idx}"], None
    if label == "frame":
        return "frame", [f"frame:{idx}"], None
    why: Unasserted | None = None
    if para is not None and para.role in ("headline", "subheading"):
        why = Unasserted(para.role)
    elif chunk.rstrip("”\"’' ").endswith("?"):
        why = Unasserted.QUESTION
    elif _CONDITIONAL.match(chunk):
        why = Unasserted.CONDITIONAL
    elif article.quote_index.share(s, e) >= 0.6:
        why = Unasserted.UNLINKED_QUOTATION  # someone's words, though no attribution links them to a speaker
    else:
        signals = _assertion_signals(article, starts, s, e, nums)
        if signals:
            return "unattributed", signals, None
        why = Unasserted.NO_SIGNAL
    return "context", [why.value], why


def _assertion_signals(article: _Article, starts: _Starts, s: int, e: int, nums: tuple[int, ...]) -> list[str]:
    """The signals that a piece asserts a checkable fact: an unattributed quantity, an event
    verb, a superlative, a calendar date or year, a perfect or passive."""
    text, numbers, times, fstarts = article.text, starts.numbers, starts.times, starts.fstarts
    chunk = text[s:e]
    signals = [
        f"quantity:{text[numbers[k].start : numbers[k].end]}" for k in nums if numbers[k].status == "unattributed"
    ]
    verbs = [
        w
        for p, w in article.words.facts[bisect_right(fstarts, s - 1) : bisect_right(fstarts, e - 1)]
        if not times.holds(p)
    ]  # "next fall" is no verb
    signals += [f"fact_verb:{v}" for v in verbs[:2] if v != "record"]
    if "record" in verbs or any(w.lower() not in _SUPERLATIVE_SKIP for w in _SUPERLATIVE.findall(chunk)):
        signals.append("superlative")
    signals += [
        f"dated:{text[numbers[k].start : numbers[k].end]}"
        for k in nums
        if (when := numbers[k].when) is not None and when.dated
    ][:1]
    if (pm := _PERFECT_OR_PASSIVE.search(chunk)) and pm.group(2).lower() not in _STATIVE:
        signals.append(f"completed_event:{pm.group(1)}")
    return signals


def _unasserted_numbers(claims: list[Claim], numbers: list[Number]) -> None:
    """A number in a clause that is not asserted (a conditional, an unlinked quotation, a
    question) is not either: its status becomes ``context`` (in place)."""
    for c in claims:
        if c.status == "context" and c.unasserted is not None and c.unasserted.voids_numbers:
            reason = f"status:{c.unasserted.value}"
            for k in c.numbers:
                if numbers[k].status == "unattributed":
                    numbers[k] = replace(numbers[k], status="context", evidence=numbers[k].evidence[:-1] + (reason,))


def summary(analysis: Analysis) -> dict[str, Any]:
    """The claims part of an article's sourcing profile (merged into the sources profile).

    ``share_claims_attributed`` is attributed / (attributed + unattributed) claims: frames and
    context are not assertions. ``unattributed_numbers`` lists every quantity the article
    asserts on its own authority, with its value, unit, hedge and counted noun.
    """
    text = analysis.text
    by_status = Counter(c.status for c in analysis.claims)
    asserted = by_status["attributed"] + by_status["unattributed"]
    quantities = [n for n in analysis.numbers if n.kind in QUANTITY_KINDS]
    qstatus = Counter(n.status for n in quantities)
    qasserted = qstatus["attributed"] + qstatus["unattributed"]
    return {
        "claims": len(analysis.claims),
        "claims_by_status": {s: by_status[s] for s in CLAIM_STATUSES},
        "share_claims_attributed": round(by_status["attributed"] / asserted, 4) if asserted else None,
        "hedged_claims": sum(c.hedged for c in analysis.claims),
        "evaluative_claims": sum(c.is_evaluative for c in analysis.claims),
        "unattributed_evaluative_claims": sum(c.is_evaluative and c.status == "unattributed" for c in analysis.claims),
        "numbers": len(quantities),
        "time_expressions": sum(n.kind == "time" for n in analysis.numbers),
        "numbers_by_status": dict(qstatus),
        "share_numbers_attributed": round(qstatus["attributed"] / qasserted, 4) if qasserted else None,
        "unattributed_numbers": [
            {
                "text": text[n.start : n.end],
                "start": n.start,
                "end": n.end,
                "value": n.value,
                "unit": n.unit,
                "hedge": n.hedge,
                "bound": n.bound,
                "counted": text[n.counted.start : n.counted.end] if n.counted else None,
            }
            for n in quantities
            if n.status == "unattributed"
        ],
    }
