"""Readable rules where training data is thin or the tagger's window is too short.

The CRF learns the common shapes of attribution from PolNeAR; these rules cover what it sees too
rarely to learn (wire-service credits, refusals to comment, "according to") and two shapes a
short-window tagger gets wrong (a trailing ", officials said on Wednesday," after a long clause;
two statements joined by "and said"). Each rule runs on one sentence of a speech paragraph, so a
caption or credit line is never read, and leaves its name in the attribution's ``evidence``.

Rules win over the tagger where they apply: an attribution the tagger found inside a rule's
content (a nested one) or on the same cue is dropped, since only the outermost is annotated.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import islice

from ..datafiles import agency_names, read_lexicon
from ..model import Analysis, Attribution, Maker, Origin, Span, SpanIndex
from ..spans import trim
from .credits import wire_credits
from .edges import end_at_closed_paragraph, end_at_subordinate_clause, extend_lead_in, short_adjunct
from .link import QUOTE_MARK, kind_of
from .settings import AttributionSettings
from .speech_cues import CUE_WORD, drop_nested_echo, drop_opening_conjunction, speech, strip, trim_adjunct

_NAME = r"[^\s,.;:]"


@lru_cache(maxsize=1)
def _agency_alt() -> str:
    names = agency_names()
    return "|".join(re.escape(n) for n in names)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    # The verb lists below are hand-picked per pattern, not a class of data/cues.tsv: each mixes
    # classes (neutral, assertive, belief, written), leaves out most of each class, holds forms
    # cues.tsv lacks ("contends", "describing", "stressing") and phrases ("told X", "quoted X as
    # saying"), in an order the alternations keep; so they are written out here.
    agencies = _agency_alt()
    report = (
        r"(?:reported|reports|said|says|wrote|writes|added|quoted\s+\w+\s+as\s+saying|"
        r"cited\s+[^,.]{1,40})"
    )
    speech = (
        r"(?:said|says|told\s+[\w.]+(?:\s+[\w.]+)?|added|reported|wrote|insisted|argued|noted|warned|"
        r"explained|stressed|acknowledged|claimed|contended|maintained|predicted|confirmed|"
        r"announced|estimated|believes?|believed|thinks?|thought|fears?|feared|says?)"
    )
    return {
        "agency": re.compile(
            r",\s*(?P<src>(?:the\s+)?(?:"
            + agencies
            + r")(?:\s+news\s+agency)?)\s+(?P<cue>"
            + report
            + r")(?P<tail>[^,.;]{0,40})[.!]?\s*$",
            re.IGNORECASE,
        ),
        "agency_inverted": re.compile(
            r",(?P<close>[”\"’]?)\s*(?P<cue>reported|reports|said|says|wrote|writes)\s+"
            r"(?P<src>(?:the\s+)?(?:" + agencies + r")(?:\s+news\s+agency)?)(?P<tail>[^,.;]{0,40})[.!]?\s*$",
            re.IGNORECASE,
        ),
        "according": re.compile(
            r"\b(?P<cue>[Aa]ccording\s+to)\s+(?P<src>[^,;]+?)(?P<end>\s*[,;]|\s*[.!?]?[”\"’]?\s*$)"
        ),
        "no_comment_there": re.compile(
            r"^(?P<cue>There\s+(?:was|has\s+been|were)\s+no\s+(?:immediate\s+)?(?:comment|response|reply)"
            r"\s+from)\s+(?P<src>[^.;]+?)\s*[.]?\s*$",
            re.IGNORECASE,
        ),
        "no_comment": re.compile(
            r"(?P<cue>(?:(?:also|has|have|had|again)\s+)?declined(?:\s+to\s+comment(?=\s+on\b))?"
            r"|(?:did|does|do|has|have|had|would|could)\s*(?:not|n[’']t)\s+(?:immediately\s+|yet\s+)?"
            r"(?:respond(?:ed)?|reply|replied|return(?:ed)?|answer(?:ed)?)(?:\s+to)?"
            r"|(?:would|could|did|does)\s*(?:not|n[’']t)\s+(?:immediately\s+)?comment"
            r"|(?:could|can)\s*(?:not|n[’']t)\s+(?:immediately\s+)?be\s+reached"
            r"|(?:had|has|have|made|offered)\s+no\s+(?:immediate\s+)?comment(?:\s+on)?)"
            r"(?P<con>(?:\s+[^.;]*)?)",
            re.IGNORECASE,
        ),
        "trailing": re.compile(
            r",\s*(?P<src>(?:[A-Z]" + _NAME + r"*|the|an?|he|she|they|we|I|officials|police|experts|analysts)"
            r"(?:\s+" + _NAME + r"+){0,6}?)\s+(?P<cue>" + speech + r")(?P<tail>(?:\s+[\w’'-]+){0,5}?)\s*(?=[,.;]|$)"
        ),
        "leading": re.compile(
            r"^(?P<src>[A-Z][\w.’'-]*(?:\s+[\w.’'-]+){0,5}?)\s+(?:also\s+|later\s+)?(?P<cue>said|says|told\s+[\w.]+|"
            r"added|argued|insisted|warned|noted|believes|thinks|fears|contends|predicted|acknowledged)\s+"
            r"(?P<con>[^“”\"]{12,}?)\s*[.!]?\s*$"
        ),
        "inverted": re.compile(
            r",\s*(?P<cue>said|says|added|wrote|asked)\s+"
            r"(?P<src>[A-Z](?:[^,.;]|\.(?=\s[A-Z][a-z])){1,80}?)\s*(?=[,.;]|$)"
        ),
        "and_said": re.compile(
            r"(?:\s+(?:and|but)\s+(?:also\s+|later\s+)?(?P<cue>said|added|told\s+[\w.]+|noted|insisted|warned|argued|"
            r"stressed|confirmed|acknowledged|predicted)"
            r"|,\s+(?P<cue2>saying|adding|calling|insisting|noting|arguing|warning|describing|stressing|"
            r"claiming|explaining))\s+"
        ),
    }


_NOCOMMENT_CONTENT = re.compile(
    r"\b(?:comment\w*|requests?|questions?|inquir\w+|messages?|calls?|e-?mails?|"
    r"interview\w*|queries|query|reached)\b",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:(?:But|And|However|Also|Still|Meanwhile|Yet|So|Through\s+an?\s+\w+|In\s+a\s+\w+)"
    r"\s*,?\s+)+"
)


def _subject(text: str, s: int, e: int) -> Span | None:
    """The subject before a cue: the clause's text from ``s`` to ``e`` without leading adverbials.

    A relative pronoun right before the cue ("…, who declined to comment") is the source, as the
    annotators marked it.
    """
    s, e = strip(text, s, e, final=False)
    while e > s and text[e - 1] in ",":
        e -= 1
    seg = text[s:e]
    m = re.search(r"\b(who|which)\s*$", seg)
    if m:
        return Span(s + m.start(1), s + m.end(1))
    m = _LEAD.match(seg)
    if m:
        s += m.end()
    # the clause after the last semicolon or conjoined clause
    seg = text[s:e]
    cut = max(seg.rfind(";"), seg.rfind(" and "), seg.rfind(", but "))
    if cut > 0 and e - s - cut > 3:
        s = s + cut + (5 if seg[cut : cut + 5] == " and " else 6 if seg[cut : cut + 6] == ", but " else 1)
    s, e = strip(text, s, e, final=False)
    if e <= s or _words_at_least(text, s, e, 26):
        return None
    return Span(s, e)


def _ov(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a.overlaps(b)


_WORD_RUN = re.compile(r"\S+")


def _words_at_least(text: str, s: int, e: int, n: int) -> bool:
    """``len(text[s:e].split()) >= n``, reading no more than the first ``n`` words: split on
    the whole sentence before each match was quadratic in a long sentence's matches."""
    return next(islice(_WORD_RUN.finditer(text, s, e), n - 1, None), None) is not None


