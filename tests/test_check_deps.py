"""scripts/check_deps.py: the package's imports against its declared dependencies, on the
repository and on small invented ones that break each rule."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from conftest import ROOT

spec = importlib.util.spec_from_file_location("check_deps", ROOT / "scripts" / "check_deps.py")
assert spec is not None and spec.loader is not None
check_deps = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_deps)


def _repo(tmp_path: Path, code: str, deps: list[str], extras: dict[str, list[str]] | None = None) -> Path:
    (tmp_path / "newslib" / "sub").mkdir(parents=True)
    (tmp_path / "newslib" / "__init__.py").write_text("import json\nfrom . import sub\n", encoding="utf-8")
    (tmp_path / "newslib" / "sub" / "mod.py").write_text(code, encoding="utf-8")
    lines = ["[project]", f"dependencies = {deps!r}", "[project.optional-dependencies]"]
    lines += [f"{k} = {v!r}" for k, v in (extras or {}).items()]
    (tmp_path / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_the_repository_declares_what_it_imports() -> None:
    assert check_deps.mismatches(ROOT) == []


def test_an_undeclared_import_and_an_unused_dependency_are_reported(tmp_path: Path) -> None:
    code = "import numpy as np\nfrom pycrfsuite import Tagger\n\n\ndef f():\n    import IPython.display\n"
    root = _repo(tmp_path, code, ["numpy>=1.26,<3", "tqdm>=4"], {"notebooks": ["IPython>=8"]})
    problems = check_deps.mismatches(root)
    assert len(problems) == 2, problems
    assert "import pycrfsuite (newslib/sub/mod.py): distribution 'python-crfsuite'" in problems[0]
    assert "dependency 'tqdm'" in problems[1]
    fixed = _repo(tmp_path / "fixed", code, ["numpy", "python_crfsuite==0.9.10"], {"notebooks": ["ipython"]})
    assert check_deps.mismatches(fixed) == []
