"""Writing a dataset: one Parquet part a partition and table, atomically, resumable.

Layout of ``DIR``::

    DIR/articles/part-000000.parquet      one row an input article: id, status, reason, counts, metadata
    DIR/attributions/part-000000.parquet  and sources/, claims/, numbers/: one row a finding
    DIR/_copies/part-000000.parquet       each article's text hash and MinHash signature (newslib.dedup)
    DIR/_run.json                         what the run was asked (inputs, options, engine): checked on --resume
    DIR/manifest.json                     written when the run ends: inputs, engine, versions, counts

A partition's parts are written detail tables first and ``articles`` last, each to a temporary
file renamed into place, so a partition is complete exactly when its ``articles`` part exists.
Resuming keeps complete partitions, removes the parts and temporary files of those in flight,
and analyses the rest: the result has the same rows as an uninterrupted run.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..attribution import DEFAULT_ENGINE, AttributionSettings
from ..dedup import CopyIndex, CopySettings, hash_and_signature
from ..dedup import Verdict as CopyVerdict
from ..errors import NewslibError
from ..files import atomic_write, temporary_beside
from ..inputs import InputOptions, Partition, read_partition
from ..model import Article, ArticleFailure
from ..triage import TriageSettings, Verdict, triage
from ..version import __version__
from ..workers import ArticleTimeout, WorkerSettings, limits, time_limit
from .people import write_people
from .tables import SCHEMA_VERSION, TABLES, analysis_rows, article_counts, meta_values, schema, to_table

PART = re.compile(r"part-(\d{6})\.parquet$")
ROW_GROUP = 100
"""Articles in a row group: what a worker holds of a partition's findings before writing them."""
RUN_FILE, MANIFEST = "_run.json", "manifest.json"
COPIES = "_copies"
"""The side table of text hashes and signatures, one part a partition, read by the copy pass."""
PARTS = (*TABLES, COPIES)


class DatasetError(NewslibError):
    """A dataset directory that cannot be written or read as asked (one-line message)."""


@dataclass(frozen=True)
class Job:
    """Everything a worker needs to turn a partition into parts (sent with each partition)."""

    out: str
    engine: str = DEFAULT_ENGINE
    options: InputOptions = field(default_factory=InputOptions)
    triage: TriageSettings = field(default_factory=TriageSettings)
    meta: tuple[str, ...] = ()
    """The metadata columns (see :func:`meta_columns`)."""
    meta_keys: tuple[str, ...] = ()
    """The metadata fields they hold, in the same order (default: the same names)."""
    copies: CopySettings = field(default_factory=CopySettings)
    attribution: AttributionSettings = field(default_factory=AttributionSettings)
    """The detection's settings: they travel with every partition to the workers (processes or
    Dask), and the run records them (``_run.json``, ``manifest.json``)."""
    worker: WorkerSettings = field(default_factory=WorkerSettings)
    """One article's limits (:class:`newslib.workers.WorkerSettings`): in force in the worker
    while it reads and analyses a partition, and recorded like the detection's."""


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
    with PartWriter(job.out, part.index, job.meta) as parts, limits(job.worker):
        for item in read_partition(part):
            row, found, engine_id = article_rows(item, job)
            parts.add(COPIES, [copy_row(item, row, job.copies)])
            parts.add("articles", [row])
            for table, found_rows in found.items():
                parts.add(table, found_rows)
            count, words, engine = count + 1, words + (row["words"] or 0), engine or engine_id
            statuses[row["status"]] += 1
            if row["status"] == "error":
                failures.append((row["origin"], row["reason"]))
            tick()
        for row in _missing(part, count):
            parts.add(COPIES, [{"origin": row["origin"]}])
            parts.add("articles", [row])
            statuses["error"] += 1
            failures.append((row["origin"], row["reason"]))
            count += 1
    return PartResult(part.index, count, words, tuple(sorted(statuses.items())), tuple(failures), engine)


PROGRESS: Any = None
"""A shared counter of articles done (a ``multiprocessing.Value``), set by the parent before the
workers fork, so progress moves per article, not per partition."""


def tick() -> None:
    """One more article done, for the parent's progress bar."""
    if PROGRESS is not None:
        with PROGRESS.get_lock():
            PROGRESS.value += 1


