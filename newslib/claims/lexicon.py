"""The claims lexicon: the data files read and compiled once, and the one pass over a text's
words that finds where its entries start.

The stage's words live in ``newslib/data`` (``hedges.txt``, ``number_words.txt``, ``units.txt``,
``time_words.txt``, ``evaluative.txt``) so that they can be read and extended without touching
the rules; this module turns them into the dictionaries and regular expressions the rules use.
Big alternations are slow when tried at every character, hence :func:`claim_words`: it tries them only
where a word of the lexicon starts, and both the numbers and the claims read its finds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..datafiles import read_lexicon
from ..model import Span

# Event and measurement verbs: a sentence that uses one asserts something that happened and can be
# checked ("killed", "rose", "voted"). Kept short and concrete on purpose: a longer list turns
# every background sentence into a "claim". Attribution cues (said, reported) are not here.
FACT_VERBS = frozenset(
    """
    kill killed kills killing die died dies dead wounded injured injuring arrested detained
    charged convicted sentenced indicted rise rose risen rises fell fall falls fallen increased
    decreased declined dropped doubled tripled halved grew grown surged soared plunged jumped
    climbed slumped spent won lost voted passed approved rejected signed vetoed banned
    launched attacked struck bombed shelled displaced evacuated destroyed damaged fired shot seized
    captured released freed canceled cancelled postponed resigned elected defeated raised paid
    earned owed hit totaled totalled reached exceeded topped recorded fined sued resumed began ended
    opened closed collapsed crashed hired laid sold bought acquired merged filed ruled blocked suspended
    delayed stranded grounded treated hospitalized rescued
""".split()
)


@dataclass(frozen=True)
class ClaimLexicon:
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


def _read_hedges() -> tuple[dict[str, str], dict[str, str], list[str]]:
    """``hedges.txt``: hedges before a number (phrase -> the bound it gives), trailing ones
    (written ``+or more``) and the epistemic ones that hedge a claim."""
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
    return number_hedges, trailing, epistemic


def _read_number_words() -> dict[str, tuple[float, str]]:
    """``number_words.txt``: spelled-out number word -> (value, type)."""
    words: dict[str, tuple[float, str]] = {}
    for line in read_lexicon("number_words.txt"):
        w, v, t = _cols(line)[:3]
        words[w] = (float(v), t)
    return words


def _read_units() -> tuple[dict[str, str], dict[str, str], dict[str, str], set[str]]:
    """``units.txt``: units written before a number (currency), after it, the nouns a number
    counts (each -> its unit) and the labels after which a number is a name ("Route 9")."""
    prefix: dict[str, str] = {}
    suffix: dict[str, str] = {}
    counted: dict[str, str] = {}
    labels: set[str] = set()
    for line in read_lexicon("units.txt"):
        w, unit, t = _cols(line)[:3]
        {"prefix": prefix, "suffix": suffix, "counted": counted}.get(t, {})[w] = unit
        if t == "label":
            labels.add(w)
    return prefix, suffix, counted, labels


def _read_time_words() -> dict[str, list[str]]:
    """``time_words.txt``: type (month, weekday, modifier, period, unit, ...) -> its words."""
    times: dict[str, list[str]] = {}
    for line in read_lexicon("time_words.txt"):
        w, t = _cols(line)[:2]
        times.setdefault(t, []).append(w)
    return times


def _anchor_regex(words: dict[str, tuple[float, str]], prefix: dict[str, str]) -> re.Pattern[str]:
    """Where a numeral starts: a ratio, a fraction, a vague number, digits (after an optional
    currency) or spelled-out words."""
    spelled = [w for w, (_, t) in words.items() if t in ("unit", "tens", "scale") and w not in ("bn", "mn", "tn")]
    w_alt = _alt(spelled)
    ratio_alt = _alt([w for w, (_, t) in words.items() if t in ("unit", "tens")])
    vague = [w for w, (_, t) in words.items() if t == "vague"]
    fractions = [w for w, (_, t) in words.items() if t == "fraction"]
    digits = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
    return re.compile(
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


def _time_regex(times: dict[str, list[str]]) -> re.Pattern[str]:
    """Time expressions: dates, weekdays, months, relative days, periods, "a year ago", clock times."""
    months = times["month"]
    month_alt = _alt(months)
    mods = _alt(times["modifier"])
    periods = _alt(times["period"])
    weekday = _alt(times["weekday"])
    return re.compile(
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


@lru_cache(maxsize=1)
def lexicon() -> ClaimLexicon:
    """The lexicon, read from the data files and compiled once."""
    number_hedges, trailing, epistemic = _read_hedges()
    words = _read_number_words()
    prefix, suffix, counted, labels = _read_units()
    times = _read_time_words()
    evaluative = read_lexicon("evaluative.txt")

    anchor = _anchor_regex(words, prefix)
    time_re = _time_regex(times)
    suffix_re = re.compile(rf"(?:[ ]?(?:%)|[ \t-]+(?:{_alt([s for s in suffix if s != '%'])})\b)", re.IGNORECASE)
    time_units = frozenset(times["unit"])
    time_after_re = re.compile(rf"\s+(?:{_alt(times['after'])})\b", re.IGNORECASE)
    clock_re = re.compile(rf"\s*(?:{_alt(times['clock'])})(?!\w)", re.IGNORECASE)
    time_first = frozenset(_first(w) for t in ("month", "weekday", "relative", "modifier") for w in times[t]) | {
        "a",
        "an",
        "one",
        "noon",
        "midnight",
    }
    number_first = frozenset(_first(w) for w in words) | {"a", "an"}
    hedge_first = frozenset(_first(w) for w in epistemic)
    evaluative_first = frozenset(_first(w) for w in evaluative)
    triggers = time_first | number_first | hedge_first | evaluative_first | FACT_VERBS | {"record"}
    cased = {v for w in triggers for v in (w, w.capitalize(), w.upper())}
    return ClaimLexicon(
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
        may_lead=re.compile(
            r"\b(?:in|since|until|till|by|of|from|through|during|before|after|early|late|"
            r"mid-|last|next|this)\s+$",
            re.IGNORECASE,
        ),
        time_first=time_first,
        number_first=number_first,
        hedge_first=hedge_first,
        evaluative_first=evaluative_first,
        # case variants rather than IGNORECASE: the engine then skips most positions on the first char
        candidates=re.compile(rf"(?<![^\W\d_])(?:{_trie_regex(cased)})(?![^\W\d_])|\d[\d,.:]*"),
    )


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
class ClaimWords:
    """What one pass over the words of a text found: time expressions, where numerals may start,
    and hedging and evaluative words. Big alternations are tried only where a word from the
    lexicon starts, which keeps the stage at tokenizer speed (trying them at every character
    position was ten times slower)."""

    times: list[tuple[int, int, str]]
    anchors: list[re.Match[str]]
    hedges: list[Span]
    evaluative: list[Span]
    facts: list[tuple[int, str]]


def claim_words(text: str, lex: ClaimLexicon) -> ClaimWords:
    """One pass over the words of ``text`` (see :class:`ClaimWords`)."""
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
    return ClaimWords(times, anchors, hedges, evaluative, facts)
