"""Every input a corpus comes in, read as a stream of articles, cut into partitions.

A corpus is files and folders of plain text, HTML pages, JSONL, CSV/TSV, Parquet or WARC (web
archive) records, any of them but Parquet possibly compressed (gzip, bz2, xz, zstd), or stdin.
Nothing is loaded whole: :func:`plan` cuts the inputs into :class:`Partition` s of about
``InputOptions.part_articles`` articles, and :func:`read_partition` reads one of them. Most
partitions only say where to read (a batch of files, a byte range of a JSONL file at line
boundaries, a range of Parquet rows, a byte range of WARC records), so that worker processes
read their own input; only streams that cannot be cut (stdin, compressed JSONL, CSV) carry their
raw records with them, read by the planner.

Plans are deterministic: the same inputs and options give the same partitions, which is what lets
an interrupted run resume. Bad input never raises: each problem becomes an
:class:`~newslib.model.ArticleError` naming the file (and line, row or offset) in the article's
place, and the rest goes on.
"""

from __future__ import annotations

import bz2
import contextlib
import csv
import gzip
import io
import itertools
import json
import lzma
import os
import sys
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .model import Article, ArticleError
from .reading import (
    MAX_FILE_BYTES,
    MAX_RECORD_BYTES,
    ReadError,
    iter_jsonl,
    jsonl_article,
    read_bytes,
    read_text,
)
from .warc import pages_in, record_offsets, stream_pages, warc_article

FORMATS = ("text", "html", "jsonl", "csv", "tsv", "parquet", "warc")
SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
            ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
            ".parquet": "parquet", ".pq": "parquet", ".warc": "warc", ".arc": "warc"}
"""File endings and the format they name (after a compression ending is taken off)."""
COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd", ".zstd": "zstd"}
TEXT_COLUMNS = ("text", "body", "content", "article", "article_text", "full_text", "fulltext", "maintext",
                "story", "document")
"""Column names taken as the article text, in order, when ``--text-column`` is not given."""
ID_COLUMNS = ("id", "guid", "uuid", "article_id", "doc_id", "docid", "document_id", "story_id", "url", "link")
"""Column names taken as the article id when ``--id-column`` is not given (else the row number)."""


@dataclass(frozen=True)
class InputOptions:
    """How inputs are read and cut; one object, passed to the workers with each partition."""

    text_column: str | None = None
    id_column: str | None = None
    input_format: str | None = None
    """Format of stdin and of files whose ending names none (default: sniffed)."""
    part_articles: int = 1000
    """Articles in a partition, about: the unit of parallel work, of output parts and of resume."""
    part_bytes: int = 4_000_000
    """Bytes of a JSONL file in a partition, about (cut at line boundaries)."""


@dataclass(frozen=True)
class Partition:
    """Where one partition's articles are: its ``kind`` says how :func:`read_partition` reads it.

    ``files``: whole single-article files; ``lines``: bytes ``[start, stop)`` of a JSONL file,
    whose first line is number ``first``; ``rows``: rows ``[start, stop)`` of a Parquet file;
    ``warc``: the records starting in bytes ``[start, stop)`` of a WARC file; ``records``: raw
    records read by the planner, ``(origin, payload)``, parsed as ``format`` says (a JSONL line,
    a CSV row, a WARC page, a whole text or HTML file); ``error``: an input that failed as a
    whole (``records`` holds one ``(origin, message)``).
    """

    index: int
    kind: str
    path: str = ""
    format: str = ""
    compression: str = ""
    start: int = 0
    stop: int = -1
    first: int = 1
    files: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    """The id of each of ``files`` (see :func:`file_name`)."""
    records: tuple[tuple[str, Any], ...] = ()
    columns: tuple[str, str] = ("", "")
    """A table's text and id columns (``rows``, and CSV ``records``)."""
    articles: int | None = None
    """How many articles it holds, where that is known without reading them."""
    name: str = ""
    """The file's name in ids: a record without an id is ``name:line`` (see :func:`file_name`)."""

    @property
    def origin(self) -> str:
        """The file as origins name it: printable, on one line."""
        return printable(self.path)


@dataclass
class _Planner:
    options: InputOptions
    index: itertools.count = field(default_factory=itertools.count)

    def make(self, kind: str, **kw: Any) -> Partition:
        return Partition(next(self.index), kind, **kw)


# -- names -----------------------------------------------------------------------------------


