"""Reading one article: decoding bytes, plain text, HTML pages, JSONL records.

Whatever the input, an :class:`~newslib.model.Article` holds the exact text every offset refers
to: the decoded file for plain text, trafilatura's extracted main text for HTML, the ``text``
field for JSONL. The text is never normalised after decoding, so spans computed on it are spans
of what the user gave us. Files, folders, corpora and stdin are :mod:`newslib.inputs`' job.

Single-article helpers raise :class:`ReadError` (one line: origin, problem); the stream readers
(:func:`iter_jsonl`, :func:`read_bytes`) yield an :class:`~newslib.model.ArticleFailure` in a bad
article's place and go on.
"""

from __future__ import annotations

import codecs
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from .errors import NewslibError
from .model import Article, ArticleFailure
from .structure import segment

logger = logging.getLogger("newslib")
QUIETED = ("trafilatura", "htmldate", "courlan", "justext")
"""Libraries whose parse warnings are noise to a user: set to ERROR when newslib first extracts
a page (:func:`_quiet_extractors`), not when it is imported, so that a program that imports
newslib and never reads HTML keeps its own logging as it set it."""

MAX_FILE_BYTES = 10_000_000
"""A single text or HTML article above this size is refused: no news article is 10 MB of text."""
MAX_RECORD_BYTES = 10_000_000
"""Limit for one JSONL line (corpora themselves are streamed and have no size limit)."""
MAX_BAD_BYTES = 100
"""Invalid bytes a UTF-8 file may hold before it is refused (each is replaced by U+FFFD)."""
MIN_BODY_CHARS = 100
"""An HTML page whose extracted article text has fewer non-space characters has no article body
(a navigation page, a paywall, an error page): an error record, not an analysis of "Home"."""
RECALL_BELOW_WORDS = 150
"""A precision-first extraction under this many words is tried again for recall, and the recall
pass is kept when it finds at least twice the words: on a page whose markup hides the article
from the precision pass, it had kept 23 of ~180 words, silently."""
MAX_LINE_CHARS = 100_000
"""A line of text longer than this (with no paragraph break) is not article prose."""
_MAGIC = {
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (docx/xlsx/epub?)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
}


class ReadError(NewslibError):
    """An input that cannot be read as an article; ``str()`` is the one-line message."""


# -- decoding --------------------------------------------------------------------------------


def decode(data: bytes, origin: str = "<bytes>") -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16/32 (BOM or not), or a detected legacy
    single-byte encoding. Binary and undecodable data raise :class:`ReadError`."""
    if not data.strip():
        raise ReadError(origin, "empty file (no text)")
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _refuse_binary(data.decode(enc), origin)
            except UnicodeDecodeError as exc:
                raise ReadError(
                    origin, f"undecodable bytes: has a {enc} byte-order mark but {exc.reason} at byte {exc.start}"
                ) from None
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(origin, f"binary file ({what}), not text")
    if b"\x00" in data:
        sample = data[:4000]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if max(even, odd) > len(sample) / 4 and min(even, odd) < len(sample) / 50:
            try:
                return _refuse_binary(data.decode("utf-16-le" if odd > even else "utf-16-be"), origin)
            except UnicodeDecodeError:
                pass
        raise ReadError(origin, "binary file (contains NUL bytes), not text")
    try:
        return _refuse_binary(data.decode("utf-8"), origin)
    except UnicodeDecodeError:
        pass
    if _UTF8_MULTIBYTE.search(data):
        return _refuse_binary(_decode_utf8_with_errors(data, origin), origin)
    return _refuse_binary(_decode_legacy(data, origin), origin)


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
"""A well-formed UTF-8 multi-byte sequence: a file holding one is UTF-8, whatever else it holds
(a legacy code page's accented letters almost never pair up this way)."""


def _decode_utf8_with_errors(data: bytes, origin: str) -> str:
    """UTF-8 with its few invalid bytes replaced by U+FFFD, and a warning naming their positions.

    A UTF-8 file with one stray byte used to be decoded as a Cyrillic code page: every curly
    quote became two letters, silently. Replacing the bad bytes keeps the rest of the text true;
    a file with more than :data:`MAX_BAD_BYTES` of them is refused.
    """
    parts: list[str] = []
    bad: list[int] = []
    pos = 0
    while True:
        try:
            parts.append(data[pos:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            if len(bad) >= MAX_BAD_BYTES:
                raise ReadError(
                    origin,
                    f"undecodable bytes: UTF-8 with more than {MAX_BAD_BYTES} invalid "
                    f"bytes (the first at byte {bad[0]})",
                ) from None
            parts += [data[pos : pos + exc.start].decode("utf-8"), "\ufffd"]
            bad.extend(range(pos + exc.start, pos + exc.end))
            pos += exc.end
    where = ", ".join(map(str, bad[:5])) + (", …" if len(bad) > 5 else "")
    logger.warning(
        "%s: %d invalid UTF-8 byte%s replaced by U+FFFD (at byte %s)",
        origin,
        len(bad),
        "" if len(bad) == 1 else "s",
        where,
    )
    return "".join(parts)


def _decode_legacy(data: bytes, origin: str) -> str:
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.25:
        raise ReadError(
            origin, "undecodable bytes: not UTF-8, UTF-16, or any single-byte encoding that gives readable text"
        )
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


def _refuse_binary(text: str, origin: str) -> str:
    """Decoded text, unless it is blank or mostly control characters (binary that decoded)."""
    if not text.strip():
        raise ReadError(origin, "empty file (only whitespace)")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(10, len(text[:20000]) // 100):
        raise ReadError(origin, "binary file (control characters), not text")
    return text


def check_text(text: object, origin: str) -> str:
    """``text``, once checked: raise :class:`ReadError` unless it is analysable, a non-empty
    ``str`` of valid Unicode (a lone surrogate, which JSON's ``\\ud800`` escapes can carry, can be
    neither encoded nor tokenised) with no line beyond :data:`MAX_LINE_CHARS`."""
    if not isinstance(text, str):
        raise ReadError(origin, f"'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise ReadError(origin, "empty article (no text)")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ReadError(
            origin, f"invalid Unicode: a lone surrogate U+{ord(text[exc.start]):04X} at character {exc.start}"
        ) from None
    _check_lines(text, origin)
    return text


def _check_lines(text: str, origin: str) -> None:
    start = 0
    n = len(text)
    while start < n:
        nl = text.find("\n", start)
        end = n if nl < 0 else nl
        if end - start > MAX_LINE_CHARS:
            raise ReadError(
                origin,
                f"a line of {end - start:,} characters without a break (limit {MAX_LINE_CHARS:,}): not article prose",
            )
        start = end + 1


# -- building articles -----------------------------------------------------------------------


def read_text(text: str, id: str = "article", metadata: Mapping[str, Any] | None = None, origin: str = "") -> Article:
    """An Article from text already in memory (the text is kept exactly as given)."""
    origin = origin or id
    check_text(text, origin)
    metadata = dict(metadata or {})
    return Article(id=str(id), text=text, metadata=metadata, paragraphs=segment(text, metadata), origin=origin)


def read_html(html: str | bytes, id: str = "article", origin: str = "") -> Article:
    """An Article from an HTML page: its main text through trafilatura, with title/author/date.

    Offsets refer to the extracted text, which the Article holds.
    """
    from .workers import ArticleTimeout, time_limit

    origin = origin or id
    try:
        with time_limit("extracting the page's text"):
            doc = _extract(html)
    except ArticleTimeout as exc:
        raise ReadError(origin, str(exc)) from None
    if _body_chars(doc) < MIN_BODY_CHARS:
        found = " ".join((doc.text or "").split()) if doc is not None else ""
        raise ReadError(origin, "no article body found in the HTML page" + (f" (only {found[:60]!r})" if found else ""))
    meta = {k: getattr(doc, k) for k in ("title", "author", "date", "sitename", "url") if getattr(doc, k, None)}
    meta["format"] = "html"
    return read_text(doc.text, id=id, metadata=meta, origin=origin)


@cache
def _quiet_extractors() -> None:
    for name in QUIETED:
        logging.getLogger(name).setLevel(logging.ERROR)


def _extract(html: str | bytes) -> Any:
    """trafilatura's document: precision first, recall when precision kept too little."""
    import trafilatura

    _quiet_extractors()

    doc = trafilatura.bare_extraction(html, include_comments=False, favor_precision=True, with_metadata=True)
    if _body_words(doc) < RECALL_BELOW_WORDS:  # the precision pass may have kept too little
        wide = trafilatura.bare_extraction(html, include_comments=False, favor_recall=True, with_metadata=True)
        if _body_words(wide) >= 2 * _body_words(doc) or _body_chars(doc) < MIN_BODY_CHARS:
            doc = wide or doc
    return doc


def _body_words(doc: Any) -> int:
    return 0 if doc is None else len((doc.text or "").split())


def _body_chars(doc: Any) -> int:
    return 0 if doc is None else sum(not ch.isspace() for ch in doc.text or "")


def looks_html(text: str) -> bool:
    """Whether decoded text is an HTML page (a doctype, an ``<html>`` or ``<body>`` tag first)."""
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "<" == head[:1])


def looks_jsonl(data: bytes) -> bool:
    """Whether bytes are JSONL: a JSON object first."""
    return data.lstrip()[:1] == b"{"


def _record(obj: Any, origin: str, default_id: str, raw: str) -> Article:
    if not isinstance(obj, dict):
        raise ReadError(origin, f"expected a JSON object, got {type(obj).__name__}")
    if "text" not in obj:
        raise ReadError(origin, "no 'text' field")
    if "\\ud" in raw.lower():  # only a \\uXXXX escape can smuggle a lone surrogate into a field
        _check_unicode(obj, origin)
    meta = dict(obj.get("meta") or {}) if isinstance(obj.get("meta"), dict) else {}
    for k, v in obj.items():
        if k not in ("id", "text", "meta", "attributions"):
            meta.setdefault(k, v)
    ident = obj.get("id")
    return read_text(
        obj["text"], id=default_id if ident is None or ident == "" else str(ident), metadata=meta, origin=origin
    )


def _check_unicode(value: Any, origin: str, field: str = "") -> None:
    """Refuse a record any of whose strings holds a lone surrogate: it could not be written out."""
    if isinstance(value, dict):
        for k, v in value.items():
            _check_unicode(k, origin, field)
            _check_unicode(v, origin, f"{field}.{k}" if field else str(k))
    elif isinstance(value, list):
        for v in value:
            _check_unicode(v, origin, field)
    elif isinstance(value, str) and field != "text":  # the text gets its own, exact message
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ReadError(origin, f"invalid Unicode: a lone surrogate in field {field!r}") from None


def iter_lines(stream: Iterable[bytes | str]) -> Iterator[bytes | str | int]:
    """The lines of a stream; from a binary file, a line over :data:`MAX_RECORD_BYTES` is read
    past, not into memory, and given as its length."""
    readline = getattr(stream, "readline", None)
    if readline is None:
        yield from stream
        return
    while line := readline(MAX_RECORD_BYTES + 1):
        if len(line) <= MAX_RECORD_BYTES or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while (more := readline(1 << 20)) and not more.endswith(b"\n"):
            size += len(more)
        yield size + len(more)


def json_line(raw: bytes | str, where: str, n: int) -> tuple[Any, str] | None:
    """A JSONL line parsed, with its text; None for a blank line. UTF-8 (a BOM allowed on line
    1); bad bytes or bad JSON raise :class:`ReadError` naming ``where``."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise ReadError(
                where, f"undecodable bytes: JSONL must be UTF-8 ({exc.reason} at byte {exc.start})"
            ) from None
    if not raw.strip():
        return None
    try:
        return json.loads(raw), raw
    except json.JSONDecodeError as exc:
        raise ReadError(where, f"malformed JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ReadError(where, "malformed JSON (nested too deep to be an article record)") from None


def jsonl_article(raw: bytes | str | int, where: str, n: int, default_id: str) -> Article | None:
    if isinstance(raw, int) or len(raw) > MAX_RECORD_BYTES:
        size = raw if isinstance(raw, int) else len(raw)
        raise ReadError(
            where, f"line of {size / 1e6:.1f} MB exceeds the {MAX_RECORD_BYTES / 1e6:.0f} MB limit for one article"
        )
    parsed = json_line(raw, where, n)
    return None if parsed is None else _record(parsed[0], where, default_id, parsed[1])


def iter_jsonl(
    lines: Iterable[bytes | str], origin: str, first: int = 1, whole: bool = True, name: str | None = None
) -> Iterator[Article | ArticleFailure]:
    """Articles of a JSONL stream (lines, or a binary file), one a line, numbered from ``first``;
    a bad line becomes an ArticleFailure naming ``origin:line``. A record without an id (or with
    ``null``) gets ``name:line`` (``name`` defaults to the file's stem). ``whole`` streams with
    no record are an error (a part of a file may hold only blank lines)."""
    stem = name or Path(origin).stem or "stdin"
    seen = not whole
    for n, raw in enumerate(iter_lines(lines), first):
        where = f"{origin}:{n}"
        article: Article | ArticleFailure | None
        try:
            article = jsonl_article(raw, where, n, f"{stem}:{n}")
        except ReadError as exc:
            article = ArticleFailure(exc.origin, exc.message, id=f"{stem}:{n}")
        if article is not None:
            seen = True
            yield article
    if not seen:
        yield ArticleFailure(origin, "empty file (no JSONL records)")


def decode_page(data: bytes, origin: str) -> str:
    """The text of a file holding one article, decoded (:func:`decode`); :class:`ReadError` for
    one over :data:`MAX_FILE_BYTES`."""
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(
            origin,
            f"file of {len(data) / 1e6:.1f} MB exceeds the "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB limit for one article "
            "(for a corpus, use JSONL: one article a line)",
        )
    return decode(data, origin)


def read_bytes(
    data: bytes, origin: str, id: str | None = None, kind: str | None = None
) -> Iterator[Article | ArticleFailure]:
    """Articles in ``data`` (text, HTML or JSONL, sniffed unless ``kind`` says), for a caller
    holding bytes; a corpus's files are read by their formats (:mod:`newslib.inputs`), from the
    same pieces (:func:`decode_page`, :func:`looks_html`, :func:`iter_jsonl`)."""
    try:
        if kind == "jsonl" or (kind is None and looks_jsonl(data)):
            yield from iter_jsonl(data.splitlines(), origin)
            return
        text = decode_page(data, origin)
        ident = id or Path(origin).stem or "article"
        if kind == "html" or (kind is None and looks_html(text)):
            yield read_html(text, id=ident, origin=origin)
        else:
            yield read_text(text, id=ident, origin=origin)
    except ReadError as exc:
        yield ArticleFailure(exc.origin, exc.message)
