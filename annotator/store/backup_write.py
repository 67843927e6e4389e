"""Making a backup: copying a project with SQLite's backup API into its backup folder.

See `annotator.store.backup` ("What a backup is", "Reasons"); the folder and
its rotation are `annotator.store.backup_files`.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import BackupError
from annotator.store import database
from annotator.store.backup_files import (
    REASONS,
    STAMP,
    BackupInfo,
    backup_folder,
    counts,
    journal_files,
    latest_backup,
    partial_path,
    read_project_id,
    rotate,
    shown_counts,
)

if TYPE_CHECKING:
    from annotator.store.project import Project

FREE_SPACE_MARGIN = 50 * 1024 * 1024
"""Room left on the disk after a backup; below it the backup is refused."""
STALE_PARTIAL = timedelta(hours=1)
"""A partial file older than this is left over from a crash and is removed."""


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
        project_id = read_project_id(conn)
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
        **shown_counts(found),
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
        path = folder / f"{created.strftime(STAMP)}-{reason}.claims"
        if not any(p.exists() for p in (path, partial_path(path), path.with_suffix(".json"))):
            return path
        created += timedelta(microseconds=1)


def _write(conn: sqlite3.Connection, info: BackupInfo) -> BackupInfo:
    """Copy, write the sidecar, rename both into place; on failure remove every partial file."""
    copy = partial_path(info.path)
    sidecar = info.path.with_suffix(".json")
    sidecar_partial = partial_path(sidecar)
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
        for leftover in (copy, *journal_files(copy), sidecar_partial, sidecar):
            leftover.unlink(missing_ok=True)
        raise BackupError(_failure(Path(info.source or "project"), info.path.parent, exc)) from None
    return info


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
