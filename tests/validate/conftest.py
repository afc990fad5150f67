"""A small invented corpus in three outlets and two months, analysed into a dataset once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

OUTLETS = ("Harbour Gazette", "Valley Courier", "Wire Digest")
PEOPLE = (("Marta Olsen", "she"), ("Tom Reyes", "he"), ("Ingrid Vale", "she"), ("Peter Amsel", "he"))


def article(i: int) -> dict:
    """One invented article: a named person quoted, an anonymous official, a wire credit in some,
    an emoji (outside the Basic Multilingual Plane) in others."""
    name, pron = PEOPLE[i % len(PEOPLE)]
    outlet = OUTLETS[i % len(OUTLETS)]
    emoji = " \U0001f600" if i % 4 == 0 else ""
    credit = "HARBOURTON (Reuters) - " if i % 3 == 2 else ""
    text = (
        f"Council weighs plan number {i}\n\n"
        f"{credit}The town council will vote on plan {i} next week, officials said on Monday.{emoji}\n\n"
        f"“We have waited long enough for this,” said {name}, who chairs the residents' group. "
        f"“The river is rising every spring.”\n\n"
        f"A council official, who asked not to be named, said the vote was likely to pass.\n\n"
        f"{name} said {pron} would attend the meeting with neighbours."
    )
    return {
        "id": f"art-{i:02d}",
        "text": text,
        "meta": {"publisher": outlet, "publication_date": f"2026-0{3 + i % 2}-1{i % 10}"},
    }


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("validate-corpus") / "corpus.jsonl"
    path.write_text("".join(json.dumps(article(i), ensure_ascii=False) + "\n" for i in range(12)), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def dataset(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newslib.dataset import analyze_corpus

    out = tmp_path_factory.mktemp("validate-dataset") / "ds"
    analyze_corpus([str(corpus)], out)
    return out
