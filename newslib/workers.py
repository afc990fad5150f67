"""Worker processes that never cost a batch: an ordered parallel map that survives dead workers
and stops at once on Ctrl-C or SIGTERM.

``multiprocessing.Pool.imap`` hung forever when one worker was killed (``kill -9``, the kernel's
OOM killer) and printed every worker's traceback on Ctrl-C. Here a dead worker breaks only the
items it held: they come back as :class:`WorkerDied` results in their place, a fresh pool takes
the rest, and a pool that keeps dying before finishing anything ends the run with one line.
Workers ignore SIGINT (the terminal sends it to the whole process group; the parent decides) and
are terminated when the parent is interrupted.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import islice
from typing import Any

CHUNK = 8
"""Items sent to a worker at a time (default): enough to amortise pickling, few enough to lose."""
IN_FLIGHT = 4
"""Chunks queued per worker: keeps workers busy while bounding the parent's memory."""
BLAME_AFTER = 2
"""Deaths of its worker, while it ran alone, that make an item the one to blame."""
MAX_RESTARTS = 5
"""Pools that may die in a row, none finishing a chunk, before the run gives up."""


@dataclass(frozen=True)
class WorkerSettings:
    """Limits on one article's work, whatever it is (``newslib analyze --time-limit``). Passed,
    not global: they travel with the work to every worker (a process pool's initializer, a
    dataset :class:`~newslib.dataset.writer.Job` to processes and Dask workers), and a dataset's
    manifest records them."""

    article_seconds: float = 60.0
    """Seconds one article may take to extract or to analyse before it becomes an error record
    (a pathological page: extraction was quadratic in its ``<p>`` count; 0 turns the limit off)."""
    hard_factor: float = 2.0
    """A worker process still on one article after this many times the limit is stuck in native
    code, where no signal reaches: it exits, and the article is recorded as its worker's death."""


_LIMITS: ContextVar[WorkerSettings | None] = ContextVar("newslib_worker_limits", default=None)
"""The limits of the work under way in this thread: set by :func:`limits` around a run, a
partition or a worker's life, so that deep readers (an HTML page's extraction) need no parameter."""


def current_limits() -> WorkerSettings:
    """The limits of the work under way (the defaults outside :func:`limits`)."""
    return _LIMITS.get() or WorkerSettings()


@contextlib.contextmanager
def limits(settings: WorkerSettings | None) -> Iterator[WorkerSettings]:
    """Run the block under ``settings`` (``None``: the ones already in force), restoring the
    previous ones after it, so nothing outlives the run that asked for it."""
    if settings is not None and not isinstance(settings, WorkerSettings):
        raise TypeError(f"worker settings must be a WorkerSettings, not {type(settings).__name__}")
    token = _LIMITS.set(settings or current_limits())
    try:
        yield current_limits()
    finally:
        _LIMITS.reset(token)


WATCHDOG_EXIT = 86
"""The exit status of a worker its watchdog ended."""


class ArticleTimeout(BaseException):
    """One article took longer than its limit. A ``BaseException``, so that the libraries'
    ``except Exception`` (trafilatura has many) cannot swallow it and carry on."""


_started: list[float] = []
"""When the article under way started (empty between articles): what the watchdog watches."""


