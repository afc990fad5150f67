"""Corpus runs that lose nothing: arguments checked first, a locked directory, resume that notices
edits, inputs changed underneath, metadata names that collide, time limits, workers that die with
their parent, outputs that are devices, FIFOs or links, and progress per article."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from corpora import articles, write_csv, write_jsonl

from newslib import InputOptions
from newslib.dataset import DatasetError, analyze_corpus, open_dataset
from newslib.dataset import writer as writer_module
from newslib.dataset.writer import Job, locked, meta_columns, process_partition
from newslib.inputs import plan

ROWS = articles(8)


@pytest.mark.parametrize(
    ("kw", "needle"),
    [
        ({"engine": "nope"}, "unknown engine"),
        ({"jobs": "2"}, "jobs"),
        ({"jobs": 0}, "jobs"),
        ({"settings": {"min_score": 0.8}}, "AttributionSettings"),
    ],
)
def test_bad_arguments_raise_before_anything_is_written(tmp_path: Path, kw: dict, needle: str) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", ROWS[:2])
    with pytest.raises((TypeError, ValueError), match=needle):
        analyze_corpus([corpus], tmp_path / "out", **kw)
    assert not (tmp_path / "out").exists()


def test_a_second_run_on_a_locked_directory_is_refused_in_one_line(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", ROWS[:2])
    out = tmp_path / "out"
    with locked(out), pytest.raises(DatasetError, match="in use by another newslib run"):
        analyze_corpus([corpus], out, resume=True)
    analyze_corpus([corpus], out)  # the lock is released with its holder
    assert (out / "manifest.json").exists()


def test_resume_refuses_an_input_edited_in_place_to_the_same_size(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", ROWS[:3])
    out = tmp_path / "out"
    analyze_corpus([corpus], out)
    data = corpus.read_bytes()
    stat = corpus.stat()
    corpus.write_bytes(data.replace(b"council", b"COUNCIL", 1))
    os.utime(corpus, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old modification time
    assert corpus.stat().st_size == stat.st_size
    with pytest.raises(DatasetError, match="cannot resume: the run differs in inputs"):
        analyze_corpus([corpus], out, resume=True)


def test_an_input_truncated_after_planning_loses_no_article_silently(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", articles(10))
    parts = list(plan([corpus], InputOptions(part_articles=4)))
    corpus.write_bytes(corpus.read_bytes()[: parts[1].start + 10])
    job = Job(str(tmp_path / "out"))
    result = process_partition(parts[2], job)
    assert dict(result.statuses) == {"error": 1}
    assert "input changed during the run" in result.failures[0][1]


def test_a_run_notices_its_input_changed_underneath(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", ROWS[:4])
    real = writer_module.finish

    def finish_then_edit(*args: object, **kw: object) -> None:
        real(*args, **kw)
        with corpus.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(ROWS[5]) + "\n")

    monkeypatch.setattr("newslib.dataset.run.finish", finish_then_edit)
    with pytest.raises(DatasetError, match="input changed while the run read it"):
        analyze_corpus([corpus], tmp_path / "out")


def test_metadata_names_that_collide_get_distinct_quotable_columns(tmp_path: Path) -> None:
    assert meta_columns(["status", "meta_status", "Outlet", "outlet", 'a"b', "copy_of"]) == (
        "meta_status",
        "meta_status_2",
        "Outlet",
        "outlet_2",
        "a_b",
        "meta_copy_of",
    )
    rows = [
        {
            "id": r["id"],
            "text": r["text"],
            "status": "draft",
            "meta_status": "x",
            "Outlet": "Herald",
            "outlet": "herald.com",
            'a"b': "q",
        }
        for r in ROWS[:3]
    ]
    out = tmp_path / "out"
    analyze_corpus([write_jsonl(tmp_path / "c.jsonl", rows)], out)
    ds = open_dataset(out)
    arts = ds.table("articles")
    assert list(arts["meta_status"]) == ["draft"] * 3 and list(arts["meta_status_2"]) == ["x"] * 3
    assert list(arts["outlet_2"]) == ["herald.com"] * 3 and list(arts["a_b"]) == ["q"] * 3
    assert ds.sql("select Outlet, count(*) as n from articles group by Outlet").iloc[0].tolist() == ["Herald", 3]


def test_a_slow_article_becomes_an_error_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newslib.pipeline
    from newslib.workers import WorkerSettings

    real = newslib.pipeline.analyze

    def slow(article: object, engine: str = newslib.pipeline.DEFAULT_ENGINE, settings: object = None) -> object:
        if getattr(article, "id", "") == ROWS[1]["id"]:
            while True:
                time.sleep(0.01)
        return real(article, engine, settings)

    monkeypatch.setattr(newslib.pipeline, "analyze", slow)
    out = tmp_path / "out"
    manifest = analyze_corpus(
        [write_jsonl(tmp_path / "c.jsonl", ROWS[:3])], out, worker=WorkerSettings(article_seconds=0.5)
    )
    assert manifest["statuses"] == {"error": 1, "ok": 2}
    assert manifest["worker"] == {"article_seconds": 0.5, "hard_factor": 2.0}  # the dataset says how it was made
    arts = open_dataset(out).table("articles").set_index("id")
    assert "took longer than the 0.5 s limit" in arts.loc[ROWS[1]["id"], "reason"]


def test_progress_moves_per_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    counter = multiprocessing.Value("q", 0)
    monkeypatch.setattr(writer_module, "PROGRESS", counter)
    (part,) = plan([write_jsonl(tmp_path / "c.jsonl", ROWS[:5])])
    seen: list[int] = []
    real = writer_module.tick

    def tick() -> None:
        real()
        seen.append(counter.value)

    monkeypatch.setattr(writer_module, "tick", tick)
    process_partition(part, Job(str(tmp_path / "out")))
    assert seen == [1, 2, 3, 4, 5]


_ORPHAN = """
import os, sys, time
from newslib.workers import ordered_map