def _missing(part: Partition, count: int) -> list[dict[str, Any]]:
    """Error rows for the articles a partition was planned with but did not give: its input was
    truncated (or rewritten) after it was planned, and they must not vanish silently. A JSONL
    range counts blank lines among its planned lines, so it is judged by the file's size."""
    if part.kind == "lines":
        try:
            size = os.path.getsize(part.path)
        except OSError:
            size = -1
        if size >= part.stop:
            return []
        reason = (
            f"input changed during the run: lines {part.first}-{part.first + (part.articles or 1) - 1} "
            f"(bytes {part.start}-{part.stop}) were planned, the file now has {max(size, 0)} bytes"
        )
        return [{"id": None, "origin": f"{part.origin}:{part.first}-", "status": "error", "reason": reason}]
    if part.kind not in ("rows", "warc") or part.articles is None or count >= part.articles:
        return []
    reason = f"input changed during the run: {part.articles} articles planned here, {count} read"
    where = (
        (lambda k: f"{part.origin}:{part.start + k}")
        if part.kind == "rows"
        else (lambda k: f"{part.origin}@{part.start}#{k}")
    )
    return [
        {"id": None, "origin": where(k), "status": "error", "reason": reason}
        for k in range(count + 1, part.articles + 1)
    ]


def copy_row(item: Article | ArticleFailure, row: dict[str, Any], settings: CopySettings) -> dict[str, Any]:
    """An article's row of the side table the copy pass reads: its text hash and signature."""
    if not isinstance(item, Article) or row["status"] == "error":
        return {"origin": row["origin"]}
    digest, sig = hash_and_signature(item.text, settings)
    return {"origin": row["origin"], "text_hash": digest, "signature": sig}


def article_rows(item: Article | ArticleFailure, job: Job) -> tuple[dict[str, Any], dict[str, list], str]:
    """An article's row of ``articles`` and its findings' rows, each with the article's key and
    metadata, and the engine that found them."""
    row, found, engine = _article(item, job)
    row["chars"] = len(item.text) if isinstance(item, Article) else None
    metadata = dict(item.metadata) if isinstance(item, Article) else {}
    key = {"id": row["id"], "origin": row["origin"], **meta_values(renamed_meta(metadata, job), job.meta)}
    return {**key, **row}, {t: [{**key, **r} for r in rs] for t, rs in found.items()}, engine


def renamed_meta(metadata: dict[str, Any], job: Job) -> dict[str, Any]:
    """Metadata keyed by column (:func:`meta_columns`), other keys as they are (``meta_extra``)."""
    if not job.meta_keys or job.meta_keys == job.meta:
        return metadata
    column = dict(zip(job.meta_keys, job.meta, strict=True))
    return {column.get(k, k): v for k, v in metadata.items()}


def meta_columns(fields: Sequence[str]) -> tuple[str, ...]:
    """A column name for each metadata field, all distinct when compared case-insensitively (as
    DuckDB compares them) and from the tables' own columns: a field taken already (``status``,
    ``meta_status``, ``Outlet`` beside ``outlet``) gets ``_2``, ``_3``…, in order of first
    appearance; quotes and control characters become ``_``, so no name needs escaping in SQL."""
    from .tables import COLUMNS, meta_name

    taken = {n.lower() for cols in COLUMNS.values() for n, _ in cols} | {"id", "origin", "meta_extra"}
    out = []
    for key in fields:
        base = meta_name("".join(ch if ch.isprintable() and ch not in "\"'`" else "_" for ch in key) or "_")
        name, k = base, 1
        while name.lower() in taken or meta_name(name) != name:
            k += 1
            name = f"{base}_{k}"
        taken.add(name.lower())
        out.append(name)
    return tuple(out)


def _article(item: Article | ArticleFailure, job: Job) -> tuple[dict[str, Any], dict[str, list], str]:
    """The article's own row, the rows of its findings, and the engine that found them."""
    if isinstance(item, ArticleFailure):
        return _status_row(item.id, item.origin, "error", item.message), {}, ""
    try:
        verdict = triage(item, job.triage)
    except Exception as exc:  # noqa: BLE001 - one article's failure, recorded
        return _status_row(item.id, item.origin, "error", f"triage failed: {_one_line(exc)}"), {}, ""
    if verdict.status != "ok":
        return _status_row(item.id, item.origin, verdict.status, verdict.reason, verdict), {}, ""
    from ..pipeline import analyze

    try:
        with time_limit("analysis", job.worker.article_seconds):
            analysis = analyze(item, job.engine, job.attribution)
            found = analysis_rows(analysis)
    except ArticleTimeout as exc:
        return _status_row(item.id, item.origin, "error", str(exc), verdict), {}, ""
    except Exception as exc:  # noqa: BLE001 - one article's failure, recorded
        return _status_row(item.id, item.origin, "error", f"analysis failed: {_one_line(exc)}", verdict), {}, ""
    row = _status_row(item.id, item.origin, "ok", "", verdict)
    row.update(engine=analysis.engine, **article_counts(analysis))
    return row, found, analysis.engine


def _status_row(
    ident: str | None, origin: str, status: str, reason: str, verdict: Verdict | None = None
) -> dict[str, Any]:
    return {
        "id": ident,
        "origin": origin,
        "status": status,
        "reason": reason or None,
        "words": verdict.words if verdict else None,
        "chars": None,
        "language": verdict.language if verdict else None,
        "language_score": verdict.language_score if verdict else None,
        "duplicate_of": None,
        "copy_of": None,
        "copy_similarity": None,
    }


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


class PartWriter:
    """A partition's five parts, written as the articles come in row groups of ``batch``
    articles (so a worker holds no more than that), to temporary files renamed into place on
    success, ``articles`` last: its presence marks the partition complete."""

    def __init__(self, out: str | Path, index: int, meta: Sequence[str], batch: int = ROW_GROUP) -> None:
        import pyarrow.parquet as pq

        self.meta, self.batch, self.articles = meta, batch, 0
        self.rows: dict[str, list[dict[str, Any]]] = {t: [] for t in PARTS}
        self.files = {t: temporary_beside(part_path(out, t, index)) for t in PARTS}
        self.targets = {t: part_path(out, t, index) for t in PARTS}
        # pyarrow does not close a file object it was given: its buffer (with the footer) is
        # flushed by closing it here, before the rename (a kill after the rename read
        # "Parquet magic bytes not found" when only garbage collection would have flushed it)
        self.sinks = {t: os.fdopen(fd, "wb") for t, (fd, _) in self.files.items()}
        self.writers = {t: pq.ParquetWriter(self.sinks[t], _schema(t, meta), compression="zstd") for t in PARTS}

    def add(self, table: str, rows: list[dict[str, Any]]) -> None:
        self.rows[table].extend(rows)
        if table == "articles":
            self.articles += len(rows)
            if self.articles % self.batch == 0:
                self.flush()

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                self.writers[table].write_table(_table(table, rows, self.meta))
                rows.clear()

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(self, kind: type | None, *exc: object) -> None:
        failed = kind is not None
        try:
            if not failed:
                failed = True  # until the last rows are written: a refused row leaves no temporary file
                self.flush()
                failed = False
        finally:
            for w in self.writers.values():
                w.close()
            for sink in self.sinks.values():
                sink.close()
            if failed:
                for _, tmp in self.files.values():
                    tmp.unlink(missing_ok=True)
        if not failed:
            for table in (*PARTS[1:], PARTS[0]):
                os.replace(self.files[table][1], self.targets[table])


def _copies_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("origin", pa.string()), ("text_hash", pa.string()), ("signature", pa.binary())])


def _schema(table: str, meta: Sequence[str]) -> Any:
    return _copies_schema() if table == COPIES else schema(table, meta)


def _table(table: str, rows: list[dict[str, Any]], meta: Sequence[str]) -> Any:
    """Every part, the copies too, through :func:`to_table`: a key its schema lacks is refused."""
    return to_table(table, rows, meta, _schema(table, meta))


def write_part(out: str | Path, index: int, rows: dict[str, list[dict[str, Any]]], meta: Sequence[str]) -> None:
    """Write a partition's parts from rows in memory (duplicates marked, a lost partition)."""
    with PartWriter(out, index, meta, batch=max(1, len(rows["articles"]))) as parts:
        for table in PARTS:
            parts.add(table, rows.get(table) or [{"origin": r["origin"]} for r in rows["articles"]])


# -- the directory: starting, resuming, finishing ----------------------------------------------


