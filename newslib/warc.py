"""WARC web archives: the HTML pages they hold, found by reading record headers only.

A crawl is kept as WARC files (ISO 28500), written with one gzip member a record, so a reader
can start at any record's offset: :func:`newslib.inputs.plan` cuts a WARC file into byte ranges
of whole records, and a worker reads its own range (:func:`pages_in`). A page is a response (or
resource) record whose content type is HTML; its article is read like any HTML page, with the
record's id, URL and crawl date as metadata (:func:`warc_article`). Reading uses warcio, the
maintained WARC library. A truncated or corrupt file keeps the pages before the damage, and the
damage is named (:func:`record_offsets`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from typing import IO, Any

from .model import Article
from .reading import MAX_FILE_BYTES, ReadError, read_html


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
    headers = {k: rec.rec_headers.get_header(h) or "" for k, h in
               (("id", "WARC-Record-ID"), ("url", "WARC-Target-URI"), ("warc_date", "WARC-Date"))}
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
