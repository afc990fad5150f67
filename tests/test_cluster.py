"""The dataset on a Dask cluster: a real scheduler and two workers as processes on localhost,
the same dataset as the single-machine run, a worker killed mid-run without loss, and the
Python API on a LocalCluster."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpora import articles, write_jsonl

pytest.importorskip("distributed")
pytestmark = pytest.mark.slow

DASK = str(Path(sys.executable).parent / "dask")
TABLES = ("articles", "attributions", "sources", "claims", "numbers")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """``dask scheduler`` and two single-threaded ``dask worker`` processes (no nanny, so a killed
    worker stays dead), stopped after the tests."""
    from distributed import Client

    address = f"tcp://127.0.0.1:{_free_port()}"
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    procs = [
        subprocess.Popen(
            [
                DASK,
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                address.rsplit(":", 1)[1],
                "--dashboard-address",
                ":0",
            ],
            **quiet,
        )
    ]
    procs += [
        subprocess.Popen(
            [
                DASK,
                "worker",
                address,
                "--nthreads",
                "1",
                "--no-nanny",
                "--name",
                f"w{k}",
                "--dashboard-address",
                ":0",
                "--memory-limit",
                "0",
            ],
            **quiet,
        )
        for k in (1, 2)
    ]
    try:
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address, procs
    finally:
        for p in reversed(procs):  # workers first: a worker without its scheduler keeps trying to reconnect
            p.terminate()
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def _analyze(corpus: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "newslib.cli",
            "analyze",
            str(corpus),
            "--format",
            "parquet",
            "-o",
            str(out),
            "-q",
            "--partition-size",
            "50",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )


def _same_dataset(a: Path, b: Path) -> None:
    for t in TABLES:
        names = sorted(p.name for p in (a / t).iterdir())
        assert names == sorted(p.name for p in (b / t).iterdir())
        assert all((a / t / n).read_bytes() == (b / t / n).read_bytes() for n in names), t
    assert json.loads((a / "manifest.json").read_text()) == json.loads((b / "manifest.json").read_text())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("corpus")
    path = write_jsonl(tmp / "c.jsonl", articles(1200))
    local = tmp / "local"
    assert _analyze(path, local, "--jobs", "2").returncode == 0
    return path, local


def test_the_cluster_writes_the_same_dataset_as_one_machine(cluster: tuple, corpus: tuple, tmp_path: Path) -> None:
    address, _ = cluster
    path, local = corpus
    proc = _analyze(path, tmp_path / "remote", "--scheduler", address)
    assert proc.returncode == 0, proc.stderr
    _same_dataset(local, tmp_path / "remote")


def test_a_worker_killed_mid_run_loses_nothing(cluster: tuple, corpus: tuple, tmp_path: Path) -> None:
    address, procs = cluster
    path, local = corpus
    out = tmp_path / "remote"
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newslib.cli",
            "analyze",
            str(path),
            "--format",
            "parquet",
            "-o",
            str(out),
            "-q",
            "--partition-size",
            "50",
            "--scheduler",
            address,
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list((out / "articles").glob("part-*.parquet"))) < 3:
        time.sleep(0.05)
    os.kill(procs[1].pid, signal.SIGKILL)  # one worker, mid-run
    _, err = run.communicate(timeout=600)
    assert run.returncode == 0, err
    assert procs[1].wait(timeout=10) == -signal.SIGKILL
    _same_dataset(local, out)
    assert not list(out.rglob("*.tmp"))


def test_resume_on_the_cluster(cluster: tuple, corpus: tuple, tmp_path: Path) -> None:
    address, _ = cluster
    path, local = corpus
    out = tmp_path / "remote"
    assert _analyze(path, out, "--jobs", "2").returncode == 0
    for t in TABLES:  # as if the run had been stopped after its first partitions
        for part in sorted((out / t).glob("part-*.parquet"))[5:]:
            part.unlink()
    (out / "manifest.json").unlink()
    proc = _analyze(path, out, "--scheduler", address, "--resume")
    assert proc.returncode == 0, proc.stderr
    _same_dataset(local, out)


def test_settings_given_in_the_client_reach_the_cluster_workers(cluster: tuple, corpus: tuple, tmp_path: Path) -> None:
    """A worker process of its own (no global of the client reaches it) detects with the settings
    the client gave, and the manifest records them."""
    import pandas as pd

    from newslib import AttributionSettings

    address, _ = cluster
    path, local = corpus
    out = tmp_path / "strict"
    proc = _analyze(
        write_jsonl(tmp_path / "c.jsonl", articles(120)),
        out,
        "--scheduler",
        address,
        "--set",
        "min_score=0.8",
        "--time-limit",
        "45",
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads((out / "manifest.json").read_text())["attribution"]["min_score"] == 0.8
    assert json.loads((out / "manifest.json").read_text())["worker"]["article_seconds"] == 45
    assert (
        json.loads((local / "manifest.json").read_text())["attribution"]["min_score"] == AttributionSettings().min_score
    )
    default = pd.read_parquet(local / "attributions").dropna(subset=["score"])
    strict = pd.read_parquet(out / "attributions").dropna(subset=["score"])
    assert (default["score"] < 0.8).any() and len(strict) > 0
    assert ((strict["score"] >= 0.8) | (strict["kind"] == "no_comment")).all()


def test_the_python_api_on_a_local_cluster(tmp_path: Path) -> None:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster

    from newslib import AttributionSettings
    from newslib.dataset import open_dataset
    from newslib.dataset.cluster import analyze_bag, analyze_frame, write_dataset
    from newslib.workers import WorkerSettings

    rows = articles(40)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c, Client(c):
        frames = analyze_bag(
            db.from_sequence(rows, npartitions=4), meta=["outlet", "date"], worker=WorkerSettings(article_seconds=30.0)
        )
        assert str(frames["claims"].dtypes["attribution"]) == "Int64" and frames["articles"].npartitions == 4
        manifest = write_dataset(frames, str(tmp_path / "bag"))
        by_frame = analyze_frame(dd.from_pandas(pd.DataFrame(rows), npartitions=3))
        arts = by_frame["articles"].compute()
        strict = analyze_frame(
            dd.from_pandas(pd.DataFrame(rows), npartitions=2), settings=AttributionSettings(min_score=0.8)
        )["attributions"].compute()
    assert len(strict) and ((strict["score"] >= 0.8) | (strict["kind"] == "no_comment")).all()
    assert len(strict) < manifest["rows"]["attributions"]
    assert manifest["statuses"] == {"ok": 40} and manifest["rows"]["attributions"] >= 80  # two or more an article
    # the manifest says how the tables were made: the detection's and the workers' settings
    assert manifest["worker"]["article_seconds"] == 30.0 and manifest["engine"] == "fast"
    assert manifest["attribution"] == json.loads(json.dumps(AttributionSettings().record()))
    ds = open_dataset(tmp_path / "bag")
    assert sorted(ds.table("articles")["id"]) == [r["id"] for r in rows]
    assert set(ds.sql("select distinct outlet from attributions")["outlet"]) == {"Daily", "Herald", "Post"}
    assert list(arts["status"].unique()) == ["ok"] and set(arts["outlet"]) == {"Daily", "Herald", "Post"}
