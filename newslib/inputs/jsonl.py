"""JSONL: one article a line, cut at line boundaries without parsing a line.

An uncompressed file is cut into byte ranges that workers read themselves (``lines``
partitions); a compressed file or stdin cannot be cut, so the planner reads its lines and sends
them with their partitions. The lines become articles as :func:`~newslib.reading.jsonl_article`
says (``text``, ``id``, every other field metadata).
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import os
from collections.abc import Iterable, Iterator
from typing import IO, Any, cast

from ..model import Article, ArticleFailure
from ..reading import ReadError, iter_jsonl, iter_lines, jsonl_article, looks_jsonl
from .base import InputOptions, Partition, Planner, open_binary
from .formats import Format, register

SAMPLE_LINES = 200
"""JSONL lines read, per file, to learn its metadata fields (later ones go to ``meta_extra``);
each line read with the one-record limit, so an endless line is skipped, not loaded."""


@register
class Jsonl(Format):
    """JSON Lines: a JSON object a line, its ``text`` the article."""

    name = "jsonl"
    suffixes = (".jsonl", ".ndjson")
    in_memory = True

    def sniff(self, head: bytes) -> bool:
        return looks_jsonl(head)

    def cuts(self, compression: str) -> bool:
        return not compression

    def plan(self, planner: Planner, path: str, compression: str, name: str) -> Iterator[Partition]:
        if compression:
            yield from super().plan(planner, path, compression, name)
        else:
            yield from _plan_lines(planner, path, name)

    def records(self, fh: IO[bytes], origin: str, options: InputOptions) -> Iterator[tuple[str, Any]]:
        """``(origin:line, raw line)``; a line over the limit is read past (its length given)."""
        for n, raw in enumerate(iter_lines(fh), 1):
            yield f"{origin}:{n}", raw

    def article(self, payload: Any, origin: str, line: int, default_id: str) -> Article | ArticleFailure:
        return jsonl_article(payload, origin, line, default_id) or ArticleFailure(origin, "empty line")

    def read(self, part: Partition) -> Iterator[Article | ArticleFailure]:
        with open(part.path, "rb") as fh:
            fh.seek(part.start)
            chunk = io.BufferedReader(_Window(fh, part.stop - part.start), 1 << 20)
            yield from iter_jsonl(chunk, part.origin, first=part.first, whole=False, name=part.name)

    def whole(self, data: bytes, origin: str, ident: str) -> Iterator[Article | ArticleFailure]:
        yield from iter_jsonl(data.splitlines(), origin)

    def fields(self, path: str, compression: str, options: InputOptions) -> list[str]:
        with open_binary(path, compression) as fh:
            return _jsonl_fields(x for x in itertools.islice(iter_lines(fh), SAMPLE_LINES) if not isinstance(x, int))


def _plan_lines(planner: Planner, path: str, name: str) -> Iterator[Partition]:
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
                yield planner.make(
                    "lines", path=path, format="jsonl", start=start, stop=pos, first=first, articles=lines, name=name
                )
                start, first, lines = pos, first + lines, 0


class _Window(io.RawIOBase):
    """The next ``size`` bytes of a file, as a stream of their own."""

    def __init__(self, fh: IO[bytes], size: int) -> None:
        self.fh, self.left = cast(io.BufferedIOBase, fh), size  # every stream opened here reads into

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        n = self.fh.readinto(memoryview(buf)[: min(len(buf), self.left)]) if self.left > 0 else 0
        self.left -= n or 0
        return n or 0


def _jsonl_fields(lines: Iterable[bytes | str]) -> list[str]:
    fields: dict[str, None] = {}
    for raw in lines:
        with contextlib.suppress(ValueError, RecursionError):
            obj = json.loads(raw)
            if isinstance(obj, dict):
                meta: dict[str, Any] = obj["meta"] if isinstance(obj.get("meta"), dict) else {}
                fields.update(
                    dict.fromkeys(k for k in (*meta, *obj) if k not in ("id", "text", "meta", "attributions"))
                )
    return list(fields)