def printable(path: str) -> str:
    """A path as it is shown and recorded (origins, ids, error lines): a file name's undecodable
    bytes (``os.fsdecode``'s surrogates) as ``\\xNN`` and control characters (a newline in a name)
    as escapes, so every record can be written as UTF-8 and every error stays one line."""
    if path.isprintable():
        return path
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        path = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in path)


def file_name(path: str, root: str | None = None) -> str:
    """The name a file gives its articles' ids. Under a folder given as input: the path relative
    to that folder, with ``/`` separators and every ending kept (``business/001.txt``), so files
    of the same name in different folders never collide; a file given by itself: its name
    without its endings (``seeds/a.txt`` -> ``a``, ``b.html.gz`` -> ``b``)."""
    if root is not None:
        return printable(Path(os.path.relpath(path, root)).as_posix())
    name = Path(path).name
    stem = name[: -len("".join(Path(name).suffixes))] if input_format(name)[1] else Path(name).stem
    return printable(stem or name)


def derived_id(name: str, n: int) -> str:
    """The id of a record (JSONL line, CSV or Parquet row) without one: ``name:line``."""
    return f"{name or 'stdin'}:{n}"


@cache
def _skipped_names() -> frozenset[str]:
    from .lexicons import read_lexicon

    return frozenset(n.lower() for n in read_lexicon("skipped_files.txt"))


def skipped(name: str) -> bool:
    """A folder's documentation (``README.TXT``, ``LICENSE``, …: ``data/skipped_files.txt``),
    not one of its articles."""
    return name.split(".", 1)[0].lower() in _skipped_names()


# -- formats ---------------------------------------------------------------------------------


def input_format(path: str | Path, options: InputOptions | None = None) -> tuple[str | None, str]:
    """``(format, compression)``: the format ``input_format`` names (honoured for every file,
    whatever its ending), else the file's endings' (``a.jsonl.gz`` -> jsonl, gzip), else ``None``
    (sniffed)."""
    name = Path(path).name.lower()
    compression = next((c for s, c in COMPRESSIONS.items() if name.endswith(s)), "")
    if compression:
        name = name[: name.rfind(".")]
    if options is not None and options.input_format:
        return options.input_format, compression
    return SUFFIXES.get(Path(name).suffix), compression


def open_binary(path: str | Path, compression: str = "") -> io.BufferedIOBase:
    """The file's bytes, decompressed as its ending says (every reader here is buffered)."""
    if compression == "gzip":
        return gzip.open(path, "rb")
    if compression == "bz2":
        return bz2.open(path, "rb")
    if compression == "xz":
        return lzma.open(path, "rb")
    if compression == "zstd":
        import zstandard

        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True))
    return open(path, "rb")


CORRUPT = (EOFError, zlib.error, lzma.LZMAError, gzip.BadGzipFile, OSError, ValueError)
"""What a truncated or corrupt compressed stream raises (zstandard's error is a ValueError)."""


def _corrupt(origin: str, exc: BaseException, compression: str) -> ArticleError:
    what = f"corrupt or truncated {compression} data" if compression else "cannot read"
    detail = " ".join(str(getattr(exc, "strerror", None) or exc or type(exc).__name__).split())
    return ArticleError(origin, f"{what}: {detail}")


def _columns(names: Sequence[str], origin: str, options: InputOptions) -> tuple[str, str]:
    """``(text column, id column or "")`` of a table, as asked or found among the usual names."""
    lower = {n.lower(): n for n in names}

    def pick(asked: str | None, usual: tuple[str, ...], what: str) -> str:
        if asked:
            if asked not in names:
                raise ReadError(origin, f"no column {asked!r} (the file has: {', '.join(names)})")
            return asked
        found = next((lower[u] for u in usual if u in lower), "")
        if not found and what == "text":
            raise ReadError(origin, f"no text column (looked for {', '.join(usual[:4])}, …; the file has: "
                                    f"{', '.join(names)}): name it with --text-column")
        return found

    return pick(options.text_column, TEXT_COLUMNS, "text"), pick(options.id_column, ID_COLUMNS, "id")


def _meta_value(v: Any) -> Any:
    """A metadata value as a table cell: scalars as they are, anything nested as JSON text."""
    if v is None or isinstance(v, str | int | float | bool):
        return v
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return json.dumps(v, ensure_ascii=False, default=str)


