"""Writing analyses out: JSONL records, a terminal table, CSV and Parquet, always atomically.

A batch's output holds one record an article in input order; an article that failed is an error
record (``{"id", "origin", "error"}``) in its place, so nothing is silently dropped. Files are
written to a temporary name beside the target and renamed over it, so a crash or Ctrl-C never
leaves a half-written report behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .model import Analysis, ArticleError

if TYPE_CHECKING:
    import pandas as pd

Result = Analysis | ArticleError


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_copy(src: str | Path, dst: str | Path) -> None:
    """Copy a file into place atomically."""
    with atomic_write(dst, "wb") as out, open(src, "rb") as fh:
        shutil.copyfileobj(fh, out)


def record(item: Result) -> dict:
    """The JSONL record of one result (see README: output schema)."""
    return item.to_dict()


def write_jsonl(items: Iterable[Result], fh: IO[str]) -> None:
    for item in items:
        fh.write(json.dumps(record(item), ensure_ascii=False, sort_keys=False) + "\n")


def attributions_frame(items: Iterable[Result]) -> pd.DataFrame:
    """One row an attribution over many articles (with ``id``); failed articles as error rows."""
    import pandas as pd

    frames = []
    for item in items:
        if isinstance(item, ArticleError):
            frames.append(pd.DataFrame([item.to_dict()]))
            continue
        df = item.attributions_frame
        if df.empty:
            df = pd.DataFrame([{}])  # an article with no attribution still gets its row
        df.insert(0, "engine", item.engine)
        df.insert(0, "origin", item.article.origin)
        df.insert(0, "id", item.id)
        frames.append(df)
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
