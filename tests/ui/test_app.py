"""Starting the app on a project, as `annotator gui PROJECT` does."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from annotator.io.importer import import_files
from annotator.store.project import Project
from annotator.ui.app import run
from annotator.ui.main_window import MainWindow


def test_run_opens_a_window_on_the_project_and_releases_it(
    qapp: QApplication, tmp_path: Path, sample_jsonl: Path
) -> None:
    path = tmp_path / "p.claims"
    with Project.create(path) as project:
        import_files(project, [sample_jsonl])
    seen: list[tuple[str, int]] = []

    def look_then_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend((w.windowTitle(), w.articles.rowCount()) for w in windows if w.isVisible())
        for window in windows:
            window.close()

    QTimer.singleShot(0, look_then_close)
    assert run(str(path)) == 0
    assert seen == [("p.claims — Claim annotator", 8)]
    Project.open(path).close()  # the window released the lock when it closed
