"""A lead's full copy of the hub: every article, actor, assignment, label and status.

``annotator hub pull DSN -o LEAD.claims`` writes a project file holding all of
the hub, so that what reads a project works on it as on the lead's own:
``annotator agreement``, adjudication in the app, ``annotator export`` and
``annotator dataset build``. ``--since`` pulls into that copy what changed on
the hub after its last pull (rows with a higher change number, and deletions).

Rows stream: each table is read through a server-side cursor (psycopg's named
cursor) in batches of `BATCH` rows and written to the file batch by batch, so
a large hub never sits in memory. The rows are read in one REPEATABLE READ
transaction whose snapshot is taken while the hub's lock is held shared: no
write can be half in it, and the change number read with it is the copy's.
The lock is let go at once, so syncs go on while the copy streams.

Only a lead may take a full copy, and the server says so, not this code: the
pull first records itself in ``lead_copies``, a table only the lead role is
granted (hub version 2); any other role is refused there, before a row is read.

The copy records its hub under its own key (`LEAD_KEY`), not as a laptop copy:
it is never synced, and what the lead changes in it (gold labels of an
adjudication) stays in it. A ``--since`` pull writes the hub's version of any
row the hub changed since.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectError
from annotator.hub.connect import (
    HubError,
    check_version,
    connect,
    driver,
    first_line,
    where,
    without_password,
)
from annotator.hub.schema import COLUMNS, KEYS, LOCK_KEY, SCHEMA, TRIMMED_KEY, select_list
from annotator.store import database
from annotator.store.events import now
from annotator.store.hub_copy import HUB_KEY, LEAD_KEY, CopyWriter, hub_record, read_hub_record
from annotator.store.lock import lock_path
from annotator.store.project import Project

BATCH = 2000
"""Rows fetched from the server and written to the file at a time."""
ORDER = (
    "articles",
    "actors",
    "actor_aliases",
    "assignments",
    "mentions",
    "claims",
    "claim_links",
    "statuses",
)
"""Tables pulled, parents before children."""
LOCK_TIMEOUT = 120
"""Seconds a pull waits for the hub's lock (a sync in flight) before saying it is busy."""


@dataclass
class LeadCopy:
    """What a lead's full copy records about its hub."""

    dsn: str
    copy_id: str
    project_id: str
    last_seq: int = 0
    last_pull: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)


def lead_copy(project: Project) -> LeadCopy | None:
    """The record of a lead's full copy; None for any other project file.

    Raises:
        ProjectError: the record is damaged.
    """
    return read_hub_record(project, LEAD_KEY, LeadCopy, "pull a new copy (annotator hub pull)")


@dataclass
class PullReport:
    """What a lead's pull wrote."""

    path: Path
    since: int | None
    rows: dict[str, int] = field(default_factory=dict)
    deleted: int = 0
    kept: int = 0
    """Article deletions not applied (an article stays in a copy once there)."""

    def summary(self) -> str:
        r = self.rows
        labels = sum(r.get(t, 0) for t in ("mentions", "claims", "claim_links"))
        what = (
            f"{r.get('articles', 0)} articles, {r.get('actors', 0)} actors,"
            f" {r.get('assignments', 0)} assignments, {labels} labels and"
            f" {r.get('statuses', 0)} statuses"
        )
        if self.since is None:
            return f"pulled the whole hub into {self.path}: {what}"
        text = f"pulled the hub's changes into {self.path.name}: {what}"
        if self.deleted:
            text += f"; {self.deleted} deletion{'s' * (self.deleted != 1)}"
        return text


def pull_copy(dsn: str, target: Path | str) -> PullReport:
    """Write a lead's full copy of the hub at ``target`` (a new file).

    Raises:
        HubError: unreachable, no hub, or the login is not a lead's (refused by the server).
        ProjectError: ``target`` exists.
    """
    target = Path(target)
    if target.exists():
        raise ProjectError(
            f"{target} already exists; choose another name, or bring it up to date with --since"
        )
    partial = target.with_name(target.name + ".partial")
    _remove(partial)
    report = PullReport(target, None)
    try:
        with _snapshot(dsn) as (cursor_of, meta, seq, copy_id):
            database.create_file(partial, meta["schema"], project_id=meta["project_id"])
            record = LeadCopy(without_password(dsn), copy_id, meta["project_id"], seq, now())
            with (
                Project.open(partial) as project,
                CopyWriter(project, doing=f"the copy {target.name}") as writer,
            ):
                _write_tables(writer, cursor_of, None, report)
                writer.record(LEAD_KEY, record.to_json())
        lock_path(partial).unlink(missing_ok=True)
        if target.exists():
            raise ProjectError(f"{target} already exists; choose another name")
        partial.rename(target)
    except BaseException:
        _remove(partial)
        raise
    return report


def pull_since(project: Project, dsn: str | None = None) -> PullReport:
    """Bring a lead's full copy up to date: what changed on the hub since its last pull.

    Raises:
        HubError: unreachable, refused, or the hub holds another project or schema.
        ProjectError: not a lead's copy, or open read-only.
    """
    record = lead_copy(project)
    if record is None:
        what = "a laptop copy" if hub_record(project, HUB_KEY) else "not a copy of a team hub"
        raise ProjectError(
            f"{project.path.name} is {what}; --since brings a lead's copy (annotator hub pull)"
            " up to date"
        )
    if project.read_only:
        raise ProjectError(f"{project.path.name} is open read-only: nothing was pulled")
    reach = dsn or record.dsn
    report = PullReport(project.path, record.last_seq)
    with _snapshot(reach, record.copy_id) as (cursor_of, meta, seq, _):
        if meta["project_id"] != record.project_id:
            raise HubError(
                f"the hub ({where(reach)}) holds another project than {project.path.name};"
                " nothing was pulled"
            )
        if meta.get("schema_fingerprint") != project.schema.fingerprint:
            raise HubError(
                f"the label schema on the hub ({where(reach)}) differs from that of"
                f" {project.path.name}; pull a new copy; nothing was pulled"
            )
        if record.last_seq < int(meta.get(TRIMMED_KEY, 0)):
            raise HubError(
                f"{project.path.name} was last pulled before deletions the hub no longer keeps"
                f" (hub version 3 trims them once every copy has them); pull a new copy;"
                " nothing was pulled"
            )
        done = LeadCopy(**{**asdict(record), "last_seq": seq, "last_pull": now()})
        with CopyWriter(project, doing="the pull") as writer:
            touched = _write_tables(writer, cursor_of, record.last_seq, report)
            _delete(writer, cursor_of, record.last_seq, touched, report)
            writer.record(LEAD_KEY, done.to_json())
    return report


