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
from pathlib import Path
from typing import IO, Any

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
    records: tuple[tuple[str, Any], ...] = ()
    columns: tuple[str, str] = ("", "")
    """A table's text and id columns (``rows``, and CSV ``records``)."""
    articles: int | None = None
    """How many articles it holds, where that is known without reading them."""


@dataclass
class _Planner:
    options: InputOptions
    index: itertools.count = field(default_factory=itertools.count)

    def make(self, kind: str, **kw: Any) -> Partition:
        return Partition(next(self.index), kind, **kw)


# -- formats ---------------------------------------------------------------------------------


def input_format(path: str | Path, options: InputOptions | None = None) -> tuple[str | None, str]:
    """``(format, compression)`` from the file's endings (``a.jsonl.gz`` -> jsonl, gzip); the
    format is ``None`` where the ending names none and no ``input_format`` was given."""
    name = Path(path).name.lower()
    compression = next((c for s, c in COMPRESSIONS.items() if name.endswith(s)), "")
    if compression:
        name = name[: name.rfind(".")]
    fmt = SUFFIXES.get(Path(name).suffix)
    return fmt or (options.input_format if options else None), compression


def open_binary(path: str | Path, compression: str = "") -> IO[bytes]:
    """The file's bytes, decompressed as its ending says."""
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
    batch: list[str] = []
    for item in _expand(paths):
        if isinstance(item, str) and _single(item, options):
            batch.append(item)
            if len(batch) >= min(options.part_articles, 100):
                yield planner.make("files", files=tuple(batch), articles=len(batch))
                batch = []
            continue
        if batch:
            yield planner.make("files", files=tuple(batch), articles=len(batch))
            batch = []
        if isinstance(item, ArticleError):
            yield planner.make("error", records=((item.origin, item.message),), articles=1)
        else:
            yield from _plan_file(planner, item)
    if batch:
        yield planner.make("files", files=tuple(batch), articles=len(batch))


def _single(path: str, options: InputOptions) -> bool:
    """A file holding one article (text or HTML, maybe compressed; unknown endings are sniffed)."""
    fmt, _ = input_format(path, options)
    return path != "-" and fmt in ("text", "html", None)


def _expand(paths: Iterable[str | Path]) -> Iterator[str | ArticleError]:
    for path in paths:
        p = str(path)
        if p == "-":
            yield p
        elif os.path.isdir(p):
            yield from _walk_root(Path(p))
        elif not os.path.exists(p) and not os.path.islink(p):
            yield ArticleError(p, "no such file or directory")
        else:
            yield p


def _walk_root(root: Path) -> Iterator[str | ArticleError]:
    found = False
    for entry in _walk(root, {os.path.realpath(root)}):
        found = found or isinstance(entry, str)
        yield entry
    if not found:
        yield ArticleError(str(root), "directory holds no articles (looked for "
                                      + ", ".join(f"*{s}" for s in SUFFIXES) + ", compressed or not)")


def _walk(directory: Path, seen: set[str]) -> Iterator[str | ArticleError]:
    """Input files under ``directory`` in sorted path order, hidden entries skipped, with an error
    for each subdirectory that cannot be listed; linked directories are followed, each once."""
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield ArticleError(str(directory), f"cannot read directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if _is_dir(entry):
            real = os.path.realpath(entry.path)
            if real not in seen:
                seen.add(real)
                yield from _walk(Path(entry.path), seen)
        elif input_format(entry.name)[0]:
            yield entry.path


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _plan_file(planner: _Planner, path: str) -> Iterator[Partition]:
    fmt, compression = input_format(path, planner.options)
    try:
        if path == "-":
            yield from _plan_stdin(planner)
        elif fmt == "jsonl" and not compression:
            yield from _plan_lines(planner, path)
        elif fmt == "parquet":
            yield from _plan_rows(planner, path)
        elif fmt == "warc":
            yield from _plan_warc(planner, path, compression)
        else:  # compressed JSONL, CSV, TSV: streams that cannot be cut, read here
            yield from _plan_records(planner, fmt or "jsonl", _file_records(path, fmt or "jsonl", compression,
                                                                            planner.options))
    except ReadError as exc:
        yield planner.make("error", records=((exc.origin, exc.message),), articles=1)
    except CORRUPT as exc:
        err = _corrupt(path, exc, compression)
        yield planner.make("error", records=((err.origin, err.message),), articles=1)


def _plan_lines(planner: _Planner, path: str) -> Iterator[Partition]:
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
                                   articles=lines)
                start, first, lines = pos, first + lines, 0


def _plan_records(planner: _Planner, fmt: str, records: Iterator[tuple[str, Any]],
                  columns: tuple[str, str] = ("", "")) -> Iterator[Partition]:
    got_any = False
    while chunk := tuple(itertools.islice(records, planner.options.part_articles)):
        got_any = True
        yield planner.make("records", format=fmt, records=chunk, columns=columns, articles=len(chunk))
    if not got_any:
        raise ReadError(getattr(records, "origin", "input"), f"empty file (no {fmt.upper()} records)")


