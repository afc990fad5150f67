"""The text layer: word tokens, sentences and quotation regions, all offline, all as offsets.

Sentences come from NLTK's Punkt algorithm with parameters the project ships as documented data
files (``data/abbreviations.txt``, ``data/sentence_starters.txt``), so nothing is downloaded.
Two news conventions Punkt does not know are handled after it: a closing quotation mark after
the final period belongs to the sentence it closes, and a split before a lower-case word (“Why
not?” she asked.) is undone. Sentences never cross a paragraph boundary.

Quotation regions are found by a small stack machine over every kind of quotation mark: curly,
straight, single, guillemets, low-9 and primes used as quotes. Straight and ambiguous marks are
read by their flanking (space before and letter after opens; letter before and space after
closes). An apostrophe inside a word or a possessive is not a quote. A region left open at the
end of a paragraph is *continued* when the next paragraph opens with a quotation mark (the news
convention for a quote running over paragraphs) and otherwise ends there, marked unclosed.
"""

from __future__ import annotations

import re
import string
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import fields
from functools import lru_cache
from types import MemberDescriptorType
from typing import Any

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer, PunktToken

from .datafiles import read_lexicon
from .model import Analysis, Article, Paragraph, Quote, Sentence, Token
from .spans import trim

# -- tokens ----------------------------------------------------------------------------------

OPEN_DOUBLE = "“„«‹"
CLOSE_DOUBLE = "”»›"
OPEN_SINGLE = "‘‚"
CLOSE_SINGLE = "’"
AMBIGUOUS = "\"'″′`"
QUOTE_CHARS = frozenset(OPEN_DOUBLE + CLOSE_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + AMBIGUOUS + "‟‛")

_TOKEN_RE = re.compile(
    r"""
    (?P<plain>[^\W\d]\w*+(?!['’.\-]))                              # most words (fast path, see below)
  | (?P<abbr>(?:[^\W\d_]\.){2,})                                   # U.S.  a.m.  D.C.
  | (?P<number>\d+(?:[.,:]\d+)*(?:%|(?:st|nd|rd|th|s)\b)?)        # 1,200  3.5  10:30  1990s  7th  1.5|bn
  | (?P<word>
        \w+?(?=n['’]t\b)                                          # do|n't
      | \w+(?:[-'’]\w+)*?(?=['’](?:s|re|ve|ll|d|m)\b)              # Netanyahu|’s  we|’re
      | \w+(?:[-'’.]\w+)*                                          # high-level  O'Neill  COVID-19
    )
  | (?P<clitic>n['’]t\b|['’](?:s|re|ve|ll|d|m)\b)
  | (?P<quote>[QUOTES])
  | (?P<punct>\.\.\.|--|[^\w\s])
    """.replace("QUOTES", re.escape("".join(sorted(QUOTE_CHARS)))),
    re.VERBOSE | re.IGNORECASE,
)
"""One token per match. ``plain`` is a shortcut, not a new rule: a run of word characters that
starts with a letter and is not followed by an apostrophe, hyphen or period is exactly what the
``word`` alternatives would return (none of their lookaheads can succeed, and ``abbr`` needs a
period after the first letter), but found in one pass instead of three backtracking attempts.
``quote`` takes the quotation marks out of ``punct`` so that the kind is the group's name."""

_KIND_OF_GROUP = {
    "plain": "word",
    "abbr": "word",
    "word": "word",
    "clitic": "word",
    "number": "number",
    "quote": "quote",
    "punct": "punct",
}

_TOKEN_FIELDS = ("start", "end", "kind")
_FAST_TOKENS = (
    tuple(f.name for f in fields(Token)) == _TOKEN_FIELDS
    and not hasattr(Token, "__post_init__")
    and all(isinstance(getattr(Token, f, None), MemberDescriptorType) for f in _TOKEN_FIELDS)
)
"""Whether :func:`_make_tokens` may fill the slots of :class:`Token` directly (checked, so a change
to the model falls back to the ordinary constructor instead of skipping it)."""


