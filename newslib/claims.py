"""Claims and numbers: what the article asserts, and whether it says who says so.

A fact-checker's first two questions about an article are which numbers it gives and which of
its factual claims it asserts without a source. This stage answers both from what earlier
stages found (paragraph roles, sentences, attributions), with readable rules over lexicons the
project ships (``data/units.txt``, ``hedges.txt``, ``number_words.txt``, ``time_words.txt``,
``evaluative.txt``); nothing is learned, downloaded or tagged, so it runs at regex speed.

**Numbers.** Time expressions are found first ("October 7", "on Wednesday", "next week",
"10 a.m.") so that their digits are never read as counts. Every other numeral (digits, spelled
out, "a dozen", "thousands") is read with its hedge ("more than" -> lower bound), its unit
("$", "percent", "km", "three years") and the noun it counts ("32,000 Palestinians" -> people).
A bare four-digit year ("in 2016") is a time unless a plural noun follows ("2000 troops").
Numbers that are names ("Resolution 2728", "F-16", "COVID-19") are not reported.

**Status.** A number inside the content of an attribution that names a source (a source span or
a resolved speaker) is ``attributed``; the content of one that names none ("the talks are
expected to focus on Rafah, home to more than a million ...") says no more than the article
itself and is read as unattributed (evidence ``sourceless_attribution``). Inside a source or
cue (``two officials said``) a number is ``frame``; otherwise a quantity is ``unattributed``, except
where it cannot be a claim of the article's own (``context``): captions and other furniture,
headlines, questions, conditionals, quotations no attribution links to a speaker, and definite
references made with a small spelled-out number ("the two allies"). Time expressions are
``context`` unless inside an attribution.

**Claims.** Each sentence of a speech-capable paragraph is cut at attribution boundaries into
``attributed`` pieces (content), ``frame`` pieces (source and cue, with short connecting
words such as "on Wednesday") and the rest. The rest is ``unattributed`` when it carries a
signal that a checkable fact is asserted (an unattributed quantity, an event verb such as
"killed" or "rose", a superlative, a calendar date or year, a perfect or passive such as "have
fallen" or "were rerouted") and ``context`` otherwise, and always in headlines, subheadings,
questions, conditionals ("If ...") and unlinked quotations. "Unattributed" is thus meant as the
check-worthy list a fact-checker starts from, not as every sentence the reporter wrote.
Hedging and evaluative words are marked on every claim, whatever its status.

Every Number and Claim carries ``evidence``: the names of the rules that decided it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from functools import cache, lru_cache
from heapq import heappop, heappush
from itertools import accumulate
from typing import Any

from .model import Analysis, Attribution, Claim, Number, Paragraph, Sentence, Span, SpanIndex
from .text import read_lexicon, split_sentences

QUANTITY_KINDS = ("quantity", "duration", "score")
"""Number kinds that are quantity claims (``time`` is not)."""

CLAIM_STATUSES = ("attributed", "frame", "unattributed", "context")

# Event and measurement verbs: a sentence that uses one asserts something that happened and can be
# checked ("killed", "rose", "voted"). Kept short and concrete on purpose: a longer list turns
# every background sentence into a "claim". Attribution cues (said, reported) are not here.
FACT_VERBS = frozenset("""
    kill killed kills killing die died dies dead wounded injured injuring arrested detained
    charged convicted sentenced indicted rise rose risen rises fell fall falls fallen increased
    decreased declined dropped doubled tripled halved grew grown surged soared plunged jumped
    climbed slumped spent won lost voted passed approved rejected signed vetoed banned
    launched attacked struck bombed shelled displaced evacuated destroyed damaged fired shot seized
    captured released freed canceled cancelled postponed resigned elected defeated raised paid
    earned owed hit totaled totalled reached exceeded topped recorded fined sued resumed began ended
    opened closed collapsed crashed hired laid sold bought acquired merged filed ruled blocked suspended
    delayed stranded grounded treated hospitalized rescued
