"""Keyboard reachability: mnemonics that do not collide, and accessible names."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget, QWidget

from annotator.io.importer import import_files
from annotator.store.project import Project
from annotator.ui.main_window import MainWindow


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