def _make_tokens(starts: list[int], ends: list[int], kinds: list[str]) -> list[Token]:
    """``[Token(s, e, k) ...]`` for parallel lists, built in bulk.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``; for the
    ~100k tokens of a corpus batch that alone was a third of the tokenizer's time. Token has no
    validation (no ``__post_init__``), so writing its three slots with the slot descriptors, in
    C-level ``map`` loops, gives equal objects at half the cost.
    """
    if not _FAST_TOKENS:
        return list(map(Token, starts, ends, kinds))
    new = object.__new__
    out = [new(Token) for _ in starts]
    columns: tuple[list[Any], ...] = (starts, ends, kinds)
    for name, values in zip(_TOKEN_FIELDS, columns, strict=True):
        deque(map(getattr(Token, name).__set__, out, values), maxlen=0)
    return out


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of ``text[start:end]`` with offsets into ``text``.

    Possessives and contractions are split as in the Penn Treebank (Netanyahu|’s, do|n’t),
    abbreviations with internal periods stay whole (U.S.), numbers keep their separators
    (1,200; 3.5) and every punctuation or quotation mark is its own token.
    """
    end = len(text) if end is None else end
    # offsets and kinds first, tokens in bulk after: each match is freed at once, so the
    # collector is not triggered by thousands of live match objects (that cost a quarter)
    starts: list[int] = []
    ends: list[int] = []
    kinds: list[str] = []
    add_start, add_end, add_kind = starts.append, ends.append, kinds.append
    kind_of = _KIND_OF_GROUP  # every alternative is a named group: ``lastgroup`` names the kind
    for m in _TOKEN_RE.finditer(text, start, end):
        s, e = m.span()
        add_start(s)
        add_end(e)
        add_kind(kind_of[m.lastgroup or "punct"])
    return _make_tokens(starts, ends, kinds)


# -- sentences -------------------------------------------------------------------------------


def _unwrap(pattern: Any) -> Any:
    """The compiled pattern inside NLTK's ReDoS wrapper (``redos.TimedPattern``), or ``pattern``.

    The wrapper adds a Python call with a timeout to every match; Punkt's own patterns are fixed
    and linear, so the checks below call the engine NLTK compiled them with directly."""
    return getattr(pattern, "_rx", pattern)


_ASCII_SPACE = tuple(string.whitespace)
"""What NLTK's ``_get_last_whitespace_index`` counts as a space (ASCII only, unlike ``\\s``)."""


