"""WARC web archives: the HTML pages they hold, found by reading record headers only.

A crawl is kept as WARC files (ISO 28500), written with one gzip member a record, so a reader
can start at any record's offset: the :class:`Warc` format cuts a WARC file into byte ranges of
whole records (:func:`newslib.inputs.plan`), and a worker reads its own range (:func:`pages_in`).
A page is a response (or resource) record whose content type is HTML; its article is read like
any HTML page, with the record's id, URL and crawl date as metadata (:func:`warc_article`). Reading uses warcio, the
maintained WARC library. A truncated or corrupt file keeps the pages before the damage, and the
damage is named (:func:`record_offsets`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, Any

from ..model import Article, ArticleFailure
from ..reading import MAX_FILE_BYTES, ReadError, read_html
from .base import InputOptions, Partition, Planner
from .formats import Format, record_article, register
from .pages import HTML_FIELDS

WARC_PART = 200
"""WARC pages in a partition at most: extracting a page's text costs more than analysing it."""


def record_offsets(path: str) -> Iterator[tuple[int, bool]]:
    """``(offset, is a page)`` of each record, then ``(-end, False)`` where the whole records
    end; after that, :class:`ReadError` for corrupt data or a truncated file (one that does not
    end with its last whole record), so the pages before the damage are read all the same."""
    from warcio.archiveiterator import ArchiveIterator

    end, pages, problem = 0, 0, ""
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        try:
            for rec in records:
                page = is_page(rec)
                offset = records.get_record_offset()
                if getattr(rec.raw_stream, "limit", 0):  # its content ended before its stated length
                    problem = f"truncated WARC record: {rec.raw_stream.limit:,} bytes of its content missing"
                    end = offset
                    break
                end, pages = offset + records.get_record_length(), pages + page
                yield offset, page
        except Exception as exc:  # noqa: BLE001 - warcio raises its own and stdlib errors for bad data
            problem = f"corrupt WARC data: {_one_line(exc)}"
    size = os.path.getsize(path)
    if not problem and end < size and not _blank_tail(path, end, size):
        problem = f"truncated WARC file: {size - end:,} bytes after the last whole record"
    yield -end, False
    if problem:
        raise ReadError(f"{path}@{end}", problem)
    if not pages:
        raise ReadError(path, "no HTML pages in the WARC file")


def _blank_tail(path: str, end: int, size: int) -> bool:
    """Whether the file ends in blank lines only after ``end`` (an uncompressed WARC's last record
    is followed by two CRLFs that its length leaves out)."""
    if size - end > 64:
        return False
    with open(path, "rb") as fh:
        fh.seek(end)
        return not fh.read().strip()


def is_page(rec: Any) -> bool:
    """A WARC record holding an HTML page: a response (or resource) whose content type is HTML."""
    if rec.rec_type == "response" and rec.http_headers is not None:
        ctype = rec.http_headers.get_header("Content-Type") or ""
    elif rec.rec_type == "resource":
        ctype = rec.rec_headers.get_header("Content-Type") or ""
    else:
        return False
    return "html" in ctype.lower()


def _one_line(exc: BaseException) -> str:
    return " ".join((str(exc) or type(exc).__name__).split())[:200]


def stream_pages(stream: IO[bytes], origin: str) -> Iterator[tuple[str, Any]]:
    """``(origin@offset, (headers, html bytes))`` of the pages of a WARC stream."""
    from warcio.archiveiterator import ArchiveIterator

    records = ArchiveIterator(stream)
    for rec in records:
        if is_page(rec):
            page = page_of(rec)  # before the offset, which reads past the record
            yield f"{origin}@{records.get_record_offset()}", page


def page_of(rec: Any) -> tuple[dict[str, str], bytes]:
    headers = {
        k: rec.rec_headers.get_header(h) or ""
        for k, h in (("id", "WARC-Record-ID"), ("url", "WARC-Target-URI"), ("warc_date", "WARC-Date"))
    }
    return headers, _read_upto(rec.content_stream(), MAX_FILE_BYTES + 1)


def _read_upto(stream: Any, limit: int) -> bytes:
    """At most ``limit`` bytes of a stream, read in pieces."""
    out = bytearray()
    while len(out) < limit and (piece := stream.read(min(1 << 16, limit - len(out)))):
        out += piece
    return bytes(out)


def warc_article(headers: dict[str, str], html: bytes, origin: str) -> Article:
    """An Article from a WARC page: the record's id, its URL and crawl date as metadata."""
    if len(html) > MAX_FILE_BYTES:
        raise ReadError(origin, f"page over the {MAX_FILE_BYTES / 1e6:.0f} MB limit for one article")
    art = read_html(html, id=headers["id"].strip("<>") or origin, origin=origin)
    meta = dict(art.metadata, url=headers["url"] or art.metadata.get("url"), warc_date=headers["warc_date"])
    return replace(art, metadata=meta)


def pages_in(path: str, start: int, stop: int) -> Iterator[tuple[str, tuple[dict[str, str], bytes]]]:
    """``(path@offset, (headers, html bytes))`` of the pages whose records start in
    ``[start, stop)`` (``start`` a record's offset)."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fh:
        fh.seek(start)
        records = ArchiveIterator(fh)
        for k, rec in enumerate(records):
            page = page_of(rec) if is_page(rec) else None  # before the offset, which reads past it
            offset = start if k == 0 else records.get_record_offset()  # warcio counts from the seek
            if offset >= stop:
                return
            if page:
                yield f"{path}@{offset}", page


@register
class Warc(Format):
    """Web archives: the HTML pages of response and resource records, cut by record offsets."""

    name = "warc"
    suffixes = (".warc", ".arc")

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"WARC/")

    def cuts(self, compression: str) -> bool:
        return True

    def plan(self, planner: Planner, path: str, compression: str, name: str) -> Iterator[Partition]:
        """Byte ranges of whole records (each gzip member is a record, so a worker can start at
        any record's offset); the planner reads headers only."""
        limit = min(planner.options.part_articles, WARC_PART)
        pages: list[int] = []
        for offset, page in record_offsets(path):
            if pages and (len(pages) == limit or offset < 0):
                yield planner.make(
                    "warc",
                    path=path,
                    format=self.name,
                    start=pages[0],
                    stop=abs(offset),
                    articles=len(pages),
                    name=name,
                )
                pages = []
            if page:
                pages.append(offset)

    def records(self, fh: IO[bytes], origin: str, options: InputOptions) -> Iterator[tuple[str, Any]]:
        return stream_pages(fh, origin)

    def article(self, payload: Any, origin: str, line: int, default_id: str) -> Article | ArticleFailure:
        headers, html = payload
        return warc_article(headers, html, origin=origin)

    def given_id(self, payload: Any) -> str | None:
        return payload[0].get("id") or None

    def read(self, part: Partition) -> Iterator[Article | ArticleFailure]:
        for origin, page in pages_in(part.path, part.start, part.stop):
            yield record_article(self, part.origin + origin[len(part.path) :], page, part.name)

    def fields(self, path: str, compression: str, options: InputOptions) -> list[str]:
        return [*HTML_FIELDS, "warc_date"]
