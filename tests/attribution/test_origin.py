"""What made an attribution (newslib.model.Origin): set where attributions are made, kept by the
rules that revise them, read by the calibration and the rules instead of the evidence text, and
read back from a record's evidence."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newslib.attribution.confidence import FEATURES, _scored, features
from newslib.attribution.credits import CREDIT_SCORE, wire_credits
from newslib.attribution.link import link
from newslib.attribution.rules import _according_to, _split_and_said
from newslib.attribution.scheme import LABELS, prepare
from newslib.attribution.settings import AttributionSettings
from newslib.attribution.speech_cues import speech
from newslib.model import ORPHAN_CLAUSE, TAGGER, WIRE_CREDIT, Attribution, Maker, Origin, Span
from newslib.reading import read_text
from newslib.text import text_layer


def _linked(text: str, tags: list[tuple[str, str, str]]) -> list[Attribution]:
    """``link`` over labels written by hand: (first word, last word, role) for each run."""
    prep = prepare(text_layer(read_text(text)))
    words = [text[t.start : t.end] for t in prep.tokens]
    labels = ["O"] * len(words)
    for first, last, role in tags:
        i = words.index(first)
        j = words.index(last, i)
        labels[i : j + 1] = [f"B-{role}"] + [f"I-{role}"] * (j - i)
    return link(text, prep, labels, AttributionSettings())


def test_the_taggers_content_and_a_cue_left_without_content_have_their_origins():
    text = "Harbour\n\nThe harbour master said the pier will reopen in May. Kemi warned the ferry is late.\n"
    atts = _linked(
        text,
        [
            ("The", "master", "S"),
            ("said", "said", "Q"),
            ("the", "May", "C"),
            ("Kemi", "Kemi", "S"),
            ("warned", "warned", "Q"),
        ],
    )
    by_cue = {a.cue.text(text): a for a in atts}
    assert by_cue["said"].origin == TAGGER and by_cue["said"].made_by(Maker.TAGGER)
    orphan = by_cue["warned"]
    assert orphan.origin == ORPHAN_CLAUSE and orphan.content.text(text) == "the ferry is late"
    assert orphan.evidence[0] == ORPHAN_CLAUSE.label == "crf:cue"


def test_a_rule_and_a_credit_line_name_themselves():
    text = "Fares will rise next year, according to the ferry company."
    (a,) = _according_to(text, 0, len(text))
    assert a.origin == Origin(Maker.RULE, "according to") and a.evidence[0] == "rule:according to"
    wire = text_layer(
        read_text("Ferry fares rise\n\nOSLO (Reuters) - Fares will rise next year, the ferry company said on Monday.\n")
    )
    (credit,) = wire_credits(wire)
    assert credit.origin == WIRE_CREDIT and credit.made_by(Maker.CREDIT) and not credit.made_by(Maker.RULE)


def test_a_rule_that_revises_an_attribution_keeps_its_origin_and_one_that_adds_names_itself():
    text = "The mayor confirmed that the pier will reopen and said the ferry would run again by June."
    content = Span(text.index("that the pier"), len(text) - 1)
    a = Attribution(
        "indirect", content=content, cue=Span(10, 19), source=Span(0, 9), evidence=("crf:content",), origin=TAGGER
    )
    first, second = _split_and_said(text, [a])
    assert first.origin == TAGGER and "rule:split at 'and said'" in first.evidence
    assert second.made_by(Maker.RULE) and second.evidence[0] == second.origin.label


def test_the_rules_read_the_origin_not_the_evidence():
    """``speech`` drops only the tagger's attributions whose cue reports no speech; what decides is
    the origin, whatever the first evidence entry says."""
    text = "The agency has quietly revised its estimates for the harvest."
    cue = Span(text.index("has quietly revised"), text.index(" its"))
    content = Span(cue.end + 1, len(text) - 1)
    tagger = Attribution(
        "indirect", content=content, cue=cue, source=Span(0, 10), evidence=("rule:looks like a rule",), origin=TAGGER
    )
    ruled = Attribution(
        "indirect",
        content=content,
        cue=cue,
        source=Span(0, 10),
        evidence=("crf:content",),
        origin=Origin(Maker.RULE, "a new rule"),
    )
    assert not speech(text, tagger)
    assert speech(text, ruled)


def _row(a: Attribution) -> dict[str, float]:
    return dict(zip(FEATURES, features(a, np.zeros((0, len(LABELS))), None, []), strict=True))


def test_calibration_features_read_the_origin_not_the_evidence():
    odd = ("made by hand, evidence in no known form",)
    rule = _row(Attribution("indirect", evidence=odd, origin=Origin(Maker.RULE, "a new rule")))
    assert (rule["made_by_rule"], rule["made_by_cue"]) == (1.0, 0.0)
    orphan = _row(Attribution("indirect", evidence=odd, origin=ORPHAN_CLAUSE))
    assert (orphan["made_by_rule"], orphan["made_by_cue"]) == (0.0, 1.0)
    tagger = _row(Attribution("indirect", evidence=("rule:x", "crf:cue"), origin=TAGGER))
    assert (tagger["made_by_rule"], tagger["made_by_cue"]) == (0.0, 0.0)


def test_a_credit_keeps_its_score_by_origin(tmp_path: Path):
    credit = Attribution("agency", score=CREDIT_SCORE, evidence=("a credit line",), origin=WIRE_CREDIT)
    other = Attribution("agency", score=CREDIT_SCORE, evidence=("rule:wire credit",), origin=TAGGER)
    marg = np.zeros((0, len(LABELS)))
    kept, scored = _scored([credit, other], marg, _NoTokens(), tmp_path / "none.calibration.json")
    assert kept.score == CREDIT_SCORE and scored.score == 0.5  # uncalibrated: the mean content marginal


class _NoTokens:
    """A stand-in for the prepared tokens: attributions without spans read none of them."""

    tokens: tuple = ()


def test_a_record_reads_its_origin_back_from_the_evidence():
    text = "x" * 40
    for origin in (TAGGER, ORPHAN_CLAUSE, WIRE_CREDIT, Origin(Maker.RULE, "according to")):
        evidence = (origin.label, f"rule:{origin.rule}") if origin is ORPHAN_CLAUSE else (origin.label, "kind:x")
        a = Attribution("indirect", content=Span(1, 5), evidence=evidence, origin=origin)
        d = a.to_dict(text)
        assert "origin" not in d  # the record is as before: the evidence already says it
        assert Attribution.from_dict(d, text) == a
    made_by_hand = Attribution.from_dict({"kind": "direct", "evidence": ["quote-after-colon"]})
    assert made_by_hand.origin is None and not made_by_hand.made_by(*Maker)
