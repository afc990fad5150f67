"""The public records of source resolution (newslib.sources.records): source ids and order,
entities the article names, credits, the sources table, the profile and JSON round trips.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import assert_offsets

from newslib import sources
from newslib.model import Analysis, Source, Span

# -- the seed ----------------------------------------------------------------------------------


def test_seed_credit_is_not_a_source_and_gallant_variant_is_flagged(seed: Analysis) -> None:
    names = {x.name for x in seed.sources}
    assert not names & {"Miriam Alster", "AP", "Profimedia"}
    credits = sources.credits(seed)
    assert [c.name for c in credits] == ["Miriam Alster", "AP", "Profimedia"]
    assert {c.kind for c in credits} == {"photo"}
    people = {e.name: e for e in sources.entities(seed)}
    gallant = people["Yoav Gallant"]
    assert gallant.variants == ("Galant",)
    assert gallant.role == "Defense Minister" and gallant.affiliation == "Israel"
    assert any("one edit" in e for e in gallant.evidence)
    assert people["Ron Dermer"].role == "Strategic Affairs Minister"
    assert "Galant" not in people  # one person, not two


def test_seed_sources_are_distinct_ordered_and_offsets_hold(seed: Analysis) -> None:
    ids = [x.id for x in seed.sources]
    assert ids == [f"S{k}" for k in range(1, len(ids) + 1)]
    firsts = [x.first for x in seed.sources]
    assert firsts == sorted(firsts)
    assert len(seed.sources) == 12
    assert all(a.speaker is not None for a in seed.attributions)
    assert_offsets(seed)


def test_seed_profile(seed: Analysis) -> None:
    p = sources.profile(seed)
    assert p["distinct_sources"] == 12
    assert p["most_quoted"]["name"] == "Karin Jean-Pierre"
    assert p["agencies"] == ["Reuters"]
    assert p["share_anonymous"] == pytest.approx(5 / 13, abs=1e-3)
    assert p["share_direct"] == pytest.approx(1 / 13, abs=1e-3)
    assert p["unresolved_pronouns"] == 0
    assert [c["name"] for c in p["credits"]] == ["Miriam Alster", "AP", "Profimedia"]
    json.dumps(p)  # plain data


def test_seed_round_trip_and_frame(seed: Analysis) -> None:
    again = Analysis.from_dict(json.loads(json.dumps(seed.to_dict())))
    assert again.sources == seed.sources
    assert [a.speaker for a in again.attributions] == [a.speaker for a in seed.attributions]
    frame = sources.sources_frame(seed)
    assert len(frame) == 12
    for col in (
        "id",
        "name",
        "type",
        "role",
        "affiliation",
        "anonymous",
        "gender",
        "mentions",
        "attributions",
        "by_kind_direct",
        "words",
        "first",
    ):
        assert col in frame.columns, col
    row = frame.set_index("name").loc["Karin Jean-Pierre"]
    assert row["attributions"] == 2 and row["by_kind_direct"] == 1 and row["words"] > 10


def test_speaker_json_keeps_name(seed: Analysis) -> None:
    d = seed.to_dict()
    assert all(a["speaker"]["name"] for a in d["attributions"])


# -- the council article's credits, a record on its own ---------------------------------------


def test_council_credits_and_byline(council: Analysis) -> None:
    creds = sources.credits(council)
    assert [(c.name, c.kind) for c in creds] == [
        ("Dana Whitlock", "byline"),
        ("Omar Reyes", "byline"),
        ("Ines Marlow", "photo"),
        ("Portville Gazette", "photo"),
    ]
    assert not {c.name for c in creds} & {x.name for x in council.sources}
    assert_offsets(council)


def test_source_round_trip() -> None:
    src = Source(
        name="Karin Jean-Pierre",
        type="official",
        role="spokeswoman",
        affiliation="White House",
        mentions=(Span(1, 5),),
        id="S1",
        gender="female",
        variants=("Jean Pierre",),
        aliases=("she",),
        evidence=("name",),
        attributions=2,
        kinds=(("direct", 1), ("partial", 1)),
        words=20,
        first=1,
    )
    text = "x" * 10
    assert Source.from_dict(json.loads(json.dumps(src.to_dict(text))), text) == src
    with pytest.raises(dataclasses.FrozenInstanceError):
        src.name = "x"  # type: ignore[misc]


def test_an_agency_attribution_whose_source_is_a_person_takes_its_kind_unless_a_credit_line_made_it() -> None:
    """ "Bloomberg said" after "Michael Bloomberg": the tagger's ``agency`` is re-kinded; a wire
    credit keeps its kind. The origin decides, whatever the evidence says."""
    from newslib.model import TAGGER, WIRE_CREDIT

    from .articles import att, base

    text = (
        "City news\n\nFormer mayor Michael Bloomberg visited the port on Monday with his aides.\n\n"
        "The harbour needs a second ferry, Bloomberg said.\n"
    )
    a = att(text, "agency", "Bloomberg", "said", "The harbour needs a second ferry", after="Monday")
    kinds = {}
    for origin in (TAGGER, WIRE_CREDIT):
        made = dataclasses.replace(a, evidence=("made by hand",), origin=origin)
        (out,) = sources.resolve(dataclasses.replace(base(text), attributions=(made,))).attributions
        assert out.speaker is not None and out.speaker.name == "Michael Bloomberg"
        kinds[origin.maker.value] = out.kind
    assert kinds == {"tagger": "indirect", "credit": "agency"}
