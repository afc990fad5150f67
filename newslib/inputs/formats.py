"""The input formats, kept as pySBD keeps its languages: one class a format, one registry.

A :class:`Format` says everything newslib needs to know about one kind of input: its name and
file endings, how to recognise it from its first bytes, whether and how a file of it is cut into
partitions, how its records become articles, and which metadata fields its files give. The
planner and the readers (:mod:`newslib.inputs.corpus`) ask the format and never branch on its
name, so a new format is one subclass passed to :func:`register`::

    @register
    class Lines(Format):
        name, suffixes = "lines", (".lines",)

        def records(self, fh, origin, options):
            for n, raw in enumerate(fh, 1):
                yield f"{origin}:{n}", raw

        def article(self, payload, origin, line, default_id):
            return read_text(payload.decode(), id=default_id, origin=origin)

The defaults are those of a stream of records (as CSV is): the planner reads the file's
:meth:`Format.records` and sends them with their partitions. A format whose files can be cut
without being read (JSONL, Parquet, WARC) overrides :meth:`Format.plan` and :meth:`Format.read`;
a format whose file is one article (text, HTML) derives from
:class:`newslib.inputs.pages.PageFormat`. Formats are registered when their module is imported:
a worker process (forked, or a Dask worker that unpickles a partition) must import it too.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, ClassVar, TypeVar, overload

from ..model import Article, ArticleFailure
from ..reading import ReadError
from .base import InputOptions, Partition, Planner, compression_of, derived_id, open_binary, printable


class Format:
    """One input format; subclass it, set :attr:`name` and :attr:`suffixes`, override what
    differs from a stream of records, and :func:`register` it."""

    name: ClassVar[str] = ""
    """What ``--input-format`` and :attr:`Partition.format` call it."""
    suffixes: ClassVar[tuple[str, ...]] = ()
    """Lower-case file endings that name it (a compression ending may follow them)."""
    single: ClassVar[bool] = False
    """Whether a file holds one article: such files are read whole, many to a partition."""
    in_memory: ClassVar[bool] = False
    """Whether :meth:`whole` reads it from bytes held in memory, so that a file whose ending names
    no format, and stdin, can turn out to be of it (:meth:`sniff`)."""

    def sniff(self, head: bytes) -> bool:
        """Whether input starting with ``head`` (its first 4 KB or more, decompressed) is of this
        format; tried on stdin, and (if :attr:`in_memory`) on files whose ending names none."""
        return False

    def cuts(self, compression: str) -> bool:
        """Whether a file of it (compressed so) is cut into partitions that say where to read, so
        that the planner reads little of it and the number of articles is known in advance; if
        not, its records are read by the planner and travel with their partitions."""
        return False

    def plan(self, planner: Planner, path: str, compression: str, name: str) -> Iterator[Partition]:
        """The partitions of the file ``path`` (``name``: its name in ids). Raises
        :class:`ReadError` (or a :data:`~newslib.inputs.base.CORRUPT` error) for a file that
        fails as a whole, after the partitions of what could be read."""
        yield from plan_records(
            planner, self, self._file_records(path, compression, planner.options), name, printable(path)
        )

    def _file_records(self, path: str, compression: str, options: InputOptions) -> Iterator[tuple[str, Any]]:
        with open_binary(path, compression) as fh:
            yield from self.records(fh, printable(path), options)

    def plan_stream(self, planner: Planner, stream: IO[bytes]) -> Iterator[Partition]:
        """The partitions of stdin (decompressed), whose records travel with them."""
        yield from plan_records(planner, self, self.records(stream, "<stdin>", planner.options), "stdin", "<stdin>")

    def records(self, fh: IO[bytes], origin: str, options: InputOptions) -> Iterator[tuple[str, Any]]:
        """``(origin of the record, payload)`` of each record of a binary stream, in order; the
        origin ends in ``:N`` where the record is line or row ``N`` (its id's default)."""
        raise ReadError(origin, f"{self.name} cannot be read as a stream")

    def article(self, payload: Any, origin: str, line: int, default_id: str) -> Article | ArticleFailure:
        """The article of one record of :meth:`records` (``line``: its number, or 0); raises
        :class:`ReadError` for a bad one, which becomes an error record in its place."""
        raise ReadError(origin, f"{self.name} records cannot be read")

    def given_id(self, payload: Any) -> str | None:
        """The id a record that failed names itself by, where it names one."""
        return None

    def read(self, part: Partition) -> Iterator[Article | ArticleFailure]:
        """The articles of a partition of a kind this format's :meth:`plan` made."""
        raise ValueError(f"{self.name or 'sniffed'} input makes no {part.kind!r} partitions")

    def whole(self, data: bytes, origin: str, ident: str) -> Iterator[Article | ArticleFailure]:
        """The articles of a whole file (or stdin) held in memory, ``ident`` the id of a file's
        one article (see :attr:`in_memory`)."""
        yield ArticleFailure(origin, f"{self.name} cannot be read from memory")

    def fields(self, path: str, compression: str, options: InputOptions) -> list[str]:
        """The metadata fields the file's articles have (a table's columns, text and id aside),
        read from its head; :class:`ReadError` or a decompression error if it cannot be read."""
        return []


# -- the registry ------------------------------------------------------------------------------

REGISTRY: dict[str, Format] = {}
"""The formats by name, in the order they were registered (which is the order they are sniffed
in); ``""`` is the format of inputs that name none (sniffed: :class:`~newslib.inputs.pages.Sniffed`)."""


F = TypeVar("F", bound=type[Format])


def register(cls: F) -> F:
    """Add a format (a class decorator). Refuses a name or an ending another format has."""
    fmt = cls()
    if fmt.name in REGISTRY:
        raise ValueError(f"an input format named {fmt.name!r} is registered already")
    taken = [s for s in fmt.suffixes if s != s.lower() or s in SUFFIXES]
    if taken:
        raise ValueError(f"the ending {taken[0]!r} is not lower case or names another format")
    REGISTRY[fmt.name] = fmt
    return cls


def unregister(name: str) -> None:
    """Take a format out of the registry (a plug-in withdrawn; a test's format)."""
    del REGISTRY[name]


def format_of(name: str | None) -> Format:
    """The format named ``name``; the sniffed one for ``None`` or ``""``."""
    try:
        return REGISTRY[name or ""]
    except KeyError:
        raise ValueError(f"unknown input format {name!r} (choose from {', '.join(FORMATS)})") from None


def sniff(head: bytes, in_memory: bool = False) -> Format:
    """The first registered format that recognises ``head`` (only those read from memory, if
    ``in_memory``), else the sniffed one (whose reading looks again)."""
    for fmt in REGISTRY.values():
        if fmt.name and (fmt.in_memory or not in_memory) and fmt.sniff(head):
            return fmt
    return REGISTRY[""]


class _Names(Sequence[str]):
    """The names of the registered formats, as they are now."""

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...

    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        return [n for n in REGISTRY if n][i]

    def __iter__(self) -> Iterator[str]:
        return (n for n in REGISTRY if n)

    def __len__(self) -> int:
        return sum(1 for n in REGISTRY if n)

    def __repr__(self) -> str:
        return repr(tuple(self))


class _Suffixes(Mapping[str, str]):
    """File endings and the format they name, as the registered formats declare them."""

    def __getitem__(self, suffix: str) -> str:
        for fmt in REGISTRY.values():
            if suffix in fmt.suffixes:
                return fmt.name
        raise KeyError(suffix)

    def __iter__(self) -> Iterator[str]:
        return (s for fmt in REGISTRY.values() for s in fmt.suffixes)

    def __len__(self) -> int:
        return sum(len(fmt.suffixes) for fmt in REGISTRY.values())


FORMATS: Sequence[str] = _Names()
"""The names of the registered formats (``--input-format``'s choices)."""
SUFFIXES: Mapping[str, str] = _Suffixes()
"""File endings and the format they name (after a compression ending is taken off)."""


def input_format(path: str | Path, options: InputOptions | None = None) -> tuple[str | None, str]:
    """``(format, compression)``: the format ``input_format`` names (honoured for every file,
    whatever its ending), else the file's endings' (``a.jsonl.gz`` -> jsonl, gzip), else ``None``
    (sniffed)."""
    name = Path(path).name.lower()
    compression = compression_of(name)
    if compression:
        name = name[: name.rfind(".")]
    if options is not None and options.input_format:
        return options.input_format, compression
    return SUFFIXES.get(Path(name).suffix), compression


def format_for(path: str | Path, options: InputOptions | None = None) -> tuple[Format, str]:
    """``(format, compression)`` of a file, as :func:`input_format` names them."""
    name, compression = input_format(path, options)
    return format_of(name), compression


# -- records -------------------------------------------------------------------------------------


def record_article(fmt: Format, origin: str, payload: Any, name: str = "") -> Article | ArticleFailure:
    """The article of one record, or an error record in its place with the id the article would
    have had: the one it names, else ``name:line``, else the file's name."""
    _, _, n = origin.rpartition(":")
    default_id = derived_id(name, int(n)) if n.isdigit() else (name or origin)
    try:
        return fmt.article(payload, origin, int(n) if n.isdigit() else 0, default_id)
    except ReadError as exc:
        return ArticleFailure(exc.origin, exc.message, id=fmt.given_id(payload) or default_id)


def plan_records(
    planner: Planner, fmt: Format, records: Iterator[tuple[str, Any]], name: str, origin: str
) -> Iterator[Partition]:
    """Records read here, sent with their partition: at most ``part_articles`` of them and about
    ``part_bytes`` bytes, so a partition of long records holds fewer of them."""
    got_any = False
    while chunk := _take(records, planner.options.part_articles, planner.options.part_bytes):
        got_any = True
        yield planner.make("records", format=fmt.name, records=chunk, articles=len(chunk), name=name)
    if not got_any:
        raise ReadError(origin, f"empty file (no {fmt.name.upper()} records)")


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
