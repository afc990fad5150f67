"""A new input format is one class: registered, it is found by its ending (in folders too,
compressed or not) or sniffed on stdin, planned, read and named in ids like the formats newslib
comes with; taken out, it is gone."""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from newslib import Article, ArticleFailure, iter_articles
from newslib.inputs import (
    FORMATS,
    SUFFIXES,
    Format,
    InputOptions,
    metadata_fields,
    plan,
    register,
    streams,
    unregister,
)
from newslib.reading import read_text

LINES = [
    "#tabbed",
    "a\tThe mayor said the bridge would open in May.",
    "",
    "\tThe council, its chair said, will vote on Monday.",
    "b\t",
]


class Tabbed(Format):
    """One article a line, its id before a tab; a ``#tabbed`` first line names the format."""

    name = "tabbed"
    suffixes = (".tl",)

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"#tabbed\n")

    def records(self, fh: IO[bytes], origin: str, options: InputOptions) -> Iterator[tuple[str, Any]]:
        for n, raw in enumerate(fh, 1):
            line = raw.decode("utf-8").rstrip("\n")
            if line and not line.startswith("#"):
                yield f"{origin}:{n}", line.split("\t", 1)

    def article(self, payload: Any, origin: str, line: int, default_id: str) -> Article | ArticleFailure:
        ident, text = payload
        return read_text(text, id=ident or default_id, metadata={"line": line}, origin=origin)

    def given_id(self, payload: Any) -> str | None:
        return payload[0] or None

    def fields(self, path: str, compression: str, options: InputOptions) -> list[str]:
        return ["line"]


@pytest.fixture
def tabbed() -> Iterator[None]:
    register(Tabbed)
    yield
    unregister("tabbed")


def _write(path: Path, compress: bool = False) -> Path:
    data = "\n".join(LINES).encode() + b"\n"
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def _summary(items: list) -> list[tuple[str, str | None, str]]:
    return [(type(i).__name__, i.id, i.origin.rsplit("/", 1)[-1]) for i in items]


EXPECTED = [("Article", "a", "c.tl:2"), ("Article", "c:4", "c.tl:4"), ("ArticleFailure", "b", "c.tl:5")]


def test_a_registered_format_is_read_by_its_ending(tmp_path: Path, tabbed: None) -> None:
    path = _write(tmp_path / "c.tl")
    items = list(iter_articles(path))
    assert _summary(items) == EXPECTED
    assert items[0].text == LINES[1][2:] and items[0].metadata == {"line": 2}
    assert "empty article" in items[2].message  # read_text's refusal, recorded with the id the row names
    assert "tabbed" in FORMATS and SUFFIXES[".tl"] == "tabbed"
    assert streams(path) and metadata_fields(path) == ["line"]
    assert [p.kind for p in plan(path, InputOptions(part_articles=2))] == ["records", "records"]


def test_a_registered_format_is_found_in_folders_and_compressed(tmp_path: Path, tabbed: None) -> None:
    (tmp_path / "d").mkdir()
    _write(tmp_path / "d" / "c.tl.gz", compress=True)
    items = list(iter_articles(tmp_path / "d"))
    assert [(t, i) for t, i, _ in _summary(items)] == [
        ("Article", "a"),
        ("Article", "c.tl.gz:4"),
        ("ArticleFailure", "b"),
    ]


def test_a_registered_format_is_sniffed_on_stdin(tabbed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    data = ("\n".join(LINES) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    items = list(iter_articles("-"))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Article", "a"),
        ("Article", "stdin:4"),
        ("ArticleFailure", "b"),
    ]


def test_an_unregistered_format_is_gone_and_endings_are_not_shared(tmp_path: Path) -> None:
    _write(tmp_path / "c.tl")
    register(Tabbed)
    unregister("tabbed")
    (item,) = iter_articles(tmp_path)
    assert isinstance(item, ArticleFailure) and "holds no articles" in item.message and "*.tl" not in item.message

    class Clash(Tabbed):
        name = "clash"
        suffixes = (".txt",)

    with pytest.raises(ValueError, match="names another format"):
        register(Clash)
    with pytest.raises(ValueError, match="unknown input format 'tabbed'"):
        list(iter_articles(tmp_path / "c.tl", InputOptions(input_format="tabbed")))


def test_the_format_asked_for_is_honoured_for_single_article_files(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "a", "text": "The mayor said the bridge would open."}\n', encoding="utf-8")
    (item,) = iter_articles(path, InputOptions(input_format="text"))
    assert isinstance(item, Article) and item.id == "c" and item.text == path.read_text(encoding="utf-8")
    page = tmp_path / "p.txt"
    page.write_text(
        "<html><body><article><p>" + "The council said it would vote on Monday. " * 5 + "</p></article></body></html>",
        encoding="utf-8",
    )
    (item,) = iter_articles(page, InputOptions(input_format="html"))
    assert isinstance(item, Article) and item.metadata.get("format") == "html" and "<p>" not in item.text
