"""From tagger labels to attributions (newslib.attribution.link): the kind rules, and linking a
content to its cue from labels written by hand."""

from __future__ import annotations

from newslib.attribution.link import kind_of
from newslib.model import Span
from newslib.reading import read_text


def test_kind_rules():
    t = "“We won,” he said. They said it was “a fraud” today. according to polls"
    assert kind_of(t, Span(0, 9), None, None)[0] == "direct"
    assert kind_of(t, Span(29, 45), None, None)[0] == "partial"
    assert kind_of(t, Span(29, 35), None, None)[0] == "indirect"
    assert kind_of(t, Span(29, 35), Span(53, 65), None)[0] == "according_to"


def test_clause_opening_with_that_takes_the_cue_before_it():
    # the tagger's labels are written by hand, so this checks the linking alone: "that …" is the
    # complement of "said", although the participle after it is nearer
    from newslib.attribution.link import link
    from newslib.attribution.scheme import prepare
    from newslib.attribution.settings import AttributionSettings
    from newslib.text import text_layer

    text = (
        "Dam report\n\nThe engineers said at the time that the dam was safe, insisting there was no "
        "reason to close the road.\n"
    )
    an = text_layer(read_text(text))
    prep = prepare(an)
    words = [text[t.start : t.end] for t in prep.tokens]
    labels = ["O"] * len(words)

    def tag(first: str, last: str, role: str, after: int = 0) -> None:
        i = words.index(first, after)
        j = words.index(last, i)
        labels[i : j + 1] = [f"B-{role}"] + [f"I-{role}"] * (j - i)

    tag("The", "engineers", "S")
    tag("said", "said", "Q")
    tag("that", "safe", "C")
    tag("insisting", "insisting", "Q")
    tag("there", "road", "C")
    got = {a.content.text(text): a.cue.text(text) for a in link(text, prep, labels, AttributionSettings())}
    assert got["that the dam was safe"] == "said"
    assert got["there was no reason to close the road"] == "insisting"