def _inside(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and b.contains(a)


def _near(atts: Sequence[Attribution]) -> SpanIndex:
    """The attributions' extents (first to last character of their spans) with their indices: a
    check that needs a shared span visits only the attributions near a stretch of text."""
    return SpanIndex.build(
        (min(x.start for x in sp), max(x.end for x in sp), k) for k, a in enumerate(atts) if (sp := a.spans())
    )


def _around(index: SpanIndex, s: int, e: int) -> list[int]:
    """Indices, ascending, of the attributions whose extent meets ``[s, e]`` (ends included)."""
    return sorted(r[2] for r in index.overlapping(s - 1, e + 1))


def _make(
    text: str,
    content: Span | None,
    cue: Span,
    source: Span | None,
    rule: str,
    parts: tuple[Span, ...] = (),
    kind: str | None = None,
) -> Attribution:
    k, why = kind_of(text, content, cue, source)
    if kind:
        k, why = kind, f"kind:{kind} rule"
    origin = Origin(Maker.RULE, rule)
    return Attribution(
        kind=k,
        content=content,
        cue=cue,
        source=source,
        content_parts=parts,
        evidence=(origin.label, why),
        origin=origin,
    )


def speech_sentences(analysis: Analysis) -> list[tuple[int, int]]:
    """(start, end) of every sentence in a headline, body or subheading paragraph."""
    paras = analysis.article.paragraphs
    return [
        (s.start, s.end) for s in analysis.sentences if s.paragraph < len(paras) and paras[s.paragraph].holds_speech
    ]


def apply_rules(analysis: Analysis, crf: Sequence[Attribution], settings: AttributionSettings) -> list[Attribution]:
    """Combine the tagger's attributions with the rules' (rules win where they apply; ``settings``
    says whether an attribution nested in a rule's report is kept beside it)."""
    text = analysis.text
    found = _rule_attributions(analysis)
    kept = _left_by_rules(crf, found, settings.keep_nested)
    out = _split_and_said(text, kept) + found
    out = _trailing_said(analysis, out)
    pars = [p.start for p in analysis.article.paragraphs]
    out = _tidy(analysis, [end_at_closed_paragraph(text, pars, a) for a in out])
    out = _join_interrupted(analysis, out)
    out = _join_parenthetical(analysis, out)
    out = _join_continuation(analysis, out)
    out = _join_next_quote(analysis, out)
    sentences = speech_sentences(analysis)
    out = extend_lead_in(text, sentences, out)
    out = _speaker_labels(text, out)
    out = [
        drop_opening_conjunction(text, trim_adjunct(text, end_at_subordinate_clause(text, sentences, a))) for a in out
    ]
    out = _passive_subject(analysis, out)
    out = drop_nested_echo([a for a in out if plausible(text, a) and speech(text, a)]) + wire_credits(analysis)
    out.sort(key=lambda a: (a.content or a.cue or Span(0, 0)).start)
    return out


def _rule_attributions(analysis: Analysis) -> list[Attribution]:
    """The rules' own attributions, sentence by sentence: a wire service credited with the report,
    "according to X", refusals to comment."""
    text = analysis.text
    found: list[Attribution] = []
    for s0, e0 in speech_sentences(analysis):
        credit = _agency_credit(text, s0, e0)
        if credit is not None:
            found.append(credit)
        found.extend(_according_to(text, s0, e0))
        found.extend(_refusals(text, s0, e0))
    return found


def _agency_credit(text: str, s0: int, e0: int) -> Attribution | None:
    """A wire service credited with the report: "…, Reuters reported." (in the sentence ``s0:e0``)."""
    pats = _patterns()
    sent = text[s0:e0]
    tail = max(0, len(sent) - 140)
    m = (
        (pats["agency"].search(sent, tail) or pats["agency_inverted"].search(sent, tail))
        if "," in sent[tail:]
        else None
    )
    if m:
        # the content keeps a quotation's closing mark (“…,” reported Reuters)
        cs, ce = strip(text, s0, s0 + (m.end("close") if "close" in m.re.groupindex else m.start()))
        if ce - cs > 10:
            return _make(
                text,
                Span(cs, ce),
                Span(s0 + m.start("cue"), s0 + m.end("cue")),
                Span(s0 + m.start("src"), s0 + m.end("src")),
                "agency credit",
                kind="agency",
            )
    return None


def _according_to(text: str, s0: int, e0: int) -> list[Attribution]:
    """ "according to X" in the sentence ``s0:e0``."""
    pats = _patterns()
    sent = text[s0:e0]
    found: list[Attribution] = []
    for m in pats["according"].finditer(sent) if "ccording to" in sent else ():
        cue = Span(s0 + m.start("cue"), s0 + m.end("cue"))
        src = Span(*strip(text, s0 + m.start("src"), s0 + m.end("src"), final=False))
        bs, be = strip(text, s0, cue.start)
        after_s, after_e = strip(text, s0 + m.end(), e0)
        parts: tuple[Span, ...] = ()
        if _words_at_least(text, bs, be, 3):
            content = Span(bs, be)
            if m.group("end").strip() == "," and _words_at_least(text, after_s, after_e, 3) and text[after_s].islower():
                parts = (content, Span(after_s, after_e))
                content = Span(bs, after_e)
        elif _words_at_least(text, after_s, after_e, 2):
            content = Span(after_s, after_e)
        else:
            continue
        found.append(_make(text, content, cue, src, "according to", parts, kind="according_to"))
    return found


def _refusals(text: str, s0: int, e0: int) -> list[Attribution]:
    """Refusals to comment in the sentence ``s0:e0``."""
    pats = _patterns()
    sent = text[s0:e0]
    low = sent.lower()
    if not any(w in low for w in ("comment", "declin", "respon", "return", "reach", "repl", "answer")):
        return []
    found: list[Attribution] = []
    m = pats["no_comment_there"].match(sent)
    if m:
        found.append(
            _make(
                text,
                None,
                Span(s0 + m.start("cue"), s0 + m.end("cue")),
                Span(*strip(text, s0 + m.start("src"), s0 + m.end("src"))),
                "there was no comment",
                kind="no_comment",
            )
        )
    else:
        for m in pats["no_comment"].finditer(sent):
            con = m.group("con") or ""
            cue_t = m.group("cue").lower()
            if not (_NOCOMMENT_CONTENT.search(con[:40]) or "comment" in cue_t or "reached" in cue_t):
                continue
            if cue_t.endswith("declined") and not re.match(r"\s+to\s+comment|\s+comment", con):
                continue
            cue = Span(s0 + m.start("cue"), s0 + m.end("cue"))
            cs, ce = strip(text, s0 + m.start("con"), s0 + m.end("con"))
            # stop the content at a following clause (", saying …", ", but …")
            cut = re.search(r",\s+(?:saying|adding|but|and|citing|noting)\b", text[cs:ce])
            if cut:
                ce = strip(text, cs, cs + cut.start())[1]
            content = Span(cs, ce) if ce > cs else None
            found.append(
                _make(text, content, cue, _subject(text, s0, cue.start), "refusal to comment", kind="no_comment")
            )
    return found


def _left_by_rules(crf: Sequence[Attribution], found: Sequence[Attribution], keep_nested: bool) -> list[Attribution]:
    """The tagger's attributions the rules leave: the rules' contents win over the tagger's
    attributions inside them or on the same cue."""
    near = _near(found)
    kept: list[Attribution] = []
    for a in crf:
        drop = False
        sp = a.spans()
        for k in _around(near, min(x.start for x in sp), max(x.end for x in sp)) if sp else ():
            c, q = found[k].content, found[k].cue
            nested = c is not None and _inside(a.content, c) and (a.cue is None or _inside(a.cue, c))
            if nested and keep_nested and found[k].kind in ("according_to", "agency") and a.cue is not None:
                continue  # “We will win,” the minister said, according to Reuters: both are kept
            if _ov(a.cue, q) or nested:
                drop = True
                break
            if c is not None and a.content is not None and a.content == c:
                drop = True
                break
            if c is None and _ov(a.content, q):
                drop = True
                break
            if a.content is not None and q is not None and a.content.contains(q):
                drop = True  # a content running over a rule's cue ("…, Reuters reported") is misread
                break
        if not drop:
            kept.append(a)
    return kept


_SECOND_STATEMENT = Origin(Maker.RULE, "second statement after 'and said'")


def _split_and_said(text: str, atts: Sequence[Attribution]) -> list[Attribution]:
    """Two statements in one content: "confirmed that A and said B", "said A but warned B" and
    "said A, adding B" give two attributions with the same source."""
    pat = _patterns()["and_said"]
    out: list[Attribution] = []
    for a in atts:
        c = a.content
        if c is None or a.content_parts or a.kind == "direct":
            out.append(a)
            continue
        seg = text[c.start : c.end]
        m = pat.search(seg)
        head = seg[: m.start()] if m else ""
        if not m or m.start() < 8 or head.count("“") != head.count("”") or head.count('"') % 2:
            out.append(a)
            continue
        c1 = Span(c.start, c.start + m.start())
        c2s = c.start + m.end()
        if c.end - c2s < 8:
            out.append(a)
            continue
        c2 = Span(c2s, c.end)
        g = "cue" if m.group("cue") else "cue2"
        cue2 = Span(c.start + m.start(g), c.start + m.end(g))
        k1, w1 = kind_of(text, c1, a.cue, a.source)
        k2, w2 = kind_of(text, c2, cue2, a.source)
        out.append(
            Attribution(
                kind=k1,
                content=c1,
                cue=a.cue,
                source=a.source,
                evidence=(*a.evidence, "rule:split at 'and said'"),
                origin=a.origin,
            )
        )
        out.append(
            Attribution(
                kind=k2,
                content=c2,
                cue=cue2,
                source=a.source,
                evidence=(_SECOND_STATEMENT.label, w2),
                origin=_SECOND_STATEMENT,
            )
        )
    return out


def _trailing_said(analysis: Analysis, atts: list[Attribution]) -> list[Attribution]:
    """ ", officials said on Wednesday," after a clause the tagger missed: the clause is content."""
    text = analysis.text
    pats = _patterns()
    out = list(atts)
    alive = [True] * len(out)
    near = _near(atts)
    for s0, e0 in speech_sentences(analysis):
        sent = text[s0:e0]
        here = _around(near, s0, e0)  # only attributions reaching into the sentence can meet its spans
        cues = [atts[k].cue for k in here if atts[k].cue is not None and not atts[k].made_by(Maker.ORPHAN)]
        for name in ("trailing", "inverted", "leading"):
            for m in pats[name].finditer(sent):
                cue = Span(s0 + m.start("cue"), s0 + m.end("cue"))
                src = Span(s0 + m.start("src"), s0 + m.end("src"))
                if name == "inverted":
                    _yield_to_inverted(out, alive, here, cue, src, Span(*strip(text, s0, s0 + m.start())))
                    cues = [
                        out[k].cue
                        for k in here
                        if alive[k] and out[k].cue is not None and not out[k].made_by(Maker.ORPHAN)
                    ]
                if any(_ov(cue, q) for q in cues):
                    continue
                if name == "trailing" and len(text[src.start : src.end].split()) > 7:
                    continue
                if name == "leading":
                    # "X said A but warned B": A only (B has its own cue)
                    cs, ce = s0 + m.start("con"), s0 + m.end("con")
                    cut = pats["and_said"].search(text, cs, ce)
                    if cut:
                        ce = cut.start()
                    cs, ce = strip(text, cs, ce)
                else:
                    cs, ce = strip(text, s0, s0 + m.start())
                if not _words_at_least(text, cs, ce, 4):
                    continue
                content = Span(cs, ce)
                live = [k for k in here if alive[k]]
                if name == "leading" and any(_ov(out[k].content, content) for k in live):
                    continue  # a fallback only: the tagger's reading of the sentence stands
                for k in live:
                    a = out[k]
                    # a guessed clause on the same cue gives way to this one; the tagger's
                    # attributions inside this content are nested in it
                    if (a.made_by(Maker.ORPHAN) and _ov(a.cue, cue)) or (
                        a.content is not None
                        and _inside(a.content, content)
                        and a.cue is not None
                        and _inside(a.cue, content)
                        and a.kind not in ("agency", "according_to", "no_comment")
                    ):
                        alive[k] = False
                if any(
                    alive[k]
                    and _ov(out[k].content, content)
                    and out[k].cue is not None
                    and not _inside(out[k].cue, content)
                    and out[k].kind != "agency"
                    for k in live
                ):
                    continue
                out.append(_make(text, content, cue, src, f"{name} cue after the clause"))
                alive.append(True)
                here.append(len(out) - 1)
                cues.append(cue)
    return [a for a, ok in zip(out, alive, strict=True) if ok]


def _yield_to_inverted(
    out: list[Attribution], alive: list[bool], here: list[int], cue: Span, src: Span, clause: Span
) -> None:
    """ "…, opening a wider gap, said Lena Park, who works for …": the tagger's reading of
    an inverted cue gives way to the rule's when it took the speaker's name for what was said,
    or kept only the clause's tail; the rule reads the clause before the cue as the content."""
    for k in here:
        a = out[k]
        if not (alive[k] and a.cue is not None and _ov(a.cue, cue) and a.content is not None):
            continue
        speaker_as_content = a.content.start >= cue.end
        tail_only = (
            a.content.end <= cue.start
            and _inside(a.content, clause)
            and a.content != clause
            and (a.source is None or _ov(a.source, src))
        )
        if speaker_as_content or tail_only:
            alive[k] = False


# a participle cue ("saying", "’s denouncing"), and the subject opening its sentence: a name (after
# an opening adverbial such as "Meanwhile,") or a pronoun, followed by a lower-case word or a comma
_PARTICIPLE = re.compile(r"(?:[’']s\s+)?\w+ing\b")
_NOT_A_SUBJECT = (
    r"(?:In|On|At|For|The|An?|But|And|After|Before|When|While|If|As|With|By|From|This|That|These|"
    r"Those|Still|Yet|So|Then|Now|Meanwhile|However|Also|Later|Earlier|Instead)\b"
)
_CLAUSE_SUBJECT = re.compile(
    r"\s*(?:[A-Z]\w+,\s+)?(?!" + _NOT_A_SUBJECT + r")"
    r"([A-Z][\w.’'-]*(?:(?:\s+[a-z]\S*){0,2}\s+[A-Z][\w.’'-]*)*|it|he|she|they|we)"
    r"(?=,\s+an?\s|\s+[a-z’'])"
)  # a comma only before an appositive: "Dean, a doctor,"


def _tidy(analysis: Analysis, atts: list[Attribution]) -> list[Attribution]:
    """Keep unquoted content within one sentence; give a participle cue its clause's source.

    The tagger sees the whole article as one sequence, so an unquoted content can run over a
    sentence end ("which Israel says killed 1,200 people. Israel's military …"); reported speech
    without quotation marks almost never does, so it is cut at the sentence nearest its cue. A
    cue like "calling" or "insisting" has its source earlier in the sentence ("Netanyahu
    responded sharply, calling …"): the source of another attribution in the sentence, else the
    sentence's opening name.
    """
    import bisect

    text = analysis.text
    sents = speech_sentences(analysis)
    starts = [s for s, _ in sents]

    def sent_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    out: list[Attribution] = []
    for a in atts:
        c = a.content
        if c is not None and not a.content_parts and sents and not QUOTE_MARK.search(text, c.start, c.end):
            i, j = sent_of(c.start), sent_of(max(c.start, c.end - 1))
            if j > i:
                k = i if (a.cue is None or a.cue.start < c.start) else j
                s, e = max(c.start, sents[k][0]), min(c.end, sents[k][1])
                s, e = strip(text, s, e)
                if e > s:
                    kind, why = kind_of(text, Span(s, e), a.cue, a.source)
                    a = Attribution(
                        kind=kind,
                        content=Span(s, e),
                        cue=a.cue,
                        source=a.source,
                        evidence=(*a.evidence, "rule:cut at sentence end"),
                        origin=a.origin,
                    )
        if (
            a.source is None
            and a.cue is not None
            and (
                _PARTICIPLE.match(text, a.cue.start, a.cue.end)
                or re.search(r"\b(?:and|but)\s+(?:also\s+)?$", text[max(0, a.cue.start - 12) : a.cue.start])
            )
        ):
            k = sent_of(a.cue.start)
            ss = sents[k][0] if sents else 0
            prev = [b.source for b in out if b.source is not None and ss <= b.source.start < a.cue.start]
            src = prev[-1] if prev else None
            if src is None:
                m = _CLAUSE_SUBJECT.match(text[ss : a.cue.start])
                if m:
                    src = Span(ss + m.start(1), ss + m.end(1))
            if src is not None:
                a = Attribution(
                    kind=a.kind,
                    content=a.content,
                    cue=a.cue,
                    source=src,
                    content_parts=a.content_parts,
                    evidence=(*a.evidence, "rule:participle takes the clause's source"),
                    origin=a.origin,
                )
        out.append(a)
    return out


_DASH_CREDIT = re.compile(
    r"[\s”\"’.]{0,3}(?P<cue>[―—])\s*(?P<src>[A-Z](?:[^\n“”\"―—.]|(?<=\b[A-Z])\.){1,60}?)"
    r"\s*(?=(?<!\b[A-Z])\.|[“\"]|\n|$)"
)
"""A quotation credited after a dash: "― Edwin G. Monroy" (an initial's period stays in the name)."""
_LABEL_OPENING = re.compile(r"[“\"]?(?P<src>[A-Z][A-Z.’' -]{1,30}[A-Z.])\s*(?P<cue>:)\s+")
_SPEAKER_LABEL = re.compile(r"(?:^|\n)[\s“\"]*(?P<src>[A-Z][A-Z.’' -]{1,30}[A-Z.])\s*(?P<cue>:)\s*$")


def _speaker_labels(text: str, atts: list[Attribution]) -> list[Attribution]:
    """A content the tagger found without a cue, credited the way testimonials and transcripts do:
    a quotation followed by "― Name", or a paragraph opened by a speaker label ("SENATOR: …")."""
    out = []
    for a in atts:
        c = a.content
        if a.cue is None and c is not None:
            m = _DASH_CREDIT.match(text, c.end, min(len(text), c.end + 70))
            if m is None:
                m = _SPEAKER_LABEL.search(text, max(0, c.start - 40), c.start)
            if m is None:  # the label read as part of the content
                m = _LABEL_OPENING.match(text, c.start, c.end)
                if m is not None and c.end - m.end() > 8 and not a.content_parts:
                    c = Span(m.end(), c.end)
                else:
                    m = None
            if m is not None:
                cue, src = Span(m.start("cue"), m.end("cue")), Span(m.start("src"), m.end("src"))
                rule = "dash credit" if text[cue.start] != ":" else "speaker label"
                kind, why = kind_of(text, c, cue, src)
                a = Attribution(
                    kind=kind,
                    content=c,
                    cue=cue,
                    source=src,
                    content_parts=a.content_parts,
                    evidence=(*a.evidence, f"rule:{rule}", why),
                    origin=a.origin,
                )
        out.append(a)
    return out


def plausible(text: str, a: Attribution) -> bool:
    """Drop the tagger's weakest guesses: reported speech with no cue at all, or of up to five
    words with no source. On the development data these are right less than a third of the time,
    below the point where keeping them helps F1. A short content with its cue and source stays:
    stance verbs take short objects ("endorsed Trump", "opposed the bill"), and both engines
    measured better keeping them (dev content F1 +0.001 fast, +0.003 accurate)."""
    if a.kind in ("direct", "partial") and a.content is not None and a.cue is None:
        return not _titles_only(text, a.content)
    if a.kind != "indirect" or a.content is None:
        return True
    if a.cue is None or _pronoun_only(text, a.content):
        return False
    return a.source is not None or _words_at_least(text, a.content.start, a.content.end, 6)


_PRONOUN_CONTENT = frozenset({"that", "which", "who", "whom", "what", "this", "it", "so"})
"""One-word contents that only point at what was said (a relative pronoun, a complementizer)."""


def _pronoun_only(text: str, content: Span) -> bool:
    """A content that is one pronoun or complementizer ("which Washington said …" tagged
    content "which"): it stands for what was said, elsewhere, and matches no annotation."""
    words = CUE_WORD.findall(text, content.start, content.end)
    return len(words) == 1 and words[0].lower() in _PRONOUN_CONTENT


_QUOTED = re.compile(r"[“\"‘]([^“”\"]+?)[”\"’](?!\w)")
_QUOTED_WORD = re.compile(r"[\w’'-]+")


def _titles_only(text: str, content: Span) -> bool:
    """Whether every quotation in a content no cue introduces is a title or a scare quote, which
    the guidelines do not annotate: up to three words (“desk”, “safety net”), or a title's
    capitals with no sentence inside (“Super Mario Run”, “The World of Tomorrow”)."""
    quoted = [m.group(1) for m in _QUOTED.finditer(text, content.start, content.end)]
    return bool(quoted) and all(_title_or_scare(q) for q in quoted)


def _title_or_scare(q: str) -> bool:
    words = _QUOTED_WORD.findall(q)
    if len(words) <= 3:
        return True
    if re.search(r"[.!?,;:]\s", q.strip()):
        return False  # a sentence, or more than one
    long = [w for w in words if len(w) > 3]
    return bool(long) and all(w[0].isupper() or w[0].isdigit() for w in long)


def _join_parenthetical(analysis: Analysis, atts: list[Attribution]) -> list[Attribution]:
    """ "A, Okafor said, B" as one attribution: a reporting clause set between commas inside a
    sentence interrupts one statement, whose two pieces the annotators mark as one content in
    two parts (227 times in PolNeAR's train and dev files). The tagger finds one piece, or both
    as two attributions; either way the content becomes both pieces."""
    text = analysis.text
    sentences = speech_sentences(analysis)
    starts = [s for s, _ in sentences]
    out = list(atts)
    on_cue: dict[Span | None, list[int]] = {}
    for k, a in enumerate(out):
        on_cue.setdefault(a.cue, []).append(k)
    for k, a in enumerate(out):
        pieces = _around_clause(text, a, sentences, starts)
        if pieces is None:
            continue
        first, second = pieces
        twins = [j for j in on_cue[a.cue] if j != k and (_ov(out[j].content, first) or _ov(out[j].content, second))]
        out[k] = Attribution(
            kind=a.kind,
            content=Span(first.start, second.end),
            cue=a.cue,
            source=a.source,
            content_parts=(first, second),
            evidence=(*a.evidence, "rule:both pieces around a reporting clause"),
            origin=a.origin,
        )
        for j in twins:
            out[j] = out[k]
    return list(dict.fromkeys(out))


def _around_clause(
    text: str, a: Attribution, sentences: list[tuple[int, int]], starts: list[int]
) -> tuple[Span, Span] | None:
    """The two pieces of a sentence around ``a``'s source and cue when they stand between two
    commas ("…the merger, Okafor said, the new chain…"), alone or with a short adjunct ("Okafor
    said then", :func:`.edges.short_adjunct`), and its content is one of the pieces."""
    if a.kind != "indirect" or a.cue is None or a.source is None or a.content is None or a.content_parts:
        return None
    lo, hi = min(a.source.start, a.cue.start), max(a.source.end, a.cue.end)
    k = bisect_right(starts, lo) - 1
    if k < 0:
        return None
    s0, e0 = sentences[k]
    c1 = text.rfind(",", s0, lo)
    c2 = text.find(",", hi, e0)
    if c1 < 0 or c2 < 0 or text[c1 + 1 : lo].strip() or not short_adjunct(text, hi, c2, a.cue.text(text)):
        return None
    first, second = Span(*trim(text, s0, c1)), Span(*trim(text, c2 + 1, e0, end_chars=".!?"))
    if not (a.content.overlaps(first) or a.content.overlaps(second)):
        return None
    quoted = any(q in text[first.start : second.end] for q in '“”"')  # quotations: _join_interrupted
    if (
        quoted
        or "," in text[first.start : first.end]
        or not _words_at_least(text, first.start, first.end, 2)
        or not _words_at_least(text, second.start, second.end, 3)
    ):
        return None
    return first, second


_INTERRUPTED = re.compile(
    r"(?P<q1>[“\"][^“”\"]{2,}?[,!?][”\"])\s+(?P<mid>[^“”\"]{2,80}?)[,:]?\s+(?P<q2>[“\"][^“”\"]{2,}?[”\"])"
)


def _join_interrupted(analysis: Analysis, atts: list[Attribution]) -> list[Attribution]:
    """“A,” she said, “B.” as one attribution when the tagger found only one of the two parts.

    When an attribution's cue sits between two quotations of one sentence and its content is one
    of them, the other is the rest of the same statement: the content becomes both parts.
    """
    text = analysis.text
    out = list(atts)
    for s0, e0 in speech_sentences(analysis):
        if "”" not in text[s0:e0] and '"' not in text[s0:e0]:
            continue
        for m in _INTERRUPTED.finditer(text, s0, e0):
            q1 = Span(m.start("q1"), m.end("q1"))
            q2 = Span(m.start("q2"), m.end("q2"))
            mid = Span(m.start("mid"), m.end("mid"))
            for k, a in enumerate(out):
                if a.cue is None or a.content is None or a.content_parts or not mid.contains(a.cue):
                    continue
                if a.content == q1 or a.content == q2:
                    parts = (q1, q2)
                    other = q1 if a.content == q2 else q2
                    if any(b is not a and b.content is not None and b.content.overlaps(other) for b in out):
                        break
                    out[k] = Attribution(
                        kind="direct",
                        content=Span(q1.start, q2.end),
                        cue=a.cue,
                        source=a.source,
                        content_parts=parts,
                        evidence=(*a.evidence, "rule:other half of an interrupted quote"),
                        origin=a.origin,
                    )
                    break
    return out


_OPENING_QUOTE = '“"‘'


def _join_continuation(analysis: Analysis, atts: list[Attribution]) -> list[Attribution]:
    """A paragraph that is one quotation with no cue, right after a paragraph whose quotation has
    a speaker and is left open, goes on with that speaker's statement: the news convention for a
    quote over several paragraphs. The two become one content in parts. Joining after a closed
    quotation as well measured no better on PolNeAR dev (annotators join those half the time)."""
    text = analysis.text
    paras = analysis.article.paragraphs
    starts = [p.start for p in paras]
    out = list(atts)
    for k in range(1, len(out)):
        b, a = out[k], out[k - 1]
        c = b.content
        if c is None or b.cue is not None or b.kind != "direct" or b.content_parts and len(b.content_parts) > 1:
            continue
        if a.content is None or a.cue is None or a.kind not in ("direct", "partial") or a.origin is None:
            continue
        pi = bisect_right(starts, c.start) - 1
        if pi < 1 or text[paras[pi].start : c.start].strip() or text[paras[pi].start] not in _OPENING_QUOTE:
            continue
        prev = paras[pi - 1]
        if not (prev.start <= a.content.start < prev.end and a.content.end <= prev.end):
            continue
        seg = text[prev.start : prev.end]
        if not (seg.rfind("“") > seg.rfind("”") or seg.count('"') % 2):
            continue  # the first quotation closed: PolNeAR's annotators join these half the time
        parts = (*(a.content_parts or (a.content,)), c)
        out[k - 1] = Attribution(
            kind=a.kind if a.kind == "partial" else "direct",
            content=Span(a.content.start, c.end),
            cue=a.cue,
            source=a.source,
            content_parts=parts,
            evidence=(*a.evidence, "rule:quote paragraph continues the speaker's quote"),
            origin=a.origin,
        )
        out[k] = out[k - 1]
    return list(dict.fromkeys(out))


@lru_cache(maxsize=1)
def _passive_pattern() -> re.Pattern[str]:
    """A cue "be + participle" of ``data/passive_cues.txt`` ("is expected", "has been seen as")."""
    words = "|".join(re.escape(w) for w in read_lexicon("passive_cues.txt"))
    return re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(?:" + words + r")\b", re.IGNORECASE)


_CLAUSE_EDGE = re.compile(r"(?:[,;:(]|\s[―—–]|\s--|\bthat\b)\s*")


def _passive_subject(analysis: Analysis, atts: list[Attribution]) -> list[Attribution]:
    """ "[About one voter in nine] is expected [to be Latino]": a sourceless passive evidential
    whose content follows its cue takes the clause's subject as the content's first part, as
    PolNeAR annotates it (the subject is what is expected; see ``data/passive_cues.txt``)."""
    text = analysis.text
    sentences = speech_sentences(analysis)
    starts = [s for s, _ in sentences]
    out = []
    for a in atts:
        c, q = a.content, a.cue
        if (
            c is None
            or q is None
            or a.source is not None
            or a.content_parts
            or c.start < q.end
            or not _passive_pattern().search(text, q.start, q.end)
        ):
            out.append(a)
            continue
        k = bisect_right(starts, q.start) - 1
        s0 = sentences[k][0] if k >= 0 else 0
        edges = list(_CLAUSE_EDGE.finditer(text, s0, q.start))
        lo = edges[-1].end() if edges else s0
        lo = m.end() if (m := _LEAD.match(text, lo, q.start)) else lo
        subj = Span(*strip(text, lo, q.start, final=False))
        if subj.end <= subj.start or _words_at_least(text, subj.start, subj.end, 16):
            out.append(a)
            continue
        kind, why = kind_of(text, Span(subj.start, c.end), q, None)
        out.append(
            Attribution(
                kind=kind,
                content=Span(subj.start, c.end),
                cue=q,
                source=None,
                content_parts=(subj, c),
                evidence=(*a.evidence, "rule:passive cue's subject", why),
                origin=a.origin,
            )
        )
    return out


_CLOSING = {"“": "”", '"': '"'}


def _next_quote(
    text: str, sentences: list[tuple[int, int]], starts: list[int], pars: list[int], a: Attribution
) -> tuple[Span, int] | None:
    """The quotation opening the sentence after ``a``'s cue in the same paragraph, and the end of
    the sentence it closes in; None when that sentence opens with no quotation mark."""
    assert a.cue is not None
    k = bisect_right(starts, a.cue.start) - 1
    if k < 0 or k + 1 >= len(sentences):
        return None
    qs = sentences[k + 1][0]
    while qs < len(text) and text[qs].isspace():
        qs += 1
    if qs >= len(text) or text[qs] not in _CLOSING or bisect_right(pars, qs) != bisect_right(pars, a.cue.start):
        return None
    qe = text.find(_CLOSING[text[qs]], qs + 1)
    par_end = pars[bisect_right(pars, qs)] if bisect_right(pars, qs) < len(pars) else len(text)
    if qe < 0 or qe >= par_end:
        return None
    last = bisect_right(starts, qe) - 1
    return Span(qs, qe + 1), sentences[last][1]


def _join_next_quote(analysis: Analysis, atts: list[Attribution]) -> list[Attribution]:
    """“A,” Okafor said. “B.” as one statement: a quotation whose cue and source follow it, and
    a quotation opening the next sentence of the paragraph with no cue of its own, are one
    content in two parts (annotators join them on PolNeAR and on the real-web pages). A
    piece the tagger found in the second quotation, with no cue or with the first one's, joins."""
    text = analysis.text
    sentences = speech_sentences(analysis)
    starts = [s for s, _ in sentences]
    pars = [p.start for p in analysis.article.paragraphs]
    out = list(atts)
    for k, a in enumerate(out):
        if a.content is None or a.cue is None or a.kind not in ("direct", "partial") or a.cue.start < a.content.end:
            continue
        found = _next_quote(text, sentences, starts, pars, a)
        if found is None:
            continue
        quote, end = found
        if any(b.cue is not None and b.cue != a.cue and quote.start <= b.cue.start < end for b in out):
            continue  # “B,” she added: the second quotation has a cue of its own
        pieces = [
            j
            for j, b in enumerate(out)
            if j != k and b.content is not None and b.content.overlaps(quote) and (b.cue is None or b.cue == a.cue)
        ]
        if any(not quote.contains(out[j].content) for j in pieces):  # type: ignore[arg-type]
            continue
        parts = (*(a.content_parts or (a.content,)), quote)
        joined = Attribution(
            kind=a.kind,
            content=Span(a.content.start, quote.end),
            cue=a.cue,
            source=a.source,
            content_parts=parts,
            evidence=(*a.evidence, "rule:next sentence's quotation continues"),
            origin=a.origin,
        )
        out[k] = joined
        for j in pieces:
            out[j] = joined
    return list(dict.fromkeys(out))
