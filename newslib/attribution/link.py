"""From tagger labels to attributions: spans, discontinuous quotes, linking and kinds.

The tagger marks source (S), cue (Q) and content (C) tokens. This module turns the runs into
spans, joins the parts of an interrupted quotation (“A,” she said, “B.”) into one content with
``content_parts``, links each content to the cue and source around it, and names the kind with
readable rules (agency, no_comment, according_to, direct, partial, indirect). Every decision
leaves a short string in the attribution's ``evidence``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache

from ..datafiles import agency_names, read_lexicon
from ..model import ORPHAN_CLAUSE, TAGGER, Attribution, Span
from ..text import QUOTE_CHARS
from .scheme import Prepared, Run, runs
from .settings import AttributionSettings


@lru_cache(maxsize=1)
def agency_pattern() -> re.Pattern[str]:
    """Wire-service names from ``data/agencies.txt`` as one whole-word pattern."""
    names = agency_names()
    return re.compile(
        r"^\W*(?:the\s+)?(?:"
        + "|".join(re.escape(n) for n in names)
        + r")(?:\s+(?:news\s+agency|news\s+service|wire\s+service|newswire))?\W*$",
        re.IGNORECASE,
    )


_NO_COMMENT = re.compile(
    r"(declin\w*|refus\w*|(?:did|does|would|could|has|have|had)\s*(?:not|n[’']t)\b.*"
    r"(?:respond|return|reply|comment|answer)|no comment|not be reached|unavailable)",
    re.IGNORECASE,
)
_COMMENT_CONTENT = re.compile(r"\b(?:comment|request|respond|questions?|inquir|message|call|email)", re.IGNORECASE)
QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(QUOTE_CHARS - {"'", "’"}))) + "]")
"""A quotation mark, apostrophes left out (they also mark contractions and possessives)."""
_ACCORDING = re.compile(r"^(?:according\s+to|per)\b", re.IGNORECASE)


def _is_quote_tok(text: str, prep: Prepared, k: int) -> bool:
    t = prep.tokens[k]
    return text[t.start] in QUOTE_CHARS


def kind_of(text: str, content: Span | None, cue: Span | None, source: Span | None) -> tuple[str, str]:
    """The kind of an attribution from its spans, and the rule that gave it."""
    cue_t = cue.text(text).strip() if cue else ""
    src_t = source.text(text) if source else ""
    con_t = content.text(text).strip() if content else ""
    if cue_t and _ACCORDING.match(cue_t):
        return "according_to", "kind:according-to cue"
    if src_t and agency_pattern().match(src_t):
        return "agency", "kind:wire-service source"
    if cue_t and _NO_COMMENT.search(cue_t) and (not con_t or _COMMENT_CONTENT.search(con_t)):
        return "no_comment", "kind:refusal cue"
    if re.match(r"^no comment\b", con_t, re.IGNORECASE) or (cue_t.lower().startswith("no comment")):
        return "no_comment", "kind:no comment"
    if con_t:
        first, last = con_t[0], con_t[-1]
        if first in QUOTE_CHARS and (last in QUOTE_CHARS or con_t[-2:-1] in QUOTE_CHARS):
            inner = con_t[1:-1]
            # wholly quoted: no closing-then-opening pair of marks inside, unless it is a nested quote
            if not re.search(r"[”\"]\s+\w+(?:\s+\w+){0,3}\s+[“\"]", inner):
                return "direct", "kind:wholly quoted"
        if QUOTE_MARK.search(con_t):
            return "partial", "kind:quoted fragment"
    return "indirect", "kind:reported"


def _span(prep: Prepared, r: Run) -> Span:
    return Span(prep.tokens[r.i].start, prep.tokens[r.j].end)


def _strip_content(text: str, prep: Prepared, r: Run) -> Run:
    """Drop a final sentence period or comma (the guidelines leave it out) and edge commas."""
    i, j = r.i, r.j
    while j > i and text[prep.tokens[j].start] in ".,;:" and not _is_quote_tok(text, prep, j):
        j -= 1
    while i < j and text[prep.tokens[i].start] in ",;:—–-":
        i += 1
    return Run(r.role, i, j, r.prob)


def _extend_contents(text: str, prep: Prepared, labels: list[str], stop: frozenset[str]) -> None:
    """Carry a content the tagger cut short to the end of its sentence.

    A linear-chain CRF with a short window loses track inside long reported clauses ("noted
    that Trump also initially supported the invasion …" stops after "Trump"). When a content run
    ends mid-sentence and only unlabelled tokens follow up to the sentence's end, they are part of
    the same clause in the large majority of training cases, so the run is extended over them.
    """
    n = len(labels)
    sent = prep.sentence
    k = 0
    while k < n:
        if labels[k].endswith("C") and (k + 1 < n and labels[k + 1] == "O" and sent[k + 1] == sent[k]):
            m = k + 1
            while m < n and labels[m] == "O" and sent[m] == sent[k]:
                if stop and text[prep.tokens[m].start : prep.tokens[m].end].lower() in stop:
                    break
                m += 1
            if m == n or sent[m] != sent[k]:
                for x in range(k + 1, m):
                    labels[x] = "I-C"
            k = m
        else:
            k += 1


def _cue_after(labels: Sequence[str], sent: Sequence[int], j: int) -> bool:
    """Whether a cue follows token ``j`` within its sentence (“B,” she said: B has its own cue)."""
    k = j + 1
    while k < len(labels) and sent[k] == sent[j]:
        if labels[k].endswith("Q"):
            return True
        k += 1
    return False


_NOT_A_SOURCE_END = frozenset({"and", "or", "but", "to", "of", "the", "a", "an", "for", "with", "by"})


def _plausible_source(text: str, prep: Prepared, r: Run) -> bool:
    """Whether a tagged source can be one: not ending in a function word ("… joke” and"), not
    holding a closing quotation mark after its first word, not the object of "told"."""
    last = prep.tokens[r.j]
    if text[last.start : last.end].lower() in _NOT_A_SOURCE_END:
        return False
    if r.i > 0 and text[prep.tokens[r.i - 1].start : prep.tokens[r.i - 1].end].lower() in _TOLD:
        return False  # "a spokesman told Reuters": Reuters is whom he told, not who spoke
    if r.i == r.j and text[last.start : last.end].lower().endswith("ing"):
        return False  # "Fuelling": a verb, not who spoke
    toks = prep.tokens[r.i + 1 : r.j + 1]
    return not any(t.kind == "quote" and text[t.start] in '”’"' for t in toks)


_SOURCE_TRIM_START = frozenset({"by"})  # a passive's agent: "is reviled by many Africans"
_SOURCE_TRIM_END = frozenset({"’re", "'re", "’ve", "'ve", "’ll", "'ll", "’d", "'d", "’m", "'m"})


def _strip_source(text: str, prep: Prepared, r: Run) -> Run:
    """A source without what the tagger let into its edges: punctuation ("…, a spokeswoman."),
    a passive's "by", a contracted verb ("We’re told")."""
    i, j = r.i, r.j

    def word(k: int) -> str:
        return text[prep.tokens[k].start : prep.tokens[k].end].lower()

    opened = [k for k in range(i + 1, j + 1) if word(k) == "("]
    if opened and not any(word(k) == ")" for k in range(opened[-1], j + 1)):
        j = opened[-1] - 1  # "The National Farmers Union (NFU": the name, not half its initials
    while j > i and (prep.tokens[j].kind in ("punct", "quote") or word(j) in _SOURCE_TRIM_END):
        if word(j) == ")" and opened:
            break  # "(NFU)" keeps its closing parenthesis
        j -= 1
    while i < j and (prep.tokens[i].kind in ("punct", "quote") or word(i) in _SOURCE_TRIM_START):
        i += 1
    return Run(r.role, i, j, r.prob)


_THAT_GAP = frozenset(
    {
        "that",
        ",",
        "on",
        "in",
        "this",
        "last",
        "week",
        "month",
        "year",
        "today",
        "yesterday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    }
)


def _split_at_quote(text: str, prep: Prepared, r: Run) -> list[Run]:
    """A content run cut where a new sentence opens a quotation after unquoted words: the tagger
    ran an indirect statement on into the next sentence's quote, which has a cue of its own."""
    out = []
    i = r.i
    sent, inq = prep.sentence, prep.in_quote
    for k in range(r.i + 1, r.j + 1):
        if sent[k] != sent[k - 1] and not inq[k - 1] and _is_quote_tok(text, prep, k):
            out.append(Run(r.role, i, k - 1, r.prob))
            i = k
    out.append(Run(r.role, i, r.j, r.prob))
    return out


_ROLE_CODE = {"O": "o", "B-S": "s", "I-S": "S", "B-Q": "q", "I-Q": "Q", "B-C": "c", "I-C": "C"}
_CONTENT_RUN = re.compile("[cC]C*")


def _quote_then_source(text: str, prep: Prepared, labels: list[str]) -> None:
    """“…,” Dana K. Morrow III, an engineer, said: a content run that goes on past its closing
    quotation mark up to a cue holds the source after the quotation; relabel those words.

    Runs are found by a regex over one letter a label, since this looks at every token."""
    n = len(labels)
    qid, inq, sent = prep.quote_id, prep.in_quote, prep.sentence
    for m in _CONTENT_RUN.finditer("".join(map(_ROLE_CODE.__getitem__, labels))):
        k, j = m.start(), m.end() - 1
        if qid[k] < 0 or not _is_quote_tok(text, prep, k):
            continue
        q = j + 1
        while q < n and labels[q] == "O" and prep.tokens[q].kind == "punct":
            q += 1
        if not (q < n and labels[q].endswith("Q") and sent[q] == sent[j]):
            continue
        end = max(x for x in range(k, j + 1) if qid[x] == qid[k])
        rest = [x for x in range(end + 1, j + 1) if prep.tokens[x].kind not in ("punct", "quote")]
        if rest and not any(inq[x] for x in range(end + 1, j + 1)):
            for x in range(end + 1, j + 1):
                labels[x] = "O"
            for x in range(rest[0], rest[-1] + 1):
                labels[x] = "B-S" if x == rest[0] else "I-S"


@lru_cache(maxsize=1)
def _honorifics() -> frozenset[str]:
    """Honorifics of ``data/titles.txt`` ("mr", "mrs", "dr", "sir"), without their periods."""
    rows = (line.split("|") for line in read_lexicon("titles.txt"))
    return frozenset(r[0].strip().rstrip(".") for r in rows if len(r) > 1 and r[1].strip() == "honorific")


def _title_then_name(text: str, prep: Prepared, labels: list[str]) -> None:
    """ "Mr Ebbers rejected…" tagged source "Mr", cue "Ebbers rejected"; "Edwin G. Monroy" tagged
    source "Edwin G": a source ending in an honorific or an initial takes the capitalised words
    (and the initial's period) after it, and the cue starts after them. British news writes "Mr"
    without a period, which the American training data never does, and a splitter may end a
    sentence at an initial's period."""
    toks, par = prep.tokens, prep.paragraph
    ends = [k for k in range(len(labels) - 1) if labels[k] in _SOURCE and labels[k + 1] not in _SOURCE]
    for k in ends:  # a source run's last token (one list: this looks at every article's labels)
        word = text[toks[k].start : toks[k].end]
        initial = len(word) == 1 and word.isupper()
        if not initial and word.rstrip(".").lower() not in _honorifics():
            continue
        x = k + 1
        if initial and text[toks[x].start : toks[x].end] == "." and not labels[x].endswith("C"):
            x += 1
        first = x
        while (
            x < len(labels)
            and par[x] == par[k]
            and text[toks[x].start].isupper()
            and toks[x].kind == "word"
            and not labels[x].endswith("C")
        ):
            x += 1
        if x == first:
            continue
        for y in range(k + 1, x):
            labels[y] = "I-S"
        if x < len(labels) and labels[x] == "I-Q":
            labels[x] = "B-Q"


def _name_before_apposition(text: str, prep: Prepared, labels: list[str]) -> None:
    """ "Helena Marsh, a local resident, said" tagged source "a local resident": a source that
    opens with a determiner right after "Name," takes the name (the apposition describes it)."""
    toks, sent = prep.tokens, prep.sentence
    for k in [k for k, lab in enumerate(labels) if lab == "B-S" and k >= 2]:
        if text[toks[k].start : toks[k].end].lower() not in ("a", "an", "the"):
            continue
        if text[toks[k - 1].start : toks[k - 1].end] != "," or labels[k - 1] != "O":
            continue
        x = k - 2
        while (
            x >= 0
            and sent[x] == sent[k]
            and labels[x] == "O"
            and toks[x].kind == "word"
            and text[toks[x].start].isupper()
        ):
            x -= 1
        if k - 2 - x < 2:  # a name of two words or more, not a sentence's first word
            continue
        labels[x + 1] = "B-S"
        for y in range(x + 2, k + 1):
            labels[y] = "I-S"


_SOURCE = frozenset(("B-S", "I-S"))
_CUE = frozenset(("B-Q", "I-Q"))
_ADDRESSEES = frozenset("reporters journalists me us him her them".split())
_TOLD = frozenset(("told", "tells", "telling", "tell"))


def _addressee_len(text: str, prep: Prepared, k: int) -> int:
    """How many tokens from ``k`` name whom something was told: "Reuters", "the BBC", "CNN",
    "reporters" (0 if none)."""
    toks = prep.tokens

    def word(i: int) -> str:
        return text[toks[i].start : toks[i].end] if i < len(toks) else ""

    if word(k).lower() in _ADDRESSEES or word(k).lower() in _agency_words():
        return 1
    if word(k).isupper() and 2 <= len(word(k)) <= 5:  # CNN, BBC
        return 1
    if word(k).lower() == "the" and word(k + 1)[:1].isupper():
        n = 1
        while word(k + n)[:1].isupper() and prep.sentence[k + n] == prep.sentence[k]:
            n += 1
        return n
    return 0


@lru_cache(maxsize=1)
def _agency_words() -> frozenset[str]:
    """Wire services named by one word ("reuters", "afp")."""
    return frozenset(a.lower() for a in agency_names() if " " not in a)


def _told_whom(text: str, prep: Prepared, labels: list[str]) -> None:
    """ "X told Reuters the deal was close" tagged content "Reuters the deal…": whom X told
    belongs to the cue, never to the content or the source (the outlet is the addressee)."""
    toks = prep.tokens
    for k in [k for k in range(len(labels) - 2) if labels[k + 1] == "B-C" and labels[k] in _CUE]:
        if text[toks[k].start : toks[k].end].lower() not in _TOLD:
            continue
        n = _addressee_len(text, prep, k + 1)
        if n and k + n + 1 < len(labels) and labels[k + n + 1] == "I-C":
            for y in range(k + 1, k + n + 1):
                labels[y] = "I-Q"
            labels[k + n + 1] = "B-C"


def _join_quotations(text: str, prep: Prepared, labels: Sequence[str], contents: Sequence[Run]) -> list[list[Run]]:
    """Content runs grouped into statements: the parts of an interrupted quotation together."""
    sent = prep.sentence
    par = prep.paragraph

    # join interrupted quotations: C (S|Q|O-punct)* C where the second part opens a quotation
    groups: list[list[Run]] = []
    for c in contents:
        if groups:
            prev = groups[-1][-1]
            between = range(prev.j + 1, c.i)
            ok = (
                c.i > prev.j + 1
                and _is_quote_tok(text, prep, c.i)
                and _is_quote_tok(text, prep, prev.j)
                and _is_quote_tok(text, prep, groups[-1][0].i)
                and par[c.i] == par[prev.j]
                and any(labels[k].endswith("Q") for k in between)
                and not any(labels[k].endswith("C") for k in between)
                and not _cue_after(labels, sent, c.j)
            )
            if ok:
                groups[-1].append(c)
                continue
            qid = prep.quote_id
            if (
                qid[prev.j] >= 0
                and qid[prev.j] == qid[c.i]
                and par[c.i] == par[prev.j]
                and not any(labels[k].endswith("Q") for k in between)
            ):
                # one quotation the tagger cut in two: it is one statement
                groups[-1][-1] = Run("C", prev.i, c.j)
                continue
        groups.append([c])
    return groups


# Token windows of the linker. Each bounds a search to the tokens a match can lie in, so linking
# a statement looks at its neighbourhood, not the whole article (an article is one sequence).
CUE_WINDOW = 80
"""Tokens before a statement's first and after its last token searched for its cue. A cue
must lie in the statement's first or last sentence (or within three tokens of it in the
neighbouring one), so this cuts off only a cue farther than 80 tokens inside one sentence:
longer than nearly every news sentence (widening it to 1,000 changed no output on PolNeAR dev)."""
SOURCE_WINDOW = 60
"""Tokens either side of a cue searched for the start of its tagged source. The source must lie
in the cue's sentence (or within two tokens across its edge); 60 tokens reach past the length of
nearly every sentence (widening it to 1,000 changed no output on PolNeAR dev)."""
ORPHAN_SOURCE_WINDOW = 10
"""Tokens before a contentless cue searched for the start of a tagged source ending at most three
tokens before it: a subject of up to seven words ("the president's chief of staff")."""
SUBJECT_AFTER = 8
"""At most this many words after a cue form a guessed subject ("…,” said the county's chief
medical officer): an inverted subject is a name or a noun phrase, rarely longer."""
SUBJECT_BEFORE = 6
"""At most this many words before a cue form a guessed subject: the chunk right before a
reporting verb ("E.U. leaders warn"); a longer stretch holds more than the subject."""

# words that open or close an adverbial phrase, never the edge of a guessed subject
_PREPOSITIONS = frozenset(
    {
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "after",
        "before",
        "during",
        "to",
        "from",
        "of",
        "about",
        "into",
        "over",
        "under",
        "perhaps",
        "also",
    }
)
_STOP_WORDS = frozenset({"that", "and", "but", "or", "because", "if", "when", "while", "as", "who", "which"})


def link(text: str, prep: Prepared, labels: Sequence[str], settings: AttributionSettings) -> list[Attribution]:
    """Attributions from the tagger's labels: contents joined, linked to cue and source, kinded
    (steered by ``settings``, passed down by the caller so every worker uses the run's own)."""
    return Linker(text, prep, labels, settings).attributions()


class Linker:
    """One article's linking: its text, tokens and (corrected) labels, the cue and source runs
    with their start indexes, and which cues statements have taken so far.

    The steps share this state, so each is a method reading it rather than a function passed
    the same nine things."""

    def __init__(self, text: str, prep: Prepared, labels: Sequence[str], settings: AttributionSettings) -> None:
        self.text = text
        self.prep = prep
        self.settings = settings
        self.labels = list(labels)
        _quote_then_source(text, prep, self.labels)
        _title_then_name(text, prep, self.labels)
        _name_before_apposition(text, prep, self.labels)
        if settings.extend:
            _extend_contents(text, prep, self.labels, settings.extend_stop)
        _told_whom(text, prep, self.labels)
        rs = runs(self.labels)
        self.contents = [
            _strip_content(text, prep, r) for c in rs if c.role == "C" for r in _split_at_quote(text, prep, c)
        ]
        self.cues = [r for r in rs if r.role == "Q"]
        self.srcs = [
            r for r in (_strip_source(text, prep, r) for r in rs if r.role == "S") if _plausible_source(text, prep, r)
        ]
        self.cue_at = [q.i for q in self.cues]
        self.src_at = [r.i for r in self.srcs]
        self.used_cue: dict[int, int] = {}

    def attributions(self) -> list[Attribution]:
        """The statements linked to their cues and sources, then the contentless cues' clauses."""
        groups = _join_quotations(self.text, self.prep, self.labels, self.contents)
        out = [self._link_group(g) for g in groups]
        return out + self._orphan_attributions()

    def _word(self, k: int) -> str:
        t = self.prep.tokens[k]
        return self.text[t.start : t.end]

    def _take(self, cue: Run) -> None:
        self.used_cue[cue.i] = self.used_cue.get(cue.i, 0) + 1

    def _link_group(self, g: Sequence[Run]) -> Attribution:
        """The attribution of one statement (a group of content runs): its cue and source, its kind."""
        text, prep = self.text, self.prep
        first, last = g[0], g[-1]
        cspan = Span(prep.tokens[first.i].start, prep.tokens[last.j].end)
        parts = tuple(_span(prep, r) for r in g) if len(g) > 1 else ()
        evidence = ["crf:content"]
        if parts:
            evidence.append("join:interrupted quote")
        cue = self._cue_for(first, last)
        source: Run | None = None
        if cue is not None:
            self._take(cue)
            evidence.append("link:cue")
            source = self._source_for(cue, first, last, parts)
            if source is not None:
                evidence.append("link:source")
        cue_span = _span(prep, cue) if cue else None
        src_span = _span(prep, source) if source else None
        if cue is not None and source is None:
            src_span = self._nearby_subject(cue, first.i, last.j)
            if src_span is not None:
                evidence.append("link:subject next to cue")
        if self.settings.outer and cue is not None and source is not None and not parts:
            q0 = self._outer_cue(cue, source)
            if q0 is not None:
                # "Ortiz said that the council would vote …": the clause after the first cue is
                # the content (only the outermost attribution is annotated)
                self._take(q0)
                cspan = Span(prep.tokens[source.i].start, cspan.end)
                cue_span = _span(prep, q0)
                src_span = self._nearby_subject(q0, source.i, last.j)
                evidence.append("link:outer cue before a nested one")
        kind, why = kind_of(text, cspan, cue_span, src_span)
        evidence.append(why)
        return Attribution(
            kind=kind,
            content=cspan,
            cue=cue_span,
            source=src_span,
            content_parts=parts,
            evidence=tuple(evidence),
            origin=TAGGER,
        )

    def _cue_for(self, first: Run, last: Run) -> Run | None:
        """The cue of a statement: inside an interrupted quote, else the nearest cue in the content's sentences."""
        sent = self.prep.sentence
        knobs = self.settings
        lo = bisect_left(self.cue_at, first.i - CUE_WINDOW)
        near = self.cues[lo : bisect_right(self.cue_at, last.j + CUE_WINDOW)]
        inner = [q for q in near if first.i < q.i and q.j < last.j]
        if inner:
            return inner[0]
        lo_s, hi_s = sent[first.i], sent[last.j]
        # a clause opening with "that" is the complement of a verb before it: "said at the
        # time that A, insisting B" gives A to "said", however close "insisting" is
        complement = self._word(first.i) == "that"
        best = None
        for q in near:
            if q.j < first.i:
                d = first.i - q.j
                ok = sent[q.j] == lo_s or (sent[q.j] == lo_s - 1 and d <= 3)
                score = d + (0.0 if sent[q.j] == lo_s else knobs.cross_sentence)
                if complement and sent[q.j] == lo_s and d <= knobs.complement_gap:
                    score -= knobs.cross_sentence
            elif q.i > last.j:
                d = q.i - last.j
                ok = sent[q.i] == hi_s or (sent[q.i] == hi_s + 1 and d <= 2)
                score = d + 0.5 + (0.0 if sent[q.i] == hi_s else knobs.cross_sentence)
            else:
                continue
            if ok and (best is None or score < best[0]):
                best = (score, q)
        return best[1] if best else None

    def _source_for(self, cue: Run, first: Run, last: Run, parts: tuple[Span, ...]) -> Run | None:
        """The tagged source nearest a statement's cue, in its sentence or at most two tokens away."""
        sent = self.prep.sentence
        best_s = None
        lo = bisect_left(self.src_at, cue.i - SOURCE_WINDOW)
        for s in self.srcs[lo : bisect_right(self.src_at, cue.j + SOURCE_WINDOW)]:
            if first.i <= s.i and s.j <= last.j and not parts:
                continue
            d: float
            if s.j < cue.i:
                d = cue.i - s.j
                ok = sent[s.j] == sent[cue.i] or d <= 2
            elif s.i > cue.j:
                d = s.i - cue.j + 0.5
                ok = sent[s.i] == sent[cue.j] or d <= 2
            else:
                continue
            if ok and (best_s is None or d < best_s[0]):
                best_s = (d, s)
        return best_s[1] if best_s else None

    def _outer_cue(self, cue: Run, source: Run) -> Run | None:
        """An unused cue right before this attribution's source ("X said [that] S cue C"), when the
        source comes before the cue in one sentence; else None."""
        sent, labels, cues = self.prep.sentence, self.labels, self.cues
        if not (source.j < cue.i and sent[source.i] == sent[cue.i]):
            return None
        # runs do not overlap, so the cues ending within five tokens before the source are the last
        # ones starting before it
        k = bisect_left(self.cue_at, source.i)
        lo = k
        while lo > 0 and cues[lo - 1].j >= source.i - 5:
            lo -= 1
        for q0 in cues[lo:k]:
            if q0.i in self.used_cue or sent[q0.j] != sent[source.i]:
                continue
            gap = range(q0.j + 1, source.i)
            if any(labels[x] != "O" for x in gap) or any(self._word(x).lower() not in _THAT_GAP for x in gap):
                continue
            return q0
        return None

    def _nearby_subject(self, cue: Run, ci: int, cj: int) -> Span | None:
        """A source the tagger did not mark: the words right before the cue, back to the clause start
        (or, when the content comes first or the cue opens the sentence, the words right after it).

        The scorer needs only an overlap with the gold source, and the subject of a reporting verb is
        nearly always the chunk next to it ("E.U. leaders warn …", "…,” said Ellis.").
        """
        sent, toks, labels, word = self.prep.sentence, self.prep.tokens, self.labels, self._word
        if word(cue.i).lower().endswith("ing"):
            return None  # "…, saying …", "by telling …": the clause's subject, found by the rules
        before = cue.i - 1
        if cj < cue.i or before < 0 or sent[before] != sent[cue.i] or labels[before].endswith("C"):
            k = cue.j + 1
            out: list[int] = []
            while k < len(toks) and sent[k] == sent[cue.j] and len(out) < SUBJECT_AFTER and not labels[k].endswith("C"):
                if toks[k].kind in ("punct", "quote") or word(k).lower() in _STOP_WORDS:
                    break
                out.append(k)
                k += 1
            if out and (cj < cue.i or ci > cue.j) and word(out[0]).lower() not in _PREPOSITIONS:
                return Span(toks[out[0]].start, toks[out[-1]].end)
            return None
        k = before
        out = []
        while k >= 0 and sent[k] == sent[cue.i] and len(out) < SUBJECT_BEFORE and not labels[k].endswith(("C", "Q")):
            if toks[k].kind in ("punct", "quote") or word(k).lower() in _STOP_WORDS:
                break
            out.append(k)
            k -= 1
        if not out or word(out[-1]).lower() in _PREPOSITIONS or word(out[0]).lower() in _PREPOSITIONS:
            return None  # "In an interview with", "… by": an adverbial, not a subject
        return Span(toks[out[-1]].start, toks[out[0]].end)

    def _orphan_content(self, q: Run) -> Run | None:
        """The clause after a cue the tagger left without content: up to the sentence's end or the
        next labelled token ("Figueroa said the campaign planned …" with the content untagged)."""
        text, prep, labels = self.text, self.prep, self.labels
        sent = prep.sentence
        n = len(labels)
        k = q.j + 1
        while k < n and sent[k] == sent[q.j] and labels[k].endswith("S"):
            k += 1
        if self._word(q.j).lower() in _TOLD:
            k += _addressee_len(text, prep, k)  # "told Reuters the deal was close": whom, not what
        start = k
        while k < n and sent[k] == sent[q.j] and labels[k] == "O":
            k += 1
        after = _strip_content(text, prep, Run("C", start, k - 1)) if k > start else None
        if after is None or after.j - after.i < 1 or prep.tokens[after.i].kind == "punct" or self._adjunct(after):
            # nothing after the cue but a time or place ("said on Monday"): the clause before it
            # (", officials said." closing the sentence)
            k = q.i - 1
            while k >= 0 and sent[k] == sent[q.i] and labels[k].endswith("S"):
                k -= 1
            end = k
            while k >= 0 and sent[k] == sent[q.i] and labels[k] == "O":
                k -= 1
            if end - k < 4 or text[prep.tokens[end].start] not in ",":
                return None
            return _strip_content(text, prep, Run("C", k + 1, end))
        return after

    def _adjunct(self, r: Run) -> bool:
        """A short phrase opening with a preposition ("on Monday", "in a statement"): no clause."""
        return r.j - r.i < 4 and self._word(r.i).lower() in _PREPOSITIONS

    def _orphan_attributions(self) -> list[Attribution]:
        """A cue the tagger left without content: the clause after it (or before it)."""
        sent = self.prep.sentence
        out: list[Attribution] = []
        for q in self.cues:
            if q.i in self.used_cue:
                continue
            orphan = self._orphan_content(q) if self.settings.orphans else None
            if orphan is None:
                continue
            src = None
            for s in self.srcs[bisect_left(self.src_at, q.i - ORPHAN_SOURCE_WINDOW) : bisect_right(self.src_at, q.i)]:
                if s.j < q.i and sent[s.j] == sent[q.i] and q.i - s.j <= 3:
                    src = _span(self.prep, s)
            if src is None:
                src = self._nearby_subject(q, orphan.i, orphan.j)
            cue_span = _span(self.prep, q)
            cspan = _span(self.prep, orphan)
            kind, why = kind_of(self.text, cspan, cue_span, src)
            out.append(
                Attribution(
                    kind=kind,
                    content=cspan,
                    cue=cue_span,
                    source=src,
                    evidence=("crf:cue", "rule:clause after a cue without content", why),
                    origin=ORPHAN_CLAUSE,
                )
            )
        return out
