"""The check of every page of a project, heard in the window while it runs in the background.

The app opens projects with ``background_check`` (`annotator.store.project.Project.open`):
the window shows at once, while `annotator.store.database.PageCheck` reads the
whole file in a thread of its own; writes wait until it has passed.
`PageCheckWatch` brings its outcome to the window's thread, where the main
window offers the file's backups if it is damaged, as it would have on
opening (`annotator.ui.window.restore.restore_damaged`).
"""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QObject, Qt, Signal

from annotator.core.errors import DamagedProjectError, ProjectError
from annotator.store.project import Project

log = logging.getLogger(__name__)


class PageCheckWatch(QObject):
    """Reports, in the thread it lives in, what the page check of ``project`` found.

    `damaged` carries the message for the user (with the restore hint);
    `passed` says the file is sound. Either arrives from the event loop,
    never while the window is being built. A project opened without a
    background check reports nothing.
    """

    damaged = Signal(str)
    passed = Signal()
    _ended = Signal(object)  # ProjectError | None, from the check's thread

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.finished = False
        """True once the outcome was reported here."""
        self._ended.connect(self._report, Qt.ConnectionType.QueuedConnection)
        if project.page_check is not None:
            project.page_check.when_done(self._heard)

    def _heard(self, problem: ProjectError | None) -> None:
        with contextlib.suppress(RuntimeError):  # the window is gone already
            self._ended.emit(problem)

    def _report(self, problem: ProjectError | None) -> None:
        self.finished = True
        if isinstance(problem, DamagedProjectError):
            log.warning("%s", problem)
            self.damaged.emit(str(problem))
        elif problem is not None:  # could not read it here: not damage, and writes go on
            log.warning("the check of every page could not run: %s", problem)
        else:
            self.passed.emit()


def damage_found(project: Project) -> DamagedProjectError | None:
    """Wait for the page check of ``project`` (if it has one): the damage it found, or None.

    For a window that failed to build on a file the check has not passed yet:
    a damaged page read on the way is reported as damage, with its backups
    offered, as the check before opening would have.
    """
    check = project.page_check
    problem = check.wait() if check is not None else None
    return problem if isinstance(problem, DamagedProjectError) else None
