"""Files that hold one article: plain text and HTML pages, and files whose ending names no format.

Such files are never cut: many of them make one partition (``files``), each read whole, at most
:data:`~newslib.reading.MAX_FILE_BYTES` of it, decoded, and read as its format says. A file whose
ending names no format is sniffed (:class:`Sniffed`): JSONL if it starts like JSONL, else an
HTML page if its text looks like one, else plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any, ClassVar

from ..model import Article, ArticleFailure
from ..reading import MAX_FILE_BYTES, ReadError, decode_page, looks_html, read_html, read_text
from .base import CORRUPT, InputOptions, Partition, Planner, corrupt, file_name, open_binary, printable
from .formats import REGISTRY, Format, format_for, format_of, register, sniff

HTML_FIELDS = ("title", "author", "date", "sitename", "url", "format")
"""Metadata an HTML page gives (trafilatura's); a WARC page adds ``warc_date``."""


class PageFormat(Format):
    """A format whose file is one article: decoded, then read by :meth:`from_text`."""

    single = True
    in_memory = True

    def cuts(self, compression: str) -> bool:
        return True

    def looks(self, text: str) -> bool:
        """Whether decoded text of a file whose ending names no format is of this format."""
        return False

    def from_text(self, text: str, ident: str, origin: str) -> Article:
        """The article of a file's decoded text; raises :class:`ReadError`."""
        raise NotImplementedError

    def whole(self, data: bytes, origin: str, ident: str) -> Iterator[Article | ArticleFailure]:
        try:
            yield self.from_text(decode_page(data, origin), ident, origin)
        except ReadError as exc:
            yield ArticleFailure(exc.origin, exc.message)

    def plan_stream(self, planner: Planner, stream: IO[bytes]) -> Iterator[Partition]:
        data = stream.read(MAX_FILE_BYTES + 1)
        yield planner.make("records", format=self.name, records=(("<stdin>", data),), articles=1, name="stdin")

    def article(self, payload: Any, origin: str, line: int, default_id: str) -> Article | ArticleFailure:
        (item,) = self.whole(payload, origin, default_id)
        return item


@register
class Text(PageFormat):
    """Plain text: the decoded file is the article's text, exactly."""

    name = "text"
    suffixes = (".txt", ".text", ".md")

    def from_text(self, text: str, ident: str, origin: str) -> Article:
        return read_text(text, id=ident, origin=origin)


@register
class Html(PageFormat):
    """An HTML page: its main text, extracted (:func:`~newslib.reading.read_html`)."""

    name = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def looks(self, text: str) -> bool:
        return looks_html(text)

    def from_text(self, text: str, ident: str, origin: str) -> Article:
        return read_html(text, id=ident, origin=origin)

    def fields(self, path: str, compression: str, options: InputOptions) -> list[str]:
        return list(HTML_FIELDS)


@register
class Sniffed(PageFormat):
    """Input whose format no ending or option names: a format read from memory that recognises
    its first bytes (JSONL), else the page format that recognises its text, else plain text."""

    name = ""
    fallback: ClassVar[str] = "text"

    def whole(self, data: bytes, origin: str, ident: str) -> Iterator[Article | ArticleFailure]:
        fmt = sniff(data, in_memory=True)
        if fmt is not self:
            yield from fmt.whole(data, origin, ident)
            return
        try:
            text = decode_page(data, origin)
            yield self._page(text).from_text(text, ident, origin)
        except ReadError as exc:
            yield ArticleFailure(exc.origin, exc.message)

    def _page(self, text: str) -> PageFormat:
        pages = [f for f in REGISTRY.values() if isinstance(f, PageFormat) and f is not self]
        return next((f for f in pages if f.looks(text)), next(f for f in pages if f.name == self.fallback))


def read_file(path: str, name: str | None = None, fmt: str | None = None) -> Iterator[Article | ArticleFailure]:
    """The article of a single-article file (text or HTML, compressed or not, sniffed where the
    ending names no format), read as ``fmt`` if given, its id ``name`` (default: :func:`file_name`)."""
    named, compression = format_for(path)
    origin, ident = printable(path), name or file_name(path)
    try:
        with open_binary(path, compression) as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except CORRUPT as exc:
        yield with_id(corrupt(origin, exc, compression), ident)
        return
    for item in (format_of(fmt) if fmt else named).whole(data, origin, ident or "article"):
        yield with_id(item, ident) if isinstance(item, ArticleFailure) else item


def with_id(error: ArticleFailure, ident: str | None) -> ArticleFailure:
    """An error record with the id its article would have had (``None`` where none is known)."""
    return error if error.id or not ident else ArticleFailure(error.origin, error.message, id=ident)
