"""Restoring a backup in the app: File › Restore backup, and the offer when a file is damaged.

The backups themselves are listed and restored by `annotator.store.backup`;
`annotator.ui.window.backups` makes them while the project is open and says
how they are named in the listings.

- `choose_and_restore` shows the `RestoreDialog` and, once confirmed, backs up
  the current state (``before-restore``), restores the chosen backup and
  reopens the project through the Controller, so the lock, the undo stack and
  every view are rebuilt. A restore is not an undo step: it replaces the
  whole file, undo history included; restoring the ``before-restore`` backup
  undoes it. The window's `BackupScheduler` is paused meanwhile.
- `restore_damaged` offers the backups of a file that could not be opened
  because it is damaged, and keeps the damaged file beside the restored one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.store.backup import (
    BackupInfo,
    backup_folder,
    backup_project,
    backups_for_file,
    damaged_copies,
    list_backups,
    restore_backup,
    restore_file,
)
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.i18n import plural
from annotator.ui.window.backups import BackupScheduler, local_time, reason_name


class RestoreHost(Protocol):
    """The window a backup is restored from (`MainWindow`): its project, backups and reopening."""

    project: Project
    backups: BackupScheduler

    def window(self) -> QWidget:
        """The window itself (`QWidget.window`), parent of the dialogs."""

    def commit_edits(self) -> None:
        """Save what is being typed before the file is replaced."""

    def reopen(self) -> QWidget | None:
        """Open the (restored) project file afresh in place of this window; the new window."""


class RestoreDialog(QDialog):
    """The project's backups, newest first, to pick one to restore (or to make one now)."""

    COLUMNS = ("time", "reason", "articles", "claims", "mentions", "source")

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("Restore backup"))
        self.resize(900, 420)
        intro = plain.label(
            self.tr(
                "Backups of this project, newest first. Restoring one replaces the whole "
                "project with it; the current state is backed up first."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAllColumnsShowFocus(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Reason"),
                self.tr("Articles"),
                self.tr("Claims"),
                self.tr("Mentions"),
                self.tr("Made from"),
            ]
        )
        intro.setBuddy(self.table)
        self.folder = plain.label("", self)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder.setAccessibleName(self.tr("Backup folder"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.restore_button.setAccessibleName(self.tr("Restore the chosen backup"))
        self.backup_button = QPushButton(self.tr("&Back up now"), self)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self.back_up_now)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda *_: self.accept() if self.chosen() else None)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.folder)
        layout.addWidget(self.buttons)
        self.backup_button.setEnabled(not project.read_only)
        self.reload()
        self.table.setFocus()

    def reload(self) -> None:
        """List the backups again, the newest selected."""
        self.table.clear()
        self.entries = list_backups(self.project.project_id)
        own = str(self.project.path.resolve())
        for entry in self.entries:
            self.table.addTopLevelItem(self._item(entry, own))
        for column in range(len(self.COLUMNS) - 1):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 16)
        folder = backup_folder(self.project.project_id)
        n = len(self.entries)
        self.folder.setText(
            plain.fill(plural(self.tr("%n backup(s) in %1", "", n), n), str(folder))
        )
        readable = [row for row, entry in enumerate(self.entries) if entry.readable]
        first = self.table.topLevelItem(readable[0]) if readable else None
        if first is not None:
            self.table.setCurrentItem(first)
        self._selection_changed()

    def _item(self, entry: BackupInfo, own: str) -> QTreeWidgetItem:
        if not entry.readable:
            texts = [local_time(entry), reason_name(entry.reason), "", "", "", ""]
            item = QTreeWidgetItem(texts)
            item.setText(5, plain.fill(self.tr("Unreadable: %1"), entry.problem or ""))
            item.setToolTip(5, plain.tooltip(str(entry.path)))
            unusable = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
            item.setFlags(item.flags() & ~unusable)
            return item
        source = entry.source or self.tr("unknown")
        if entry.source == own:
            source = self.tr("this file")
        counts = [str(n) if n is not None else "" for n in (entry.articles, entry.claims)]
        mentions = str(entry.mentions) if entry.mentions is not None else ""
        item = QTreeWidgetItem(
            [local_time(entry), reason_name(entry.reason), *counts, mentions, source]
        )
        for column in (2, 3, 4):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
        item.setToolTip(5, plain.tooltip(f"{entry.source or ''}\n{entry.path}"))
        return item

    def chosen(self) -> BackupInfo | None:
        """The selected backup, or None."""
        item = self.table.currentItem()
        if item is None or not item.isSelected():
            return None
        entry = self.entries[self.table.indexOfTopLevelItem(item)]
        return entry if entry.readable else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None and not self.project.read_only)

    def back_up_now(self) -> None:
        """Make a backup now (reason ``manual``) and list it."""
        try:
            backup_project(self.project, "manual")
        except AnnotatorError as exc:
            plain.warning(
                self,
                self.tr("Back up now"),
                plain.fill(self.tr("The backup could not be made: %1"), str(exc)),
            )
        self.reload()


