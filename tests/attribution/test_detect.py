"""Attribution engines: the seed article, structure roles, kinds, and an accuracy gate.

The seed article and the gate run on both engines (the accurate one only where its extra is
installed, as in CI). The gate runs an engine over small articles written and annotated for this
project (``tests/fixtures/attribution/articles.jsonl``, PolNeAR conventions) and fails when a
figure falls below that engine's floors in ``floors.json``; raise them when the engine improves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import assert_floors

from newslib import AttributionSettings
from newslib.attribution import detect
from newslib.attribution.accurate import available
from newslib.evaluation import evaluate
from newslib.pipeline import analyze
from newslib.reading import read_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "attribution"
SEED = ROOT / "seeds" / "000_bf35a3d7ff0db5a3.txt"


def _rows(analysis):
    t = analysis.text
    return [
        (
            a.kind,
            a.source.text(t) if a.source else "",
            a.cue.text(t) if a.cue else "",
            a.content.text(t) if a.content else "",
        )
        for a in analysis.attributions
    ]


ENGINES = [
    "fast",
    pytest.param("accurate", marks=pytest.mark.skipif(not available(), reason="the accurate extra is not installed")),
]


def _seed(engine: str):
    return analyze(read_text(SEED.read_text(encoding="utf-8"), id="seed"), engine=engine)


@pytest.fixture(scope="module", params=ENGINES)
def seed_each(request):
    """The seed article analysed by each engine."""
    return _seed(request.param)


def _find(rows, kind=None, source=None, cue=None, content=None):
    for k, s, q, c in rows:
        if (
            (kind is None or k == kind)
            and (source is None or source in s)
            and (cue is None or cue in q)
            and (content is None or content in c)
        ):
            return k, s, q, c
    return None


def test_seed_article_attributions(seed_each):
    rows = _rows(seed_each)
    assert len(rows) >= 12
    assert len({r[0] for r in rows}) >= 6
    assert _find(rows, "agency", "Reuters", "reported", "Israel has asked the White House")
    assert _find(rows, None, "officials", "said", "Israel has asked the White House")
    assert _find(rows, None, "An Israeli official", "confirmed", "another meeting was taking place")
    assert _find(rows, None, "An Israeli official", "said", "Netanyahu was considering sending a delegation")
    assert _find(rows, "no_comment", "Netanyahu’s office")
    assert _find(rows, None, "Karin Jean-Pierre", None, "The Prime Minister’s Office has agreed")
    assert _find(rows, "direct", "she", "added", "So now we’re working with them")
    assert _find(rows, None, "Israel", "says", "killed 1,200 people")
    assert _find(rows, "according_to", "health officials", "according to", "has killed more than 32,000")
    assert _find(rows, "according_to", "a person familiar with the matter", "according to", "Ron Dermer")
    assert _find(rows, None, "the White House", "said", "it planned to share")
    assert _find(rows, "partial", "Washington", "said", "“disastrous.”")
    assert _find(rows, "partial", "Netanyahu", "calling", "“clear retreat”")
    assert _find(rows, None, "U.S. officials", "said", "the Biden administration was confused")


def test_seed_article_keeps_out_what_annotators_reject(seed_each):
    """Issue 21: the seed's 15 annotated attributions without the false alarms an annotator
    rejects: a noun or a state taken for a cue ("is a key architect of", "Biden's decision to
    abstain", "concerned about the deepening crisis"), a thing's appearance ("appears to
    reflect"), a pronoun as the whole content ("which Washington said …" gave content "which").
    At most two more than the 15 (e2e 0.94 when all 15 are found with their sources): "The talks
    are expected to …", which PolNeAR's guidelines would mark, and one more verb of a reported
    clause ("sought to ease tensions", accurate)."""
    rows = _rows(seed_each)
    assert 15 <= len(rows) <= 17
    for k, s, q, c in rows:
        assert not any(w in q for w in ("architect", "appears", "concerned", "decision")), (k, s, q, c)
        assert c.strip().lower() not in ("which", "that"), (k, s, q, c)


def test_seed_caption_and_credit_never_attributed(seed_each):
    t = seed_each.text
    banned = [p.span for p in seed_each.article.paragraphs if not p.holds_speech]
    assert any("Photo:" in s.text(t) for s in banned)
    for a in seed_each.attributions:
        for s in a.spans():
            assert not any(s.overlaps(b) for b in banned), (a, s.text(t))


def test_interrupted_quote_has_parts():
    text = (
        "Mayor backs plan\n\n“We are ready,” the mayor said, “and we will start in May.”\n\n"
        "She added that the budget was final.\n"
    )
    an = analyze(read_text(text))
    direct = [a for a in an.attributions if a.kind == "direct"]
    assert direct and len(direct[0].content_parts) == 2
    assert direct[0].source.text(text) == "the mayor"
    assert all(a.evidence and 0 <= a.score <= 1 for a in an.attributions)


def test_offsets_are_exact():
    text = "Talks stall\n\nThe union said on Monday that talks had stalled, Reuters reported.\n"
    an = analyze(read_text(text))
    for a in an.attributions:
        for s in a.spans():
            assert 0 <= s.start < s.end <= len(text)


def test_unknown_engine():
    with pytest.raises(ValueError):
        detect(analyze(read_text("A line.\n")), engine="nope")


@pytest.mark.parametrize("engine", ENGINES)
def test_accuracy_gate(engine):
    floors = json.loads((FIXTURES / "floors.json").read_text(encoding="utf-8"))[engine]
    res = evaluate(FIXTURES / "articles.jsonl", engine=engine)
    assert res["engine"].startswith(engine + "/")
    assert_floors(res, floors, engine)


DEV = ROOT.parent / "shared" / "gold" / "polnear_dev.jsonl"
DEV_FLOORS = {
    "fast": {"content_f1": 0.71, "content_p": 0.81, "exact_f1": 0.56, "e2e_f1": 0.66},
    "accurate": {"content_f1": 0.752, "content_p": 0.83, "exact_f1": 0.62, "e2e_f1": 0.708},
}
"""The floor on real news: PolNeAR dev (``../shared/gold``, beside the repository in CI), about a
point below what a fresh install measured (2026-12-04, ``min_score`` 0.5): fast content P/R/F1
0.823/0.636/0.718, exact 0.570, e2e 0.669; accurate 0.842/0.695/0.762, exact 0.629, e2e 0.718."""


@pytest.mark.slow
@pytest.mark.skipif(not DEV.is_file(), reason="../shared/gold is not beside the repository")
@pytest.mark.parametrize("engine", ENGINES)
def test_polnear_dev_floor(engine):
    assert_floors(evaluate(DEV, engine=engine), DEV_FLOORS[engine], engine)


@pytest.mark.parametrize(
    "text, source, cue",
    [
        # testimonial credit after the quotation
        (
            "Readers write\n\nWe asked voters what they think.\n\n“The debate changed nothing for me. I still "
            "do not know whom to trust.” ― Maria Lopez\n\n“It was a circus from start to finish.” ― Tom Reyes\n",
            "Maria Lopez",
            "―",
        ),
        # transcript speaker labels
        (
            'Debate transcript\n\nPartial transcript as follows:\n\n"HOST: Governor, do you think the debate will '
            'matter to voters this year?\n\n"GOVERNOR: Well, look, the people of this state know my record, and '
            "they know what we have built together.\n",
            "GOVERNOR",
            ":",
        ),
    ],
)
def test_credit_shapes_give_source_and_cue(text, source, cue):
    """The shapes are read (source and cue right) whatever their scores: the transcript labels
    score 0.35-0.40 since the refit of issue 21, under the 0.4 threshold, so it is lifted here."""
    rows = _rows(analyze(read_text(text), settings=AttributionSettings(min_score=0.0)))
    hit = [r for r in rows if r[1] == source]
    assert hit and hit[0][2] == cue, rows
    assert not hit[0][3].startswith(('"', source)), hit


def test_second_quote_keeps_its_own_cue():
    text = (
        "Mayor speaks\n\n“The budget is balanced and the schools are open,” Mayor Alan Ruiz said. "
        "“We will not raise taxes this year, and we will keep the parks open,” he said.\n"
    )
    rows = _rows(analyze(read_text(text)))
    second = _find(rows, None, None, None, "We will not raise taxes")
    assert second and second[1] == "he", rows


def test_agency_credit_in_either_order():
    text = (
        "Rain delays harvest\n\nFarmers in the valley lost a week of work. The delay is “the longest our "
        "growers have seen in a decade,” reported Reuters. Prices rose.\n\nThe plan was approved on Monday, "
        "Reuters reported.\n"
    )
    rows = _rows(analyze(read_text(text)))
    assert _find(rows, "agency", "Reuters", "reported", "“the longest our growers have seen in a decade,”")
    assert _find(rows, "agency", "Reuters", "reported", "The plan was approved on Monday")


def test_auto_engine_names_the_engine_that_ran():
    from newslib.attribution.accurate import available

    an = analyze(read_text("Budget\n\nThe mayor said the budget was balanced.\n"), engine="auto")
    assert an.engine.startswith("accurate/" if available() else "fast/")


def test_source_after_a_closing_quote_and_participle_subjects():
    text = (
        'Harbor vote\n\nThe port commission met on Tuesday.\n\n"We cannot keep dredging the channel every '
        'spring without a plan for the silt," Dana K. Morrow III, an engineer with the port authority, said '
        "at the hearing.\n\nMeanwhile, it criticized the mayor, saying he “has ignored the ferry crews "
        "for years.”\n"
    )
    rows = _rows(analyze(read_text(text)))
    quote = _find(rows, None, None, "said", "We cannot keep dredging")
    assert quote and "Dana K. Morrow III" in quote[1] and not quote[3].endswith("authority"), rows
    saying = _find(rows, None, None, "saying", "has ignored the ferry crews")
    assert saying and saying[1] == "it", rows


def test_opening_adverbial_is_not_a_participles_source():
    text = (
        "Harbor vote\n\nThe port commission met on Tuesday.\n\nMeanwhile, the union criticized the mayor, "
        "saying he “has ignored the ferry crews for years.”\n"
    )
    rows = _rows(analyze(read_text(text)))
    saying = _find(rows, None, None, "saying", "has ignored the ferry crews")
    assert saying and saying[1] != "Meanwhile", rows