class _NewsPunkt(PunktSentenceTokenizer):
    """Punkt with the project's parameters, deciding each candidate break without token objects.

    NLTK's ``text_contains_sentbreak`` builds a ``PunktToken`` per word of every candidate's
    context and runs two annotation passes through generator chains; that was two thirds of
    sentence splitting, itself a seventh of the pipeline. The project's parameters have no
    collocations and no orthographic context (both empty: only abbreviations and sentence
    starters are shipped), which reduces Punkt's orthographic heuristic to "a punctuation mark or
    a lower-case word does not start a sentence" and lets the same decisions be made on plain
    strings. :meth:`text_contains_sentbreak` below follows NLTK's passes rule by rule; with other
    parameters the NLTK method is used unchanged.
    """

    _PUNCTUATION = frozenset(PunktSentenceTokenizer.PUNCTUATION)

    def __init__(self, params: PunktParameters) -> None:
        super().__init__(params)
        self._abbrevs = params.abbrev_types
        self._starters = params.sent_starters
        self._exact = not params.collocations and not params.ortho_context
        self._words_re = _unwrap(self._lang_vars._word_tokenizer_re())
        self._period_re = _unwrap(self._lang_vars.period_context_re())
        self._realign_re = _unwrap(self._lang_vars.re_boundary_realignment)
        self._end_chars = tuple(self._lang_vars.sent_end_chars)
        self._numeric = _unwrap(PunktToken._RE_NUMERIC)
        self._ellipsis = _unwrap(PunktToken._RE_ELLIPSIS)
        self._initial = _unwrap(PunktToken._RE_INITIAL)

    def _first_pass(self, tok: str) -> tuple[bool, bool]:
        """(sentence break, abbreviation or ellipsis) from the token alone (Punkt's first pass)."""
        if tok in self._end_chars:
            return True, False
        if self._ellipsis.match(tok):
            return False, True
        if tok.endswith(".") and not tok.endswith(".."):
            low = tok[:-1].lower()
            if low in self._abbrevs or low.split("-")[-1] in self._abbrevs:
                return False, True
            return True, False
        return False, False

    def _type(self, tok: str) -> str:
        return self._numeric.sub("##number##", tok.lower())

    @staticmethod
    def _no_period(typ: str) -> str:
        return typ[:-1] if len(typ) > 1 and typ[-1] == "." else typ

    def _breaks_before(self, tok: str, brk: bool, abbr: bool, nxt: str) -> bool:
        """Punkt's second pass: whether ``tok`` (first-pass ``brk``/``abbr``) ends a sentence when
        ``nxt`` follows (no collocations; the orthographic heuristic is never "yes")."""
        if not tok.endswith("."):
            return brk
        typ = self._no_period(self._type(tok))
        initial = self._initial.match(tok) is not None
        next_brk, _ = self._first_pass(nxt)
        next_typ = self._type(nxt)
        if next_brk:
            next_typ = self._no_period(next_typ)
        if abbr and not initial and nxt[0].isupper() and next_typ in self._starters:
            return True
        if initial or typ == "##number##":
            if nxt in self._PUNCTUATION or nxt[0].islower():
                return False  # orthographic heuristic: not a sentence start
            if initial and nxt[0].isupper():
                return False  # an initial before a capitalised word (J. Bach)
        return brk

    def span_tokenize(self, text: str, realign_boundaries: bool = True) -> Iterator[tuple[int, int]]:
        """Sentence spans of ``text``: NLTK's candidate contexts, slices and realignment of closing
        punctuation, as one loop over the candidates (no generator chain, no wrapped regexes)."""
        if not (self._exact and realign_boundaries):
            return super().span_tokenize(text, realign_boundaries)
        # _match_potential_end_contexts + _slices_from_text: candidates whose context breaks
        slices: list[tuple[int, int]] = []
        last_break = 0
        prev: Any = None  # the previous candidate match, and the slice of the word before it
        prev_start = prev_stop = 0
        for match in [*self._period_re.finditer(text), None]:
            if match is not None:
                ms = match.start()
                ws = max(map(text[prev_stop:ms].rfind, _ASCII_SPACE))  # NLTK: 0 counts as none
                start = prev_stop + ws + 1 if ws > 0 else prev_start
                overlaps = prev_stop > start
            if prev is not None and (match is None or not overlaps):
                context = text[prev_start:prev_stop] + prev.group() + prev.group("after_tok")
                if self.text_contains_sentbreak(context):
                    slices.append((last_break, prev.end()))
                    last_break = prev.start("next_tok") if prev.group("next_tok") else prev.end()
            if match is not None:
                prev, prev_start, prev_stop = match, start, ms
        slices.append((last_break, len(text.rstrip())))
        # _realign_boundaries: closing quotes and brackets after a break go back to its sentence
        out: list[tuple[int, int]] = []
        realign = 0
        for (s1, e1), (s2, e2) in zip(slices, [*slices[1:], (-1, -1)], strict=True):
            s1 += realign
            m = self._realign_re.match(text[s2:e2]) if s2 >= 0 else None
            if m:
                out.append((s1, s2 + len(m.group(0).rstrip())))
                realign = m.end()
            else:
                realign = 0
                if text[s1:e1]:
                    out.append((s1, e1))
        return iter(out)

    def text_contains_sentbreak(self, text: str) -> bool:
        """Whether a token before the last of ``text`` ends a sentence (as NLTK decides it)."""
        if not self._exact:
            return bool(super().text_contains_sentbreak(text))
        toks: list[str] = []
        for line in text.split("\n"):
            if line.strip():
                toks.extend(self._words_re.findall(line))
        for i in range(len(toks) - 1):
            tok = toks[i]
            brk, abbr = self._first_pass(tok)
            if self._breaks_before(tok, brk, abbr, toks[i + 1]):
                return True
        return False


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(read_lexicon("abbreviations.txt"))
    params.sent_starters = set(read_lexicon("sentence_starters.txt"))
    return _NewsPunkt(params)


_CLOSERS = frozenset(CLOSE_DOUBLE + CLOSE_SINGLE + "\"'″)]}")
_LOWER_START = re.compile(r"[\s" + re.escape("".join(QUOTE_CHARS)) + r"(\[]*[a-z]")


def split_sentences(text: str, paragraphs: Sequence[Paragraph]) -> list[Sentence]:
    """Sentences of every paragraph, as offsets into ``text``."""
    tok = _punkt()
    out: list[Sentence] = []
    for pi, p in enumerate(paragraphs):
        chunk = text[p.start : p.end]
        spans = [[p.start + s, p.start + e] for s, e in tok.span_tokenize(chunk)]
        merged: list[list[int]] = []
        for s, e in spans:
            if merged:
                prev = merged[-1]
                # a closing mark stranded at the start of the next sentence goes back (not an
                # opening straight quote: ready. "I have …)
                k = s
                while k < e and text[k] in _CLOSERS:
                    k += 1
                if k > s and text[prev[1] : s].strip() == "" and (k >= e or not text[k].isalnum()):
                    prev[1] = k
                    s = k
                    while s < e and text[s].isspace():
                        s += 1
                    if s >= e:
                        continue
                # a split before a lower-case word is not a sentence break (“Why?” she asked.)
                if _LOWER_START.match(text, s):
                    prev[1] = e
                    continue
            merged.append([s, e])
        out.extend(Sentence(*trim(text, s, e), pi) for s, e in merged if text[s:e].strip())  # Punkt strips ASCII only
    return out


