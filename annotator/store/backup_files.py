"""Backup files: where they are, what each holds, and listing and rotating them.

See `annotator.store.backup` for what a backup is ("What a backup is"), how
a change is detected ("Detecting no changes since the last backup", see
`fingerprint`) and which backups rotation keeps ("Rotation").
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import platformdirs

from annotator.core.errors import AnnotatorError, BackupError
from annotator.store import database

log = logging.getLogger(__name__)

APP_NAME = "claim-annotator"  # the same folder as annotator.samples.data_dir
REASONS = (
    "auto",
    "manual",
    "before-migration",
    "before-merge",
    "before-restore",
    "before-schema-change",
)
KEEP_ALL_FOR = timedelta(hours=1)
"""Every ``auto`` backup younger than this is kept (up to `KEEP_RECENT` of them)."""
KEEP_RECENT = 12
"""At most this many ``auto`` backups of the last `KEEP_ALL_FOR` are kept."""
HOURLY_FOR = timedelta(hours=24)
"""The newest ``auto`` backup of each hour younger than this is kept."""
KEEP_DAYS = 14
"""The newest ``auto`` backup of each of this many latest days that have one is kept."""
KEEP_OTHER = 5
"""How many backups of each other reason of one project file are kept."""
FORMAT = 1
_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{6}Z)-([a-z-]+)$")
STAMP = "%Y%m%dT%H%M%S.%fZ"
_COUNTED = ("articles", "actors", "mentions", "claims", "claim_links", "statuses", "assignments")


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup as the listing shows it.

    Attributes:
        path: the backup's ``.claims`` file.
        created: when it was made (UTC).
        reason: one of `REASONS` (or what the file name says).
        source: the project file it was made from, None when not known.
        problem: why it cannot be used; None for a readable backup.
    """

    path: Path
    created: datetime
    reason: str
    source: str | None = None
    project_id: str | None = None
    schema_version: int | None = None
    articles: int | None = None
    actors: int | None = None
    mentions: int | None = None
    claims: int | None = None
    last_event: int | None = None
    fingerprint: str | None = None
    size: int | None = None
    problem: str | None = None

    @property
    def readable(self) -> bool:
        """True when the backup can be restored (as far as the listing can tell)."""
        return self.problem is None

    def sidecar(self) -> dict[str, Any]:
        """The JSON written beside the copy."""
        data = asdict(self)
        del data["path"], data["problem"]
        data["created"] = self.created.isoformat()
        data["format"] = FORMAT
        return data


def backups_root() -> Path:
    """The folder that holds one folder of backups per project id (not created)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "backups"


def backup_folder(project_id: str) -> Path:
    """The folder of one project's backups (not created)."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", project_id).strip(".") or "unnamed"
    return backups_root() / safe


# -- what a project holds ------------------------------------------------------------------


@contextmanager
def reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to ``path`` (never creating it), closed afterwards.

    It leaves no ``-wal`` / ``-shm`` behind (see `database.read_connection`).

    Raises:
        sqlite3.Error: the file cannot be opened.
        ProjectError: the file's ``-wal`` cannot be read here.
    """
    conn = database.read_connection(path)
    try:
        yield conn
    finally:
        conn.close()


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def read_project_id(conn: sqlite3.Connection) -> str:
    found = conn.execute("SELECT value FROM meta WHERE key = 'project_id'").fetchone()
    if found is None:
        raise BackupError("the project's settings are missing its id; it cannot be backed up")
    return str(found[0])


def counts(conn: sqlite3.Connection) -> dict[str, Any]:
    """Row counts of the tables that hold work, the last event id, and their `fingerprint`.

    Tables a file of an older version does not have count as None.
    """
    present = _tables(conn)
    found: dict[str, Any] = {
        table: _value(conn, f'SELECT count(*) FROM "{table}"') if table in present else None
        for table in _COUNTED
    }
    events = "events" in present
    found["last_event"] = _value(conn, "SELECT max(seq) FROM events") if events else None
    found["undone"] = (
        _value(conn, "SELECT count(*) FROM events WHERE state = 'undone'") if events else None
    )
    found["fingerprint"] = fingerprint(found)
    return found


def _value(conn: sqlite3.Connection, sql: str) -> Any:
    """The one value ``sql`` selects; None when a table is not as this version makes it."""
    try:
        return conn.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # e.g. a column a damaged or foreign file lacks
        return None


def shown_counts(found: dict[str, Any]) -> dict[str, Any]:
    """The `BackupInfo` fields that come from a project's `counts`."""
    keys = ("articles", "actors", "mentions", "claims", "last_event", "fingerprint")
    return {key: found[key] for key in keys}


def fingerprint(found: dict[str, Any]) -> str:
    """One string that changes when the work in a project changes (see the module's docs)."""
    keys = (*_COUNTED, "last_event", "undone")
    return ";".join(f"{key}={found.get(key)}" for key in keys)


# -- listing -------------------------------------------------------------------------------


def list_backups(project_id: str) -> list[BackupInfo]:
    """Every backup of a project, newest first; unreadable ones have ``problem`` set.

    Never raises for a damaged backup or sidecar; an unreadable folder lists nothing.
    """
    return _newest_first(_read_folder(backup_folder(project_id)))


def backups_for_file(path: Path) -> list[BackupInfo]:
    """Every backup made from the file ``path``, in any project's folder, newest first.

    Found by the source path each backup's sidecar records, so it works for a
    file that cannot be opened (damaged: its project id may be unreadable).
    Backups whose sidecar is missing or unreadable are not found this way.
    """
    wanted = str(Path(path).resolve())
    try:
        folders = [f for f in backups_root().iterdir() if f.is_dir()]
    except OSError:
        return []
    found = [e for folder in folders for e in _read_folder(folder) if e.source == wanted]
    return _newest_first(found)


