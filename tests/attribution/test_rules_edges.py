"""Content edges moved by the rules (newslib.attribution.edges): a quotation's lead-in."""

from __future__ import annotations

import pytest

from newslib.attribution.edges import extend_lead_in
from newslib.model import Attribution, Span


def _span(text: str, words: str) -> Span:
    s = text.index(words)
    return Span(s, s + len(words))


def _quote_after(text: str, quote: str, cue: str, src: str) -> Attribution:
    return Attribution("direct", content=_span(text, quote), cue=_span(text, cue), source=_span(text, src))


def test_a_lead_in_ending_with_a_comma_joins_the_quotation():
    text = "With hundreds of small wells, “there is no one point where the water fails,” she said."
    a = _quote_after(text, "“there is no one point where the water fails,”", "said", "she")
    (b,) = extend_lead_in(text, [(0, len(text))], [a])
    assert b.content.text(text) == "With hundreds of small wells, “there is no one point where the water fails,”"
    assert b.kind == "partial" and b.cue == a.cue and b.source == a.source


def test_an_interrupted_quotation_keeps_its_parts_with_the_lead_in_in_the_first():
    text = "After the floods, “the roads are gone,” Dobos said, “and the bridges too.”"
    q1, q2 = _span(text, "“the roads are gone,”"), _span(text, "“and the bridges too.”")
    a = Attribution(
        "direct",
        content=Span(q1.start, q2.end),
        cue=_span(text, "said"),
        source=_span(text, "Dobos"),
        content_parts=(q1, q2),
    )
    (b,) = extend_lead_in(text, [(0, len(text))], [a])
    assert [p.text(text) for p in b.content_parts] == ["After the floods, “the roads are gone,”", q2.text(text)]
    assert b.content == Span(0, q2.end) and b.kind == "partial"


@pytest.mark.parametrize(
    "text",
    [
        "Yet, “the price will not fall soon,” Dobos added.",  # a lone connective
        "Speaking to reporters on Monday, “we are not leaving,” Dobos said.",  # reports speech itself
        "His verdict: “the price will not fall soon,” Dobos added.",  # a colon, not a comma
        "“The price will not fall soon,” Dobos added.",  # no lead-in
    ],
)
def test_a_lead_in_that_is_no_writer_s_clause_is_left_out(text: str):
    quote = text[text.index("“") : text.index("”") + 1]
    cue = "added" if "added" in text else "said"
    a = _quote_after(text, quote, cue, "Dobos")
    assert extend_lead_in(text, [(0, len(text))], [a]) == [a]


def test_a_lead_in_holding_another_attribution_or_a_far_cue_is_left_out():
    text = "As the mayor warned, “the river will rise,” Dobos said."
    a = _quote_after(text, "“the river will rise,”", "said", "Dobos")
    other = Attribution("indirect", cue=_span(text, "warned"), source=_span(text, "the mayor"))
    assert extend_lead_in(text, [(0, len(text))], [a, other]) == [a, other]
    text = "In the old days, “waste not” thinking was common until she saw the bill."
    a = _quote_after(text, "“waste not”", "saw", "she")
    assert extend_lead_in(text, [(0, len(text))], [a]) == [a]


def test_the_engines_read_the_lead_in_as_part_of_the_quotation():
    from newslib import analyze, read_text
    from newslib.attribution import accurate_installed

    text = (
        "Across the valley, “nobody has seen a harvest this poor in forty years,” said Mirela Dobos.\n\n"
        "With hundreds of small wells, “there is no one point where the water fails,” she said.\n"
    )
    for engine in ("fast", "accurate"):
        if engine == "accurate" and not accurate_installed():
            pytest.skip("accurate extra not installed")
        contents = [a.content.text(text) for a in analyze(read_text(text), engine=engine).attributions if a.content]
        assert contents == [
            "Across the valley, “nobody has seen a harvest this poor in forty years,”",
            "With hundreds of small wells, “there is no one point where the water fails,”",
        ], engine


@pytest.mark.parametrize(
    ("text", "adjunct"),
    [
        ("The bill, she said, fails.", ""),
        ("The bill, she said then, fails.", " then"),
        ("The bill, she told me on Friday, fails.", " me on Friday"),
        ("The bill, she told The Daily Ledger, fails.", " The Daily Ledger"),
        ("The bill, she said in a June report, fails.", " in a June report"),
        ("The bill, she said earlier in the hearing, fails.", " earlier in the hearing"),
    ],
)
def test_a_short_time_or_occasion_after_a_reporting_cue_is_an_adjunct(text: str, adjunct: str):
    from newslib.attribution.edges import short_adjunct

    s = text.index(", fails") - len(adjunct)
    cue = "told" if "told" in text else "said"
    assert short_adjunct(text, s, text.index(", fails"), cue)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The bill, she attacked the mayor, fails.", "attacked"),  # an object, no adjunct
        ("The bill, she owned on Friday, fails.", "owned"),  # no reporting cue
        ("The bill, she said on a long and rainy Friday morning, fails.", "said"),  # too long
        ("The bill, she said after it was signed, fails.", "said"),  # a clause of its own
        ("The bill, she said on Friday, as it fails.", "said"),  # a clause hangs on the cue
        ("The bill fails, she said on Friday, in a bid to calm them.", "said"),  # so does a phrase
        ("The bill, she said), fails.", "said"),  # no words: only a bare cue is a parenthesis
        ("The bill, she said Friday she added, fails.", "said"),  # a second reporting clause
        ("The bill, she said in her book, “Far Shores.”", "said"),  # a title after the comma
    ],
)
def test_an_object_a_clause_or_a_title_is_no_adjunct(text: str, cue: str):
    from newslib.attribution.edges import short_adjunct

    s = text.index(cue) + len(cue)
    assert not short_adjunct(text, s, text.index(",", s), cue)


