"""Real-web classes: wire credits in datelines, copyright and credit lines; agencies typed as
agencies; quoted titles and scare quotes; inverted cues; page furniture as roles."""

from __future__ import annotations

import pytest
from conftest import assert_offsets

from newslib import analyze, read_text
from newslib.attribution.credits import CREDIT_SCORE

WIRE = """Oil prices rise as supply worries grow

LONDON (Reuters) - Oil prices rose on Tuesday as traders worried about supplies from the Middle \
East, while stocks in the United States fell for a third day.

Brent crude gained 2 percent to its highest level in five months.

Heba Habib contributed to this report.
© Thomson Reuters 2024. All rights reserved.
Photo: Miriam Alster / AP / Profimedia
Click here to watch live coverage of the summit.
This article originally appeared on The Atlantic.
"""


def _spans(analysis, a):
    t = analysis.text
    return tuple(t[s.start : s.end] if s else None for s in (a.source, a.cue))


def test_dateline_and_copyright_credits_are_agency_attributions_over_the_body():
    an = analyze(read_text(WIRE))
    assert_offsets(an)
    credits = [a for a in an.attributions if a.kind == "agency"]
    assert [_spans(an, a) for a in credits] == [("Reuters", "(Reuters)"), ("Thomson Reuters", "©")]
    body = [p for p in an.article.paragraphs if p.role == "body"]
    for a in credits:
        assert (a.content.start, a.content.end) == (body[0].start, body[-1].end)
        assert a.score == CREDIT_SCORE and a.speaker is not None and a.speaker.type == "agency"
    assert not any(s.type == "agency" and s.name == "AP" for s in an.sources)  # a photo credit is no report


def test_furniture_lines_are_roles_not_body():
    an = analyze(read_text(WIRE))
    roles = {an.text[p.start : p.end][:24]: p.role for p in an.article.paragraphs}
    assert roles["Heba Habib contributed t"] == "byline"
    assert roles["© Thomson Reuters 2024. "] == "noise"
    assert roles["Click here to watch live"] == "noise"
    assert roles["This article originally "] == "noise"
    assert roles["Photo: Miriam Alster / A"] == "credit"


def test_a_credit_line_naming_an_agency_credits_it():
    text = (
        "The council voted to close the bridge for repairs, ending a month of debate among its members.\n\n"
        "The Associated Press contributed reporting from Cairo.\n"
    )
    an = analyze(read_text(text))
    (a,) = [a for a in an.attributions if a.kind == "agency"]
    assert _spans(an, a) == ("The Associated Press", "contributed")


def test_a_story_without_wire_credits_has_no_agency_attribution():
    text = (
        "WASHINGTON — The council voted to close the bridge for repairs, the mayor said on Monday.\n\n"
        "Copyright 2024 The Daily Planet. All rights reserved.\n"
    )
    an = analyze(read_text(text))
    assert not [a for a in an.attributions if a.kind == "agency"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Associated Press news agency said the vote had been delayed by two days.",
        "Reuters said the talks would resume next week in Cairo.",
    ],
)
def test_an_agency_named_in_prose_is_an_agency(sentence):
    an = analyze(read_text("Israel has delayed the vote.\n\n" + sentence + "\n"))
    (a,) = an.attributions
    assert a.kind == "agency" and a.speaker.type == "agency"


@pytest.mark.parametrize(
    "text",
    [
        'Nintendo will release "Super Mario Run" in December, and the game will cost $10 in stores.',
        "The exhibit, “The World of Tomorrow,” opened in 1939 to large crowds from across the country.",
        "Critics mocked its “safety net” as a patchwork that leaves millions of families behind.",
    ],
)
def test_quoted_titles_and_scare_quotes_are_not_attributions(text):
    an = analyze(read_text("Headline here\n\n" + text + "\n"))
    assert not [a for a in an.attributions if a.kind in ("direct", "partial") and a.cue is None]


def test_a_quotation_with_its_speaker_stays():
    an = analyze(read_text("“We will win this fight whatever it takes,” the minister said on Tuesday.\n"))
    (a,) = an.attributions
    assert a.kind == "direct" and _spans(an, a) == ("the minister", "said")


def test_inverted_cue_takes_the_name_after_it_as_source_not_content():
    text = (
        "Rust spreads when water and salt reach the steel, swell and split the concrete, opening a wider "
        "gap, said Lena Park, who works for the Parks Department, where she is known as the bridge doctor.\n"
    )
    an = analyze(read_text(text))
    (a,) = an.attributions
    assert _spans(an, a) == ("Lena Park", "said")
    assert an.text[a.content.start : a.content.end].startswith("Rust spreads")


def test_a_person_named_like_a_wire_service_is_a_person():
    text = (
        "Former New York mayor Michael Bloomberg spoke in Denver on Monday about the new plan, said "
        "an aide who traveled with him.\n\nBloomberg said the plan would fail within a year.\n"
    )
    an = analyze(read_text(text), engine="fast")
    said = [a for a in an.attributions if an.text[a.content.start : a.content.end].startswith("the plan would")]
    assert said and all(a.kind != "agency" for a in said)
    assert not [s for s in an.sources if s.type == "agency"]
