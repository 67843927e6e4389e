"""What a laptop copy of a team hub records in its project file, and the writes of a sync.

A laptop copy (`annotator.hub.sync`) is a project file like any other, with
one more setting (key `HUB_KEY`): the hub's connection string (never a
password), the annotator, the copy's id and the highest change number of the
hub it has seen. The fingerprints of its rows as last synced are kept like a
work package's (table ``merge_base``, under the copy's id), so a sync can tell
what changed on the laptop since.

`CopyWriter` writes what a sync pulled, in one transaction with the new
record and fingerprints: a sync cut before its commit leaves the file as it was.

What changed since the last sync is logged as it is written: triggers on
every table a sync compares (`track_changes`, installed when the copy is made
or first synced) note each row written, inserted or deleted in
``hub_changes``, whoever writes it (an action, its undo or redo, a schema
update, the sync itself). A sync reads only those rows and their
fingerprints (`changed_keys`, `rows_of`, `base_of`), updates the fingerprints
of the rows it sent and wrote (`CopyWriter.finish_changes`) and empties the
log in the same transaction. A copy without the triggers (made before the
log, or a table rebuilt since) is compared whole, once, and then tracked.

`counting_reads` counts the rows those reads go through, for tests and
benchmarks.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from annotator.core.errors import ProjectError
from annotator.store.fingerprints import TRACKED, Row, digest, key_text, row_key
from annotator.store.merging import MergeWriter
from annotator.store.package_rows import rows as table_rows
from annotator.store.package_rows import rows_by_key
from annotator.store.packages import Key, read_base
from annotator.store.reader import chunks

if TYPE_CHECKING:
    from annotator.store.project import Project

_R = TypeVar("_R")

HUB_KEY = "hub"
"""The settings (``meta``) key under which a laptop copy records its hub."""
LEAD_KEY = "hub_lead"
"""The settings key under which a lead's full copy records its hub (`annotator.hub.lead`)."""


def hub_record(project: Project, key: str = HUB_KEY) -> str | None:
    """The hub record of a project file (JSON as written), or None if it is no laptop copy.

    ``key``: `LEAD_KEY` for the record of a lead's full copy.
    """
    found = project.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    if found is None:
        return None
    value = found[0]
    return value if isinstance(value, str) else None


def read_hub_record(project: Project, key: str, make: Callable[..., _R], remedy: str) -> _R | None:
    """The hub record under ``key`` made into a ``make`` (a record class); None if there is none.

    Raises:
        ProjectError: the record is damaged (the message ends with ``remedy``).
    """
    text = hub_record(project, key)
    if text is None:
        return None
    try:
        return make(**json.loads(text))
    except (json.JSONDecodeError, TypeError, ValueError):
        raise ProjectError(
            f"{project.path.name}: its record of the team hub is damaged; {remedy}"
        ) from None


def schema_steps(project: Project) -> list[tuple[str, str, str, int]]:
    """Each update of the project's label schema, oldest first.

    ``(fingerprint, previous fingerprint, schema source, labels rewritten)``.
    """
    rows = project.conn.execute(
        "SELECT fingerprint, previous_fingerprint, schema, labels FROM schema_changes"
        " ORDER BY revision"
    )
    return [(str(f), str(p), str(s), int(n or 0)) for f, p, s, n in rows]


@dataclass
class ReadCount:
    """Rows of a copy read by a sync's reads here while counting (`counting_reads`)."""

    rows: int = 0


_counts: list[ReadCount] = []


@contextmanager
def counting_reads() -> Iterator[ReadCount]:
    """Count the rows the reads of this module fetch (rows, log entries, fingerprints)."""
    count = ReadCount()
    _counts.append(count)
    try:
        yield count
    finally:
        _counts.remove(count)


def _read(rows: int) -> None:
    for count in _counts:
        count.rows += rows


def fingerprints(project: Project) -> dict[Key, str]:
    """The fingerprint of every row a sync compares: ``(table, key) -> digest``."""
    found = {
        (table, row_key(table, row)): digest(table, row)
        for table in TRACKED
        for row in table_rows(project, table)
    }
    _read(len(found))
    return found


def all_rows(project: Project, table: str) -> Iterator[Row]:
    """Every row of a compared table, as `annotator.store.package_rows.rows` gives them."""
    for row in table_rows(project, table):
        _read(1)
        yield row


def full_base(project: Project, copy_id: str) -> dict[Key, str]:
    """Every fingerprint of the copy's rows as last synced: ``(table, key) -> digest``."""
    found = read_base(project, copy_id)
    _read(len(found))
    return found


# -- the log of the rows written since the last sync -------------------------------------------

CHANGES = "hub_changes"
"""The table of the log (made by migration 13, filled only in a laptop copy)."""


def _key_sql(table: str, which: str) -> tuple[str, str]:
    """SQL of a row's ``k1`` and ``k2`` in the log, from ``NEW`` or ``OLD`` in a trigger."""
    columns = TRACKED[table][0]
    first = f"coalesce({which}.\"{columns[0]}\", '')"
    second = f"coalesce({which}.\"{columns[1]}\", '')" if len(columns) > 1 else "''"
    return first, second