""".split())

_SUPERLATIVE_SKIP = frozenset("""rest west test interest request protest contest arrest quest chest
    nest guest forest inquest conquest manifest harvest midwest latest suggest priest""".split())

_STOP = frozenset("""the a an of in on at to for with by from into than as and or but nor that which
    who whom whose is are was were be been being has have had will would could should may might can
    must shall do does did said says say told per each this these those their its his her our your
    my more less out up down ago over under after before since last next not no it they he she we
    you i them him us me there here then when where while if because so such all both some any
    than also just only about around nearly almost roughly least most""".split())

_SUPERLATIVE = re.compile(r"\bthe\s+(?:most\s+\w+|least\s+\w+|only|(\w+est))\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"[\"“‘']?(?:if|unless|whether|suppose|should)\b", re.IGNORECASE)
# A completed event reported as fact: a perfect or a passive ("have fallen", "were rerouted").
_PERFECT_OR_PASSIVE = re.compile(
    r"\b((?:has|have|had|was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?"
    r"(\w+(?:ed|en|wn|lt|ught|ung|ost)))\b(?!\s+to\b)", re.IGNORECASE)
_STATIVE = frozenset("""worried concerned pleased interested excited tired surprised disappointed expected
    supposed scheduled determined convinced committed involved based used required allowed seen been
    given taken known shown""".split())
_DATED = frozenset(("time:date", "time:year", "time:decade"))
_ANY_WORD = re.compile(r"[^\W_]")
_THREE_WORDS = re.compile(r"[^\W_]+[\W_]+[^\W_]+[\W_]+[^\W_]")
_DEFINITE = frozenset("the these those both its their his her our your whose all".split())

_RANGE = re.compile(r"(-to-|\s*(?:-|–|—)\s*|\s+to\s+|\s+and\s+)(?:[$€£][ ]?)?"
                    r"(\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d,]*\.?\d)|"
                    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
                    r"sixty|seventy|eighty|ninety|hundred)\b)", re.IGNORECASE)
_ONE_NOT = frozenset("day time way thing side another more less hand point person".split())
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_][\w'’.-]*)")


@dataclass(frozen=True)
class _Lexicon:
    """Everything read from the data files, compiled once."""

    number_hedges: dict[str, str]
    trailing_hedges: dict[str, str]
    hedge_before: re.Pattern[str]
    hedge_after: re.Pattern[str]
    claim_hedges: re.Pattern[str]
    evaluative: re.Pattern[str]
    words: dict[str, tuple[float, str]]
    anchor: re.Pattern[str]
    prefix: dict[str, str]
    suffix: dict[str, str]
    suffix_re: re.Pattern[str]
    counted: dict[str, str]
    labels: frozenset[str]
    time_re: re.Pattern[str]
    time_units: frozenset[str]
    time_after_re: re.Pattern[str]
    clock_re: re.Pattern[str]
    may_lead: re.Pattern[str]
    time_first: frozenset[str]
    number_first: frozenset[str]
    hedge_first: frozenset[str]
    evaluative_first: frozenset[str]
    candidates: re.Pattern[str]


def _first(phrase: str) -> str:
    """The first word of a phrase as the candidate scanner sees it (letters only, lower case)."""
    m = re.match(r"[^\W\d_]+", phrase)
    return m.group().lower() if m else phrase.lower()


def _cols(line: str) -> list[str]:
    return re.split(r"\t+|\s{2,}", line.strip())


def _alt(phrases: Sequence[str]) -> str:
    """A regex alternation of literal phrases, longest first, inner spaces matching any space."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    number_hedges: dict[str, str] = {}
    trailing: dict[str, str] = {}
    epistemic: list[str] = []
    for line in read_lexicon("hedges.txt"):
        phrase, kind = _cols(line)[:2]
        if kind == "epistemic":
            epistemic.append(phrase)
        elif phrase.startswith("+"):
            trailing[phrase[1:]] = kind
        else:
            number_hedges[phrase] = kind
    words: dict[str, tuple[float, str]] = {}
    for line in read_lexicon("number_words.txt"):
        w, v, t = _cols(line)[:3]
        words[w] = (float(v), t)
    prefix: dict[str, str] = {}
    suffix: dict[str, str] = {}
    counted: dict[str, str] = {}
    labels: set[str] = set()
    for line in read_lexicon("units.txt"):
        w, unit, t = _cols(line)[:3]
        {"prefix": prefix, "suffix": suffix, "counted": counted}.get(t, {})[w] = unit
        if t == "label":
            labels.add(w)
    times: dict[str, list[str]] = {}
    for line in read_lexicon("time_words.txt"):
        w, t = _cols(line)[:2]
        times.setdefault(t, []).append(w)
    evaluative = read_lexicon("evaluative.txt")

    spelled = [w for w, (_, t) in words.items() if t in ("unit", "tens", "scale") and w not in ("bn", "mn", "tn")]
    w_alt = _alt(spelled)
    ratio_alt = _alt([w for w, (_, t) in words.items() if t in ("unit", "tens")])
    vague = [w for w, (_, t) in words.items() if t == "vague"]
    fractions = [w for w, (_, t) in words.items() if t == "fraction"]
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
    anchor = re.compile(
        rf"""(?P<ratio>\b(?:one|two|three|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d+|{ratio_alt})\b)
          | (?P<frac>\b(?:(?:a|one|two|three|four|nine)[\s-])?(?:{_alt(fractions)})\b)
          | (?P<vague>\b(?:{_alt(vague)})\b)
          | (?P<cur>{_alt(list(prefix))})?[ ]?(?P<num>(?<![\w.,])(?:{digits}))(?![\d])
          | (?P<spelled>\b(?:an?\s+(?=(?:dozen|hundred|thousand|million|billion|trillion)\b))?
                (?:{w_alt})(?:(?:(?<=hundred)[ ]and[ ]|(?<=thousand)[ ]and[ ]|(?<=million)[ ]and[ ]|[ -]+)
                (?:{w_alt}))*\b)
        """,
        re.VERBOSE | re.IGNORECASE,
    )
    months = times["month"]
    month_alt = _alt(months)
    mods = _alt(times["modifier"])
    periods = _alt(times["period"])
    weekday = _alt(times["weekday"])
    time_re = re.compile(
        rf"""(?P<date>
              (?:{month_alt})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?
            | \b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{month_alt})(?:,?\s+\d{{4}}\b)?
            | (?:{month_alt}),?\s+\d{{4}}\b)
          | (?P<weekday>(?:\b(?i:{mods})\s+)?\b(?:{weekday})\b(?:\s+(?:morning|afternoon|evening|night)\b)?)
          | (?P<month>(?:\b(?i:{mods})\s+)?\b(?:{_alt([m for m in months if m != "May"])})(?!\w)
)
          | (?P<relative>\b(?i:{_alt(times["relative"])})\b)
          | (?P<period>\b(?i:{mods})\s+(?i:{periods})\b)
          | (?P<ago>\b(?i:an?|one)\s+(?i:{_alt(times["unit"])})\s+(?i:ago|earlier|later|from\s+now)\b)
          | (?P<clock>\b\d{{1,2}}(?::\d{{2}})?\s*(?i:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock)|\b\d{{1,2}}:\d{{2}}\b
            | \b(?i:noon|midnight)\b)
        """,
        re.VERBOSE,
    )
    suffix_re = re.compile(rf"(?:[ ]?(?:%)|[ \t-]+(?:{_alt([s for s in suffix if s != '%'])})\b)", re.IGNORECASE)
    time_units = frozenset(times["unit"])
    time_after_re = re.compile(rf"\s+(?:{_alt(times['after'])})\b", re.IGNORECASE)
    clock_re = re.compile(rf"\s*(?:{_alt(times['clock'])})(?!\w)", re.IGNORECASE)
    time_first = frozenset(_first(w) for t in ("month", "weekday", "relative", "modifier")
                           for w in times[t]) | {"a", "an", "one", "noon", "midnight"}
    number_first = frozenset(_first(w) for w in words) | {"a", "an"}
    hedge_first = frozenset(_first(w) for w in epistemic)
    evaluative_first = frozenset(_first(w) for w in evaluative)
    triggers = time_first | number_first | hedge_first | evaluative_first | FACT_VERBS | {"record"}
    cased = {v for w in triggers for v in (w, w.capitalize(), w.upper())}
    return _Lexicon(
        number_hedges=number_hedges,
        trailing_hedges=trailing,
        hedge_before=re.compile(rf"\b({_alt(list(number_hedges))})\s+$", re.IGNORECASE),
        hedge_after=re.compile(rf"\s+({_alt(list(trailing))})\b", re.IGNORECASE),
        claim_hedges=re.compile(rf"\b(?:{_alt(epistemic)})\b", re.IGNORECASE),
        evaluative=re.compile(rf"\b(?:{_alt(evaluative)})(?![\w-])", re.IGNORECASE),
        words=words,
        anchor=anchor,
        prefix=prefix,
        suffix=suffix,
        suffix_re=suffix_re,
        counted=counted,
        labels=frozenset(labels),
        time_re=time_re,
        time_units=time_units,
        time_after_re=time_after_re,
        clock_re=clock_re,
        may_lead=re.compile(r"\b(?:in|since|until|till|by|of|from|through|during|before|after|early|late|"
                            r"mid-|last|next|this)\s+$", re.IGNORECASE),
        time_first=time_first,
        number_first=number_first,
        hedge_first=hedge_first,
        evaluative_first=evaluative_first,
        # case variants rather than IGNORECASE: the engine then skips most positions on the first char
        candidates=re.compile(rf"(?<![^\W\d_])(?:{_trie_regex(cased)})(?![^\W\d_])|\d[\d,.:]*"),
    )


