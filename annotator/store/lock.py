"""An advisory lock on a project file, so a second opener is told who holds it.

One project file has one lock, whatever path reaches it. The lock is an OS
lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on a sidecar
``<name>.lock`` beside the file's *resolved* path, which also records who
holds it (user, host, process, since): symlinks, relative paths and folder
symlinks all reach the same sidecar, and so does another computer on a
shared folder. The OS drops the lock when the holder exits or crashes, so a
stale lock never blocks anyone.

A hard link is another name of the same file (same ``st_dev`` and
``st_ino``). Its names in the same folder are found (`other_names`, only for
a file whose link count is above one) and the lock also refuses while the
sidecar of any of them is held. A name in another folder cannot be found
from here, and SQLite names its ``-wal`` after the name it opens, so work
through two such names could damage the file: a file with names in other
folders is not opened for writing at all (`ProjectLock` says so).

The sidecar must be a file of its own: a symlink, another name of the
project (``ln p.claims p.claims.lock``) or of any file, or a folder there is
refused (`ProjectError`), never followed, so taking the lock cannot empty
another file. The sidecar is emptied, not deleted, on release: deleting it would let a
waiting opener lock an unlinked file while a third one locks a new file.
No descriptor of the project file itself is opened here: closing one would
drop the ``fcntl`` locks SQLite holds on it in this process.
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import socket
import stat
import sys
from datetime import datetime
from pathlib import Path
from typing import IO

from annotator.core.errors import ProjectError, ProjectInUseError, ReadOnlyProjectError

LOCK_SUFFIX = ".lock"


def real_path(project: Path) -> Path:
    """The project file's absolute path with every symlink resolved (the file may be missing)."""
    return Path(os.path.realpath(project))


def lock_path(project: Path) -> Path:
    """The sidecar lock file of a project file, beside its resolved path."""
    real = real_path(project)
    return real.with_name(real.name + LOCK_SUFFIX)


def _regular(path: Path | str) -> os.stat_result | None:
    """The ``lstat`` of a regular file (not a symlink), else None."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return found if stat.S_ISREG(found.st_mode) else None


def other_names(project: Path) -> list[Path]:
    """The other names (hard links) of a project file in its folder, sorted; [] for one name.

    Only a file whose link count is above one makes the folder be read.
    """
    real = real_path(project)
    found = _regular(real)
    if found is None or found.st_nlink <= 1:
        return []
    identity = (found.st_dev, found.st_ino)
    names = []
    try:
        entries = [entry.path for entry in os.scandir(real.parent) if entry.name != real.name]
    except OSError:
        return []
    for entry in entries:
        other = _regular(entry)
        if other is not None and (other.st_dev, other.st_ino) == identity:
            names.append(Path(entry))
    return sorted(names)


def names_elsewhere(project: Path) -> int:
    """How many names (hard links) of a project file are in other folders than its own."""
    found = _regular(real_path(project))
    if found is None:
        return 0
    return max(found.st_nlink - 1 - len(other_names(project)), 0)


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)  # msvcrt locks from the current position
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: IO[str]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _read_record(handle: IO[str]) -> dict[str, object]:
    handle.seek(0)
    try:
        info = json.loads(handle.read() or "{}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        return {}
    return info if isinstance(info, dict) else {}


class _NotOwn(Exception):
    """A lock file that is not a file of its own; ``why`` says what it is."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _check_own(found: os.stat_result, project: tuple[int, int] | None) -> None:
    """Raise `_NotOwn` unless ``found`` is a regular file with one name that is not the project."""
    if stat.S_ISLNK(found.st_mode):
        raise _NotOwn("a symbolic link")
    if (found.st_dev, found.st_ino) == project:
        raise _NotOwn("another name (hard link) of the project file itself")
    if stat.S_ISDIR(found.st_mode):
        raise _NotOwn("a folder")
    if not stat.S_ISREG(found.st_mode):
        raise _NotOwn("not a regular file")
    if found.st_nlink != 1:
        others = found.st_nlink - 1
        plural = "s" * (others > 1)
        raise _NotOwn(f"a file with {others} other name{plural} (hard link{plural})")


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_SYMLINK_ERRORS = (errno.ELOOP, errno.EMLINK)  # O_NOFOLLOW on a symlink (EMLINK: FreeBSD)


