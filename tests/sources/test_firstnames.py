"""First name → gender from the bundled lexicon (newslib.sources.firstnames)."""

from __future__ import annotations

import pytest

from newslib.sources import firstnames
from newslib.sources.firstnames import THRESHOLD, name_gender


@pytest.mark.parametrize("name", ["Mary", "Hillary", "Elizabeth", "Angela", "Fatima", "Priyanka", "Ngozi", "Ursula"])
def test_female_names(name: str) -> None:
    assert name_gender(name)[0] == "female"


@pytest.mark.parametrize("name", ["John", "Donald", "Barack", "Mohammed", "Rahul", "Kwame", "Volodymyr", "Jean-Pierre"])
def test_male_names(name: str) -> None:
    assert name_gender(name)[0] == "male"


@pytest.mark.parametrize("name", ["Taylor", "Jamie", "Robin", "Kim", "Andrea", "Jordan", "Jean", "Casey", "Morgan"])
def test_unisex_names_fall_below_the_threshold(name: str) -> None:
    assert name_gender(name) is None
    assert firstnames.lookup(name) is not None  # known to the lexicon, just not decisive


def test_probability_is_that_of_the_gender_given() -> None:
    gender, p = name_gender("Mary")
    assert gender == "female" and 0.5 < THRESHOLD <= p <= 1
    gender, p = name_gender("John")
    assert gender == "male" and 0.5 < p <= 1
    assert firstnames.lookup("Taylor")[1] > 0.5  # the more likely gender, whatever the threshold


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("MARY", "Mary"),
        ("  john ", "John"),
        ("José", "Jose"),
        ("Søren", "Soren"),
        ("Zoë", "Zoe"),
        ("Ségolène", "Segolene"),
        ("Małgorzata", "Malgorzata"),
        ("JÜRGEN", "Jurgen"),
    ],
)
def test_case_and_diacritics_do_not_matter(variant: str, plain: str) -> None:
    assert name_gender(variant) == name_gender(plain) is not None


def test_hyphenated_names_whole_then_first_part() -> None:
    assert name_gender("Marie-Claire")[0] == "female"
    assert name_gender("Mary-Xqzzv")[0] == "female"  # unknown whole: its first part
    assert name_gender("Jean-") is None


@pytest.mark.parametrize(
    "odd", ["", " ", "J.", "J", "J.R.", "-", "--", "12", "!!", "Xqzzvw", "\t\n", "\u200b", "李", None, 42, b"Mary"]
)
def test_odd_input_gives_none_and_never_raises(odd) -> None:
    assert name_gender(odd) is None


def test_deterministic_and_loaded_once() -> None:
    assert [name_gender("Andrea"), name_gender("Mary")] == [name_gender("Andrea"), name_gender("Mary")]
    assert firstnames._lexicon() is firstnames._lexicon()
    assert firstnames._lexicon.cache_info().misses <= 1