def work(x):
    with open(sys.argv[1], "a") as fh:
        fh.write(f"{os.getpid()}\\n")
    time.sleep(60)
    return x

for _ in ordered_map(work, range(4), 2, chunk=1):
    pass
"""


@pytest.mark.slow
def test_workers_die_with_their_parent(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    parent = subprocess.Popen([sys.executable, "-c", _ORPHAN, str(pids)])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(pids.read_text().split() if pids.exists() else []) < 2:
        time.sleep(0.1)
    workers = [int(p) for p in pids.read_text().split()]
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(p) for p in workers):
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _dies_twice(marker: str) -> int:
    """Kills its worker the first two times it runs (as an outside kill would), then succeeds."""
    n = len(Path(marker).read_text()) if Path(marker).exists() else 0
    Path(marker).write_text("x" * (n + 1))
    if n < 2:
        os._exit(9)
    return 42


def test_an_item_is_blamed_only_after_its_worker_dies_twice_alone(tmp_path: Path) -> None:
    from functools import partial

    from newslib.workers import WorkerDied, ordered_map

    marker = str(tmp_path / "m")
    results = list(ordered_map(partial(_tolerant, marker=marker), [1, 2, 3], 2, chunk=1))
    assert results == [1, 42, 3] and not any(isinstance(r, WorkerDied) for r in results)


def _tolerant(x: int, marker: str) -> int:
    return _dies_twice(marker) if x == 2 else x


@pytest.mark.slow
def test_ctrl_c_stops_a_jsonl_run_with_two_jobs_even_when_started_ignoring_it(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", articles(3000))
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newslib.cli",
            "analyze",
            str(corpus),
            "--jobs",
            "2",
            "--format",
            "jsonl",
            "-o",
            str(out),
            "-q",
        ],
        start_new_session=True,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    _wait_for_output(tmp_path, out, proc)  # the run is under way (however slow the import was)
    os.killpg(proc.pid, signal.SIGINT)
    started = time.monotonic()
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and time.monotonic() - started < 5, err
    assert err.decode().strip().splitlines() == ["newslib: error: interrupted"]
    assert not out.exists() and not list(tmp_path.glob(".*.tmp"))


def _wait_for_output(folder: Path, out: Path, proc: subprocess.Popen, limit: float = 120.0) -> None:
    """Wait until the run has written results to its temporary output (it has imported newslib,
    installed its signal handlers and started its workers), not for a guessed number of seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before it was interrupted"
        if any(t.stat().st_size > 0 for t in folder.glob(f".{out.name}.*.tmp")):
            return
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    pytest.fail(f"no output after {limit:g} s")


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newslib.cli", *args], capture_output=True, timeout=120)


