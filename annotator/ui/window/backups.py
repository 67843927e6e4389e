"""Backups in the app: a timer that backs up while changes happen, and how backups are named.

The backups themselves are made by `annotator.store.backup` (where they go,
what they hold, how many are kept); File › Restore backup is
`annotator.ui.window.restore`.

- `BackupScheduler` checks every `INTERVAL_MS` whether the project wrote
  anything since the last backup (`Project.total_changes`, SQLite's
  counter: exact and free) and, if so, makes an ``auto``
  backup in a worker thread through a connection of its own, so a large
  project (about 2 GB for 100,000 articles) never freezes the window; the
  copy is one read transaction, so labelling can go on meanwhile (WAL). When
  the window closes, one more backup is made if anything changed since.
  A failed backup is shown in the status bar and changes nothing else.
- `reason_name` and `local_time` are how a backup's reason and time read in
  the listings of File › Restore backup.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from annotator.core.errors import AnnotatorError
from annotator.store.backup import BackupInfo, backup_file, backup_project
from annotator.store.project import Project

log = logging.getLogger(__name__)

INTERVAL_MS = 5 * 60 * 1000
"""How often the app checks for changes to back up (tests set a shorter interval)."""


def reason_name(reason: str) -> str:
    """A backup's reason as the listing shows it."""
    names = {
        "auto": QCoreApplication.translate("backups", "Automatic"),
        "manual": QCoreApplication.translate("backups", "Made by hand"),
        "before-migration": QCoreApplication.translate("backups", "Before upgrade"),
        "before-merge": QCoreApplication.translate("backups", "Before merge"),
        "before-restore": QCoreApplication.translate("backups", "Before restore"),
        "before-schema-change": QCoreApplication.translate("backups", "Before schema change"),
    }
    return names.get(reason, reason)


def local_time(entry: BackupInfo) -> str:
    """When a backup was made, in local time."""
    return entry.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class BackupScheduler(QObject):
    """Backs up the open project every `INTERVAL_MS` while it changes, in a worker thread."""

    made = Signal(object)  # the BackupInfo, or None when the content matched the last backup
    failed = Signal(str)
    _done = Signal(int, object, str)  # changes counted, BackupInfo or None, error message

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.ticks = 0
        self._seen = project.total_changes  # nothing new to back up at opening
        self._running: int | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._done.connect(self._finished)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        if not project.read_only:
            self.timer.start()

    def changed(self) -> bool:
        """True when the project changed since the last backup (or since it was opened)."""
        return not self.project.closed and self.project.total_changes != self._seen

    def tick(self) -> bool:
        """Start a backup in the background if the project changed; True if one started."""
        self.ticks += 1
        if self._running is not None or self.project.read_only or not self.changed():
            return False
        changes = self.project.total_changes
        path = self.project.path
        self._running = changes

        def work() -> None:
            try:
                made = backup_file(path, "auto", if_changed=True)
            except AnnotatorError as exc:
                self._done.emit(changes, None, str(exc))
            except Exception:  # a bug must not end the thread silently
                log.exception("background backup of %s failed", path)
                self._done.emit(
                    changes,
                    None,
                    QCoreApplication.translate(
                        "backups", "an unexpected error (the details are in the log)"
                    ),
                )
            else:
                self._done.emit(changes, made, "")

        self._pool.start(work)
        return True

    def _finished(self, changes: int, made: BackupInfo | None, error: str) -> None:
        self._running = None
        if error:
            log.warning("backup failed: %s", error)
            self.failed.emit(error)
            return
        self._seen = changes
        self.made.emit(made)

    def wait(self) -> None:
        """Wait for a backup under way to finish (before a restore or closing)."""
        self._pool.waitForDone()
        QCoreApplication.sendPostedEvents(self)  # deliver its result now

    def final_backup(self) -> None:
        """One more backup when the window closes, if anything changed since the last.

        Runs here (the project is about to close); a failure is logged, never shown
        as an error on the way out.
        """
        self.timer.stop()
        self.wait()
        if self.project.read_only or not self.changed():
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            backup_project(self.project, "auto", if_changed=True)
            self._seen = self.project.total_changes
        except AnnotatorError as exc:
            log.warning("backup on closing failed: %s", exc)
        finally:
            QGuiApplication.restoreOverrideCursor()
