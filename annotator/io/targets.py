"""Where an export may write: never over the project or the files that keep it whole.

SQLite keeps a project's recent commits in ``<project>-wal`` (with ``-shm``
and, during recovery, ``-journal`` beside it); the lock file tells a second
writer to keep out, and the backups are the way back from damage. Writing
over any of them loses acknowledged work, so an export (and an import's
``--report``) refuses each of them, whatever name leads there: the path as
given, the path with every symbolic link resolved, and the file itself
(device and inode, so a hard link is caught too). The same goes for the
journals and lock of every other name of the project file in its folder
(`annotator.store.lock.other_names`): SQLite may keep the journals beside
such a name (`annotator.store.database.sqlite_path`), and a writer through
it holds that name's lock file.

What an export writes into when the target is not a regular file (a named
pipe, ``/dev/stdout``) is decided by `annotator.io.export.replaced`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from annotator.core.errors import AnnotatorError
from annotator.store.backup import backup_folder, backups_root
from annotator.store.database import sqlite_path
from annotator.store.lock import lock_path, other_names
from annotator.store.project import Project

JOURNALS = {
    "-wal": "write-ahead log",
    "-shm": "shared-memory index",
    "-journal": "rollback journal",
}
"""SQLite's files beside a database, by suffix, with what they are."""
PROJECT = "the project itself"


def scratch_path(target: Path) -> Path:
    """The file an export writes first and renames onto ``target`` when complete."""
    return target.with_name(target.name + ".partial")


def _identity(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of the file ``path`` leads to, or None if there is none."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def _real(path: Path) -> Path:
    """``path`` absolute with every symbolic link resolved (also a dangling one)."""
    return Path(os.path.realpath(path))


class _Guarded:
    """The project's own files by path and by identity, each with a name for messages."""

    def __init__(self, project: Project) -> None:
        self.names: dict[Path, str] = {}
        self.files: dict[tuple[int, int], str] = {}
        of = f"of the project {project.path.name}"
        for base in {project.path.absolute(), _real(project.path)}:
            self._add_name(base, of)
        # Another name of the file in its folder (a hard link): SQLite may keep
        # the journals beside it (`sqlite_path`), and a writer through it locks its sidecar.
        for base in (*other_names(project.path), sqlite_path(project.path)):
            if base not in self.names:
                self._add_name(base, f"of {base.name}, another name (hard link) {of}")
        self.backups = _real(backups_root())
        folder = backup_folder(project.project_id)
        if folder.is_dir():
            for backup in folder.iterdir():
                self._add(backup, f"a backup {of}")

    def _add_name(self, base: Path, of: str) -> None:
        """A name of the project file, with its journals and lock file."""
        self._add(base, PROJECT)
        for suffix, what in JOURNALS.items():
            self._add(base.with_name(base.name + suffix), f"the {what} ({suffix}) {of}")
        self._add(lock_path(base), f"the lock file {of}")

    def _add(self, path: Path, what: str) -> None:
        self.names.setdefault(path, what)
        self.names.setdefault(_real(path), what)
        found = _identity(path)
        if found is not None:
            self.files.setdefault(found, what)

    def what(self, path: Path) -> str | None:
        """What of the project ``path`` would overwrite, or None when it is none of it."""
        for name in (path.absolute(), _real(path)):
            if name in self.names:
                return self.names[name]
            if name.is_relative_to(self.backups):
                return f"in the backups folder ({self.backups})"
        found = _identity(path)
        return self.files.get(found) if found is not None else None


def check_target(
    project: Project, target: Path, also: Iterable[Path] = (), doing: str = "export to"
) -> None:
    """Refuse a target that would overwrite the project, its journals, lock or backups.

    Args:
        project: the project being exported.
        target: the file or folder the user named.
        also: other files the export writes (a config beside the target); each is
            checked like the target, and so is the scratch file of each.
        doing: what the user is told to do instead, "... another file".

    Raises:
        AnnotatorError: naming what of the project the path leads to.
    """
    guarded = _Guarded(project)
    for path in (target, *also):
        for candidate in (path, scratch_path(path), scratch_path(_real(path))):
            what = guarded.what(candidate)
            if what is None:
                continue
            if what == PROJECT and candidate == path:
                raise AnnotatorError(f"{path} is the project itself; {doing} another file")
            shown = path if candidate == path else f"{path} (written first as {candidate})"
            raise AnnotatorError(
                f"{shown} is {what}; writing there would lose work: {doing} another file"
            )