def _read_folder(folder: Path) -> list[BackupInfo]:
    """The backups in one folder (an unreadable folder holds none)."""
    try:
        paths = [p for p in folder.iterdir() if p.suffix == ".claims"]
    except OSError:
        return []
    return [read_backup(path) for path in paths]


def _newest_first(entries: list[BackupInfo]) -> list[BackupInfo]:
    return sorted(entries, key=lambda e: (e.created, e.path.name), reverse=True)


def latest_backup(project_id: str, source: Path) -> BackupInfo | None:
    """The newest readable backup made from the file ``source``, or None."""
    wanted = str(source.resolve())
    for entry in list_backups(project_id):
        if entry.readable and entry.source == wanted:
            return entry
    return None


def _from_name(path: Path) -> BackupInfo:
    """What the file name says: time and reason (the file's time when the name is not ours)."""
    match = _NAME.match(path.stem)
    if match:
        created = datetime.strptime(match[1], STAMP).replace(tzinfo=UTC)
        return BackupInfo(path=path, created=created, reason=match[2])
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    return BackupInfo(path=path, created=datetime.fromtimestamp(mtime, UTC), reason="unknown")


def read_backup(path: Path) -> BackupInfo:
    """One backup's details from its sidecar, or from the copy itself when the sidecar is gone.

    Only the file's header and size are checked, so listing stays fast; `restore_backup`
    checks every page before using it.
    """
    entry = _from_name(path)
    try:
        database.check_header(path)
        size = path.stat().st_size
    except (AnnotatorError, OSError) as exc:
        return replace(entry, problem=_without_path(exc, path))
    try:
        data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        fields = {k: data[k] for k in BackupInfo.__dataclass_fields__ if k in data}
        fields["created"] = datetime.fromisoformat(data["created"])
        fields["path"] = path
        entry = BackupInfo(**fields)
    except (OSError, ValueError, KeyError, TypeError):
        return _from_copy(entry, size)
    if entry.size != size:
        return replace(entry, problem=f"incomplete: {size} of {entry.size} bytes")
    return entry


def _from_copy(entry: BackupInfo, size: int) -> BackupInfo:
    """Details read from the backup itself (its sidecar is missing or unreadable)."""
    try:
        with reading(entry.path) as conn:
            found = counts(conn)
            project_id = read_project_id(conn)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except (sqlite3.Error, AnnotatorError) as exc:
        return replace(entry, problem=f"damaged ({short(exc)})")
    return replace(
        entry,
        project_id=project_id,
        schema_version=version,
        **shown_counts(found),
        size=size,
    )


def _without_path(exc: BaseException, path: Path) -> str:
    """A problem with ``path`` said without its path (the listing shows the file apart)."""
    text = str(exc.strerror if isinstance(exc, OSError) and exc.strerror else exc)
    text = text.replace(str(path), "").strip(" :")
    return short(text.removeprefix("is ").removeprefix("was "))


def short(exc: BaseException | str) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 160 else text[:159] + "…"


# -- rotating ------------------------------------------------------------------------------


def rotate(project_id: str, now: datetime | None = None) -> list[Path]:
    """Delete old backups per source file and reason, as the module's docs say.

    Args:
        project_id: whose folder.
        now: the time the ages are counted from (default: now).

    Returns the deleted backup files. A file that cannot be deleted is left (and logged).
    """
    now = now or datetime.now(UTC)
    groups: dict[tuple[str | None, str], list[BackupInfo]] = defaultdict(list)
    for entry in list_backups(project_id):  # newest first
        if entry.readable:
            groups[(entry.source, entry.reason)].append(entry)
    deleted: list[Path] = []
    for (_, reason), entries in groups.items():
        keep = (
            _thinned(entries, now) if reason == "auto" else {e.path for e in entries[:KEEP_OTHER]}
        )
        deleted += [e.path for e in entries if e.path not in keep and _delete(e.path)]
    return deleted


def _delete(path: Path) -> bool:
    """Delete a backup and its sidecar; False (and logged) when it cannot be deleted."""
    try:
        path.unlink()
        path.with_suffix(".json").unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not delete the old backup %s: %s", path, exc)
        return False
    return True


def _thinned(entries: list[BackupInfo], now: datetime) -> set[Path]:
    """The ``auto`` backups (newest first) that rotation keeps at ``now``.

    Hours and days are UTC calendar ones, so which backup stands for an hour
    or a day does not change as time goes on.
    """
    recent = [e for e in entries if now - e.created < KEEP_ALL_FOR]
    keep = {e.path for e in recent[:KEEP_RECENT]}
    hours = _newest_of_each([e for e in entries if now - e.created < HOURLY_FOR], "%Y%m%d%H")
    days = _newest_of_each(entries, "%Y%m%d")
    return keep | {e.path for e in hours} | {e.path for e in days[:KEEP_DAYS]}


def _newest_of_each(entries: list[BackupInfo], bucket: str) -> list[BackupInfo]:
    """The first (newest) entry of each hour or day (``bucket``: its strftime key), in order."""
    seen: dict[str, BackupInfo] = {}
    for entry in entries:
        seen.setdefault(entry.created.astimezone(UTC).strftime(bucket), entry)
    return list(seen.values())


# -- file names ----------------------------------------------------------------------------


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def journal_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]
