"""The notebooks and rendered reports (newslib.report).

Fast: the committed notebooks carry no outputs and match their jupytext scripts; parameters are
typed as papermill types them. Slow (``-m slow``; CI runs them all the same): every notebook is
rendered through :func:`newslib.report.render` on the seed and the fixtures, twice, and the two
renders must be byte-identical; a failing cell gives a one-line error and keeps the partial
notebook; nothing from the kernel reaches the terminal.
"""

from __future__ import annotations

import html as htmllib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslib.report import ReportError, parse_param, render

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SEED = ROOT / "seeds" / "000_bf35a3d7ff0db5a3.txt"
NAMES = ("article", "corpus", "evaluation")


# -- fast -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_committed_notebook_has_no_outputs_and_matches_script(name: str) -> None:
    import jupytext
    import nbformat

    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
    assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", ())]
    assert len(tagged) == 1 and nb.cells.index(tagged[0]) == next(
        i for i, c in enumerate(nb.cells) if c.cell_type == "code"
    ), "first code cell holds the parameters"
    script = (NOTEBOOKS / f"{name}.py").read_text(encoding="utf-8")
    assert jupytext.writes(jupytext.read(NOTEBOOKS / f"{name}.ipynb"), fmt="py:percent") == script


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("3", 3),
        ("2.5", 2.5),
        ("true", True),
        ("False", False),
        ("None", None),
        ('["a", 1]', ["a", 1]),
        ('{"k": 2}', {"k": 2}),
        ("seeds/x.txt", "seeds/x.txt"),
        ("fast", "fast"),
        ("[oops", "[oops"),
    ],
)
def test_parse_param(raw: str, value: object) -> None:
    assert parse_param(raw) == value


def test_missing_notebook_and_unknown_parameter(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no such notebook"):
        render(tmp_path / "nope.ipynb", tmp_path)
    with pytest.raises(ReportError, match=r"unknown parameter colour \(it takes: path, article_id, engine\)"):
        render(NOTEBOOKS / "article.ipynb", tmp_path, {"colour": "red"})


# -- slow: real renders ---------------------------------------------------------------------


RENDER = """
import sys
from newslib.report import parse_param, render
ipynb, html = render(sys.argv[1], sys.argv[2], {k: parse_param(v) for k, v in zip(sys.argv[3::2], sys.argv[4::2])})
"""


def _render_quietly(notebook: Path, out: Path, params: dict[str, str]) -> tuple[Path, Path]:
    """Render in a fresh interpreter (a cold start, as a user's) and check it printed nothing."""
    args = [a for kv in params.items() for a in kv]
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(notebook), str(out), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == "", "kernel or library noise reached the terminal"
    return out / f"{notebook.stem}.ipynb", out / f"{notebook.stem}.html"


PARAMS = {
    "article": {"path": "seeds/000_bf35a3d7ff0db5a3.txt"},
    "corpus": {"corpus": "tests/fixtures/corpus/articles.jsonl", "group_by": "publisher"},
    "evaluation": {},
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, Path, Path]]:
    """Every notebook rendered twice: once in a fresh process, once in this one (the corpus
    notebook's cached dataset in a folder of the test's own, analysed by the first, read by the
    second)."""
    out: dict[str, tuple[Path, Path, Path, Path]] = {}
    cache = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    for name in NAMES:
        first = tmp_path_factory.mktemp(f"{name}-1")
        second = tmp_path_factory.mktemp(f"{name}-2")
        a = _render_quietly(NOTEBOOKS / f"{name}.ipynb", first, PARAMS[name])
        b = render(NOTEBOOKS / f"{name}.ipynb", second, PARAMS[name])
        out[name] = (*a, *b)
    if cache is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = cache
    return out


def _outputs(ipynb: Path) -> list[dict]:
    nb = json.loads(ipynb.read_text(encoding="utf-8"))
    return [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]


def _html_outputs(ipynb: Path) -> list[str]:
    return ["".join(o["data"]["text/html"]) for o in _outputs(ipynb) if "text/html" in o.get("data", {})]


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_renders_are_byte_identical(rendered: dict, name: str) -> None:
    ipynb1, html1, ipynb2, html2 = rendered[name]
    assert ipynb1.read_bytes() == ipynb2.read_bytes()
    assert html1.read_bytes() == html2.read_bytes()
    text = ipynb1.read_text(encoding="utf-8")
    for volatile in ("start_time", "end_time", "duration", "iopub.", str(ROOT), "/tmp/"):
        assert volatile not in text, volatile
    assert not list(ipynb1.parent.glob(".*.tmp")), "temporary files left behind"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_no_errors_and_no_cdn(rendered: dict, name: str) -> None:
    ipynb, html, _, _ = rendered[name]
    assert not [o for o in _outputs(ipynb) if o["output_type"] == "error"]
    assert not [o for o in _outputs(ipynb) if o.get("name") == "stderr"], "warnings printed in the report"
    page = html.read_text(encoding="utf-8")
    assert '<script src="http' not in page and "cdnjs" not in page


