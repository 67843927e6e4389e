"""Typing any text into a widget in tests.

`QTest.keyClicks` (and so `qtbot.keyClicks`) aborts the whole run on a
non-ASCII character (a Qt assertion in qasciikey.cpp, seen with 6.11.3), so
text is sent as one key press and release per code point, with the
character as the event's text, which is what a keyboard layout produces.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget``, one code point at a time."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)
