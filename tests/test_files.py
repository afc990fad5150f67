"""Files: atomic, with the umask's permissions, no leftovers, and a report's pair kept a pair."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED

from newslib import files


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_outputs_honour_the_umask(tmp_path: Path, umask: int) -> None:
    out = tmp_path / "out.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "newslib.cli", "analyze", str(SEED), "--format", "jsonl", "-o", str(out)],
        capture_output=True,
        timeout=120,
        preexec_fn=lambda: os.umask(umask),
    )
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "a.txt"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), files.atomic_write(out) as fh:
        fh.write("half of the new")
        raise KeyboardInterrupt  # Ctrl-C, or SIGTERM as the CLI raises it
    assert out.read_text(encoding="utf-8") == "old" and os.listdir(tmp_path) == ["a.txt"]


def test_temporaries_of_dead_writers_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    host = files._owner().rsplit("-", 1)[0]
    stale = tmp_path / f".a.txt.{host}-{dead.pid}.xyz.tmp"
    live = tmp_path / f".a.txt.{host}-{os.getppid()}.xyz.tmp"
    other = tmp_path / f".b.txt.{host}-{dead.pid}.xyz.tmp"
    elsewhere = tmp_path / f".a.txt.otherhost-{dead.pid}.xyz.tmp"  # another machine of a cluster
    for p in (stale, live, other, elsewhere):
        p.write_text("partial", encoding="utf-8")
    with files.atomic_write(tmp_path / "a.txt") as fh:
        fh.write("new")
    assert sorted(os.listdir(tmp_path)) == sorted(["a.txt", live.name, other.name, elsewhere.name])


def test_a_pair_killed_between_its_renames_is_finished_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb, html = tmp_path / "r.ipynb", tmp_path / "r.html"
    files.replace_together([(nb, "nb 1"), (html, "html 1")], "r")
    real_replace = os.replace
    done: list[str] = []

    def dies_after_the_first_rename(src: str | Path, dst: str | Path) -> None:
        if done and Path(dst).suffix == ".html":
            raise SystemExit("killed")  # what SIGKILL would leave: one rename done, one not
        real_replace(src, dst)
        done.append(str(dst))

    monkeypatch.setattr(files.os, "replace", dies_after_the_first_rename)
    with pytest.raises(SystemExit):
        files.replace_together([(nb, "nb 2"), (html, "html 2")], "r")
    monkeypatch.setattr(files.os, "replace", real_replace)
    assert (nb.read_text(), html.read_text()) == ("nb 2", "html 1")  # the torn state a kill leaves
    assert files.finish_interrupted(tmp_path, "r")
    assert (nb.read_text(), html.read_text()) == ("nb 2", "html 2")
    assert sorted(os.listdir(tmp_path)) == ["r.html", "r.ipynb"]
