"""The event log: every user action as the rows it changed, so it can be undone and redone.

An action records, per row it touches, the row before and after. Undo writes
the "before" rows back in reverse order; redo writes the "after" rows again.
Before either, each row is checked to still be as the action left it: a row
changed since (by an import or merge) makes the undo refuse with a clear
message instead of silently overwriting newer work.

The log lives in the project file, so undo survives a restart. Undo and redo
are per annotator: on a shared project one person never undoes another's work.

Rows are what the log keeps and undo writes back; nothing above the store
reads them: `annotator.store.changes` tells what an entry changed as claims,
mentions, actors, links and statuses.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from annotator.core.errors import UndoConflictError, quoted

Row = dict[str, Any]

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "actors": ("id",),
    "actor_aliases": ("actor_id", "alias"),
    "mentions": ("id",),
    "claims": ("id",),
    "claim_links": ("claim_a", "claim_b"),
    "statuses": ("article_id", "annotator"),
}
"""Tables of labels that user actions change, with their primary keys (work packages
carry these back; see `annotator.store.package_rows`)."""

SUGGESTION_KEYS: dict[str, tuple[str, ...]] = {
    "suggestion_rejections": ("annotator", "key"),
    "suggestion_provenance": ("label_id", "key"),
    "recommender_settings": ("recommender",),
    "lexicons": ("language",),
}
"""Tables of suggestions that user actions change too (`annotator.store.suggestions`):
rejections, where accepted labels came from, and the project's assist settings."""

UNDO_KEYS: dict[str, tuple[str, ...]] = {**PRIMARY_KEYS, **SUGGESTION_KEYS}
"""Every table an action may change, and so undo and redo may write."""

ROW_NAMES = {
    "actors": "actor",
    "actor_aliases": "alias",
    "mentions": "mention",
    "claims": "claim",
    "claim_links": "claim link",
    "statuses": "status",
    "suggestion_rejections": "rejection of a suggestion",
    "suggestion_provenance": "accepted suggestion",
    "recommender_settings": "recommender setting",
    "lexicons": "cue lexicon",
}
"""What one row of each table is called in messages."""


def now() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def fetch_row(conn: sqlite3.Connection, table: str, key: Row) -> Row | None:
    """The row of ``table`` with primary key ``key``, as a dict, or None."""
    where = " AND ".join(f"{_quote(c)} = ?" for c in key)
    cursor = conn.execute(f"SELECT * FROM {_quote(table)} WHERE {where}", tuple(key.values()))
    found = cursor.fetchone()
    if found is None:
        return None
    return dict(zip((d[0] for d in cursor.description), found, strict=True))


def write_row(conn: sqlite3.Connection, table: str, row: Row, exists: bool) -> None:
    """Insert ``row`` or, when it ``exists``, update it in place.

    An UPDATE rather than INSERT OR REPLACE: REPLACE deletes first, which
    would fire the foreign key checks of rows that point at this one.
    """
    pk = UNDO_KEYS[table]
    if exists:
        columns = [c for c in row if c not in pk]
        assignments = ", ".join(f"{_quote(c)} = ?" for c in columns)
        where = " AND ".join(f"{_quote(c)} = ?" for c in pk)
        values = [row[c] for c in columns] + [row[c] for c in pk]
        conn.execute(f"UPDATE {_quote(table)} SET {assignments} WHERE {where}", values)
    else:
        names = ", ".join(_quote(c) for c in row)
        marks = ", ".join("?" for _ in row)
        conn.execute(f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})", list(row.values()))


def delete_row(conn: sqlite3.Connection, table: str, key: Row) -> None:
    """Delete the row of ``table`` with primary key ``key``."""
    where = " AND ".join(f"{_quote(c)} = ?" for c in key)
    conn.execute(f"DELETE FROM {_quote(table)} WHERE {where}", tuple(key.values()))


@dataclass(frozen=True, slots=True)
class Change:
    """One row as it was before an action and after it (None: absent)."""

    table: str
    key: Row
    before: Row | None
    after: Row | None

    def inverse(self) -> Change:
        """The change that undoes this one."""
        return Change(self.table, self.key, self.after, self.before)


@dataclass(frozen=True, slots=True)
class Event:
    """One user action in the log."""

    seq: int
    at: str
    annotator: str
    label: str
    article_id: str | None
    changes: tuple[Change, ...]
    state: str

    def applied(self, undone: bool = False) -> tuple[Change, ...]:
        """The rows as the action (or, if ``undone``, its undo) changed them, in writing order.

        See `annotator.store.changes` for the same in the domain's terms.
        """
        if not undone:
            return self.changes
        return tuple(c.inverse() for c in reversed(self.changes))


STAMP = "updated_at"
"""The column that says when a row was last written: not part of what the row says."""


def _unstamped(row: Row) -> Row:
    return {name: value for name, value in row.items() if name != STAMP}


