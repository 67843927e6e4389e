"""PySide6 6.12.0 aborts the interpreter after a few thousand QTextCursor.setPosition calls.

pyproject.toml excludes that release; this test keeps the regression visible
if a later release brings it back. A crash there kills the interpreter, so the
calls run in a subprocess whose exit code is checked.
"""

from __future__ import annotations

import subprocess
import sys

import PySide6

CODE = """
from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication
app = QApplication([])
document = QTextDocument("Velgrad said 🇪🇺 that the port reopens. " * 500)
cursor = QTextCursor(document)
length = document.characterCount() - 1
for i in range(20_000):
    cursor.setPosition(i % length)
    cursor.setPosition((i * 7) % length, QTextCursor.MoveMode.KeepAnchor)
print(cursor.position())
"""


def test_installed_pyside_is_not_the_excluded_release() -> None:
    assert PySide6.__version__ != "6.12.0"


def test_twenty_thousand_set_position_calls_do_not_abort() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().isdigit()
