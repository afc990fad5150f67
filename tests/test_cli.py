"""The command line, run as a user runs it: a subprocess, one-line errors, exit codes, outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED

from newslib import Analysis

SCORER = ROOT.parent / "shared" / "gold" / "score.py"


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newslib.cli", *args], input=stdin, capture_output=True, cwd=cwd, timeout=300
    )


def one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    err = proc.stderr.decode()
    assert "Traceback" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    for n in needles:
        assert n in lines[0], (n, lines[0])
    return lines[0]


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("bad")
    files = {
        "empty": d / "empty.txt",
        "binary": d / "binary.txt",
        "undecodable": d / "undecodable.txt",
        "huge": d / "huge.txt",
        "longline": d / "longline.txt",
        "malformed": d / "malformed.jsonl",
        "notext": d / "notext.jsonl",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 50)
    files["undecodable"].write_bytes(bytes(range(128, 256)) * 40)
    with files["huge"].open("wb") as fh:
        para = ("The council said the budget would pass. " * 20 + "\n\n").encode()
        while fh.tell() < 50_000_000:
            fh.write(para * 100)
    files["longline"].write_text("word " * 40_000, encoding="utf-8")
    files["malformed"].write_text('{"id": "a", "text": "Fine, he said."}\n{"id": "b", "text": \n', encoding="utf-8")
    files["notext"].write_text('{"id": "a", "body": "Where is the text?"}\n', encoding="utf-8")
    (d / "emptydir").mkdir()
    files["emptydir"] = d / "emptydir"
    return files


@pytest.mark.parametrize(
    ("name", "needles"),
    [
        ("missing", ["no-such-file.txt", "no such file"]),
        ("empty", ["empty.txt", "empty file"]),
        ("binary", ["binary.txt", "binary"]),
        ("undecodable", ["undecodable.txt", "undecodable bytes"]),
        ("huge", ["huge.txt", "MB", "limit"]),
        ("longline", ["longline.txt", "200,000 characters"]),
        ("malformed", ["malformed.jsonl:2", "malformed JSON"]),
        ("notext", ["notext.jsonl:1", "no 'text' field"]),
        ("emptydir", ["emptydir", "no articles"]),
    ],
)
def test_bad_input_gives_one_line_and_exit_1(bad: dict[str, Path], name: str, needles: list[str]) -> None:
    path = str(bad[name]) if name in bad else "no-such-file.txt"
    proc = run("analyze", path, "--format", "jsonl")
    one_line_error(proc, *needles)
    assert proc.returncode == 1


def test_batch_goes_on_past_a_bad_article(bad: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    proc = run("analyze", str(bad["empty"]), str(SEED), str(bad["malformed"]), "--format", "jsonl", "-o", str(out))
    assert proc.returncode == 1
    assert len(proc.stderr.decode().strip().splitlines()) == 2
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r.get("error", "ok")[:5] for r in recs] == ["empty", "ok", "ok", "malfo"]
    assert recs[1]["id"] == "000_bf35a3d7ff0db5a3" and recs[2]["id"] == "a"


def test_usage_errors_exit_2() -> None:
    assert run("analyze").returncode == 2
    assert run("analyze", str(SEED), "--format", "xml").returncode == 2
    proc = run("analyze", str(SEED), "--format", "parquet")
    assert proc.returncode == 2 and "-o" in proc.stderr.decode()
    assert run("analyze", str(SEED), "--jobs", "0").returncode == 2
    for bad_setting, needle in (
        ("min_score", "KEY=VALUE"),
        ("min_scor=0.5", "unknown attribution setting"),
        ("min_score=high", "takes a float"),
        ("segment=word", "segment"),
    ):
        proc = run("analyze", str(SEED), "--set", bad_setting)
        assert proc.returncode == 2 and needle in proc.stderr.decode(), (bad_setting, proc.stderr)
    proc = run("analyze", str(SEED), "--engine", "nope")
    assert proc.returncode == 2 and "unknown engine 'nope' (choose from fast, accurate, auto)" in proc.stderr.decode()


def test_version_and_help() -> None:
    assert run("--version").stdout.decode().startswith("newslib ")
    assert "examples:" in run("analyze", "--help").stdout.decode()


def test_jsonl_shape_from_stdin() -> None:
    proc = run("analyze", "-", "--format", "jsonl", stdin=SEED.read_bytes())
    assert proc.returncode == 0, proc.stderr
    (rec,) = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    text = SEED.read_text(encoding="utf-8")
    assert rec["text"] == text and isinstance(rec["attributions"], list) and rec["schema"] == 3
    for key in ("paragraphs", "sentences", "quotes"):  # offsets only: no record repeats the text
        for item in rec[key]:
            assert 0 <= item["start"] < item["end"] <= len(text) and "text" not in item
    for a in rec["attributions"]:  # an attribution's own spans carry their text, checked on reading
        assert all(text[s["start"] : s["end"]] == s["text"] for s in (a["content"], a["cue"], a["source"]) if s)
        assert a["speaker"] is None or {"ref", "name"} <= set(a["speaker"]) <= {"ref", "name", "person", "gender"}
    assert Analysis.from_dict(rec).attributions[0].speaker.name == "Reuters"
    assert {"caption", "credit", "subheading", "noise"} <= {p["role"] for p in rec["paragraphs"]}


def test_table_csv_parquet(tmp_path: Path) -> None:
    table = run("analyze", str(SEED)).stdout.decode()
    assert "000_bf35a3d7ff0db5a3" in table and "credit: Photo: Miriam Alster" in table
    csv = run("analyze", str(SEED), "--format", "csv").stdout.decode()
    assert csv.splitlines()[0].startswith("id,origin,engine")
    out = tmp_path / "dataset"
    assert run("analyze", str(SEED), "--format", "parquet", "-o", str(out)).returncode == 0
    import pandas as pd

    assert pd.read_parquet(out / "articles")["id"].iloc[0] == "000_bf35a3d7ff0db5a3"


def test_a_setting_given_on_the_command_line_reaches_the_workers() -> None:
    def scores(*extra: str) -> list[float]:
        proc = run("analyze", str(SEED), str(SEED), "--format", "jsonl", "--jobs", "2", *extra)
        assert proc.returncode == 0, proc.stderr
        recs = [json.loads(x) for x in proc.stdout.decode().splitlines()]
        return [a["score"] for r in recs for a in r["attributions"] if a["kind"] != "no_comment"]

    default, strict = scores(), scores("--set", "min_score=0.8")
    assert min(default) < 0.8 <= min(strict) and len(strict) < len(default)


def test_jobs_give_the_same_output_in_order(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"a{i}", "text": f"Officials said on day {i} that talks went well."}) for i in range(20)]
    f = tmp_path / "c.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = run("analyze", str(f), "--format", "jsonl").stdout
    two = run("analyze", str(f), "--format", "jsonl", "--jobs", "2").stdout
    assert one == two and len(one.splitlines()) == 20


@pytest.mark.skipif(not SCORER.exists(), reason="reference scorer not beside the repo")
def test_reference_scorer_reads_our_output(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    s = text.index("officials said")
    gold.write_text(
        json.dumps(
            {
                "id": "seed",
                "text": text,
                "attributions": [
                    {"kind": "indirect", "content": [0, s - 2], "cue": [s + 10, s + 14], "source": [s, s + 9]}
                ],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    pred = tmp_path / "pred.jsonl"
    assert run("analyze", str(gold), "--format", "jsonl", "-o", str(pred)).returncode == 0
    proc = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred)], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["gold"] == 1
