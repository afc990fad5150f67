"""Real corpora as they come: unique ids, sniffed CSV dialects, and one bad record never costing the rest."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from corpora import articles, write_csv, write_jsonl

from newslib import Article, ArticleFailure, InputOptions, iter_articles
from newslib.inputs import metadata_fields, printable, read
from newslib.reading import ReadError

ROWS = articles(6)


def _ids(items: list) -> list[str | None]:
    return [i.id for i in items]


def test_folder_ids_are_paths_relative_to_the_folder_and_docs_are_skipped(tmp_path: Path) -> None:
    for section in ("business", "sport"):
        (tmp_path / section).mkdir()
        (tmp_path / section / "001.txt").write_text(ROWS[0]["text"], encoding="utf-8")
    (tmp_path / "README.TXT").write_text("About this corpus: five folders of articles.", encoding="utf-8")
    (tmp_path / "sport" / "LICENSE.md").write_text("Licence terms.", encoding="utf-8")
    write_jsonl(tmp_path / "sport" / "more.jsonl", [{"text": ROWS[1]["text"]}, {"id": None, "text": ROWS[2]["text"]}])
    items = list(iter_articles(tmp_path))
    assert _ids(items) == ["business/001.txt", "sport/001.txt", "sport/more.jsonl:1", "sport/more.jsonl:2"]
    # a file given by itself keeps its stem, as before
    assert _ids(list(iter_articles(tmp_path / "sport" / "001.txt"))) == ["001"]
    assert "README" not in " ".join(i.origin for i in items)


def test_null_or_missing_ids_are_derived_never_the_string_none(tmp_path: Path) -> None:
    rows = [{"id": None, "text": r["text"]} for r in ROWS[:4]]
    path = write_jsonl(tmp_path / "c.jsonl", rows)
    ids = _ids(list(iter_articles(path)))
    assert ids == ["c:1", "c:2", "c:3", "c:4"] and "None" not in ids
    csv_path = write_csv(tmp_path / "d.csv", [{"id": "", "text": r["text"]} for r in ROWS[:2]])
    second = 2 + ROWS[0]["text"].count("\n") + 1
    assert _ids(list(iter_articles(csv_path))) == ["d:2", f"d:{second}"]  # the line each row starts on


def test_error_records_of_csv_and_jsonl_keep_a_derived_id(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "x", \n', encoding="utf-8")
    (err,) = iter_articles(path)
    assert isinstance(err, ArticleFailure) and err.id == "c:1"
    csv_path = write_csv(tmp_path / "d.csv", [{"id": "a", "text": ""}])
    (err,) = iter_articles(csv_path)
    assert isinstance(err, ArticleFailure) and err.id == "a" or err.id == "d:2"


@pytest.mark.parametrize("delimiter", ["\t", ";", "|", ","])
def test_csv_dialect_is_sniffed_whatever_the_suffix(tmp_path: Path, delimiter: str) -> None:
    rows = [{"id": r["id"], "text": r["text"], "outlet": r["outlet"]} for r in ROWS]
    path = write_csv(tmp_path / "export.csv", rows, delimiter=delimiter)
    items = list(iter_articles(path))
    assert _ids(items) == [r["id"] for r in ROWS]
    assert items[2].metadata == {"outlet": ROWS[2]["outlet"]} and items[2].text == ROWS[2]["text"]
    assert metadata_fields(path) == ["outlet"]


def test_input_format_is_honoured_for_any_file_name(tmp_path: Path) -> None:
    rows = [{"id": r["id"], "text": r["text"]} for r in ROWS[:3]]
    path = write_csv(tmp_path / "data.txt", rows, delimiter="\t")
    assert len(list(iter_articles(path))) == 1  # by its ending, one text article
    items = list(iter_articles(path, InputOptions(input_format="tsv")))
    assert _ids(items) == [r["id"] for r in rows]
    csv_named = write_csv(tmp_path / "data.csv", rows, delimiter="\t")
    assert _ids(list(iter_articles(csv_named, InputOptions(input_format="tsv")))) == [r["id"] for r in rows]


def test_an_over_long_csv_field_is_one_error_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "text"])
    w.writerow(["a", ROWS[0]["text"]])
    w.writerow(["b", "x" * 11_500_000])
    w.writerow(["c", ROWS[2]["text"]])
    path.write_text(buf.getvalue(), encoding="utf-8")
    items = list(iter_articles(path))
    assert [type(i).__name__ for i in items] == ["Article", "ArticleFailure", "Article"]
    line = 2 + ROWS[0]["text"].count("\n") + 1
    assert items[1].origin == f"{path}:{line}" and "exceeds the 10 MB limit" in items[1].message
    assert items[2].id == "c"


def test_a_stray_quote_that_swallows_rows_is_an_error_not_a_merged_row(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        'id,text,outlet\nz,"Fine text",Daily\na,"First article text, as it was,Herald\nb,Second,Post\n'
        "c,Third article text,Post\n",
        encoding="utf-8",
    )
    items = list(iter_articles(path))
    assert isinstance(items[1], ArticleFailure) and "stray quote" in items[1].message
    assert items[1].origin == f"{path}:3" and len(items) == 2


def test_a_multi_row_file_is_refused_by_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "bbc.csv", [{"id": r["id"], "text": r["text"]} for r in ROWS[:3]])
    with pytest.raises(ReadError, match="several articles.*iter_articles"):
        read(path)
    one = write_csv(tmp_path / "one.csv", [{"id": "x", "text": ROWS[0]["text"]}])
    assert read(one).id == "x"


def test_deeply_nested_json_is_one_error_record(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text(
        json.dumps(ROWS[0]) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n" + json.dumps(ROWS[1]) + "\n", encoding="utf-8"
    )
    items = list(iter_articles(path))
    assert [type(i).__name__ for i in items] == ["Article", "ArticleFailure", "Article"]
    assert items[1].origin == f"{path}:2" and "nested too deep" in items[1].message
    assert metadata_fields(path) == ["outlet", "date"]


def test_huge_cells_of_tables_are_refused_as_one_article(tmp_path: Path) -> None:
    from corpora import write_parquet

    rows = [dict(ROWS[0]), {**ROWS[1], "text": "word " * 2_200_000}, dict(ROWS[2])]
    items = list(iter_articles(write_parquet(tmp_path / "c.parquet", rows)))
    assert [isinstance(i, Article) for i in items] == [True, False, True]
    assert "exceeds the 10 MB limit" in items[1].message and items[1].id == ROWS[1]["id"]


def test_file_names_that_are_not_utf8_or_hold_a_newline_are_printable(tmp_path: Path) -> None:
    import os

    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(ROWS[0]["text"].encode())
    (tmp_path / "two\nlines.txt").write_text("", encoding="utf-8")
    items = list(iter_articles(tmp_path))
    assert [i.id for i in items] == ["caf\\xe9.txt", "two\\nlines.txt"]
    assert items[0].origin.endswith("caf\\xe9.txt") and items[0].origin.encode("utf-8")
    assert isinstance(items[1], ArticleFailure) and "\n" not in str(items[1])
    assert printable("a\udce9b\n") == "a\\xe9b\\n"


def test_metadata_sampling_skips_an_endless_line_and_caps_the_fields(tmp_path: Path) -> None:
    from newslib.inputs import MAX_META_FIELDS

    path = tmp_path / "c.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "x" * 10_500_000, "big": 1}) + "\n")
        fh.write(json.dumps({"text": "t", **{f"k{i}": i for i in range(MAX_META_FIELDS + 50)}}) + "\n")
    fields = metadata_fields(path)
    assert "big" not in fields and len(fields) == MAX_META_FIELDS and fields[0] == "k0"
