"""Rendered reports: run a notebook with parameters, keep the executed notebook and its HTML.

A report is evidence in a research project, so rendering must be dependable and repeatable:

* **Its own kernel.** The notebook runs on a kernelspec named ``newslib`` for *this* Python
  (``sys.executable``), written into a private temporary directory for the run. A fresh machine,
  a user without a ``python3`` kernelspec, or one whose ``python3`` points at another
  environment all render the same (no ``NoSuchKernel``).
* **Quiet.** The kernel's own stderr (the "running over TCP without encryption" warning, a
  ``KeyboardInterrupt`` at shutdown, debugger chatter) goes to a log file in the temporary
  directory, never to the user's terminal; papermill's progress bar and logging are off.
* **One-line failures.** A failing cell raises :class:`ReportError` whose message names the
  cell (its index in the notebook and the first line of its source) and the exception; the
  executed-so-far notebook is kept as ``OUT/NAME.failed.ipynb`` for inspection.
* **Reproducible.** Execution times, papermill durations and paths, and kernel-version noise
  are normalised away, the kernel runs with a fixed hash seed, figures carry no metadata (see
  :mod:`newslib.plots`), and the HTML is exported without CDN scripts: rendering the same
  notebook with the same parameters twice gives byte-identical ``.ipynb`` and ``.html``.
* **Atomic.** Outputs are written to a temporary file and moved into place with
  :func:`os.replace`, so a reader never sees half a report and a failed run leaves the last
  good report untouched; the notebook and its HTML are replaced as a pair
  (:func:`newslib.files.replace_together`), even when a run is killed between the two.

Rendering only: what the notebooks call to find and read their inputs is in
:mod:`newslib.notebook`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import tempfile
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .files import atomic_write, replace_together

KERNEL_NAME = "newslib"
"""The kernelspec every report runs on; written afresh for ``sys.executable`` on each render."""

INVOCATION_DIR_ENV = "NEWSLIB_REPORT_CWD"
"""Environment variable telling the kernel where ``render`` was called from (see
:func:`newslib.notebook.locate`)."""

DEFAULT_TIMEOUT = 1800
"""Seconds one cell may run before the report fails (a whole corpus is analysed in one cell)."""


class ReportError(Exception):
    """A report that could not be rendered; ``str()`` is one line naming the cause.

    For a failing cell, ``cell_index`` is the cell's index in the source notebook (0-based, as
    ``nbformat`` counts), ``ename``/``evalue`` the exception and ``partial`` the path of the
    notebook kept for inspection.
    """

    def __init__(
        self,
        message: str,
        *,
        cell_index: int | None = None,
        ename: str | None = None,
        evalue: str | None = None,
        partial: Path | None = None,
    ) -> None:
        super().__init__(message)
        self.cell_index = cell_index
        self.ename = ename
        self.evalue = evalue
        self.partial = partial


# -- parameters ------------------------------------------------------------------------------


def parse_param(value: str) -> Any:
    """A ``-p NAME VALUE`` value typed as papermill's ``-p`` does: int, float, bool, None, JSON
    (lists, objects, quoted strings), else the string itself; a number with a leading zero
    (``007``, an article id) stays a string."""
    text = value.strip()
    if text in ("True", "true"):
        return True
    if text in ("False", "false"):
        return False
    if text in ("None", "null"):
        return None
    digits = text.lstrip("+-")
    if not (len(digits) > 1 and digits[0] == "0" and digits[1].isdigit()):  # "007" is an id, not 7
        for kind in (int, float):
            try:
                return kind(text)
            except ValueError:
                pass
    if text[:1] in ("[", "{", '"'):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass
    return value


def notebook_parameters(notebook: str | Path) -> dict[str, Any]:
    """The parameters a notebook declares (its ``parameters``-tagged cell), with their defaults."""
    import papermill

    with _quiet():
        found = papermill.inspect_notebook(str(notebook))
    return {name: spec.get("default") for name, spec in found.items()}


# -- rendering -------------------------------------------------------------------------------


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """Silence library chatter (papermill, nbclient, traitlets, jupyter deprecations) for a run."""
    names = ("papermill", "nbclient", "traitlets", "jupyter_client", "nbconvert", "asyncio")
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def _write_kernelspec(root: Path) -> Path:
    """A kernelspec for this interpreter under ``root/kernels/newslib``; returns the kernels dir."""
    spec_dir = root / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": f"Python {sys.version_info.major}.{sys.version_info.minor} (newslib)",
        "language": "python",
        "env": {
            "PYTHONHASHSEED": "0",  # set and dict-of-set orders in outputs must not vary by run
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "MPLBACKEND": "module://matplotlib_inline.backend_inline",
            INVOCATION_DIR_ENV: os.getcwd(),
        },
        "metadata": {"debugger": False},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return root / "kernels"


def _kernel_manager_class(kernels_dir: Path, log_path: Path) -> type:
    """A kernel manager that finds only our kernelspec and sends the kernel's stdio to a log."""
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpecManager
    from traitlets import default

    class _ReportKernelManager(AsyncKernelManager):
        @default("kernel_spec_manager")
        def _private_specs(self) -> KernelSpecManager:
            return KernelSpecManager(kernel_dirs=[str(kernels_dir)], ensure_native_kernel=False)

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            log = open(log_path, "ab")  # noqa: SIM115 - the kernel process owns it until it exits
            kw.setdefault("stdout", log)
            kw.setdefault("stderr", log)
            try:
                await super()._async_launch_kernel(kernel_cmd, **kw)
            finally:
                log.close()  # the child has its own copy of the descriptor

    return _ReportKernelManager


