"""The package's shape: import circles, the longest functions, the largest modules.

Imports are read from the source (ast), those inside functions included and those under
``if TYPE_CHECKING:`` left out, so a circle closed by a lazy import shows. Exits 1 when there is
a circle, a function over ``--max-function`` lines or a module over ``--max-module`` lines.

Lines are counted as ``ruff format`` writes them (CI checks the format), which spreads a long call
one argument a line. The limits: a function of more than 100 such lines no longer fits on two
screens and holds steps that deserve names; a module of more than 1,000 lines holds more than one
stage (``attribution.rules`` was split at 905 lines into the rules and ``speech_cues``, the
per-attribution filters). Most functions are far shorter (the median is 9 lines).

    python scripts/code_shape.py [--top 5] [--max-function 100] [--max-module 1000]
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "newslib"


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def edges(mods: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the package modules it imports (a ``from pkg import name`` that names a
    submodule is an edge to that submodule, else to the package)."""
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        is_pkg = path.name == "__init__.py"
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(name, is_pkg, node):
                if target in mods and target != name:
                    graph[name].add(target)
    return graph


def _targets(name: str, is_pkg: bool, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if node.level:
        base = name.split(".") if is_pkg else name.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        mod = ".".join(base + ([node.module] if node.module else []))
    else:
        mod = node.module or ""
    return [f"{mod}.{a.name}" if f"{mod}.{a.name}" in _ALL else mod for a in node.names]


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                elif nxt in on:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def functions(mods: dict[str, Path]) -> list[tuple[int, str]]:
    """(lines, module:qualified name) of every function and method, nested ones included."""
    out = []
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        stack: list[tuple[ast.AST, str]] = [(tree, "")]
        while stack:
            node, prefix = stack.pop()
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    qual = f"{prefix}{child.name}"
                    if not isinstance(child, ast.ClassDef):
                        out.append((child.end_lineno - child.lineno + 1, f"{name}:{qual}"))
                    stack.append((child, qual + "."))
                else:
                    stack.append((child, prefix))
    return sorted(out, reverse=True)


_ALL: set[str] = set()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--max-function", type=int, default=100)
    ap.add_argument("--max-module", type=int, default=1000)
    args = ap.parse_args(argv)
    mods = modules()
    _ALL.update(mods)
    found = circles(edges(mods))
    print(f"import circles: {len(found)}")
    for comp in found:
        print(f"  {len(comp)} modules: {', '.join(comp)}")
    funcs = functions(mods)
    print(f"longest functions (of {len(funcs)}):")
    for n, qual in funcs[: args.top]:
        print(f"  {n:4d}  {qual}")
    sizes = sorted(((len(p.read_text(encoding="utf-8").splitlines()), m) for m, p in mods.items()), reverse=True)
    print(f"largest modules (of {len(sizes)}):")
    for n, m in sizes[: args.top]:
        print(f"  {n:4d}  {m}")
    bad = found or (funcs and funcs[0][0] > args.max_function) or (sizes and sizes[0][0] > args.max_module)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
