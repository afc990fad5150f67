"""A corpus into a Parquet dataset: five tables with a documented schema, every article once with
its status, the same rows whatever the number of jobs, and a run killed mid-way resumed to the
same result."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from corpora import articles, write_csv, write_jsonl, write_parquet, write_warc

from newslib import InputOptions
from newslib.dataset import TABLES, DatasetError, analyze_corpus, open_dataset
from newslib.dataset.tables import schema

FRENCH = ("Le conseil municipal a annoncé mardi que le pont sera fermé pendant trois mois pour des travaux. "
          "« Nous n'avons pas le choix », a déclaré la maire devant les journalistes, ajoutant que la sécurité "
          "des habitants passait avant tout. Les commerçants du quartier craignent une baisse de leur chiffre "
          "d'affaires, selon un communiqué de leur association publié mercredi.")


def _corpus(tmp_path: Path) -> list[Path]:
    rows = articles(30)
    rows[4] = {**rows[4], "text": FRENCH}
    rows[7] = {**rows[7], "text": "Too short, she said."}
    rows[12] = {**rows[12], "id": rows[3]["id"]}  # a duplicate id
    jsonl = write_jsonl(tmp_path / "a.jsonl", rows)
    with jsonl.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "broken", "text": \n')
    more = articles(20, start=30)
    return [jsonl, write_csv(tmp_path / "b.csv", more[:8]), write_parquet(tmp_path / "c.parquet", more[8:15]),
            write_warc(tmp_path / "d.warc.gz", more[15:])]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path, dict]:
    tmp = tmp_path_factory.mktemp("ds")
    inputs = _corpus(tmp)
    out = tmp / "out"
    manifest = analyze_corpus(inputs, out, jobs=1, options=InputOptions(part_articles=6))
    return inputs, out, manifest


def test_every_input_article_appears_once_with_its_status(built: tuple) -> None:
    _, out, manifest = built
    ds = open_dataset(out)
    arts = ds.table("articles")
    assert len(arts) == 51 and arts["origin"].is_unique
    status = dict(zip(arts["id"].fillna("?") + "|" + arts["origin"].str.rsplit("/", n=1).str[-1],
                      arts["status"], strict=True))
    assert status["art-00004|a.jsonl:5"] == "language" and status["art-00007|a.jsonl:8"] == "too_short"
    assert status["art-00003|a.jsonl:13"] == "duplicate" and status["art-00003|a.jsonl:4"] == "ok"
    assert status["a:31|a.jsonl:31"] == "error"  # an error record keeps the id derived from its line
    assert manifest["statuses"] == {"duplicate": 1, "error": 1, "language": 1, "ok": 47, "too_short": 1}
    dup = arts[arts["status"] == "duplicate"].iloc[0]
    assert dup["reason"].startswith("duplicate id (first at") and dup["origin"].endswith("a.jsonl:13")
    assert not len(ds.sql(f"select * from attributions where origin = '{dup['origin']}'"))
    lang = arts[arts["status"] == "language"].iloc[0]
    assert lang["language"] == "fr" and "'fr'" in lang["reason"]


def test_tables_have_the_documented_schema_and_read_with_pandas_and_duckdb(built: tuple) -> None:
    import duckdb
    import pandas as pd

    _, out, manifest = built
    meta = manifest["meta"]
    for t in TABLES:
        for part in (out / t).glob("*.parquet"):
            assert pq.read_schema(part).remove_metadata() == schema(t, meta)
    att = pd.read_parquet(out / "attributions")
    typed = open_dataset(out).table("claims")
    assert str(typed["attribution"].dtype) == "Int64" and typed["attribution"].isna().any()  # nullable integers
    assert {"outlet", "date", "url", "meta_extra"} <= set(att.columns)
    n = duckdb.sql(f"select count(*) from read_parquet('{out}/attributions/*.parquet')").fetchall()[0][0]
    assert n == len(att) == manifest["rows"]["attributions"] > 50
    by_outlet = open_dataset(out).sql("select outlet, count(*) n from attributions group by outlet order by outlet")
    assert list(by_outlet["outlet"].dropna()) == ["Daily", "Herald", "Post"]
    text_of = att.dropna(subset=["content_start"]).iloc[0]
    assert len(text_of["content_text"]) == text_of["content_end"] - text_of["content_start"]


def test_two_jobs_write_the_same_dataset_byte_for_byte(built: tuple, tmp_path: Path) -> None:
    inputs, out, _ = built
    again = tmp_path / "again"
    analyze_corpus(inputs, again, jobs=2, options=InputOptions(part_articles=6))
    for t in TABLES:
        mine = sorted(p.name for p in (out / t).iterdir())
        assert mine == sorted(p.name for p in (again / t).iterdir())
        assert all((out / t / n).read_bytes() == (again / t / n).read_bytes() for n in mine)
    assert (out / "manifest.json").read_bytes() != b"" and json.loads((again / "manifest.json").read_text())


def test_a_non_empty_directory_needs_resume_and_the_same_run(built: tuple, tmp_path: Path) -> None:
    inputs, out, _ = built
    with pytest.raises(DatasetError, match="not empty: give --resume"):
        analyze_corpus(inputs, out, options=InputOptions(part_articles=6))
    with pytest.raises(DatasetError, match="cannot resume: the run differs in inputs"):
        analyze_corpus(inputs[:2], out, resume=True, options=InputOptions(part_articles=6))
    proc = subprocess.run([sys.executable, "-m", "newslib.cli", "analyze", str(inputs[0]), "--format", "parquet",
                           "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and len(proc.stderr.strip().splitlines()) == 1
    assert "not empty" in proc.stderr and str(out) in proc.stderr


def _assert_same_rows(a: Path, b: Path) -> None:
    import pandas as pd

    for t in TABLES:
        order = ["origin", *(["n"] if "n" in schema(t, ()).names else ["source"] if t == "sources" else [])]
        x, y = (pd.read_parquet(d / t).sort_values(order).reset_index(drop=True) for d in (a, b))
        pd.testing.assert_frame_equal(x, y)


@pytest.mark.slow
def test_a_run_killed_mid_way_resumes_to_the_same_rows(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "big.jsonl", articles(3000))
    whole, broken = tmp_path / "whole", tmp_path / "broken"
    cmd = [sys.executable, "-m", "newslib.cli", "analyze", str(corpus), "--format", "parquet", "--jobs", "2", "-q"]
    assert subprocess.run([*cmd, "-o", str(whole)], capture_output=True, timeout=600).returncode == 0
    proc = subprocess.Popen([*cmd, "-o", str(broken)], start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list((broken / "articles").glob("part-*.parquet"))) < 1:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = len(list((broken / "articles").glob("part-*.parquet")))
    assert 1 <= done < 3 and not (broken / "manifest.json").exists()
    proc = subprocess.run([*cmd, "-o", str(broken), "--resume"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    _assert_same_rows(broken, whole)
    assert not list(broken.rglob("*.tmp"))
    assert json.loads((broken / "manifest.json").read_text()) == json.loads((whole / "manifest.json").read_text())


def test_the_corpus_summary_groups_by_a_column_and_names_the_columns_it_has(built: tuple) -> None:
    from newslib.dataset import summary

    _, out, _ = built
    ds = open_dataset(out)
    groups = summary.group_table(ds, "outlet")
    assert list(groups.index) == ["(none)", "Daily", "Herald", "Post"]  # the WARC pages have no outlet
    assert groups["articles"].sum() == 47 and ((groups["direct_share"] >= 0) & (groups["direct_share"] <= 1)).all()
    assert summary.kind_table(ds, "outlet").sum().sum() == groups["attributions"].sum()
    with pytest.raises(DatasetError, match="no column 'publisher' to group by .*outlet"):
        summary.group_table(ds, "publisher")
    rows, total = summary.not_analysed(ds, 2)
    assert total == 4 and len(rows) == 2
    proc = subprocess.run([sys.executable, "-m", "newslib.cli", "corpus", str(out), "--group-by", "outlet"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "Herald" in proc.stdout and "Not analysed: 4" in proc.stdout
