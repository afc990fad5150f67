"""What every input format shares: the options, the partitions, names in ids, opening files.

Nothing here knows a format: :mod:`newslib.inputs.formats` keeps the formats, and each family
module (``pages``, ``jsonl``, ``tabular``, ``warc``) says how its formats are cut and read.
"""

from __future__ import annotations

import bz2
import gzip
import io
import itertools
import lzma
import os
import zlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any, cast

from ..model import ArticleFailure

COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd", ".zstd": "zstd"}
"""Compression endings and the compression they name (taken off before the format's ending)."""


@dataclass(frozen=True)
class InputOptions:
    """How inputs are read and cut; one object, passed to the workers with each partition."""

    text_column: str | None = None
    id_column: str | None = None
    input_format: str | None = None
    """The format of every input, whatever its ending (default: each file's ending names it,
    else it is sniffed); a name in :data:`~newslib.inputs.formats.FORMATS`."""
    part_articles: int = 1000
    """Articles in a partition, about: the unit of parallel work, of output parts and of resume."""
    part_bytes: int = 4_000_000
    """Bytes of a JSONL file in a partition, about (cut at line boundaries)."""


@dataclass(frozen=True)
class Partition:
    """Where one partition's articles are: its ``kind`` says how :func:`read_partition` reads it.

    ``files``: whole single-article files (read as ``format`` says, else as their endings say);
    ``records``: raw records read by the planner, ``(origin, payload)``, parsed by ``format`` (a
    JSONL line, a CSV row, a WARC page, a whole text or HTML file); ``error``: an input that
    failed as a whole (``records`` holds one ``(origin, message)``). Any other kind is one its
    ``format`` made and reads: ``lines`` (bytes ``[start, stop)`` of a JSONL file, whose first
    line is number ``first``), ``rows`` (rows ``[start, stop)`` of a Parquet file), ``warc`` (the
    records starting in bytes ``[start, stop)`` of a WARC file).
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
class Planner:
    """Numbers the partitions of one plan, in order, and holds its options: what a format's
    ``plan`` is given to make its partitions with."""

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


def compression_of(name: str) -> str:
    """The compression a (lower-case) file name's last ending names, or ``""``."""
    return next((c for s, c in COMPRESSIONS.items() if name.endswith(s)), "")


def file_name(path: str, root: str | None = None) -> str:
    """The name a file gives its articles' ids. Under a folder given as input: the path relative
    to that folder, with ``/`` separators and every ending kept (``business/001.txt``), so files
    of the same name in different folders never collide; a file given by itself: its name
    without its endings (``seeds/a.txt`` -> ``a``, ``b.html.gz`` -> ``b``)."""
    if root is not None:
        return printable(Path(os.path.relpath(path, root)).as_posix())
    name = Path(path).name
    stem = name[: -len("".join(Path(name).suffixes))] if compression_of(name.lower()) else Path(name).stem
    return printable(stem or name)


def derived_id(name: str, n: int) -> str:
    """The id of a record (JSONL line, CSV or Parquet row) without one: ``name:line``."""
    return f"{name or 'stdin'}:{n}"


@cache
def _skipped_names() -> frozenset[str]:
    from ..datafiles import read_lexicon

    return frozenset(n.lower() for n in read_lexicon("skipped_files.txt"))


def skipped(name: str) -> bool:
    """A folder's documentation (``README.TXT``, ``LICENSE``, …: ``data/skipped_files.txt``),
    not one of its articles."""
    return name.split(".", 1)[0].lower() in _skipped_names()


# -- opening files ---------------------------------------------------------------------------


def open_binary(path: str | Path, compression: str = "") -> IO[bytes]:
    """The file's bytes, decompressed as its ending says."""
    if compression == "gzip":
        return cast(IO[bytes], gzip.open(path, "rb"))  # a GzipFile is a binary stream
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


def corrupt(origin: str, exc: BaseException, compression: str) -> ArticleFailure:
    """The error record of an input that could not be read (decompressed) at ``origin``."""
    what = f"corrupt or truncated {compression} data" if compression else "cannot read"
    detail = " ".join(str(getattr(exc, "strerror", None) or exc or type(exc).__name__).split())
    return ArticleFailure(origin, f"{what}: {detail}")