def _counts(entry: BackupInfo) -> str:
    """``3 articles, 1 claim, 0 mentions`` in the user's language."""
    articles, claims, mentions = entry.articles or 0, entry.claims or 0, entry.mentions or 0
    translate = QCoreApplication.translate
    return ", ".join(
        [
            plural(translate("backups", "%n article(s)", None, articles), articles),
            plural(translate("backups", "%n claim(s)", None, claims), claims),
            plural(translate("backups", "%n mention(s)", None, mentions), mentions),
        ]
    )


def _confirmation(project: Project, entry: BackupInfo) -> str:
    text = QCoreApplication.translate(
        "backups",
        "Replace everything in %1 with the backup of %2 (%3)?\n\n"
        "Work done since then leaves the project. The current state is backed up "
        'first ("Before restore"), so restoring that brings it back.',
    )
    text = plain.fill(text, project.path.name, local_time(entry), _counts(entry))
    if entry.source != str(project.path.resolve()):
        other = QCoreApplication.translate("backups", "This backup was made from another file: %1")
        unknown = QCoreApplication.translate("backups", "unknown")
        text += "\n\n" + plain.fill(other, entry.source or unknown)
    return text


def choose_and_restore(window: RestoreHost) -> bool:
    """File › Restore backup: pick a backup, confirm, restore, reopen. True if restored."""
    project = window.project
    parent = window.window()
    if project.read_only:
        plain.information(
            parent,
            QCoreApplication.translate("backups", "Restore backup"),
            QCoreApplication.translate(
                "backups", "This project is open read-only: a backup cannot be restored into it."
            ),
        )
        return False
    window.backups.timer.stop()  # no background backup while choosing and restoring
    window.backups.wait()
    try:
        return _restore_chosen(window, project)
    finally:
        if not project.closed:  # not restored: the window carries on as before
            window.backups.timer.start()


def _restore_chosen(window: RestoreHost, project: Project) -> bool:
    parent = window.window()
    dialog = RestoreDialog(project, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or (entry := dialog.chosen()) is None:
        return False
    answer = plain.question(
        parent,
        QCoreApplication.translate("backups", "Restore backup"),
        _confirmation(project, entry),
        plain.Button.Yes | plain.Button.Cancel,
        plain.Button.Cancel,
    )
    if answer != plain.Button.Yes:
        return False
    window.commit_edits()
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        before = restore_backup(project, entry.path)
    except AnnotatorError as exc:
        QGuiApplication.restoreOverrideCursor()
        plain.warning(
            parent,
            QCoreApplication.translate("backups", "Restore backup"),
            plain.fill(
                QCoreApplication.translate(
                    "backups", "The backup was not restored; the project is as it was.\n\n%1"
                ),
                str(exc),
            ),
        )
        return False
    QGuiApplication.restoreOverrideCursor()
    reopened = window.reopen()
    plain.information(
        reopened,
        QCoreApplication.translate("backups", "Backup restored"),
        plain.fill(
            QCoreApplication.translate(
                "backups",
                "%1 now holds the backup of %2.\n\n"
                'What it held before is in the backup of %3 ("Before restore"): restore that '
                "to undo this.",
            ),
            project.path.name,
            local_time(entry),
            local_time(before),
        ),
    )
    return True


def restore_damaged(path: Path, problem: str, parent: QWidget | None = None) -> bool:
    """A project could not be opened because it is damaged: offer its backups.

    Lists the readable backups made from ``path`` (any project folder, since a
    damaged file may not tell its id), restores the chosen one with
    `restore_file`, which keeps the damaged file beside it, and says where.
    True if a backup was restored (the caller then opens the file again).
    """
    translate = QCoreApplication.translate
    title = translate("backups", "Damaged project")
    entries = [e for e in backups_for_file(path) if e.readable]
    if not entries:
        plain.critical(
            parent,
            title,
            problem + "\n\n" + translate("backups", "No backup of this file was found."),
        )
        return False
    choices = [f"{local_time(e)} · {reason_name(e.reason)} · {_counts(e)}" for e in entries]
    choice, chosen = plain.choose_item(
        parent,
        title,
        plain.fill(
            translate(
                "backups",
                "%1 is damaged and cannot be opened.\n"
                "Restore one of its backups? The damaged file is kept beside it, renamed.",
            ),
            path.name,
        ),
        choices,
    )
    if not chosen:
        return False
    entry = entries[choices.index(choice)]
    try:
        restore_file(path, entry.path)
    except AnnotatorError as exc:
        plain.warning(
            parent,
            title,
            plain.fill(
                translate("backups", "The backup was not restored; the file is as it was.\n\n%1"),
                str(exc),
            ),
        )
        return False
    kept = damaged_copies(path)
    plain.information(
        parent,
        translate("backups", "Backup restored"),
        plain.fill(
            translate("backups", "%1 now holds the backup of %2. The damaged file is kept as %3."),
            path.name,
            local_time(entry),
            kept[0].name if kept else "?",
        ),
    )
    return True
