"""Rotating backups of project files, made with SQLite's backup API, and restoring them.

Where they go
    ``platformdirs.user_data_dir("claim-annotator") / "backups" / <project id>``.
    The project id is stored in the project file; a project and its work
    packages share it, so each backup also records the path of the file it
    was made from (``source``), and the listing shows it.

What a backup is
    Two files with the same stem, ``<UTC time>-<reason>``, e.g.
    ``20250102T101500.123456Z-auto.claims`` and ``…-auto.json``:

    - the ``.claims`` file is a complete project file (open it with the app or
      the CLI), copied page by page with `sqlite3.Connection.backup` from a
      connection to the project. The copy is one read transaction, so it is
      consistent while the project is in WAL mode and being written to. It is
      switched to the rollback journal so it is one self-contained file;
    - the ``.json`` sidecar holds what the listing shows without opening the
      copy: time, reason, source path, project id, schema version, counts of
      articles, actors, mentions and claims, the last event id, a fingerprint
      (see `fingerprint`) and the copy's size in bytes.

    Both are written as ``….partial`` files and renamed into place, the sidecar
    first, so a ``.claims`` file is only there when complete. A failure (full
    disk, no permission, a folder that is a file) raises `BackupError`, removes
    the partial files and never touches the project. What a crash leaves (partial
    files, a sidecar renamed without its copy) is removed by the next backup into
    the folder once it is `STALE_PARTIAL` old.

Reasons
    ``auto`` (the app, every few minutes while changes happen and when the
    window closes), ``manual`` (``annotator backup``), ``before-migration``
    (`Project.open` before upgrading an older file), ``before-merge``
    (`merge_packages`) and ``before-restore`` (`restore_backup`: restoring the
    backup made just before undoes a restore).

Rotation
    After each backup, per source file, ``auto`` backups are thinned out by age
    (`rotate`): all of the last hour (`KEEP_ALL_FOR`, at most `KEEP_RECENT`),
    then the newest of each hour for the last 24 hours (`HOURLY_FOR`), then the
    newest of each of the 14 latest days that have one (`KEEP_DAYS`: counted in
    days with work, not in calendar days, so the first backup after two weeks
    away does not delete all the older ones); hours and days are UTC. So damage
    copied into the recent backups does not rotate out the copies from before
    it for two weeks of work. Of every other reason the newest `KEEP_OTHER` are
    kept. Unreadable backups are never deleted automatically (what they are is
    not known). A backup of a 100,000-article project is about as large as the
    project (about 2 GB), so the folder can hold up to (12 + 24 + 14 + 4 ×
    KEEP_OTHER) copies per file, far fewer when work stops at night; a backup is
    refused with a clear message when the disk has not room for one more.

Detecting "no changes since the last backup"
    `fingerprint` is the last event id, the number of undone events and the
    row counts of the tables that hold work: cheap (counts use indexes) and
    stored with each backup. An ``auto`` backup whose fingerprint equals that
    of the newest backup of the same file is skipped. It can miss an import
    that only rewrote existing labels in place; the next labelling action is
    seen, and the app also watches its own connection's change counter.

Restoring
    `restore_backup` checks the backup (ours, same project id, not newer,
    not damaged), backs up the current state (``before-restore``), copies the
    backup into the open project's connection with the backup API (one
    transaction: it either happens entirely or not at all) and closes the
    project, whose in-memory state (schema, undo stack) is then stale; the
    caller reopens it. It is not an undo step: it replaces the whole file, undo
    history included. The ``before-restore`` backup is its undo.

    A damaged project cannot be opened, so `restore_file` works on the file:
    under the project's lock it copies the backup beside it (``….partial``,
    checked with ``quick_check``), moves the damaged file and its ``-wal`` /
    ``-shm`` aside to ``<name>.damaged-<UTC time>`` (never deleted: it is the
    only copy of the work since the backup) and renames the copy into place.
    `backups_for_file` finds its backups by their recorded source path, since a
    damaged file may not reveal its project id.
"""

from __future__ import annotations

import glob
import json
import logging
import os
import re
import shutil
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from annotator.core.errors import AnnotatorError, BackupError
from annotator.store import database
from annotator.store.lock import ProjectLock
from annotator.store.migrations import SCHEMA_VERSION

if TYPE_CHECKING:
    from annotator.store.project import Project

log = logging.getLogger(__name__)

APP_NAME = "claim-annotator"  # the same folder as annotator.samples.data_dir
REASONS = ("auto", "manual", "before-migration", "before-merge", "before-restore")
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
FREE_SPACE_MARGIN = 50 * 1024 * 1024
"""Room left on the disk after a backup; below it the backup is refused."""
STALE_PARTIAL = timedelta(hours=1)
"""A partial file older than this is left over from a crash and is removed."""
FORMAT = 1

