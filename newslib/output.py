"""Writing analyses out: JSONL records, a terminal table, CSV and Parquet, always atomically.

A batch's output holds one record an article in input order; an article that failed is an error
record (``{"id", "origin", "error"}``) in its place, so nothing is silently dropped. The CLI
writes files through :func:`newslib.files.atomic_write`, so a crash or Ctrl-C never leaves a
half-written output behind.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING

from .model import Analysis, ArticleError

if TYPE_CHECKING:
    import pandas as pd

Result = Analysis | ArticleError


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
        if not isinstance(item, ArticleError):
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


def article_frame(item: Result) -> pd.DataFrame:
    """One article's rows of :func:`attributions_frame` (made in the workers)."""
    import pandas as pd

    if isinstance(item, ArticleError):
        return pd.DataFrame([item.to_dict()])
    df = item.attributions_frame
    if df.empty:
        df = pd.DataFrame([{}])  # an article with no attribution still gets its row
    df.insert(0, "engine", item.engine)
    df.insert(0, "origin", item.article.origin)
    df.insert(0, "id", item.id)
    return df


def attributions_frame(items: Iterable[Result | pd.DataFrame]) -> pd.DataFrame:
    """One row an attribution over many articles (with ``id``); failed articles as error rows."""
    import pandas as pd

    frames = [x if isinstance(x, pd.DataFrame) else article_frame(x) for x in items]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _clip(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def format_table(item: Result, width: int = 100) -> str:
    """A plain-text view of one analysis for the terminal."""
    if isinstance(item, ArticleError):
        return f"{item.origin}\n  error: {item.message}\n"
    a, t = item, item.text
    roles: dict[str, int] = {}
    for p in a.article.paragraphs:
        roles[p.role] = roles.get(p.role, 0) + 1
    lines = [
        f"{a.id}  ({a.article.origin})",
        f"  {len(t.split()):,} words, {len(a.article.paragraphs)} paragraphs ("
        + ", ".join(f"{n} {r}" for r, n in roles.items()) + f"), {len(a.sentences)} sentences, "
        f"{len(a.quotes)} quotes, {len(a.attributions)} attributions [{a.engine}]",
    ]
    set_apart = [p for p in a.article.paragraphs if not p.holds_speech]
    for p in set_apart:
        lines.append(f"  {p.role:>10}: {_clip(t[p.start:p.end], width - 14)}")
    if a.attributions:
        lines.append(f"  {'kind':<12} {'source':<24} {'cue':<16} content")
        for at in a.attributions:
            src = at.speaker.name if at.speaker else (at.source.text(t) if at.source else "")
            cue = at.cue.text(t) if at.cue else ""
            content = at.content.text(t) if at.content else ""
            lines.append(f"  {at.kind:<12} {_clip(src, 24):<24} {_clip(cue, 16):<16} "
                         f"{_clip(content, max(20, width - 58))}")
    else:
        lines.append("  no attributions found")
    return "\n".join(lines) + "\n"