class Recorder:
    """Writes rows for one action and remembers what each looked like before."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.changes: list[Change] = []

    def put(self, table: str, row: Row) -> None:
        """Insert or update a whole row."""
        key = {c: row[c] for c in UNDO_KEYS[table]}
        before = fetch_row(self.conn, table, key)
        if before is not None and _unstamped(before) == _unstamped(row):
            return  # the same values again: not a change, whatever the time
        write_row(self.conn, table, row, exists=before is not None)
        self.changes.append(Change(table, key, before, fetch_row(self.conn, table, key)))

    def insert(self, table: str, rows: Sequence[Row]) -> None:
        """Insert new rows of one table, all with the same columns, in one statement.

        For rows whose keys are new (fresh ids): a key already there fails
        the action instead of being replaced. Each row as it was written comes
        back from the same statement (``RETURNING``), so nothing is read
        before or after it, as `put` does.
        """
        if not rows:
            return
        columns = list(rows[0])
        one = "(" + ", ".join("?" * len(columns)) + ")"
        names = ", ".join(_quote(c) for c in columns)
        cursor = self.conn.execute(
            f"INSERT INTO {_quote(table)} ({names}) VALUES {', '.join([one] * len(rows))}"
            " RETURNING *",
            [row[c] for row in rows for c in columns],
        )
        described = [d[0] for d in cursor.description]
        pk = UNDO_KEYS[table]
        written = {}
        for values in cursor.fetchall():  # in no promised order: matched by key
            after = dict(zip(described, values, strict=True))
            written[tuple(after[c] for c in pk)] = after
        for row in rows:
            key = {c: row[c] for c in pk}
            self.changes.append(Change(table, key, None, written[tuple(key.values())]))

    def delete(self, table: str, key: Row) -> None:
        """Delete a row if it exists."""
        before = fetch_row(self.conn, table, key)
        if before is None:
            return
        delete_row(self.conn, table, key)
        self.changes.append(Change(table, key, before, None))


def _encode(changes: list[Change]) -> str:
    return json.dumps([[c.table, c.key, c.before, c.after] for c in changes], ensure_ascii=False)


def _decode(text: str) -> tuple[Change, ...]:
    return tuple(Change(t, k, b, a) for t, k, b, a in json.loads(text))


def _event(row: sqlite3.Row | tuple[Any, ...]) -> Event:
    seq, at, annotator, label, article_id, changes, state = row
    return Event(seq, at, annotator, label, article_id, _decode(changes), state)


_EVENT_COLUMNS = "seq, at, annotator, label, article_id, changes, state"


class EventLog:
    """Appends actions and undoes or redoes them; callers own the transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def append(
        self, annotator: str, label: str, article_id: str | None, changes: list[Change]
    ) -> Event:
        """Log an action and return its entry; a new action drops the annotator's redo history."""
        self.conn.execute(
            "UPDATE events SET state = 'dropped' WHERE annotator = ? AND state = 'undone'",
            (annotator,),
        )
        at = now()
        cursor = self.conn.execute(
            "INSERT INTO events (at, annotator, label, article_id, changes, state) "
            "VALUES (?, ?, ?, ?, ?, 'done')",
            (at, annotator, label, article_id, _encode(changes)),
        )
        seq = cursor.lastrowid
        assert seq is not None
        return Event(seq, at, annotator, label, article_id, tuple(changes), "done")

    def next_undo(self, annotator: str) -> Event | None:
        """The action ``annotator`` would undo next."""
        found = self.conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE annotator = ? AND state = 'done' "
            "ORDER BY seq DESC LIMIT 1",
            (annotator,),
        ).fetchone()
        return _event(found) if found else None

    def next_redo(self, annotator: str) -> Event | None:
        """The action ``annotator`` would redo next."""
        found = self.conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE annotator = ? AND state = 'undone' "
            "ORDER BY seq ASC LIMIT 1",
            (annotator,),
        ).fetchone()
        return _event(found) if found else None

    def history(self, annotator: str, limit: int = 100) -> list[Event]:
        """The annotator's most recent done and undone actions, newest first."""
        rows = self.conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE annotator = ? "
            "AND state IN ('done', 'undone') ORDER BY seq DESC LIMIT ?",
            (annotator, limit),
        ).fetchall()
        return [_event(r) for r in rows]

    def undo(self, event: Event) -> None:
        """Write back the rows as they were before ``event``."""
        for change in reversed(event.changes):
            self._restore(event, change, expect=change.after, target=change.before)
        self.conn.execute("UPDATE events SET state = 'undone' WHERE seq = ?", (event.seq,))

    def redo(self, event: Event) -> None:
        """Write the rows as ``event`` left them."""
        for change in event.changes:
            self._restore(event, change, expect=change.before, target=change.after)
        self.conn.execute("UPDATE events SET state = 'done' WHERE seq = ?", (event.seq,))

    def _restore(
        self, event: Event, change: Change, expect: Row | None, target: Row | None
    ) -> None:
        current = fetch_row(self.conn, change.table, change.key)
        if current != expect:
            raise UndoConflictError(
                f"cannot undo or redo {quoted(event.label)}: "
                f"the {ROW_NAMES[change.table]} it changed was changed since "
                "(by an import or merge)"
            )
        if target is None:
            delete_row(self.conn, change.table, change.key)
        else:
            write_row(self.conn, change.table, target, exists=current is not None)