# -- numbers ---------------------------------------------------------------------------------


def _spelled_value(phrase: str, words: dict[str, tuple[float, str]]) -> float | None:
    """'two hundred thousand' -> 200000; 'a dozen' -> 12; 'twenty-five' -> 25."""
    total = 0.0
    cur = 0.0
    seen = False
    for w in re.split(r"[\s-]+", phrase.lower()):
        if w in ("and", ""):
            continue
        if w in ("a", "an"):
            cur = 1.0
            continue
        v, t = words.get(w, (None, ""))
        if v is None:
            return None
        seen = True
        if t in ("unit", "tens"):
            cur += v
        elif t == "scale":
            if v < 1000:  # hundred, dozen multiply what comes before
                cur = (cur or 1.0) * v
            else:
                total += (cur or 1.0) * v
                cur = 0.0
    return total + cur if seen else None


def _trie_regex(words: set[str]) -> str:
    """A regex matching exactly ``words``, shaped as a trie so that the engine branches once per
    character instead of trying hundreds of alternatives at every position."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        end = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body

    return emit(trie)
_CURRENCY_BEFORE = re.compile(r"(?:US\$|C\$|A\$|[$€£¥₪])[ ]?$")


@dataclass
class _Scan:
    """What one pass over the words of a text found: time expressions, where numerals may start,
    and hedging and evaluative words. Big alternations are tried only where a word from the
    lexicon starts, which keeps the stage at tokenizer speed (trying them at every character
    position was ten times slower)."""

    times: list[tuple[int, int, str]]
    anchors: list[re.Match[str]]
    hedges: list[Span]
    evaluative: list[Span]
    facts: list[tuple[int, str]]


def _scan(text: str, lex: _Lexicon) -> _Scan:
    times: list[tuple[int, int, str]] = []
    anchors: list[re.Match[str]] = []
    hedges: list[Span] = []
    evaluative: list[Span] = []
    time_end = 0
    facts: list[tuple[int, str]] = []
    for c in lex.candidates.finditer(text):
        p = c.start()
        w = c.group()
        digit = w[0].isdigit()
        lw = w.lower()
        if p >= time_end and (digit or lw in lex.time_first):
            m = lex.time_re.match(text, p)
            if m:
                times.append((p, m.end(), m.lastgroup or "time"))
                time_end = m.end()
            elif w == "May" and lex.may_lead.search(text, max(0, p - 12), p):
                y = re.match(r"May,?\s+\d{4}\b", text[p : p + 12])
                time_end = p + (y.end() if y else 3)
                times.append((p, time_end, "month"))
        if digit:
            cur = _CURRENCY_BEFORE.search(text, max(0, p - 4), p)
            m = lex.anchor.match(text, cur.start() if cur else p)
            if m:
                anchors.append(m)
        elif lw in lex.number_first:
            m = lex.anchor.match(text, p)
            if m:
                anchors.append(m)
        if lw in lex.hedge_first and (m := lex.claim_hedges.match(text, p)):
            hedges.append(Span(p, m.end()))
        if lw in lex.evaluative_first and (m := lex.evaluative.match(text, p)):
            evaluative.append(Span(p, m.end()))
        if lw in FACT_VERBS or lw == "record":
            facts.append((p, lw))
    times.sort()
    return _Scan(times, anchors, hedges, evaluative, facts)


def _counted(text: str, pos: int, lex: _Lexicon, allow_of: bool) -> tuple[Span | None, str | None, str]:
    """The noun a number counts: up to three modifiers then a head noun (listed, or plural)."""
    p = pos
    if allow_of:
        m = re.match(r"\s+of\s+(?:the\s+|its\s+|their\s+)?", text[p : p + 20])
        if m:
            p += m.end() - 1  # keep one space for _WORD_AFTER
    first: int | None = None
    for _ in range(4):
        m = _WORD_AFTER.match(text, p)
        if not m:
            return None, None, ""
        w = m.group(1).rstrip(".")
        lw = w.lower()
        ws, we = m.start(1), m.start(1) + len(w)
        two = m and _WORD_AFTER.match(text, we)
        if two and f"{lw} {two.group(1).lower()}" in lex.counted:
            return Span(first if first is not None else ws, two.end(1)), lex.counted[f"{lw} {two.group(1).lower()}"], \
                "counted:lexicon"
        if lw in lex.counted:
            return Span(first if first is not None else ws, we), lex.counted[lw], "counted:lexicon"
        if lw in _STOP or lw in lex.time_units or "’" in w or "'" in w:
            return None, None, ""
        if len(lw) >= 4 and lw.endswith("s") and not lw.endswith(("ss", "us", "is", "ics", "ous")) or (
            w[0].isupper() and lw.endswith(("ans", "ians", "is", "ese", "ers", "ats", "ists"))
        ):
            nxt = _WORD_AFTER.match(text, we)
            if nxt and nxt.group(1).lower().rstrip(".") in lex.counted:  # "64 measles cases"
                ne = nxt.start(1) + len(nxt.group(1).rstrip("."))
                return Span(first if first is not None else ws, ne), lex.counted[nxt.group(1).lower().rstrip(".")], \
                    "counted:lexicon"
            unit = "people" if w[0].isupper() and not lw.endswith(("ss",)) else "count"
            return Span(first if first is not None else ws, we), unit, "counted:plural"
        if first is None:
            first = ws
        p = we
    return None, None, ""


def _one_counts(text: str, s: int, e: int, lex: _Lexicon) -> bool:
    """A bare "one" is a count only before a counted noun ("one soldier"), or opening a sentence
    before a plain noun ("One firefighter was hurt"); never "one of", "no one", "one another"."""
    m = _WORD_AFTER.match(text, e)
    if not m:
        return False
    w = m.group(1).lower().rstrip(".")
    if w in lex.counted and w not in _ONE_NOT:
        return True
    sentence_start = s == 0 or re.search(r"(?:^|[.!?\n][\"”’']?)\s*$", text[max(0, s - 4) : s]) is not None
    return text[s].isupper() and sentence_start and w.isalpha() and w not in _STOP and w not in _ONE_NOT \
        and w not in lex.time_units and m.group(1)[0].islower()


def _find_numbers(text: str, scan: _Scan, lex: _Lexicon) -> list[Number]:
    """Every time expression and quantity in ``text``, in text order (statuses not yet set)."""
    out: list[Number] = []
    times = scan.times
    for s, e, kind in times:
        value = None
        m = re.search(r"\b(\d{4})\b", text[s:e])
        if m:
            value = float(m.group(1))
        out.append(Number(s, e, value, "time", None, kind="time", bound="exact",
                          evidence=(f"time:{kind}",)))
    starts = [t[0] for t in times]
    ends = [t[1] for t in times]

    def in_time(s: int, e: int) -> bool:
        k = bisect_right(starts, s) - 1
        return (k >= 0 and ends[k] > s) or (k + 1 < len(starts) and starts[k + 1] < e)

    consumed = 0
    for m in scan.anchors:
        s, e = m.start(), m.end()
        if s < consumed or in_time(s, e):
            continue
        group = m.lastgroup
        ev: list[str] = []
        unit: str | None = None
        value: float | None = None
        kind = "quantity"
        bound = "exact"
        lower = upper = versus = None
        allow_of = False
        if m.group("ratio"):
            a, b = re.split(r"\s+(?:in|out\s+of)\s+(?:every\s+)?", m.group("ratio").lower())
            va = float(a) if a.isdigit() else lex.words[a][0]
            vb = float(b) if b.isdigit() else lex.words[b][0]
            if not vb or va > vb:
                continue
            value = round(va / vb, 4)
            unit, allow_of = "share", True
            ev.append("numeral:ratio")
        elif m.group("frac"):
            if not (re.match(r"\s+of\b", text[e : e + 4]) or re.search(r"\bby\s+$", text[max(0, s - 4) : s])):
                continue  # a share is "half of", "a third of", "cut by a fifth"; not "the third quarter"
            words = re.split(r"[\s-]+", m.group("frac").lower())
            base = lex.words.get(words[-1], (0.5, "fraction"))[0]
            mult = 1.0 if len(words) == 1 or words[0] in ("a", "one") else lex.words[words[0]][0]
            value = round(base * mult, 4)
            unit, allow_of = "share", True
            ev.append("numeral:fraction")
        elif m.group("vague"):
            value, _ = lex.words[re.sub(r"\s+", " ", m.group("vague").lower())]
            if m.group("vague").lower() == "scores" and not text.startswith(" of", e):
                continue
            kind, bound, lower, upper = "quantity", "vague", value, value * 5
            allow_of = True
            ev.append("numeral:vague")
        elif m.group("num"):
            s = m.start("cur") if m.group("cur") else m.start("num")
            raw = m.group("num")
            if s > 0 and (text[s - 1].isalpha() or (text[s - 1] in "-–" and s > 1 and text[s - 2].isalpha()
                                                     and text[s - 5 : s - 1].lower() != "mid")):
                continue  # F-16, COVID-19, G7: part of a name
            if len(raw) > 8 and raw.isdigit():
                continue  # an identifier (tweet id, phone or account number), not a quantity
            if re.match(r"/\d", text[e : e + 2]) or (s > 1 and text[s - 1] == "/" and text[s - 2].isdigit()):
                continue  # 9/11, 24/7, 3/4: a date, a name or a fraction written with a slash
            if s > 0 and text[s - 1] in "’'" and re.match(r"\d0s\b", text[e - 2 : e + 2]):  # the ’90s
                out.append(Number(s - 1, e + 1, None, "time", None, kind="time", evidence=("time:decade",)))
                consumed = e + 1
                continue
            if e < len(text) and text[e].isalpha() and not re.match(
                    r"(?:bn|mn|tn|m|k|thousand|million|billion|trillion)\b", text[e : e + 9], re.IGNORECASE):
                if re.fullmatch(r"1[5-9]\d0|20\d0", raw) and re.match(r"s\b", text[e : e + 2]):  # the 1990s
                    out.append(Number(s, e + 1, float(raw), "time", None, kind="time", evidence=("time:decade",)))
                consumed = e + 1
                continue  # ordinals (7th), 10am, 3D: neither quantities nor, outside dates, times
            prev = re.search(r"([\w.]+)\s*$", text[max(0, s - 20) : s])
            if prev and prev.group(1).lower() in lex.labels:
                continue
            value = float(raw.replace(",", "")) if raw[0] != "." else float(raw)
            ev.append("numeral:digits")
            if m.group("cur"):
                cur = m.group("cur")
                unit = lex.prefix.get(cur) or lex.prefix.get(cur.upper()) or "USD"
                ev.append("unit:currency_prefix")
            sc = re.match(r"[ \t-]?(hundred|thousand|million|billion|trillion|bn|mn|tn|m|k)\b", text[e : e + 12],
                          re.IGNORECASE)
            if sc and (sc.group(1).lower() not in ("m", "k") or m.group("cur")):
                mult = {"m": 1e6, "k": 1e3}.get(sc.group(1).lower()) or lex.words[sc.group(1).lower()][0]
                value *= mult
                e += sc.end()
                ev.append("scale")
            # a year standing alone is a time
            if (not m.group("cur") and not sc and re.fullmatch(r"1[5-9]\d\d|20\d\d", raw)):
                cs, cu, _ = _counted(text, e, lex, False)
                after_prep = re.search(r"\b(?:in|since|by|until|of|from|during|before|after|through)\s+$",
                                       text[max(0, s - 9) : s], re.IGNORECASE)
                if after_prep or (cs is None and not lex.suffix_re.match(text, e)):
                    ys = s - 4 if text[max(0, s - 4) : s].lower() == "mid-" else s
                    out.append(Number(ys, e, value, "time", None, kind="time", evidence=("time:year",)))
                    consumed = e
                    continue
        else:  # spelled
            phrase = m.group("spelled")
            lw = phrase.lower()
            if lw == "one" and not _one_counts(text, s, e, lex):
                continue
            if text[max(0, s - 3) : s].lower() == "no ":
                continue
            value = _spelled_value(phrase, lex.words)
            if value is None:
                continue
            ev.append("numeral:spelled")
        # ranges and scores: "10 to 20", "10-20", "5-4", "between 10 and 20"
        rm = _RANGE.match(text[e : e + 30])
        v2 = None
        if rm and value is not None and group in ("num", "spelled"):
            v2 = float(rm.group(2).replace(",", "")) if rm.group(2)[0].isdigit() else \
                _spelled_value(rm.group(2), lex.words)
            sep = rm.group(1).strip()
        if rm and v2 is not None and value is not None:
            between = re.search(r"\bbetween\s+$", text[max(0, s - 10) : s], re.IGNORECASE)
            if (sep == "and" and not between) or (sep == "to" and re.search(
                    r"\bfrom\s+(?:about\s+|roughly\s+|nearly\s+)?$", text[max(0, s - 16) : s], re.IGNORECASE)):
                rm = None  # "from $90 to $100" is a change between two figures, not a range
            elif group == "num" and rm.group(1) in ("-", "–", "—", "-to-") and v2 < 100 and value < 100 and (
                value >= v2 or re.search(r"\b(?:vote|voted|decision|ruling|margin|score|won|win|lost|beat|"
                                         r"victory|defeat|majority|split|tally)\b",
                                         text[max(0, s - 40) : e + 40], re.IGNORECASE)):
                kind, versus = "score", v2
                unit = "votes" if re.search(r"\b(?:vote|voted|votes|decision|ruling|majority|split|tally)\b",
                                            text[max(0, s - 40) : e + 40], re.IGNORECASE) else "score"
                e += rm.end()
                ev.append("score")
                rm = None
            if rm:
                if between:
                    s = between.start() + max(0, s - 10)
                kind, bound, lower, upper = "quantity", "range", value, v2
                after = e + rm.end()
                if sc2 := re.match(r"[ \t]?(thousand|million|billion|trillion|bn)\b", text[after : after + 12],
                                   re.IGNORECASE):
                    mult = lex.words[sc2.group(1).lower()][0]
                    upper = v2 * mult
                    if "scale" not in ev:  # "3 to 5 million": the scale is written once, for both
                        lower = value = value * mult
                    e += sc2.end()
                e += rm.end()
                ev.append("range")
        # trailing hedge "or more"
        hedge = None
        ta = lex.hedge_after.match(text, e)
        # unit after the number
        if kind != "score":
            um = lex.suffix_re.match(text, e)
            if um and unit is None:
                key = re.sub(r"\s+", " ", um.group().strip(" \t-").lower())
                unit = lex.suffix.get(key, "percent" if key == "%" else key)
                e = um.end()
                ev.append("unit:suffix")
                allow_of = allow_of or unit == "percent"
            if unit is None:
                tm = re.match(r"(?:[ \t]+|-)([a-z]+)(-old|[ \t]+old\b)?", text[e : e + 20])
                if tm and tm.group(1).lower() in lex.time_units:
                    te = e + tm.end()
                    if lex.time_after_re.match(text, te) and not tm.group(2):
                        am = lex.time_after_re.match(text, te)
                        assert am is not None
                        if am.group().strip().lower() not in ("before", "after"):
                            te = am.end()
                        kind, unit = "time", "time"
                        ev.append("time:ago")
                    elif re.search(r"\b(?:past|last|next|coming|previous|first|final)\s+$",
                                   text[max(0, s - 12) : s], re.IGNORECASE) and not tm.group(2):
                        kind, unit = "time", "time"
                        ev.append("time:period")
                    else:
                        unit = "years old" if tm.group(2) else tm.group(1).lower().rstrip("s") + "s"
                        kind = "quantity" if tm.group(2) else "duration"
                        ev.append("unit:age" if tm.group(2) else "unit:time")
                    e = te
            if group == "num" and unit is None and (cm := lex.clock_re.match(text, e)):
                kind, unit = "time", "time"
                e = cm.end()
                ev.append("time:clock")
        if ta is None:
            ta = lex.hedge_after.match(text, e)
        counted: Span | None = None
        if group == "spelled" and m.group().lower() == "one" and (w1 := _WORD_AFTER.match(text, e)):
            ws = w1.start(1)
            we = ws + len(w1.group(1).rstrip("."))
            counted, unit = Span(ws, we), lex.counted.get(w1.group(1).lower(), "count")
            ev.append("counted:one_noun")
        elif kind not in ("time", "score") and unit in (None, "share", "percent"):
            counted, cunit, cev = _counted(text, e if not ta else ta.end(), lex,
                                           allow_of or unit in ("percent", "share"))
            if counted is not None:
                if unit is None:
                    unit = cunit
                ev.append(cev)
        if unit is None and kind == "quantity" and group == "num" and value is not None and 0 < value < 120 and (
                re.search(r"\b(?:aged|ages?)\s+$", text[max(0, s - 8) : s], re.IGNORECASE)
                or (re.search(r"[A-Z][\w’'.-]+,\s*$", text[max(0, s - 30) : s])
                    and text[e : e + 1] in (",", "―", "—", "–"))):
            unit = "years old"  # "aged 13 to 17", "at age 16", "Jorge Patel, 43, said"
            ev.append("unit:age_apposition")
        if group == "spelled" and counted is None and unit is None and kind == "quantity" and \
                value is not None and value < 10 and not (value >= 2 and re.match(r"\s+of\b", text[e : e + 4])):
            continue  # "two", "five" with nothing counted: a pronoun ("the other two"), not a quantity
        if unit is None and kind in ("quantity", "duration"):
            unit = "count"
        # hedge before
        hb = lex.hedge_before.search(text, max(0, s - 30), s)
        if hb and (kind == "duration" or bound == "vague") and hb.group(1).lower() in ("over", "under"):
            hb = None  # "over three years" is a period of time, not "more than three years"
        if hb and kind != "time":
            hedge = re.sub(r"\s+", " ", hb.group(1).lower())
            s = hb.start(1)
            b = lex.number_hedges[hedge]
            ev.append(f"hedge:{hedge}")
        elif ta and kind != "time":
            hedge = re.sub(r"\s+", " ", ta.group(1).lower())
            b = lex.trailing_hedges[hedge]
            e = ta.end()
            ev.append(f"hedge:{hedge}")
        else:
            b = None
        if bound == "exact" and b:
            bound = b
        if bound == "exact":
            lower = upper = value
        elif bound == "lower":
            lower, upper = value, None
        elif bound == "upper":
            lower, upper = None, value
        elif bound == "approx":
            lower = upper = None
        if kind == "time":
            value = lower = upper = None
        out.append(Number(s, e, value, unit, hedge, kind=kind, bound=bound, lower=lower, upper=upper,
                          versus=versus, counted=counted, evidence=tuple(ev)))
        consumed = max(consumed, e, counted.end if counted else e)
    out.sort(key=lambda n: (n.start, n.end))
    return out


# -- statuses and claims ---------------------------------------------------------------------


def _parts(a: Attribution) -> tuple[Span, ...]:
    return a.content_parts or ((a.content,) if a.content else ())


def _frame(a: Attribution) -> list[Span]:
    """The "X said" part: source and cue, joined when nothing of the content lies between them."""
    xs = [x for x in (a.source, a.cue) if x is not None]
    if len(xs) == 2:
        lo, hi = min(x.start for x in xs), max(x.end for x in xs)
        if hi - lo < 80 and not any(p.start < hi and lo < p.end for p in _parts(a)):
            return [Span(lo, hi)]
    return xs


def _sourced(a: Attribution) -> bool:
    """Whether an attribution says who: a source span or a resolved speaker. A sourceless one
    ("the talks are expected to ...", "it is believed that ...") credits its content to nobody."""
    return a.source is not None or a.speaker is not None


def _regions(attributions: Sequence[Attribution]) -> list[tuple[int, int, int, int]]:
    """(start, end, priority, attribution index) of every content part (priority 2) and frame (1)
    of the attributions that name a source."""
    out = []
    for i, a in enumerate(attributions):
        if not _sourced(a):
            continue
        out.extend((p.start, p.end, 2, i) for p in _parts(a))
        out.extend((f.start, f.end, 1, i) for f in _frame(a))
    return out


class _Covering:
    """'attributed' or 'frame' with the attribution's index when a region of :func:`_regions`
    holds a number: a content before a frame, then the first attribution. Numbers are asked in
    text order (a sweep, see :class:`_FirstHolding`).

    A content may end just before the sentence's final period, which a number never includes,
    hence the one character of slack at a content's end. An empty span (none is found) needs a
    region strictly around it."""

    def __init__(self, regions: Sequence[tuple[int, int, int, int]]) -> None:
        self._regions = regions
        self._holders = _FirstHolding((lo, hi + (prio == 2), (-prio, i)) for lo, hi, prio, i in regions)
        self._around: _FirstHolding | None = None

    def __call__(self, span: Span) -> tuple[str, int | None]:
        if span.start < span.end:
            best = self._holders.first(span.start, span.end)
        else:
            if self._around is None:
                self._around = _FirstHolding((lo, hi, (-prio, i)) for lo, hi, prio, i in self._regions)
            best = self._around.first(span.start - 1, span.start)
        if best is None:
            return "", None
        return ("attributed" if best[0] == -2 else "frame"), best[1]


def _pieces(text: str, sent: Sentence, index: SpanIndex) -> list[tuple[int, int, str, int | None]]:
    """Cut a sentence at attribution boundaries: (start, end, 'attributed'|'frame'|'', index)."""
    ss, se = sent.start, sent.end
    marks = [(max(lo, ss), min(hi, se), prio, i) for lo, hi, prio, i in index.overlapping(ss, se)]
    if not marks:
        return [(ss, se, "", None)]
    bounds = sorted({ss, se, *(m[0] for m in marks), *(m[1] for m in marks)})
    raw: list[list[Any]] = []
    for lo, hi, best in zip(bounds, bounds[1:], _covering_marks(marks, bounds), strict=False):
        label = ("attributed" if best[2] == 2 else "frame", best[3]) if best else ("", None)
        if raw and (raw[-1][2], raw[-1][3]) == label:
            raw[-1][1] = hi
        else:
            raw.append([lo, hi, label[0], label[1]])
    # glue: punctuation-only pieces and short unlabelled links ("on Wednesday", "which") join a neighbour
    out: list[list[Any]] = []
    for piece in raw:
        if out and (not _ANY_WORD.search(text, piece[0], piece[1]) or (
                piece[2] == "" and out[-1][2] == "frame" and not _THREE_WORDS.search(text, piece[0], piece[1]))):
            out[-1][1] = piece[1]
            continue
        out.append(piece)
    merged: list[list[Any]] = []
    for k, piece in enumerate(out):
        short = piece[2] == "" and not _THREE_WORDS.search(text, piece[0], piece[1])
        if short and k + 1 < len(out) and not merged:
            out[k + 1][0] = piece[0]  # a leading link joins what follows
            continue
        if short and merged:
            merged[-1][1] = piece[1]
            continue
        merged.append(piece)
    return [(s, e, lab, idx) for s, e, lab, idx in merged]


def _covering_marks(marks: list[tuple[int, int, int, int | None]], bounds: list[int]
                    ) -> Iterable[tuple[int, int, int, int | None] | None]:
    """For each stretch between consecutive ``bounds`` (every mark starts and ends on one), the
    first mark in ``marks`` of the highest priority that covers it, or None: a sweep over the
    stretches with the marks open at each in a heap, where testing every mark for every
    stretch was quadratic in the attributions of a long sentence (with a few marks, as in
    nearly every sentence, the plain scan is the cheaper)."""
    if len(marks) <= 4:
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            best = None
            for m in marks:
                if m[0] <= lo and hi <= m[1] and (best is None or m[2] > best[2]):
                    best = m
            yield best
        return
    order = sorted(range(len(marks)), key=lambda k: marks[k][0])
    opened: list[tuple[int, int]] = []  # (-priority, position in marks)
    k = 0
    for lo in bounds[:-1]:
        while k < len(order) and marks[order[k]][0] <= lo:
            heappush(opened, (-marks[order[k]][2], order[k]))
            k += 1
        while opened and marks[opened[0][1]][1] <= lo:  # ended: it covers no later stretch either
            heappop(opened)
        yield marks[opened[0][1]] if opened else None


def _quoted_share(quotes: Sequence[Span], s: int, e: int) -> float:
    """The share of ``[s, e)`` that lies inside quotation regions."""
    if e <= s or not quotes:
        return 0.0
    inside = sum(max(0, min(e, q.end) - max(s, q.start)) for q in quotes)
    return inside / (e - s)


@dataclass(frozen=True)
class _QuoteIndex:
    """Quotation regions sorted by start, with the running maximum of their ends, so that
    :meth:`share` visits only the regions that can overlap a clause (the others add 0 to
    :func:`_quoted_share`'s integer sum) instead of every region of the article per clause."""

    quotes: list[Span]
    starts: list[int]
    max_end: list[int]

    @classmethod
    def build(cls, quotes: Sequence[Span]) -> _QuoteIndex:
        qs = sorted(quotes, key=lambda q: q.start)
        max_end: list[int] = []
        for q in qs:
            max_end.append(max(q.end, max_end[-1]) if max_end else q.end)
        return cls(qs, [q.start for q in qs], max_end)

    def share(self, s: int, e: int) -> float:
        """``_quoted_share(quotes, s, e)``."""
        lo = bisect_right(self.max_end, s)  # every region before lo ends at or before s
        hi = bisect_left(self.starts, e)  # every region from hi on starts at or after e
        return _quoted_share(self.quotes[lo:hi], s, e)


@dataclass(frozen=True)
class _Reach:
    """Spans sorted by start with the running maximum of their ends, to tell in O(log n) whether
    a span starting before a position reaches past another (scanning every span for every
    number or verb was quadratic in a long article)."""

    starts: list[int]
    reach: list[int]

    @classmethod
    def build(cls, spans: Iterable[Span]) -> _Reach:
        ordered = sorted((sp.start, sp.end) for sp in spans)
        return cls([s for s, _ in ordered], list(accumulate((e for _, e in ordered), max)))

    def beyond(self, before: int, end: int) -> bool:
        """Whether some span has ``start < before`` and ``end > end``."""
        k = bisect_left(self.starts, before) - 1
        return k >= 0 and self.reach[k] > end

    def holds(self, pos: int) -> bool:
        """Whether some span has ``start <= pos < end``."""
        return self.beyond(pos + 1, pos)


class _FirstHolding:
    """The lowest key among regions ``(start, end, key)`` with ``start <= s`` and ``e <= end``,
    for stretches ``[s, e)`` asked in order of ``s``: a sweep with the regions open so far in a
    heap, where scanning every attribution for every number was quadratic. A stretch asked out
    of order starts the sweep again (still exact, only slower)."""

    def __init__(self, regions: Iterable[tuple[int, int, Any]]) -> None:
        self._regions = sorted(regions)
        self._restart()

    def _restart(self) -> None:
        self._next = 0
        self._open: list[tuple[Any, int]] = []  # (key, end)
        self._last = -1

    def first(self, s: int, e: int) -> Any:
        if s < self._last:
            self._restart()
        self._last = s
        regions = self._regions
        while self._next < len(regions) and regions[self._next][0] <= s:
            _, end, key = regions[self._next]
            heappush(self._open, (key, end))
            self._next += 1
        aside = []
        while self._open and self._open[0][1] < e:
            region = heappop(self._open)
            if region[1] >= s:  # too short for this stretch, not for a later one inside it
                aside.append(region)
        found = self._open[0][0] if self._open else None
        for region in aside:
            heappush(self._open, region)
        return found


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    return s, e


@cache
def _init_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.init)


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


