"""The action mechanism of a project: one transaction per user action, logged for undo.

`ProjectActions` is the base of `Project`'s edit mixins
(`annotator.store.actor_edits`, `annotator.store.label_edits`): an edit runs
inside `_action`, which opens one transaction, records every row it writes
(`annotator.store.events.Recorder`) and appends one entry to the undo log
when anything changed. `labelled` names actions as the user saw them;
`undo` and `redo` replay the log. The attributes declared here are set by
`Project` when it opens the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from annotator.core.errors import ProjectError, UndoConflictError, quoted
from annotator.core.schema import LabelSchema
from annotator.store import database
from annotator.store.events import Event, EventLog, Recorder
from annotator.store.queries import ProjectQueries


def _in_sentence(label: str) -> str:
    """An action's label inside a message: only its first letter is lowered, names keep theirs."""
    return label[:1].lower() + label[1:]


class ProjectActions(ProjectQueries):
    """How `Project`'s edits are run, logged, undone and redone (see the module's docs)."""

    path: Path
    db: sqlite_utils.Database
    conn: sqlite3.Connection
    read_only: bool
    schema: LabelSchema
    events: EventLog
    _label: str | None  # see `labelled`
    _logged: list[Event]  # the entries logged inside `labelled`
    _text_lengths: dict[str, int]  # see `LabelEdits._text_length`

    # -- the action mechanism ---------------------------------------------------------------

    @contextmanager
    def labelled(self, label: str) -> Iterator[list[Event]]:
        """Name the actions run inside as the user saw them (\"Set stance\", not \"Edit claim\").

        The name is what Edit › Undo shows, also after a restart. Yields a list
        that receives the log entry of each action run inside (none when an
        action changed nothing), so the caller knows what it did without
        asking the log again.
        """
        self._label, self._logged = label, []
        try:
            yield self._logged
        finally:
            self._label, self._logged = None, []

    @contextmanager
    def _action(self, label: str, annotator: str, article_id: str | None) -> Iterator[Recorder]:
        """One user action: one transaction, logged for undo when it changed anything."""
        label = self._label or label
        what = _in_sentence(label)
        if self.read_only:
            raise ProjectError(f"{self.path.name} is open read-only: {what} was not saved")
        with database.translate_errors(self.path, what), self.db.atomic():
            recorder = Recorder(self.conn)
            yield recorder
            if recorder.changes:
                self._after_action(annotator, article_id)
                event = self.events.append(annotator, label, article_id, recorder.changes)
                if self._label is not None:  # only `labelled` reads them: none pile up outside
                    self._logged.append(event)

    def _after_action(self, annotator: str, article_id: str | None) -> None:
        """Called inside the transaction of an action (or its undo or redo) that changed
        something in ``article_id`` (None: no one article); `Project` forgets there what
        was computed from the labels as they were (see `annotator.store.suggestions`)."""

    # -- undo -------------------------------------------------------------------------------

    def undo(self, annotator: str) -> Event | None:
        """Undo the annotator's last action; None when there is nothing to undo."""
        return self._replay(annotator, undo=True)

    def redo(self, annotator: str) -> Event | None:
        """Redo the annotator's last undone action; None when there is nothing to redo."""
        return self._replay(annotator, undo=False)

    def _replay(self, annotator: str, undo: bool) -> Event | None:
        event = self.events.next_undo(annotator) if undo else self.events.next_redo(annotator)
        if event is None:
            return None
        if self.read_only:
            raise ProjectError(f"{self.path.name} is open read-only")
        doing = f"{'undo' if undo else 'redo'} of {_in_sentence(event.label)}"
        try:
            with database.translate_errors(self.path, doing), self.db.atomic():
                if undo:
                    self.events.undo(event)
                else:
                    self.events.redo(event)
                self._after_action(event.annotator, event.article_id)
        except ProjectError as exc:
            if "refers to" in str(exc):
                raise UndoConflictError(
                    f"cannot {'undo' if undo else 'redo'} {quoted(event.label)}: "
                    "later labels depend on what it changed"
                ) from None
            raise
        return event
