"""Worker processes never cost a batch: a killed worker loses nothing, an article that kills its
worker is the only one recorded, and Ctrl-C or SIGTERM stop everything at once, with one line
and no temporary file left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED

from newslib import read_text
from newslib.model import ArticleFailure
from newslib.pipeline import analyze_many
from newslib.workers import WorkerDied, WorkersFailed, ordered_map


def _die_on_7(x: int) -> int:
    if x == 7:
        os.kill(os.getpid(), signal.SIGKILL)
    return x * 10


def _always_die(x: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return x


def test_an_item_that_kills_its_worker_is_the_only_one_lost() -> None:
    out = list(ordered_map(_die_on_7, range(40), jobs=2))
    assert out[:7] == [x * 10 for x in range(7)] and out[8:] == [x * 10 for x in range(8, 40)]
    assert out[7] == WorkerDied(7)


def test_workers_that_always_die_end_the_run_with_one_error() -> None:
    with pytest.raises(WorkersFailed, match="died"):
        list(ordered_map(_always_die, range(40), jobs=2))


def test_settings_given_in_the_parent_steer_every_worker() -> None:
    from newslib import AttributionSettings

    arts = [read_text(SEED.read_text(encoding="utf-8"), id=f"s{i}") for i in range(4)]
    default = list(analyze_many(arts, jobs=2))
    strict = list(analyze_many(arts, jobs=2, settings=AttributionSettings(min_score=0.8)))
    for d, s in zip(default, strict, strict=True):
        assert any(a.score < 0.8 and a.kind != "no_comment" for a in d.attributions)
        assert s.attributions and all(a.score >= 0.8 or a.kind == "no_comment" for a in s.attributions)
        assert len(s.attributions) < len(d.attributions)


def test_a_time_limit_given_in_the_parent_reaches_every_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    import newslib.pipeline as pipeline
    from newslib.workers import WorkerSettings

    real = pipeline.analyze
    real("Officials said the talks went well.")  # models loaded before the fork: a0 is quick in the worker

    def slow(article, engine=pipeline.DEFAULT_ENGINE, settings=None):  # noqa: ANN001, ANN202 - a slow page
        if article.id.startswith("slow"):
            end = time.monotonic() + 3  # well inside the default limit (60 s): only the parent's 0.5 s stops it
            while time.monotonic() < end:
                time.sleep(0.01)
        return real(article, engine, settings)

    monkeypatch.setattr(pipeline, "analyze", slow)
    arts = [read_text("Officials said the talks went well.", id=f"{k}{i}") for i in range(2) for k in ("a", "slow")]
    out = list(analyze_many(arts, jobs=2, worker=WorkerSettings(article_seconds=0.5)))
    errors = [o for o in out if isinstance(o, ArticleFailure)]
    assert [e.id for e in errors] == ["slow0", "slow1"]
    assert all("0.5 s limit" in e.message for e in errors)
    assert [o.article.id for o in out if not isinstance(o, ArticleFailure)] == ["a0", "a1"]


def test_a_dead_worker_becomes_the_articles_error_record(monkeypatch: pytest.MonkeyPatch) -> None:
    import newslib.pipeline as pipeline

    real = pipeline.analyze

    def analyze(article, engine=pipeline.DEFAULT_ENGINE, settings=None):  # noqa: ANN001, ANN202 - crashes natively
        if article.id == "killer":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(article, engine, settings)

    monkeypatch.setattr(pipeline, "analyze", analyze)
    arts = [read_text("Officials said the talks went well.", id=f"a{i}") for i in range(5)]
    arts.insert(2, read_text("She said it.", id="killer"))
    out = list(analyze_many(arts, jobs=2))
    assert [getattr(x, "id", None) for x in out] == ["a0", "a1", "killer", "a2", "a3", "a4"]
    assert "worker process died" in out[2].message and out[0].attributions


def _corpus(tmp_path: Path, n: int) -> Path:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps({"id": f"a{i}", "text": text}) + "\n" for i in range(n)), encoding="utf-8")
    return path


def _start(tmp_path: Path, n: int = 3000) -> tuple[subprocess.Popen, Path]:
    out = tmp_path / "out" / "pred.jsonl"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newslib.cli",
            "analyze",
            str(_corpus(tmp_path, n)),
            "--format",
            "jsonl",
            "-o",
            str(out),
            "--jobs",
            "2",
        ],
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.parent.glob(".pred.jsonl.*.tmp")):
        time.sleep(0.1)
    time.sleep(0.5)  # workers are busy now
    assert proc.poll() is None
    return proc, out


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(x) for x in found]


@pytest.mark.slow
@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_interrupt_stops_workers_at_once_with_one_line_and_no_leftovers(tmp_path: Path, how: str) -> None:
    proc, out = _start(tmp_path)
    workers = _children(proc.pid)
    assert len(workers) >= 2
    started = time.monotonic()
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)  # the terminal signals the whole process group
    else:
        proc.terminate()
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - started < 5
    assert proc.returncode == (130 if how == "ctrl-c" else 143)
    lines = err.decode().strip().splitlines()
    assert lines == [f"newslib: error: {'interrupted' if how == 'ctrl-c' else 'terminated'}"], err.decode()
    assert not list(out.parent.iterdir())  # no output, no temporary file
    time.sleep(0.5)
    assert not [
        w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in Path(f"/proc/{w}/stat").read_text().split()[2]
    ]


@pytest.mark.slow
def test_a_worker_killed_from_outside_loses_no_article(tmp_path: Path) -> None:
    proc, out = _start(tmp_path, n=1500)
    os.kill(_children(proc.pid)[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == [f"a{i}" for i in range(1500)]


@pytest.mark.slow
def test_leftovers_of_a_killed_run_are_removed_by_the_next(tmp_path: Path) -> None:
    proc, out = _start(tmp_path, n=1500)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert list(out.parent.glob(".pred.jsonl.*.tmp"))  # SIGKILL cannot be caught
    small = tmp_path / "small.txt"
    small.write_text("Officials said the talks went well.", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "newslib.cli", "analyze", str(small), "--format", "jsonl", "-o", str(out)],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert [p.name for p in out.parent.iterdir()] == ["pred.jsonl"]


def _die_on_3_late(x: int) -> int:
    if x == 3:
        import time

        time.sleep(0.3)  # the earlier items finish first, so the break is seen when submitting
        os.kill(os.getpid(), signal.SIGKILL)
    return x


def test_a_pool_broken_between_two_submissions_loses_nothing_else() -> None:
    out = list(ordered_map(_die_on_3_late, range(60), jobs=2, chunk=1))
    assert out[3] == WorkerDied(3) and [x for i, x in enumerate(out) if i != 3] == [x for x in range(60) if x != 3]
