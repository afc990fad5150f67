"""Label Studio tasks and exports (format level; the real server is test_labelstudio_server.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newslib.cli import main
from newslib.dataset import open_dataset
from newslib.validate import import_export, sample_records, to_task, validate
from newslib.validate.labelstudio import Offsets

TEXT = "Mayor Ann Lee said \U0001f600 “We will rebuild the bridge,” and officials said it would cost more."


def _export(tasks: list[dict[str, Any]], results: list[list[list[dict]]] | None = None) -> list[dict[str, Any]]:
    """An export whose annotations are the given results (default: each task's pre-annotations)."""
    out = []
    for i, task in enumerate(tasks):
        anns = results[i] if results else [task["predictions"][0]["result"]]
        out.append(
            {
                "id": 100 + i,
                "data": task["data"],
                "annotations": [
                    {"id": 10 * i + j, "completed_by": 1 + j, "result": r, "was_cancelled": False}
                    for j, r in enumerate(anns)
                ],
            }
        )
    return out


def _region(rid: str, label: str, start: int, end: int, text: str = TEXT) -> dict[str, Any]:
    js = Offsets(text)
    return {
        "id": rid,
        "from_name": "span",
        "to_name": "text",
        "type": "labels",
        "value": {"start": js.to_js(start), "end": js.to_js(end), "text": text[start:end], "labels": [label]},
    }


def _rel(a: str, b: str) -> dict[str, Any]:
    return {"from_id": a, "to_id": b, "type": "relation", "direction": "right", "labels": []}


def _at(part: str) -> tuple[int, int]:
    s = TEXT.index(part)
    return s, s + len(part)


def test_offsets_are_utf16_in_tasks_and_code_points_in_gold() -> None:
    quote = _at("“We will rebuild the bridge,”")
    rec = {
        "id": "a",
        "text": TEXT,
        "attributions": [
            {
                "kind": "direct",
                "content": dict(zip(("start", "end"), quote, strict=True)),
                "cue": dict(zip(("start", "end"), _at("said"), strict=True)),
                "source": dict(zip(("start", "end"), _at("Mayor Ann Lee"), strict=True)),
                "speaker": {"name": "Ann Lee", "category": "named_person", "type": "named_person", "gender": "female"},
            }
        ],
    }
    task = to_task(rec)
    content = next(
        r for r in task["predictions"][0]["result"] if r["type"] == "labels" and r["value"]["labels"] == ["Content"]
    )
    assert content["value"]["start"] == quote[0] + 1  # the emoji is two UTF-16 units
    [gold] = import_export(_export([task])).records
    [a] = gold["attributions"]
    assert (a["content"], a["source"], a["cue"]) == (list(quote), list(_at("Mayor Ann Lee")), list(_at("said")))
    assert (a["source_name"], a["speaker_category"], a["speaker_gender"], a["kind"]) == (
        "Ann Lee",
        "named_person",
        "female",
        "direct",
    )


def test_an_export_equal_to_the_pre_annotations_scores_the_engine_as_perfect(dataset: Path) -> None:
    ds = open_dataset(dataset)
    records = sample_records(ds, 5, "publisher", seed=2)
    imported = import_export(_export([to_task(r) for r in records]))
    assert imported.problems == []
    v = validate(imported.records, ds, resamples=200)
    figures = v.figures.set_index("figure")["value"]
    for name in (
        "content F1",
        "end-to-end F1",
        "speaker name accuracy",
        "speaker category accuracy",
        "speaker gender accuracy",
        "anonymous share (newslib - gold)",
        "agency dependence (newslib - gold)",
    ):
        assert figures[name] == pytest.approx(0.0 if " - " in name else 1.0), name
    corr = v.correction
    assert corr.loc["anonymous share", "by kind"] == pytest.approx(corr.loc["anonymous share", "corpus (newslib)"])
    assert corr.loc["agency dependence", "ratio"] == pytest.approx(corr.loc["agency dependence", "corpus (newslib)"])


def test_annotations_that_do_not_fit_are_reported_with_task_and_reason() -> None:
    task = {"data": {"text": TEXT, "article_id": "a"}}
    c, q, s = _at("“We will rebuild the bridge,”"), _at("said"), _at("Mayor Ann Lee")
    good = [
        _region("c", "Content", *c),
        _region("q", "Cue", *q),
        _region("s", "Source", *s),
        _rel("q", "c"),
        _rel("s", "c"),
    ]
    beyond = _region("x", "Content", 0, 3)
    beyond["value"].update(start=500, end=510)
    moved = _region("m", "Content", *_at("it would cost more"))
    moved["value"]["text"] = "something else"
    lonely = _region("o", "Source", *_at("officials"))
    export = _export(
        [task, {"data": {"text": TEXT, "article_id": "b"}}, {"data": {"text": TEXT, "article_id": "c"}}],
        [[good + [beyond, moved, lonely, _rel("zz", "c")]], [], [[]]],
    )
    export[2]["annotations"][0]["was_cancelled"] = True
    imported = import_export(export)
    assert [r["id"] for r in imported.records] == ["a"] and len(imported.records[0]["attributions"]) == 1
    reasons = [(p.task, p.article, p.reason) for p in imported.problems]
    assert any(t == 100 and "offsets 500-510 are not a span" in r for t, _, r in reasons)
    assert any("differs from the article's" in r for _, _, r in reasons)
    assert any("Source region o" in r and "tied to no content or cue" in r for _, _, r in reasons)
    assert any("relation zz -> c" in r for _, _, r in reasons)
    assert any(a == "b" and "no submitted annotation" in r for _, a, r in reasons)
    assert any(a == "c" and "cancelled" in r for _, a, r in reasons)


def test_discontinuous_content_and_a_cue_without_content() -> None:
    text = "“It is late,” she said. “We go now.” The firm declined to comment."
    first, second = (text.index("“It"), text.index("late,”") + 6), (text.index("“We"), text.index("now.”") + 5)
    result = [
        _region("a", "Content", *first, text=text),
        _region("b", "Content", *second, text=text),
        _region("q", "Cue", text.index("said"), text.index("said") + 4, text=text),
        _region("s", "Source", text.index("she"), text.index("she") + 3, text=text),
        _region("n", "Cue", text.index("declined"), text.index("declined") + 8, text=text),
        _region("f", "Source", text.index("The firm"), text.index("The firm") + 8, text=text),
        _rel("a", "b"),
        _rel("q", "a"),
        _rel("s", "a"),
        _rel("f", "n"),
        {
            "id": "f",
            "from_name": "speaker",
            "to_name": "text",
            "type": "textarea",  # a field on the source
            "value": {"start": text.index("The firm"), "end": text.index("The firm") + 8, "text": ["Globex Inc."]},
        },
    ]
    [gold] = import_export(_export([{"data": {"text": text, "article_id": "d"}}], [[result]])).records
    quote, refusal = gold["attributions"]
    assert quote["content"] == [first[0], second[1]] and quote["content_parts"] == [list(first), list(second)]
    assert quote["source_text"] == "she" and quote["kind"] in ("direct", "partial")
    assert refusal["content"] is None and refusal["cue_text"] == "declined" and refusal["source_text"] == "The firm"
    assert refusal["source_name"] == "Globex Inc." and quote["source_name"] == "she"


def test_two_annotators_are_kept_apart_and_agreement_is_measured(dataset: Path) -> None:
    ds = open_dataset(dataset)
    tasks = [to_task(r) for r in sample_records(ds, 3, seed=4)]
    results = [[t["predictions"][0]["result"], t["predictions"][0]["result"][:-3]] for t in tasks]
    imported = import_export(_export(tasks, results))
    assert all(r["annotator"] == "1" and r["other_annotations"][0]["annotator"] == "2" for r in imported.records)
    v = validate(imported.records, ds, resamples=100)
    [row] = v.agreement.to_dict("records")
    assert row["annotators"] == "1 / 2" and row["articles"] == 3 and 0.5 < row["content F1"] <= 1.0


def test_cli_sample_import_report(dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sample"
    assert (
        main(["validate", "sample", str(dataset), "-n", "4", "--stratify", "publisher", "--seed", "3", "-o", str(out)])
        == 0
    )
    tasks = json.loads((out / "tasks.json").read_text(encoding="utf-8"))
    (tmp_path / "export.json").write_text(json.dumps(_export(tasks)), encoding="utf-8")
    assert main(["validate", "import", str(tmp_path / "export.json"), "-o", str(tmp_path / "gold.jsonl")]) == 0
    assert main(["eval", str(tmp_path / "gold.jsonl"), "--json"]) == 0
    capsys.readouterr()
    assert (
        main(["validate", "report", str(tmp_path / "gold.jsonl"), "--dataset", str(dataset), "--resamples", "100"]) == 0
    )
    text = capsys.readouterr().out
    assert "content F1" in text and "women share (gold)" in text and "corrected" in text
    assert (
        main(
            [
                "validate",
                "report",
                str(tmp_path / "gold.jsonl"),
                "--dataset",
                str(dataset),
                "--json",
                "--resamples",
                "50",
            ]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["settings"]["articles"] == 4
    assert main(["validate", "import", str(tmp_path / "nope.json"), "-o", str(tmp_path / "g.jsonl")]) == 1
    assert "cannot read" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["validate", "sample", str(dataset), "-n", "0", "-o", str(out)])
    assert exc.value.code == 2


def test_report_names_gold_articles_the_dataset_lacks(
    dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": "not-in-the-corpus", "text": "Ann said no.", "attributions": []}) + "\n", encoding="utf-8"
    )
    assert main(["validate", "report", str(gold), "--dataset", str(dataset)]) == 1
    assert "1 gold articles are not analysed in the dataset (first: 'not-in-the-corpus')" in capsys.readouterr().err
    assert main(["validate"]) == 2
