"""Numbers: every time expression and quantity of a text, with its value, hedge, unit, counted
noun and bounds (their status is :mod:`.status`'s).

Time expressions come first, from the scan, so that their digits are never read as counts.
Then each place where a numeral may start is read in steps, each a function named for what it
reads (value, range or score, unit, counted noun, hedge, bound), because the rules of one step
depend on what the earlier ones found: a unit written after the number means no counted noun
gives it one, a range or a hedge widens the span the next step looks around.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model import Number, Span, TimeKind
from .lexicon import ClaimLexicon, ClaimWords

_STOP = frozenset(
    """the a an of in on at to for with by from into than as and or but nor that which
    who whom whose is are was were be been being has have had will would could should may might can
    must shall do does did said says say told per each this these those their its his her our your
    my more less out up down ago over under after before since last next not no it they he she we
    you i them him us me there here then when where while if because so such all both some any
    than also just only about around nearly almost roughly least most""".split()
)

_RANGE = re.compile(
    r"(-to-|\s*(?:-|–|—)\s*|\s+to\s+|\s+and\s+)(?:[$€£][ ]?)?"
    r"(\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d,]*\.?\d)|"
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred)\b)",
    re.IGNORECASE,
)
_ONE_NOT = frozenset("day time way thing side another more less hand point person".split())
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_][\w'’.-]*)")


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


def _counted(text: str, pos: int, lex: ClaimLexicon, allow_of: bool) -> tuple[Span | None, str | None, str]:
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
            return (
                Span(first if first is not None else ws, two.end(1)),
                lex.counted[f"{lw} {two.group(1).lower()}"],
                "counted:lexicon",
            )
        if lw in lex.counted:
            return Span(first if first is not None else ws, we), lex.counted[lw], "counted:lexicon"
        if lw in _STOP or lw in lex.time_units or "’" in w or "'" in w:
            return None, None, ""
        if (
            len(lw) >= 4
            and lw.endswith("s")
            and not lw.endswith(("ss", "us", "is", "ics", "ous"))
            or (w[0].isupper() and lw.endswith(("ans", "ians", "is", "ese", "ers", "ats", "ists")))
        ):
            nxt = _WORD_AFTER.match(text, we)
            if nxt and nxt.group(1).lower().rstrip(".") in lex.counted:  # "64 measles cases"
                ne = nxt.start(1) + len(nxt.group(1).rstrip("."))
                return (
                    Span(first if first is not None else ws, ne),
                    lex.counted[nxt.group(1).lower().rstrip(".")],
                    "counted:lexicon",
                )
            unit = "people" if w[0].isupper() and not lw.endswith(("ss",)) else "count"
            return Span(first if first is not None else ws, we), unit, "counted:plural"
        if first is None:
            first = ws
        p = we
    return None, None, ""


def _one_counts(text: str, s: int, e: int, lex: ClaimLexicon) -> bool:
    """A bare "one" is a count only before a counted noun ("one soldier"), or opening a sentence
    before a plain noun ("One firefighter was hurt"); never "one of", "no one", "one another"."""
    m = _WORD_AFTER.match(text, e)
    if not m:
        return False
    w = m.group(1).lower().rstrip(".")
    if w in lex.counted and w not in _ONE_NOT:
        return True
    sentence_start = s == 0 or re.search(r"(?:^|[.!?\n][\"”’']?)\s*$", text[max(0, s - 4) : s]) is not None
    return (
        text[s].isupper()
        and sentence_start
        and w.isalpha()
        and w not in _STOP
        and w not in _ONE_NOT
        and w not in lex.time_units
        and m.group(1)[0].islower()
    )


@dataclass
class _Reading:
    """A numeral being read: its span so far, what it is worth, and the names of the rules
    that decided (``ev``). The steps of :func:`find_numbers` fill it in, in order, each reading
    what the earlier ones left (a unit found after the number is no counted noun's, a range
    moves the end, a hedge before it moves the start)."""

    m: re.Match[str]
    s: int
    e: int
    group: str | None
    ev: list[str] = field(default_factory=list)
    unit: str | None = None
    value: float | None = None
    kind: str = "quantity"
    bound: str = "exact"
    lower: float | None = None
    upper: float | None = None
    versus: float | None = None
    allow_of: bool = False
    hedge: str | None = None
    counted: Span | None = None
    when: TimeKind | None = None

    def number(self) -> Number:
        return Number(
            self.s,
            self.e,
            self.value,
            self.unit,
            self.hedge,
            kind=self.kind,
            bound=self.bound,
            lower=self.lower,
            upper=self.upper,
            versus=self.versus,
            counted=self.counted,
            evidence=tuple(self.ev),
            when=self.when,
        )


class _Time(NamedTuple):
    """Digits that turned out to be a time (the ’90s, the 1990s, a year standing alone) or an
    ordinal: the time expression to report (None for an ordinal) and where the next numeral may
    start."""

    number: Number | None
    consumed: int


def find_numbers(text: str, words: ClaimWords, lex: ClaimLexicon) -> list[Number]:
    """Every time expression and quantity in ``text``, in text order (statuses not yet set)."""
    out = _time_numbers(text, words.times)
    times = words.times
    starts = [t[0] for t in times]
    ends = [t[1] for t in times]

    def in_time(s: int, e: int) -> bool:
        k = bisect_right(starts, s) - 1
        return (k >= 0 and ends[k] > s) or (k + 1 < len(starts) and starts[k + 1] < e)

    consumed = 0
    for m in words.anchors:
        s, e = m.start(), m.end()
        if s < consumed or in_time(s, e):
            continue
        r = _Reading(m, s, e, m.lastgroup)
        read = _read_value(r, text, lex)
        if isinstance(read, _Time):
            if read.number is not None:
                out.append(read.number)
            consumed = read.consumed
            continue
        if not read:
            continue
        _read_range(r, text, lex)
        # trailing hedge "or more"
        ta = lex.hedge_after.match(text, r.e)
        # unit after the number
        if r.kind != "score":
            _read_unit(r, text, lex)
        if ta is None:
            ta = lex.hedge_after.match(text, r.e)
        _read_counted(r, text, lex, ta)
        _read_age_apposition(r, text)
        if _is_pronoun(r, text):
            continue  # "two", "five" with nothing counted: a pronoun ("the other two"), not a quantity
        if r.unit is None and r.kind in ("quantity", "duration"):
            r.unit = "count"
        _set_bounds(r, _read_hedge(r, text, lex, ta))
        out.append(r.number())
        consumed = max(consumed, r.e, r.counted.end if r.counted else r.e)
    out.sort(key=lambda n: (n.start, n.end))
    return out


def _time_numbers(text: str, times: list[tuple[int, int, str]]) -> list[Number]:
    """The time expressions the scan found, as numbers (a four-digit year in one is its value)."""
    out: list[Number] = []
    for s, e, kind in times:
        value = None
        m = re.search(r"\b(\d{4})\b", text[s:e])
        if m:
            value = float(m.group(1))
        when = TimeKind.of(kind)
        out.append(Number(s, e, value, "time", None, kind="time", bound="exact", evidence=(f"time:{kind}",), when=when))
    return out


# -- value -----------------------------------------------------------------------------------


def _read_value(r: _Reading, text: str, lex: ClaimLexicon) -> bool | _Time:
    """The numeral's value, read by the kind of numeral the anchor matched; False when it is no
    quantity (a name, a pronoun, "the third quarter")."""
    m = r.m
    if m.group("ratio"):
        return _read_ratio(r, lex)
    if m.group("frac"):
        return _read_fraction(r, text, lex)
    if m.group("vague"):
        return _read_vague(r, text, lex)
    if m.group("num"):
        return _read_digits(r, text, lex)
    return _read_spelled(r, text, lex)  # spelled


def _read_ratio(r: _Reading, lex: ClaimLexicon) -> bool:
    """ "One in five", "3 out of every 10": a share."""
    a, b = re.split(r"\s+(?:in|out\s+of)\s+(?:every\s+)?", r.m.group("ratio").lower())
    va = float(a) if a.isdigit() else lex.words[a][0]
    vb = float(b) if b.isdigit() else lex.words[b][0]
    if not vb or va > vb:
        return False
    r.value = round(va / vb, 4)
    r.unit, r.allow_of = "share", True
    r.ev.append("numeral:ratio")
    return True


def _read_fraction(r: _Reading, text: str, lex: ClaimLexicon) -> bool:
    """ "Two-thirds of", "half of", "cut by a fifth": a share."""
    s, e = r.s, r.e
    if not (re.match(r"\s+of\b", text[e : e + 4]) or re.search(r"\bby\s+$", text[max(0, s - 4) : s])):
        return False  # a share is "half of", "a third of", "cut by a fifth"; not "the third quarter"
    words = re.split(r"[\s-]+", r.m.group("frac").lower())
    base = lex.words.get(words[-1], (0.5, "fraction"))[0]
    mult = 1.0 if len(words) == 1 or words[0] in ("a", "one") else lex.words[words[0]][0]
    r.value = round(base * mult, 4)
    r.unit, r.allow_of = "share", True
    r.ev.append("numeral:fraction")
    return True


def _read_vague(r: _Reading, text: str, lex: ClaimLexicon) -> bool:
    """ "Thousands", "dozens": a vague number, from its value to five times that."""
    m = r.m
    value, _ = lex.words[re.sub(r"\s+", " ", m.group("vague").lower())]
    if m.group("vague").lower() == "scores" and not text.startswith(" of", r.e):
        return False
    r.value = value
    r.kind, r.bound, r.lower, r.upper = "quantity", "vague", value, value * 5
    r.allow_of = True
    r.ev.append("numeral:vague")
    return True


def _read_digits(r: _Reading, text: str, lex: ClaimLexicon) -> bool | _Time:
    """A numeral written in digits, with its currency and scale ("$1.2 billion", "$3m"). A year
    standing alone is a time unless a plural noun follows ("2000 troops")."""
    m = r.m
    s = m.start("cur") if m.group("cur") else m.start("num")
    e = r.e
    raw = m.group("num")
    if _part_of_name(text, s, e, raw):
        return False
    time = _decade_or_ordinal(text, s, e, raw)
    if time is not None:
        return time
    prev = re.search(r"([\w.]+)\s*$", text[max(0, s - 20) : s])
    if prev and prev.group(1).lower() in lex.labels:
        return False
    value = float(raw.replace(",", "")) if raw[0] != "." else float(raw)
    r.ev.append("numeral:digits")
    if m.group("cur"):
        cur = m.group("cur")
        r.unit = lex.prefix.get(cur) or lex.prefix.get(cur.upper()) or "USD"
        r.ev.append("unit:currency_prefix")
    sc = re.match(r"[ \t-]?(hundred|thousand|million|billion|trillion|bn|mn|tn|m|k)\b", text[e : e + 12], re.IGNORECASE)
    if sc and (sc.group(1).lower() not in ("m", "k") or m.group("cur")):
        mult = {"m": 1e6, "k": 1e3}.get(sc.group(1).lower()) or lex.words[sc.group(1).lower()][0]
        value *= mult
        e += sc.end()
        r.ev.append("scale")
    # a year standing alone is a time
    if not m.group("cur") and not sc and re.fullmatch(r"1[5-9]\d\d|20\d\d", raw):
        year = _year(text, s, e, value, lex)
        if year is not None:
            return year
    r.s, r.e, r.value = s, e, value
    return True


def _part_of_name(text: str, s: int, e: int, raw: str) -> bool:
    """Digits that are no quantity: part of a name, an identifier, or written with a slash."""
    if s > 0 and (
        text[s - 1].isalpha()
        or (text[s - 1] in "-–" and s > 1 and text[s - 2].isalpha() and text[s - 5 : s - 1].lower() != "mid")
    ):
        return True  # F-16, COVID-19, G7: part of a name
    if len(raw) > 8 and raw.isdigit():
        return True  # an identifier (tweet id, phone or account number), not a quantity
    if re.match(r"/\d", text[e : e + 2]) or (s > 1 and text[s - 1] == "/" and text[s - 2].isdigit()):
        return True  # 9/11, 24/7, 3/4: a date, a name or a fraction written with a slash
    return False


def _decade_or_ordinal(text: str, s: int, e: int, raw: str) -> _Time | None:
    """Digits a letter follows: a decade ("the ’90s", "the 1990s") or an ordinal (None inside)."""
    if s > 0 and text[s - 1] in "’'" and re.match(r"\d0s\b", text[e - 2 : e + 2]):  # the ’90s
        return _Time(
            Number(s - 1, e + 1, None, "time", None, kind="time", evidence=("time:decade",), when=TimeKind.DECADE),
            e + 1,
        )
    if (
        e < len(text)
        and text[e].isalpha()
        and not re.match(r"(?:bn|mn|tn|m|k|thousand|million|billion|trillion)\b", text[e : e + 9], re.IGNORECASE)
    ):
        decade = None
        if re.fullmatch(r"1[5-9]\d0|20\d0", raw) and re.match(r"s\b", text[e : e + 2]):  # the 1990s
            decade = Number(
                s, e + 1, float(raw), "time", None, kind="time", evidence=("time:decade",), when=TimeKind.DECADE
            )
        return _Time(decade, e + 1)  # ordinals (7th), 10am, 3D: neither quantities nor, outside dates, times
    return None


def _year(text: str, s: int, e: int, value: float, lex: ClaimLexicon) -> _Time | None:
    """A four-digit year ("in 2016") as a time, unless it counts something ("2000 troops")."""
    cs, cu, _ = _counted(text, e, lex, False)
    after_prep = re.search(
        r"\b(?:in|since|by|until|of|from|during|before|after|through)\s+$", text[max(0, s - 9) : s], re.IGNORECASE
    )
    if after_prep or (cs is None and not lex.suffix_re.match(text, e)):
        ys = s - 4 if text[max(0, s - 4) : s].lower() == "mid-" else s
        return _Time(Number(ys, e, value, "time", None, kind="time", evidence=("time:year",), when=TimeKind.YEAR), e)
    return None


def _read_spelled(r: _Reading, text: str, lex: ClaimLexicon) -> bool:
    """A numeral written in words ("a dozen", "two hundred thousand"); never "no one"."""
    s, e = r.s, r.e
    phrase = r.m.group("spelled")
    lw = phrase.lower()
    if lw == "one" and not _one_counts(text, s, e, lex):
        return False
    if text[max(0, s - 3) : s].lower() == "no ":
        return False
    value = _spelled_value(phrase, lex.words)
    if value is None:
        return False
    r.value = value
    r.ev.append("numeral:spelled")
    return True


# -- range -----------------------------------------------------------------------------------


def _read_range(r: _Reading, text: str, lex: ClaimLexicon) -> None:
    """Ranges and scores: "10 to 20", "10-20", "5-4", "between 10 and 20"."""
    s, e, value = r.s, r.e, r.value
    rm = _RANGE.match(text[e : e + 30])
    v2 = None
    if rm and value is not None and r.group in ("num", "spelled"):
        v2 = float(rm.group(2).replace(",", "")) if rm.group(2)[0].isdigit() else _spelled_value(rm.group(2), lex.words)
        sep = rm.group(1).strip()
    if not (rm and v2 is not None and value is not None):
        return
    between = re.search(r"\bbetween\s+$", text[max(0, s - 10) : s], re.IGNORECASE)
    if (sep == "and" and not between) or (
        sep == "to"
        and re.search(r"\bfrom\s+(?:about\s+|roughly\s+|nearly\s+)?$", text[max(0, s - 16) : s], re.IGNORECASE)
    ):
        return  # "from $90 to $100" is a change between two figures, not a range
    if _read_score(r, text, rm, value, v2):
        return
    if between:
        s = between.start() + max(0, s - 10)
    lower, upper = value, v2
    after = e + rm.end()
    if sc2 := re.match(r"[ \t]?(thousand|million|billion|trillion|bn)\b", text[after : after + 12], re.IGNORECASE):
        mult = lex.words[sc2.group(1).lower()][0]
        upper = v2 * mult
        if "scale" not in r.ev:  # "3 to 5 million": the scale is written once, for both
            lower = value = value * mult
        e += sc2.end()
    e += rm.end()
    r.ev.append("range")
    r.s, r.e, r.value = s, e, value
    r.kind, r.bound, r.lower, r.upper = "quantity", "range", lower, upper


def _read_score(r: _Reading, text: str, rm: re.Match[str], value: float, v2: float) -> bool:
    """Two small numbers joined by a dash are a score or a vote ("5-4") when the first is not the
    smaller, or when a word of voting or winning is near."""
    s, e = r.s, r.e
    if (
        r.group == "num"
        and rm.group(1) in ("-", "–", "—", "-to-")
        and v2 < 100
        and value < 100
        and (
            value >= v2
            or re.search(
                r"\b(?:vote|voted|decision|ruling|margin|score|won|win|lost|beat|"
                r"victory|defeat|majority|split|tally)\b",
                text[max(0, s - 40) : e + 40],
                re.IGNORECASE,
            )
        )
    ):
        r.kind, r.versus = "score", v2
        r.unit = (
            "votes"
            if re.search(
                r"\b(?:vote|voted|votes|decision|ruling|majority|split|tally)\b",
                text[max(0, s - 40) : e + 40],
                re.IGNORECASE,
            )
            else "score"
        )
        r.e += rm.end()
        r.ev.append("score")
        return True
    return False


# -- unit and counted noun -------------------------------------------------------------------


def _read_unit(r: _Reading, text: str, lex: ClaimLexicon) -> None:
    """The unit after the number: a suffix ("percent", "km"), a time unit ("three years", "two
    days ago", "43-year-old") or, after digits, a clock word ("10 o'clock")."""
    um = lex.suffix_re.match(text, r.e)
    if um and r.unit is None:
        key = re.sub(r"\s+", " ", um.group().strip(" \t-").lower())
        r.unit = lex.suffix.get(key, "percent" if key == "%" else key)
        r.e = um.end()
        r.ev.append("unit:suffix")
        r.allow_of = r.allow_of or r.unit == "percent"
    if r.unit is None:
        _read_time_unit(r, text, lex)
    if r.group == "num" and r.unit is None and (cm := lex.clock_re.match(text, r.e)):
        r.kind, r.unit = "time", "time"
        r.e = cm.end()
        r.ev.append("time:clock")
        r.when = TimeKind.CLOCK


def _read_time_unit(r: _Reading, text: str, lex: ClaimLexicon) -> None:
    """A time unit after the number: "two days ago" and "the past three years" are times,
    "three years" a duration, "43-year-old" an age."""
    s, e = r.s, r.e
    tm = re.match(r"(?:[ \t]+|-)([a-z]+)(-old|[ \t]+old\b)?", text[e : e + 20])
    if not (tm and tm.group(1).lower() in lex.time_units):
        return
    te = e + tm.end()
    if lex.time_after_re.match(text, te) and not tm.group(2):
        am = lex.time_after_re.match(text, te)
        assert am is not None
        if am.group().strip().lower() not in ("before", "after"):
            te = am.end()
        r.kind, r.unit = "time", "time"
        r.ev.append("time:ago")
        r.when = TimeKind.AGO
    elif re.search(
        r"\b(?:past|last|next|coming|previous|first|final)\s+$", text[max(0, s - 12) : s], re.IGNORECASE
    ) and not tm.group(2):
        r.kind, r.unit = "time", "time"
        r.ev.append("time:period")
        r.when = TimeKind.PERIOD
    else:
        r.unit = "years old" if tm.group(2) else tm.group(1).lower().rstrip("s") + "s"
        r.kind = "quantity" if tm.group(2) else "duration"
        r.ev.append("unit:age" if tm.group(2) else "unit:time")
    r.e = te


def _read_counted(r: _Reading, text: str, lex: ClaimLexicon, ta: re.Match[str] | None) -> None:
    """The noun the number counts ("32,000 Palestinians" -> people), read after a trailing hedge;
    it gives the unit when none was written."""
    e = r.e
    if r.group == "spelled" and r.m.group().lower() == "one" and (w1 := _WORD_AFTER.match(text, e)):
        ws = w1.start(1)
        we = ws + len(w1.group(1).rstrip("."))
        r.counted, r.unit = Span(ws, we), lex.counted.get(w1.group(1).lower(), "count")
        r.ev.append("counted:one_noun")
    elif r.kind not in ("time", "score") and r.unit in (None, "share", "percent"):
        counted, cunit, cev = _counted(
            text, e if not ta else ta.end(), lex, r.allow_of or r.unit in ("percent", "share")
        )
        if counted is not None:
            r.counted = counted
            if r.unit is None:
                r.unit = cunit
            r.ev.append(cev)


def _read_age_apposition(r: _Reading, text: str) -> None:
    """A small number after "aged" or in apposition to a name is an age: "aged 13 to 17", "at
    age 16", "Jorge Patel, 43, said"."""
    s, e, value = r.s, r.e, r.value
    if (
        r.unit is None
        and r.kind == "quantity"
        and r.group == "num"
        and value is not None
        and 0 < value < 120
        and (
            re.search(r"\b(?:aged|ages?)\s+$", text[max(0, s - 8) : s], re.IGNORECASE)
            or (re.search(r"[A-Z][\w’'.-]+,\s*$", text[max(0, s - 30) : s]) and text[e : e + 1] in (",", "―", "—", "–"))
        )
    ):
        r.unit = "years old"  # "aged 13 to 17", "at age 16", "Jorge Patel, 43, said"
        r.ev.append("unit:age_apposition")


def _is_pronoun(r: _Reading, text: str) -> bool:
    """A small spelled-out number with nothing counted ("the other two") stands for a noun."""
    e, value = r.e, r.value
    return (
        r.group == "spelled"
        and r.counted is None
        and r.unit is None
        and r.kind == "quantity"
        and value is not None
        and value < 10
        and not (value >= 2 and re.match(r"\s+of\b", text[e : e + 4]))
    )


# -- hedge and bound -------------------------------------------------------------------------


def _read_hedge(r: _Reading, text: str, lex: ClaimLexicon, ta: re.Match[str] | None) -> str | None:
    """The hedge before the number ("more than") or after it ("or more"), which widens the span;
    returns the bound it gives (``lower``, ``upper``, ``approx``) or None."""
    s = r.s
    hb = lex.hedge_before.search(text, max(0, s - 30), s)
    if hb and (r.kind == "duration" or r.bound == "vague") and hb.group(1).lower() in ("over", "under"):
        hb = None  # "over three years" is a period of time, not "more than three years"
    if hb and r.kind != "time":
        hedge = re.sub(r"\s+", " ", hb.group(1).lower())
        r.s = hb.start(1)
        b = lex.number_hedges[hedge]
        r.ev.append(f"hedge:{hedge}")
    elif ta and r.kind != "time":
        hedge = re.sub(r"\s+", " ", ta.group(1).lower())
        b = lex.trailing_hedges[hedge]
        r.e = ta.end()
        r.ev.append(f"hedge:{hedge}")
    else:
        return None
    r.hedge = hedge
    return b


def _set_bounds(r: _Reading, b: str | None) -> None:
    """Lower and upper bounds from the bound (the hedge's when the number is exact); a time has
    no value."""
    if r.bound == "exact" and b:
        r.bound = b
    if r.bound == "exact":
        r.lower = r.upper = r.value
    elif r.bound == "lower":
        r.lower, r.upper = r.value, None
    elif r.bound == "upper":
        r.lower, r.upper = None, r.value
    elif r.bound == "approx":
        r.lower = r.upper = None
    if r.kind == "time":
        r.value = r.lower = r.upper = None
