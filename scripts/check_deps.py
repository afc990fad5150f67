"""Declared dependencies match the imports of the package.

Why: a library imported but not declared works on the machine that happens to have it (numpy
came in through pandas for months) and breaks on the next one; a dependency declared but never
imported costs every user an install. This reads every module of ``newslib/`` (``ast``, no
import of the package, standard library only), takes the top-level name of each absolute import
that is neither the standard library nor ``newslib`` itself, and compares them with what
``pyproject.toml`` declares (``[project] dependencies`` and every extra) and with
``requirements-accurate.txt`` (the accurate engine's pinned run-time extra, installed with
``--no-deps``):

- an import whose distribution is declared nowhere is an error (declare it, in the extra of the
  feature that needs it, or map its import name below);
- a core dependency (``[project] dependencies``) that no module imports is an error (an extra may
  carry tools that are run rather than imported: ``jupyterlab``, ``pytest``, ``ruff``…).

Imports inside functions, ``TYPE_CHECKING`` blocks and ``try`` blocks count like any other: an
optional import is still a dependency, of an extra.

    python scripts/check_deps.py        # exit status 1 on a mismatch, with one line each
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "newslib"

IMPORT_TO_DISTRIBUTION = {
    "IPython": "ipython",
    "pycrfsuite": "python-crfsuite",
}
"""Import names whose distribution is not the import name itself (after normalisation: case,
``_`` and ``-`` aside, as PEP 503 compares names). Add a line when a new import needs one."""


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them (``Jupyter_Client`` is ``jupyter-client``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(line: str) -> str | None:
    """The distribution a requirement line names (``dask[dataframe]>=2024.8`` is ``dask``)."""
    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line)
    return normalise(m.group(1)) if m and not line.lstrip().startswith(("#", "-")) else None


def declared(root: Path) -> tuple[set[str], set[str]]:
    """(core dependencies, everything declared: core, every extra and the accurate engine's pins)."""
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core = {n for n in map(requirement_name, project.get("dependencies", [])) if n}
    extras = {n for reqs in project.get("optional-dependencies", {}).values() for n in map(requirement_name, reqs) if n}
    pinned_file = root / "requirements-accurate.txt"
    pinned = (
        {n for n in map(requirement_name, pinned_file.read_text(encoding="utf-8").splitlines()) if n}
        if pinned_file.exists()
        else set()
    )
    return core, core | extras | pinned


def imports(package: Path) -> dict[str, set[str]]:
    """Top-level third-party import names of the package's modules, with the files importing each."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != package.name and top not in sys.stdlib_module_names:
                    found[top].add(str(path.relative_to(package.parent)))
    return found


def mismatches(root: Path = ROOT) -> list[str]:
    """One line per mismatch between the imports of ``newslib/`` and the declared dependencies."""
    core, everything = declared(root)
    used = imports(root / PACKAGE)
    problems = []
    distributions = set()
    for name, files in sorted(used.items()):
        dist = normalise(IMPORT_TO_DISTRIBUTION.get(name, name))
        distributions.add(dist)
        if dist not in everything:
            problems.append(
                f"import {name} ({', '.join(sorted(files))}): distribution {dist!r} is not declared "
                "in pyproject.toml or requirements-accurate.txt"
            )
    for dist in sorted(core - distributions):
        problems.append(
            f"dependency {dist!r} is declared in [project] dependencies but no module of {PACKAGE}/ imports it"
        )
    return problems


def main() -> None:
    problems = mismatches()
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"dependencies: every third-party import of {PACKAGE}/ is declared, every core dependency imported")


if __name__ == "__main__":
    main()
