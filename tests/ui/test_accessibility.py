"""Keyboard reachability: mnemonics that do not collide, and accessible names."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabBar, QTabWidget, QWidget

from annotator.io.importer import import_files
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def test_alt_keys_are_unique_in_the_main_window(
    qtbot, project: Project, sample_jsonl: Path
) -> None:  # type: ignore[no-untyped-def]
    import_files(project, [sample_jsonl])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    keys: list[tuple[str, str]] = [
        (key, a.text()) for a in window.menuBar().actions() if (key := mnemonic(a.text()))
    ]
    for widget in window.findChildren(QWidget):
        texts = []
        if isinstance(widget, (QLabel, QAbstractButton)) and widget.parent() is not None:
            texts.append(widget.text())
        if isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        keys += [(key, t) for t in texts if (key := mnemonic(t))]
    counts = Counter(key for key, _ in keys)
    clashes = {key: [t for k, t in keys if k == key] for key, n in counts.items() if n > 1}
    assert clashes == {}


def test_inputs_have_accessible_names(qtbot, project: Project, sample_jsonl: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QPlainTextEdit,
    )

    import_files(project, [sample_jsonl])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)

    def part_of_qt_widget(widget: QWidget) -> bool:
        """Headers of tables and the popups of combo boxes are Qt's own parts."""
        if isinstance(widget, QHeaderView):
            return True
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QComboBox):
                return True
            parent = parent.parentWidget()
        return False

    unnamed = [
        type(w).__name__
        for w in window.findChildren(QWidget)
        if isinstance(w, (QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit))
        and not w.accessibleName()
        and not part_of_qt_widget(w)
    ]
    assert unnamed == []


# -- every window and dialog: names for inputs, and Tab reaches every control ---------------


def build(kind: str, window: MainWindow) -> QWidget:
    """One top-level window or dialog of the app, on the sample project."""
    from annotator.ui.lead.adjudication import AdjudicationView
    from annotator.ui.lead.dashboard import Dashboard
    from annotator.ui.window.crash import crash_dialog
    from annotator.ui.window.dialogs import (
        AssignDialog,
        ExportDialog,
        ImportDialog,
        NameDialog,
        NewProjectDialog,
        ShortcutsDialog,
    )
    from annotator.ui.window.restore import RestoreDialog
    from annotator.ui.window.welcome import WelcomeScreen

    project = window.project
    builders = {
        "main window": lambda: window,
        "welcome": lambda: WelcomeScreen([str(project.path)]),
        "new project": lambda: NewProjectDialog(window),
        "export": lambda: ExportDialog(project, "ana", window),
        "import": lambda: ImportDialog(window),
        "name": lambda: NameDialog("ana", window),
        "shortcuts": lambda: ShortcutsDialog(window.shortcut_groups(), window),
        "assign": lambda: AssignDialog(["ana", "ben"], window),
        "dashboard": lambda: Dashboard(project, window),
        "adjudication": lambda: AdjudicationView(project, window),
        "restore backup": lambda: RestoreDialog(project, window),
        "crash": lambda: crash_dialog("ValueError: a test", "Traceback ...", window),
    }
    return builders[kind]()


WINDOWS = [
    "main window",
    "welcome",
    "new project",
    "export",
    "import",
    "name",
    "shortcuts",
    "assign",
    "dashboard",
    "adjudication",
    "restore backup",
    "crash",
]


def _describe(widget: QWidget) -> str:
    from PySide6.QtWidgets import QAbstractButton

    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__}({widget.accessibleName() or text or widget.objectName()!r})"


def _named(widget: QWidget) -> bool:
    """Named for a screen reader: its own name, its visible text, or a label buddy."""
    from PySide6.QtWidgets import QAbstractButton

    if widget.accessibleName():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    if isinstance(widget, QTabBar):  # its tabs are named by their texts
        return all(widget.tabText(i) for i in range(widget.count()))
    top = widget.window()
    return any(label.buddy() is widget for label in top.findChildren(QLabel))


def _focusable(top: QWidget) -> list[QWidget]:
    """Controls a keyboard user must be able to reach: visible, enabled, taking Tab focus."""
    from PySide6.QtCore import Qt

    return [
        w
        for w in top.findChildren(QWidget)
        if w.window() is top
        and w.isVisibleTo(top)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]


@pytest.mark.parametrize("kind", WINDOWS)
def test_every_control_has_an_accessible_name(qtbot, sample_window: MainWindow, kind: str) -> None:  # type: ignore[no-untyped-def]
    top = build(kind, sample_window)
    qtbot.addWidget(top)
    top.show()
    unnamed = [_describe(w) for w in _focusable(top) if not _named(w)]
    assert unnamed == []


@pytest.mark.parametrize("kind", WINDOWS)
def test_tab_reaches_every_control(qtbot, sample_window: MainWindow, kind: str) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    top = build(kind, sample_window)
    qtbot.addWidget(top)
    top.show()
    top.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is top)
    controls = _focusable(top)
    first = controls[0]
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    reached = [first]
    for _ in range(3 * len(controls)):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is first:
            break
        reached.append(widget)
    never = [_describe(w) for w in controls if w not in reached]
    assert never == []
    assert QApplication.focusWidget() is first  # the chain comes round, it does not get stuck
