"""Which attributions report speech, and where a short content ends.

The tagger marks any verb near a clause as a cue; these filters, applied to its attributions
after the rules, keep those whose cue reports speech (``data/not_speech.tsv`` lists deeds, nouns,
states and appearances; ``data/cues.tsv`` the words of speech, thought and stance) and end a short
noun-phrase content before a trailing adjunct. They are apart from :mod:`.rules` because they
judge one attribution at a time, where the rules find, join and split attributions.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..datafiles import read_lexicon
from ..model import Attribution, Maker, Span, SpanIndex
from ..spans import trim
from .link import QUOTE_MARK, kind_of

SHORT_NP = 6
"""At most this many words make a short noun-phrase content ("the merger", "his exit")."""


def strip(text: str, s: int, e: int, final: bool = True) -> tuple[int, int]:
    """Trim spaces (and a final period or comma, which the guidelines leave out of content)."""
    return trim(text, s, e, end_chars=".,;:" if final else "")


_AUXILIARIES = frozenset(
    "is are was were be been being am 's ’s has have had having will would could should can may might must "
    "do does did not n't n’t never also just still already even yet then now later again only to".split()
)
CUE_WORD = re.compile(r"[\w’'-]+")
_POSSESSOR = re.compile(r"[’']s?\b")


@lru_cache(maxsize=1)
def _not_speech() -> tuple[dict[str, str], re.Pattern[str] | None]:
    """The cue words of ``data/not_speech.tsv`` with their classes, and its patterns as one."""
    words: dict[str, str] = {}
    patterns: list[str] = []
    for line in read_lexicon("not_speech.tsv"):
        entry, _, cls = line.rpartition("\t")
        if cls.strip() == "pattern":
            patterns.append(f"(?:{entry.strip()})")
        else:
            words[entry.strip()] = cls.strip()
    return words, (re.compile("|".join(patterns)) if patterns else None)


@lru_cache(maxsize=1)
def speech_words() -> frozenset[str]:
    """The one-word cues of ``data/cues.tsv`` (say, argue, promise, ...)."""
    return frozenset(w for line in read_lexicon("cues.tsv") if " " not in (w := line.split("\t")[0].strip()))


def cue_head(cue: str) -> str:
    """A cue's head word, lower case: its first word after auxiliaries, negation and adverbs
    ("has not yet approved" -> "approved"; "’s decision" -> "decision")."""
    words = [w.lower() for w in CUE_WORD.findall(cue)]
    for w in words:
        if w not in _AUXILIARIES and not w.endswith("ly"):
            return w
    return words[-1] if words else ""


def speech(text: str, a: Attribution) -> bool:
    """Whether the tagger's attribution reports speech, by ``data/not_speech.tsv``: a cue that
    names a deed ("approved a plan"), a noun ("Biden's decision"), a state with no one in it
    ("efforts, concerned about the crisis") or a subject's appearance ("X appears to Y") is no
    attribution. The rules' own attributions have cues written for them and are kept."""
    if a.cue is None or not a.made_by(Maker.TAGGER, Maker.ORPHAN):
        return True
    words, pattern = _not_speech()
    cue = a.cue.text(text)
    cue_words = [w.lower() for w in CUE_WORD.findall(cue)]
    head = cue_head(cue)
    cls = words.get(head)
    if cls is None:
        head = next((w for w in cue_words if words.get(w) == "noun"), "")
        cls = words.get(head)
    if cls is None and pattern is not None and pattern.search(cue.lower()):
        cls = "pattern"
    if cls is None and _unlisted_verb_object(text, a, cue_words):
        return False
    if cls is None or any(w != head and w in speech_words() for w in cue_words):
        return True  # "revised his plan, promising": another word of the cue reports speech
    content = a.content.text(text) if a.content is not None else ""
    if cls in ("adjective", "pattern"):
        return a.source is not None
    if cls == "evidential":
        if a.source is None:
            return not _POSSESSIVE_SUBJECT.match(_sentence_before(text, a.cue.start))
        return not (_POSSESSOR.match(text, a.source.end) or re.search(r"\w[’']s$", a.source.text(text)))
    return bool(QUOTE_MARK.search(content))


