"""The offset invariant, as a property: for any text, every span is a range of that exact text.

Random Unicode with every kind of quotation mark, newlines (\\n, \\r\\n, \\r), odd whitespace
(NBSP, tabs, zero-width, line separators) and punctuation goes through each reader; everything
the text layer produces must point back into the text the Article holds.
"""

from __future__ import annotations

import json

from conftest import assert_offsets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslib import Analysis, analyze, find_quotes, read_text, split_sentences, tokenize
from newslib.model import ArticleFailure
from newslib.reading import ReadError, read_bytes

PIECES = st.sampled_from(
    [
        "“",
        "”",
        "‘",
        "’",
        '"',
        "'",
        "«",
        "»",
        "„",
        "″",
        "`",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\t",
        "\u00a0",
        "\u200b",
        "\u2028",
        ". ",
        ".",
        ", ",
        "!",
        "?",
        ":",
        "—",
        "-",
        "U.S.",
        "Mr.",
        "No. 2",
        "1,200",
        "5-4.",
        "said",
        "she said",
        "according to",
        "Photo: AP",
        "The",
        "officials",
        "é",
        "ß",
        "中文",
        "😀",
        "(",
        ")",
        "...",
        "…",
    ]
)
TEXT = st.one_of(st.text(min_size=1, max_size=300), st.lists(PIECES, min_size=1, max_size=80).map("".join))

CONFIG = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@CONFIG
@given(TEXT)
def test_text_layer_spans_point_into_the_text(text: str) -> None:
    if not text.strip():
        return
    art = read_text(text)
    assert art.text is text
    for p in art.paragraphs:
        assert p.start < p.end and not text[p.start : p.end].isspace()
    sents = split_sentences(text, art.paragraphs)
    toks = tokenize(text)
    quotes = find_quotes(text, art.paragraphs)
    assert_offsets(Analysis(art, tuple(sents), tuple(toks), tuple(quotes)))
    # every non-space character of a speech paragraph is covered by a token or is punctuation-free
    covered = {i for t in toks for i in range(t.start, t.end)}
    for i, ch in enumerate(text):
        if ch.isalnum():
            assert i in covered, (i, ch)


@CONFIG
@given(TEXT)
def test_full_analysis_round_trips(text: str) -> None:
    if not text.strip():
        return
    a = analyze(read_text(text))
    assert_offsets(a)
    assert Analysis.from_dict(json.loads(json.dumps(a.to_dict(tokens=True)))) == a


@CONFIG
@given(TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_every_encoding_reads_the_same_text(text: str, encoding: str) -> None:
    """UTF-16 without a BOM is a heuristic (tested on real prose in test_reading), not a property."""
    if not text.strip() or "\x00" in text or text.startswith("\ufeff"):
        return
    (item,) = list(read_bytes(text.encode(encoding), "t.txt", kind="text"))
    if isinstance(item, ArticleFailure):  # control-character soup is refused as binary: fine
        assert "binary" in item.message or "empty" in item.message
        return
    assert item.text == text


@CONFIG
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_jsonl_reader_keeps_text_exact(texts: list[str]) -> None:
    data = "\n".join(json.dumps({"id": str(i), "text": t}) for i, t in enumerate(texts)).encode()
    items = list(read_bytes(data, "c.jsonl", kind="jsonl"))
    assert len(items) == len(texts)
    for t, item in zip(texts, items, strict=True):
        if isinstance(item, ArticleFailure):
            assert not t.strip() or "binary" in item.message
        else:
            assert item.text == t


HOSTILE = st.text(
    alphabet=st.characters(
        codec=None, categories=("Cs", "Cc", "Cf", "Zl", "Zp", "Zs", "Lu", "Ll", "Po", "Pi", "Pf", "Nd")
    ),
    min_size=1,
    max_size=200,
)
"""Random Unicode with lone surrogates (Cs), control characters (Cc), bidi and other format
characters (Cf: U+202E, U+2066…), separators, letters, quotes and digits."""


def _engines() -> list[str]:
    from newslib.attribution import accurate_installed

    return ["fast", "accurate"] if accurate_installed() else ["fast"]


@CONFIG
@given(
    st.one_of(HOSTILE, st.lists(st.one_of(HOSTILE, PIECES), min_size=1, max_size=40).map("".join)),
    st.sampled_from(["fast", "accurate"]),
)
def test_any_text_is_analysed_or_refused_with_the_projects_own_error(text: str, engine: str) -> None:
    if engine not in _engines():
        return
    try:
        a = analyze(text, engine=engine)
    except ReadError as exc:
        assert "\n" not in str(exc)
        return
    assert_offsets(a)
    json.dumps(a.to_dict()).encode("utf-8")  # whatever was analysed can be written
