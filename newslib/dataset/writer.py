"""Writing a dataset: one Parquet part a partition and table, atomically, resumable.

Layout of ``DIR``::

    DIR/articles/part-000000.parquet      one row an input article: id, status, reason, counts, metadata
    DIR/attributions/part-000000.parquet  and sources/, claims/, numbers/: one row a finding
    DIR/_run.json                         what the run was asked (inputs, options, engine): checked on --resume
    DIR/manifest.json                     written when the run ends: inputs, engine, versions, counts

A partition's parts are written detail tables first and ``articles`` last, each to a temporary
file renamed into place, so a partition is complete exactly when its ``articles`` part exists.
Resuming keeps complete partitions, removes the parts and temporary files of those in flight,
and analyses the rest: the result has the same rows as an uninterrupted run.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..files import atomic_write, temporary_beside
from ..inputs import InputOptions, Partition, read_partition
from ..model import Article, ArticleError
from ..reading import ReadError
from ..triage import TriageSettings, Verdict, triage
from ..version import __version__
from .people import write_people
from .tables import SCHEMA_VERSION, TABLES, analysis_rows, article_counts, meta_values, schema, to_table

PART = re.compile(r"part-(\d{6})\.parquet$")
ROW_GROUP = 100
"""Articles in a row group: what a worker holds of a partition's findings before writing them."""
RUN_FILE, MANIFEST = "_run.json", "manifest.json"


class DatasetError(ReadError):
    """A dataset directory that cannot be written or read as asked (one-line message)."""


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to turn a partition into parts (sent with each partition)."""

    out: str
    engine: str = "fast"
    options: InputOptions = field(default_factory=InputOptions)
    triage: TriageSettings = field(default_factory=TriageSettings)
    meta: tuple[str, ...] = ()


@dataclass(frozen=True)
class PartResult:
    """What a worker reports of a partition: small, so the parent only counts and shows progress."""

    index: int
    articles: int = 0
    words: int = 0
    statuses: tuple[tuple[str, int], ...] = ()
    failures: tuple[tuple[str, str], ...] = ()
    engine: str = ""


def part_path(out: str | Path, table: str, index: int) -> Path:
    return Path(out) / table / f"part-{index:06d}.parquet"


# -- one partition, in a worker --------------------------------------------------------------


def process_partition(part: Partition, job: Job) -> PartResult:
    """Read, triage and analyse one partition's articles, writing its parts as it goes."""
    statuses: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    words, engine, count = 0, "", 0
    with PartWriter(job.out, part.index, job.meta) as parts:
        for item in read_partition(part):
            row, found, engine_id = article_rows(item, job)
            parts.add("articles", [row])
            for table, found_rows in found.items():
                parts.add(table, found_rows)
            count, words, engine = count + 1, words + (row["words"] or 0), engine or engine_id
            statuses[row["status"]] += 1
            if row["status"] == "error":
                failures.append((row["origin"], row["reason"]))
    return PartResult(part.index, count, words, tuple(sorted(statuses.items())), tuple(failures), engine)


def article_rows(item: Article | ArticleError, job: Job) -> tuple[dict[str, Any], dict[str, list], str]:
    """An article's row of ``articles`` and its findings' rows, each with the article's key and
    metadata, and the engine that found them."""
    row, found, engine = _article(item, job)
    row["chars"] = len(item.text) if isinstance(item, Article) else None
    key = {"id": row["id"], "origin": row["origin"],
           **meta_values(dict(item.metadata) if isinstance(item, Article) else {}, job.meta)}
    return {**key, **row}, {t: [{**key, **r} for r in rs] for t, rs in found.items()}, engine


def _article(item: Article | ArticleError, job: Job) -> tuple[dict[str, Any], dict[str, list], str]:
    """The article's own row, the rows of its findings, and the engine that found them."""
    if isinstance(item, ArticleError):
        return _status_row(item.id, item.origin, "error", item.message), {}, ""
    try:
        verdict = triage(item, job.triage)
    except Exception as exc:  # noqa: BLE001 - one article's failure, recorded
        return _status_row(item.id, item.origin, "error", f"triage failed: {_one_line(exc)}"), {}, ""
    if verdict.status != "ok":
        return _status_row(item.id, item.origin, verdict.status, verdict.reason, verdict), {}, ""
    from ..pipeline import analyze

    try:
        analysis = analyze(item, job.engine)
        found = analysis_rows(analysis)
    except Exception as exc:  # noqa: BLE001 - one article's failure, recorded
        return _status_row(item.id, item.origin, "error", f"analysis failed: {_one_line(exc)}", verdict), {}, ""
    row = _status_row(item.id, item.origin, "ok", "", verdict)
    row.update(engine=analysis.engine, **article_counts(analysis))
    return row, found, analysis.engine


