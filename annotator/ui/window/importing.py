"""Importing files from the app: progress while it runs, then a summary or the error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from annotator.core.errors import AnnotatorError
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.window.summaries import import_summary


def import_with_progress(
    project: Project, paths: list[Path], parent: QWidget | None, **options: Any
) -> bool:
    """Import files, showing progress; reports the result or the error. True if it worked.

    ``options`` go to `import_files` (format, story, annotator, label_map).
    """
    from annotator.io.importer import import_files

    label = QCoreApplication.translate("app", "Importing articles…")
    dialog = QProgressDialog(label, "", 0, 1000, parent)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)

    def progress(done: int, total: int) -> None:
        dialog.setValue(int(1000 * done / max(total, 1)))
        QApplication.processEvents()

    try:
        # parallel=None: a large file on two cores is read in a second process
        report = import_files(project, paths, progress=progress, parallel=None, **options)
    except AnnotatorError as exc:
        dialog.close()
        plain.warning(
            parent,
            QCoreApplication.translate("app", "Import failed"),
            f"{exc}\n\n"
            + QCoreApplication.translate("app", "Nothing from that file was imported."),
        )
        return False
    dialog.close()
    details = "\n".join([*report.conflicts, *report.warnings][:20])
    plain.information(
        parent,
        QCoreApplication.translate("app", "Import finished"),
        import_summary(report) + "\n\n" + details,
    )
    return True
