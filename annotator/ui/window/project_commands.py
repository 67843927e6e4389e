"""File menu commands on the whole project: import, export, assign work, merge files.

Import, assignment and merge change the project outside the undo history
(they are not undone with Ctrl+Z). The session tells every view what they
changed (`Session.changed_outside`), the same way it tells of an action, and
the views refresh themselves: the article list, the progress, the registry
and the open article, which keeps its scroll place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMainWindow

from annotator.core.errors import AnnotatorError, BackupError
from annotator.ui import plain
from annotator.ui.changes import Changes
from annotator.ui.i18n import plural
from annotator.ui.session import Session
from annotator.ui.window.dialogs import AssignDialog, ExportDialog, ImportDialog
from annotator.ui.window.importing import import_with_progress
from annotator.ui.window.summaries import merge_summary
from annotator.ui.window.workspace import Workspace

READ_AGAIN = Changes(reread=True, labels=True, actors=True, status=True)
"""What an import or a merge may change: articles, labels, actors, statuses (not itemized)."""
ASSIGNED = Changes(assignments=True)
"""What new assignments change."""


class ProjectCommands(QObject):
    """Import, export, assignment and merge, for a main window and its session."""

    def __init__(self, window: QMainWindow, session: Session, workspace: Workspace) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.project = session.project
        self.workspace = workspace

    def _read_only(self) -> bool:
        """True (and said in the status bar) when the project cannot be changed."""
        if self.project.read_only:
            self.window.statusBar().showMessage(self.tr("This project is open read-only."), 5000)
        return self.project.read_only

    def import_articles(self) -> None:
        """Import articles (and labels) in a chosen format, with a progress dialog."""
        from annotator.io.label_map import load_label_map

        if self._read_only():
            return
        dialog = ImportDialog(self.window)
        if dialog.exec() != ImportDialog.DialogCode.Accepted or dialog.source.path() is None:
            return
        source = dialog.source.path()
        assert source is not None
        options: dict[str, Any] = dict(dialog.options())
        map_path = dialog.label_map.path()
        try:
            if map_path is not None:
                options["label_map"] = load_label_map(map_path, self.project.schema)
        except AnnotatorError as exc:
            plain.warning(self.window, self.tr("Import"), str(exc))
            return
        if import_with_progress(self.project, [source], self.window, **options):
            self.session.changed_outside(READ_AGAIN)

    def export(self) -> None:
        """Export in a chosen format with the filters chosen in a dialog."""
        from annotator.io.formats import export_to

        dialog = ExportDialog(self.project, self.session.annotator, self.window)
        if dialog.exec() != ExportDialog.DialogCode.Accepted or dialog.target.path() is None:
            return
        target = dialog.target.path()
        assert target is not None
        try:
            count = export_to(self.project, dialog.format.currentData(), target, dialog.where())
        except (AnnotatorError, OSError) as exc:
            plain.warning(self.window, self.tr("Export failed"), str(exc))
            return
        text = plural(self.tr("Exported %n article(s) to {target}", "", count), count)
        self.window.statusBar().showMessage(text.format(target=target), 8000)

    def assign_work(self) -> None:
        """Hand out the articles to annotators (replaces the current assignments)."""
        from annotator.quality.assign import assign_articles, parse_annotators

        if self._read_only():
            return
        names = [n for n in self.project.annotators() if n != "gold"] or [self.session.annotator]
        dialog = AssignDialog(names, self.window)
        if dialog.exec() != AssignDialog.DialogCode.Accepted:
            return
        try:
            plan = assign_articles(
                self.project,
                parse_annotators(dialog.annotators.text()),
                dialog.overlap.value() / 100,
                dialog.by.currentData(),
            )
        except AnnotatorError as exc:
            plain.warning(self.window, self.tr("Assign work"), str(exc))
            return
        lines = [
            plural(self.tr("{name}: %n article(s) ({shared} shared)", "", total), total).format(
                name=name, shared=shared
            )
            for name, (total, shared) in plan.counts().items()
        ]
        self.session.changed_outside(ASSIGNED)
        plain.information(self.window, self.tr("Work assigned"), "\n".join(lines))

    def merge_files(self, paths: list[str] | None = None) -> None:
        """Bring annotators' work packages back into this project, with a summary."""
        from annotator.quality.merge import merge_packages

        if self._read_only():
            return
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(
                self.window,
                self.tr("Merge annotators' files"),
                "",
                self.tr("Claim annotator projects (*.claims)"),
            )
        if not paths:
            return
        self.workspace.commit_edits()
        try:
            report = merge_packages(self.project, [Path(p) for p in paths])
        except BackupError as exc:  # its message says nothing was merged
            plain.warning(self.window, self.tr("Merge"), str(exc))
            self.session.changed_outside(READ_AGAIN)
            return
        except AnnotatorError as exc:
            plain.warning(
                self.window,
                self.tr("Merge"),
                f"{exc}\n\n" + self.tr("Nothing from that file was merged."),
            )
            self.session.changed_outside(READ_AGAIN)
            return
        details = [str(m) for m in report.matches] + [str(c) for c in report.conflicts]
        self.session.changed_outside(READ_AGAIN)
        plain.information(
            self.window,
            self.tr("Merge finished"),
            "\n".join([merge_summary(report), "", *details[:30]]),
        )