# -- quotation regions -----------------------------------------------------------------------


def _flank(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or '' from the characters around ``text[i]`` (within ``lo:hi``)."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    b_space = before.isspace() or before in "([{—–-/" or before in QUOTE_CHARS
    a_space = after.isspace() or after in ".,;:!?)]}—–-/" or after in QUOTE_CHARS
    if b_space and not a_space:
        return "open"
    if a_space and not b_space:
        return "close"
    return ""


def _is_apostrophe(text: str, i: int, lo: int, hi: int) -> bool:
    """An apostrophe or prime inside a word (we’re), a possessive (Jones’) or an elision (’90s)."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isalnum() and after.isalnum():
        return True
    if after.isdigit() and not before.isalnum():
        return True  # ’90s, '24
    return False


_QUOTE_CHAR_RE = re.compile("[" + re.escape("".join(sorted(QUOTE_CHARS))) + "]")


def find_quotes(text: str, paragraphs: Sequence[Paragraph]) -> list[Quote]:
    """Quotation regions, outermost first within each position, over all paragraphs."""
    out: list[Quote] = []
    stack: list[tuple[int, str, bool]] = []  # (start, "d"|"s", continued)
    for pi, p in enumerate(paragraphs):
        lo, hi = p.start, p.end
        first = lo
        if stack:  # a region carried over: the paragraph's opening mark re-opens it
            m = re.match(r"\s*", text[lo:hi])
            j = lo + (m.end() if m else 0)
            if j < hi and text[j] in OPEN_DOUBLE + "\"'‘":
                first = j + 1
        for qm in _QUOTE_CHAR_RE.finditer(text, first, hi):  # only the marks, not every character
            i = qm.start()
            c = text[i]
            double = c in OPEN_DOUBLE or c in CLOSE_DOUBLE or c in '"″‟'
            kind = "d" if double else "s"
            if kind == "s" and _is_apostrophe(text, i, lo, hi):
                continue
            flank = _flank(text, i, lo, hi)
            if c in OPEN_DOUBLE + OPEN_SINGLE + "‟‛":
                want = "close" if flank == "close" and any(k == kind for _, k, _ in stack) else "open"
            elif c in CLOSE_DOUBLE:
                want = "open" if flank == "open" and not any(k == kind for _, k, _ in stack) else "close"
            elif c in CLOSE_SINGLE:
                want = "close"  # ’ is far more often an apostrophe than a misused opening mark
            else:  # straight quotes, primes, backticks
                want = flank or ("close" if any(k == kind for _, k, _ in stack) else "open")
            if want == "open":
                if kind == "s" and flank != "open":
                    continue  # a stray single mark that cannot open is an apostrophe
                stack.append((i, kind, False))
                continue
            # close the innermost region of this kind, and any inner ones left unclosed
            idx = next((n for n in range(len(stack) - 1, -1, -1) if stack[n][1] == kind), None)
            if idx is None:
                continue  # closing mark with nothing open: an apostrophe, or text lost upstream
            while len(stack) > idx + 1:
                s, _, cont = stack.pop()
                out.append(Quote(s, i, len(stack), closed=False, continued=cont))
            s, _, cont = stack.pop()
            out.append(Quote(s, i + 1, len(stack), closed=True, continued=cont))
        if stack:
            nxt = paragraphs[pi + 1] if pi + 1 < len(paragraphs) else None
            if (
                nxt is not None
                and stack[0][1] == "d"
                and re.match(r"\s*[" + re.escape(OPEN_DOUBLE) + '"]', text[nxt.start : nxt.end])
            ):
                stack = [(stack[0][0], "d", True)]  # the quote goes on in the next paragraph
                continue
            end = hi
            while end > lo and text[end - 1].isspace():
                end -= 1
            while stack:
                s, _, cont = stack.pop()
                out.append(Quote(s, max(end, s + 1), len(stack), closed=False, continued=cont))
    out.sort(key=lambda q: (q.start, -q.end))
    return out


def text_layer(article: Article) -> Analysis:
    """The article's sentences, tokens and quotations: what every engine reads, built once here
    for the pipeline, the trainers, the scripts and the tests alike."""
    text = article.text
    return Analysis(
        article=article,
        sentences=tuple(split_sentences(text, article.paragraphs)),
        tokens=tuple(tokenize(text)),
        quotes=tuple(find_quotes(text, article.paragraphs)),
    )