def row_article(row: dict[str, Any], columns: tuple[str, str], origin: str, default_id: str) -> Article:
    """An Article from a table row: the text column, the id column, every other column as metadata."""
    text_col, id_col = columns
    text = row.get(text_col)
    if text is None:
        raise ReadError(origin, f"empty article (no value in column {text_col!r})")
    if len(text) > MAX_FILE_BYTES:
        raise ReadError(origin, f"a cell of {len(text) / 1e6:.1f} MB in column {text_col!r} exceeds the "
                                f"{MAX_FILE_BYTES / 1e6:.0f} MB limit for one article")
    ident = row.get(id_col) if id_col else None
    meta = {k: _meta_value(v) for k, v in row.items() if k not in (text_col, id_col)}
    return read_text(text if isinstance(text, str) else str(text), id=str(ident) if ident not in (None, "") else
                     default_id, metadata=meta, origin=origin)


# -- planning --------------------------------------------------------------------------------


def plan(paths: Iterable[str | Path] | str | Path, options: InputOptions | None = None) -> Iterator[Partition]:
    """The partitions of ``paths`` (files, folders walked in sorted order, ``-`` for stdin), in
    input order, numbered from 0. Lazy: records that travel with their partition are read only
    as the partitions are taken."""
    options = options or InputOptions()
    if isinstance(paths, str | Path):
        paths = [paths]
    planner = _Planner(options)
    batch: list[tuple[str, str]] = []
    for item in _expand(paths):
        if isinstance(item, tuple) and _single(item[0], options):
            batch.append(item)
            if len(batch) >= min(options.part_articles, 100):
                yield _files(planner, batch)
                batch = []
            continue
        if batch:
            yield _files(planner, batch)
            batch = []
        if isinstance(item, ArticleError):
            yield planner.make("error", records=((item.origin, item.message),), articles=1)
        else:
            yield from _plan_file(planner, *item)
    if batch:
        yield _files(planner, batch)


def _files(planner: _Planner, batch: list[tuple[str, str]]) -> Partition:
    return planner.make("files", files=tuple(p for p, _ in batch), names=tuple(n for _, n in batch),
                        articles=len(batch))


def _single(path: str, options: InputOptions) -> bool:
    """A file holding one article (text or HTML, maybe compressed; unknown endings are sniffed)."""
    fmt, _ = input_format(path, options)
    return path != "-" and fmt in ("text", "html", None)


def _expand(paths: Iterable[str | Path]) -> Iterator[tuple[str, str] | ArticleError]:
    """``(path, name in ids)`` of every input file, or an error in the place of a bad path."""
    for path in paths:
        p = str(path)
        if p == "-":
            yield p, "stdin"
        elif os.path.isdir(p):
            yield from _walk_root(p)
        elif not os.path.exists(p) and not os.path.islink(p):
            yield ArticleError(printable(p), "no such file or directory")
        else:
            yield p, file_name(p)


def _walk_root(root: str) -> Iterator[tuple[str, str] | ArticleError]:
    found = False
    for entry in _walk(Path(root), {os.path.realpath(root)}):
        if isinstance(entry, str):
            found = True
            yield entry, file_name(entry, root)
        else:
            yield entry
    if not found:
        yield ArticleError(printable(root), "directory holds no articles (looked for "
                                            + ", ".join(f"*{s}" for s in SUFFIXES) + ", compressed or not)")