def _note(table: str, which: str) -> str:
    first, second = _key_sql(table, which)
    return (
        f"DELETE FROM {CHANGES} WHERE tbl = '{table}' AND k1 = {first} AND k2 = {second};"
        f" INSERT INTO {CHANGES} (tbl, k1, k2) VALUES ('{table}', {first}, {second});"
    )


def _triggers() -> dict[str, str]:
    """Name -> SQL of the triggers that log every write of a compared table."""
    made = {}
    for table in TRACKED:
        for event, notes in (
            ("insert", ("NEW",)),
            ("update", ("OLD", "NEW")),
            ("delete", ("OLD",)),
        ):
            name = f"{CHANGES}_{table}_{event}"
            body = " ".join(_note(table, which) for which in notes)
            made[name] = (
                f'CREATE TRIGGER IF NOT EXISTS {name} AFTER {event.upper()} ON "{table}"'
                f" BEGIN {body} END"
            )
    return made


TRIGGERS = _triggers()


def tracking(project: Project) -> bool:
    """True when every write of the rows a sync compares is logged (the triggers are there)."""
    marks = ", ".join("?" * len(TRIGGERS))
    (found,) = project.conn.execute(
        f"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
        list(TRIGGERS),
    ).fetchone()
    return bool(found == len(TRIGGERS))


def track_changes(project: Project) -> None:
    """Log every write of the rows a sync compares from now on (within the caller's transaction)."""
    for sql in TRIGGERS.values():
        project.conn.execute(sql)


def _values(table: str, first: str, second: str) -> tuple[str, ...]:
    return (first,) if len(TRACKED[table][0]) == 1 else (first, second)


def changed_keys(project: Project) -> tuple[int, list[tuple[str, tuple[str, ...]]]]:
    """The log: its last number, and ``(table, key values)`` of each row in it, oldest first."""
    logged = project.conn.execute(f"SELECT n, tbl, k1, k2 FROM {CHANGES} ORDER BY n").fetchall()
    _read(len(logged))
    last = int(logged[-1][0]) if logged else last_change(project)
    return last, [(t, _values(t, a, b)) for _, t, a, b in logged if t in TRACKED]


def last_change(project: Project) -> int:
    """The number of the last write logged (0: none since the log was emptied)."""
    (last,) = project.conn.execute(f"SELECT coalesce(max(n), 0) FROM {CHANGES}").fetchone()
    return int(last)


def keys_since(project: Project, mark: int) -> set[Key]:
    """The rows written after the log's number ``mark``: ``(table, key)``."""
    found = project.conn.execute(
        f"SELECT tbl, k1, k2 FROM {CHANGES} WHERE n > ?", (mark,)
    ).fetchall()
    _read(len(found))
    return {(t, key_text(_values(t, a, b))) for t, a, b in found if t in TRACKED}


def rows_of(
    project: Project, table: str, keys: Sequence[tuple[Any, ...]]
) -> dict[tuple[Any, ...], Row]:
    """The rows of ``table`` with these keys, as they are now (keys not there left out)."""
    found = rows_by_key(project, table, keys)
    _read(len(found))
    return found


def base_of(project: Project, copy_id: str, table: str, keys: Sequence[str]) -> dict[str, str]:
    """The fingerprints as last synced of these rows of ``table`` (`row_key` texts): key -> digest."""
    found: dict[str, str] = {}
    for part in chunks(list(dict.fromkeys(keys))):
        marks = ",".join("?" * len(part))
        found.update(
            project.conn.execute(
                f"SELECT key, digest FROM merge_base WHERE package_id = ? AND tbl = ?"
                f" AND key IN ({marks})",
                (copy_id, table, *part),
            ).fetchall()
        )
    _read(len(found))
    return found


def current_digests(project: Project, keys: Iterable[Key]) -> dict[Key, str | None]:
    """The fingerprint of each of these rows as it is now (None: not there)."""
    by_table: dict[str, list[tuple[Any, ...]]] = {}
    for table, key in keys:
        by_table.setdefault(table, []).append(tuple(json.loads(key)))
    found: dict[Key, str | None] = {}
    for table, values in by_table.items():
        rows = rows_of(project, table, values)
        for value in values:
            row = rows.get(value)
            found[table, key_text(list(value))] = None if row is None else digest(table, row)
    return found


def update_base(project: Project, copy_id: str, entries: dict[Key, str | None]) -> None:
    """Set (or, for None, remove) these fingerprints of the copy's base (caller's transaction)."""
    project.conn.executemany(
        "DELETE FROM merge_base WHERE package_id = ? AND tbl = ? AND key = ?",
        [(copy_id, t, k) for (t, k), d in entries.items() if d is None],
    )
    project.conn.executemany(
        "INSERT INTO merge_base (package_id, tbl, key, digest) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (package_id, tbl, key) DO UPDATE SET digest = excluded.digest",
        [(copy_id, t, k, d) for (t, k), d in entries.items() if d is not None],
    )


