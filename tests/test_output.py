"""Output stays linear in the input and lean, and a record that cannot be written fails alone."""

from __future__ import annotations

import json

from conftest import SEED

from newslib import Analysis, ArticleFailure, analyze, read, read_text
from newslib.output import jsonl_line
from newslib.pipeline import analyze_many


def _ratio(items: list) -> float:
    out = sum(len(jsonl_line(analyze(a)).encode()) for a in items)
    return out / sum(len(a.text.encode()) for a in items)


def test_an_ordinary_article_gives_at_most_ten_times_its_text() -> None:
    """The seed, a real wire story (PolNeAR's dev file measures 7.8x; it was 27x and more)."""
    assert _ratio([read(SEED)]) <= 10


def test_a_speaker_with_thousands_of_quotes_is_written_once() -> None:
    """10,000 paragraphs of `Reyes said "hello`: one speaker with 10,000 mentions used to be embedded
    in each of its 10,000 attributions (10^8 spans, 24 GB)."""
    text = "\n\n".join(['Reyes said "hello'] * 2000)
    a = analyze(text)
    rec = json.loads(jsonl_line(a))
    assert len(a.attributions) >= 1999 and len(a.sources) == 1  # the first line may be read as a headline
    assert all(x["speaker"] == {"ref": "S1", "name": "Reyes", "person": "reyes"} for x in rec["attributions"])
    small = len(jsonl_line(analyze("\n\n".join(['Reyes said "hello'] * 200))))
    assert len(jsonl_line(a)) < 11 * small  # linear: 10x the input, ~10x the output


def test_unclosed_nested_quotes_do_not_repeat_their_text() -> None:
    text = 'He said "a ' * 3000
    line = jsonl_line(analyze(text))
    assert len(line) < 20 * len(text)


def test_the_lean_record_reads_back_whole() -> None:
    a = analyze(read(SEED))
    again = Analysis.from_dict(json.loads(jsonl_line(a)))
    assert again.attributions == a.attributions and again.sources == a.sources
    assert again.claims == a.claims and again.numbers == a.numbers and again.quotes == a.quotes
    assert all(
        x.speaker is next(s for s in again.sources if s.id == x.speaker.id) for x in again.attributions if x.speaker
    )


def _fails_on_b(analysis: Analysis) -> str:
    if analysis.id == "b":
        raise ValueError("cannot serialise this one")
    return analysis.id


def test_a_record_that_cannot_be_written_is_its_articles_error() -> None:
    arts = [read_text("Officials said the talks went well.", id=x) for x in "abc"]
    for jobs in (1, 2):
        out = list(analyze_many(arts, jobs=jobs, then=_fails_on_b))
        assert out[0] == "a" and out[2] == "c"
        assert isinstance(out[1], ArticleFailure) and "writing the result failed: ValueError" in out[1].message


def test_the_former_name_of_an_article_failure_still_imports() -> None:
    import newslib
    from newslib.model import ArticleError, ArticleFailure

    assert newslib.ArticleError is ArticleError is ArticleFailure is newslib.ArticleFailure
