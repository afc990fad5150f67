"""Writing analyses out: JSONL records, a terminal table, CSV and Parquet, always atomically.

A batch's output holds one record an article in input order; an article that failed is an error
record (``{"id", "origin", "error"}``) in its place, so nothing is silently dropped. The CLI
writes files through :func:`newslib.files.atomic_write`, so a crash or Ctrl-C never leaves a
half-written output behind.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import IO

from .model import Analysis, ArticleFailure

Result = Analysis | ArticleFailure


def record(item: Result) -> dict:
    """The JSONL record of one result (see README: output schema)."""
    return item.to_dict()


def jsonl_line(item: Result) -> str:
    """One result as its JSONL line (compact separators: a corpus's output is mostly this).

    Raises for a record that cannot be written as UTF-8, so that it fails as its own article
    (in the worker) and not as the whole output file; an error record, whose origin may be a file
    name with undecodable bytes, is escaped to ASCII instead.
    """
    line = json.dumps(record(item), ensure_ascii=False, separators=(",", ":")) + "\n"
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        if not isinstance(item, ArticleFailure):
            raise
        line = json.dumps(record(item), separators=(",", ":")) + "\n"
    return line


def table_text(item: Result) -> str:
    """One result as its block of the terminal table."""
    return format_table(item) + "\n"


def write_lines(items: Iterable[Result | str], fh: IO[str], render: Callable[[Result], str]) -> None:
    """Write results with ``render``, or lines already rendered (in the workers)."""
    for item in items:
        fh.write(item if isinstance(item, str) else render(item))


def write_jsonl(items: Iterable[Result | str], fh: IO[str]) -> None:
    write_lines(items, fh, jsonl_line)


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def format_table(item: Result, width: int = 100) -> str:
    """A plain-text view of one analysis for the terminal."""
    if isinstance(item, ArticleFailure):
        return f"{item.origin}\n  error: {item.message}\n"
    a, t = item, item.text
    roles: dict[str, int] = {}
    for p in a.article.paragraphs:
        roles[p.role] = roles.get(p.role, 0) + 1
    lines = [
        f"{a.id}  ({a.article.origin})",
        f"  {len(t.split()):,} words, {len(a.article.paragraphs)} paragraphs ("
        + ", ".join(f"{n} {r}" for r, n in roles.items())
        + f"), {len(a.sentences)} sentences, "
        f"{len(a.quotes)} quotes, {len(a.attributions)} attributions [{a.engine}]",
    ]
    set_apart = [p for p in a.article.paragraphs if not p.holds_speech]
    for p in set_apart:
        lines.append(f"  {p.role:>10}: {_clip(t[p.start : p.end], width - 14)}")
    if a.attributions:
        lines.append(f"  {'kind':<12} {'source':<24} {'cue':<16} content")
        for at in a.attributions:
            src = at.speaker.name if at.speaker else (at.source.text(t) if at.source else "")
            cue = at.cue.text(t) if at.cue else ""
            content = at.content.text(t) if at.content else ""
            lines.append(
                f"  {at.kind:<12} {_clip(src, 24):<24} {_clip(cue, 16):<16} {_clip(content, max(20, width - 58))}"
            )
    else:
        lines.append("  no attributions found")
    return "\n".join(lines) + "\n"


def csv_fields(meta: Sequence[str]) -> list[str]:
    """Columns of ``--format csv``: the article's key, engine and error, the ``attributions``
    table's own columns (see :mod:`newslib.dataset.tables`), and the metadata columns."""
    from .dataset.tables import COLUMNS, meta_name

    return [
        "id",
        "origin",
        "engine",
        "error",
        *(n for n, _ in COLUMNS["attributions"]),
        *(meta_name(m) for m in meta),
        "meta_extra",
    ]


def csv_text(item: Result, meta: Sequence[str], keys: Sequence[str] = ()) -> str:
    """One article's CSV rows (one an attribution; one row even without any), in the columns of
    :func:`csv_fields`: fixed, so a corpus streams into one table, written as it goes. ``meta``
    are the metadata columns, named for the fields ``keys`` (see
    :func:`newslib.dataset.writer.meta_columns`; default: the same names)."""
    from .dataset.tables import attribution_row, meta_values

    if isinstance(item, ArticleFailure):
        rows = [{"id": item.id, "origin": item.origin, "error": item.message}]
    else:
        metadata = dict(item.article.metadata)
        if keys and tuple(keys) != tuple(meta):
            column = dict(zip(keys, meta, strict=True))
            metadata = {column.get(k, k): v for k, v in metadata.items()}
        base = {"id": item.id, "origin": item.article.origin, "engine": item.engine, **meta_values(metadata, meta)}
        rows = [{**base, **attribution_row(i, a, item.text)} for i, a in enumerate(item.attributions)] or [base]
    buf = io.StringIO()
    csv.DictWriter(buf, fieldnames=csv_fields(meta), lineterminator="\n").writerows(
        [{k: _inert(v) for k, v in r.items()} for r in rows]
    )
    return buf.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (OWASP's list)."""


def _inert(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula (``=HYPERLINK(…)`` in an article's
    quote or metadata), prefixed with ``'`` so it is shown as text; numbers are left as they are."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def csv_header(meta: Sequence[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(csv_fields(meta))
    return buf.getvalue()
