"""What a schema update rewrites besides the labels: the undo log, kept conflicts, merge bases.

A schema update (`annotator.store.schema_changes`) gives the labels of
renamed and mapped values their new value. The same values live on in other
records of the file, and `Rewrite` rewrites them there, in the update's
transaction:

- the rows of the undo log (`rewrite_log`), so an undo never brings back a
  value the schema no longer has (a value removed only there becomes "not set");
- the package rows kept with merge conflicts (`rewrite_conflicts`), so they
  hold values of the schema they will be compared and shown with;
- the fingerprints of the merge bases (`rewrite_bases`; see
  `annotator.store.fingerprints`): a base row that held a renamed value is
  fingerprinted again as rewritten, so a package updated with the same file
  still compares with it. A fingerprint cannot be read back, so the row it was
  made of is looked for among the versions of that row the file knows: the
  row as it is, the package's version kept with a conflict, and every version
  the undo log holds (a package's log has its annotator's edits, each with the
  row as it was before, so the row as packaged). A base whose row is not
  found stays as it was: a merge then reports that row as changed on both
  sides (a conflict, kept), never as unchanged.

Which column holds which field is read from `annotator.store.rows` (the row
of a probe claim and actor), so there is one place that names the columns.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from annotator.core.model import Actor, Attribution, Claim
from annotator.core.schema_diff import SchemaPlan
from annotator.store.fingerprints import digest, row_key
from annotator.store.rows import actor_row, claim_row, dumps, loads

Row = dict[str, Any]


def _probe_columns() -> tuple[dict[str, str], str]:
    """Claim field -> ``claims`` column, and the ``actors`` column of ``actor_type``."""
    claim = Claim(
        "", "", "", 0, 0,
        stance="stance", category="category", certainty="certainty", checkworthy="checkworthy",
        attribution=Attribution("attribution_type", None, None, "source_kind"),
    )  # fmt: skip
    fields = {"stance", "category", "certainty", "checkworthy", "attribution_type", "source_kind"}
    columns = {v: c for c, v in claim_row(claim, "").items() if v in fields}
    [actor_column] = [c for c, v in actor_row(Actor("", "", "actor_type"), None, "").items() if v]
    return columns, actor_column


CLAIM_COLUMNS, ACTOR_TYPE_COLUMN = _probe_columns()
"""Where each vocabulary field is stored; extra fields live in ``claims.extra`` (JSON)."""
EXTRA_COLUMN = "extra"
TABLES = ("claims", "actors")
"""The tables whose rows hold vocabulary values."""


@dataclass(frozen=True, slots=True)
class Rewrite:
    """The values an update rewrites: field -> old id -> new id (None: not set).

    ``removed`` values become None too (no label holds them, else the update is
    refused, but other records may); the ``dropped`` extra fields go.
    """

    rewrites: dict[str, dict[str, str | None]]
    removed: dict[str, tuple[str, ...]]
    dropped: frozenset[str]

    @classmethod
    def of(cls, plan: SchemaPlan) -> Rewrite:
        """What ``plan`` rewrites."""
        dropped = frozenset(f.field for f in plan.fields if f.status == "removed")
        return cls(plan.rewrites(), plan.removed(), dropped)

    def __bool__(self) -> bool:
        return bool(self.rewrites or self.removed or self.dropped)

    def value(self, field: str, value: Any) -> Any:
        """The new value of ``value`` of ``field``."""
        if value in self.rewrites.get(field, {}):
            return self.rewrites[field][value]
        if value in self.removed.get(field, ()):
            return None
        return value

    def extra(self, extra: str | None, labels: bool = False) -> str | None:
        """A claim's ``extra`` JSON rewritten; dropped fields and values set to None left out.

        ``labels``: the claims' own column, where no value the update removes
        can be (the update is refused), so only renamed and mapped values change.
        """
        if not extra:
            return extra
        values = loads(extra)
        rewrite = Rewrite(self.rewrites, {}, self.dropped) if labels else self
        changed = {
            name: rewrite.value(name, value)
            for name, value in values.items()
            if name not in self.dropped
        }
        if changed == values:
            return extra
        kept = {name: value for name, value in changed.items() if value is not None}
        return dumps(kept) if kept else None

    def row(self, table: str, row: Row | None) -> Row | None:
        """A row of ``table`` (as the log or a conflict keeps it) with its values rewritten."""
        if row is None:
            return None
        if table == "actors" and ACTOR_TYPE_COLUMN in row:
            return {**row, ACTOR_TYPE_COLUMN: self.value("actor_type", row[ACTOR_TYPE_COLUMN])}
        if table != "claims":
            return row
        new = dict(row)
        for field, column in CLAIM_COLUMNS.items():
            if column in new:
                new[column] = self.value(field, new[column])
        if new.get(EXTRA_COLUMN):
            new[EXTRA_COLUMN] = self.extra(new[EXTRA_COLUMN])
        return new


def rewrite_log(conn: sqlite3.Connection, rewrite: Rewrite) -> None:
    """Rewrite the values in the rows the undo log keeps."""
    for seq, changes in _logged(conn):
        rewritten = [
            [table, key, rewrite.row(table, before), rewrite.row(table, after)]
            for table, key, before, after in changes
        ]
        if rewritten != changes:
            encoded = json.dumps(rewritten, ensure_ascii=False)  # as `events` writes it
            conn.execute("UPDATE events SET changes = ? WHERE seq = ?", (encoded, seq))


def rewrite_conflicts(conn: sqlite3.Connection, rewrite: Rewrite) -> None:
    """Rewrite the values in the package rows kept with merge conflicts."""
    for rowid, table, row in _conflict_rows(conn):
        rewritten = rewrite.row(table, row)
        if rewritten != row:
            encoded = json.dumps(rewritten, ensure_ascii=False)  # as a merge writes it
            conn.execute(
                "UPDATE merge_conflicts SET package_row = ? WHERE rowid = ?", (encoded, rowid)
            )


def rewrite_bases(conn: sqlite3.Connection, rewrite: Rewrite) -> int:
    """Fingerprint again the merge base rows that held a rewritten value; how many changed.

    Call it before the labels, log and conflicts are rewritten: it reads the
    rows as they were (see the module's docs).
    """
    placeholders = ", ".join("?" * len(TABLES))
    entries = conn.execute(
        f"SELECT package_id, tbl, key, digest FROM merge_base WHERE tbl IN ({placeholders})",
        TABLES,
    ).fetchall()
    wanted = {(table, key) for _, table, key, _ in entries}
    if not wanted:
        return 0
    again: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    """(table, key) -> fingerprint of a version of the row -> that of the version rewritten."""
    for table, row in _versions(conn):
        try:
            key, before = row_key(table, row), digest(table, row)
        except KeyError:  # a row logged before a column was added: never a base
            continue
        if (table, key) in wanted:
            after = digest(table, rewrite.row(table, row) or row)
            if after != before:
                again[table, key][before] = after
    changed = [
        (again[table, key][old], package_id, table, key)
        for package_id, table, key, old in entries
        if old in again.get((table, key), {})
    ]
    conn.executemany(
        "UPDATE merge_base SET digest = ? WHERE package_id = ? AND tbl = ? AND key = ?", changed
    )
    return len(changed)


def _versions(conn: sqlite3.Connection) -> Iterator[tuple[str, Row]]:
    """Every version of a claim or actor the file knows: as it is, kept with a conflict, logged."""
    for table in TABLES:
        cursor = conn.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cursor.description]
        for values in cursor:
            yield table, dict(zip(names, values, strict=True))
    for _, table, row in _conflict_rows(conn):
        yield table, row
    for _, changes in _logged(conn):
        for table, _, before, after in changes:
            if table in TABLES:
                yield from ((table, row) for row in (before, after) if row is not None)


def _logged(conn: sqlite3.Connection) -> Iterator[tuple[int, list[list[Any]]]]:
    """``(seq, changes)`` of the log entries that touch claims or actors."""
    logged = conn.execute(
        "SELECT seq, changes FROM events"
        " WHERE changes LIKE '%\"claims\"%' OR changes LIKE '%\"actors\"%'"
    ).fetchall()
    for seq, text in logged:
        yield seq, json.loads(text)


def _conflict_rows(conn: sqlite3.Connection) -> Iterator[tuple[int, str, Row]]:
    """``(rowid, table, package row)`` of the kept conflicts of claims and actors."""
    placeholders = ", ".join("?" * len(TABLES))
    kept = conn.execute(
        f"SELECT rowid, tbl, package_row FROM merge_conflicts WHERE tbl IN ({placeholders})"
        " AND package_row IS NOT NULL",
        TABLES,
    ).fetchall()
    for rowid, table, text in kept:
        row = json.loads(text)
        if isinstance(row, dict):
            yield rowid, table, row
