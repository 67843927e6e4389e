"""UI test fixtures: settings kept in a temporary folder, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from annotator.io.importer import import_files
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow


@pytest.fixture(autouse=True)
def isolated_settings(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    """Point QSettings at a fresh folder for each test."""
    folder = tmp_path / "settings"
    qapp.setOrganizationName("claim-annotator-tests")
    qapp.setApplicationName("Claim annotator tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    # No thread computing suggestions behind every window of every test (the app's default
    # is on): tests of suggestions in the background switch it on (tests/ui/suggesting.py).
    QSettings().setValue("suggestions/background", False)
    yield folder


@pytest.fixture
def sample_window(qtbot, project: Project, sample_jsonl: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """A shown main window on the sample articles, for annotator ana."""
    import_files(project, [sample_jsonl])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.show()
    return window
