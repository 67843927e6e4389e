"""An advisory lock beside the project file, so a second opener is told who holds it.

The lock is an OS lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) on
a sidecar ``<project>.lock`` file that also records who holds it. The OS drops
the lock when the holder exits or crashes, so a stale file never blocks
anyone. The file is emptied, not deleted, on release: deleting it would let a
waiting opener lock an unlinked file while a third one locks a new file.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import IO

from annotator.core.errors import ProjectError, ProjectInUseError


def lock_path(project: Path) -> Path:
    """The sidecar lock file of a project file."""
    return project.with_name(project.name + ".lock")


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
            ProjectInUseError: another process (or window) holds it.
            ProjectError: the lock file cannot be created (read-only folder).
        """
        self.path = lock_path(project)
        try:
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        except OSError as exc:
            raise ProjectError(
                f"cannot lock {project}: {exc.strerror}. Open it read-only instead."
            ) from None
        if not _try_lock(handle):
            handle.seek(0)
            try:
                info = json.loads(handle.read() or "{}")
            except json.JSONDecodeError:
                info = {}
            handle.close()
            raise ProjectInUseError(str(project), describe_holder(info))
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