@pytest.mark.slow
def test_output_to_a_fifo_a_device_and_through_a_link(tmp_path: Path) -> None:
    from newslib.files import open_output, streamed

    corpus = write_jsonl(tmp_path / "c.jsonl", ROWS[:2])
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    proc = _cli("analyze", str(corpus), "--format", "jsonl", "-o", str(fifo))
    reader.join(timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert len(got[0].splitlines()) == 2 and fifo.is_fifo()
    assert streamed("/dev/null") and streamed("/dev/fd/1") and not streamed(tmp_path / "new.jsonl")
    real = tmp_path / "real.jsonl"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    with open_output(link) as fh:
        fh.write("new\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"


@pytest.mark.slow
def test_csv_output_escapes_formulas_and_a_file_name_with_a_newline_is_one_line(tmp_path: Path) -> None:
    rows = [{"id": "=HYPERLINK(1)", "text": ROWS[0]["text"], "outlet": "@evil"}]
    proc = _cli("analyze", str(write_csv(tmp_path / "c.csv", rows)), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    body = proc.stdout.decode().splitlines()[1]
    assert body.startswith("'=HYPERLINK(1),") and ",'@evil," in body
    bad = tmp_path / "two\nlines.txt"
    bad.write_text("", encoding="utf-8")
    proc = _cli("analyze", str(bad), "--format", "jsonl")
    assert proc.returncode == 1 and len(proc.stderr.decode().strip().splitlines()) == 1
    assert "two\\nlines.txt" in proc.stderr.decode()


def test_report_parameters_with_leading_zeros_stay_strings() -> None:
    from newslib.report import parse_param

    assert parse_param("007") == "007" and parse_param("7") == 7 and parse_param("0.5") == 0.5 and parse_param("0") == 0


def test_group_plots_take_any_name_and_cap_the_groups() -> None:
    import pandas as pd

    from newslib.plots import MAX_GROUPS, plot_groups, png_bytes

    table = pd.DataFrame({"anonymous_rate": [0.5] * 100}, index=["$\\frac{a}$", *(f"g{i}" for i in range(99))])
    fig = plot_groups(table, ["anonymous_rate"])
    assert png_bytes(fig.figure if hasattr(fig, "figure") else fig)
    texts = [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
    assert len(texts) == MAX_GROUPS and texts[0] == "$\\frac{a}$"
    assert f"first {MAX_GROUPS} of 100 groups" in fig._suptitle.get_text()


def test_a_dataset_or_cluster_failure_is_no_read_error_but_the_cli_still_prints_one_line(tmp_path: Path) -> None:
    """``except ReadError`` (an input that cannot be read) does not catch a dataset's or a
    cluster's failure; the command line prints any :class:`newslib.NewslibError` as one line."""
    from newslib import NewslibError, ReadError
    from newslib.dataset.cluster import ClusterError

    for error in (DatasetError, ClusterError):
        assert issubclass(error, NewslibError) and not issubclass(error, ReadError)
    proc = _cli("corpus", str(tmp_path))  # not a dataset: a DatasetError
    assert proc.returncode == 1 and proc.stderr.decode().strip().count("\n") == 0, proc.stderr
    assert b"not a newslib dataset" in proc.stderr and b"Traceback" not in proc.stderr
