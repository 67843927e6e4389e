"""The session: one open project, one annotator, and the undo stack every edit goes through.

Widgets never write to the project. They call `Session.run` with an
operation (`annotator.operations`: a named, typed user action); the session
wraps it in an `ActionCommand` on its `QUndoStack`, and after it ran (or was
undone or redone) emits one `changed` signal saying what changed. Changes
that are not undo steps (an import, new assignments, a merge of annotators'
files) are announced the same way through `changed_outside`. Views refresh
themselves from that signal (the pattern of Anki's operations).

The store keeps its own per-annotator undo log in the project file; the undo
stack mirrors it, and is rebuilt from it when the project is opened again, so
Ctrl+Z works across a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.errors import AnnotatorError, ProjectError
from annotator.operations import CONTEXT, Operation
from annotator.store.events import Event
from annotator.store.project import Project
from annotator.ui.changes import Changes

log = logging.getLogger(__name__)

T = TypeVar("T")

UNDO_DEPTH = 500


def title_of(operation: Operation[Any]) -> str:
    """The operation's title in the user's language, as Edit › Undo shows it."""
    return operation.title(lambda text: QCoreApplication.translate(CONTEXT, text))


class ActionCommand(QUndoCommand):
    """One user action. The first redo performs it; later ones replay the store's log.

    The command keeps what its first run gave: `result` (what the operation
    returned), or `error` when the store refused it or could not save it, and
    `event`, the log entry it wrote.
    """

    def __init__(
        self, session: Session, text: str, operation: Operation[Any] | None = None
    ) -> None:
        super().__init__(text)
        self._session = session
        self._operation = operation  # None for commands rebuilt from the log
        self.result: Any = None
        self.error: AnnotatorError | None = None
        self.event: Event | None = None

    def redo(self) -> None:
        session = self._session
        if session.replaying:
            return
        operation, self._operation = self._operation, None
        if operation is not None:
            self._perform(operation)
        else:
            self._replay(undo=False)

    def undo(self) -> None:
        if not self._session.replaying:
            self._replay(undo=True)

    def _perform(self, operation: Operation[Any]) -> None:
        session = self._session
        try:
            self.result, self.event = session.perform(operation, self.text())
        except AnnotatorError as exc:
            self.error = exc
            self.setObsolete(True)  # never done: the stack drops it, as the log has nothing
            session.report(exc)
            return
        if self.event is None:
            self.setObsolete(True)  # it changed nothing (a value set again): not an undo step
        else:
            session.notify(self.text(), self.event)

    def _replay(self, undo: bool) -> None:
        session = self._session
        try:
            if undo:
                event = session.project.undo(session.annotator)
            else:
                event = session.project.redo(session.annotator)
        except AnnotatorError as exc:
            # The stack has already moved; the log has not. Mirror the log again.
            QTimer.singleShot(0, session.rebuild_undo_stack)
            session.report(exc)
            return
        if event is not None:
            session.notify(self.text(), event, undone=undo)


class Session(QObject):
    """An open project seen by one annotator."""

    changed = Signal(object)  # Changes
    saved = Signal(str)  # what was saved, for the status bar
    failed = Signal(str)  # could not be saved (full disk, busy file): kept for `retry`
    refused = Signal(str)  # not allowed (a bad value, a conflict): nothing to retry

    def __init__(self, project: Project, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self.replaying = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_DEPTH)
        self._pending: Operation[Any] | None = None
        self.locked: str | None = None  # why this annotator's labels are not edited here
        self.rebuild_undo_stack()

    @contextmanager
    def macro(self, text: str) -> Iterator[None]:
        """Several actions that the user sees, and undoes, as one."""
        self.undo_stack.beginMacro(text)
        try:
            yield
        finally:
            self.undo_stack.endMacro()
            # Every step refused (an actor name another actor has): no empty undo step.
            last = self.undo_stack.command(self.undo_stack.index() - 1)
            if last is not None and last.childCount() == 0 and not self.replaying:
                last.setObsolete(True)
                self.undo_stack.undo()  # an obsolete command is dropped when undone

    def rebuild_undo_stack(self) -> None:
        """Mirror the annotator's logged actions, so undo reaches back before this start."""
        self.replaying = True
        try:
            self.undo_stack.clear()
            events = list(reversed(self.project.events.history(self.annotator, UNDO_DEPTH)))
            for event in events:
                self.undo_stack.push(ActionCommand(self, event.label))
            self.undo_stack.setIndex(sum(1 for e in events if e.state == "done"))
            self.undo_stack.setClean()
        finally:
            self.replaying = False

    def perform(self, operation: Operation[T], title: str) -> tuple[T, Event | None]:
        """Run an operation under ``title``: its result and this annotator's log entry.

        The entry is None when the operation changed nothing, or changed only
        another annotator's labels (only this annotator's actions are undone here).
        """
        done = operation.run(self.project, title)
        return done.result, done.event_of(self.annotator)

    def run(self, operation: Operation[T]) -> T | None:
        """Perform ``operation`` as an undoable command; its result, or None if it failed.

        A failure is reported through `failed` (and the operation kept so
        `retry` can try it again) or, for a refusal, through `refused`; so is
        every operation while `locked` says why nothing is edited.
        """
        if self.locked is not None:
            self.refused.emit(self.locked)
            return None
        command = ActionCommand(self, title_of(operation), operation)
        self.undo_stack.push(command)  # performs it; a command that changed nothing is dropped
        if command.error is not None:
            if self.retryable(command.error):
                self._pending = operation
            return None
        result: T = command.result
        return result

    def retryable(self, error: AnnotatorError) -> bool:
        """True for failures that may go away (disk space, a busy file), not for refusals."""
        return isinstance(error, ProjectError) and not self.project.read_only

    def report(self, error: AnnotatorError) -> None:
        """Tell the user about a failed step, through `failed` or `refused`."""
        if self.retryable(error):
            log.warning("not saved: %s", error)
            self.failed.emit(str(error))
        else:
            log.info("refused: %s", error)
            self.refused.emit(str(error))

    def retry(self) -> Any:
        """Try the failed operation again; it stays pending if it fails again."""
        if self._pending is None:
            return None
        operation, self._pending = self._pending, None
        return self.run(operation)

    def dismiss(self) -> None:
        """Give up the failed operation."""
        self._pending = None

    @property
    def has_pending(self) -> bool:
        """True while a failed operation waits for `retry`."""
        return self._pending is not None

    def notify(self, text: str, event: Event, undone: bool = False) -> None:
        """Tell views what changed after a command ran, was undone or redone."""
        self.changed.emit(Changes.of_event(self.project, event, undone))
        self.saved.emit(self.tr("Undone: {action}").format(action=text) if undone else text)

    def changed_outside(self, changes: Changes) -> None:
        """Tell views what an import, an assignment or a merge changed.

        Those are not undo steps (nothing is pushed or logged): views hear of
        them through `changed`, the same as of an action, and refresh.
        """
        self.changed.emit(changes)
