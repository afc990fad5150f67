"""Source resolution (newslib.sources.resolver): who each attribution is credited to, as a reader
lists it, and of what type: pronouns, nominals, spelling variants, relative pronouns, anonymity,
institutions, and speakers implied when the detector gives no source span.

The attributions are built by hand (tests/sources/articles.py), so these tests do not depend on
the detector.
"""

from __future__ import annotations

import dataclasses

from conftest import assert_offsets

from newslib import sources
from newslib.model import Analysis, Attribution, Span
from newslib.sources import identity

from .articles import att, base, by_source, span

# -- the seed ----------------------------------------------------------------------------------


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


# -- an invented article and short texts: pronouns, nominals, variants, implied speakers --------


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
    assert s["Critics"].type == "group" and s["Critics"].category == "unnamed_group" and s["Critics"].anonymous
    assert s["the Associated Press"].type == "agency" and s["the Associated Press"].name == "Associated Press"
    assert s["Canada"].type == "government"


def test_relative_pronoun_and_unresolved_pronoun() -> None:
    text = 'Senator Maria Olsen, who leads the budget panel, criticized the plan.\n\n"It is a mistake," they said.'
    a = base(text)
    atts = (
        att(text, "indirect", "who", "criticized", "the plan"),
        att(text, "direct", "they", "said", '"It is a mistake,"'),
    )
    out = sources.resolve(dataclasses.replace(a, attributions=atts))
    s = by_source(out)
    assert s["who"].name == "Maria Olsen" and s["who"].type == "official"
    they = out.attributions[1]  # no group to refer to: unresolved, never a speaker named "they"
    assert they.speaker is None and "they" not in s and any("left unresolved" in e for e in they.evidence)
    assert sources.profile(out)["unresolved_pronouns"] == 1


def test_which_refers_to_the_thing_before_it() -> None:
    text = "The mayor read the engineering literature, which found that the bridge was unsafe.\n"
    a = base(text)
    out = sources.resolve(
        dataclasses.replace(a, attributions=(att(text, "indirect", "which", "found", "that the bridge was unsafe"),))
    )
    assert "literature" in by_source(out)["which"].name


def test_speaker_inside_a_quote_and_groups() -> None:
    text = (
        "Shipping firms are worried, industry analysts said.\n\n"
        '"I think we will lose money," said Tomas Berg, chief executive of Nordline. '
        "He declined to give figures."
    )
    a = base(text)
    atts = (
        att(text, "indirect", "industry analysts", "said", "Shipping firms are worried"),
        att(text, "direct", "Tomas Berg, chief executive of Nordline", "said", '"I think we will lose money,"'),
        att(text, "indirect", "I", "think", "we will lose money"),
        att(text, "no_comment", "He", "declined to give figures", None),
    )
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
    assert all(
        x.speaker is not None
        or not x.source.text(seed_text).strip(" ,.;:—–-\"“”'‘’")
        or any("left unresolved" in e for e in x.evidence)
        for x in out.attributions
    )
    assert all(
        identity.junk_reason(x.speaker.name, x.speaker.category) is None
        for x in out.attributions
        if x.speaker is not None and x.speaker.type != "credit"
    )
    assert_offsets(out)
    assert len({s.id for s in out.sources}) == len(out.sources)


def test_places_transcript_names_and_common_words() -> None:
    text = (
        "Debate night\n\n"
        "Governor Mike Pence answered first.\n\n"
        "PENCE: We will cut taxes.\n\n"
        "New York said it would appeal. Investigations showed the plan had stalled."
    )
    a = base(text)
    atts = (
        att(text, "direct", "PENCE", ":", "We will cut taxes"),
        att(text, "indirect", "New York", "said", "it would appeal"),
        att(text, "indirect", "Investigations", "showed", "the plan had stalled"),
    )
    out = sources.resolve(dataclasses.replace(a, attributions=atts))
    s = by_source(out)
    assert s["PENCE"].name == "Mike Pence" and s["PENCE"].type == "official"
    assert s["New York"].type == "government" and s["New York"].name == "New York"
    assert s["Investigations"].type == "unknown"


def test_speaker_implied_when_the_detector_gives_no_source_span() -> None:
    text = (
        'Mayor Lucia Fernandez spoke at the pier on Monday. "The ferry stays," she said.\n\n'
        '"We will not sell it."\n\n'
        "MORALES: What about the fares?"
    )
    a = base(text)
    atts = (
        att(text, "direct", "she", "said", '"The ferry stays,"'),
        Attribution("direct", content=span(text, '"We will not sell it."')),
        Attribution("direct", cue=span(text, ":", "MORALES"), content=span(text, "What about the fares?")),
    )
    out = sources.resolve(dataclasses.replace(a, attributions=atts))
    cont, label = out.attributions[1], out.attributions[2]
    assert cont.source is None and cont.speaker is not None and cont.speaker.name == "Lucia Fernandez"
    assert any("no source span; inferred" in e for e in cont.evidence)
    assert label.speaker is not None and label.speaker.name == "Morales"


def test_a_bare_surname_says_whose_it_is_and_an_apposition_never_rides_along() -> None:
    """The source evidence names the rule that matched a bare surname (a typed field of the
    mention, not a word search in its last evidence entry): "the editor of …" holds "edit" but
    is no spelling rule, so a full name with that apposition says only its name."""
    text = (
        "Port news\n\nAna Lopez, the editor of the harbour gazette, said the pier will reopen in May.\n\n"
        "Later, Lopez said the ferry would be late.\n"
    )
    src = "Ana Lopez, the editor of the harbour gazette"
    atts = (
        att(text, "indirect", src, "said", "the pier will reopen in May"),
        att(text, "indirect", "Lopez", "said", "the ferry would be late", after="Later"),
    )
    full, bare = sources.resolve(dataclasses.replace(base(text), attributions=atts)).attributions
    assert full.speaker is bare.speaker and full.speaker.name == "Ana Lopez"
    assert full.evidence == ("source: name 'Ana Lopez' [S1]",)
    assert bare.evidence[-1].endswith("; surname of 'Ana Lopez' [S1]")
