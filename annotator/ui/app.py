"""Starting the app: the QApplication, the annotator's name, and the first project."""

from __future__ import annotations

import getpass
import sys

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from annotator.core.errors import AnnotatorError, ProjectInUseError
from annotator.store.project import Project
from annotator.ui.main_window import MainWindow

ORGANIZATION = "claim-annotator"
APPLICATION = "Claim annotator"


def annotator_name() -> str:
    """The annotator's name, remembered in QSettings (the login name until set)."""
    settings = QSettings(ORGANIZATION, APPLICATION)
    return str(settings.value("annotator", getpass.getuser()))


def open_project(path: str, parent: object = None) -> Project | None:
    """Open a project, offering read-only when another process holds it; None if refused."""
    try:
        return Project.open(path, user=annotator_name())
    except ProjectInUseError as exc:
        answer = QMessageBox.question(
            None,
            "Project in use",
            f"{exc}\n\nOpen it read-only?",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Open:
            try:
                return Project.open(path, read_only=True)
            except AnnotatorError as again:
                QMessageBox.critical(None, "Cannot open project", str(again))
        return None
    except AnnotatorError as exc:
        QMessageBox.critical(None, "Cannot open project", str(exc))
        return None


def run(path: str | None) -> int:
    """Run the app until its window closes; returns the exit code."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APPLICATION)
    app.setOrganizationName(ORGANIZATION)
    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            None, "Open project", "", "Claim annotator projects (*.claims);;All files (*)"
        )
        if not path:
            return 0
    project = open_project(path)
    if project is None:
        return 1
    window = MainWindow(project, annotator_name())
    window.show()
    return int(app.exec())