def test_the_engines_join_the_pieces_around_a_reporting_clause_with_an_adjunct():
    """ "A, he said then, B": one content in two parts, as with a bare "A, he said, B". The fast
    tagger (c2 4) takes "The real problem, the mayor" for the source of the first sentence, so the
    rule has no reporting clause to join around there: that sentence is checked with the accurate
    engine only, the second with both."""
    from newslib import analyze, read_text
    from newslib.attribution import accurate_installed

    text = (
        "The real problem, the mayor said then, was that the bridge had never been inspected.\n\n"
        "The delay, Okafor told reporters on Tuesday, came from a shortage of imported steel.\n"
    )
    for engine in ("fast", "accurate"):
        if engine == "accurate" and not accurate_installed():
            pytest.skip("accurate extra not installed")
        parts = [[p.text(text) for p in a.content_parts] for a in analyze(read_text(text), engine=engine).attributions]
        assert ["The delay", "came from a shortage of imported steel"] in parts, engine
        if engine == "accurate":
            assert parts == [["The real problem", "was that the bridge had never been inspected"], parts[1]]


def test_a_phrase_hanging_on_the_reporting_clause_is_not_a_second_piece():
    """ "A, officials said on Wednesday, in an attempt to …, Reuters reported": the content is A."""
    from newslib import analyze, read_text
    from newslib.attribution import accurate_installed

    text = (
        "The council has asked the utility to delay a vote on the new water rates that the mayor "
        "abruptly cancelled, officials said on Wednesday, in an apparent attempt to calm the dispute, "
        "Reuters reported.\n"
    )
    for engine in ("fast", "accurate"):
        if engine == "accurate" and not accurate_installed():
            pytest.skip("accurate extra not installed")
        atts = analyze(read_text(text), engine=engine).attributions
        said = [a for a in atts if a.cue is not None and a.cue.text(text) == "said"]
        assert len(said) == 1 and not said[0].content_parts, engine
        assert said[0].content.text(text).endswith("the mayor abruptly cancelled"), engine


def test_a_closed_quotation_ends_at_its_paragraph_on_the_side_of_its_cue():
    """The tagger's content ran over a paragraph break after a closed quotation: it keeps the
    side where its cue and source stand; a quotation left open at the break is not cut."""
    from newslib.attribution.edges import end_at_closed_paragraph
    from newslib.model import TAGGER

    text = (
        "Ruth Amsel recalled: “The mill fed the whole valley.”\n\n"
        "Varga Steel was a giant, Amsel added, until the 1990s.\n\n"
        "Lena Kos said: “The mill is closed.”\n\n"
        "The town voted on Monday. “Nobody did\n\n"
        "“and then the orders stopped,” Kos said.\n"
    )
    pars = [0, *(text.index(w) for w in ("Varga", "Lena", "The town", "“and then"))]

    def cut(content, cue, src):
        a = Attribution(
            "partial",
            content=_span(text, content),
            cue=_span(text, cue),
            source=_span(text, src),
            evidence=("crf:content",),
            origin=TAGGER,
        )
        return end_at_closed_paragraph(text, pars, a)

    tail = cut("“The mill fed the whole valley.”\n\nVarga Steel was a giant", "added", "Amsel added")
    assert tail.content.text(text) == "Varga Steel was a giant" and tail.kind == "indirect"
    head = cut("“The mill is closed.”\n\nThe town voted", "said:", "Lena Kos")
    assert head.content.text(text) == "“The mill is closed.”" and head.kind == "direct"
    open_quote = "“Nobody did\n\n“and then the orders stopped,”"
    assert cut(open_quote, "Kos said", "Kos said").content.text(text) == open_quote


def test_a_report_inside_an_opening_subordinate_clause_ends_at_the_clause_s_comma():
    """ "While the mayor insisted [that …], the council …": the content ends at the comma; a
    content that stops short of the sentence end, one after the clause's comma ("As she
    recalled, …"), a quotation and a sentence not opening with a subordinator are left alone."""
    from newslib.attribution.edges import end_at_subordinate_clause

    def cut(text: str, content: str, cue: str, kind: str = "indirect") -> str:
        a = Attribution(kind, content=_span(text, content), cue=_span(text, cue), source=_span(text, "Dobos"))
        b = end_at_subordinate_clause(text, [(0, len(text))], a)
        assert b.cue == a.cue and b.source == a.source
        return b.content.text(text)

    text = "While Dobos insisted that the bridge was safe, the council closed it on Friday."
    long = "that the bridge was safe, the council closed it on Friday"
    assert cut(text, long, "insisted") == "that the bridge was safe"
    text = "When Dobos was asked about the dam, the bridge and the roads, the council left."
    assert cut(text, "about the dam, the bridge and the roads", "asked") == "about the dam, the bridge and the roads"
    text = "As Dobos recalled, the bridge was safe, and the council agreed."
    assert cut(text, "the bridge was safe, and the council agreed", "recalled") == (
        "the bridge was safe, and the council agreed"
    )
    text = "Dobos insisted that the bridge was safe, and the council closed it."
    assert cut(text, "that the bridge was safe, and the council closed it", "insisted").endswith("closed it")
    text = "While Dobos insisted “the bridge, he said, is safe,” the council closed it."
    quote = "“the bridge, he said, is safe,” the council closed it"
    assert cut(text, quote, "insisted", "partial") == quote