def _status_row(ident: str | None, origin: str, status: str, reason: str,
                verdict: Verdict | None = None) -> dict[str, Any]:
    return {"id": ident, "origin": origin, "status": status, "reason": reason or None,
            "words": verdict.words if verdict else None, "chars": None,
            "language": verdict.language if verdict else None,
            "language_score": verdict.language_score if verdict else None}


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


class PartWriter:
    """A partition's five parts, written as the articles come in row groups of ``batch``
    articles (so a worker holds no more than that), to temporary files renamed into place on
    success, ``articles`` last: its presence marks the partition complete."""

    def __init__(self, out: str | Path, index: int, meta: Sequence[str], batch: int = ROW_GROUP) -> None:
        import pyarrow.parquet as pq

        self.meta, self.batch, self.articles = meta, batch, 0
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        self.files = {t: temporary_beside(part_path(out, t, index)) for t in TABLES}
        self.targets = {t: part_path(out, t, index) for t in TABLES}
        # pyarrow does not close a file object it was given: its buffer (with the footer) is
        # flushed by closing it here, before the rename (a kill after the rename read
        # "Parquet magic bytes not found" when only garbage collection would have flushed it)
        self.sinks = {t: os.fdopen(fd, "wb") for t, (fd, _) in self.files.items()}
        self.writers = {t: pq.ParquetWriter(self.sinks[t], schema(t, meta), compression="zstd") for t in TABLES}

    def add(self, table: str, rows: list[dict[str, Any]]) -> None:
        self.rows[table].extend(rows)
        if table == "articles":
            self.articles += len(rows)
            if self.articles % self.batch == 0:
                self.flush()

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                self.writers[table].write_table(to_table(table, rows, self.meta))
                rows.clear()

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(self, kind: type | None, *exc: object) -> None:
        try:
            if kind is None:
                self.flush()
        finally:
            for w in self.writers.values():
                w.close()
            for sink in self.sinks.values():
                sink.close()
            if kind is not None:
                for _, tmp in self.files.values():
                    tmp.unlink(missing_ok=True)
        if kind is None:
            for table in (*TABLES[1:], TABLES[0]):
                os.replace(self.files[table][1], self.targets[table])


def write_part(out: str | Path, index: int, rows: dict[str, list[dict[str, Any]]], meta: Sequence[str]) -> None:
    """Write a partition's parts from rows in memory (duplicates marked, a lost partition)."""
    with PartWriter(out, index, meta, batch=max(1, len(rows["articles"]))) as parts:
        for table in TABLES:
            parts.add(table, rows[table])


# -- the directory: starting, resuming, finishing ----------------------------------------------


def fingerprint(paths: Sequence[str], job: Job) -> dict[str, Any]:
    """What makes two runs the same run: inputs (with sizes), options, engine, schema."""
    run = {"schema": SCHEMA_VERSION, "newslib": __version__, "inputs": [_input(p) for p in paths],
           "engine": job.engine, "options": asdict(job.options), "triage": asdict(job.triage), "meta": list(job.meta)}
    return json.loads(json.dumps(run))  # as it reads back from _run.json (tuples become lists)


def _input(path: str) -> dict[str, Any]:
    """An input as the fingerprint records it: a file's size, a folder's files and their bytes."""
    from ..inputs import input_files

    files = input_files(path)
    return {"path": path, "files": len(files), "bytes": sum(size for _, size in files)}