@contextlib.contextmanager
def time_limit(what: str = "the article", seconds: float | None = None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` if the block runs longer than ``seconds`` (default: the
    ``article_seconds`` of :func:`current_limits`). The alarm is ``SIGALRM``, so it works in the main thread of
    a process (the CLI, a local worker) and is skipped elsewhere (a Dask worker thread)."""
    limit = current_limits().article_seconds if seconds is None else seconds
    if limit <= 0 or _started or threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise ArticleTimeout(f"{what} took longer than the {limit:g} s limit for one article")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    _started.append(time.monotonic())
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _started.clear()


def _watchdog(limit: float) -> None:
    """End this worker when one article has held it for ``limit`` seconds: stuck in native code."""
    while True:
        time.sleep(min(1.0, limit / 4))
        started = _started[0] if _started else None
        if started is not None and time.monotonic() - started > limit:
            os._exit(WATCHDOG_EXIT)


def _die_with_parent() -> None:
    """Ask Linux to send this worker SIGKILL when its parent dies (``kill -9`` of the run left the
    workers finishing partitions, then asleep under PID 1); elsewhere, a thread that watches the
    parent's pid does the same, within a second."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
            if os.getppid() != parent:  # the parent died before the request
                os._exit(1)
            return

    def orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=orphaned, daemon=True).start()


@dataclass(frozen=True)
class WorkerDied:
    """The result of an item whose worker process died while analysing it, alone."""

    item: Any


class WorkersFailed(RuntimeError):
    """Worker processes keep dying without finishing anything: the run cannot go on."""


@dataclass
class _Task:
    items: list[Any]
    future: Future | None
    alone: bool = False
    """Retried alone, one at a time, after its pool died: if its worker dies now, it is suspect."""
    deaths: int = 0
    """Workers that died while it ran alone: at :data:`BLAME_AFTER` it is to blame (a worker
    killed from outside while an innocent item ran alone cost that item its place)."""


def _init_worker(settings: WorkerSettings) -> None:
    """A worker's start: signals, its parent's death, and the caller's ``settings`` in force for
    the worker's life (sent as the pool's ``initargs``, not inherited from a global)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    _LIMITS.set(settings)
    if settings.article_seconds > 0:
        threading.Thread(target=_watchdog, args=(settings.article_seconds * settings.hard_factor,), daemon=True).start()


def _run_chunk(fn: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    return [fn(x) for x in chunk]


def ordered_map(
    fn: Callable[[Any], Any],
    items: Iterable[Any],
    jobs: int,
    chunk: int = CHUNK,
    settings: WorkerSettings | None = None,
) -> Iterator[Any]:
    """``map(fn, items)`` over ``jobs`` processes, in input order, holding at most
    ``jobs * IN_FLIGHT`` chunks. ``fn`` must not raise (wrap it). ``settings`` (default: the
    ones in force, :func:`current_limits`) are in force in every worker.

    A dead worker breaks the whole pool, so every unfinished item is then retried in a fresh
    pool alone and one at a time, until they are done: an item whose worker dies while it runs
    alone is the one to blame and yields :class:`WorkerDied` in its place. So a worker killed
    from outside loses nothing, and an article that kills its worker (a crash in a native
    library, the OOM killer) is the only one recorded as failed.
    """
    settings = settings or current_limits()
    if jobs <= 1:
        with limits(settings):
            yield from map(fn, items)
        return
    source, pending, deaths = iter(items), deque[_Task](), 0
    pool = _pool(jobs, settings)
    try:
        while True:
            if not any(t.alone for t in pending):  # suspects run with nothing beside them
                _fill(pool, fn, source, pending, jobs * IN_FLIGHT, chunk)
            if not pending:
                return
            head = pending[0]
            if head.future is None:
                head.future = _submit(pool, fn, head.items)
            try:
                results = _result(pool, head.future)
            except BrokenProcessPool:
                deaths += 1
                if deaths > MAX_RESTARTS:
                    raise WorkersFailed(f"worker processes died {deaths} times in a row (out of memory?)") from None
                _stop(pool)
                pool = _pool(jobs, settings)
                if head.alone:
                    head.deaths += 1
                    head.future = None
                    if head.deaths >= BLAME_AFTER:
                        deaths -= 1  # a culprit's second chance is not a pool dying for nothing
                        yield WorkerDied(pending.popleft().items[0])
                _split_unfinished(pending)
                continue
            deaths = 0
            pending.popleft()
            yield from results
    finally:
        _stop(pool)


def _pool(jobs: int, settings: WorkerSettings) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("fork"), initializer=_init_worker, initargs=(settings,)
    )


def _fill(
    pool: ProcessPoolExecutor, fn: Callable, source: Iterator, pending: deque[_Task], limit: int, size: int
) -> None:
    while len(pending) < limit:
        chunk = list(islice(source, size))
        if not chunk:
            return
        pending.append(_Task(chunk, _submit(pool, fn, chunk)))


def _result(pool: ProcessPoolExecutor, future: Future) -> Any:
    """The future's result; a dead worker raises :class:`BrokenProcessPool` within a second even
    when the pool's manager thread is stuck on a message the dead worker left half-written."""
    while True:
        try:
            return future.result(timeout=1)
        except TimeoutError:
            procs = (getattr(pool, "_processes", None) or {}).values()
            if any(p.exitcode is not None for p in procs):
                raise BrokenProcessPool("a worker process died") from None


def _submit(pool: ProcessPoolExecutor, fn: Callable, chunk: list[Any]) -> Future:
    try:
        return pool.submit(_run_chunk, fn, chunk)
    except BrokenProcessPool as exc:  # a worker died since the last look: the chunk waits for the next pool
        future: Future = Future()
        future.set_exception(exc)
        return future


def _split_unfinished(pending: deque[_Task]) -> None:
    """Every task the dead pool did not finish becomes one task an item, run alone later."""
    wait([t.future for t in pending if t.future is not None])
    tasks = list(pending)
    pending.clear()
    for t in tasks:
        if t.future is not None and not t.future.cancelled() and t.future.exception() is None:
            pending.append(t)
        elif t.alone:  # a suspect keeps its count of deaths
            t.future = None
            pending.append(t)
        else:
            pending.extend(_Task([x], None, alone=True) for x in t.items)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Terminate the workers now: on Ctrl-C or SIGTERM the parent must not wait for them."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        if p.is_alive():
            p.terminate()
    for p in procs:
        p.join(timeout=2)
        if p.is_alive():
            p.kill()
