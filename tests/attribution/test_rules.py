"""The readable rules (newslib.attribution.rules): which of the tagger's weak guesses are dropped."""

from __future__ import annotations

from newslib.model import Span


def test_weak_reported_speech_is_dropped_but_a_short_object_with_its_speaker_stays():
    from newslib.attribution.rules import plausible
    from newslib.model import Attribution

    text = "The governor endorsed Ortiz on Friday, and the union backed the deal."
    src, cue, obj = Span(0, 12), Span(13, 21), Span(22, 27)  # "The governor" "endorsed" "Ortiz"
    assert obj.text(text) == "Ortiz" and cue.text(text) == "endorsed"
    assert plausible(text, Attribution("indirect", content=obj, cue=cue, source=src))
    assert not plausible(text, Attribution("indirect", content=obj, cue=cue))  # short, nobody says it
    assert not plausible(text, Attribution("indirect", content=obj, source=src))  # no cue at all
    assert plausible(text, Attribution("direct", content=obj))  # only reported speech is filtered