def fingerprint(paths: Sequence[str], job: Job) -> dict[str, Any]:
    """What makes two runs the same run: inputs (with sizes), options, engine and the settings of
    triage, detection and copies, schema. The manifest keeps it: a dataset says how it was made."""
    run = {
        "schema": SCHEMA_VERSION,
        "newslib": __version__,
        "inputs": [_input(p) for p in paths],
        "engine": job.engine,
        "options": asdict(job.options),
        "triage": asdict(job.triage),
        "meta": list(job.meta),
        "copies": asdict(job.copies),
        "attribution": job.attribution.record(),
        "worker": asdict(job.worker),
    }
    return json.loads(json.dumps(run))  # as it reads back from _run.json (tuples become lists)


def _input(path: str) -> dict[str, Any]:
    """An input as the fingerprint records it: a folder's files and their bytes, and a digest of
    every file's name, size, modification time and first and last :data:`PEEK` bytes, so that a
    file edited in place (even to the same length) is noticed on ``--resume``."""
    import hashlib

    from ..inputs import input_files

    files = input_files(path)
    digest = hashlib.sha256()
    for name, size in files:
        digest.update(_file_key(name, size).encode("utf-8", "surrogateescape") + b"\0")
    return {"path": path, "files": len(files), "bytes": sum(size for _, size in files), "digest": digest.hexdigest()}


PEEK = 65536
"""Bytes read at each end of every input file for the fingerprint's content check."""


def _file_key(name: str, size: int) -> str:
    import hashlib

    try:
        with open(name, "rb") as fh:
            mtime = os.fstat(fh.fileno()).st_mtime_ns
            head = fh.read(PEEK)
            if size > PEEK:
                fh.seek(max(PEEK, size - PEEK))
                head += fh.read(PEEK)
    except OSError as exc:
        return f"{name}|unreadable|{exc.errno}"
    return f"{name}|{size}|{mtime}|{hashlib.blake2b(head, digest_size=16).hexdigest()}"


def changed_inputs(paths: Sequence[str], run: dict[str, Any]) -> list[str]:
    """The inputs whose files changed since ``run`` was fingerprinted (checked when a run ends)."""
    from ..inputs import printable

    before = {i["path"]: i for i in run.get("inputs", [])}
    return [printable(p) for p in paths if p != "-" and before.get(p) != json.loads(json.dumps(_input(p)))]


LOCK = ".newslib.lock"
"""The lock file in a dataset directory: one run writes it at a time."""


