"""A corpus into a dataset, on every core: the parent plans and counts, the workers do the rest.

Each worker process takes a partition, reads its articles itself (a byte range of a JSONL file,
Parquet rows, WARC records, a batch of files), triages and analyses them, and writes the
partition's parts; it sends back only counts. The models are loaded once, in the parent before
the workers fork, so their pages are shared and no worker loads them again. A worker that dies
costs only its partition, whose articles are then recorded as failed; Ctrl-C and SIGTERM stop
the workers at once (see :mod:`newslib.workers`), and ``resume=True`` continues the run.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from ..attribution import DEFAULT_ENGINE, AttributionSettings
from ..attribution.engines import check_settings
from ..dedup import CopySettings
from ..inputs import InputOptions, Partition, metadata_fields, plan, read_partition, streams
from ..model import ArticleFailure
from ..triage import TriageSettings
from ..workers import WorkerDied, WorkerSettings, ordered_map
from .tables import TABLES, meta_values
from .writer import (
    DatasetError,
    Job,
    PartResult,
    changed_inputs,
    fingerprint,
    finish,
    iter_pending,
    locked,
    meta_columns,
    prepare_directory,
    process_partition,
    renamed_meta,
    write_manifest,
    write_part,
)

Report = Callable[[str], None]


def analyze_corpus(
    paths: Sequence[str | Path] | str | Path,
    out: str | Path,
    engine: str = DEFAULT_ENGINE,
    jobs: int = 1,
    resume: bool = False,
    options: InputOptions | None = None,
    triage: TriageSettings | None = None,
    progress: bool = False,
    report: Report | None = None,
    scheduler: str | None = None,
    copies: CopySettings | None = None,
    settings: AttributionSettings | None = None,
    worker: WorkerSettings | None = None,
) -> dict[str, Any]:
    """Analyse every article under ``paths`` into the Parquet dataset ``out`` and return its
    manifest. ``report`` receives one line per failed article (default: none). ``scheduler``
    runs it on a Dask cluster (``tcp://host:8786``, or ``"local"`` for a ``LocalCluster`` of
    ``jobs`` workers; see :mod:`newslib.dataset.cluster`) instead of local worker processes.
    ``copies`` tunes the search for copies (:class:`newslib.dedup.CopySettings`), ``settings`` the
    detection (:class:`newslib.attribution.AttributionSettings`), ``worker`` one article's limits
    (:class:`newslib.workers.WorkerSettings`): all travel with every partition to the workers and
    are recorded in the manifest."""
    check_arguments(engine, jobs)
    settings = check_settings(settings)
    inputs = [str(p) for p in ([paths] if isinstance(paths, str | Path) else paths)]
    options = options or InputOptions()
    fields = tuple(metadata_fields(inputs, options))
    job = Job(
        str(out),
        engine,
        options,
        triage or TriageSettings(),
        meta_columns(fields),
        fields,
        copies or CopySettings(),
        settings,
        worker or WorkerSettings(),
    )
    run = fingerprint(inputs, job)
    with _mapper(scheduler, jobs, job) as mapper, locked(out):  # an unreachable cluster fails before DIR is made
        done = prepare_directory(out, run, resume)
        parts: Iterable[Partition] = plan(inputs, options)
        total = None
        if not streams(inputs, options):
            parts = list(parts)
            total = sum(p.articles or 0 for p in parts if p.index not in done)
        with _Progress(total, progress) as bar:
            for outcome in mapper(partial(process_partition, job=job), iter_pending(parts, done)):
                result = _settled(outcome, job)
                bar.update(result)
                if report is not None:
                    for origin, message in result.failures:
                        report(f"{origin}: {message}")
        finish(out, job.meta, job.copies)
        manifest = write_manifest(out, run)
        changed = changed_inputs(inputs, run)
        if changed:
            raise DatasetError(
                changed[0],
                "input changed while the run read it (its size, time or content differ "
                "from the start): the dataset may hold stale or missing rows; "
                "run again with --resume once it is stable",
            )
    return manifest


def check_arguments(engine: Any, jobs: Any) -> None:
    """Refuse a bad engine or job count before anything is written (a wrong type included:
    ``jobs="2"`` used to leave a ``_run.json`` that refused the next run)."""
    from ..attribution.engines import check_name

    check_name(engine)
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise ValueError(f"jobs must be a whole number of at least 1, not {jobs!r}")


def _settled(result: Any, job: Job) -> PartResult:
    """A partition's result; one whose worker died (or, on a cluster, whose task failed
    everywhere) has its articles recorded as failed."""
    if isinstance(result, WorkerDied):
        return _record_lost(result.item, job)
    if isinstance(result, tuple):
        part, exc = result
        return _record_lost(part, job, f"cluster task failed: {' '.join(str(exc).split())[:200]}")
    return result


@contextmanager
def _mapper(scheduler: str | None, jobs: int, job: Job) -> Iterator[Callable[..., Iterable[Any]]]:
    """How partitions are run: local worker processes (in input order), or a Dask cluster."""
    if not scheduler:
        _preload(job.engine)
        yield lambda work, parts: ordered_map(work, parts, jobs, chunk=1, settings=job.worker)
        return
    from .cluster import cluster_map, connect

    with connect(scheduler, jobs) as client:
        yield lambda work, parts: cluster_map(work, parts, client)


def _preload(engine: str) -> None:
    """Load the models (and the libraries every worker imports: pyarrow imports pandas to write a
    table) in the parent, so the forked workers share their pages instead of each loading them."""
    import pandas  # noqa: F401
    import pyarrow.parquet  # noqa: F401

    from ..attribution import load_engine
    from ..triage import language_identifier

    language_identifier()
    load_engine(engine)


def _record_lost(
    part: Partition,
    job: Job,
    reason: str = "worker process died while analysing this partition (killed, or out of memory)",
) -> PartResult:
    """A partition whose worker died twice: its articles are recorded as failed, read here."""
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for item in read_partition(part):
        meta = renamed_meta(dict(item.metadata), job) if not isinstance(item, ArticleFailure) else {}
        ident = item.id
        rows["articles"].append(
            {"id": ident, "origin": item.origin, "status": "error", "reason": reason, **meta_values(meta, job.meta)}
        )
    write_part(job.out, part.index, rows, job.meta)
    failures = tuple((r["origin"], reason) for r in rows["articles"])
    return PartResult(part.index, len(failures), 0, (("error", len(failures)),), failures)


class _Progress:
    """A progress bar of articles (with a total where the plan knows it): articles/s, words/s,
    failures so far and the ETA; ``tqdm.auto`` so it is a widget in a notebook. It moves per
    article: the workers count into a shared counter (:data:`~newslib.dataset.writer.PROGRESS`,
    made before they fork) that a thread reads every :data:`TICK` seconds, so a corpus of
    1,000-article partitions no longer sits at 0 for a minute. (On a cluster, per partition.)"""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.bar = None
        self.words = self.failed = self.settled = 0
        self.started = time.monotonic()
        self.stop = threading.Event()
        if enabled:
            import multiprocessing

            from tqdm.auto import tqdm

            from . import writer

            self.bar = tqdm(total=total, unit="article", file=sys.stderr, smoothing=0.1, dynamic_ncols=True)
            self.counter = writer.PROGRESS = multiprocessing.get_context("fork").Value("q", 0)
            threading.Thread(target=self._follow, daemon=True).start()

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        if self.bar is not None:
            from . import writer

            writer.PROGRESS = None
            self.bar.close()

    def _follow(self) -> None:
        while not self.stop.wait(TICK):
            self._show(self.counter.value)

    def _show(self, done: int) -> None:
        bar = self.bar
        if bar is None:
            return
        with bar.get_lock():
            done = max(done, self.settled)
            done = min(done, bar.total) if bar.total else done
            if done > bar.n:
                bar.update(done - bar.n)

    def update(self, result: PartResult) -> None:
        self.words += result.words
        self.failed += dict(result.statuses).get("error", 0)
        self.settled += result.articles
        if self.bar is not None:
            rate = self.words / max(time.monotonic() - self.started, 1e-9)
            self.bar.set_postfix_str(f"{rate:,.0f} words/s, {self.failed:,} failed", refresh=False)
            self._show(self.counter.value)


TICK = 0.5
"""Seconds between two looks at the workers' article counter."""
