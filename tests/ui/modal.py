"""Answering modal dialogs in tests: they run their own event loop, so answers are queued."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def when_modal(answer: Callable[[QWidget], None], timeout_ms: int = 5000) -> list[str]:
    """Call ``answer`` with the next modal dialog as soon as it shows.

    Returns a list that receives the dialog's window title, so a test can
    assert which dialog it answered (an empty list: none appeared).
    """
    seen: list[str] = []
    waited = 0

    def poll() -> None:
        nonlocal waited
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            seen.append(dialog.windowTitle())
            answer(dialog)
            return
        waited += 20
        if waited < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen
