"""newslib.evaluation reproduces the reference scorer's figures and lists errors by kind; its gold
reader refuses a malformed or empty gold file with one error naming the file and line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newslib import cli
from newslib.attribution.training import read_training_data
from newslib.evaluation import evaluate, format_report, iter_gold, overlap, predict, read_gold, score
from newslib.reading import ReadError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "attribution"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "gold" / "score.py"  # ../shared beside the repo

TEXT = "Officials said the plan would fail. “It is dead,” she said. No comment from the mayor."


def _gold(atts):
    return [{"id": "d", "text": TEXT, "attributions": atts}]


def test_overlap_is_token_share_of_larger_span():
    assert overlap(TEXT, (15, 34), (15, 34)) == 1.0
    assert overlap(TEXT, (15, 34), (19, 34)) == pytest.approx(3 / 4)
    assert overlap(TEXT, (15, 34), None) == 0.0


def test_score_matches_by_hand():
    gold = _gold(
        [
            {"kind": "indirect", "source": [0, 9], "cue": [10, 14], "content": [15, 34], "source_name": "Officials"},
            {"kind": "direct", "source": [50, 53], "cue": [54, 58], "content": [36, 49], "source_name": "Jo"},
        ]
    )
    preds = {
        "d": {
            "attributions": [
                {
                    "kind": "indirect",
                    "content": {"start": 19, "end": 34},
                    "cue": {"start": 10, "end": 14},
                    "source": {"start": 0, "end": 9},
                },
                {
                    "kind": "direct",
                    "content": {"start": 36, "end": 49},
                    "cue": None,
                    "source": None,
                    "speaker": {"name": "Anna She"},
                },
                {"kind": "indirect", "content": {"start": 60, "end": 86}, "cue": None, "source": None},
            ]
        }
    }
    r = score(gold, preds)
    assert (r["gold"], r["pred"], r["match"]) == (2, 3, 2)
    assert r["content_p"] == pytest.approx(2 / 3) and r["content_r"] == 1.0
    assert r["exact_f1"] == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5))
    assert r["source_acc"] == 0.5  # "Jo" is too short a name to share a word
    assert r["cue_acc"] == 0.5
    assert r["recall_by_kind"]["direct"] == "1/1 matched, 0 with source"
    assert [e["text"] for e in r["errors"]["false_alarms"]["indirect"]] == ["No comment from the mayor."]


def test_report_formats():
    gold = _gold([{"kind": "indirect", "source": None, "cue": [10, 14], "content": [15, 34]}])
    r = score(gold, {})
    out = format_report(r)
    assert "content" in out and "indirect" in out and "misses" in out


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference scorer not available")
def test_same_figures_as_reference_scorer(tmp_path):
    gold_path = FIXTURES / "articles.jsonl"
    preds = predict(gold_path)
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds), encoding="utf-8")
    ref = json.loads(
        subprocess.run(
            [sys.executable, str(REFERENCE), str(gold_path), str(pred_path), "--by-kind"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    ours = evaluate(gold_path)
    for k, v in ref.items():
        assert ours[k] == (pytest.approx(v) if isinstance(v, float) else v), k


# -- the gold reader: a malformed or empty gold file is one ReadError naming the file and line -----

GOOD = {
    "id": "a",
    "text": TEXT,
    "attributions": [
        {"kind": "indirect", "source": [0, 9], "cue": [10, 14], "content": [15, 34], "source_name": "Officials"}
    ],
}


def _att(**spans):
    return {
        "id": "b",
        "text": TEXT,
        "attributions": [{"kind": "indirect", "source": None, "cue": [10, 14], "content": [15, 34], **spans}],
    }


# (second line of the file, words the message must hold); the first line is a good record
BAD_LINES = {
    "malformed JSON": (b'{"id": "b", "text": ', "malformed JSON"),
    "not an object": (b'["b", "text"]', "expected a JSON object, got list"),
    "no id": (json.dumps({"text": TEXT, "attributions": []}).encode(), "no 'id' field"),
    "no text": (json.dumps({"id": "b", "attributions": []}).encode(), "no 'text' field"),
    "no attributions": (json.dumps({"id": "b", "text": TEXT}).encode(), "no 'attributions' field"),
    "id not a string": (json.dumps({"id": 7, "text": TEXT, "attributions": []}).encode(), "'id' must be a string"),
    "text not a string": (
        json.dumps({"id": "b", "text": ["x"], "attributions": []}).encode(),
        "'text' must be a string",
    ),
    "attributions not a list": (
        json.dumps({"id": "b", "text": TEXT, "attributions": {"kind": "direct"}}).encode(),
        "'attributions' must be a list, got dict",
    ),
    "attribution not an object": (
        json.dumps({"id": "b", "text": TEXT, "attributions": [[15, 34]]}).encode(),
        "attribution 0: expected a JSON object",
    ),
    "span not a pair": (json.dumps(_att(content=[15])).encode(), "'content' must be a [start, end] pair"),
    "span of strings": (json.dumps(_att(cue=["10", "14"])).encode(), "'cue' must be a [start, end] pair"),
    "span of floats": (json.dumps(_att(source=[0.0, 9.0])).encode(), "'source' must be a [start, end] pair"),
    "span past the text": (json.dumps(_att(content=[15, 999])).encode(), "not a span of the text"),
    "span reversed": (json.dumps(_att(content=[34, 15])).encode(), "not a span of the text"),
    "span negative": (json.dumps(_att(cue=[-1, 14])).encode(), "not a span of the text"),
    "content part past the text": (json.dumps(_att(content_parts=[[15, 20], [80, 200]])).encode(), "content_parts[1]"),
    "kind not a string": (json.dumps(_att(kind=["direct"])).encode(), "'kind' must be a string"),
    "undecodable bytes": (b'{"id": "b", "text": "caf\xe9", "attributions": []}', "undecodable bytes"),
    "duplicate id": (json.dumps({**GOOD, "attributions": []}).encode(), "duplicate id 'a' (first on line 1)"),
}


def _bad_gold(tmp_path: Path, line: bytes) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(json.dumps(GOOD).encode() + b"\n" + line + b"\n")
    return path


def _one_error_line(capsys) -> str:
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_read_gold_rejects_malformed_line_with_file_and_line(tmp_path, case):
    line, words = BAD_LINES[case]
    path = _bad_gold(tmp_path, line)
    with pytest.raises(ReadError) as info:
        read_gold(path)
    assert info.value.origin == f"{path}:2"
    assert words in info.value.message
    assert str(info.value) == f"{path}:2: {info.value.message}"


@pytest.mark.parametrize("case", sorted(BAD_LINES))
def test_eval_cli_malformed_gold_is_one_line_naming_file_and_line(tmp_path, capsys, case):
    line, words = BAD_LINES[case]
    path = _bad_gold(tmp_path, line)
    assert cli.main(["eval", str(path)]) == 1
    err = _one_error_line(capsys)
    assert f"{path}:2: " in err and words in err


@pytest.mark.parametrize("content", [b"", b"\n  \n\n"], ids=["empty", "blank lines"])
def test_eval_cli_empty_gold_is_an_error_not_f1_zero(tmp_path, capsys, content):
    path = tmp_path / "gold.jsonl"
    path.write_bytes(content)
    with pytest.raises(ReadError, match="empty gold file"):
        evaluate(path)
    assert cli.main(["eval", str(path)]) == 1
    err = _one_error_line(capsys)
    assert f"{path}: empty gold file (no articles)" in err


def test_read_gold_accepts_bom_crlf_blank_lines_and_null_spans(tmp_path):
    path = tmp_path / "gold.jsonl"
    other = {
        "id": "b",
        "text": TEXT,
        "attributions": [
            {
                "kind": "no_comment",
                "source": None,
                "cue": [60, 70],
                "content": None,
                "source_name": None,
                "content_parts": [[60, 62], [63, 70]],
            }
        ],
    }
    path.write_bytes(
        b"\xef\xbb\xbf"
        + json.dumps(GOOD).encode()
        + b"\r\n\r\n"
        + json.dumps(other, ensure_ascii=False).encode()
        + b"\r\n"
    )
    assert read_gold(path) == [GOOD, other]
    assert [g["id"] for g in iter_gold(path)] == ["a", "b"]


def test_read_gold_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(ReadError, match="cannot read"):
        read_gold(tmp_path / "nope.jsonl")


def test_predict_in_chunks_keeps_records_with_raw_line_separators(tmp_path):
    # U+2028 and U+0085 may stand raw in a JSON string; str.splitlines would cut the record there
    text = "Officials said the plan would fail.\u2028 It is dead, she said.\x85 No comment."
    path = tmp_path / "gold.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"d{i}", "text": text, "attributions": []}, ensure_ascii=False) + "\n" for i in range(3)
        ),
        encoding="utf-8",
    )
    assert [p["id"] for p in predict(path, jobs=2)] == ["d0", "d1", "d2"]


# -- training reads gold through the same reader (it fails before any training starts) ----------


@pytest.mark.parametrize("case", ["malformed JSON", "no attributions", "span past the text", "undecodable bytes"])
def test_train_cli_malformed_gold_is_one_line_naming_file_and_line(tmp_path, capsys, case):
    line, words = BAD_LINES[case]
    path = _bad_gold(tmp_path, line)
    assert cli.main(["train", str(path), "-o", str(tmp_path / "m.crfsuite")]) == 1
    err = _one_error_line(capsys)
    assert f"{path}:2: " in err and words in err
    assert not list(tmp_path.glob("m.*"))


def test_train_cli_empty_gold_is_an_error(tmp_path, capsys):
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"\n")
    assert cli.main(["train", str(path), "-o", str(tmp_path / "m.crfsuite")]) == 1
    assert f"{path}: empty gold file (no articles)" in _one_error_line(capsys)


def test_training_data_names_an_article_the_reader_refuses(tmp_path):
    # valid gold, but the article reader refuses a text line of over 100,000 characters
    long = {"id": "b", "text": "word " * 25_000, "attributions": []}
    path = _bad_gold(tmp_path, json.dumps(long).encode())
    with pytest.raises(ReadError) as info:
        read_training_data(path)
    assert info.value.origin == f"{path}:2"
    golds, articles = read_training_data(_bad_gold(tmp_path, json.dumps({**long, "text": TEXT}).encode()))
    assert [g["id"] for g in golds] == [a.id for a in articles] == ["a", "b"]


# -- training on more gold files (--extra): each article repeated, each file recorded ------------


def _gold_file(path: Path, texts: list[str]) -> Path:
    recs = []
    for i, t in enumerate(texts):
        s = t.index(" said ")
        recs.append(
            {
                "id": f"{path.stem}{i}",
                "text": t,
                "attributions": [
                    {"kind": "indirect", "source": [0, s], "cue": [s + 1, s + 5], "content": [s + 6, len(t) - 1]}
                ],
            }
        )
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


def test_fast_training_learns_from_extra_gold_files_repeated(tmp_path):
    from newslib.attribution.fast.train import train

    gold = _gold_file(tmp_path / "news.jsonl", [f"Officials said the plan number {n} would fail." for n in range(6)])
    extra = _gold_file(tmp_path / "web.jsonl", ["The mayor said the bridge will close for a month."])
    small = {"clusters": 2, "cluster_contexts": 5, "cluster_min_freq": 1, "max_iterations": 5, "extra_repeat": 2}
    alone = train(gold, tmp_path / "a" / "m.crfsuite", overrides=small)
    both = train(gold, tmp_path / "b" / "m.crfsuite", overrides=small, extra=[extra])
    assert [d["file"] for d in both["training_data"]] == ["news.jsonl", "web.jsonl"]
    assert [d["repeat"] for d in both["training_data"]] == [1, 2]
    assert both["training_data"][1]["tokens"] == 11 and both["training_data"][1]["articles"] == 1
    assert both["training_data"][0] == alone["training_data"][0]
    # the vocabulary is the first file's alone; the CRF learned from the extra sentences too
    assert (tmp_path / "a" / "m.vocab.json").read_bytes() == (tmp_path / "b" / "m.vocab.json").read_bytes()
    assert alone["model_sha256"] != both["model_sha256"]


def test_train_cli_names_a_missing_extra_file(tmp_path, capsys):
    gold = _gold_file(tmp_path / "news.jsonl", ["Officials said the plan would fail."])
    missing = tmp_path / "nope.jsonl"
    assert cli.main(["train", str(gold), "-o", str(tmp_path / "m.crfsuite"), "--extra", str(missing)]) == 1
    assert f"{missing}: no such file" in _one_error_line(capsys)