@pytest.mark.slow
def test_article_report(rendered: dict) -> None:
    from test_display import visible_lines

    ipynb, html, _, _ = rendered["article"]
    nb = json.loads(ipynb.read_text(encoding="utf-8"))
    assert nb["metadata"]["papermill"]["parameters"] == PARAMS["article"]
    assert nb["metadata"]["kernelspec"]["name"] == "newslib"
    views = [h for h in _html_outputs(ipynb) if 'class="newslib-article"' in h]
    assert len(views) == 1
    seed = SEED.read_text(encoding="utf-8")
    assert visible_lines(views[0]) == [" ".join(ln.split()) for ln in seed.splitlines() if ln.strip()]
    tables = [h for h in _html_outputs(ipynb) if 'class="dataframe' in h]
    assert len(tables) >= 8  # attributions, kinds, sources, profile, types, share, claims summary, claims
    pngs = [o for o in _outputs(ipynb) if "image/png" in o.get("data", {})]
    assert len(pngs) == 4
    page = html.read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 4
    assert htmllib.escape("Photo: Miriam Alster / AP / Profimedia", quote=False) in page
    assert "<title>article</title>" in page


@pytest.mark.slow
def test_corpus_report_lists_the_bad_line(rendered: dict) -> None:
    ipynb, html, _, _ = rendered["corpus"]
    page = html.read_text(encoding="utf-8")
    assert "tests/fixtures/corpus/articles.jsonl:4" in page and "malformed JSON" in page
    assert "not analysed: 1, listed: 1" in page
    for publisher in ("Harbour Gazette", "Valley Courier", "Wire Digest"):
        assert publisher in page
    assert "anonymous_rate" in page and "agency_share" in page and "sources_per_article" in page
    assert "unattributed_claim_share" in page and "A council official" in page
    # who is quoted: gender per group and by month of the auto-detected date column, top people, categories
    for heading in ("Who is quoted: women and men", "Over time", "Top people", "Named, unnamed and anonymous"):
        assert heading in page
    assert "people_female" in page and "date column: 'publication_date'" in page and "2026-03" in page
    assert "Priya Nair" in page and "unnamed_share" in page
    assert sum("image/png" in o.get("data", {}) for o in _outputs(ipynb)) == 7


@pytest.mark.slow
def test_evaluation_report(rendered: dict) -> None:
    ipynb, html, _, _ = rendered["evaluation"]
    page = html.read_text(encoding="utf-8")
    for figure in ("content_f1", "e2e_f1", "source_acc", "recall", "false_alarms"):
        assert figure in page
    assert sum("image/png" in o.get("data", {}) for o in _outputs(ipynb)) == 1


def _tiny_notebook(path: Path, cells: list[str], kernel: str = "no-such-kernel") -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": kernel, "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(src) for src in cells]
    nb.cells[0].metadata["tags"] = ["parameters"]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_failing_cell_is_one_line_and_keeps_the_partial_notebook(tmp_path: Path) -> None:
    nb = _tiny_notebook(
        tmp_path / "broken.ipynb",
        [
            "n = 1",
            "print('fine')",
            "total = n / 0  # divide\nprint(total)",
            "print('never')",
        ],
    )
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-c", RENDER, str(nb), str(out), "n", "2"], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 1
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("newslib.report.ReportError: ")
    message = last.removeprefix("newslib.report.ReportError: ")
    assert "cell 2 (In [" in message and "total = n / 0  # divide" in message
    assert "ZeroDivisionError: division by zero" in message
    partial = out / "broken.failed.ipynb"
    assert str(partial) in message and partial.is_file()
    assert "fine" in partial.read_text(encoding="utf-8")
    assert not (out / "broken.html").exists()
    assert "Kernel is running over TCP" not in done.stderr and "KeyboardInterrupt" not in done.stderr


@pytest.mark.slow
def test_runs_on_its_own_kernel_and_replaces_a_failed_run(tmp_path: Path) -> None:
    nb = _tiny_notebook(tmp_path / "tiny.ipynb", ["x = 1", "import sys\nprint(sys.executable, x)"])
    out = tmp_path / "out"
    (out).mkdir()
    (out / "tiny.failed.ipynb").write_text("{}", encoding="utf-8")
    ipynb, page = render(nb, out, {"x": 5})
    assert f"{sys.executable} 5" in ipynb.read_text(encoding="utf-8")  # this interpreter, parameter injected
    assert page.is_file() and not (out / "tiny.failed.ipynb").exists()
    assert oct(ipynb.stat().st_mode & 0o777) != oct(0o600), "reports are readable like other files"