class _Cursors:
    """Named (server-side) cursors on the pull's transaction, one per query."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.count = 0

    def rows(self, sql: str, params: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
        self.count += 1
        with self.connection.cursor(name=f"claim_pull_{self.count}") as cursor:
            cursor.itersize = BATCH
            cursor.execute(sql, params)
            yield from cursor


@contextmanager
def _snapshot(
    dsn: str, copy_id: str | None = None
) -> Iterator[tuple[_Cursors, dict[str, str], int, str]]:
    """A REPEATABLE READ transaction on the hub, its change number, as a lead (see module doc).

    Raises:
        HubError: the login is not a lead's (the server refused it), or no hub or project.
    """
    pg = driver()
    copy_id = copy_id or str(uuid.uuid4())
    with connect(dsn) as connection:
        check_version(connection, dsn)
        connection.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}s'")
        connection.isolation_level = pg.IsolationLevel.REPEATABLE_READ
        # No write is half done while the lock is held shared: the snapshot the transaction's
        # first statement takes holds every change up to the number read, and no other.
        connection.execute("SELECT pg_advisory_lock_shared(%s)", [LOCK_KEY])
        with connection.transaction():
            found = connection.execute(
                f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {SCHEMA}.change_seq"
            ).fetchone()
            seq = 0 if found is None else int(found[0])
            connection.execute("SELECT pg_advisory_unlock_shared(%s)", [LOCK_KEY])
            try:
                with connection.transaction():  # a savepoint: the refusal is told, not raised
                    connection.execute(
                        f"INSERT INTO {SCHEMA}.lead_copies (copy_id, seq) VALUES (%s, %s)"
                        " ON CONFLICT (copy_id) DO UPDATE SET seq = excluded.seq,"
                        " pulled_at = now(), role = session_user",
                        [copy_id, seq],
                    )
            except pg.errors.InsufficientPrivilege as exc:
                raise HubError(
                    f"the hub ({where(dsn)}) refused a full copy to your login"
                    f" ({first_line(exc)}): a full copy is for leads (annotator hub grant"
                    " --lead); an annotator makes their copy with annotator hub join"
                ) from None
            meta = dict(connection.execute(f"SELECT key, value FROM {SCHEMA}.meta").fetchall())
            if "project_id" not in meta:
                raise HubError(f"the hub ({where(dsn)}) holds no project yet (hub init)")
            yield _Cursors(connection), meta, seq, copy_id


def _write_tables(
    writer: CopyWriter, cursors: _Cursors, since: int | None, report: PullReport
) -> set[tuple[str, tuple[Any, ...]]]:
    """Stream every table's rows (changed after ``since``, if given) into the copy.

    Returns the keys written, when ``since`` is given (deletions of them are stale).
    """
    touched: set[tuple[str, tuple[Any, ...]]] = set()
    where_seq = "" if since is None else " WHERE seq > %(since)s"
    for table in ORDER:
        count = 0
        sql = f"SELECT {select_list(table)} FROM {SCHEMA}.{table}{where_seq}"
        pairs: list[tuple[str, str]] = []
        for values in cursors.rows(sql, {"since": since}):
            count += 1
            row = dict(zip(COLUMNS[table], values, strict=True))
            if since is not None:
                touched.add((table, tuple(row[c] for c in KEYS[table])))
            if table == "assignments":
                pairs.append((row["article_id"], row["annotator"]))
                if len(pairs) >= BATCH:
                    writer.put_assignments(pairs)
                    pairs = []
                continue
            writer.put_row(table, row)
            if count % BATCH == 0:
                writer.flush()
        if pairs:
            writer.put_assignments(pairs)
        writer.flush()
        report.rows[table] = count
    return touched


def _delete(
    writer: CopyWriter,
    cursors: _Cursors,
    since: int,
    touched: set[tuple[str, tuple[Any, ...]]],
    report: PullReport,
) -> None:
    """Apply the hub's deletions after ``since``, children first (the newest last)."""
    found = list(
        cursors.rows(
            f"SELECT tbl, k1, k2 FROM {SCHEMA}.deletions WHERE seq > %(since)s ORDER BY seq",
            {"since": since},
        )
    )
    for table, first, second in reversed(found):
        values = (first,) if second is None else (first, second)
        if table not in KEYS or (table, values) in touched:
            continue  # written again after it was deleted
        touched.add((table, values))  # once
        if table == "articles":
            report.kept += 1
            continue
        if table == "assignments":
            writer.delete_assignment(first, second)
        else:
            writer.delete_any(table, dict(zip(KEYS[table], values, strict=True)))
        report.deleted += 1


def _remove(path: Path) -> None:
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    lock_path(path).unlink(missing_ok=True)


__all__ = ["LeadCopy", "PullReport", "lead_copy", "pull_copy", "pull_since"]