_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{6}Z)-([a-z-]+)$")
_STAMP = "%Y%m%dT%H%M%S.%fZ"
_ASIDE_STAMP = "%Y%m%dT%H%M%SZ"
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
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
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


def _project_id(conn: sqlite3.Connection) -> str:
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


def _shown(found: dict[str, Any]) -> dict[str, Any]:
    """The `BackupInfo` fields that come from a project's `counts`."""
    keys = ("articles", "actors", "mentions", "claims", "last_event", "fingerprint")
    return {key: found[key] for key in keys}


def fingerprint(found: dict[str, Any]) -> str:
    """One string that changes when the work in a project changes (see the module's docs)."""
    keys = (*_COUNTED, "last_event", "undone")
    return ";".join(f"{key}={found.get(key)}" for key in keys)


# -- making backups ------------------------------------------------------------------------


def backup_project(project: Project, reason: str, if_changed: bool = False) -> BackupInfo | None:
    """Back up an open project; see `backup_connection`."""
    return backup_connection(project.conn, project.path, reason, if_changed)


def backup_file(
    path: Path, reason: str, if_changed: bool = False, check: bool = False
) -> BackupInfo | None:
    """Back up a project file through a connection of its own, without opening it as a project.

    The app's background backups use it, and ``annotator backup`` (which so
    also backs up a file of an older version, which cannot be opened read-only).

    Args:
        path: the project file.
        reason: one of `REASONS`.
        if_changed: see `backup_connection`.
        check: first check it is a project of a version this code reads and
            read every page (a damaged copy must not rotate out a good one).

    Raises:
        ProjectError: with ``check``, it is not a project, too new or damaged.
        BackupError: the file cannot be read, or the backup cannot be written.
    """
    if check:
        database.check_header(path)
    try:
        db = database.connect(path, read_only=True)
    except sqlite3.Error as exc:
        raise BackupError(f"could not back up {path.name}: cannot read it ({exc})") from None
    try:
        if check:
            database.check_readable(db, path)
        return backup_connection(db.conn, path, reason, if_changed)
    finally:
        db.close()


def backup_connection(
    conn: sqlite3.Connection, source: Path, reason: str, if_changed: bool = False
) -> BackupInfo | None:
    """Copy the project open on ``conn`` into its backup folder, then rotate the folder.

    Args:
        conn: a connection to the project, outside any transaction.
        source: the project file's path (recorded, and shown in listings).
        reason: one of `REASONS`.
        if_changed: skip (return None) when the newest backup of ``source``
            has the same fingerprint.

    Returns:
        The new backup, or None when skipped.

    Raises:
        BackupError: the backup could not be written (nothing is left of it and
            the project is untouched); the message is one clause, without a
            full stop, for the caller to say what it means for the user.
    """
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    source = source.resolve()
    try:
        project_id = _project_id(conn)
        found = counts(conn)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        needed = page_size * int(conn.execute("PRAGMA page_count").fetchone()[0])
    except sqlite3.Error as exc:
        raise BackupError(f"could not back up {source.name}: cannot read it ({exc})") from None
    if if_changed:
        newest = latest_backup(project_id, source)
        if newest is not None and newest.fingerprint == found["fingerprint"]:
            return None
    folder = _prepare_folder(backup_folder(project_id), source, needed)
    created = datetime.now(UTC)
    path = _free_name(folder, created, reason)
    info = BackupInfo(
        path=path,
        created=created,
        reason=reason,
        source=str(source),
        project_id=project_id,
        schema_version=version,
        **_shown(found),
    )
    info = _write(conn, info)
    rotate(project_id)
    return info


