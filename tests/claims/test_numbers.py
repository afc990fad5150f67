"""Tests of finding numbers (newslib.claims.numbers): value, unit, hedge, bounds, kind, and what
is not a number (times, names, pronouns)."""

from __future__ import annotations

import pytest

from newslib import claims

from .build import analysis_of, numbers_of

# -- extraction -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "hedge", "bound", "kind"),
    [
        ("The deal is worth $1.2 billion to the city.", "$1.2 billion", 1.2e9, "USD", None, "exact", "quantity"),
        (
            "Officials said more than 32,000 Palestinians were killed.",
            "more than 32,000",
            32000,
            "people",
            "more than",
            "lower",
            "quantity",
        ),
        ("The court ruled in a 5-4 decision.", "5-4", 5, "votes", None, "exact", "score"),
        ("Rescuers found a dozen survivors.", "a dozen", 12, "people", None, "exact", "quantity"),
        ("Prices rose about 3 percent last year.", "about 3 percent", 3, "percent", "about", "approx", "quantity"),
        ("Turnout was 61% in the city.", "61%", 61, "percent", None, "exact", "quantity"),
        ("Up to 20 trucks crossed the border.", "Up to 20", 20, "count", "up to", "upper", "quantity"),
        ("Nearly 500 homes were damaged.", "Nearly 500", 500, "buildings", "nearly", "upper", "quantity"),
        ("The team spent two years on it.", "two years", 2, "years", None, "exact", "duration"),
        ("A 43-year-old man was arrested.", "43-year-old", 43, "years old", None, "exact", "quantity"),
        ("Between 10 and 20 people were hurt.", "Between 10 and 20", 10, "people", None, "range", "quantity"),
        ("Two-thirds of voters agreed.", "Two-thirds", 0.6666, "share", None, "exact", "quantity"),
        ("One in five adults smokes.", "One in five", 0.2, "share", None, "exact", "quantity"),
        ("Thousands of people marched.", "Thousands", 2000, "people", None, "vague", "quantity"),
        (
            "It was displaced more than a million people.",
            "more than a million",
            1e6,
            "people",
            "more than",
            "lower",
            "quantity",
        ),
        ("The blaze covered 18,500 acres by dawn.", "18,500 acres", 18500, "acres", None, "exact", "quantity"),
        ("Some 140 ships were waiting, or so we heard.", "Some 140", 140, "count", "some", "approx", "quantity"),
        ("Fares rose 25 cents.", "25 cents", 25, "USD_cents", None, "exact", "quantity"),
    ],
)
def test_quantity_extraction(
    text: str, span: str, value: float, unit: str, hedge: str | None, bound: str, kind: str
) -> None:
    nums = numbers_of(text)
    assert span in nums, nums
    n = nums[span]
    assert n.value == pytest.approx(value, rel=1e-3)
    assert (n.unit, n.hedge, n.bound, n.kind) == (unit, hedge, bound, kind)
    assert n.evidence  # every detection says which rules fired


def test_bounds_follow_the_hedge() -> None:
    nums = numbers_of("At least 41 died and nearly 90 were hurt; about 600 homes and 12 schools were hit.")
    assert (nums["At least 41"].lower, nums["At least 41"].upper) == (41, None)
    assert (nums["nearly 90"].lower, nums["nearly 90"].upper) == (None, 90)
    assert (nums["about 600"].lower, nums["about 600"].upper) == (None, None)
    assert (nums["12"].lower, nums["12"].upper) == (12, 12)


def test_counted_noun_span() -> None:
    text = "Rafah is home to more than a million displaced Palestinians."
    n = numbers_of(text)["more than a million"]
    assert n.counted is not None and text[n.counted.start : n.counted.end] == "displaced Palestinians"


@pytest.mark.parametrize(
    "phrase",
    [
        "October 7",
        "Wednesday",
        "next week",
        "last year",
        "10 a.m.",
        "3:30 p.m.",
        "2016",
        "Oct. 7, 2023",
        "March 2024",
        "two days ago",
        "the 1990s",
        "May",
        "tonight",
    ],
)
def test_time_expressions_are_not_quantities(phrase: str) -> None:
    text = {"May": "The vote was held in May.", "2016": "It happened in 2016."}.get(
        phrase, f"The vote happened {phrase} after all."
    )
    nums = claims.annotate(analysis_of(text)).numbers
    times = [text[n.start : n.end] for n in nums if n.kind == "time"]
    assert any(phrase.replace("the ", "") in t for t in times), (phrase, times)
    assert all(n.kind == "time" for n in nums)
    assert all(n.status == "context" for n in nums)


@pytest.mark.parametrize(
    "text",
    [
        "The council passed Resolution 2728 on a voice vote.",
        "COVID-19 spread fast.",
        "An F-16 flew over.",
        "One of the leaders spoke.",
        "No one was hurt.",
        "They remember 9/11 well.",
        "Route 9 was closed.",
        "The other two agreed with each other.",
        "She may visit soon.",
    ],
)
def test_names_pronouns_and_modals_are_not_numbers(text: str) -> None:
    assert [text[n.start : n.end] for n in claims.annotate(analysis_of(text)).numbers] == []


def test_a_year_with_a_plural_noun_is_a_count() -> None:
    nums = numbers_of("The army sent 2000 troops.")
    assert nums["2000"].kind == "quantity" and nums["2000"].unit == "people"
    assert numbers_of("It began in 2013 fellow doctors said.")["2013"].kind == "time"


def test_change_from_to_is_two_numbers_a_range_is_one() -> None:
    assert set(numbers_of("Passes rose from $90 to $100.")) == {"$90", "$100"}
    assert numbers_of("Estimates run from 10 to 20 people.").keys() == {"10", "20"}
    assert numbers_of("It will cost $500 to $2,000 each.")["$500 to $2,000"].upper == 2000
    wide = numbers_of("It could cost $30 million to $50 million.")["$30 million to $50 million"]
    assert (wide.lower, wide.upper, wide.bound) == (30e6, 50e6, "range")
    assert numbers_of("Between 3 and 5 million people fled.")["Between 3 and 5 million"].lower == 3e6
