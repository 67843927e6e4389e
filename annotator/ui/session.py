"""The session: one open project, one annotator, and the undo stack every edit goes through.

Widgets never write to the project. They call `Session.run` with a label and
a function that performs one store action; the session wraps it in an
`ActionCommand` on its `QUndoStack`, and after it ran (or was undone or
redone) emits one `changed` signal saying what changed. Views refresh
themselves from that signal (the pattern of Anki's operations).

The store keeps its own per-annotator undo log in the project file; the undo
stack mirrors it, and is rebuilt from it when the project is opened again, so
Ctrl+Z works across a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.errors import AnnotatorError, ProjectError
from annotator.store.events import Event
from annotator.store.project import Project
from annotator.ui.changes import Changes

log = logging.getLogger(__name__)

UNDO_DEPTH = 500


class ActionCommand(QUndoCommand):
    """One user action. The first redo performs it; later ones replay the store's log."""

    def __init__(self, session: Session, text: str, action: Callable[[], Any] | None) -> None:
        super().__init__(text)
        self._session = session
        self._action = action  # None for commands rebuilt from the log

    def redo(self) -> None:
        if self._session.replaying:
            return
        if self._action is not None:
            action, self._action = self._action, None
            self._attempt(lambda: self._session.perform(self.text(), action), first=True)
            return
        self._attempt(lambda: self._session.project.redo(self._session.annotator))

    def undo(self) -> None:
        if self._session.replaying:
            return
        self._attempt(lambda: self._session.project.undo(self._session.annotator), undone=True)

    def _attempt(self, step: Callable[[], Any], undone: bool = False, first: bool = False) -> None:
        session = self._session
        try:
            result = step()
        except AnnotatorError as exc:
            session.outcome = exc
            if first:
                self.setObsolete(True)  # never done: the stack drops it, as the log has nothing
            else:
                # The stack has already moved; the log has not. Mirror the log again.
                QTimer.singleShot(0, session.rebuild_undo_stack)
            session.report(exc)
            return
        session.outcome = result
        event = result if isinstance(result, Event) else session.logged
        if event is not None:
            session.notify(self.text(), event, undone)
        elif first:
            self.setObsolete(True)  # it changed nothing (a value set again): not an undo step


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
        self.outcome: Any = None  # what the last command step returned, or its error
        self.logged: Event | None = None  # the event the last performed action logged
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_DEPTH)
        self._pending: tuple[str, Callable[[], Any]] | None = None
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
                self.undo_stack.push(ActionCommand(self, event.label, None))
            self.undo_stack.setIndex(sum(1 for e in events if e.state == "done"))
            self.undo_stack.setClean()
        finally:
            self.replaying = False

    def perform(self, text: str, action: Callable[[], Any]) -> Any:
        """Run a store action under the command's name; remember the event it logged."""
        with self.project.labelled(text) as logged:
            result = action()
        mine = [event for event in logged if event.annotator == self.annotator]
        self.logged = mine[-1] if mine else None  # only this annotator's actions are undone here
        return result

    def run(self, text: str, action: Callable[[], Any]) -> Any:
        """Perform ``action`` (one store call) as an undoable command; its result, or None.

        A failure (full disk, a refused edit) is reported through `failed`, and
        the action is kept so `retry` can try it again.
        """
        self.outcome = None
        self.logged = None
        self.undo_stack.push(ActionCommand(self, text, action))
        if isinstance(self.outcome, AnnotatorError):
            if self.retryable(self.outcome):
                self._pending = (text, action)
            return None
        return self.outcome

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
        """Try the failed action again; it stays pending if it fails again."""
        if self._pending is None:
            return None
        text, action = self._pending
        self._pending = None
        return self.run(text, action)

    def dismiss(self) -> None:
        """Give up the failed action."""
        self._pending = None

    @property
    def has_pending(self) -> bool:
        """True while a failed action waits for `retry`."""
        return self._pending is not None

    def notify(self, text: str, event: Event, undone: bool = False) -> None:
        """Tell views what changed after a command ran, was undone or redone."""
        self.changed.emit(Changes.of_event(self.project, event, undone))
        self.saved.emit(self.tr("Undone: {action}").format(action=text) if undone else text)
