"""The articles of the source tests and their hand-built attributions.

Attributions are built by hand from the text (Span offsets found with ``str.index``) so the
tests do not depend on the detector: the seed, and a small invented article
(tests/fixtures/sources/council.txt).
"""

from __future__ import annotations

from newslib.model import Analysis, Attribution, Source, Span
from newslib.reading import read_text
from newslib.text import text_layer


def base(text: str) -> Analysis:
    """The text layer of ``text`` (no detection), as pipeline.analyze builds it."""
    return text_layer(read_text(text))


def span(text: str, s: str, after: str | None = None) -> Span:
    i = text.index(s, text.index(after) if after else 0)
    return Span(i, i + len(s))


def att(
    text: str, kind: str, source: str | None, cue: str, content: str | None, after: str | None = None
) -> Attribution:
    return Attribution(
        kind,
        content=span(text, content, after) if content else None,
        cue=span(text, cue, after),
        source=span(text, source, after) if source else None,
    )


def by_source(analysis: Analysis) -> dict[str, Source]:
    """{source text as written: resolved speaker}."""
    t = analysis.text
    return {a.source.text(t): a.speaker for a in analysis.attributions if a.source and a.speaker}


# -- the seed ----------------------------------------------------------------------------------

SEED_ATTS = [
    ("indirect", "officials", "said on Wednesday", "Israel has asked the White House to postpone", None),
    ("agency", "Reuters", "reported", "Israel has asked the White House to postpone", None),
    (
        "partial",
        "White House spokeswoman Karin Jean-Pierre",
        "told reporters",
        "“The Prime Minister’s Office has agreed to reschedule a special meeting” in Rafah",
        None,
    ),
    ("direct", "she", "added", "“So now we’re working with them to set up (a) convenient date,”", None),
    ("indirect", "An Israeli official in Washington", "confirmed", "that another meeting was taking place", None),
    ("no_comment", "Netanyahu’s office", "There was no comment from", None, None),
    ("indirect", "Israel", "says", "killed 1,200 people", None),
    (
        "according_to",
        "health officials in the Hamas-run enclave",
        "according to",
        "Israel’s military response has killed more than 32,000 Palestinians",
        None,
    ),
    (
        "according_to",
        "a person familiar with the matter",
        "according to",
        "The Israeli team will continue to be led by Strategic Affairs Minister Ron Dermer",
        None,
    ),
    ("indirect", "the White House", "said", "it planned to share with Israeli officials", None),
    ("partial", "Washington", "said", "would be “disastrous.”", "which Washington said"),
    ("partial", "Netanyahu", "responded sharply, calling", "the US move a “clear retreat”", "Netanyahu responded"),
    ("indirect", "U.S. officials", "said", "that the Biden administration was confused", None),
]


# -- an invented article: pronouns, nominals, variants, relative pronouns, credits ----------------

COUNCIL_ATTS = [
    ("indirect", "council officials", "said", "The Portville city council postponed a vote", None),
    (
        "partial",
        "Mayor Lucia Fernandez",
        "told reporters",
        'that the delay was "a matter of getting the numbers right."',
        None,
    ),
    ("indirect", "She", "added", "that the council would meet again next week", None),
    ("indirect", "Councilman Peter Haldane", "said", "the contract had been rushed", None),
    ("direct", "he", "said", '"We were handed four hundred pages on Friday,"', "the contract had been rushed"),
    ("indirect", "The mayor", "said", "she still expected the contract to pass", None),
    ("indirect", "Haldene", "later told the Portville Gazette", "that he had no objection", None),
    ("indirect", "A city employee", "said", "the operator had asked for a longer term", None),
    ("no_comment", "Fernandez's office", "declined to comment", None, None),
    ("according_to", "a survey by the Harbor Institute", "According to", "most residents use the ferry", None),
    ("indirect", "Critics", "said", "the fares were too high", None),
    ("agency", "the Associated Press", "reported", "the fares were too high", None),
    ("indirect", "Canada", "said", "it would watch the talks closely", None),
]