_POSSESSIVE_SUBJECT = re.compile(r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*[’']s\s")
"""A sentence opening with a named possessor ("Biden’s decision to abstain … appears to")."""


def _sentence_before(text: str, at: int) -> str:
    """The words of ``at``'s sentence before it (from the last sentence end or line break)."""
    start = max(text.rfind(". ", 0, at) + 2, text.rfind("\n", 0, at) + 1, 0)
    return text[start:at].lstrip()


_CLAUSE_OPENING = frozenset(
    "that whether if how what why when where who which to not he she they it we i you there this these those".split()
)
_FINITE = frozenset("is are was were has have had will would could can did does do may might must should".split())
_ADJUNCT = re.compile(
    r"\s+(?:since|until|while|though|although)\b"
    r"|\s+(?:in|on|at)\s+(?:an?|his|her|their|its)\s+(?:statement|ruling|speech|interview|letter|"
    r"tweet|post|briefing|news\s+conference|press\s+conference|rally|hearing|debate)\b"
    r"|\s+on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+)?(?:has|had|have|is|was|were|will|would|[a-z]+ed)\b",
    re.IGNORECASE,
)
"""Where a short noun-phrase content ends: a time or occasion ("on Tuesday", "in a statement",
"since 2012", "while in office") or a second verb phrase of the subject's ("and later dropped …").
Measured on PolNeAR train and dev (both engines), cutting also at ", which", ", who", "because",
a dash or "despite" lost more matches than it won: annotators keep those more often than not."""


def trim_adjunct(text: str, a: Attribution) -> Attribution:
    """ "announced [the merger] on Tuesday in a statement": a short noun-phrase content the tagger
    ran on past its end (an occasion, a time, a second verb phrase: "and later dropped …")
    ends where that adjunct begins (:data:`_ADJUNCT`). A clause ("that …", "he would …", a
    quotation) is left whole: its adjuncts belong to what was said."""
    c = a.content
    if (
        a.kind != "indirect"
        or c is None
        or a.content_parts
        or a.cue is None
        or a.cue.start > c.start
        or not a.made_by(Maker.TAGGER, Maker.ORPHAN)
    ):
        return a
    m = _ADJUNCT.search(text, c.start, c.end)
    if m is None:
        return a
    words = [w.lower() for w in CUE_WORD.findall(text, c.start, m.start())]
    if (
        not words
        or len(words) > SHORT_NP
        or words[0] in _CLAUSE_OPENING
        or any(w in _FINITE or (k and w.endswith("ed")) for k, w in enumerate(words))
    ):
        return a
    return Attribution(
        kind=a.kind,
        content=Span(*strip(text, c.start, m.start())),
        cue=a.cue,
        source=a.source,
        evidence=(*a.evidence, "rule:noun phrase ends before its adjunct"),
        origin=a.origin,
    )


_SPEECH_KINDS = frozenset(("direct", "partial", "indirect"))
_OPENING_CONJUNCTION = re.compile(r"(?:But|And|However|Yet|Still|So)\b,?\s+")


def drop_opening_conjunction(text: str, a: Attribution) -> Attribution:
    """ "[But] the talks, she said, had stalled": a sentence's opening conjunction links it to the
    story, not to what was said. Where a gold content opens a sentence in PolNeAR train, its
    annotators leave "But", "And", "However", "Yet", "Still" or "So" out 82 times and keep it 45
    times; the accurate engine's contents on dev that open with one match a gold content starting
    after it 8 times, at it 3 times. Inside quotation marks the words are the speaker's and stay
    (the pattern needs the conjunction to open the content)."""
    c = a.content
    if c is None:
        return a
    m = _OPENING_CONJUNCTION.match(text, c.start, c.end)
    if m is None or m.end() >= c.end:
        return a
    first = a.content_parts[0] if a.content_parts else c
    if m.end() >= first.end:
        return a
    parts = (Span(m.end(), first.end), *a.content_parts[1:]) if a.content_parts else ()
    content = Span(m.end(), c.end)
    return replace(
        a,
        kind=kind_of(text, content, a.cue, a.source)[0] if a.kind in _SPEECH_KINDS else a.kind,
        content=content,
        content_parts=parts,
        evidence=(*a.evidence, "rule:an opening conjunction is not what was said"),
    )


_NP_WORDS = 15  # a noun phrase, not a clause: longer contents are left to the scores


def _unlisted_verb_object(text: str, a: Attribution, cue_words: list[str]) -> bool:
    """ "imposed [a trade embargo]", "allows [the contents to be exchanged]": a cue none of whose
    words is a speech, thought or stance word of ``data/cues.tsv``, followed by a noun phrase
    (no clause opening, no quotation, at most :data:`_NP_WORDS` words), reports a deed, not a
    statement, when no one stands with it as its source: with a source, PolNeAR's annotators mark
    about half of them ("X condemned the attack"), so they stay. A clause after such a verb
    ("worried that …") is left to the other tests."""
    c = a.content
    if (
        a.kind != "indirect"
        or c is None
        or a.cue is None
        or a.source is not None
        or a.cue.start > c.start
        or not cue_words
        or any(w in speech_words() for w in cue_words)
        or QUOTE_MARK.search(text, c.start, c.end)
    ):
        return False
    words = [w.lower() for w in CUE_WORD.findall(text, c.start, c.end)]
    return bool(words) and words[0] not in _CLAUSE_OPENING and len(words) <= _NP_WORDS


def drop_nested_echo(atts: list[Attribution]) -> list[Attribution]:
    """ "U.S. officials said [the administration was confused and considered it an overreaction]":
    a tagger cue inside another attribution's content, given that attribution's own source, is a
    second verb of the reported clause, not a second report (PolNeAR's annotators mark only the
    outermost of nested attributions). The source sits outside the content that holds the cue, so
    the linker reached past the reported clause to find it. A nested cue with a source of its own
    ("…, said Smith, who told…") is kept. Measured on PolNeAR dev: of the tagger's nested
    attributions sharing the outer source, fast 8 of 9 and accurate 2 of 3 were false alarms."""
    contents = SpanIndex.build((b.content.start, b.content.end, k) for k, b in enumerate(atts) if b.content is not None)
    return [a for k, a in enumerate(atts) if not _echoes(atts, contents, k)]


def _echoes(atts: list[Attribution], contents: SpanIndex, k: int) -> bool:
    """Whether ``atts[k]`` is a tagger cue inside a longer content of the same source (found
    through the index of contents, so an article with many attributions is not read pairwise)."""
    a = atts[k]
    if a.cue is None or a.source is None or a.content is None or not a.made_by(Maker.TAGGER, Maker.ORPHAN):
        return False
    size = a.content.end - a.content.start
    for j in contents.keys(a.cue.start, a.cue.end):
        b = atts[j]
        if (
            j != k
            and b.source == a.source
            and b.content is not None
            and b.content.start <= a.cue.start
            and a.cue.end <= b.content.end
            and b.content.end - b.content.start > size
        ):
            return True
    return False
