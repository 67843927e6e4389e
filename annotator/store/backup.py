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
    the partial files and never touches the project.

Reasons
    ``auto`` (the app, every few minutes while changes happen and when the
    window closes), ``manual`` (``annotator backup``), ``before-migration``
    (`Project.open` before upgrading an older file), ``before-merge``
    (`merge_packages`) and ``before-restore`` (`restore_backup`: restoring the
    backup made just before undoes a restore).

Rotation
    After each backup, per source file and reason, the newest `KEEP_AUTO`
    ``auto`` backups and the newest `KEEP_OTHER` of every other reason are
    kept; older ones are deleted. Unreadable backups are never deleted
    automatically (what they are is not known). A backup of a 100,000-article
    project is about as large as the project (about 2 GB), so the folder can
    hold up to (KEEP_AUTO + 4 × KEEP_OTHER) copies per file; a backup is refused
    with a clear message when the disk has not room for one more.

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
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import sqlite3
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from annotator.core.errors import AnnotatorError, BackupError
from annotator.store import database
from annotator.store.migrations import SCHEMA_VERSION

if TYPE_CHECKING:
    from annotator.store.project import Project

log = logging.getLogger(__name__)

APP_NAME = "claim-annotator"  # the same folder as annotator.samples.data_dir
REASONS = ("auto", "manual", "before-migration", "before-merge", "before-restore")
KEEP_AUTO = 10
"""How many ``auto`` backups of one project file are kept."""
KEEP_OTHER = 5
"""How many backups of each other reason of one project file are kept."""
FREE_SPACE_MARGIN = 50 * 1024 * 1024
"""Room left on the disk after a backup; below it the backup is refused."""
STALE_PARTIAL = timedelta(hours=1)
"""A partial file older than this is left over from a crash and is removed."""
FORMAT = 1

_NAME = re.compile(r"^(\d{8}T\d{6}\.\d{6}Z)-([a-z-]+)$")
_STAMP = "%Y%m%dT%H%M%S.%fZ"
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


def backup_file(path: Path, reason: str, if_changed: bool = False) -> BackupInfo | None:
    """Back up a project file through a connection of its own (the app's background backups).

    Raises:
        BackupError: the file cannot be read, or the backup cannot be written.
    """
    try:
        db = database.connect(path, read_only=True)
    except sqlite3.Error as exc:
        raise BackupError(f"could not back up {path.name}: cannot read it ({exc})") from None
    try:
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
    """Remove partial files a crash left behind (old ones only: another process may be writing)."""
    limit = time.time() - STALE_PARTIAL.total_seconds()
    for path in folder.glob("*.partial*"):
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
    folder = backup_folder(project_id)
    try:
        paths = [p for p in folder.iterdir() if p.suffix == ".claims"]
    except OSError:
        return []
    entries = [read_backup(path) for path in paths]
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
        conn = sqlite3.connect(f"{entry.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            found = counts(conn)
            project_id = _project_id(conn)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
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


def rotate(project_id: str) -> list[Path]:
    """Delete the backups beyond `KEEP_AUTO` / `KEEP_OTHER` per source file and reason.

    Returns the deleted backup files. A file that cannot be deleted is left (and logged).
    """
    groups: dict[tuple[str | None, str], list[BackupInfo]] = defaultdict(list)
    for entry in list_backups(project_id):  # newest first
        if entry.readable:
            groups[(entry.source, entry.reason)].append(entry)
    deleted = []
    for (_, reason), entries in groups.items():
        keep = KEEP_AUTO if reason == "auto" else KEEP_OTHER
        for entry in entries[keep:]:
            try:
                entry.path.unlink()
                entry.path.with_suffix(".json").unlink(missing_ok=True)
            except OSError as exc:
                log.warning("could not delete the old backup %s: %s", entry.path, exc)
                continue
            deleted.append(entry.path)
    return deleted


# -- restoring -----------------------------------------------------------------------------


def check_backup(path: Path, project_id: str) -> BackupInfo:
    """Check that ``path`` is an intact backup of the project ``project_id``.

    Raises:
        BackupError: not a project file, of another project, newer, or damaged.
    """
    entry = read_backup(path)
    if entry.problem is not None:
        raise BackupError(f"{path.name} cannot be restored: {entry.problem}")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            problem = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            backup_id = _project_id(conn)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(
            f"{path.name} cannot be restored: it is damaged ({_short(exc)})"
        ) from None
    if problem != "ok":
        raise BackupError(f"{path.name} cannot be restored: it is damaged ({_short(problem)})")
    if backup_id != project_id:
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
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            source.backup(project.conn)
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(
            f"could not restore {backup.name} into {project.path.name}: {_short(exc)}. "
            "The project was not changed."
        ) from None
    project.close()
    return before
