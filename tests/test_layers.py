"""The headless packages never import Qt (DESIGN.md, "Rules of the house")."""

from __future__ import annotations

import subprocess
import sys

HEADLESS = ["core", "store", "io", "quality", "assist"]

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
    for info in pkgutil.walk_packages(module.__path__, module.__name__ + "."):
        importlib.import_module(info.name)
import annotator.cli, annotator.samples, annotator.logs, annotator.selftest, annotator.resources
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
