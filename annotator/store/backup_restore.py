"""Restoring a backup: into an open project, or over a project file that cannot be opened.

See "Restoring" in `annotator.store.backup`.
"""

from __future__ import annotations

import glob
import logging
import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.core.errors import BackupError
from annotator.store.backup_files import (
    BackupInfo,
    journal_files,
    partial_path,
    read_backup,
    read_project_id,
    reading,
    short,
)
from annotator.store.backup_write import backup_file, backup_project
from annotator.store.lock import ProjectLock
from annotator.store.migrations import SCHEMA_VERSION

if TYPE_CHECKING:
    from annotator.store.project import Project

log = logging.getLogger(__name__)

_ASIDE_STAMP = "%Y%m%dT%H%M%SZ"


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
        with reading(path) as conn:
            problem = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            backup_id = read_project_id(conn)
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error as exc:
        raise BackupError(f"{path.name} cannot be restored: it is damaged ({short(exc)})") from None
    if problem != "ok":
        raise BackupError(f"{path.name} cannot be restored: it is damaged ({short(problem)})")
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
        with reading(backup) as source:
            source.backup(project.conn)
    except sqlite3.Error as exc:
        raise BackupError(
            f"could not restore {backup.name} into {project.path.name}: {short(exc)}. "
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
        partial = partial_path(path)
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
        with reading(path) as conn:
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
    for leftover in (partial, *journal_files(partial)):
        leftover.unlink(missing_ok=True)  # from a crash: we hold the lock, nobody writes it
    try:
        with reading(backup) as source:
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
        for leftover in (partial, *journal_files(partial)):
            leftover.unlink(missing_ok=True)
        raise BackupError(_not_restored(backup, path, exc)) from None


def _move_aside(path: Path) -> Path:
    """Rename ``path`` and its journals to a free ``<name>.damaged-<UTC time>``."""
    created = datetime.now(UTC)
    while True:
        aside = path.with_name(f"{path.name}.damaged-{created.strftime(_ASIDE_STAMP)}")
        if not any(p.exists() for p in (aside, *journal_files(aside))):
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
    pairs = zip(journal_files(source), journal_files(target), strict=True)
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
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else short(exc)
    return f"could not restore {backup.name} into {path.name}: {reason}. The file was not changed."
