"""Waiting for the app's main window in tests that start the app with `run`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from annotator.ui.window.main_window import MainWindow


def once_a_main_window_shows(action: Callable[[], None]) -> None:
    """Run ``action`` from the event loop once a main window is up.

    `annotator.ui.window.app.run` shows an opening window first and opens the
    project once that is drawn, so the main window is not there at the first
    turn of the event loop.
    """

    def look() -> None:
        windows = QApplication.topLevelWidgets()
        if any(isinstance(w, MainWindow) and w.isVisible() for w in windows):
            action()
        else:
            QTimer.singleShot(10, look)

    QTimer.singleShot(0, look)