def _prepare_folder(folder: Path, source: Path, needed: int) -> Path:
    """Create the folder, clear old partial files and check there is room for ``needed`` bytes."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise BackupError(_failure(source, folder, exc)) from None
    if free < needed + FREE_SPACE_MARGIN:
        raise BackupError(
            f"could not back up {source.name}: the disk holding {folder} has "
            f"{free // 2**20} MB free and a backup needs about {needed // 2**20} MB"
        )
    _remove_stale_partials(folder)
    return folder


def _failure(source: Path, folder: Path, exc: BaseException) -> str:
    """The message of a backup that could not be written."""
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc)
        where = exc.filename or folder
    else:
        text = str(exc)
        reason = "the disk is full" if "full" in text else text
        where = folder
    return f"could not back up {source.name} to {where}: {reason}"


def _free_name(folder: Path, created: datetime, reason: str) -> Path:
    """``<time>-<reason>.claims`` in ``folder``, a microsecond later if that name is taken."""
    while True:
        path = folder / f"{created.strftime(_STAMP)}-{reason}.claims"
        if not any(p.exists() for p in (path, _partial(path), path.with_suffix(".json"))):
            return path
        created += timedelta(microseconds=1)


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def _write(conn: sqlite3.Connection, info: BackupInfo) -> BackupInfo:
    """Copy, write the sidecar, rename both into place; on failure remove every partial file."""
    copy = _partial(info.path)
    sidecar = info.path.with_suffix(".json")
    sidecar_partial = _partial(sidecar)
    try:
        target = sqlite3.connect(copy)
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            target.close()
        info = replace(info, size=copy.stat().st_size)
        with open(sidecar_partial, "w", encoding="utf-8") as handle:
            json.dump(info.sidecar(), handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        sidecar_partial.replace(sidecar)
        copy.replace(info.path)
    except (OSError, sqlite3.Error) as exc:
        for leftover in (copy, *_journals(copy), sidecar_partial, sidecar):
            leftover.unlink(missing_ok=True)
        raise BackupError(_failure(Path(info.source or "project"), info.path.parent, exc)) from None
    return info


def _journals(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm")]


def _remove_stale_partials(folder: Path) -> None:
    """Remove what a crash left behind (old files only: another process may be writing).

    That is partial files, and sidecars without their copy (a crash between the
    two renames of `_write`).
    """
    limit = time.time() - STALE_PARTIAL.total_seconds()
    orphans = [p for p in folder.glob("*.json") if not p.with_suffix(".claims").exists()]
    for path in [*folder.glob("*.partial*"), *orphans]:
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass  # another process removed it, or it cannot be removed: harmless either way


# -- listing and rotating ------------------------------------------------------------------


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
        created = datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC)
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
        with _reading(entry.path) as conn:
            found = counts(conn)
            project_id = _project_id(conn)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except (sqlite3.Error, AnnotatorError) as exc:
        return replace(entry, problem=f"damaged ({_short(exc)})")
    return replace(
        entry,
        project_id=project_id,
        schema_version=version,
        **_shown(found),
        size=size,
    )


def _without_path(exc: BaseException, path: Path) -> str:
    """A problem with ``path`` said without its path (the listing shows the file apart)."""
    text = str(exc.strerror if isinstance(exc, OSError) and exc.strerror else exc)
    text = text.replace(str(path), "").strip(" :")
    return _short(text.removeprefix("is ").removeprefix("was "))


def _short(exc: BaseException | str) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= 160 else text[:159] + "…"


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


# -- restoring -----------------------------------------------------------------------------


def check_backup(path: Path, project_id: str | None) -> BackupInfo:
    """Check that ``path`` is an intact backup of the project ``project_id``.

    Args:
        path: the backup's ``.claims`` file.
        project_id: the project it must belong to; None when not known (a
            damaged file's id may be unreadable): a backup of any project will do.

    Raises:
        BackupError: not a project file, of another project, newer, or damaged.
    """
    entry = read_backup(path)
    if entry.problem is not None:
        raise BackupError(f"{path.name} cannot be restored: {entry.problem}")
    try:
        with _reading(path) as conn:
            problem = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            backup_id = _project_id(conn)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error as exc:
        raise BackupError(
            f"{path.name} cannot be restored: it is damaged ({_short(exc)})"
        ) from None
    if problem != "ok":
        raise BackupError(f"{path.name} cannot be restored: it is damaged ({_short(problem)})")
    if project_id is not None and backup_id != project_id:
        raise BackupError(
            f"{path.name} is a backup of another project (project id {backup_id}); "
            "nothing was restored"
        )
    if version > SCHEMA_VERSION:
        raise BackupError(f"{path.name} was made by a newer Claim annotator; nothing was restored")
    return entry


def restore_backup(project: Project, backup: Path) -> BackupInfo:
    """Replace the whole content of an open project with a backup's, and close the project.

    The current state is backed up first (reason ``before-restore``), so the
    restore can be undone by restoring that. The copy is one transaction of
    the project's own connection, so the lock stays held and a failure leaves
    the project as it was. The caller reopens the project afterwards.

    Returns:
        The ``before-restore`` backup.

    Raises:
        BackupError: the project is read-only, the backup is refused (see
            `check_backup`), or the current state could not be backed up; the
            project is then unchanged and still open.
    """
    if project.read_only:
        raise BackupError(
            f"{project.path.name} is open read-only: a backup cannot be restored into it"
        )
    check_backup(backup, project.project_id)
    before = backup_project(project, "before-restore")
    assert before is not None
    try:
        with _reading(backup) as source:
            source.backup(project.conn)
    except sqlite3.Error as exc:
        raise BackupError(
            f"could not restore {backup.name} into {project.path.name}: {_short(exc)}. "
            "The project was not changed."
        ) from None
    project.close()
    return before


def restore_file(path: Path, backup: Path, user: str | None = None) -> BackupInfo | None:
    """Restore a backup over a project file without opening it (a damaged one cannot be).

    Under the project's lock (as `Project.open` takes it), the backup is
    checked (see `check_backup`; of the file's project when its id can still
    be read), copied with the backup API into ``<name>.partial`` beside the
    file and checked page by page; then the file and its ``-wal`` / ``-shm``
    are moved aside to ``<name>.damaged-<UTC time>`` (see `damaged_copies`) and
    the copy is renamed into place. The damaged file is not backed up: its
    copy aside is its safety, and it is never deleted.

    Args:
        path: the project file (it may be missing: then nothing is moved aside).
        backup: the backup's ``.claims`` file.
        user: the name recorded in the lock while restoring.

    Returns:
        A ``before-restore`` backup when the file turned out intact (as for
        `restore_backup`), else None.

    Raises:
        ProjectError: (ProjectInUseError) another process has the project open.
        BackupError: the backup is refused, or could not be copied or moved into
            place; the file is then where it was, unchanged.
    """
    path = Path(path)
    if path.is_dir():
        raise BackupError(f"{path} is a folder, not a project file; nothing was restored")
    lock = ProjectLock(path, user)
    try:
        intact, project_id = _file_state(path)
        check_backup(backup, project_id)
        before = backup_file(path, "before-restore") if intact else None
        partial = _partial(path)
        _copy_checked(backup, partial, path)
        try:
            aside = _move_aside(path) if path.exists() else None
            try:
                partial.replace(path)
            except OSError:
                if aside is not None:
                    _rename_with_journals(aside, path)
                raise
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise BackupError(_not_restored(backup, path, exc)) from None
    finally:
        lock.release()
    log.info("restored %s from %s", path, backup)
    return before


def damaged_copies(path: Path) -> list[Path]:
    """The damaged files `restore_file` moved aside from ``path``, newest first."""
    found = Path(path).parent.glob(f"{glob.escape(Path(path).name)}.damaged-*")
    journals = ("-wal", "-shm", "-journal")
    return sorted((p for p in found if not p.name.endswith(journals)), reverse=True)


def _file_state(path: Path) -> tuple[bool, str | None]:
    """Whether a project file is intact (all pages and its id readable), and its id if readable."""
    project_id: str | None = None
    if not path.exists():
        return False, None
    try:
        with _reading(path) as conn:
            found = conn.execute("SELECT value FROM meta WHERE key = 'project_id'").fetchone()
            project_id = str(found[0]) if found else None
            intact = conn.execute("PRAGMA quick_check(1)").fetchone()[0] == "ok"
    except sqlite3.Error:
        return False, project_id
    return intact and project_id is not None, project_id


def _copy_checked(backup: Path, partial: Path, path: Path) -> None:
    """Copy ``backup`` into ``partial`` with the backup API and check every page.

    Raises:
        BackupError: it could not be copied or the copy is damaged; ``partial`` is removed.
    """
    for leftover in (partial, *_journals(partial)):
        leftover.unlink(missing_ok=True)  # from a crash: we hold the lock, nobody writes it
    try:
        with _reading(backup) as source:
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
                problem = target.execute("PRAGMA quick_check(1)").fetchone()[0]
            finally:
                target.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        if problem != "ok":
            raise sqlite3.DatabaseError(f"the copy is damaged ({problem})")
    except (OSError, sqlite3.Error) as exc:
        for leftover in (partial, *_journals(partial)):
            leftover.unlink(missing_ok=True)
        raise BackupError(_not_restored(backup, path, exc)) from None


def _move_aside(path: Path) -> Path:
    """Rename ``path`` and its journals to a free ``<name>.damaged-<UTC time>``."""
    created = datetime.now(UTC)
    while True:
        aside = path.with_name(f"{path.name}.damaged-{created.strftime(_ASIDE_STAMP)}")
        if not any(p.exists() for p in (aside, *_journals(aside))):
            break
        created += timedelta(seconds=1)
    _rename_with_journals(path, aside)
    log.warning("moved the damaged %s aside to %s", path, aside)
    return aside


def _rename_with_journals(source: Path, target: Path) -> None:
    """Rename a database file and its journals; on failure rename back what moved.

    The journals go first: a ``-wal`` left behind would be applied to the file
    renamed into ``source``'s place.
    """
    pairs = zip(_journals(source), _journals(target), strict=True)
    moves = [*((a, b) for a, b in pairs if a.exists()), (source, target)]
    done: list[tuple[Path, Path]] = []
    try:
        for old, new in moves:
            old.replace(new)
            done.append((old, new))
    except OSError:
        for old, new in reversed(done):
            new.replace(old)
        raise


def _not_restored(backup: Path, path: Path, exc: BaseException) -> str:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else _short(exc)
    return f"could not restore {backup.name} into {path.name}: {reason}. The file was not changed."
