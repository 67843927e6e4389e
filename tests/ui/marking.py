"""Marking claims with the keyboard in tests, as an annotator does, on one short article text."""

from __future__ import annotations

from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow

TEXT = "Velgrad said that Kestria must reopen the harbour, and observers agreed."


def span_of(words: str) -> Span:
    """The code point span of ``words`` in `TEXT`."""
    start = TEXT.index(words)
    return Span(start, start + len(words))


def mark_claim(qtbot, window: MainWindow, words: str) -> str:  # type: ignore[no-untyped-def]
    """Select ``words`` in the article and press C; returns the new claim's id."""
    view = window.workspace.view
    view.select_span(span_of(words))
    qtbot.keyClick(view, "c")
    assert window.workspace.current_claim is not None
    return window.workspace.current_claim


def active_window(qtbot, project: Project, annotator: str = "ana") -> MainWindow:  # type: ignore[no-untyped-def]
    """A main window on ``project``, shown and active (window shortcuts work), text focused."""
    window = MainWindow(project, annotator)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.workspace.view.setFocus()
    return window