def _walk(directory: Path, seen: set[str]) -> Iterator[str | ArticleError]:
    """Input files under ``directory`` in sorted path order, hidden entries and a folder's
    documentation (:func:`skipped`) left out, with an error for each subdirectory that cannot
    be listed; linked directories are followed, each once."""
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield ArticleError(printable(str(directory)), f"cannot read directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_dir(entry):
            real = os.path.realpath(entry.path)
            if real not in seen:
                seen.add(real)
                yield from _walk(Path(entry.path), seen)
        elif input_format(entry.name)[0] and not skipped(entry.name):
            yield entry.path


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _plan_file(planner: _Planner, path: str, name: str) -> Iterator[Partition]:
    fmt, compression = input_format(path, planner.options)
    origin = printable(path)
    try:
        if path == "-":
            yield from _plan_stdin(planner)
        elif fmt == "jsonl" and not compression:
            yield from _plan_lines(planner, path, name)
        elif fmt == "parquet":
            yield from _plan_rows(planner, path, name)
        elif fmt == "warc":
            yield from _plan_warc(planner, path, compression, name)
        else:  # compressed JSONL, CSV, TSV: streams that cannot be cut, read here
            yield from _plan_records(planner, fmt or "jsonl", _file_records(path, fmt or "jsonl", compression,
                                                                            planner.options), name, origin)
    except ReadError as exc:
        yield planner.make("error", records=((printable(exc.origin), exc.message),), articles=1)
    except CORRUPT as exc:
        err = _corrupt(origin, exc, compression)
        yield planner.make("error", records=((err.origin, err.message),), articles=1)


def _plan_lines(planner: _Planner, path: str, name: str) -> Iterator[Partition]:
    """A JSONL file cut into byte ranges at line boundaries, each of at most ``part_articles``
    lines or about ``part_bytes`` bytes: one pass over the lines, nothing parsed, and a line of
    any length read in pieces."""
    opts = planner.options
    size = os.path.getsize(path)
    if size == 0:
        raise ReadError(path, "empty file (no JSONL records)")
    start = pos = lines = 0
    first = 1
    with open(path, "rb") as fh:
        while raw := fh.readline(1 << 20):
            pos += len(raw)
            if not raw.endswith(b"\n") and pos < size:
                continue  # a piece of a long line
            lines += 1
            if lines >= opts.part_articles or pos - start >= opts.part_bytes or pos == size:
                yield planner.make("lines", path=path, format="jsonl", start=start, stop=pos, first=first,
                                   articles=lines, name=name)
                start, first, lines = pos, first + lines, 0


def _plan_records(planner: _Planner, fmt: str, records: Iterator[tuple[str, Any]], name: str, origin: str,
                  columns: tuple[str, str] = ("", "")) -> Iterator[Partition]:
    """Records read here, sent with their partition: at most ``part_articles`` of them and about
    ``part_bytes`` bytes, so a partition of long records holds fewer of them."""
    got_any = False
    while chunk := _take(records, planner.options.part_articles, planner.options.part_bytes):
        got_any = True
        yield planner.make("records", format=fmt, records=chunk, columns=columns, articles=len(chunk), name=name)
    if not got_any:
        raise ReadError(origin, f"empty file (no {fmt.upper()} records)")


def _take(records: Iterator[tuple[str, Any]], most: int, size: int) -> tuple[tuple[str, Any], ...]:
    chunk: list[tuple[str, Any]] = []
    held = 0
    for record in records:
        chunk.append(record)
        held += _size(record[1])
        if len(chunk) >= most or held >= size:
            break
    return tuple(chunk)


def _size(payload: Any) -> int:
    """About how many bytes a record holds (a line, a row's cells, a page)."""
    if isinstance(payload, bytes | str):
        return len(payload)
    if isinstance(payload, tuple) and payload and isinstance(payload[0], dict):
        return sum(len(v) for v in payload[0].values() if isinstance(v, str | bytes))
    if isinstance(payload, tuple) and len(payload) == 2 and isinstance(payload[1], bytes):
        return len(payload[1])
    return 64


def _file_records(path: str, fmt: str, compression: str, options: InputOptions) -> Iterator[tuple[str, Any]]:
    with open_binary(path, compression) as fh:
        if fmt == "jsonl":
            yield from _line_records(fh, printable(path), 1)
        elif fmt in ("csv", "tsv"):
            yield from _csv_records(fh, printable(path), fmt, options)
        else:
            raise ReadError(path, f"{fmt} cannot be read from a compressed file")


def _line_records(fh: io.BufferedIOBase, origin: str, first: int) -> Iterator[tuple[str, Any]]:
    """``(origin:line, raw line)`` of a JSONL stream; a line over the limit is read past."""
    from .reading import iter_lines

    for n, raw in enumerate(iter_lines(fh), first):
        yield f"{origin}:{n}", raw


# -- CSV and TSV -------------------------------------------------------------------------------

DELIMITERS = (",", "\t", ";", "|")
"""The delimiters a CSV file is sniffed for, the first preferred on a tie (a ``.tsv`` file or
``--input-format tsv``: tab only)."""


class _BadLine(Exception):
    """A line of a CSV stream that cannot be a row (too long, undecodable): one error record."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


class _Lines:
    """The decoded lines of a binary stream, for :mod:`csv`: a line over
    :data:`~newslib.reading.MAX_RECORD_BYTES` is read past in pieces (never held whole) and, like
    an undecodable line, raises :class:`_BadLine` from ``next()``; the reader goes on after it.
    ``n`` counts the lines taken so far."""

    def __init__(self, fh: io.BufferedIOBase) -> None:
        self.fh, self.n = fh, 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        raw = self.fh.readline(MAX_RECORD_BYTES + 1)
        if not raw:
            raise StopIteration
        self.n += 1
        if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
            size = len(raw)
            while (more := self.fh.readline(1 << 20)) and not more.endswith(b"\n"):
                size += len(more)
            raise _BadLine(self.n, f"line of {(size + len(more)) / 1e6:.1f} MB exceeds the "
                                   f"{MAX_RECORD_BYTES / 1e6:.0f} MB limit for one row (skipped unread)")
        try:
            return raw.decode("utf-8-sig" if self.n == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise _BadLine(self.n, f"undecodable bytes: CSV must be UTF-8 ({exc.reason} at byte {exc.start} "
                                   "of the line)") from None


def csv_delimiter(header: str, fmt: str, origin: str, options: InputOptions) -> str:
    """The delimiter of a CSV/TSV file, from its header line: among :data:`DELIMITERS`, the one
    whose split finds the text column (asked, or one of the usual names), then the most columns;
    whatever the file's ending, since a tab-separated ``.csv`` is the usual export."""
    candidates = ("\t",) if fmt == "tsv" else DELIMITERS

    def score(d: str) -> tuple[bool, int]:
        names = next(csv.reader([header], delimiter=d), [])
        try:
            _columns(names, origin, options)
            found = True
        except ReadError:
            found = False
        return found, len(names)

    return max(candidates, key=lambda d: (*score(d), -candidates.index(d)))


def _csv_records(fh: io.BufferedIOBase, origin: str, fmt: str, options: InputOptions) -> Iterator[tuple[str, Any]]:
    """``(origin:line, (row, columns))`` of a CSV or TSV stream, the header giving the names and
    the delimiter (:func:`csv_delimiter`). A row that cannot be parsed (a line or field over the
    limit, bad bytes, more cells than the header, a quote that swallowed the next rows) is
    ``(origin:line, error message)``: one error record, and the rows after it are read."""
    csv.field_size_limit(MAX_RECORD_BYTES)
    lines = _Lines(fh)
    try:
        first = next(lines)
    except StopIteration:
        raise ReadError(origin, f"empty file (no {fmt.upper()} header)") from None
    except _BadLine as exc:
        raise ReadError(f"{origin}:1", f"unreadable header: {exc.message}") from None
    delimiter = csv_delimiter(first, fmt, origin, options)
    header = next(csv.reader([first], delimiter=delimiter), [])
    columns = _columns(header, origin, options)
    reader = csv.reader(lines, delimiter=delimiter)
    while True:
        start = lines.n + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except _BadLine as exc:
            yield f"{origin}:{exc.line}", exc.message
            continue
        except csv.Error as exc:
            yield f"{origin}:{start}", f"unparsable row: {' '.join(str(exc).split())}"
            continue
        if not row:
            continue
        problem = _row_problem(row, header, lines.n - start + 1)
        yield f"{origin}:{start}", problem or (dict(zip(header, row, strict=False)), columns)


def _row_problem(row: list[str], header: list[str], lines: int) -> str:
    """Why a parsed row is not one row of the table, or ``""``: more cells than the header has
    names, or a row run over several lines with the wrong number of cells (a stray quote merged
    it with the rows after it)."""
    if len(row) > len(header) or (lines > 1 and len(row) != len(header)):
        return (f"row of {len(row)} cells where the header has {len(header)}"
                + (f", over {lines} lines (a stray quote?)" if lines > 1 else ""))
    return ""


# -- Parquet and WARC ----------------------------------------------------------------------------


def _plan_rows(planner: _Planner, path: str, name: str) -> Iterator[Partition]:
    """A Parquet file cut into row ranges; only its footer is read here."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path)
    columns = _columns(meta.schema_arrow.names, path, planner.options)
    rows = meta.metadata.num_rows
    if rows == 0:
        raise ReadError(path, "empty file (no Parquet rows)")
    step = planner.options.part_articles
    for start in range(0, rows, step):
        stop = min(rows, start + step)
        yield planner.make("rows", path=path, format="parquet", start=start, stop=stop, columns=columns,
                           articles=stop - start, name=name)


WARC_PART = 200
"""WARC pages in a partition at most: extracting a page's text costs more than analysing it."""


def _plan_warc(planner: _Planner, path: str, compression: str, name: str) -> Iterator[Partition]:
    """A WARC file cut into byte ranges of whole records (each gzip member is a record, so a
    worker can start at any record's offset); the planner reads headers only."""
    limit = min(planner.options.part_articles, WARC_PART)
    pages: list[int] = []
    for offset, page in record_offsets(path):
        if pages and (len(pages) == limit or offset < 0):
            yield planner.make("warc", path=path, format="warc", start=pages[0], stop=abs(offset),
                               articles=len(pages), name=name)
            pages = []
        if page:
            pages.append(offset)


def _plan_stdin(planner: _Planner) -> Iterator[Partition]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or sys.stdin.closed:
        raise ReadError("<stdin>", "standard input is closed")
    head = stream.peek(8)[:8]
    if head[:2] == b"\x1f\x8b":
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream))
        head = stream.peek(8)[:8]
    fmt = planner.options.input_format or _sniff(head, stream)
    if fmt == "jsonl":
        yield from _plan_records(planner, fmt, _line_records(stream, "<stdin>", 1), "stdin", "<stdin>")
    elif fmt in ("csv", "tsv"):
        yield from _plan_records(planner, fmt, _csv_records(stream, "<stdin>", fmt, planner.options), "stdin",
                                 "<stdin>")
    elif fmt == "warc":
        yield from _plan_records(planner, fmt, stream_pages(stream, "<stdin>"), "stdin", "<stdin>")
    elif fmt == "parquet":
        raise ReadError("<stdin>", "Parquet cannot be read from stdin: give the file")
    else:
        data = stream.read(MAX_FILE_BYTES + 1)
        yield planner.make("records", format=fmt or "", records=(("<stdin>", data),), articles=1, name="stdin")


