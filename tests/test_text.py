"""The text layer: tokens, sentences and quotation regions."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES

from newslib import find_quotes, read_text, split_sentences, tokenize


def toks(text: str) -> list[str]:
    return [text[t.start : t.end] for t in tokenize(text)]


def sents(text: str) -> list[str]:
    art = read_text(text)
    return [text[s.start : s.end] for s in split_sentences(text, art.paragraphs)]


def quotes(text: str):
    art = read_text(text)
    return [(text[q.start : q.end], q.depth, q.closed, q.continued) for q in find_quotes(text, art.paragraphs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. said no.", ["The", "U.S.", "said", "no", "."]),
        ("Netanyahu’s office didn't", ["Netanyahu", "’s", "office", "did", "n't"]),
        ("1,200 people, 3.5% and 5-4.", ["1,200", "people", ",", "3.5%", "and", "5", "-", "4", "."]),
        ("a high-level COVID-19 talk", ["a", "high-level", "COVID-19", "talk"]),
        ("“We’re here,” she said", ["“", "We", "’re", "here", ",", "”", "she", "said"]),
        ("O'Neill's plan at 10:30", ["O'Neill", "'s", "plan", "at", "10:30"]),
        ("$1.5bn in the 1990s, 7th", ["$", "1.5", "bn", "in", "the", "1990s", ",", "7th"]),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert toks(text) == expected


def test_token_kinds() -> None:
    text = "“Yes,” 12 said."
    assert [t.kind for t in tokenize(text)] == ["quote", "word", "punct", "quote", "number", "word", "punct"]


def test_tricky_sentence_set_is_split_right() -> None:
    """The project's own tricky cases (scripts/measure_sentences.py reports the same figure)."""
    wrong = []
    for line in (FIXTURES / "sentences.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if sents(case["text"]) != case["sentences"]:
            wrong.append(case["text"])
    assert len(wrong) <= 1, wrong  # floor: at most one case of 53 (measured: all right)


def test_sentences_never_cross_paragraphs() -> None:
    text = "First line without a period\nSecond line. Third sentence."
    assert sents(text) == ["First line without a period", "Second line.", "Third sentence."]


def test_closing_quote_stays_with_its_sentence() -> None:
    assert sents("He called it “disastrous.” Then he left.") == ["He called it “disastrous.”", "Then he left."]


def test_quote_kinds() -> None:
    assert quotes('He said “yes” and ‘no’ and "maybe" and « oui ».') == [
        ("“yes”", 0, True, False),
        ("‘no’", 0, True, False),
        ('"maybe"', 0, True, False),
        ("« oui »", 0, True, False),
    ]


def test_nested_quote() -> None:
    assert quotes("“He told me ‘never again,’ and meant it,” she said.") == [
        ("“He told me ‘never again,’ and meant it,”", 0, True, False),
        ("‘never again,’", 1, True, False),
    ]


def test_apostrophes_are_not_quotes() -> None:
    assert quotes("The Joneses’ house and we’re in the ’90s, rock ’n’ roll.") == []


def test_quote_over_sentences() -> None:
    text = "“We are ready. We have been for weeks. Let them come,” he said."
    assert quotes(text) == [(text[: text.index("he said") - 1], 0, True, False)]


def test_quote_continued_over_paragraphs() -> None:
    text = "“We will fight this in court.\n\n“And we will win,” the mayor said."
    (q,) = find_quotes(text, read_text(text).paragraphs)
    assert (q.start, q.end, q.closed, q.continued) == (0, text.index(" the mayor"), True, True)


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "He said “we will see about that\n\nThe next paragraph."
    (q,) = find_quotes(text, read_text(text).paragraphs)
    assert text[q.start : q.end] == "“we will see about that" and not q.closed and not q.continued


def test_primes_used_as_quotes() -> None:
    assert quotes("He said ″no″ twice.") == [("″no″", 0, True, False)]


def test_news_punkt_decides_every_break_as_nltk_does():
    """The fast Punkt (``text._NewsPunkt``) re-implements NLTK's decisions for the project's
    parameters; it must give NLTK's own spans, so an NLTK upgrade that changes them fails here."""
    import random

    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from newslib.text import _punkt

    ours = _punkt()
    ref = PunktSentenceTokenizer(ours._params)
    lines = (FIXTURES / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines]
    seed = (FIXTURES.parent.parent / "seeds" / "000_bf35a3d7ff0db5a3.txt").read_text(encoding="utf-8")
    texts += seed.split("\n\n")
    rng = random.Random(7)
    words = [
        "U.S.",
        "Mr.",
        "Dr.",
        "J.",
        "said",
        "he",
        "The",
        "3.5",
        "1990s.",
        "no.",
        "etc.",
        "“Yes.”",
        "(AP)",
        "e.g.",
        "Gen.",
        "Jan.",
        "a.m.",
        "It",
        "...",
        "!",
        "?",
        "5.",
        "Inc.",
        "'No,'",
        "vs.",
        "St.",
        "i.e.",
        "the",
    ]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(3, 40))) for _ in range(400)]
    for t in texts:
        assert list(ours.span_tokenize(t)) == list(ref.span_tokenize(t)), t
