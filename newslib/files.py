"""Files written so that a reader sees the old version or the new one, never half of one.

Every output goes to a temporary file beside its target (``.NAME.HOST-PID.RANDOM.tmp``) that is
renamed over the target when complete. The temporary file is removed on any exception, Ctrl-C
and SIGTERM included (the CLI turns SIGTERM into an exception); a SIGKILL cannot be caught, so
the next write to the same target removes the leftovers of writers that are no longer running
(the host and PID in the name say whose they are). Files get the permissions the umask allows, as
``open()`` would give them (``mkstemp`` alone makes them private to the owner).

A report is two files, notebook and HTML, that must change together: :func:`replace_together`
records the pair in a journal before the first rename, so a run killed between the renames is
rolled forward by the next one (:func:`finish_interrupted`) instead of leaving a new notebook
beside an old page.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner() -> str:
    """Who writes a temporary file: host and process, so that on a file system shared by a
    cluster's machines only this host's dead writers are cleaned up."""
    return f"{socket.gethostname().replace('.', '_')}-{os.getpid()}"


def remove_stale(path: str | Path) -> list[Path]:
    """Remove the temporary files that writers of ``path`` on this host, no longer running, left."""
    path = Path(path)
    host = _owner().rsplit("-", 1)[0]
    removed = []
    for tmp in path.parent.glob(f".{path.name}.{host}-*.tmp"):
        pid = tmp.name[len(path.name) + len(host) + 3 :].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                tmp.unlink()
                removed.append(tmp)
    return removed


def temporary_beside(path: Path) -> tuple[int, Path]:
    """A new temporary file next to ``path`` (same file system, so the rename is atomic),
    named for this host and process, with the permissions the umask gives."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{_owner()}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, 0o666 & ~_umask())
    return fd, Path(tmp)


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success rename it over ``path``."""
    path = Path(path)
    fd, tmp = temporary_beside(path)
    try:
        fh = os.fdopen(fd, mode) if "b" in mode else os.fdopen(fd, mode, encoding="utf-8", newline="")
        with fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _journal(directory: Path, name: str) -> Path:
    return directory / f".{name}.replacing.json"


def replace_together(files: Sequence[tuple[Path, str]], name: str) -> None:
    """Write several text files that must change together (a report's notebook and HTML).

    Each is written to its temporary file first; then a journal listing the renames is written
    atomically, the renames run with SIGINT and SIGTERM held back, and the journal is removed.
    """
    directory = files[0][0].parent
    finish_interrupted(directory, name)
    moves: list[tuple[Path, Path]] = []
    try:
        for target, text in files:
            fd, tmp = temporary_beside(target)
            moves.append((tmp, target))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        with atomic_write(_journal(directory, name)) as fh:
            json.dump([[t.name, p.name] for t, p in moves], fh)
    except BaseException:
        for tmp, _ in moves:
            with contextlib.suppress(OSError):
                tmp.unlink()
        raise
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        finish_interrupted(directory, name)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def finish_interrupted(directory: str | Path, name: str) -> bool:
    """Roll forward a :func:`replace_together` that was killed between its renames.

    The journal is written only once every temporary file is complete, so finishing its renames
    always gives the new set of files. Returns whether there was anything to finish.
    """
    directory = Path(directory)
    journal = _journal(directory, name)
    try:
        moves = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    for tmp, target in moves:
        with contextlib.suppress(FileNotFoundError):  # renamed before the kill
            os.replace(directory / tmp, directory / target)
    journal.unlink()
    return True


def streamed(path: str | Path) -> bool:
    """Whether output to ``path`` must be streamed, not written atomically: a device (``/dev/null``,
    a terminal), a FIFO, a socket or an inherited descriptor (``/dev/fd/N``, as ``-o >(cmd)``
    gives). Renaming a temporary file over one of those replaced ``/dev/null`` with a regular file
    for the whole machine, and gave a FIFO's reader nothing."""
    import stat

    text = str(path)
    if text.startswith(("/dev/fd/", "/proc/self/fd/", "/dev/std")):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


@contextlib.contextmanager
def open_output(path: str | Path) -> Iterator[IO[str]]:
    """The text file an output is written to: streamed to a device, FIFO or descriptor
    (:func:`streamed`); else written atomically, through a symbolic link to the file it names
    (the link is kept, not replaced by a regular file)."""
    if streamed(path):
        with open(path, "w", encoding="utf-8", newline="") as fh:
            yield fh
        return
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    with atomic_write(target) as fh:
        yield fh
