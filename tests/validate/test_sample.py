"""newslib validate sample: a reproducible stratified sample written for Label Studio."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newslib.dataset import open_dataset
from newslib.dataset.writer import DatasetError
from newslib.evaluation import read_gold
from newslib.reading import ReadError
from newslib.validate import draw, write_sample
from newslib.validate.labelstudio import FIELDS, LABELS
from newslib.validate.sample import allocate


def test_allocation_is_proportional_by_largest_remainder_and_never_more_than_a_stratum_holds() -> None:
    assert allocate({"a": 50, "b": 30, "c": 20}, 10) == {"a": 5, "b": 3, "c": 2}
    assert allocate({"a": 5, "b": 4, "c": 1}, 3) == {"a": 2, "b": 1, "c": 0}
    assert allocate({"a": 2, "b": 100}, 50) == {"a": 1, "b": 49}
    assert allocate({"a": 2, "b": 3}, 99) == {"a": 2, "b": 3}


def test_the_same_seed_gives_the_same_files_and_every_outlet_is_sampled(dataset: Path, tmp_path: Path) -> None:
    one = write_sample(dataset, tmp_path / "one", n=6, stratify="publisher", seed=7)
    two = write_sample(dataset, tmp_path / "two", n=6, stratify="publisher", seed=7)
    assert one == two and one["strata"] == {"Harbour Gazette": 2, "Valley Courier": 2, "Wire Digest": 2}
    for name in one["files"]:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name
    other = draw(open_dataset(dataset), 6, "publisher", seed=8)
    assert [d.id for d in other] != [d.id for d in draw(open_dataset(dataset), 6, "publisher", seed=7)]


def test_month_strata_come_from_the_date_column(dataset: Path) -> None:
    drawn = draw(open_dataset(dataset), 4, "month", seed=1)
    assert sorted({d.stratum for d in drawn}) == ["2026-03", "2026-04"]
    assert all(d.stratum_size == 6 for d in drawn)


def test_tasks_config_guidelines_and_gold_template(dataset: Path, tmp_path: Path) -> None:
    write_sample(dataset, tmp_path, n=3, stratify="publisher", seed=0)
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    assert len(tasks) == 3
    for task in tasks:
        assert set(task) == {"data", "predictions"} and task["data"]["text"]
        result = task["predictions"][0]["result"]
        spans = [r for r in result if r["type"] == "labels"]
        assert spans and {r["value"]["labels"][0] for r in spans} <= set(LABELS)
        assert any(r["type"] == "relation" for r in result)
        assert {r["from_name"] for r in result if r["type"] in ("textarea", "choices")} <= set(FIELDS)
    root = ET.fromstring((tmp_path / "config.xml").read_text(encoding="utf-8"))
    assert {e.get("value") for e in root.iter("Label")} == set(LABELS)
    assert {e.get("name") for e in root.iter() if e.get("perRegion") == "true"} == set(FIELDS)
    assert "Content" in (tmp_path / "guidelines.md").read_text(encoding="utf-8")
    gold = read_gold(tmp_path / "gold_template.jsonl")
    assert [g["id"] for g in gold] == [t["data"]["article_id"] for t in tasks]
    assert all(isinstance(a["content"], list) and a["source_name"] is not None for g in gold for a in g["attributions"])


def test_a_corpus_changed_since_the_run_is_refused(dataset: Path, corpus: Path, tmp_path: Path) -> None:
    changed = tmp_path / "changed.jsonl"
    changed.write_text(corpus.read_text(encoding="utf-8").replace("“We have", "“We had"), encoding="utf-8")
    with pytest.raises(ReadError, match="input changed since the dataset was written"):
        write_sample(dataset, tmp_path / "out", n=2, seed=0, inputs=[str(changed)])
    missing = tmp_path / "missing.jsonl"
    missing.write_text('{"id": "other", "text": "Nothing here at all."}\n', encoding="utf-8")
    with pytest.raises(ReadError, match="not found in the inputs"):
        write_sample(dataset, tmp_path / "out", n=2, seed=0, inputs=[str(missing)])


def test_an_unknown_stratum_column_names_those_the_dataset_has(dataset: Path, tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no column 'outlet'.*publisher"):
        write_sample(dataset, tmp_path, n=2, stratify="outlet")
