"""Wire credits: the agency a story comes from, named outside its prose.

A wire story says where it comes from in its furniture, not its sentences: the dateline
("LONDON (Reuters) -"), a copyright line ("© Thomson Reuters"), a credit line ("The Associated
Press contributed to this report", "By AP"). The tagger never sees those paragraphs (they hold no
speech), so each such credit becomes one ``agency`` attribution here: the agency as source, the
credit as cue, and the article's body (first to last body paragraph) as the content it credits.
Photo credits ("Photo: Miriam Alster / AP") are never wire credits: their paragraphs have the
role ``credit``, which is not read here.

Agency names come from ``data/agencies.txt``; short all-capital names (AP, AFP, UPI) match only
in capitals, so "ap" or "Afp" in a sentence is not a wire service.

Their score is not the calibrated model score (PolNeAR's annotators did not mark datelines, so a
calibration fitted there cannot speak for them): it is the share of such credits found right
on the real-web pages and the project's fixtures, all of them so far (``CREDIT_SCORE``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..datafiles import agency_names
from ..model import WIRE_CREDIT, Analysis, Attribution, Span

CREDIT_SCORE = 0.98
EVIDENCE = WIRE_CREDIT.label
"""The first evidence entry of a wire credit (``rule:wire credit``), for people; code reads the origin."""
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)
_CONTRIBUTED = re.compile(r"\bcontributed\b|^\s*by\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _agency() -> re.Pattern[str]:
    """Agency names as one pattern, longest first; all-capital names match case-sensitively."""
    alts = [re.escape(n) if n.isupper() else f"(?i:{re.escape(n)})" for n in agency_names()]
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")


def wire_credits(analysis: Analysis) -> list[Attribution]:
    """One ``agency`` attribution for each wire credit in a dateline, copyright or credit line."""
    text = analysis.text
    paragraphs = analysis.article.paragraphs
    body = [p for p in paragraphs if p.role == "body"]
    content = Span(body[0].start, body[-1].end) if body else None
    out = []
    for p in paragraphs:
        found = _credit(text, p.start, p.end, p.role)
        if found is not None:
            cue, source, why = found
            out.append(
                Attribution(
                    kind="agency",
                    content=content,
                    cue=cue,
                    source=source,
                    score=CREDIT_SCORE,
                    evidence=(EVIDENCE, why, "kind:agency source"),
                    origin=WIRE_CREDIT,
                )
            )
    return out


def _credit(text: str, start: int, end: int, role: str) -> tuple[Span, Span, str] | None:
    """(cue, source, rule) of the wire credit in one paragraph, if it holds one."""
    if role == "dateline":
        m = re.search(r"\(\s*(" + _agency().pattern + r")\s*\)", text[start:end])
        if m:
            return (
                Span(start + m.start(), start + m.end()),
                Span(start + m.start(1), start + m.end(1)),
                "agency in parentheses in the dateline",
            )
        return None
    mark = {"noise": _COPYRIGHT, "byline": _CONTRIBUTED}.get(role)
    seg = text[start:end]
    m_mark = mark.search(seg) if mark else None
    m = _agency().search(seg) if m_mark else None
    if not (m_mark and m):
        return None
    cue = Span(start + m_mark.start(), start + m_mark.end())
    what = "copyright line" if role == "noise" else "credit line"
    return cue, Span(start + m.start(), start + m.end()), f"agency named in a {what}"
