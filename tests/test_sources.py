"""Source resolution (newslib.sources): who each attribution is credited to, as a reader lists it.

Attributions are built by hand from the text (Span offsets found with ``str.index``) so these
tests do not depend on the detector: they check resolution, types, anonymity, credits, tables and
the profile on the seed and on a small invented article (tests/fixtures/sources/council.txt).
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import FIXTURES, assert_offsets

from newslib import sources
from newslib.model import Analysis, Attribution, Source, Span
from newslib.reading import read_text
from newslib.text import find_quotes, split_sentences, tokenize


def base(text: str) -> Analysis:
    """The text layer of ``text`` (no detection), as pipeline.analyze builds it."""
    article = read_text(text)
    return Analysis(article=article, sentences=tuple(split_sentences(text, article.paragraphs)),
                    tokens=tuple(tokenize(text)), quotes=tuple(find_quotes(text, article.paragraphs)))


def span(text: str, s: str, after: str | None = None) -> Span:
    i = text.index(s, text.index(after) if after else 0)
    return Span(i, i + len(s))


def att(text: str, kind: str, source: str | None, cue: str, content: str | None,
        after: str | None = None) -> Attribution:
    return Attribution(kind, content=span(text, content, after) if content else None,
                       cue=span(text, cue, after), source=span(text, source, after) if source else None)


def by_source(analysis: Analysis) -> dict[str, Source]:
    """{source text as written: resolved speaker}."""
    t = analysis.text
    return {a.source.text(t): a.speaker for a in analysis.attributions if a.source and a.speaker}


# -- the seed ----------------------------------------------------------------------------------

SEED_ATTS = [
    ("indirect", "officials", "said on Wednesday", "Israel has asked the White House to postpone", None),
    ("agency", "Reuters", "reported", "Israel has asked the White House to postpone", None),
    ("partial", "White House spokeswoman Karin Jean-Pierre", "told reporters",
     "“The Prime Minister’s Office has agreed to reschedule a special meeting” in Rafah", None),
    ("direct", "she", "added", "“So now we’re working with them to set up (a) convenient date,”", None),
    ("indirect", "An Israeli official in Washington", "confirmed", "that another meeting was taking place", None),
    ("no_comment", "Netanyahu’s office", "There was no comment from", None, None),
    ("indirect", "Israel", "says", "killed 1,200 people", None),
    ("according_to", "health officials in the Hamas-run enclave", "according to",
     "Israel’s military response has killed more than 32,000 Palestinians", None),
    ("according_to", "a person familiar with the matter", "according to",
     "The Israeli team will continue to be led by Strategic Affairs Minister Ron Dermer", None),
    ("indirect", "the White House", "said", "it planned to share with Israeli officials", None),
    ("partial", "Washington", "said", "would be “disastrous.”", "which Washington said"),
    ("partial", "Netanyahu", "responded sharply, calling", "the US move a “clear retreat”", "Netanyahu responded"),
    ("indirect", "U.S. officials", "said", "that the Biden administration was confused", None),
]


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Analysis:
    a = base(seed_text)
    atts = tuple(att(seed_text, *row) for row in SEED_ATTS)
    return sources.resolve(dataclasses.replace(a, attributions=atts))


def test_seed_karin_jean_pierre_is_one_official_source_with_she_resolved(seed: Analysis) -> None:
    s = by_source(seed)
    kjp = s["White House spokeswoman Karin Jean-Pierre"]
    assert kjp.name == "Karin Jean-Pierre"
    assert kjp.type == "official" and kjp.role == "spokeswoman" and kjp.affiliation == "White House"
    assert s["she"] is kjp  # the very same record
    assert kjp.gender == "female" and kjp.attributions == 2
    assert [x.name for x in seed.sources].count("Karin Jean-Pierre") == 1
    she = next(a for a in seed.attributions if a.source and a.source.text(seed.text) == "she")
    assert any(e.startswith("source: pronoun 'she'") for e in she.evidence)


def test_seed_anonymous_sources_are_typed(seed: Analysis) -> None:
    s = by_source(seed)
    official = s["An Israeli official in Washington"]
    assert official.type == "anonymous_individual" and official.anonymous
    assert official.anonymity and "anonymity" in official.anonymity  # "who spoke on condition of anonymity"
    assert official.affiliation == "Israel"
    assert s["a person familiar with the matter"].type == "anonymous_individual"
    for group in ("officials", "U.S. officials", "health officials in the Hamas-run enclave"):
        assert s[group].type == "anonymous_group" and s[group].anonymous, group
    assert s["U.S. officials"].affiliation == "United States"


def test_seed_institutions_agency_governments(seed: Analysis) -> None:
    s = by_source(seed)
    office = s["Netanyahu’s office"]
    assert office.type == "organisation" and office.affiliation == "Benjamin Netanyahu"
    netanyahu = s["Netanyahu"]
    assert netanyahu.name == "Benjamin Netanyahu" and netanyahu.type == "official"
    assert office.link == netanyahu.id and office is not netanyahu
    assert s["Reuters"].type == "agency"
    assert s["Israel"].type == "government"
    assert s["Washington"].type == "government" and s["Washington"].affiliation == "United States"
    assert s["the White House"].type == "government"


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
    for col in ("id", "name", "type", "role", "affiliation", "anonymous", "gender", "mentions",
                "attributions", "by_kind_direct", "words", "first"):
        assert col in frame.columns, col
    row = frame.set_index("name").loc["Karin Jean-Pierre"]
    assert row["attributions"] == 2 and row["by_kind_direct"] == 1 and row["words"] > 10


def test_speaker_json_keeps_name(seed: Analysis) -> None:
    d = seed.to_dict()
    assert all(a["speaker"]["name"] for a in d["attributions"])


# -- an invented article: pronouns, nominals, variants, relative pronouns, credits ----------------

COUNCIL_ATTS = [
    ("indirect", "council officials", "said", "The Portville city council postponed a vote", None),
    ("partial", "Mayor Lucia Fernandez", "told reporters",
     "that the delay was \"a matter of getting the numbers right.\"", None),
    ("indirect", "She", "added", "that the council would meet again next week", None),
    ("indirect", "Councilman Peter Haldane", "said", "the contract had been rushed", None),
    ("direct", "he", "said", "\"We were handed four hundred pages on Friday,\"", "the contract had been rushed"),
    ("indirect", "The mayor", "said", "she still expected the contract to pass", None),
    ("indirect", "Haldene", "later told the Portville Gazette", "that he had no objection", None),
    ("indirect", "A city employee", "said", "the operator had asked for a longer term", None),
    ("no_comment", "Fernandez's office", "declined to comment", None, None),
    ("according_to", "a survey by the Harbor Institute", "According to", "most residents use the ferry", None),
    ("indirect", "Critics", "said", "the fares were too high", None),
    ("agency", "the Associated Press", "reported", "the fares were too high", None),
    ("indirect", "Canada", "said", "it would watch the talks closely", None),
]


@pytest.fixture(scope="module")
def council() -> Analysis:
    text = (FIXTURES / "sources" / "council.txt").read_text(encoding="utf-8")
    a = base(text)
    atts = tuple(att(text, *row) for row in COUNCIL_ATTS)
    return sources.resolve(dataclasses.replace(a, attributions=atts))


def test_council_pronouns_nominals_and_variants(council: Analysis) -> None:
    s = by_source(council)
    mayor = s["Mayor Lucia Fernandez"]
    assert mayor.name == "Lucia Fernandez" and mayor.type == "official" and mayor.role == "Mayor"
    assert s["She"] is mayor and s["The mayor"] is mayor
    haldane = s["Councilman Peter Haldane"]
    assert haldane.gender == "male"  # the title says so
    assert s["he"] is haldane and s["Haldene"] is haldane
    assert haldane.variants == ("Haldene",)
    assert mayor.gender == "female"  # from the pronouns resolved to her, not her first name
    assert mayor.attributions == 3 and haldane.attributions == 3


def test_council_types(council: Analysis) -> None:
    s = by_source(council)
    assert s["council officials"].type == "anonymous_group"
    emp = s["A city employee"]
    assert emp.type == "anonymous_individual" and emp.anonymous and "anonymity" in (emp.anonymity or "")
    office = s["Fernandez's office"]
    assert office.type == "organisation" and office.link == s["Mayor Lucia Fernandez"].id
    assert s["a survey by the Harbor Institute"].type == "document"
    assert s["Critics"].type == "group" and not s["Critics"].anonymous
    assert s["the Associated Press"].type == "agency" and s["the Associated Press"].name == "Associated Press"
    assert s["Canada"].type == "government"


def test_council_credits_and_byline(council: Analysis) -> None:
    creds = sources.credits(council)
    assert [(c.name, c.kind) for c in creds] == [
        ("Dana Whitlock", "byline"), ("Omar Reyes", "byline"), ("Ines Marlow", "photo"), ("Portville Gazette", "photo")]
    assert not {c.name for c in creds} & {x.name for x in council.sources}
    assert_offsets(council)


def test_relative_pronoun_and_unresolved_pronoun() -> None:
    text = ("Senator Maria Olsen, who leads the budget panel, criticized the plan.\n\n"
            "\"It is a mistake,\" they said.")
    a = base(text)
    atts = (att(text, "indirect", "who", "criticized", "the plan"),
            att(text, "direct", "they", "said", "\"It is a mistake,\""))
    out = sources.resolve(dataclasses.replace(a, attributions=atts))
    s = by_source(out)
    assert s["who"].name == "Maria Olsen" and s["who"].type == "official"
    assert s["they"].type == "unknown" and s["they"].name == "they"  # no group to refer to
    assert sources.profile(out)["unresolved_pronouns"] == 1


def test_which_refers_to_the_thing_before_it() -> None:
    text = "The mayor read the engineering literature, which found that the bridge was unsafe.\n"
    a = base(text)
    out = sources.resolve(dataclasses.replace(a, attributions=(att(text, "indirect", "which", "found",
                                                                   "that the bridge was unsafe"),)))
    assert "literature" in by_source(out)["which"].name


def test_speaker_inside_a_quote_and_groups() -> None:
    text = ("Shipping firms are worried, industry analysts said.\n\n"
            "\"I think we will lose money,\" said Tomas Berg, chief executive of Nordline. "
            "He declined to give figures.")
    a = base(text)
    atts = (att(text, "indirect", "industry analysts", "said", "Shipping firms are worried"),
            att(text, "direct", "Tomas Berg, chief executive of Nordline", "said", "\"I think we will lose money,\""),
            att(text, "indirect", "I", "think", "we will lose money"),
            att(text, "no_comment", "He", "declined to give figures", None))
    out = sources.resolve(dataclasses.replace(a, attributions=atts))
    s = by_source(out)
    berg = s["Tomas Berg, chief executive of Nordline"]
    assert berg.name == "Tomas Berg" and berg.role == "chief executive" and berg.affiliation == "Nordline"
    assert s["I"] is berg and s["He"] is berg
    assert s["industry analysts"].type == "group"


def test_no_source_span_keeps_speaker_none_and_empty_analysis() -> None:
    text = "The ferry will run on Sundays from May, the council said."
    a = base(text)
    atts = (Attribution("indirect", content=span(text, "The ferry will run on Sundays from May")),)
    out = sources.resolve(dataclasses.replace(a, attributions=atts))
    assert out.attributions[0].speaker is None and out.sources == ()
    assert sources.resolve(a).sources == ()
    assert sources.profile(a)["distinct_sources"] == 0


def test_source_round_trip() -> None:
    src = Source(name="Karin Jean-Pierre", type="official", role="spokeswoman", affiliation="White House",
                 mentions=(Span(1, 5),), id="S1", gender="female", variants=("Jean Pierre",),
                 aliases=("she",), evidence=("name",), attributions=2, kinds=(("direct", 1), ("partial", 1)),
                 words=20, first=1)
    text = "x" * 10
    assert Source.from_dict(json.loads(json.dumps(src.to_dict(text))), text) == src
    with pytest.raises(dataclasses.FrozenInstanceError):
        src.name = "x"  # type: ignore[misc]


def test_anonymity_clause_inside_the_source_span(seed_text: str) -> None:
    a = base(seed_text)
    src = "An Israeli official in Washington, who spoke on condition of anonymity,"
    atts = (att(seed_text, "indirect", src, "confirmed", "that another meeting was taking place"),)
    out = sources.resolve(dataclasses.replace(a, attributions=atts))
    s = out.attributions[0].speaker
    assert s is not None and s.type == "anonymous_individual"
    assert s.name == "An Israeli official in Washington" and s.anonymity == "on condition of anonymity"
    assert any("anonymity" in e for e in s.evidence)


def test_any_source_span_resolves_without_error(seed_text: str) -> None:
    """Whatever span a detector calls a source (a word, a clause, punctuation), resolve copes."""
    a = base(seed_text)
    words = [t for t in a.tokens]
    atts = []
    for i in range(0, len(words) - 4, 3):
        for n in (1, 2, 4):
            s, e = words[i].start, words[i + n - 1].end
            atts.append(Attribution("indirect", source=Span(s, e), content=Span(e, min(e + 30, len(seed_text)))))
    out = sources.resolve(dataclasses.replace(a, attributions=tuple(atts)))
    assert len(out.attributions) == len(atts)
    assert all(x.speaker is not None or not x.source.text(seed_text).strip(" ,.;:—–-\"“”'‘’")
               for x in out.attributions)
    assert_offsets(out)
    assert len({s.id for s in out.sources}) == len(out.sources)


def test_places_transcript_names_and_common_words() -> None:
    text = ("Debate night\n\n"
            "Governor Mike Pence answered first.\n\n"
            "PENCE: We will cut taxes.\n\n"
            "New York said it would appeal. Investigations showed the plan had stalled.")
    a = base(text)
    atts = (att(text, "direct", "PENCE", ":", "We will cut taxes"),
            att(text, "indirect", "New York", "said", "it would appeal"),
            att(text, "indirect", "Investigations", "showed", "the plan had stalled"))
    out = sources.resolve(dataclasses.replace(a, attributions=atts))
    s = by_source(out)
    assert s["PENCE"].name == "Mike Pence" and s["PENCE"].type == "official"
    assert s["New York"].type == "government" and s["New York"].name == "New York"
    assert s["Investigations"].type == "unknown"


def test_speaker_implied_when_the_detector_gives_no_source_span() -> None:
    text = ("Mayor Lucia Fernandez spoke at the pier on Monday. \"The ferry stays,\" she said.\n\n"
            "\"We will not sell it.\"\n\n"
            "MORALES: What about the fares?")
    a = base(text)
    atts = (att(text, "direct", "she", "said", "\"The ferry stays,\""),
            Attribution("direct", content=span(text, "\"We will not sell it.\"")),
            Attribution("direct", cue=span(text, ":", "MORALES"), content=span(text, "What about the fares?")))
    out = sources.resolve(dataclasses.replace(a, attributions=atts))
    cont, label = out.attributions[1], out.attributions[2]
    assert cont.source is None and cont.speaker is not None and cont.speaker.name == "Lucia Fernandez"
    assert any("no source span; inferred" in e for e in cont.evidence)
    assert label.speaker is not None and label.speaker.name == "Morales"