def prepare(out: str | Path, run: dict[str, Any], resume: bool) -> set[int]:
    """Make ``out`` ready for the run and return the partitions already complete.

    A non-empty directory is refused without ``resume``; with it, the directory must hold the
    same run (inputs, options, engine), and the parts of partitions in flight are removed.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise DatasetError(str(out), "exists and is not a directory")
    if out.is_dir() and any(out.iterdir()):
        if not resume:
            raise DatasetError(str(out), "directory is not empty: give --resume to continue the run in it, "
                                         "or name a new directory")
        _check_same_run(out, run)
        done = complete_parts(out)
        _remove_in_flight(out, done)
        return done
    out.mkdir(parents=True, exist_ok=True)
    with atomic_write(out / RUN_FILE) as fh:
        json.dump(run, fh, indent=1, sort_keys=True)
    return set()


def _check_same_run(out: Path, run: dict[str, Any]) -> None:
    try:
        before = json.loads((out / RUN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise DatasetError(str(out), f"not a newslib dataset being written (no readable {RUN_FILE})") from None
    changed = [k for k in sorted(run) if before.get(k) != run[k]]
    if changed:
        raise DatasetError(str(out), f"cannot resume: the run differs in {', '.join(changed)} "
                                     "(same inputs, options and engine needed)")


def complete_parts(out: str | Path) -> set[int]:
    """Indexes of the partitions whose ``articles`` part exists."""
    folder = Path(out) / "articles"
    return {int(m.group(1)) for f in folder.glob("part-*.parquet") if (m := PART.search(f.name))} \
        if folder.is_dir() else set()


def _remove_in_flight(out: Path, done: set[int]) -> None:
    for table in TABLES:
        for f in (out / table).glob("*") if (out / table).is_dir() else ():
            m = PART.search(f.name)
            if f.name.endswith(".tmp") or (m and int(m.group(1)) not in done):
                f.unlink(missing_ok=True)


def iter_pending(parts: Iterable[Partition], done: set[int]) -> Iterable[Partition]:
    return (p for p in parts if p.index not in done)


def finish(out: str | Path, meta: Sequence[str]) -> None:
    """After the last partition: remove what killed writers left (temporary files, parts of a
    partition never completed; a cluster reruns a killed worker's task elsewhere), then mark
    duplicates."""
    _remove_in_flight(Path(out), complete_parts(out))
    mark_duplicates(out, meta)
    write_people(out)


def mark_duplicates(out: str | Path, meta: Sequence[str]) -> int:
    """Give every article whose id came earlier in the corpus the status ``duplicate`` (and drop
    its findings), rewriting only the parts that hold one. Idempotent; returns how many."""
    import pyarrow.parquet as pq

    first: dict[str, str] = {}
    late: dict[int, dict[str, str]] = {}
    for index in sorted(complete_parts(out)):
        t = pq.read_table(part_path(out, "articles", index), columns=["id", "origin", "status"])
        for ident, origin, status in zip(*(t.column(c).to_pylist() for c in ("id", "origin", "status")), strict=True):
            if not ident:
                continue
            if ident in first and first[ident] != origin:
                if status != "duplicate":
                    late.setdefault(index, {})[origin] = first[ident]
            else:
                first.setdefault(ident, origin)
    for index, origins in late.items():
        _rewrite_duplicates(out, index, origins, meta)
    return sum(map(len, late.values()))


def _rewrite_duplicates(out: str | Path, index: int, origins: dict[str, str], meta: Sequence[str]) -> None:
    import pyarrow.parquet as pq

    rows: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        found = pq.read_table(part_path(out, table, index)).to_pylist()
        rows[table] = [r for r in found if r["origin"] not in origins] if table != "articles" else found
    for r in rows["articles"]:
        if r["origin"] in origins:
            r.update(status="duplicate", reason=f"duplicate id (first at {origins[r['origin']]})", engine=None,
                     attributions=None, sources=None, claims=None, unattributed_claims=None, numbers=None)
    write_part(out, index, rows, meta)


def write_manifest(out: str | Path, run: dict[str, Any]) -> dict[str, Any]:
    """Write ``manifest.json``: the run, the engines and model versions that ran, and what each
    table holds. Deterministic: no clock in it, so the same run gives the same bytes."""
    import pyarrow.parquet as pq

    out = Path(out)
    statuses: Counter[str] = Counter()
    engines: set[str] = set()
    rows: Counter[str] = Counter()
    done = sorted(complete_parts(out))
    for index in done:
        t = pq.read_table(part_path(out, "articles", index), columns=["status", "engine"])
        statuses.update(t.column("status").to_pylist())
        engines.update(e for e in t.column("engine").to_pylist() if e)
        for table in TABLES:
            rows[table] += pq.ParquetFile(part_path(out, table, index)).metadata.num_rows
    manifest = {**run, "models": sorted(engines), "partitions": len(done), "rows": {t: rows[t] for t in TABLES},
                "statuses": dict(sorted(statuses.items()))}
    with atomic_write(out / MANIFEST) as fh:
        json.dump(manifest, fh, indent=1, sort_keys=True)
        fh.write("\n")
    return manifest
