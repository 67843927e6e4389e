"""Syncing a laptop copy of a team hub from the app: File › Sync, and on its own while online.

A project that is a copy of a hub (`annotator.hub.sync`) syncs when the
annotator asks (File › Sync, Ctrl+Shift+Y), every few minutes, and after a
number of labels. The slow part, everything on the network, runs in a thread
of its own: it reads the copy's changes on a reader of the file
(`Project.reader`) and exchanges them with the hub (`annotator.hub.sync.prepare`
and `exchange`), so a slow or dead server never holds the window. What the
hub gave is then written on the window's own connection, in the window's
thread, in one transaction between two of the window's actions
(`write_back`): the sync never writes beside the window. Labels made while the
sync was on its way are kept and go with the next one. The views hear of it
through `Session.changed_outside`, as after a merge.

The status bar tells when the copy last synced and how many changes wait.
Offline is normal for a laptop: it is said there, calmly, and the changes
wait. Other failures (a refused login, a hub of another version) are told once
in a message, not again at every automatic try.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from annotator.core.errors import AnnotatorError
from annotator.ui import plain
from annotator.ui.changes import Changes
from annotator.ui.i18n import plural
from annotator.ui.session import Session
from annotator.ui.window.project_commands import READ_AGAIN

if TYPE_CHECKING:
    from annotator.hub.connect import HubSchemaChanged
    from annotator.hub.sync import Exchanged, HubCopy, Outgoing
    from annotator.store.project import Project

log = logging.getLogger(__name__)

AUTO_MINUTES = 5
"""Minutes between automatic syncs."""
AFTER_LABELS = 20
"""Label actions after which a sync runs soon (without waiting for the timer)."""
SOON_MS = 3000
"""How long after the last of those actions (a pause in the work) that sync starts."""

_running: set[SyncThread] = set()
"""Threads of syncs still on their way after their window closed, kept until they end."""


def copy_of(project: Project) -> HubCopy | None:
    """The hub record of a project, or None when it is no copy of a hub (or its record is bad)."""
    from annotator.hub.sync import hub_copy

    try:
        return hub_copy(project)
    except AnnotatorError:
        return None


@dataclass
class Outcome:
    """What a sync's thread came back with."""

    outgoing: Outgoing | None = None
    exchanged: Exchanged | None = None
    error: AnnotatorError | None = None
    offline: bool = False


