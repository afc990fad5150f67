"""Reading: encodings, HTML, JSONL, directories, and the roles of the seed's paragraphs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED

from newslib import Analysis, ArticleFailure, analyze, iter_articles, read, read_html, read_text
from newslib.reading import ReadError, decode, read_bytes

TEXT = "Café owners said the “déjà vu” was real, according to Ms. Noël.\n\nThe mayor’s office declined to comment."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("utf-16-le"),  # without BOM
        TEXT.encode("utf-16-be"),
        TEXT.encode("utf-32"),
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "utf32", "cp1252"],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode(data) == TEXT


def test_legacy_latin1_is_detected() -> None:
    text = "Les élèves ont été très déçus, a déclaré le ministre à la télévision française."
    assert decode(text.encode("latin-1")) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"   \n\t ", "empty file"),
        (b"%PDF-1.7 binary", "PDF"),
        (b"\x00\x01\x02\x03\x00\xff" * 200, "binary"),
        (bytes(range(128, 256)) * 40, "undecodable"),
    ],
)
def test_bad_bytes_give_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(ReadError) as err:
        decode(data, "x.txt")
    assert message in str(err.value) and str(err.value).startswith("x.txt: ") and "\n" not in str(err.value)


def test_read_bytes_records_errors_instead_of_raising() -> None:
    (item,) = read_bytes(b"", "empty.txt")
    assert isinstance(item, ArticleFailure) and "empty" in item.message


def test_seed_roles() -> None:
    art = read(SEED)
    roles = {art.text[p.start : p.end]: p.role for p in art.paragraphs}
    assert roles["Joe Biden and Benjamin Netanyahu"] == "caption"
    assert roles["Photo: Miriam Alster / AP / Profimedia"] == "credit"
    assert roles["Attempts to weaken the relationship"] == "subheading"
    assert roles["."] == "noise"
    assert (
        art.paragraphs[0].role == "body" and art.text[art.paragraphs[0].end - 9 : art.paragraphs[0].end] == "reported."
    )
    assert sum(p.role == "body" for p in art.paragraphs) == 17


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("By Jane Smith and Omar Haddad", "byline"),
        ("Reporting by Jane Smith; Editing by Omar Haddad", "byline"),
        ("ADVERTISEMENT", "noise"),
        ("* * *", "noise"),
        ("WASHINGTON", "dateline"),
        ("A rescue worker searches the rubble. (AP Photo/John Doe)", "credit"),
    ],
)
def test_paragraph_roles(text: str, role: str) -> None:
    art = read_text("Storm hits the coast\n\n" + text + "\n\nThe storm killed three people, officials said.")
    assert role in [p.role for p in art.paragraphs[1:-1]], [(art.text[p.start : p.end], p.role) for p in art.paragraphs]


def test_inline_dateline_is_set_apart() -> None:
    text = "Mayor quits\n\nSPRINGFIELD, Ill. (Reuters) — The mayor resigned on Monday, aides said."
    art = read_text(text)
    dl = [p for p in art.paragraphs if p.role == "dateline"]
    assert [text[p.start : p.end] for p in dl] == ["SPRINGFIELD, Ill. (Reuters) —"]
    assert art.paragraphs[0].role == "headline"


def test_html_main_text_and_metadata() -> None:
    html = """<html><head><title>Bridge to reopen</title><meta name="author" content="Jane Doe"></head>
    <body><nav>Home | World | Sports</nav><article><h1>Bridge to reopen</h1>
    <p>The mayor said on Monday that the bridge would reopen next week, according to a statement.</p>
    <p>“We are pleased,” she said in an interview with reporters outside city hall on Monday.</p>
    </article><div class="comments"><p>Great news, thanks for sharing this story!</p></div></body></html>"""
    art = read_html(html, id="page")
    assert art.metadata["title"] == "Bridge to reopen" and art.metadata["author"] == "Jane Doe"
    assert "the bridge would reopen next week" in art.text
    assert "Great news" not in art.text and "Home | World" not in art.text
    assert all(0 <= p.start < p.end <= len(art.text) for p in art.paragraphs)


def test_jsonl_with_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    f.write_text(
        json.dumps({"id": "a", "text": "One said so.", "meta": {"publisher": "x"}})
        + "\n"
        + "{not json\n"
        + json.dumps({"id": "c"})
        + "\n\n"
        + json.dumps({"text": "No id here, she said.", "publisher": "y"})
        + "\n",
        encoding="utf-8",
    )
    items = list(iter_articles([f]))
    assert [type(i).__name__ for i in items] == ["Article", "ArticleFailure", "ArticleFailure", "Article"]
    assert items[0].metadata == {"publisher": "x"}
    assert items[1].origin.endswith("c.jsonl:2") and "malformed JSON" in items[1].message
    assert items[2].origin.endswith("c.jsonl:3") and "no 'text'" in items[2].message
    assert items[3].id == "c:5" and items[3].metadata["publisher"] == "y"


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second, he said.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("First, she said.", encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.txt").write_text("Hidden.", encoding="utf-8")
    ids = [a.id for a in iter_articles([tmp_path])]
    assert ids == ["1.txt", "b/2.txt"]


def test_empty_directory(tmp_path: Path) -> None:
    (item,) = iter_articles([tmp_path])
    assert isinstance(item, ArticleFailure) and "no articles" in item.message


def test_long_line_is_refused() -> None:
    with pytest.raises(ReadError, match="without a break"):
        read_text("word " * 40_000)


def test_json_round_trip_of_a_full_analysis() -> None:
    a = analyze(read(SEED))
    again = Analysis.from_dict(json.loads(json.dumps(a.to_dict(tokens=True))))
    assert again == a


# -- hardening: nothing is decoded wrongly, dropped silently, or raised past the reader -------


def test_utf8_with_a_stray_byte_stays_utf8_and_names_the_byte(caplog: pytest.LogCaptureFixture) -> None:
    data = TEXT.encode("utf-8")
    bad = data[:10] + b"\xff" + data[10:]
    assert decode(bad, "x.txt") == TEXT[:9] + "\ufffd" + TEXT[9:]  # not a Cyrillic code page
    assert "x.txt: 1 invalid UTF-8 byte replaced by U+FFFD (at byte 10)" in caplog.text


def test_a_legacy_file_that_fits_one_code_page_is_still_detected() -> None:
    text = "The mayor\u2019s office said the caf\u00e9 would close \u2014 for good."
    assert decode(text.encode("cp1252")) == text


def test_utf8_with_too_many_bad_bytes_is_refused() -> None:
    with pytest.raises(ReadError, match="more than 100 invalid bytes"):
        decode(("“Quoted,” she said. ".encode() + b"\xfe") * 120, "x.txt")


def test_html_without_an_article_body_is_an_error_not_an_analysis() -> None:
    html = "<html><head><title>Site</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    (item,) = read_bytes(html.encode(), "nav.html", kind="html")
    assert isinstance(item, ArticleFailure) and "no article body" in item.message


@pytest.mark.parametrize("text", ['She said "hello\ud800 there".', "Fine text.\udfff"])
def test_a_lone_surrogate_is_refused_at_reading(text: str, tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="lone surrogate"):
        read_text(text)
    f = tmp_path / "c.jsonl"
    f.write_text(
        json.dumps({"id": "a", "text": text})
        + "\n"
        + json.dumps({"id": "b", "text": "Fine, she said.", "title": "x\udc00"})
        + "\n"
        + json.dumps({"id": "c", "text": "Fine, he said."})
        + "\n",
        encoding="utf-8",
    )
    items = list(iter_articles(f))
    assert [type(i).__name__ for i in items] == ["ArticleFailure", "ArticleFailure", "Article"]
    assert "field 'title'" in items[1].message


def test_a_jsonl_line_over_the_limit_is_skipped_without_loading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newslib.reading as reading

    monkeypatch.setattr(reading, "MAX_RECORD_BYTES", 1000)
    f = tmp_path / "c.jsonl"
    f.write_text(
        json.dumps({"id": "a", "text": "x " * 5000}) + "\n" + json.dumps({"id": "b", "text": "Ok, she said."}) + "\n",
        encoding="utf-8",
    )
    first, second = iter_articles(f)
    assert isinstance(first, ArticleFailure) and "exceeds" in first.message and first.origin.endswith(":1")
    assert second.id == "b" and second.origin.endswith(":2")


def test_unreadable_entries_of_a_directory_are_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    (tmp_path / "a.txt").write_text("First, she said.", encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.txt").write_text("Hidden from us.", encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "c.txt").write_text("Last, he said.", encoding="utf-8")
    real = os.scandir

    def scandir(path: str | Path = ".") -> object:  # as root, permissions cannot make it unreadable
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_articles(tmp_path))
    assert [getattr(i, "id", None) or i.message.split(":")[0] for i in items] == [
        "a.txt",
        "cannot read directory",
        "loop.txt",
        "z/c.txt",
    ]  # an unreadable file keeps its id
    assert items[1].origin.endswith("locked") and "Permission denied" in items[1].message
    assert items[2].origin.endswith("loop.txt")


def test_analyze_paths_takes_one_path_as_one_path() -> None:
    from newslib import analyze_paths

    assert [a.id for a in analyze_paths(str(SEED))] == [SEED.stem]
    assert [a.id for a in analyze_paths(SEED)] == [SEED.stem]


@pytest.mark.parametrize("value", [None, b"She said so.", 5])
def test_analyze_refuses_what_is_not_text_with_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="takes an Article or a str"):
        analyze(value)  # type: ignore[arg-type]


def test_closed_stdin_is_one_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "newslib.cli", "analyze", "-"],
        capture_output=True,
        timeout=120,
        preexec_fn=lambda: os.close(0),
    )
    assert proc.returncode == 1
    assert proc.stderr.decode().strip() == "newslib: error: <stdin>: standard input is closed"


def test_html_precision_pass_keeping_too_little_falls_back_to_recall(monkeypatch: pytest.MonkeyPatch) -> None:
    """A precision pass that keeps a fragment (a page whose markup hides the article from it) is
    replaced by the recall pass when that finds at least twice the words."""
    import trafilatura

    from newslib.reading import read_html

    body = " ".join(["The council met on Monday and voted to close the old bridge for repairs."] * 12)

    def fake(html, favor_precision=False, favor_recall=False, **kw):
        text = body[:130] if favor_precision else body
        return type(
            "Doc", (), {"text": text, "title": "T", "author": None, "date": None, "sitename": None, "url": None}
        )()

    monkeypatch.setattr(trafilatura, "bare_extraction", fake)
    assert read_html("<html><body><p>x</p></body></html>").text == body


def test_importing_newslib_leaves_other_libraries_logging_alone() -> None:
    """trafilatura & co. are quieted when newslib first extracts a page, not when it is imported."""
    page = "<html><body><article><p>" + "The mayor said the bridge would open in May. " * 6 + "</p></article>"
    script = (
        "import logging, newslib, newslib.inputs, newslib.reading as r\n"
        "names = ('trafilatura', 'htmldate', 'courlan', 'justext')\n"
        "before = [logging.getLogger(n).level for n in names]\n"
        f"r.read_html({page!r})\n"
        "print(before, [logging.getLogger(n).level for n in names])"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[0, 0, 0, 0] [40, 40, 40, 40]", out.stderr
