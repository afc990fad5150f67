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

import pandas as pd
import pyarrow.parquet as pq
import pytest
from corpora import articles, write_csv, write_jsonl, write_parquet, write_warc

from newslib import InputOptions
from newslib.dataset import TABLES, DatasetError, analyze_corpus, open_dataset
from newslib.dataset.tables import schema

FRENCH = (
    "Le conseil municipal a annoncé mardi que le pont sera fermé pendant trois mois pour des travaux. "
    "« Nous n'avons pas le choix », a déclaré la maire devant les journalistes, ajoutant que la sécurité "
    "des habitants passait avant tout. Les commerçants du quartier craignent une baisse de leur chiffre "
    "d'affaires, selon un communiqué de leur association publié mercredi."
)


def _corpus(tmp_path: Path) -> list[Path]:
    rows = articles(30)
    rows[4] = {**rows[4], "text": FRENCH}
    rows[7] = {**rows[7], "text": "Too short, she said."}
    rows[12] = {**rows[12], "id": rows[3]["id"]}  # a duplicate id
    jsonl = write_jsonl(tmp_path / "a.jsonl", rows)
    with jsonl.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "broken", "text": \n')
    more = articles(20, start=30)
    return [
        jsonl,
        write_csv(tmp_path / "b.csv", more[:8]),
        write_parquet(tmp_path / "c.parquet", more[8:15]),
        write_warc(tmp_path / "d.warc.gz", more[15:]),
    ]


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
    status = dict(
        zip(arts["id"].fillna("?") + "|" + arts["origin"].str.rsplit("/", n=1).str[-1], arts["status"], strict=True)
    )
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
    proc = subprocess.run(
        [sys.executable, "-m", "newslib.cli", "analyze", str(inputs[0]), "--format", "parquet", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
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
    """Twelve partitions of 20 articles (small ones: resume is the same at any size, and the
    default size made this a 70 s test): the run is killed once one is written, and resumed."""
    parts = 12
    corpus = write_jsonl(tmp_path / "big.jsonl", articles(20 * parts))
    whole, broken = tmp_path / "whole", tmp_path / "broken"
    cmd = [
        sys.executable,
        "-m",
        "newslib.cli",
        "analyze",
        str(corpus),
        "--format",
        "parquet",
        "--jobs",
        "2",
        "-q",
        "--partition-size",
        "20",
    ]
    assert subprocess.run([*cmd, "-o", str(whole)], capture_output=True, timeout=600).returncode == 0
    proc = subprocess.Popen([*cmd, "-o", str(broken)], start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list((broken / "articles").glob("part-*.parquet"))) < 1:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = len(list((broken / "articles").glob("part-*.parquet")))
    assert 1 <= done < parts and not (broken / "manifest.json").exists()
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
    proc = subprocess.run(
        [sys.executable, "-m", "newslib.cli", "corpus", str(out), "--group-by", "outlet"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0 and "Herald" in proc.stdout and "Not analysed: 4" in proc.stdout


# -- who is quoted: people by gender, over time, top people, speaker categories -------------------------------------


def _named(ds: object) -> pd.DataFrame:
    """The attributions to named people with the gender the views must give them, computed with
    pandas from the tables: the person's in ``people``, else (no key) the attribution's own."""
    at, people = ds.table("attributions"), ds.table("people")
    gender_of = {p: g for p, g in zip(people["person"], people["gender"], strict=True) if isinstance(g, str)}
    named = at[at["speaker_category"] == "named_person"].copy()

    def gender(person: object, own: object) -> str:
        g = gender_of.get(person) if isinstance(person, str) else own
        return g if isinstance(g, str) and g in ("female", "male") else "unknown"

    named["g"] = [gender(p, o) for p, o in zip(named["speaker_person"], named["speaker_gender"], strict=True)]
    return named


def _by_gender(named: pd.DataFrame) -> dict[str, int]:
    keyed = named[named["speaker_person"].notna()]
    out = {"people": keyed["speaker_person"].nunique(), "attributions": len(named)}
    for g in ("female", "male", "unknown"):
        out[f"people_{g}"] = keyed.loc[keyed["g"] == g, "speaker_person"].nunique()
        out[f"attributions_{g}"] = int((named["g"] == g).sum())
    return out


def test_gender_table_counts_people_and_attributions_by_gender(quoted_dataset: Path) -> None:
    from newslib.dataset import summary

    ds = open_dataset(quoted_dataset)
    named = _named(ds)
    assert set(named["g"]) == {"female", "male", "unknown"}  # the fixture quotes all three
    table = summary.gender_table(ds, "outlet")
    assert list(table.index) == ["Courier", "The $Post"] and list(table.columns) == list(summary.GENDER_COLUMNS)
    for outlet, row in table.iterrows():
        want = _by_gender(named[named["outlet"] == outlet])
        assert {k: int(row[k]) for k in want} == want, outlet
        assert row["people_female"] + row["people_male"] + row["people_unknown"] == row["people"]
        for g in ("female", "male", "unknown"):
            assert row[f"{g}_share"] == pytest.approx(want[f"people_{g}"] / want["people"], abs=1e-4)
            assert row[f"attributions_{g}_share"] == pytest.approx(
                want[f"attributions_{g}"] / want["attributions"], abs=1e-4
            )
        assert row["articles"] == 6
    whole = summary.gender_table(ds)
    assert list(whole.index) == ["(none)"] and whole.iloc[0]["articles"] == 12
    assert {k: int(whole.iloc[0][k]) for k in _by_gender(named)} == _by_gender(named)


def test_gender_over_time_reads_dates_leniently_and_keeps_the_undated(quoted_dataset: Path) -> None:
    from corpora import QUOTED_MONTHS

    from newslib.dataset import summary

    ds = open_dataset(quoted_dataset)
    assert summary.find_date_column(ds) == "date"
    month_of = {f"q-{i:03d}": m or summary.NO_DATE for i, m in enumerate(QUOTED_MONTHS)}
    table = summary.gender_over_time(ds)
    assert list(table["period"]) == ["2026-01", "2026-02", "2026-03", summary.NO_DATE]
    assert list(table["articles"]) == [3, 3, 4, 2]
    named = _named(ds)
    named["period"] = named["id"].map(month_of)
    for _, row in table.iterrows():
        want = _by_gender(named[named["period"] == row["period"]])
        assert {k: int(row[k]) for k in want} == want, row["period"]
    grouped = summary.gender_over_time(ds, "date", "month", "outlet")
    assert list(grouped.columns[:2]) == ["outlet", "period"]
    assert grouped.groupby("period")["articles"].sum().to_dict() == dict(
        zip(table["period"], table["articles"], strict=True)
    )
    assert grouped["attributions"].sum() == table["attributions"].sum() == len(named)
    assert grouped.groupby("outlet")["period"].apply(tuple).nunique() == 1  # one calendar for every group
    # every week from the first to the last is listed, those without articles too
    weeks = summary.gender_over_time(ds, freq="week")
    assert len(weeks) == 13 + 1 and weeks["period"].iloc[0] == "2026-01-05" and weeks["articles"].sum() == 12
    assert (weeks["articles"] == 0).any() and weeks.loc[weeks["articles"] == 0, "female_share"].isna().all()
    assert list(summary.gender_over_time(ds, freq="quarter")["period"]) == ["2026-Q1", summary.NO_DATE]
    # a column that is no date puts every article in the no-date bucket
    assert list(summary.gender_over_time(ds, "outlet")["period"]) == [summary.NO_DATE]
    with pytest.raises(DatasetError, match="no date column 'published'"):
        summary.gender_over_time(ds, "published")
    with pytest.raises(ValueError, match="freq"):
        summary.gender_over_time(ds, freq="fortnight")


def test_top_people_per_group_and_per_gender(quoted_dataset: Path) -> None:
    from newslib.dataset import summary

    ds = open_dataset(quoted_dataset)
    named = _named(ds)
    named = named[named["speaker_person"].notna()]
    for gender in ("", "female", "male"):
        top = summary.top_people(ds, "outlet", n=3, gender=gender)
        assert list(top.columns) == [
            "outlet",
            "rank",
            "name",
            "person",
            "gender",
            "gender_source",
            "attributions",
            "articles",
        ]
        for outlet in ("Courier", "The $Post"):
            part = named[(named["outlet"] == outlet) & ((named["g"] == gender) if gender else True)]
            counts = part.groupby("speaker_person").agg(attributions=("n", "size"), articles=("origin", "nunique"))
            counts = (
                counts.reset_index()
                .sort_values(["attributions", "articles", "speaker_person"], ascending=[False, False, True])
                .head(3)
            )
            got = top[top["outlet"] == outlet]
            assert list(got["person"]) == list(counts["speaker_person"]), (gender, outlet)
            assert list(got["attributions"]) == list(counts["attributions"])
            assert list(got["articles"]) == list(counts["articles"]) and list(got["rank"]) == [1, 2, 3][: len(got)]
            if gender:
                assert set(got["gender"]) <= {gender}
    people = ds.table("people").set_index("person")
    top = summary.top_people(ds, n=50)
    assert list(top["name"]) == [people.loc[p, "name"] for p in top["person"]]
    assert len(top) == named["speaker_person"].nunique()
    with pytest.raises(ValueError, match="gender"):
        summary.top_people(ds, gender="woman")


def test_speaker_categories_share_every_attribution(quoted_dataset: Path) -> None:
    from newslib.dataset import summary

    ds = open_dataset(quoted_dataset)
    at = ds.table("attributions")
    table = summary.speaker_categories(ds, "outlet")
    for outlet, row in table.iterrows():
        cats = at.loc[at["outlet"] == outlet, "speaker_category"].fillna(summary.NO_SPEAKER).value_counts()
        assert {c: int(row[c]) for c in summary.CATEGORIES} == {c: int(cats.get(c, 0)) for c in summary.CATEGORIES}
        assert row["attributions"] == cats.sum()
        assert sum(row[f"{c}_share"] for c in summary.CATEGORIES) == pytest.approx(1.0, abs=1e-3)
        assert row["unnamed_share"] == pytest.approx(
            (cats.get("unnamed_individual", 0) + cats.get("unnamed_group", 0)) / cats.sum(), abs=1e-4
        )
    assert table["named_person"].sum() > 0 and table["unnamed_individual"].sum() > 0
    assert table["unnamed_group"].sum() > 0


def test_views_work_before_the_people_table_is_written(quoted_dataset: Path, tmp_path: Path) -> None:
    import shutil

    from newslib.dataset import summary

    copy = tmp_path / "ds"
    shutil.copytree(quoted_dataset, copy)
    shutil.rmtree(copy / "people")
    ds = open_dataset(copy)
    at = ds.table("attributions")
    named = at[at["speaker_category"] == "named_person"].copy()
    stated = named.dropna(subset=["speaker_gender"]).groupby("speaker_person")["speaker_gender"].agg(set)
    gender_of = {p: next(iter(g)) for p, g in stated.items() if len(g) == 1}
    named["g"] = [
        gender_of.get(p, "unknown") if isinstance(p, str) else (o if isinstance(o, str) else "unknown")
        for p, o in zip(named["speaker_person"], named["speaker_gender"], strict=True)
    ]
    assert {k: int(summary.gender_table(ds).iloc[0][k]) for k in _by_gender(named)} == _by_gender(named)
    assert len(summary.top_people(ds, n=50)) == named["speaker_person"].nunique()


def test_the_corpus_command_shows_who_is_quoted(quoted_dataset: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "newslib.cli",
            "corpus",
            str(quoted_dataset),
            "--group-by",
            "outlet",
            "--date-column",
            "date",
            "--top",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    for heading in (
        "Who is quoted: named people by gender",
        "Over time (by month of 'date')",
        "(no date)",
        "Top 2 people:",
        "Top 2 women:",
        "Top 2 men:",
        "Attributions by speaker category:",
    ):
        assert heading in proc.stdout
    bad = subprocess.run(
        [sys.executable, "-m", "newslib.cli", "corpus", str(quoted_dataset), "--date-column", "nope"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode != 0 and "no date column 'nope'" in bad.stderr and "Traceback" not in bad.stderr


def test_a_row_with_a_column_the_schema_lacks_is_refused() -> None:
    """A misspelled key in a row builder would otherwise be dropped and its column written as nulls."""
    from newslib.dataset.tables import to_table

    with pytest.raises(ValueError, match="speaker_nmae"):
        to_table("attributions", [{"n": 0, "kind": "direct", "speaker_nmae": "Ana Ruiz"}], [])


@pytest.mark.parametrize(
    ("table", "row"),
    [("attributions", {"origin": "a:1", "speaker_nmae": "Ana Ruiz"}), ("_copies", {"origin": "a:1", "text_hsh": "00"})],
)
def test_the_parquet_writer_refuses_a_row_with_an_unknown_key(tmp_path: Path, table: str, row: dict) -> None:
    """Through the writer itself (the path a dataset run takes), its own copies part included:
    the partition is not written, no temporary file is left."""
    from newslib.dataset.writer import write_part

    rows = {"articles": [{"origin": "a:1", "id": "a", "status": "ok"}], table: [row]}
    with pytest.raises(ValueError, match="lacks: speaker_nmae|lacks: text_hsh"):
        write_part(tmp_path, 0, rows, [])
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_the_people_table_gathers_a_person_across_articles_and_takes_manual_merges(
    quoted_dataset: Path, tmp_path: Path
) -> None:
    import shutil

    from newslib.dataset.people import ALIASES, write_people

    ds = open_dataset(quoted_dataset)
    src = ds.table("sources")
    keyed = src.dropna(subset=["person"])
    people = ds.table("people").set_index("person")
    assert set(people.index) == set(keyed["person"])
    for key, rows in keyed.groupby("person"):  # articles and attributions summed over the articles
        assert people.loc[key, "articles"] == rows["id"].nunique()
        assert people.loc[key, "attributions"] == rows["attributions"].sum()
    a, b = sorted(people.index[people["category"] == "named_person"])[:2]
    copy = tmp_path / "ds"
    shutil.copytree(quoted_dataset, copy)
    (copy / ALIASES).write_text(f"# one person, two names\n{b}\t{a}\n", encoding="utf-8")
    write_people(copy)
    merged = open_dataset(copy).table("people").set_index("person")
    assert b not in merged.index and len(merged) == len(people) - 1
    assert merged.loc[a, "attributions"] == people.loc[a, "attributions"] + people.loc[b, "attributions"]


def test_detection_settings_reach_every_worker_and_the_manifest(built: tuple, tmp_path: Path) -> None:
    """Settings given in the client steer the two worker processes' detection (a global changed
    in the parent used to be the only way) and the manifest says which settings made the dataset."""
    from newslib import AttributionSettings

    inputs, out, manifest = built
    strict = AttributionSettings(min_score=0.8)
    got = analyze_corpus(inputs, tmp_path / "strict", jobs=2, options=InputOptions(part_articles=6), settings=strict)
    assert manifest["attribution"] == AttributionSettings().record() and manifest["attribution"]["min_score"] == 0.4
    assert got["attribution"]["min_score"] == 0.8
    assert (
        AttributionSettings.from_record(json.loads((tmp_path / "strict" / "manifest.json").read_text())["attribution"])
        == strict
    )
    default = pd.read_parquet(out / "attributions").dropna(subset=["score"])
    kept = pd.read_parquet(tmp_path / "strict" / "attributions").dropna(subset=["score"])
    assert (default["score"] < 0.8).any() and 0 < len(kept) < len(default)
    assert ((kept["score"] >= 0.8) | (kept["kind"] == "no_comment")).all()