def _sniff(head: bytes, stream: io.BufferedReader) -> str:
    if head.startswith(b"WARC/"):
        return "warc"
    return "jsonl" if stream.peek(4096).lstrip()[:1] == b"{" else ""


# -- reading a partition ---------------------------------------------------------------------


def read_partition(part: Partition) -> Iterator[Article | ArticleError]:
    """The articles of one partition, in order; run by the worker that analyses them."""
    if part.kind == "error":
        yield from (ArticleError(origin, message) for origin, message in part.records)
    elif part.kind == "files":
        for path, name in zip(part.files, part.names or map(file_name, part.files), strict=True):
            yield from read_file(path, name)
    elif part.kind == "records":
        for origin, payload in part.records:
            yield _record_article(part.format, origin, payload, part.name)
    else:
        reader = {"lines": _read_lines, "rows": _read_rows, "warc": _read_warc}[part.kind]
        try:
            yield from reader(part)
        except CORRUPT as exc:
            yield _corrupt(part.origin, exc, part.compression)


def read_file(path: str, name: str | None = None) -> Iterator[Article | ArticleError]:
    """The article of a single-article file (text or HTML, compressed or not, sniffed where the
    ending names no format), its id ``name`` (default: :func:`file_name`)."""
    fmt, compression = input_format(path)
    origin, ident = printable(path), name or file_name(path)
    try:
        with open_binary(path, compression) as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except CORRUPT as exc:
        yield _with_id(_corrupt(origin, exc, compression), ident)
        return
    for item in read_bytes(data, origin, id=ident or "article", kind=fmt):
        yield _with_id(item, ident) if isinstance(item, ArticleError) else item


