"""Reading articles: plain text, HTML pages, JSONL corpora, directories and stdin.

Whatever the input, an :class:`~newslib.model.Article` holds the exact text every offset refers
to: the decoded file for plain text, trafilatura's extracted main text for HTML, the ``text``
field for JSONL. The text is never normalised after decoding, so spans computed on it are spans
of what the user gave us.

Bad input never raises past this module's boundary in a batch: :func:`iter_articles` yields an
:class:`~newslib.model.ArticleError` (origin with line, one-line message) in the article's place
and goes on with the rest. Single-article helpers raise :class:`ReadError` with the same message.
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .model import Article, ArticleError
from .structure import segment

MAX_FILE_BYTES = 10_000_000
"""A single text or HTML article above this size is refused: no news article is 10 MB of text."""
MAX_RECORD_BYTES = 10_000_000
"""Limit for one JSONL line (corpora themselves are streamed and have no size limit)."""
MAX_LINE_CHARS = 100_000
"""A line of text longer than this (with no paragraph break) is not article prose."""
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (docx/xlsx/epub?)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
}


class ReadError(Exception):
    """An input that cannot be read as an article; ``str()`` is the one-line message."""

    def __init__(self, origin: str, message: str) -> None:
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.message = message


# -- decoding --------------------------------------------------------------------------------


def decode(data: bytes, origin: str = "<bytes>") -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16/32 (BOM or not), or a detected legacy
    single-byte encoding. Binary and undecodable data raise :class:`ReadError`."""
    if not data.strip():
        raise ReadError(origin, "empty file (no text)")
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(enc), origin)
            except UnicodeDecodeError as exc:
                raise ReadError(origin, f"undecodable bytes: has a {enc} byte-order mark but {exc.reason} "
                                        f"at byte {exc.start}") from None
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(origin, f"binary file ({what}), not text")
    if b"\x00" in data:
        sample = data[:4000]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if max(even, odd) > len(sample) / 4 and min(even, odd) < len(sample) / 50:
            try:
                return _check_text(data.decode("utf-16-le" if odd > even else "utf-16-be"), origin)
            except UnicodeDecodeError:
                pass
        raise ReadError(origin, "binary file (contains NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8"), origin)
    except UnicodeDecodeError:
        pass
    return _check_text(_decode_legacy(data, origin), origin)


def _decode_legacy(data: bytes, origin: str) -> str:
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.25:
        raise ReadError(origin, "undecodable bytes: not UTF-8, UTF-16, or any single-byte encoding "
                                "that gives readable text")
    text = str(best)
    # Short Western texts are often taken for one of cp1252's single-byte twins (cp1250, cp1257,
    # mac_latin2...), whose mess ratios differ by a few hundredths at most. cp1252 wins any
    # near-tie, being by far the most common legacy encoding of English-language news.
    if best.encoding != "cp1252":
        try:
            alt = data.decode("cp1252")
        except UnicodeDecodeError:
            return text
        if mess_ratio(alt) <= best.chaos + 0.1:
            return alt
    return text