_VOLATILE_CELL_KEYS = ("papermill", "execution", "ExecuteTime")


def _normalise(nb: Any, name: str) -> Any:
    """Drop what changes from run to run (times, durations, temp paths, environment), keep the
    rest: parameters, outputs, execution counts and the kernel that ran it."""
    meta = nb.metadata
    pm = dict(meta.get("papermill", {}))
    meta["papermill"] = {
        "parameters": pm.get("parameters", {}),
        "default_parameters": pm.get("default_parameters", {}),
        "input_path": f"{name}.ipynb",
        "output_path": f"{name}.ipynb",
        "version": pm.get("version"),
    }
    meta["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Python (newslib)", "language": "python"}
    info = dict(meta.get("language_info", {}))
    meta["language_info"] = {k: info[k] for k in ("name", "file_extension", "mimetype") if k in info}
    meta.pop("widgets", None)
    for index, cell in enumerate(nb.cells):
        if "injected-parameters" in cell.metadata.get("tags", ()):
            cell["id"] = f"injected-parameters-{index}"  # papermill gives it a random id
        for key in _VOLATILE_CELL_KEYS:
            cell.metadata.pop(key, None)
        for out in cell.get("outputs", ()):
            out.get("metadata", {}).pop("execution", None)
    return nb


def _html(nb: Any, name: str) -> str:
    """The executed notebook as one standalone HTML page (lab look, no CDN scripts)."""
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    template = (
        "{%- extends 'lab/index.html.j2' -%}\n"
        "{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}\n"
        "{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}\n"
        "{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}\n"
    )
    exporter = HTMLExporter(
        extra_loaders=[DictLoader({"newslib_report.html.j2": template})], template_file="newslib_report.html.j2"
    )
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": name}})
    return body


def _write_atomic(path: Path, text: str) -> None:
    """Write beside the target, then rename over it: readers see the old file or the new one."""
    with atomic_write(path) as fh:
        fh.write(text)


def _first_line(text: str, limit: int = 80) -> str:
    line = next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _source_index(nb: Any, executed_index: int) -> int:
    """The failing cell's index in the source notebook (papermill inserts a parameters cell)."""
    injected = sum(
        1 for c in nb.cells[:executed_index] if "injected-parameters" in c.get("metadata", {}).get("tags", ())
    )
    return executed_index - injected