def forget_changes(project: Project, keep: Iterable[Key] = ()) -> None:
    """Empty the log but for the rows ``keep`` (within the caller's transaction)."""
    project.conn.execute(f"DELETE FROM {CHANGES}")
    project.conn.executemany(
        f"INSERT INTO {CHANGES} (tbl, k1, k2) VALUES (?, ?, ?)",
        [(t, *_padded(json.loads(k))) for t, k in keep],
    )


def share_keys(project: Project, annotator: str) -> dict[str, set[tuple[Any, ...]]]:
    """The keys of the rows of an annotator's share in a copy, by table.

    Aliases (all) and the annotator's assignments and links by their keys; the
    annotator's mentions, claims and statuses as their key followed by their
    article: ``(key..., article id)``.
    """
    conn = project.conn
    found: dict[str, set[tuple[Any, ...]]] = {
        "actor_aliases": set(conn.execute("SELECT actor_id, alias FROM actor_aliases")),
        "assignments": set(
            conn.execute(
                "SELECT article_id, annotator FROM assignments WHERE annotator = ?", (annotator,)
            )
        ),
        "claim_links": set(
            conn.execute(
                "SELECT claim_a, claim_b FROM claim_links WHERE annotator = ?", (annotator,)
            )
        ),
    }
    for table in ("mentions", "claims"):
        sql = f"SELECT id, article_id FROM {table} WHERE annotator = ?"
        found[table] = set(conn.execute(sql, (annotator,)))
    found["statuses"] = set(
        conn.execute(
            "SELECT article_id, annotator, article_id FROM statuses WHERE annotator = ?",
            (annotator,),
        )
    )
    _read(sum(len(keys) for keys in found.values()))
    return found


def _padded(values: list[Any]) -> tuple[Any, Any]:
    return (values[0], values[1] if len(values) > 1 else "")


class CopyWriter(MergeWriter):
    """The writes of one sync (or join) into a laptop copy, in one transaction."""

    def __enter__(self) -> CopyWriter:
        super().__enter__()
        return self

    def put_assignments(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add assignments ``(article id, annotator)`` (after what is queued: the articles)."""
        self.flush()
        self.conn.executemany(
            "INSERT INTO assignments (article_id, annotator) VALUES (?, ?)"
            " ON CONFLICT (article_id, annotator) DO NOTHING",
            list(pairs),
        )

    def delete_assignment(self, article_id: str, annotator: str) -> None:
        """Remove an assignment (the article and its labels stay)."""
        self.conn.execute(
            "DELETE FROM assignments WHERE article_id = ? AND annotator = ?",
            (article_id, annotator),
        )

    def delete_any(self, table: str, key: dict[str, Any]) -> None:
        """Delete a row of a tracked table by its key, with what depends on it.

        An actor is deleted only when the hub knows it by another id (the sync has
        written its labels referring to that one first); its aliases go with it.
        """
        if table == "claims":
            self.delete_claim(key["id"])
        elif table == "mentions":
            self.delete_mention(key["id"])
        elif table == "actors":  # one the hub knows by another id: its labels were moved
            self.conn.execute("DELETE FROM actor_aliases WHERE actor_id = ?", (key["id"],))
            self.delete(table, key)
        else:
            self.delete(table, key)

    def record(self, key: str, record: str) -> None:
        """Write a hub record under ``key`` (`LEAD_KEY` for a lead's full copy)."""
        self.flush()
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, record),
        )

    def finish(
        self,
        record: str,
        copy_id: str,
        base: dict[Key, str] | None = None,
        keep: Iterable[Key] = (),
    ) -> None:
        """Write the copy's record and the fingerprints of all its rows as synced.

        ``base``: those fingerprints, when not all rows are as they are now (rows
        edited while the sync was on its way keep the fingerprint it sent).
        From then on writes are logged (`track_changes`); the log starts with
        the rows ``keep`` (those edited meanwhile).
        """
        self.record(HUB_KEY, record)
        new = fingerprints(self.project) if base is None else base
        old = full_base(self.project, copy_id)
        entries: dict[Key, str | None] = {k: None for k in old if k not in new}
        entries.update((k, d) for k, d in new.items() if old.get(k) != d)
        update_base(self.project, copy_id, entries)
        track_changes(self.project)
        forget_changes(self.project, keep)

    def finish_changes(
        self, record: str, copy_id: str, entries: dict[Key, str | None], keep: Iterable[Key]
    ) -> None:
        """Write the copy's record, these fingerprints of its base, and empty the log.

        ``entries``: the fingerprints of the rows sent or written (None: gone);
        ``keep``: the rows edited while the sync was on its way, left in the log.
        """
        self.record(HUB_KEY, record)
        update_base(self.project, copy_id, entries)
        forget_changes(self.project, keep)