def _check_text(text: str, origin: str) -> str:
    if not text.strip():
        raise ReadError(origin, "empty file (only whitespace)")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(10, len(text[:20000]) // 100):
        raise ReadError(origin, "binary file (control characters), not text")
    return text


def _check_lines(text: str, origin: str) -> None:
    start = 0
    n = len(text)
    while start < n:
        nl = text.find("\n", start)
        end = n if nl < 0 else nl
        if end - start > MAX_LINE_CHARS:
            raise ReadError(origin, f"a line of {end - start:,} characters without a break "
                                    f"(limit {MAX_LINE_CHARS:,}): not article prose")
        start = end + 1


# -- building articles -----------------------------------------------------------------------


def read_text(text: str, id: str = "article", metadata: Mapping[str, Any] | None = None,
              origin: str = "") -> Article:
    """An Article from text already in memory (the text is kept exactly as given)."""
    origin = origin or id
    if not isinstance(text, str):
        raise ReadError(origin, f"'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise ReadError(origin, "empty article (no text)")
    _check_lines(text, origin)
    metadata = dict(metadata or {})
    return Article(id=str(id), text=text, metadata=metadata, paragraphs=segment(text, metadata),
                   origin=origin)


def read_html(html: str | bytes, id: str = "article", origin: str = "") -> Article:
    """An Article from an HTML page: its main text through trafilatura, with title/author/date.

    Offsets refer to the extracted text, which the Article holds.
    """
    import trafilatura

    origin = origin or id
    doc = trafilatura.bare_extraction(html, include_comments=False, favor_precision=True,
                                      with_metadata=True)
    if doc is None or not (doc.text or "").strip():
        raise ReadError(origin, "no article text found in the HTML page")
    meta = {k: getattr(doc, k) for k in ("title", "author", "date", "sitename", "url")
            if getattr(doc, k, None)}
    meta["format"] = "html"
    return read_text(doc.text, id=id, metadata=meta, origin=origin)


def _looks_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "<" == head[:1])


def _looks_jsonl(text: str) -> bool:
    return text.lstrip().startswith("{")


def _record(obj: Any, origin: str, default_id: str) -> Article:
    if not isinstance(obj, dict):
        raise ReadError(origin, f"expected a JSON object, got {type(obj).__name__}")
    if "text" not in obj:
        raise ReadError(origin, "no 'text' field")
    meta = dict(obj.get("meta") or {}) if isinstance(obj.get("meta"), dict) else {}
    for k, v in obj.items():
        if k not in ("id", "text", "meta", "attributions"):
            meta.setdefault(k, v)
    return read_text(obj["text"], id=str(obj.get("id", default_id)), metadata=meta, origin=origin)


def iter_jsonl(lines: Iterable[bytes | str], origin: str) -> Iterator[Article | ArticleError]:
    """Articles of a JSONL stream, one a line; a bad line becomes an ArticleError."""
    stem = Path(origin).stem or "stdin"
    seen = False
    for n, raw in enumerate(lines, 1):
        where = f"{origin}:{n}"
        try:
            if isinstance(raw, bytes):
                if len(raw) > MAX_RECORD_BYTES:
                    raise ReadError(where, f"line of {len(raw) / 1e6:.1f} MB exceeds the "
                                           f"{MAX_RECORD_BYTES / 1e6:.0f} MB limit for one article")
                try:
                    raw = raw.decode("utf-8-sig" if n == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    raise ReadError(where, f"undecodable bytes: JSONL must be UTF-8 ({exc.reason} "
                                           f"at byte {exc.start})") from None
            if not raw.strip():
                continue
            seen = True
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ReadError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
            yield _record(obj, where, f"{stem}:{n}")
        except ReadError as exc:
            seen = True
            yield ArticleError(exc.origin, exc.message)
    if not seen:
        yield ArticleError(origin, "empty file (no JSONL records)")


def read_bytes(data: bytes, origin: str, id: str | None = None,
               kind: str | None = None) -> Iterator[Article | ArticleError]:
    """Articles in ``data`` (text, HTML or JSONL, sniffed unless ``kind`` says)."""
    try:
        if kind == "jsonl" or (kind is None and data.lstrip()[:1] == b"{"):
            yield from iter_jsonl(data.splitlines(), origin)
            return
        if len(data) > MAX_FILE_BYTES:
            raise ReadError(origin, f"file of {len(data) / 1e6:.1f} MB exceeds the "
                                    f"{MAX_FILE_BYTES / 1e6:.0f} MB limit for one article "
                                    "(for a corpus, use JSONL: one article a line)")
        text = decode(data, origin)
        ident = id or Path(origin).stem or "article"
        if kind == "html" or (kind is None and _looks_html(text)):
            yield read_html(text, id=ident, origin=origin)
        else:
            yield read_text(text, id=ident, origin=origin)
    except ReadError as exc:
        yield ArticleError(exc.origin, exc.message)


def read_path(path: str | Path) -> Iterator[Article | ArticleError]:
    """Articles from a file, a directory (recursively, in sorted order) or ``-`` (stdin)."""
    if str(path) == "-":
        yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", id="stdin")
        return
    p = Path(path)
    origin = str(path)
    if not p.exists():
        yield ArticleError(origin, "no such file or directory")
        return
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))
        if not files:
            yield ArticleError(origin, "directory holds no articles (looked for "
                                       + ", ".join(f"*{s}" for s in ARTICLE_SUFFIXES) + ")")
            return
        for f in files:
            yield from read_path(f)
        return
    suffix = p.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            with p.open("rb") as fh:
                yield from iter_jsonl(fh, origin)
            return
        if p.stat().st_size > MAX_FILE_BYTES:
            yield ArticleError(origin, f"file of {p.stat().st_size / 1e6:.1f} MB exceeds the "
                                       f"{MAX_FILE_BYTES / 1e6:.0f} MB limit for one article "
                                       "(for a corpus, use JSONL: one article a line)")
            return
        data = p.read_bytes()
    except OSError as exc:
        yield ArticleError(origin, f"cannot read: {exc.strerror or exc}")
        return
    kind = "html" if suffix in HTML_SUFFIXES else ("text" if suffix in TEXT_SUFFIXES else None)
    yield from read_bytes(data, origin, kind=kind)


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | ArticleError]:
    """Every article under ``paths``, in order; unreadable ones as :class:`ArticleError`."""
    for path in paths:
        yield from read_path(path)


def read(path: str | Path) -> Article:
    """The one article in ``path`` (the first, for a JSONL file); raises :class:`ReadError`."""
    for item in read_path(path):
        if isinstance(item, ArticleError):
            raise ReadError(item.origin, item.message)
        return item
    raise ReadError(str(path), "no article found")