def annotate(analysis: Analysis) -> Analysis:
    """The analysis with ``numbers`` and ``claims`` filled in (a new Analysis; the input is kept).

    Reads the paragraphs' roles, ``sentences`` (split here if empty), ``attributions`` (may be
    empty: then nothing is ``attributed``) and ``quotes`` (quotation regions no attribution links
    to a speaker make their claims and numbers ``context``, not the article's own assertions)."""
    lex = _lexicon()
    text = analysis.text
    paragraphs = analysis.article.paragraphs or (Paragraph(0, len(text), "body", "whole text"),)
    sentences = analysis.sentences or tuple(split_sentences(text, paragraphs))
    attributions = analysis.attributions
    pstarts = [p.start for p in paragraphs]
    sstarts = [s.start for s in sentences]

    def sentence_of(pos: int) -> Sentence | None:
        k = bisect_right(sstarts, pos) - 1
        return sentences[k] if k >= 0 and pos < sentences[k].end else None

    numbers: list[Number] = []
    scan = _scan(text, lex)
    # outer quotation regions, for quotes no attribution links to a speaker (scare quotes are short)
    quote_spans = [q.span for q in analysis.quotes if q.depth == 0]
    quote_index = _QuoteIndex.build(quote_spans)
    unlinked = _Reach.build(q for q in quote_spans if _THREE_WORDS.search(text, q.start, q.end))
    regions = _regions(attributions)
    region_index = SpanIndex.build(regions)
    covering = _Covering(regions)
    sourceless = _FirstHolding((p.start, p.end + 1, i) for i, a in enumerate(attributions)
                               if not _sourced(a) for p in _parts(a))
    for n in _find_numbers(text, scan, lex):
        pi = _para_index(paragraphs, n.start, pstarts)
        role = paragraphs[pi].role if pi >= 0 else "body"
        status, idx = covering(n.span)
        ev = n.evidence
        if status:
            ev += (f"status:in_{'content' if status == 'attributed' else 'frame'}:{idx}",)
        elif pi >= 0 and not paragraphs[pi].holds_speech:
            status, ev = "context", ev + (f"status:{role}",)
        elif n.kind == "time":
            status, ev = "context", ev + ("status:time",)
        elif role in ("headline", "subheading"):
            status, ev = "context", ev + (f"status:{role}",)
        elif unlinked.beyond(n.start, n.end):  # inside a quotation of three words or more
            status, ev = "context", ev + ("status:unlinked_quotation",)
        elif (sent := sentence_of(n.start)) is not None and text[sent.start : sent.end].rstrip("”\"’' ").endswith("?"):
            status, ev = "context", ev + ("status:question",)
        elif ("numeral:spelled" in ev and (n.value or 0) <= 10 and not n.hedge and
              (m := re.search(r"([\w’']+)\s+$", text[max(0, n.start - 15) : n.start])) and
              m.group(1).lower() in _DEFINITE):
            status, ev = "context", ev + ("status:definite_reference",)
        else:
            holder = sourceless.first(n.start, n.end)
            status = "unattributed"
            ev += (f"status:sourceless_attribution:{holder}",) if holder is not None \
                else ("status:no_attribution",)
        numbers.append(_replace(n, status=status, attribution=idx, evidence=ev))
    nstarts = [n.start for n in numbers]
    times = _Reach.build(n.span for n in numbers if n.kind == "time")
    hstarts = [h.start for h in scan.hedges]
    estarts = [h.start for h in scan.evaluative]
    fstarts = [p for p, _ in scan.facts]

    claims: list[Claim] = []
    for si, sent in enumerate(sentences):
        para = paragraphs[sent.paragraph] if 0 <= sent.paragraph < len(paragraphs) else None
        if para is not None and not para.holds_speech:
            continue
        pieces = _pieces(text, sent, region_index)
        for s, e, label, idx in pieces:
            s, e = _trim(text, s, e)
            if s >= e:
                continue
            chunk = text[s:e]
            lo = bisect_right(nstarts, s - 1)
            hi = bisect_right(nstarts, e - 1)
            nums = tuple(k for k in range(lo, hi) if numbers[k].end <= e + 1) if hi > lo else ()
            ev: list[str] = []
            if label == "attributed":
                status = "attributed"
                ev.append(f"in_content:{idx}")
            elif label == "frame":
                status = "frame"
                ev.append(f"frame:{idx}")
            elif para is not None and para.role in ("headline", "subheading"):
                status = "context"
                ev.append(para.role)
            elif chunk.rstrip("”\"’' ").endswith("?"):
                status = "context"
                ev.append("question")
            elif _CONDITIONAL.match(chunk):
                status = "context"
                ev.append("conditional")
            elif quote_index.share(s, e) >= 0.6:
                status = "context"  # someone's words, though no attribution links them to a speaker
                ev.append("unlinked_quotation")
            else:
                signals = [f"quantity:{text[numbers[k].start:numbers[k].end]}" for k in nums
                           if numbers[k].status == "unattributed"]
                verbs = [w for p, w in scan.facts[bisect_right(fstarts, s - 1) : bisect_right(fstarts, e - 1)]
                         if not times.holds(p)]  # "next fall" is no verb
                signals += [f"fact_verb:{v}" for v in verbs[:2] if v != "record"]
                if "record" in verbs or any(w.lower() not in _SUPERLATIVE_SKIP for w in _SUPERLATIVE.findall(chunk)):
                    signals.append("superlative")
                signals += [f"dated:{text[numbers[k].start:numbers[k].end]}" for k in nums
                            if numbers[k].kind == "time" and numbers[k].evidence[0] in _DATED][:1]
                if (pm := _PERFECT_OR_PASSIVE.search(chunk)) and pm.group(2).lower() not in _STATIVE:
                    signals.append(f"completed_event:{pm.group(1)}")
                status = "unattributed" if signals else "context"
                ev.extend(signals or ["no_assertion_signal"])
            # most clauses have neither: skip building the generators for empty slices
            hs = scan.hedges[bisect_right(hstarts, s - 1) : bisect_right(hstarts, e - 1)]
            hedges = tuple(h for h in hs if h.end <= e and not times.holds(h.start)) if hs else ()
            es = scan.evaluative[bisect_right(estarts, s - 1) : bisect_right(estarts, e - 1)]
            evaluative = tuple(h for h in es if h.end <= e) if es else ()
            if hedges:
                ev.append("hedged")
            if evaluative:
                ev.append("evaluative")
            kind = "sentence" if len(pieces) == 1 else "clause"
            claims.append(Claim(s, e, status, kind=kind, paragraph=sent.paragraph, sentence=si,
                                attribution=idx, numbers=nums, hedges=hedges, evaluative=evaluative,
                                evidence=tuple(ev)))
    # a number in a clause that is not asserted (a conditional, an unlinked quotation) is not either
    for c in claims:
        reason = next((r for r in c.evidence if r in ("conditional", "unlinked_quotation", "question")), None)
        if c.status == "context" and reason:
            for k in c.numbers:
                if numbers[k].status == "unattributed":
                    numbers[k] = replace(numbers[k], status="context",
                                         evidence=numbers[k].evidence[:-1] + (f"status:{reason}",))
    return replace(analysis, numbers=tuple(numbers), claims=tuple(claims))


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
        "unattributed_evaluative_claims": sum(c.is_evaluative and c.status == "unattributed"
                                              for c in analysis.claims),
        "numbers": len(quantities),
        "time_expressions": sum(n.kind == "time" for n in analysis.numbers),
        "numbers_by_status": dict(qstatus),
        "share_numbers_attributed": round(qstatus["attributed"] / qasserted, 4) if qasserted else None,
        "unattributed_numbers": [
            {"text": text[n.start : n.end], "start": n.start, "end": n.end, "value": n.value, "unit": n.unit,
             "hedge": n.hedge, "bound": n.bound,
             "counted": text[n.counted.start : n.counted.end] if n.counted else None}
            for n in quantities if n.status == "unattributed"
        ],
    }
