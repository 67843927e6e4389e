"""Opening, creating and checking the SQLite project file.

Nothing is written to a file until it has been shown to be a Claim annotator
project of a version this code understands: the SQLite header is read as
bytes first, so a wrong, newer or damaged file is refused untouched.
"""

from __future__ import annotations

import sqlite3
import struct
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from annotator.core.errors import DamagedProjectError, ProjectError
from annotator.store.migrations import SCHEMA_VERSION, migrate

APPLICATION_ID = 0x436C6D41  # "ClmA": marks the file as ours in the SQLite header
BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"
RESTORE_HINT = (
    "Restore a backup: File > Restore backup, or `annotator backups {path}` "
    "then `annotator restore {path} BACKUP`."
)


def read_header(path: Path) -> tuple[int, int]:
    """Return ``(application_id, user_version)`` from the file's SQLite header.

    Raises:
        ProjectError: the file is missing, unreadable, empty or not SQLite.
    """
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        raise ProjectError(f"{path}: no such project file") from None
    except IsADirectoryError:
        raise ProjectError(f"{path} is a folder, not a project file") from None
    except OSError as exc:
        raise ProjectError(f"{path}: cannot read it ({exc.strerror})") from None
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise ProjectError(f"{path} is not a Claim annotator project (not an SQLite file)")
    user_version, application_id = struct.unpack(">i4xi", header[60:72])
    return application_id, user_version


def check_header(path: Path) -> int:
    """Return the file's schema version if it is a project this code can open.

    Raises:
        ProjectError: not ours, or written by a newer version.
    """
    application_id, version = read_header(path)
    if application_id != APPLICATION_ID:
        raise ProjectError(f"{path} is an SQLite file but not a Claim annotator project")
    if version > SCHEMA_VERSION:
        raise ProjectError(
            f"{path} was saved by a newer Claim annotator (file version {version}; "
            f"this one reads up to {SCHEMA_VERSION}). Update the app to open it."
        )
    return version


def connect(path: Path, read_only: bool) -> sqlite_utils.Database:
    """Open a connection with the project's pragmas (WAL, foreign keys, busy timeout)."""
    if read_only:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not read_only:
        db.execute("PRAGMA journal_mode = WAL")
        # WAL with synchronous=NORMAL can lose the last commits on power loss
        # but never corrupts; FULL makes each action durable when it returns.
        db.execute("PRAGMA synchronous = FULL")
    return db


def restore_hint(path: Path) -> str:
    """What to do about a damaged file, naming the menu item and the commands."""
    shown = f'"{path}"' if any(c.isspace() for c in str(path)) else str(path)
    return RESTORE_HINT.format(path=shown)


def damaged(path: Path, reason: object) -> DamagedProjectError:
    """The error for a file SQLite finds corrupt; ``reason`` is kept to one short line."""
    detail = " ".join(str(reason).split())
    if len(detail) > 120:
        detail = detail[:119] + "…"
    return DamagedProjectError(
        f"{path} is damaged and cannot be opened ({detail}). The file was not changed. "
        f"{restore_hint(path)}"
    )


def check_readable(db: sqlite_utils.Database, path: Path) -> None:
    """Check every page and read the meta table, so a damaged file fails here, not later.

    ``quick_check`` reads each page once (a fraction of a second per 100 MB);
    without it a damaged page is only found when someone scrolls to it.

    Raises:
        DamagedProjectError: the file is corrupt or incomplete.
    """
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        problem = db.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            raise damaged(path, problem)
        rows = dict(db.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.DatabaseError as exc:
        raise damaged(path, exc) from None
    if "project_id" not in rows or "schema" not in rows:
        raise DamagedProjectError(
            f"{path} is damaged: its project settings are missing. {restore_hint(path)}"
        )


def create_file(
    path: Path, schema_source: str, upto: int = SCHEMA_VERSION, project_id: str | None = None
) -> None:
    """Write a new, empty project file at ``path``.

    Args:
        path: where to create it; must not exist.
        schema_source: the label schema's TOML, stored in the file.
        upto: the file version to create (tests make older files with it).
        project_id: the id of the project the file belongs to; a new one when
            None (a work package takes its project's id).

    Raises:
        ProjectError: the file exists or cannot be written.
    """
    if path.exists():
        raise ProjectError(f"{path} already exists; choose another name or open it")
    try:
        db = connect(path, read_only=False)
    except sqlite3.Error as exc:
        raise ProjectError(f"cannot create {path}: {exc}") from None
    try:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(db, target=upto)
        with db.atomic():
            db.table("meta").insert_all(
                [
                    {"key": "project_id", "value": project_id or str(uuid.uuid4())},
                    {"key": "schema", "value": schema_source},
                ]
            )
    except sqlite3.Error as exc:
        db.close()
        path.unlink(missing_ok=True)
        raise ProjectError(f"cannot create {path}: {exc}") from None
    db.close()


@contextmanager
def translate_errors(path: Path, doing: str) -> Iterator[None]:
    """Turn SQLite failures while ``doing`` something into messages for the user."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        text = str(exc)
        if "full" in text:
            reason = "the disk is full. Free some space and try again"
        elif "locked" in text or "busy" in text:
            reason = "another program is writing to the project. Try again in a moment"
        elif "readonly" in text:
            reason = "the project is read-only here"
        else:
            reason = text
        raise ProjectError(f"could not save {doing}: {reason}. Nothing was changed.") from None
    except sqlite3.IntegrityError as exc:
        raise ProjectError(
            f"could not save {doing}: it refers to a label or actor that no longer exists ({exc})"
        ) from None
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"could not save {doing}: {path} is damaged ({exc})") from None