@contextlib.contextmanager
def locked(out: str | Path) -> Iterator[None]:
    """Hold an exclusive ``fcntl`` lock on ``out`` for the run: a second run on the same directory
    (a ``--resume`` started twice, two reports on one corpus) waits for nothing and is refused
    in one line, instead of deleting the first run's parts in flight. The kernel releases the
    lock when the process dies, however it dies."""
    import fcntl

    out = Path(out)
    if out.exists() and not out.is_dir():
        raise DatasetError(str(out), "exists and is not a directory")
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            other = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            raise DatasetError(
                str(out),
                f"in use by another newslib run{f' (pid {other})' if other else ''}: "
                "wait for it to end, or name another directory",
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def prepare_directory(out: str | Path, run: dict[str, Any], resume: bool) -> set[int]:
    """Make ``out`` ready for the run and return the partitions already complete.

    A non-empty directory is refused without ``resume``; with it, the directory must hold the
    same run (inputs, options, engine), and the parts of partitions in flight are removed.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise DatasetError(str(out), "exists and is not a directory")
    if out.is_dir() and any(f.name != LOCK for f in out.iterdir()):
        if not resume:
            raise DatasetError(
                str(out), "directory is not empty: give --resume to continue the run in it, or name a new directory"
            )
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
        raise DatasetError(
            str(out), f"cannot resume: the run differs in {', '.join(changed)} (same inputs, options and engine needed)"
        )


def complete_parts(out: str | Path) -> set[int]:
    """Indexes of the partitions whose ``articles`` part exists."""
    folder = Path(out) / "articles"
    return (
        {int(m.group(1)) for f in folder.glob("part-*.parquet") if (m := PART.search(f.name))}
        if folder.is_dir()
        else set()
    )


def _remove_in_flight(out: Path, done: set[int]) -> None:
    for table in PARTS:
        for f in (out / table).glob("*") if (out / table).is_dir() else ():
            m = PART.search(f.name)
            if f.name.endswith(".tmp") or (m and int(m.group(1)) not in done):
                f.unlink(missing_ok=True)


def iter_pending(parts: Iterable[Partition], done: set[int]) -> Iterable[Partition]:
    return (p for p in parts if p.index not in done)


def finish(out: str | Path, meta: Sequence[str], copies: CopySettings | None = None) -> None:
    """After the last partition: remove what killed writers left (temporary files, parts of a
    partition never completed; a cluster reruns a killed worker's task elsewhere), then mark
    duplicates and copies, and gather the speakers into the ``people`` table."""
    _remove_in_flight(Path(out), complete_parts(out))
    mark_duplicates(out, meta, copies or CopySettings())
    write_people(out)


_DROPPED = dict.fromkeys(("engine", "attributions", "sources", "claims", "unattributed_claims", "numbers"))
_COPY_COLUMNS = ("duplicate_of", "copy_of", "copy_similarity")


def mark_duplicates(out: str | Path, meta: Sequence[str], copies: CopySettings | None = None) -> int:
    """The copy pass (:mod:`newslib.dedup`), over the partitions in input order: an article whose
    id or text came earlier gets the status ``duplicate`` with ``duplicate_of`` (its findings
    dropped); a near-copy keeps its analysis and gets ``copy_of`` and ``copy_similarity``. Only
    the parts whose rows change are rewritten (detail tables only where a duplicate is new).
    Idempotent; returns how many articles are duplicates."""
    import pyarrow.parquet as pq

    index = CopyIndex(copies or CopySettings())
    duplicates = 0
    for part in sorted(complete_parts(out)):
        articles = pq.read_table(part_path(out, "articles", part)).to_pylist()
        side = _side_rows(out, part)
        new: set[str] = set()
        changed = False
        for row in articles:
            digest, sig = side.get(row["origin"], (None, None))
            verdict = CopyVerdict() if row["status"] == "error" else index.see(row["id"], row["origin"], digest, sig)
            if verdict.reason and row["status"] != "duplicate":
                new.add(row["origin"])
                row.update(status="duplicate", reason=verdict.reason, **_DROPPED)
            values = (verdict.duplicate_of, verdict.copy_of, verdict.copy_similarity)
            changed = changed or tuple(row[c] for c in _COPY_COLUMNS) != values
            row.update(zip(_COPY_COLUMNS, values, strict=True))
            duplicates += row["status"] == "duplicate"
        if new:
            _rewrite_part(out, part, articles, new, meta)
        elif changed:
            with atomic_write(part_path(out, "articles", part), "wb") as fh:
                pq.write_table(to_table("articles", articles, meta), fh, compression="zstd", row_group_size=ROW_GROUP)
    return duplicates


def _side_rows(out: str | Path, part: int) -> dict[str, tuple[str | None, bytes | None]]:
    """A partition's text hashes and signatures by origin (none where the side part is missing:
    a dataset written from Dask dataframes, or by an older newslib)."""
    import pyarrow.parquet as pq

    path = part_path(out, COPIES, part)
    if not path.exists():
        return {}
    t = pq.read_table(path)
    return {
        o: (h, g)
        for o, h, g in zip(*(t.column(c).to_pylist() for c in ("origin", "text_hash", "signature")), strict=True)
    }


def _rewrite_part(
    out: str | Path, part: int, articles: list[dict[str, Any]], dropped: set[str], meta: Sequence[str]
) -> None:
    """A partition's parts again, the findings of the articles in ``dropped`` left out."""
    import pyarrow.parquet as pq

    rows: dict[str, list[dict[str, Any]]] = {"articles": articles}
    for table in PARTS[1:]:
        path = part_path(out, table, part)
        found = pq.read_table(path).to_pylist() if path.exists() else []
        rows[table] = found if table == COPIES else [r for r in found if r["origin"] not in dropped]
    write_part(out, part, rows, meta)


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
    manifest = {
        **run,
        "models": sorted(engines),
        "partitions": len(done),
        "rows": {t: rows[t] for t in TABLES},
        "statuses": dict(sorted(statuses.items())),
    }
    with atomic_write(out / MANIFEST) as fh:
        json.dump(manifest, fh, indent=1, sort_keys=True)
        fh.write("\n")
    return manifest
