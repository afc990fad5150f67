"""Tables: CSV and TSV (streams of rows, the header naming the columns) and Parquet (cut by rows).

A row is an article: its text column (``--text-column``, else the first of :data:`TEXT_COLUMNS`
it has), its id column (``--id-column``, else one of :data:`ID_COLUMNS`, else ``name:row``), every
other column as metadata. A CSV or TSV file cannot be cut without reading it (a quoted field may
hold line breaks), so the planner reads its rows; a Parquet file is cut into ranges of rows that
workers read themselves, its footer alone read here.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from typing import IO, Any, ClassVar

from ..model import Article, ArticleFailure
from ..reading import MAX_FILE_BYTES, MAX_RECORD_BYTES, ReadError, read_text
from .base import InputOptions, Partition, Planner, derived_id, open_binary
from .formats import Format, record_article, register

TEXT_COLUMNS = (
    "text",
    "body",
    "content",
    "article",
    "article_text",
    "full_text",
    "fulltext",
    "maintext",
    "story",
    "document",
)
"""Column names taken as the article text, in order, when ``--text-column`` is not given."""
ID_COLUMNS = ("id", "guid", "uuid", "article_id", "doc_id", "docid", "document_id", "story_id", "url", "link")
"""Column names taken as the article id when ``--id-column`` is not given (else the row number)."""
DELIMITERS = (",", "\t", ";", "|")
"""The delimiters a CSV file is sniffed for, the first preferred on a tie (a ``.tsv`` file or
``--input-format tsv``: tab only)."""


class TableFormat(Format):
    """A format whose records are rows: ``(row, (text column, id column))``."""

    def article(self, payload: Any, origin: str, line: int, default_id: str) -> Article | ArticleFailure:
        if isinstance(payload, str):  # a row that could not be parsed
            raise ReadError(origin, payload)
        row, columns = payload
        return row_article(row, columns, origin, default_id)

    def given_id(self, payload: Any) -> str | None:
        if isinstance(payload, tuple) and payload[1][1]:
            value = payload[0].get(payload[1][1])
            return None if value in (None, "") else str(value)
        return None


@register
class Csv(TableFormat):
    """Comma-separated values (or ``;``, ``|``, tab: sniffed from the header, :func:`csv_delimiter`)."""

    name = "csv"
    suffixes: ClassVar[tuple[str, ...]] = (".csv",)
    delimiters: ClassVar[tuple[str, ...]] = DELIMITERS
    """The delimiters a file is sniffed for, the first preferred on a tie."""

    def records(self, fh: IO[bytes], origin: str, options: InputOptions) -> Iterator[tuple[str, Any]]:
        return _csv_records(fh, origin, self, options)

    def fields(self, path: str, compression: str, options: InputOptions) -> list[str]:
        with open_binary(path, compression) as fh:
            try:
                first = next(_Lines(fh), "")
            except _BadLine:
                return []
        try:
            header = next(csv.reader([first], delimiter=csv_delimiter(first, self.delimiters, path, options)), [])
        except csv.Error:
            return []
        return [n for n in header if n not in table_columns(header, path, options)]


@register
class Tsv(Csv):
    """Tab-separated values."""

    name = "tsv"
    suffixes = (".tsv", ".tab")
    delimiters = ("\t",)


@register
class Parquet(TableFormat):
    """Apache Parquet: cut into ranges of rows, read a row group at a time."""

    name = "parquet"
    suffixes = (".parquet", ".pq")

    def cuts(self, compression: str) -> bool:
        return True

    def plan(self, planner: Planner, path: str, compression: str, name: str) -> Iterator[Partition]:
        return _plan_rows(planner, path, name)

    def plan_stream(self, planner: Planner, stream: IO[bytes]) -> Iterator[Partition]:
        raise ReadError("<stdin>", "Parquet cannot be read from stdin: give the file")

    def read(self, part: Partition) -> Iterator[Article | ArticleFailure]:
        return _read_rows(self, part)

    def fields(self, path: str, compression: str, options: InputOptions) -> list[str]:
        import pyarrow.parquet as pq

        names = pq.ParquetFile(path).schema_arrow.names
        return [n for n in names if n not in table_columns(names, path, options)]


def table_columns(names: Sequence[str], origin: str, options: InputOptions) -> tuple[str, str]:
    """``(text column, id column or "")`` of a table, as asked or found among the usual names."""
    lower = {n.lower(): n for n in names}

    def pick(asked: str | None, usual: tuple[str, ...], what: str) -> str:
        if asked:
            if asked not in names:
                raise ReadError(origin, f"no column {asked!r} (the file has: {', '.join(names)})")
            return asked
        found = next((lower[u] for u in usual if u in lower), "")
        if not found and what == "text":
            raise ReadError(
                origin,
                f"no text column (looked for {', '.join(usual[:4])}, …; the file has: "
                f"{', '.join(names)}): name it with --text-column",
            )
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
        raise ReadError(
            origin,
            f"a cell of {len(text) / 1e6:.1f} MB in column {text_col!r} exceeds the "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB limit for one article",
        )
    ident = row.get(id_col) if id_col else None
    meta = {k: _meta_value(v) for k, v in row.items() if k not in (text_col, id_col)}
    return read_text(
        text if isinstance(text, str) else str(text),
        id=str(ident) if ident not in (None, "") else default_id,
        metadata=meta,
        origin=origin,
    )


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

    def __init__(self, fh: IO[bytes]) -> None:
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
            raise _BadLine(
                self.n,
                f"line of {(size + len(more)) / 1e6:.1f} MB exceeds the "
                f"{MAX_RECORD_BYTES / 1e6:.0f} MB limit for one row (skipped unread)",
            )
        try:
            return raw.decode("utf-8-sig" if self.n == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise _BadLine(
                self.n, f"undecodable bytes: CSV must be UTF-8 ({exc.reason} at byte {exc.start} of the line)"
            ) from None


def csv_delimiter(header: str, candidates: Sequence[str], origin: str, options: InputOptions) -> str:
    """The delimiter of a CSV/TSV file, from its header line: among the format's ``candidates``
    (:data:`DELIMITERS`, or a tab), the one whose split finds the text column (asked, or one of
    the usual names), then the most columns; whatever the file's ending, since a tab-separated
    ``.csv`` is the usual export."""

    def score(d: str) -> tuple[bool, int]:
        names = next(csv.reader([header], delimiter=d), [])
        try:
            table_columns(names, origin, options)
            found = True
        except ReadError:
            found = False
        return found, len(names)

    return max(candidates, key=lambda d: (*score(d), -candidates.index(d)))


def _csv_records(fh: IO[bytes], origin: str, fmt: Csv, options: InputOptions) -> Iterator[tuple[str, Any]]:
    """``(origin:line, (row, columns))`` of a CSV or TSV stream, the header giving the names and
    the delimiter (:func:`csv_delimiter`). A row that cannot be parsed (a line or field over the
    limit, bad bytes, more cells than the header, a quote that swallowed the next rows) is
    ``(origin:line, error message)``: one error record, and the rows after it are read."""
    csv.field_size_limit(MAX_RECORD_BYTES)
    lines = _Lines(fh)
    try:
        first = next(lines)
    except StopIteration:
        raise ReadError(origin, f"empty file (no {fmt.name.upper()} header)") from None
    except _BadLine as exc:
        raise ReadError(f"{origin}:1", f"unreadable header: {exc.message}") from None
    delimiter = csv_delimiter(first, fmt.delimiters, origin, options)
    header = next(csv.reader([first], delimiter=delimiter), [])
    columns = table_columns(header, origin, options)
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
        return f"row of {len(row)} cells where the header has {len(header)}" + (
            f", over {lines} lines (a stray quote?)" if lines > 1 else ""
        )
    return ""


def _plan_rows(planner: Planner, path: str, name: str) -> Iterator[Partition]:
    """A Parquet file cut into row ranges; only its footer is read here."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path)
    columns = table_columns(meta.schema_arrow.names, path, planner.options)
    rows = meta.metadata.num_rows
    if rows == 0:
        raise ReadError(path, "empty file (no Parquet rows)")
    step = planner.options.part_articles
    for start in range(0, rows, step):
        stop = min(rows, start + step)
        yield planner.make(
            "rows",
            path=path,
            format="parquet",
            start=start,
            stop=stop,
            columns=columns,
            articles=stop - start,
            name=name,
        )