def _open_own(sidecar: Path, project: Path, write: bool = True) -> IO[str]:
    """Open a lock file (created if missing when ``write``), only if it is a file of its own.

    Writing follows neither a symbolic link (``O_NOFOLLOW``, and ``lstat``
    first where there is no such flag) nor another name of a file: a lock
    file that leads to the project itself, or to any other file, would be
    emptied by `ProjectLock`. It is looked at before it is opened, so the
    project file is never opened here (closing it would drop SQLite's locks),
    and again once open, in case it was replaced in between.

    Raises:
        _NotOwn: it is a symlink, a hard link (to the project or another file),
            or not a regular file.
        OSError: it cannot be opened.
    """
    identity = _identity(real_path(project))
    try:
        _check_own(os.lstat(sidecar), identity)
    except FileNotFoundError:
        if not write:
            raise
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT if write else os.O_RDONLY
    try:
        fd = os.open(sidecar, flags | _NOFOLLOW | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as exc:
        if _NOFOLLOW and exc.errno in _SYMLINK_ERRORS:
            raise _NotOwn("a symbolic link") from None
        raise
    try:
        _check_own(os.fstat(fd), identity)
        return os.fdopen(fd, "a+" if write else "r", encoding="utf-8")
    except BaseException:
        os.close(fd)
        raise


def _held_record(sidecar: Path, project: Path) -> dict[str, object] | None:
    """The record of a held sidecar lock; None when it is free, missing or not a lock file."""
    try:
        handle = _open_own(sidecar, project, write=False)
    except (OSError, _NotOwn):
        return None
    try:
        if _try_lock(handle):
            _unlock(handle)
            return None
        return _read_record(handle)
    finally:
        handle.close()


def describe_holder(info: dict[str, object]) -> str:
    """A readable "who" from the lock file's record."""
    user = info.get("user") or "someone"
    host = info.get("host") or "another computer"
    pid = info.get("pid")
    since = str(info.get("since", ""))
    text = f"{user} on {host}"
    if pid:
        text += f" (process {pid})"
    if since:
        text += f" since {since.replace('T', ' ')[:16]}"
    return text


class ProjectLock:
    """Holds the advisory lock of one project file until `release`."""

    def __init__(self, project: Path, holder_name: str | None = None) -> None:
        """Take the lock.

        Raises:
            ProjectInUseError: another process (or window) holds it, through
                this path or another name of the file in its folder.
            ReadOnlyProjectError: the lock file cannot be written (a read-only
                disk or folder).
            ProjectError: the file has a name in another folder, or the lock
                file cannot be made for another reason.
        """
        elsewhere = names_elsewhere(project)
        if elsewhere:
            raise ProjectError(
                f"{project} also has {elsewhere} other name{'s' * (elsewhere > 1)} (hard links) "
                "in other folders, through which it could be changed at the same time. Open it "
                "read-only, or copy it (a copy is a file of its own) and open the copy."
            )
        self.path = lock_path(project)
        try:
            handle = _open_own(self.path, project)
        except _NotOwn as exc:
            raise ProjectError(
                f"cannot lock {project}: its lock file {self.path} must be a file of its own, "
                f"but it is {exc.why}. Remove {self.path.name} and open it again, or open it "
                "read-only."
            ) from None
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise ReadOnlyProjectError(str(project), exc.strerror or str(exc)) from None
            raise ProjectError(
                f"cannot lock {project}: {exc.strerror}. Open it read-only instead."
            ) from None
        if not _try_lock(handle):
            info = _read_record(handle)
            handle.close()
            raise ProjectInUseError(str(project), describe_holder(info))
        # Taken before looking at the other names: of two openers through two
        # names at once, each then sees the other's lock (at worst both are refused).
        for other in other_names(project):
            held = _held_record(other.with_name(other.name + LOCK_SUFFIX), project)
            if held is not None:
                _unlock(handle)
                handle.close()
                raise ProjectInUseError(str(project), describe_holder(held))
        self._handle: IO[str] | None = handle
        record = {
            "user": holder_name or getpass.getuser(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now().isoformat(timespec="seconds"),
        }
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps(record))
        handle.flush()

    def release(self) -> None:
        """Drop the lock; safe to call twice."""
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            handle.seek(0)
            handle.truncate()
            handle.flush()
            _unlock(handle)
        finally:
            handle.close()