def _with_id(error: ArticleError, ident: str | None) -> ArticleError:
    """An error record with the id its article would have had (``None`` where none is known)."""
    return error if error.id or not ident else ArticleError(error.origin, error.message, id=ident)


def _record_article(fmt: str, origin: str, payload: Any, name: str = "") -> Article | ArticleError:
    _, _, n = origin.rpartition(":")
    default_id = derived_id(name, int(n)) if n.isdigit() else (name or origin)
    try:
        if isinstance(payload, str) and fmt in ("csv", "tsv"):  # a row that could not be parsed
            raise ReadError(origin, payload)
        if fmt == "jsonl":
            return jsonl_article(payload, origin, int(n), default_id) or ArticleError(origin, "empty line")
        if fmt in ("csv", "tsv", "parquet"):
            row, columns = payload
            return row_article(row, columns, origin, default_id)
        if fmt == "warc":
            headers, html = payload
            return warc_article(headers, html, origin=origin)
        (item,) = read_bytes(payload, origin, id="stdin", kind=fmt or None)
        return item
    except ReadError as exc:
        return ArticleError(exc.origin, exc.message, id=_given_id(fmt, payload) or default_id)


def _given_id(fmt: str, payload: Any) -> str | None:
    """The id a record that failed names itself by, where it names one (a WARC record's, a row's)."""
    if fmt == "warc":
        return payload[0].get("id") or None
    if fmt in ("csv", "tsv", "parquet") and isinstance(payload, tuple) and payload[1][1]:
        value = payload[0].get(payload[1][1])
        return None if value in (None, "") else str(value)
    return None