def render(
    notebook: str | Path,
    out_dir: str | Path,
    parameters: Mapping[str, Any] | None = None,
    *,
    timeout: int = DEFAULT_TIMEOUT,
) -> tuple[Path, Path]:
    """Execute ``notebook`` with ``parameters`` and write ``out_dir/NAME.ipynb`` and ``NAME.html``.

    Returns the two paths. Raises :class:`ReportError` (one-line message) for a missing
    notebook, an unknown parameter, a failing cell (keeping ``NAME.failed.ipynb``), a dead
    kernel or a timeout.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    nb_path = Path(notebook)
    if not nb_path.is_file():
        raise ReportError(f"{nb_path}: no such notebook")
    name = nb_path.stem
    params = dict(parameters or {})
    try:
        declared = notebook_parameters(nb_path)
    except Exception as exc:  # noqa: BLE001 - an unreadable notebook is the user's to fix
        raise ReportError(
            f"{nb_path}: not a readable notebook ({type(exc).__name__}: {_first_line(str(exc))})"
        ) from None
    unknown = sorted(set(params) - set(declared))
    if unknown:
        raise ReportError(
            f"{nb_path}: unknown parameter{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(unknown)} (it takes: {', '.join(declared) or 'none'})"
        )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    failed = out / f"{name}.failed.ipynb"
    with tempfile.TemporaryDirectory(prefix="newslib-report-") as tmp_name, _quiet():
        tmp = Path(tmp_name)
        kernels = _write_kernelspec(tmp)
        executed = tmp / f"{name}.ipynb"
        try:
            papermill.execute_notebook(
                str(nb_path),
                str(executed),
                parameters=params,
                kernel_name=KERNEL_NAME,
                cwd=str(nb_path.resolve().parent),
                log_output=False,
                progress_bar=False,
                execution_timeout=timeout,
                kernel_manager_class=_kernel_manager_class(kernels, tmp / "kernel.log"),
            )
        except PapermillExecutionError as exc:
            partial = nbformat.read(executed, as_version=4)
            _write_atomic(failed, nbformat.writes(_normalise(partial, name)) + "\n")
            # the partial notebook has papermill's two error-marker cells; count without them
            index = exc.cell_index
            source_nb = nbformat.read(nb_path, as_version=4)
            cell = _source_index(_without_markers(partial), index)
            first = _first_line(exc.source) or _first_line(
                source_nb.cells[cell].source if cell < len(source_nb.cells) else ""
            )
            raise ReportError(
                f"{nb_path} cell {cell} (In [{exc.exec_count}]: {first}) failed: "
                f"{exc.ename}: {_first_line(exc.evalue, 200) or '(no message)'}"
                f" — partial notebook kept at {failed}",
                cell_index=cell,
                ename=exc.ename,
                evalue=exc.evalue,
                partial=failed,
            ) from None
        except Exception as exc:  # noqa: BLE001 - dead kernel, timeout, bad notebook: one line
            if executed.is_file():
                with contextlib.suppress(Exception):
                    partial = nbformat.read(executed, as_version=4)
                    _write_atomic(failed, nbformat.writes(_normalise(partial, name)) + "\n")
            detail = _first_line(str(exc), 200) or type(exc).__name__
            log = tmp / "kernel.log"
            if "died" in detail.lower() and log.is_file():
                tail = [ln for ln in log.read_text(errors="replace").splitlines() if ln.strip()][-1:]
                detail += f" (kernel said: {_first_line(tail[0], 160)})" if tail else ""
            raise ReportError(f"{nb_path}: {type(exc).__name__}: {detail}") from None
        nb = _normalise(nbformat.read(executed, as_version=4), name)
        ipynb_text = nbformat.writes(nb) + "\n"
        html_text = _html(nb, name)
    ipynb_path, html_path = out / f"{name}.ipynb", out / f"{name}.html"
    replace_together([(ipynb_path, ipynb_text), (html_path, html_text)], name)
    with contextlib.suppress(FileNotFoundError):
        failed.unlink()
    return ipynb_path, html_path


def _without_markers(nb: Any) -> Any:
    """A copy of a failed notebook without papermill's error-marker cells (to count cells)."""
    import copy

    clean = copy.copy(nb)
    clean.cells = [c for c in nb.cells if "papermill-error-cell-tag" not in c.get("metadata", {}).get("tags", ())]
    return clean
