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

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Any

CHUNK = 8
"""Items sent to a worker at a time (default): enough to amortise pickling, few enough to lose."""
IN_FLIGHT = 4
"""Chunks queued per worker: keeps workers busy while bounding the parent's memory."""
MAX_RESTARTS = 5
"""Pools that may die in a row, none finishing a chunk, before the run gives up."""


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
    """Retried alone, one at a time, after its pool died: if its worker dies now, it is to blame."""


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_chunk(fn: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    return [fn(x) for x in chunk]


def ordered_map(fn: Callable[[Any], Any], items: Iterable[Any], jobs: int, chunk: int = CHUNK) -> Iterator[Any]:
    """``map(fn, items)`` over ``jobs`` processes, in input order, holding at most
    ``jobs * IN_FLIGHT`` chunks. ``fn`` must not raise (wrap it).

    A dead worker breaks the whole pool, so every unfinished item is then retried in a fresh
    pool alone and one at a time, until they are done: an item whose worker dies while it runs
    alone is the one to blame and yields :class:`WorkerDied` in its place. So a worker killed
    from outside loses nothing, and an article that kills its worker (a crash in a native
    library, the OOM killer) is the only one recorded as failed.
    """
    if jobs <= 1:
        yield from map(fn, items)
        return
    source, pending, deaths = iter(items), deque[_Task](), 0
    pool = _pool(jobs)
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
                pool = _pool(jobs)
                if head.alone:
                    yield WorkerDied(pending.popleft().items[0])
                _split_unfinished(pending)
                continue
            deaths = 0
            pending.popleft()
            yield from results
    finally:
        _stop(pool)


def _pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=_init_worker)


def _fill(pool: ProcessPoolExecutor, fn: Callable, source: Iterator, pending: deque[_Task], limit: int,
          size: int) -> None:
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
