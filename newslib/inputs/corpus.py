"""A corpus: its inputs found and planned into partitions, each partition read into articles.

The planner walks the inputs (files, folders, ``-`` for stdin) and asks each file's format
(:mod:`newslib.inputs.formats`) how to cut it; single-article files are batched, many to a
partition. :func:`read_partition` reads one partition where a worker runs, again by asking its
format. Nothing here names a format.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Article, ArticleFailure
from ..reading import ReadError
from .base import CORRUPT, InputOptions, Partition, Planner, corrupt, file_name, printable, skipped
from .formats import SUFFIXES, format_for, format_of, input_format, record_article, sniff
from .pages import read_file

MAX_META_FIELDS = 200
"""Metadata fields that become columns at most (first seen first); the rest go to ``meta_extra``:
a corpus with 10,000 distinct keys would otherwise make 10,000 columns in every table."""


def plan(paths: Iterable[str | Path] | str | Path, options: InputOptions | None = None) -> Iterator[Partition]:
    """The partitions of ``paths`` (files, folders walked in sorted order, ``-`` for stdin), in
    input order, numbered from 0. Lazy: records that travel with their partition are read only
    as the partitions are taken."""
    options = options or InputOptions()
    if isinstance(paths, str | Path):
        paths = [paths]
    planner = Planner(options)
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
        if isinstance(item, ArticleFailure):
            yield planner.make("error", records=((item.origin, item.message),), articles=1)
        else:
            yield from _plan_file(planner, *item)
    if batch:
        yield _files(planner, batch)


def _files(planner: Planner, batch: list[tuple[str, str]]) -> Partition:
    return planner.make(
        "files",
        format=planner.options.input_format or "",
        files=tuple(p for p, _ in batch),
        names=tuple(n for _, n in batch),
        articles=len(batch),
    )


def _single(path: str, options: InputOptions) -> bool:
    """A file holding one article (its format's :attr:`~newslib.inputs.formats.Format.single`:
    text or HTML, maybe compressed, or an ending that names no format, sniffed when read)."""
    return path != "-" and format_for(path, options)[0].single


def _expand(paths: Iterable[str | Path]) -> Iterator[tuple[str, str] | ArticleFailure]:
    """``(path, name in ids)`` of every input file, or an error in the place of a bad path."""
    for path in paths:
        p = str(path)
        if p == "-":
            yield p, "stdin"
        elif os.path.isdir(p):
            yield from _walk_root(p)
        elif not os.path.exists(p) and not os.path.islink(p):
            yield ArticleFailure(printable(p), "no such file or directory")
        else:
            yield p, file_name(p)


def _walk_root(root: str) -> Iterator[tuple[str, str] | ArticleFailure]:
    found = False
    for entry in _walk(Path(root), {os.path.realpath(root)}):
        if isinstance(entry, str):
            found = True
            yield entry, file_name(entry, root)
        else:
            yield entry
    if not found:
        yield ArticleFailure(
            printable(root),
            "directory holds no articles (looked for " + ", ".join(f"*{s}" for s in SUFFIXES) + ", compressed or not)",
        )


def _walk(directory: Path, seen: set[str]) -> Iterator[str | ArticleFailure]:
    """Input files under ``directory`` in sorted path order, hidden entries and a folder's
    documentation (:func:`skipped`) left out, with an error for each subdirectory that cannot
    be listed; linked directories are followed, each once."""
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield ArticleFailure(printable(str(directory)), f"cannot read directory: {exc.strerror or exc}")
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


def _plan_file(planner: Planner, path: str, name: str) -> Iterator[Partition]:
    """A file's partitions, as its format cuts it; one error partition for a file (or stdin)
    that fails as a whole, after the partitions of what could be read."""
    fmt, compression = format_for(path, planner.options)
    origin = printable(path)
    try:
        if path == "-":
            yield from _plan_stdin(planner)
        else:
            yield from fmt.plan(planner, path, compression, name)
    except ReadError as exc:
        yield planner.make("error", records=((printable(exc.origin), exc.message),), articles=1)
    except CORRUPT as exc:
        err = corrupt(origin, exc, compression)
        yield planner.make("error", records=((err.origin, err.message),), articles=1)


def _plan_stdin(planner: Planner) -> Iterator[Partition]:
    """Stdin, gzip-compressed or not, in the format asked for, else the one its head shows."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or sys.stdin.closed:
        raise ReadError("<stdin>", "standard input is closed")
    if stream.peek(8)[:2] == b"\x1f\x8b":
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream))
    asked = planner.options.input_format
    fmt = format_of(asked) if asked else sniff(stream.peek(4096))
    yield from fmt.plan_stream(planner, stream)


# -- reading a partition ---------------------------------------------------------------------


def read_partition(part: Partition) -> Iterator[Article | ArticleFailure]:
    """The articles of one partition, in order; run by the worker that analyses them."""
    if part.kind == "error":
        yield from (ArticleFailure(origin, message) for origin, message in part.records)
    elif part.kind == "files":
        for path, name in zip(part.files, part.names or map(file_name, part.files), strict=True):
            yield from read_file(path, name, part.format)
    elif part.kind == "records":
        fmt = format_of(part.format)
        for origin, payload in part.records:
            yield record_article(fmt, origin, payload, part.name)
    else:
        try:
            yield from format_of(part.format).read(part)
        except CORRUPT as exc:
            yield corrupt(part.origin, exc, part.compression)


# -- the stream of articles ------------------------------------------------------------------


def iter_articles(
    paths: Iterable[str | Path] | str | Path, options: InputOptions | None = None
) -> Iterator[Article | ArticleFailure]:
    """Every article under ``paths`` (one path, or several), in order; unreadable ones as
    :class:`~newslib.model.ArticleFailure` in their place. Memory stays flat in corpus size."""
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
        raise ReadError(
            printable(str(path)),
            "holds several articles, not one: read a corpus with "
            "newslib.iter_articles(path), or analyse it with "
            "newslib.analyze_corpus(path, DIR)",
        )
    if isinstance(first, ArticleFailure):
        raise ReadError(first.origin, first.message)
    return first


# -- what a corpus holds ----------------------------------------------------------------------


def metadata_fields(paths: Iterable[str | Path] | str | Path, options: InputOptions | None = None) -> list[str]:
    """The metadata fields of a corpus, in order of first appearance: a table's columns (text and
    id aside), the keys of a JSONL file's first lines, the fields HTML pages give. A dataset has
    one column per field, so every part of it has the same schema."""
    options = options or InputOptions()
    fields: dict[str, None] = {}
    for item in _expand([paths] if isinstance(paths, str | Path) else paths):
        if isinstance(item, tuple) and item[0] != "-":
            with contextlib.suppress(ReadError, RecursionError, *CORRUPT):
                fields.update(dict.fromkeys(_fields_of(item[0], options)))
        if len(fields) >= MAX_META_FIELDS:
            break
    return list(fields)[:MAX_META_FIELDS]


def _fields_of(path: str, options: InputOptions) -> list[str]:
    fmt, compression = format_for(path, options)
    return fmt.fields(path, compression, options)


def streams(paths: Iterable[str | Path] | str | Path, options: InputOptions | None = None) -> bool:
    """Whether any input can only be read as a stream (stdin, CSV, compressed JSONL): then its
    partitions carry their records and the number of articles is not known in advance."""
    for entry in _expand([paths] if isinstance(paths, str | Path) else paths):
        if isinstance(entry, tuple):
            item = entry[0]
            fmt, compression = format_for(item, options)
            if item == "-" or not fmt.cuts(compression):
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