def _read_lines(part: Partition) -> Iterator[Article | ArticleError]:
    with open(part.path, "rb") as fh:
        fh.seek(part.start)
        chunk = io.BufferedReader(_Window(fh, part.stop - part.start), 1 << 20)
        yield from iter_jsonl(chunk, part.origin, first=part.first, whole=False, name=part.name)


class _Window(io.RawIOBase):
    """The next ``size`` bytes of a file, as a stream of their own."""

    def __init__(self, fh: io.BufferedReader, size: int) -> None:
        self.fh, self.left = fh, size

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        n = self.fh.readinto(memoryview(buf)[: min(len(buf), self.left)]) if self.left > 0 else 0
        self.left -= n or 0
        return n or 0


def _read_rows(part: Partition) -> Iterator[Article | ArticleError]:
    """Rows ``[start, stop)`` of a Parquet file, reading only the row groups they lie in."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(part.path)
    base = 0
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        lo, hi = max(part.start, base), min(part.stop, base + n)
        if lo < hi:
            table = pf.read_row_group(g).slice(lo - base, hi - lo)
            yield from _table_rows(part, table, lo + 1)
        base += n
        if base >= part.stop:
            return


def _table_rows(part: Partition, table: Any, first: int) -> Iterator[Article | ArticleError]:
    """The articles of rows of a Parquet file read into Arrow, row ``first`` first; a text cell
    over the limit is refused before it becomes a Python string (a copy of it, and more)."""
    text = part.columns[0]
    sizes = _cell_sizes(table, text)
    small = all(n <= MAX_FILE_BYTES for n in sizes)
    rows = table.to_pylist() if small else table.drop_columns([text]).to_pylist()
    for k, row in enumerate(rows):
        origin = f"{part.origin}:{first + k}"
        if sizes[k] > MAX_FILE_BYTES:
            yield ArticleError(origin, f"a cell of {sizes[k] / 1e6:.1f} MB in column {text!r} exceeds the "
                                       f"{MAX_FILE_BYTES / 1e6:.0f} MB limit for one article",
                               id=_given_id("parquet", (row, part.columns)) or derived_id(part.name, first + k))
            continue
        if not small:
            row = {**row, text: table.column(text)[k].as_py()}
        yield _record_article("parquet", origin, (row, part.columns), part.name)


def _cell_sizes(table: Any, column: str) -> list[int]:
    """The byte length of each cell of a table's text column, read from Arrow without a copy."""
    import pyarrow as pa
    import pyarrow.compute as pc

    col = table.column(column)
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type) or pa.types.is_binary(col.type)
            or pa.types.is_large_binary(col.type)):
        return [0] * table.num_rows
    return [n or 0 for n in pc.binary_length(col).to_pylist()]


def _read_warc(part: Partition) -> Iterator[Article | ArticleError]:
    for origin, page in pages_in(part.path, part.start, part.stop):
        yield _record_article("warc", part.origin + origin[len(part.path):], page, part.name)


# -- the stream of articles ------------------------------------------------------------------


def iter_articles(paths: Iterable[str | Path] | str | Path,
                  options: InputOptions | None = None) -> Iterator[Article | ArticleError]:
    """Every article under ``paths`` (one path, or several), in order; unreadable ones as
    :class:`~newslib.model.ArticleError` in their place. Memory stays flat in corpus size."""
    for part in plan(paths, options):
        yield from read_partition(part)


