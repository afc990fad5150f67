"""The validation notebook: committed without outputs, paired with its script, rendered by
``newslib report`` reproducibly (slow)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newslib.report import render

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "validation.ipynb"


def test_committed_notebook_has_no_outputs_and_matches_its_script() -> None:
    import jupytext
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.outputs == [] and c.execution_count is None for c in code)
    assert nb.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    assert [c for c in nb.cells if "parameters" in c.metadata.get("tags", ())] == [code[0]]
    script = NOTEBOOK.with_suffix(".py").read_text(encoding="utf-8")
    assert jupytext.writes(jupytext.read(NOTEBOOK), fmt="py:percent") == script


@pytest.mark.slow
def test_the_report_renders_byte_identically_with_every_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(ROOT)
    params = {"resamples": 300}
    one = render(NOTEBOOK, tmp_path / "one", params)
    two = render(NOTEBOOK, tmp_path / "two", params)
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]
    nb = json.loads(one[0].read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c["outputs"]]
    assert not [o for o in outputs if o["output_type"] == "error" or o.get("name") == "stderr"]
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 3
    page = one[1].read_text(encoding="utf-8")
    for figure in (
        "content F1",
        "end-to-end F1",
        "speaker name accuracy",
        "anonymous share (gold)",
        "women share (newslib - gold)",
        "agency dependence",
        "by kind low",
        "same speaker category",
    ):
        assert figure in page, figure
    text = one[0].read_text(encoding="utf-8")
    assert str(ROOT) not in text and "/tmp/" not in text and os.environ.get("HOME", "/root") + "/" not in text