class SyncThread(QObject):
    """Reads the copy's changes on a reader and exchanges them with the hub, in a thread.

    A daemon thread, not a QThread: a sync waiting on a dead server never holds
    the app when it quits (the hub and the copy stay consistent whenever a sync
    is cut). `done` reaches the window's thread queued, as Qt does across threads.
    """

    done = Signal(object)  # an Outcome

    def __init__(self, project: Project, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self._thread = threading.Thread(target=self.run, name="hub-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.is_alive()

    def run(self) -> None:
        from annotator.hub.connect import HubUnreachable
        from annotator.hub.sync import exchange, prepare

        outcome = Outcome()
        try:
            reader = self._project.reader()
            try:
                outcome.outgoing = prepare(reader)
            finally:
                reader.close()
            outcome.exchanged = exchange(outcome.outgoing)
        except HubUnreachable as exc:
            outcome.error, outcome.offline = exc, True
        except AnnotatorError as exc:
            outcome.error = exc
        except Exception as exc:  # never a traceback for the user; the log keeps it
            log.exception("sync failed")
            outcome.error = AnnotatorError(f"the sync failed: {exc}")
        try:
            self.done.emit(outcome)
        except RuntimeError:  # the window is gone
            log.info("sync ended after its window closed")


class HubSync(QObject):
    """File › Sync and the automatic syncs of one window on a hub copy."""

    synced = Signal(object)  # the SyncReport, after the copy was written
    finished = Signal()  # after every try, whatever its end
    schema_taken = Signal(int)  # the copy took the hub's label schema: this revision

    def __init__(self, window: QMainWindow, session: Session, workspace: Any) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.project = session.project
        self.workspace = workspace
        self.copy = copy_of(self.project)
        self.worker: SyncThread | None = None
        self.pending: int | None = None
        """Changes waiting for the hub, as the last try counted them."""
        self.offline = False
        self.last_sync: str | None = self.copy.last_sync if self.copy else None
        self._told: set[str] = set()
        self._asked = False
        self._labels = 0
        self._written_at = 0
        self.label = plain.label("", window)
        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_MINUTES * 60 * 1000)
        self.timer.timeout.connect(lambda: self.start(asked=False))
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.setInterval(SOON_MS)
        self.soon.timeout.connect(lambda: self.start(asked=False))
        if self.active:
            session.changed.connect(self._changed)
            self.timer.start()
            self._show()

    @property
    def active(self) -> bool:
        """True for a copy of a hub open for writing."""
        return self.copy is not None and not self.project.read_only

    @property
    def running(self) -> bool:
        return self.worker is not None

    def status_label(self) -> QLabel:
        return self.label

    def start(self, asked: bool = True) -> bool:
        """Start a sync in its thread (``asked``: from the menu); False if one is on its way."""
        if not self.active:
            if asked:
                plain.information(
                    self.window,
                    self.tr("Sync"),
                    self.tr(
                        "This project is not a copy of a team hub. A copy is made with"
                        " annotator hub join."
                    ),
                )
            return False
        if self.worker is not None or self.project.closed:
            return False
        if asked:
            self.workspace.commit_edits()  # a half-typed note goes too
        self.soon.stop()
        self._asked = asked
        self._labels = 0
        self._written_at = self.project.total_changes
        self.worker = SyncThread(self.project)
        self.worker.done.connect(self._done)
        self.label.setText(self.tr("Syncing…"))
        self.worker.start()
        return True

    def stop(self) -> None:
        """The window closes: a sync on its way ends on its own and writes nothing."""
        self.timer.stop()
        self.soon.stop()
        thread, self.worker = self.worker, None
        if thread is not None and thread.is_running():
            thread.done.disconnect(self._done)
            thread.setParent(None)
            _running.add(thread)  # kept: its thread still emits on it

    def _changed(self, changes: Changes) -> None:
        if (changes.labels or changes.status or changes.actors) and not changes.reread:
            self._labels += 1
            if self._labels >= AFTER_LABELS and not self.offline:
                self.soon.start()  # restarted by each action: when the work pauses

    def _done(self, outcome: Outcome) -> None:
        thread, self.worker = self.worker, None
        if thread is not None:
            thread.deleteLater()
        try:
            self._finish(outcome)
        finally:
            self.finished.emit()

    def _finish(self, outcome: Outcome) -> None:
        from annotator.hub.connect import HubSchemaChanged
        from annotator.hub.sync import write_back

        if outcome.outgoing is not None:
            self.pending = outcome.outgoing.count
        if isinstance(outcome.error, HubSchemaChanged):
            self._take_schema(outcome.error)
            return
        if outcome.error is not None:
            self.offline = outcome.offline
            if outcome.offline:
                log.info("sync: %s", outcome.error)
            else:
                self._tell(str(outcome.error))
            self._show()
            return
        assert outcome.outgoing is not None and outcome.exchanged is not None
        if self.project.closed:
            return
        edited = self.project.total_changes != self._written_at
        try:
            report = write_back(self.project, outcome.outgoing, outcome.exchanged, edited)
        except AnnotatorError as exc:
            self._tell(str(exc))
            self.session.changed_outside(READ_AGAIN)
            self._show()
            return
        self.offline = False
        self._told.clear()
        self.pending = 0 if not edited else None
        self.last_sync = datetime.now(UTC).isoformat(timespec="seconds")
        if report.pulled or report.conflicts:
            self.session.changed_outside(READ_AGAIN)
        self._show()
        text = plural(
            self.tr("Synced: %n change(s) sent, {received} received", "", report.pushed),
            report.pushed,
        ).format(received=report.pulled)
        if report.conflicts:
            text += " " + plural(
                self.tr("(%n conflict(s): the hub's version kept)", "", len(report.conflicts)),
                len(report.conflicts),
            )
        self.window.statusBar().showMessage(text, 8000)
        self.synced.emit(report)

    def _take_schema(self, changed: HubSchemaChanged) -> None:
        """The lead published a new label schema: the copy takes it, then the window reopens.

        As File › Project settings does after an update: the copy is backed up
        first, and every view is built again on the new vocabulary. The sync
        then runs again on its own.
        """
        from annotator.hub.sync import apply_schema

        self.workspace.commit_edits()
        try:
            revision = apply_schema(self.project, changed)
        except AnnotatorError as exc:
            self._tell(str(exc))
            self._show()
            return
        self.schema_taken.emit(revision)

    def _tell(self, text: str) -> None:
        """A failure other than being offline: said once in a message, then in the status bar."""
        if self._asked or text not in self._told:
            self._told.add(text)
            plain.warning(self.window, self.tr("Sync"), text)
        else:
            self.window.statusBar().showMessage(text, 8000)

    def _show(self) -> None:
        """The status bar's part: when the copy last synced, and what waits."""
        when = self.tr("never")
        if self.last_sync:
            try:
                stamp = datetime.fromisoformat(self.last_sync).astimezone()
                when = (
                    stamp.strftime("%H:%M")
                    if stamp.date() == datetime.now().date()
                    else (stamp.strftime("%Y-%m-%d %H:%M"))
                )
            except ValueError:
                when = self.last_sync
        parts = [self.tr("Offline") if self.offline else self.tr("Synced {when}").format(when=when)]
        if self.pending:
            parts.append(plural(self.tr("%n change(s) to send", "", self.pending), self.pending))
        self.label.setText(" · ".join(parts))
        if self.offline:
            self.label.setToolTip(
                plain.tooltip(
                    self.tr(
                        "The hub cannot be reached now; your work is saved here and is sent"
                        " at the next sync. Last synced: {when}"
                    ).format(when=when)
                )
            )
        else:
            self.label.setToolTip(
                plain.tooltip(self.tr("Last synced with the team hub: {when}").format(when=when))
            )
