"""Read-only disks and files for tests, made for real.

Root ignores file permissions, so as root a folder is shown read-only through
a read-only bind mount (``mount --bind`` then ``mount -o remount,bind,ro``)
and a file is made read-only with ``chattr +i``; anyone else gets the write
permissions taken away, which they cannot ignore. A test that can have
neither is skipped (saying why).
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

AS_ROOT = sys.platform != "win32" and os.geteuid() == 0


def _run(*command: str) -> bool:
    if shutil.which(command[0]) is None:
        return False
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.returncode == 0


@contextmanager
def read_only_disk(folder: Path) -> Iterator[Path]:
    """``folder`` as seen on a read-only disk: yields the folder to use, for the block's time.

    As root, a read-only bind mount of ``folder`` (beside it, ``<name>.ro``);
    otherwise ``folder`` itself, its files and it no longer writable.
    """
    if sys.platform == "win32":
        pytest.skip("read-only mounts and POSIX permissions are not made on Windows")
    if not AS_ROOT:
        modes = {path: path.stat().st_mode for path in (folder, *folder.iterdir())}
        for path in modes:
            path.chmod(stat.S_IMODE(modes[path]) & ~0o222)
        try:
            yield folder
        finally:
            for path, mode in modes.items():
                path.chmod(stat.S_IMODE(mode))
        return
    view = folder.with_name(folder.name + ".ro")
    view.mkdir()
    if not _run("mount", "--bind", str(folder), str(view)):
        view.rmdir()
        pytest.skip("root without the right to mount (no read-only disk to test on)")
    try:
        if not _run("mount", "-o", "remount,bind,ro", str(view)):
            pytest.skip("the bind mount cannot be made read-only here")
        yield view
    finally:
        _run("umount", str(view))
        view.rmdir()


@contextmanager
def read_only_file(path: Path) -> Iterator[Path]:
    """``path`` made read-only (its folder stays writable) for the block's time."""
    if sys.platform == "win32":
        pytest.skip("POSIX permissions and chattr are not used on Windows")
    if not AS_ROOT:
        mode = path.stat().st_mode
        path.chmod(stat.S_IMODE(mode) & ~0o222)
        try:
            yield path
        finally:
            path.chmod(stat.S_IMODE(mode))
        return
    if not _run("chattr", "+i", str(path)):
        pytest.skip("chattr +i is not available for root here")
    try:
        yield path
    finally:
        _run("chattr", "-i", str(path))