def read(path: str | Path, options: InputOptions | None = None) -> Article:
    """The one article in ``path``; raises :class:`ReadError` for an unreadable article, and for
    a file or folder holding several (taking the first would hide the rest): a corpus is read
    with :func:`iter_articles` or analysed with :func:`newslib.analyze_corpus`."""
    items = iter_articles(path, options)
    first = next(items, None)
    if first is None:
        raise ReadError(printable(str(path)), "no article found")
    if next(items, None) is not None:
        raise ReadError(printable(str(path)), "holds several articles, not one: read a corpus with "
                                              "newslib.iter_articles(path), or analyse it with "
                                              "newslib.analyze_corpus(path, DIR)")
    if isinstance(first, ArticleError):
        raise ReadError(first.origin, first.message)
    return first


# -- metadata fields -------------------------------------------------------------------------

HTML_FIELDS = ("title", "author", "date", "sitename", "url", "format")
"""Metadata an HTML page gives (trafilatura's); a WARC page adds ``warc_date``."""
SAMPLE_LINES = 200
"""JSONL lines read, per file, to learn its metadata fields (later ones go to ``meta_extra``);
each line read with the one-record limit, so an endless line is skipped, not loaded."""
MAX_META_FIELDS = 200
"""Metadata fields that become columns at most (first seen first); the rest go to ``meta_extra``:
a corpus with 10,000 distinct keys would otherwise make 10,000 columns in every table."""


def metadata_fields(paths: Iterable[str | Path] | str | Path, options: InputOptions | None = None) -> list[str]:
    """The metadata fields of a corpus, in order of first appearance: a table's columns (text and
    id aside), the keys of a JSONL file's first lines, the fields HTML pages give. A dataset has
    one column per field, so every part of it has the same schema."""
    options = options or InputOptions()
    fields: dict[str, None] = {}
    for item in _expand([paths] if isinstance(paths, str | Path) else paths):
        if isinstance(item, tuple) and item[0] != "-":
            with contextlib.suppress(ReadError, RecursionError, csv.Error, *CORRUPT):
                fields.update(dict.fromkeys(_fields_of(item[0], options)))
        if len(fields) >= MAX_META_FIELDS:
            break
    return list(fields)[:MAX_META_FIELDS]


def _fields_of(path: str, options: InputOptions) -> list[str]:
    fmt, compression = input_format(path, options)
    if fmt in ("html", "warc"):
        return [*HTML_FIELDS, *(["warc_date"] if fmt == "warc" else [])]
    if fmt == "parquet":
        import pyarrow.parquet as pq

        names = pq.ParquetFile(path).schema_arrow.names
        return [n for n in names if n not in _columns(names, path, options)]
    if fmt in ("csv", "tsv"):
        with open_binary(path, compression) as fh:
            first = next(_Lines(fh), "")
        header = next(csv.reader([first], delimiter=csv_delimiter(first, fmt, path, options)), [])
        return [n for n in header if n not in _columns(header, path, options)]
    if fmt == "jsonl":
        from .reading import iter_lines

        with open_binary(path, compression) as fh:
            return _jsonl_fields(x for x in itertools.islice(iter_lines(fh), SAMPLE_LINES) if not isinstance(x, int))
    return []


def _jsonl_fields(lines: Iterable[bytes | str]) -> list[str]:
    fields: dict[str, None] = {}
    for raw in lines:
        with contextlib.suppress(ValueError, RecursionError):
            obj = json.loads(raw)
            if isinstance(obj, dict):
                meta = obj.get("meta")
                meta = meta if isinstance(meta, dict) else {}
                fields.update(dict.fromkeys(k for k in (*meta, *obj) if k not in ("id", "text", "meta",
                                                                                   "attributions")))
    return list(fields)


def streams(paths: Iterable[str | Path] | str | Path, options: InputOptions | None = None) -> bool:
    """Whether any input can only be read as a stream (stdin, CSV, compressed JSONL): then its
    partitions carry their records and the number of articles is not known in advance."""
    for entry in _expand([paths] if isinstance(paths, str | Path) else paths):
        if isinstance(entry, tuple):
            item = entry[0]
            fmt, compression = input_format(item, options)
            if item == "-" or fmt in ("csv", "tsv") or (fmt == "jsonl" and compression):
                return True
    return False


def input_files(path: str | Path) -> list[tuple[str, int]]:
    """The input files under ``path`` with their sizes (stdin and missing files have none)."""
    out = []
    for item in _expand([path]):
        if isinstance(item, tuple) and item[0] != "-":
            with contextlib.suppress(OSError):
                out.append((item[0], os.path.getsize(item[0])))
    return out
