"""Every corpus format read as a stream of articles, cut into partitions, bad input recorded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from corpora import articles, page, write_csv, write_jsonl, write_parquet, write_warc

from newslib import Article, ArticleFailure, InputOptions, iter_articles
from newslib.inputs import metadata_fields, plan, read_partition

ROWS = articles(23)
IDS = [r["id"] for r in ROWS]


def _ids(items: list) -> list[str]:
    return [i.id if isinstance(i, Article) else f"ERROR {i}" for i in items]


@pytest.mark.parametrize("compress", ["", "gzip", "bz2", "xz", "zstd"])
def test_jsonl_plain_and_compressed(tmp_path: Path, compress: str) -> None:
    suffix = {"": "", "gzip": ".gz", "bz2": ".bz2", "xz": ".xz", "zstd": ".zst"}[compress]
    path = write_jsonl(tmp_path / f"c.jsonl{suffix}", ROWS, compress)
    items = list(iter_articles(path, InputOptions(part_articles=5)))
    assert _ids(items) == IDS
    assert items[3].origin == f"{path}:4" and items[3].metadata == {
        "outlet": ROWS[3]["outlet"],
        "date": ROWS[3]["date"],
    }
    assert items[3].text == ROWS[3]["text"]


def test_jsonl_byte_ranges_cut_at_lines_and_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    write_jsonl(path, ROWS)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\n\n", 3))  # blank lines count as lines
    parts = list(plan(path, InputOptions(part_articles=4)))
    assert all(p.kind == "lines" for p in parts) and len(parts) > 4
    assert [p.start for p in parts[1:]] == [p.stop for p in parts[:-1]]
    items = [a for p in parts for a in read_partition(p)]
    assert _ids(items) == IDS
    assert items[-1].origin == f"{path}:{len(ROWS) + 3}"


@pytest.mark.parametrize(("fmt", "delimiter", "compress"), [("csv", ",", ""), ("tsv", "\t", ""), ("csv", ",", "gzip")])
def test_csv_and_tsv_with_found_columns(tmp_path: Path, fmt: str, delimiter: str, compress: str) -> None:
    rows = [{"guid": r["id"], "body": r["text"], "outlet": r["outlet"]} for r in ROWS]
    path = write_csv(tmp_path / f"c.{fmt}{'.gz' if compress else ''}", rows, "body", delimiter, compress)
    items = list(iter_articles(path, InputOptions(part_articles=6)))
    assert _ids(items) == IDS
    assert items[1].metadata == {"outlet": ROWS[1]["outlet"]} and items[1].text == ROWS[1]["text"]
    # a quoted field runs over several lines: an article is named by the line it starts on
    assert items[1].origin == f"{path}:{2 + ROWS[0]['text'].count(chr(10)) + 1}"


def test_csv_columns_as_named_and_a_missing_text_column_in_one_line(tmp_path: Path) -> None:
    rows = [{"key": r["id"], "story": r["text"], "words": "x"} for r in ROWS[:3]]
    path = write_csv(tmp_path / "c.csv", rows, "story")
    named = list(iter_articles(path, InputOptions(text_column="story", id_column="key")))
    assert _ids(named) == IDS[:3]
    (err,) = iter_articles(write_csv(tmp_path / "d.csv", [{"a": "1", "b": "2"}]))
    assert isinstance(err, ArticleFailure) and err.origin == str(tmp_path / "d.csv")
    assert "no text column" in err.message and "the file has: a, b" in err.message
    (err,) = iter_articles(path, InputOptions(text_column="nope"))
    assert "no column 'nope'" in err.message


def test_parquet_rows_across_row_groups(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "c.parquet", ROWS, row_group_size=7)
    parts = list(plan(path, InputOptions(part_articles=5)))
    assert [(p.start, p.stop) for p in parts] == [(0, 5), (5, 10), (10, 15), (15, 20), (20, 23)]
    items = [a for p in parts for a in read_partition(p)]
    assert _ids(items) == IDS and items[9].origin == f"{path}:10"
    assert items[9].metadata == {"outlet": ROWS[9]["outlet"], "date": ROWS[9]["date"]}


@pytest.mark.parametrize("gz", [True, False])
def test_warc_pages_by_record_ranges(tmp_path: Path, gz: bool) -> None:
    path = write_warc(tmp_path / f"c.warc{'.gz' if gz else ''}", ROWS[:7], gzip_records=gz)
    parts = list(plan(path, InputOptions(part_articles=3)))
    assert [p.articles for p in parts] == [3, 3, 1]
    items = [a for p in parts for a in read_partition(p)]
    assert len(items) == 7 and all(isinstance(a, Article) for a in items)
    assert items[4].metadata["url"] == f"https://example.com/{ROWS[4]['id']}" and items[4].metadata["warc_date"]
    assert items[4].id.startswith("urn:uuid:") and "@" in items[4].origin
    assert "Home" not in items[4].text and ROWS[4]["text"].split("\n\n")[1] in items[4].text


def test_a_truncated_warc_keeps_its_whole_records_and_names_the_damage(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "c.warc.gz", ROWS[:4], images=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 300])
    items = list(iter_articles(path))
    assert [isinstance(a, Article) for a in items] == [True, True, True, False]
    assert items[-1].origin.startswith(f"{path}@") and "truncated WARC" in items[-1].message


def test_corrupt_compression_is_one_error_after_the_articles_before_it(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl.gz", articles(3000), "gzip")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    items = list(iter_articles(path, InputOptions(part_articles=5)))
    assert all(isinstance(a, Article) for a in items[:-1]) and len(items) > 2
    assert items[-1].origin == str(path) and "corrupt or truncated gzip data" in items[-1].message
    (err,) = iter_articles(_write(tmp_path / "x.txt.gz", b"not gzip at all"))
    assert "corrupt or truncated gzip data" in err.message


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_single_article_files_compressed_or_not_in_a_folder(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "b").mkdir()
    _write(tmp_path / "a.txt", ROWS[0]["text"].encode())
    _write(tmp_path / "b" / "c.html.gz", gzip.compress(page(ROWS[1])))
    _write(tmp_path / "b" / "d.txt.bz2", __import__("bz2").compress(ROWS[2]["text"].encode()))
    write_jsonl(tmp_path / "e.jsonl", ROWS[3:5])
    items = list(iter_articles(tmp_path))
    assert _ids(items) == ["a.txt", "b/c.html.gz", "b/d.txt.bz2", *IDS[3:5]]  # ids relative to the folder
    assert items[1].metadata["title"] == ROWS[1]["text"].split("\n\n")[0]


def test_metadata_fields_of_a_corpus(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", ROWS[:2])
    write_csv(tmp_path / "b.csv", [{"guid": "x", "text": "t", "section": "World"}])
    write_warc(tmp_path / "c.warc.gz", ROWS[:1])
    assert metadata_fields(tmp_path) == [
        "outlet",
        "date",
        "section",
        "title",
        "author",
        "sitename",
        "url",
        "format",
        "warc_date",
    ]


@pytest.mark.parametrize("fmt", ["jsonl", "warc", "csv"])
def test_stdin_in_any_format(tmp_path: Path, fmt: str) -> None:
    if fmt == "jsonl":
        data, extra = write_jsonl(tmp_path / "c.jsonl", ROWS[:3]).read_bytes(), []
    elif fmt == "warc":
        data, extra = write_warc(tmp_path / "c.warc.gz", ROWS[:3]).read_bytes(), []
    else:
        data, extra = write_csv(tmp_path / "c.csv", ROWS[:3]).read_bytes(), ["--input-format", "csv"]
    proc = subprocess.run(
        [sys.executable, "-m", "newslib.cli", "analyze", "-", "--format", "csv", *extra],
        input=data,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    origins = {line.split(",")[1] for line in proc.stdout.decode().splitlines()[1:]}
    assert len(origins) == 3 and all(o.startswith("<stdin>") for o in origins)
