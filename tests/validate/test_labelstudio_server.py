"""The Label Studio round trip against a real server, started by the test.

Slow (a first start migrates a fresh SQLite database: minutes): a server on a free localhost port
with a temporary data directory, a user and API token made from environment variables, a project
created with newslib's labelling configuration through the SDK, the sample's tasks imported,
annotations submitted through the API, the project exported and read back as gold. Skipped only
where Label Studio is neither installed beside newslib (the ``validate`` extra) nor in the venv
``NEWSLIB_LABEL_STUDIO_VENV`` names (``.ci/run`` makes one: Label Studio pins numpy, pyarrow and
dateutil below newslib's, so CI keeps it apart and drives it from that venv's Python).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from newslib.dataset import open_dataset
from newslib.validate import import_export, label_config, validate, write_sample

HERE = Path(__file__).resolve().parent
VENV = os.environ.get("NEWSLIB_LABEL_STUDIO_VENV", "")
"""A venv of its own with label-studio and label-studio-sdk (optional; see the module's doc)."""
IN_PROCESS = (
    importlib.util.find_spec("label_studio") is not None and importlib.util.find_spec("label_studio_sdk") is not None
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not IN_PROCESS and not (VENV and (Path(VENV) / "bin" / "label-studio").exists()),
        reason="Label Studio is not installed: pip install -e '.[validate]', or name a venv "
        "that has it in NEWSLIB_LABEL_STUDIO_VENV",
    ),
]

TOKEN = "newslib-test-token-0123456789"
STARTUP = 900
"""Seconds a first start may take: Label Studio migrates its SQLite database before serving."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=3) as r:
            return r.status == 200
    except OSError:
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Label Studio server of the test's own; its URL."""
    data = tmp_path_factory.mktemp("label-studio")
    port = _free_port()
    env = {
        **os.environ,
        "LABEL_STUDIO_BASE_DATA_DIR": str(data),
        "LABEL_STUDIO_USERNAME": "annotator@example.org",
        "LABEL_STUDIO_PASSWORD": "newslib-test-password",
        "LABEL_STUDIO_USER_TOKEN": TOKEN,
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
    }
    script = Path(sys.executable).with_name("label-studio") if IN_PROCESS else Path(VENV) / "bin" / "label-studio"
    log = open(data / "server.log", "wb")  # noqa: SIM115 - closed below, after the server
    proc = subprocess.Popen(
        [str(script), "start", "--no-browser", "--port", str(port), "--host", "127.0.0.1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Label Studio did not start: {(data / 'server.log').read_text(errors='replace')[-2000:]}")
            time.sleep(2)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


def test_tasks_imported_annotated_and_exported_through_a_real_server(
    server: str, dataset: Path, tmp_path: Path
) -> None:
    write_sample(dataset, tmp_path, n=4, stratify="publisher", seed=5)
    tasks = json.loads((tmp_path / "tasks.json").read_text(encoding="utf-8"))
    if IN_PROCESS:
        from .labelstudio_roundtrip import round_trip

        dropped = round_trip(server, TOKEN, label_config(), tasks, tmp_path / "export.json")
    else:
        (tmp_path / "config.xml").write_text(label_config(), encoding="utf-8")
        done = subprocess.run(
            [
                str(Path(VENV) / "bin" / "python"),
                str(HERE / "labelstudio_roundtrip.py"),
                server,
                TOKEN,
                str(tmp_path / "config.xml"),
                str(tmp_path / "tasks.json"),
                str(tmp_path / "export.json"),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        dropped = int(done.stdout.split()[-1])
    export = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    imported = import_export(export)
    assert imported.problems == []
    assert [r["id"] for r in imported.records] == [t["data"]["article_id"] for t in tasks]
    v = validate(imported.records, open_dataset(dataset), resamples=100)
    fig = v.figures.set_index("figure")["value"]
    predicted = sum(len(t["predictions"][0]["result"]) > 0 for t in tasks)
    assert predicted == 4 and fig["content recall"] == pytest.approx(1.0)
    gold = sum(len(r["attributions"]) for r in imported.records)
    assert fig["content precision"] == pytest.approx(gold / (gold + dropped))
    assert fig["speaker name accuracy"] == pytest.approx(1.0)