def _file_records(path: str, fmt: str, compression: str, options: InputOptions) -> Iterator[tuple[str, Any]]:
    with open_binary(path, compression) as fh:
        if fmt == "jsonl":
            yield from _line_records(fh, path, 1)
        elif fmt in ("csv", "tsv"):
            yield from _csv_records(fh, path, fmt, options)
        else:
            raise ReadError(path, f"{fmt} cannot be read from a compressed file")


def _line_records(fh: IO[bytes], origin: str, first: int) -> Iterator[tuple[str, Any]]:
    """``(origin:line, raw line)`` of a JSONL stream; a line over the limit is read past."""
    from .reading import iter_lines

    for n, raw in enumerate(iter_lines(fh), first):
        yield f"{origin}:{n}", raw


def _csv_records(fh: IO[bytes], origin: str, fmt: str, options: InputOptions) -> Iterator[tuple[str, Any]]:
    """``(origin:line, (row, columns))`` of a CSV or TSV stream, the header giving the names."""
    csv.field_size_limit(MAX_RECORD_BYTES)
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="strict", newline="")
    reader = csv.reader(text, dialect="excel-tab" if fmt == "tsv" else "excel")
    try:
        header = next(reader)
    except StopIteration:
        raise ReadError(origin, f"empty file (no {fmt.upper()} header)") from None
    columns = _columns(header, origin, options)
    line = reader.line_num + 1
    for row in reader:
        if row:  # named by the line it starts on (a quoted field may run over several)
            yield f"{origin}:{line}", (dict(zip(header, row, strict=False)), columns)
        line = reader.line_num + 1


def _plan_rows(planner: _Planner, path: str) -> Iterator[Partition]:
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
                           articles=stop - start)


WARC_PART = 200
"""WARC pages in a partition at most: extracting a page's text costs more than analysing it."""


def _plan_warc(planner: _Planner, path: str, compression: str) -> Iterator[Partition]:
    """A WARC file cut into byte ranges of whole records (each gzip member is a record, so a
    worker can start at any record's offset); the planner reads headers only."""
    limit = min(planner.options.part_articles, WARC_PART)
    pages: list[int] = []
    for offset, page in record_offsets(path):
        if pages and (len(pages) == limit or offset < 0):
            yield planner.make("warc", path=path, format="warc", start=pages[0], stop=abs(offset),
                               articles=len(pages))
            pages = []
        if page:
            pages.append(offset)


def _plan_stdin(planner: _Planner) -> Iterator[Partition]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or sys.stdin.closed:
        raise ReadError("<stdin>", "standard input is closed")
    head = stream.peek(8)[:8]
    if head[:2] == b"\x1f\x8b":
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream))  # type: ignore[arg-type]
        head = stream.peek(8)[:8]
    fmt = planner.options.input_format or _sniff(head, stream)
    if fmt == "jsonl":
        yield from _plan_records(planner, fmt, _line_records(stream, "<stdin>", 1))
    elif fmt in ("csv", "tsv"):
        yield from _plan_records(planner, fmt, _csv_records(stream, "<stdin>", fmt, planner.options))
    elif fmt == "warc":
        yield from _plan_records(planner, fmt, stream_pages(stream, "<stdin>"))
    elif fmt == "parquet":
        raise ReadError("<stdin>", "Parquet cannot be read from stdin: give the file")
    else:
        data = stream.read(MAX_FILE_BYTES + 1)
        yield planner.make("records", format=fmt or "", records=(("<stdin>", data),), articles=1)


def _sniff(head: bytes, stream: IO[bytes]) -> str:
    if head.startswith(b"WARC/"):
        return "warc"
    return "jsonl" if stream.peek(4096).lstrip()[:1] == b"{" else ""


# -- reading a partition ---------------------------------------------------------------------


def read_partition(part: Partition) -> Iterator[Article | ArticleError]:
    """The articles of one partition, in order; run by the worker that analyses them."""
    if part.kind == "error":
        yield from (ArticleError(origin, message) for origin, message in part.records)
    elif part.kind == "files":
        for path in part.files:
            yield from read_file(path)
    elif part.kind == "records":
        for origin, payload in part.records:
            yield _record_article(part.format, origin, payload)
    else:
        reader = {"lines": _read_lines, "rows": _read_rows, "warc": _read_warc}[part.kind]
        try:
            yield from reader(part)
        except CORRUPT as exc:
            yield _corrupt(part.path, exc, part.compression)


def read_file(path: str) -> Iterator[Article | ArticleError]:
    """The article of a single-article file (text or HTML, compressed or not, sniffed where the
    ending names no format)."""
    fmt, compression = input_format(path)
    try:
        with open_binary(path, compression) as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except CORRUPT as exc:
        yield _corrupt(path, exc, compression)
        return
    name = Path(path).name
    ident = name[: -len("".join(Path(name).suffixes))] if compression else Path(path).stem
    yield from read_bytes(data, path, id=ident or "article", kind=fmt)