def _read_rows(fmt: Format, part: Partition) -> Iterator[Article | ArticleFailure]:
    """Rows ``[start, stop)`` of a Parquet file, reading only the row groups they lie in."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(part.path)
    base = 0
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        lo, hi = max(part.start, base), min(part.stop, base + n)
        if lo < hi:
            table = pf.read_row_group(g).slice(lo - base, hi - lo)
            yield from _table_rows(fmt, part, table, lo + 1)
        base += n
        if base >= part.stop:
            return


def _table_rows(fmt: Format, part: Partition, table: Any, first: int) -> Iterator[Article | ArticleFailure]:
    """The articles of rows of a Parquet file read into Arrow, row ``first`` first; a text cell
    over the limit is refused before it becomes a Python string (a copy of it, and more)."""
    text = part.columns[0]
    sizes = _cell_sizes(table, text)
    small = all(n <= MAX_FILE_BYTES for n in sizes)
    rows = table.to_pylist() if small else table.drop_columns([text]).to_pylist()
    for k, row in enumerate(rows):
        origin = f"{part.origin}:{first + k}"
        if sizes[k] > MAX_FILE_BYTES:
            yield ArticleFailure(
                origin,
                f"a cell of {sizes[k] / 1e6:.1f} MB in column {text!r} exceeds the "
                f"{MAX_FILE_BYTES / 1e6:.0f} MB limit for one article",
                id=fmt.given_id((row, part.columns)) or derived_id(part.name, first + k),
            )
            continue
        if not small:
            row = {**row, text: table.column(text)[k].as_py()}
        yield record_article(fmt, origin, (row, part.columns), part.name)


def _cell_sizes(table: Any, column: str) -> list[int]:
    """The byte length of each cell of a table's text column, read from Arrow without a copy."""
    import pyarrow as pa
    import pyarrow.compute as pc

    col = table.column(column)
    if not (
        pa.types.is_string(col.type)
        or pa.types.is_large_string(col.type)
        or pa.types.is_binary(col.type)
        or pa.types.is_large_binary(col.type)
    ):
        return [0] * table.num_rows
    return [n or 0 for n in pc.binary_length(col).to_pylist()]
