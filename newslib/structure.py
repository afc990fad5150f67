"""Article structure: cut the text into paragraphs and give each a role.

Real articles arrive with furniture around the prose: headlines, photo captions run into their
credit line ("…Benjamin NetanyahuPhoto: Miriam Alster / AP / Profimedia"), subheadings, datelines,
bylines and stray punctuation (". ."). Attribution must never read a caption or a credit as
speech, nor a photo agency as a wire report, so the roles are decided here, once, by readable
rules whose patterns live in ``data/credits.txt``, ``data/bylines.txt`` and
``data/boilerplate.txt``. Each paragraph records the rule that gave its role (``evidence``).

A paragraph is a line of text (blank lines and single newlines both separate paragraphs, as in
plain-text exports and trafilatura output); a line can be cut into several segments when a
credit, a dateline or trailing noise is glued to it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .datafiles import read_lexicon
from .model import Paragraph
from .spans import trim

_LINE = re.compile(r"[^\r\n]+")
_ALNUM = re.compile(r"\w")
_TRAILING_NOISE = re.compile(r"(?<=[.!?”\"’])((?:\s+[.,;:·•*_-]+)+)\s*$")
_DATELINE = re.compile(
    r"""(?P<d>
      [A-Z][A-Z.'’-]+(?:[ ][A-Z][A-Z.'’-]+)*             # WASHINGTON, NEW YORK
      (?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?      # , N.Y.  , Calif.
      (?:,\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?                # , Sept. 26
      \s*(?:\([A-Z][\w ./&-]{1,25}\))?                     # (Reuters)
      \s*[—–-]{1,2})\s+(?=\S)""",
    re.VERBOSE,
)
_STANDALONE_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ -]+(?:,\s*[A-Z][\w.]*)*(?:,\s*\w{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)]{1,25}\))?\s*[—–-]*$"
)
_END_PUNCT = ".!?:;\"'”’»)…"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    credits = re.compile("|".join(f"(?:{p})" for p in read_lexicon("credits.txt")), re.IGNORECASE)
    noise = re.compile("|".join(f"(?:{p})" for p in read_lexicon("boilerplate.txt")), re.IGNORECASE)
    bylines = re.compile("|".join(f"(?:{p})" for p in read_lexicon("bylines.txt")))
    return credits, noise, bylines


def _words(s: str) -> int:
    return len(s.split())


def _segments(text: str, s: int, e: int) -> list[tuple[int, int, str, str]]:
    """Cut one line into (start, end, forced role or '', evidence)."""
    credits, _, _ = _patterns()
    out: list[tuple[int, int, str, str]] = []
    m = credits.search(text, s, e)
    if m and _words(text[m.start() : e]) <= 15:
        if m.start() > s and text[s : m.start()].strip():
            cs, ce = trim(text, s, m.start())
            out.append((cs, ce, "caption", "text before a photo credit"))
        cs, ce = trim(text, m.start(), e)
        out.append((cs, ce, "credit", f"credit pattern {m.group().strip()!r}"))
        return out
    m = _DATELINE.match(text, s, e)
    if m and _words(m.group("d")) <= 8:
        ds, de = trim(text, s, m.end("d"))
        out.append((ds, de, "dateline", "capitalised place name and dash opening the paragraph"))
        s = m.end()
    m = _TRAILING_NOISE.search(text, s, e)
    if m:
        out.append((s, m.start(1), "", ""))
        ns, ne = trim(text, m.start(1), e)
        out.append((ns, ne, "noise", "stray punctuation after the sentence's end"))
    else:
        out.append((s, e, "", ""))
    return out


def _role(text: str, seg: str, index: int, n: int, metadata: Mapping[str, Any]) -> tuple[str, str]:
    _, noise, bylines = _patterns()
    words = _words(seg)
    if not _ALNUM.search(seg):
        return "noise", "no letter or digit"
    if noise.fullmatch(seg):
        return "noise", "boilerplate pattern"
    if words <= 15 and bylines.fullmatch(seg):
        return "byline", "byline pattern"
    if words <= 10 and _STANDALONE_DATELINE.fullmatch(seg) and any(ch.isalpha() for ch in seg):
        if seg.isupper() or re.search(r"\d", seg):
            return "dateline", "capitalised place name alone on its line"
    title = str(metadata.get("title") or "").strip()
    if index == 0 and n > 1 and ((title and seg.rstrip(". ").lower() == title.rstrip(". ").lower()) or words <= 25):
        return "headline", "first line, short" if not title else "first line, matches the title"
    if 0 < index < n - 1 and words <= 12 and seg[-1] not in _END_PUNCT and seg[0].isupper():
        return "subheading", "short line without final punctuation between paragraphs"
    return "body", ""


def segment(text: str, metadata: Mapping[str, Any] | None = None) -> tuple[Paragraph, ...]:
    """The paragraphs of ``text`` with their roles, as offsets into ``text``."""
    metadata = metadata or {}
    raw: list[tuple[int, int, str, str]] = []
    for m in _LINE.finditer(text):
        s, e = trim(text, m.start(), m.end())
        if s < e:
            raw.extend(seg for seg in _segments(text, s, e) if seg[0] < seg[1])
    # index among the lines that could be prose, so a leading credit does not hide the headline
    prose = [k for k, seg in enumerate(raw) if not seg[2]]
    order = {k: i for i, k in enumerate(prose)}
    out = []
    for k, (s, e, role, evidence) in enumerate(raw):
        if not role:
            role, evidence = _role(text, text[s:e], order[k], len(prose), metadata)
        out.append(Paragraph(s, e, role, evidence))
    # a short line right before a credit line is that photo's caption
    for k in range(1, len(out)):
        prev = out[k - 1]
        if (
            out[k].role == "credit"
            and prev.role == "body"
            and _words(text[prev.start : prev.end]) <= 25
            and text[prev.end - 1] not in '.!?"”'
        ):
            out[k - 1] = Paragraph(prev.start, prev.end, "caption", "short line before a photo credit")
    return tuple(out)