def _record_article(fmt: str, origin: str, payload: Any) -> Article | ArticleError:
    try:
        path, _, n = origin.rpartition(":")
        default_id = f"{Path(path).stem or 'stdin'}:{n}"
        if fmt == "jsonl":
            return jsonl_article(payload, origin, int(n), default_id) or ArticleError(origin, "empty line")
        if fmt in ("csv", "tsv", "parquet"):
            row, columns = payload
            return row_article(row, columns, origin, default_id)
        if fmt == "warc":
            return warc_article(*payload, origin=origin)
        (item,) = read_bytes(payload, origin, id="stdin", kind=fmt or None)
        return item
    except ReadError as exc:
        ident = payload[0].get("id") if fmt == "warc" else None
        return ArticleError(exc.origin, exc.message, id=ident or None)


def _read_lines(part: Partition) -> Iterator[Article | ArticleError]:
    with open(part.path, "rb") as fh:
        fh.seek(part.start)
        chunk = io.BufferedReader(_Window(fh, part.stop - part.start), 1 << 20)
        yield from iter_jsonl(chunk, part.path, first=part.first, whole=False)


class _Window(io.RawIOBase):
    """The next ``size`` bytes of a file, as a stream of their own."""

    def __init__(self, fh: IO[bytes], size: int) -> None:
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
            for k, row in enumerate(table.to_pylist(), lo + 1):
                yield _record_article("parquet", f"{part.path}:{k}", (row, part.columns))
        base += n
        if base >= part.stop:
            return


def _read_warc(part: Partition) -> Iterator[Article | ArticleError]:
    for origin, page in pages_in(part.path, part.start, part.stop):
        yield _record_article("warc", origin, page)


# -- the stream of articles ------------------------------------------------------------------


def iter_articles(paths: Iterable[str | Path] | str | Path,
                  options: InputOptions | None = None) -> Iterator[Article | ArticleError]:
    """Every article under ``paths`` (one path, or several), in order; unreadable ones as
    :class:`~newslib.model.ArticleError` in their place. Memory stays flat in corpus size."""
    for part in plan(paths, options):
        yield from read_partition(part)


def read(path: str | Path, options: InputOptions | None = None) -> Article:
    """The one article in ``path`` (the first, for a corpus); raises :class:`ReadError`."""
    for item in iter_articles(path, options):
        if isinstance(item, ArticleError):
            raise ReadError(item.origin, item.message)
        return item
    raise ReadError(str(path), "no article found")


# -- metadata fields -------------------------------------------------------------------------

HTML_FIELDS = ("title", "author", "date", "sitename", "url", "format")
"""Metadata an HTML page gives (trafilatura's); a WARC page adds ``warc_date``."""
SAMPLE_LINES = 200
"""JSONL lines read, per file, to learn its metadata fields (later ones go to ``meta_extra``)."""


def metadata_fields(paths: Iterable[str | Path] | str | Path, options: InputOptions | None = None) -> list[str]:
    """The metadata fields of a corpus, in order of first appearance: a table's columns (text and
    id aside), the keys of a JSONL file's first lines, the fields HTML pages give. A dataset has
    one column per field, so every part of it has the same schema."""
    options = options or InputOptions()
    fields: dict[str, None] = {}
    for item in _expand([paths] if isinstance(paths, str | Path) else paths):
        if isinstance(item, str) and item != "-":
            with contextlib.suppress(ReadError, *CORRUPT):
                fields.update(dict.fromkeys(_fields_of(item, options)))
    return list(fields)


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
            header = next(csv.reader(io.TextIOWrapper(fh, encoding="utf-8-sig", newline=""),
                                     dialect="excel-tab" if fmt == "tsv" else "excel"), [])
        return [n for n in header if n not in _columns(header, path, options)]
    if fmt == "jsonl":
        with open_binary(path, compression) as fh:
            return _jsonl_fields(itertools.islice(fh, SAMPLE_LINES))
    return []


def _jsonl_fields(lines: Iterable[bytes]) -> list[str]:
    fields: dict[str, None] = {}
    for raw in lines:
        with contextlib.suppress(ValueError):
            obj = json.loads(raw)
            if isinstance(obj, dict):
                meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
                fields.update(dict.fromkeys(k for k in (*meta, *obj) if k not in ("id", "text", "meta",
                                                                                   "attributions")))
    return list(fields)


def streams(paths: Iterable[str | Path] | str | Path, options: InputOptions | None = None) -> bool:
    """Whether any input can only be read as a stream (stdin, CSV, compressed JSONL): then its
    partitions carry their records and the number of articles is not known in advance."""
    for item in _expand([paths] if isinstance(paths, str | Path) else paths):
        if isinstance(item, str):
            fmt, compression = input_format(item, options)
            if item == "-" or fmt in ("csv", "tsv") or (fmt == "jsonl" and compression):
                return True
    return False


def input_files(path: str | Path) -> list[tuple[str, int]]:
    """The input files under ``path`` with their sizes (stdin and missing files have none)."""
    out = []
    for item in _expand([path]):
        if isinstance(item, str) and item != "-":
            with contextlib.suppress(OSError):
                out.append((item, os.path.getsize(item)))
    return out
