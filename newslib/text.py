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
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from .model import Paragraph, Quote, Sentence, Token

# -- lexicon files ---------------------------------------------------------------------------


def read_lexicon(name: str) -> list[str]:
    """Lines of a data file in ``newslib/data``, without comments and blank lines."""
    raw = resources.files("newslib").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


# -- tokens ----------------------------------------------------------------------------------

OPEN_DOUBLE = "“„«‹"
CLOSE_DOUBLE = "”»›"
OPEN_SINGLE = "‘‚"
CLOSE_SINGLE = "’"
AMBIGUOUS = "\"'″′`"
QUOTE_CHARS = frozenset(OPEN_DOUBLE + CLOSE_DOUBLE + OPEN_SINGLE + CLOSE_SINGLE + AMBIGUOUS + "‟‛")

_TOKEN_RE = re.compile(
    r"""
    (?P<abbr>(?:[^\W\d_]\.){2,})                                   # U.S.  a.m.  D.C.
  | (?P<number>\d+(?:[.,:]\d+)*(?:%|(?:st|nd|rd|th|s)\b)?)        # 1,200  3.5  10:30  1990s  7th  1.5|bn
  | (?P<word>
        \w+?(?=n['’]t\b)                                          # do|n't
      | \w+(?:[-'’]\w+)*?(?=['’](?:s|re|ve|ll|d|m)\b)              # Netanyahu|’s  we|’re
      | \w+(?:[-'’.]\w+)*                                          # high-level  O'Neill  COVID-19
    )
  | (?P<clitic>n['’]t\b|['’](?:s|re|ve|ll|d|m)\b)
  | (?P<punct>\.\.\.|--|[^\w\s])
    """,
    re.VERBOSE | re.IGNORECASE,
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Word tokens of ``text[start:end]`` with offsets into ``text``.

    Possessives and contractions are split as in the Penn Treebank (Netanyahu|’s, do|n’t),
    abbreviations with internal periods stay whole (U.S.), numbers keep their separators
    (1,200; 3.5) and every punctuation or quotation mark is its own token.
    """
    end = len(text) if end is None else end
    out = []
    for m in _TOKEN_RE.finditer(text, start, end):
        kind = m.lastgroup or "punct"
        if kind in ("abbr", "clitic"):
            kind = "word"
        elif kind == "punct" and m.group() in QUOTE_CHARS:
            kind = "quote"
        out.append(Token(m.start(), m.end(), kind))
    return out


# -- sentences -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(read_lexicon("abbreviations.txt"))
    params.sent_starters = set(read_lexicon("sentence_starters.txt"))
    return PunktSentenceTokenizer(params)


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
                # a closing mark stranded at the start of the next sentence goes back
                k = s
                while k < e and text[k] in _CLOSERS:
                    k += 1
                if k > s and text[prev[1] : s].strip() == "":
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
        out.extend(Sentence(s, e, pi) for s, e in merged if e > s)
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
        for i in range(first, hi):
            c = text[i]
            if c not in QUOTE_CHARS:
                continue
            double = c in OPEN_DOUBLE or c in CLOSE_DOUBLE or c in "\"″‟"
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
            if nxt is not None and stack[0][1] == "d" and re.match(
                r"\s*[" + re.escape(OPEN_DOUBLE) + "\"]", text[nxt.start : nxt.end]
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
