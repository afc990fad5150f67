"""Duplicates by text: exact copies become ``duplicate``, near-copies get ``copy_of``, in input order."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from newslib.dedup import CopySettings, find_copies, signature, similarity, text_hash

WORDS = (
    "council harbour bridge budget minister vote school river police court hospital election mayor "
    "farmers storm market union teachers airport museum library railway energy prices housing water "
    "report plan decision protest company workers ministry village coast island festival"
).split()


def story(seed: int, sentences: int = 12) -> str:
    """A made-up article of plain English sentences, different for every seed."""
    rng = random.Random(seed)
    out = [f"The {rng.choice(WORDS)} {rng.choice(WORDS)} said on Monday."]
    for _ in range(sentences):
        a, b, c = rng.sample(WORDS, 3)
        out.append(f"The {a} and the {b} will meet the {c} next week, officials said of the {rng.choice(WORDS)}.")
    return "Headline about the " + rng.choice(WORDS) + "\n\n" + " ".join(out)


def _rows(texts: list[tuple[str, str]], status: str = "ok") -> list[tuple]:
    return [(i, f"f:{k}", status, text_hash(t), signature(t)) for k, (i, t) in enumerate(texts)]


def test_exact_copies_share_a_hash_whatever_case_spacing_and_unicode_form() -> None:
    a = story(1)
    assert text_hash(a) == text_hash("  " + a.upper().replace(" ", "\u00a0 ") + "\n")
    assert text_hash(a) != text_hash(a.replace("council", "counsel", 1) + " x")


def test_signatures_are_deterministic_and_estimate_similarity() -> None:
    a, b = story(1), story(2)
    assert signature(a) == signature(a) and len(signature(a) or b"") == 128 * 4
    assert similarity(signature(a), signature(a)) == 1.0
    assert similarity(signature(a), signature(b)) < 0.2
    assert signature("Too short to compare, she said.") is None


def test_exact_copy_is_a_duplicate_and_a_near_copy_is_marked_not_dropped() -> None:
    a = story(1)
    retitled = "A different headline entirely\n\n" + a.split("\n\n", 1)[1]
    trimmed = a[: int(len(a) * 0.8)]
    verdicts = list(
        find_copies(_rows([("a", a), ("b", story(2)), ("a-copy", a.upper()), ("re", retitled), ("trim", trimmed)]))
    )
    assert [v.duplicate_of for v in verdicts] == [None, None, "a", None, None]
    assert verdicts[2].reason.startswith("duplicate text of a (first at f:0)")
    assert [v.copy_of for v in verdicts] == [None, None, None, "a", "a"]
    assert 0.5 <= verdicts[3].copy_similarity < 1 and 0.5 <= verdicts[4].copy_similarity < 1


def test_ids_seen_before_and_errors() -> None:
    a, b = story(1), story(2)
    verdicts = list(find_copies([*_rows([("x", a), ("x", b)]), *_rows([("y", a)], status="error")]))
    assert verdicts[1].duplicate_of == "x" and verdicts[1].reason.startswith("duplicate id")
    assert verdicts[2].duplicate_of is None and verdicts[2].copy_of is None  # an error copies nothing


def test_the_first_of_a_family_is_the_one_copied_and_ties_go_to_the_earliest() -> None:
    a = story(3)
    near = a.replace("said on Monday", "said on Tuesday")
    verdicts = list(find_copies(_rows([("first", a), ("second", near), ("third", near + " More.")])))
    assert verdicts[1].copy_of == "first" and verdicts[2].copy_of in ("first", "second")
    settings = CopySettings(min_similarity=0.99)
    assert [v.copy_of for v in find_copies(_rows([("first", a), ("second", near)]), settings)] == [None, None]


@pytest.mark.slow
def test_dataset_columns_the_same_with_two_jobs_and_after_a_second_pass(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from newslib import InputOptions
    from newslib.dataset import analyze_corpus
    from newslib.dataset.writer import mark_duplicates

    a = story(5, 20)
    rows = [
        {"id": "a", "text": a},
        {"id": "b", "text": story(6, 20)},
        {"id": "c", "text": a.lower()},
        {"id": "d", "text": "Another headline\n\n" + a.split("\n\n", 1)[1]},
        {"id": "e", "text": story(7, 20)},
    ]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        analyze_corpus([corpus], out, jobs=jobs, options=InputOptions(part_articles=2))
        outs.append(out)
    table = pq.read_table(outs[0] / "articles").to_pandas().set_index("id")
    assert table.loc["c", "status"] == "duplicate" and table.loc["c", "duplicate_of"] == "a"
    assert table.loc["c", "attributions"] is None or table.loc["c", "attributions"] != table.loc["c", "attributions"]
    assert table.loc["d", "status"] == "ok" and table.loc["d", "copy_of"] == "a"
    assert 0.5 < table.loc["d", "copy_similarity"] < 1
    assert table[["copy_of"]].loc[["a", "b", "e"]].isna().all().all()
    before = {p.relative_to(outs[0]): p.read_bytes() for p in sorted(outs[0].rglob("part-*.parquet"))}
    assert before == {p.relative_to(outs[1]): p.read_bytes() for p in sorted(outs[1].rglob("part-*.parquet"))}
    mark_duplicates(outs[0], json.loads((outs[0] / "manifest.json").read_text())["meta"])  # as a resume does
    assert before == {p.relative_to(outs[0]): p.read_bytes() for p in sorted(outs[0].rglob("part-*.parquet"))}
