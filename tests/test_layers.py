"""The headless packages never import Qt (DESIGN.md, "Rules of the house")."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

HEADLESS = ["core", "store", "io", "quality", "assist", "dataset", "hub", "operations"]

BLOCK_QT = """
import importlib.abc, pkgutil, sys

class BlockQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"headless code imported {{name}}")
        return None

sys.meta_path.insert(0, BlockQt())
import annotator
for package in {packages!r}:
    module = importlib.import_module(f"annotator.{{package}}")
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), module.__name__ + "."):
        importlib.import_module(info.name)
import annotator.cli, annotator.cli.hub, annotator.samples, annotator.logs, annotator.selftest, annotator.resources
print("ok")
"""


def test_headless_packages_import_without_qt() -> None:
    code = "import importlib\n" + BLOCK_QT.format(packages=HEADLESS)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_blocker_does_catch_qt() -> None:
    code = "import importlib\n" + BLOCK_QT.format(packages=["ui"])
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "headless code imported PySide6" in result.stderr


def test_the_charts_of_the_dataset_card_are_the_qt_side() -> None:
    """annotator.charts draws with QtGui; the card (annotator.dataset.card) only takes it as a hook."""
    code = "import importlib\n" + BLOCK_QT.format(packages=[]) + "import annotator.charts\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "headless code imported PySide6" in result.stderr


ROOT = Path(__file__).resolve().parents[1]


def imports_between_modules(package: str) -> dict[str, set[str]]:
    """For each module under ``annotator.<package>``, the modules of the same package it imports.

    Every import counts: at the top, inside functions and under TYPE_CHECKING,
    since each of them ties the two modules together.
    """
    folder = ROOT / "annotator" / package
    modules = {
        ".".join(("annotator", *path.relative_to(ROOT / "annotator").with_suffix("").parts))
        for path in folder.rglob("*.py")
    }
    modules = {m.removesuffix(".__init__") for m in modules}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for path in folder.rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of ``graph``: one path per strongly connected group of modules."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                found.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    return found


def test_ui_modules_import_one_another_without_a_cycle() -> None:
    graph = imports_between_modules("ui")
    assert "annotator.ui.window.main_window" in graph  # the scan does see the UI
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c", "a"]]
