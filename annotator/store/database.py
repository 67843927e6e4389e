"""Opening, creating and checking the SQLite project file.

Nothing is written to a file until it has been shown to be a Claim annotator
project of a version this code understands: the SQLite header is read as
bytes first, then a read-only connection checks every page, the project
settings and that the tables are those of the version the file states. Only
then is a connection that writes opened (which switches the file to WAL). So
a wrong, newer, damaged or inconsistent file is refused untouched.

Checking every page reads the whole file (a second or two for 1.7 GB), so
the app has it done by a `PageCheck` in a thread of its own while the window
opens: until that check has passed, every write waits for it
(`translate_errors`), and a file it finds damaged is never written to.

A read-only connection leaves no ``-wal`` / ``-shm`` behind that were not
there before (see `read_connection`), and reads a project on a read-only disk
or folder (SQLite's ``immutable`` mode, when no other program can be writing).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import struct
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from annotator.core.errors import DamagedProjectError, ProjectError, ReadOnlyProjectError
from annotator.store.lock import other_names
from annotator.store.migrations import SCHEMA_VERSION, migrate, table_columns, version_mismatch

log = logging.getLogger(__name__)

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
    _check_version(path, application_id, version)
    return version


def _check_version(path: Path, application_id: int, version: int) -> None:
    if application_id != APPLICATION_ID:
        raise ProjectError(f"{path} is an SQLite file but not a Claim annotator project")
    if version > SCHEMA_VERSION:
        raise ProjectError(
            f"{path} was saved by a newer Claim annotator (file version {version}; "
            f"this one reads up to {SCHEMA_VERSION}). Update the app to open it."
        )


def journals(path: Path) -> tuple[Path, Path]:
    """The ``-wal`` and ``-shm`` files SQLite keeps beside a WAL-mode database."""
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def sqlite_path(path: Path) -> Path:
    """The resolved name SQLite opens a project file by.

    SQLite keeps a WAL-mode file's journals beside the name it was opened by
    (``NAME-wal``, ``NAME-shm``). A file with other names in its folder (hard
    links, see `annotator.store.lock.other_names`) is opened by the name
    whose journals exist, so every opener shares them: a reader sees what a
    writer through another name saved, and a ``-wal`` left by a crash is
    applied, not overwritten.
    """
    real = Path(os.path.realpath(path))
    for name in (real, *other_names(real)):
        if any(journal.exists() for journal in journals(name)):
            return name
    return real


def check_writable(path: Path) -> None:
    """Check that a project can be written here: the file, and its folder (for ``-wal``, lock).

    Raises:
        ReadOnlyProjectError: it cannot (read-only disk, folder or file); it
            can still be opened read-only.
    """
    real = Path(os.path.realpath(path))
    if os.access(real, os.W_OK) and os.access(real.parent, os.W_OK):
        return
    raise ReadOnlyProjectError(str(path), _why_read_only(real))


def _why_read_only(real: Path) -> str:
    try:
        if os.statvfs(real).f_flag & os.ST_RDONLY:
            return "the disk is read-only"
    except (AttributeError, OSError):  # no statvfs on Windows
        pass
    if not os.access(real, os.W_OK):
        return "the file is read-only"
    return "its folder is read-only"


class _Reader(sqlite3.Connection):
    """A read-only connection that removes, when closed, the journals its reading made."""

    tidy: Path | None = None

    def close(self) -> None:
        """Close, then let SQLite remove the ``-wal`` / ``-shm`` this connection made."""
        super().close()
        path, self.tidy = self.tidy, None
        if path is not None and any(p.exists() for p in journals(path)):
            _remove_idle_journals(path)


def _remove_idle_journals(path: Path) -> None:
    """Have SQLite remove ``path``'s ``-wal`` and ``-shm`` if no connection uses them.

    A reader cannot remove them, but the last connection that may write
    does so when it closes: it takes an exclusive lock on the file first
    (so it never removes journals another connection uses) and, the ``-wal``
    being empty, writes nothing to the file.
    """
    # In use, or unreadable: they stay, as SQLite would leave them.
    _read_once_as_writer(path)


def _read_once_as_writer(path: Path) -> sqlite3.Error | None:
    """Read ``path`` once through an ordinary connection, without waiting for a lock.

    What SQLite itself does then is the point: on closing, the last connection
    removes an idle ``-wal`` and ``-shm``; on reading, a ``-journal`` left by a
    write cut short is rolled back. Returns SQLite's refusal (the file in use,
    or unreadable), or None.
    """
    try:
        conn = sqlite3.connect(str(path), timeout=0)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return exc
    return None


def _roll_back_hot_journal(path: Path, real: Path, writable: bool) -> None:
    """Put back what a write cut short left in a ``-journal``, before a read-only connection reads.

    A large import writes through a rollback journal (`annotator.store.bulk`);
    killed mid-way, it leaves the pages it replaced in ``<file>-journal``. A
    read-only connection cannot roll that back (SQLite refuses to read the
    file at all), so an ordinary connection reads once first, which rolls it
    back (SQLite does so only if no program is writing the file now). Without
    a writable file and folder the journal stays, and the file is not read.

    Raises:
        ProjectError: a journal to roll back in a folder or file that cannot be written.
    """
    journal = real.with_name(real.name + "-journal")
    try:
        if journal.stat().st_size == 0:
            return
    except OSError:
        return
    if not writable:
        raise ProjectError(
            f"{path} cannot be read here: {journal.name} beside it holds a write that was cut"
            " short, and the folder or file is read-only. Copy the file and its journal together"
            " to a folder you can write to, and open the copy. The file was not changed."
        )
    # No waiting: a program holding the file is writing it (the journal is its own).
    refused = _read_once_as_writer(real)
    if refused is not None:  # being written now (not hot after all), or unreadable
        log.info("%s: journal left to its writer (%s)", real, refused)


def read_connection(path: Path) -> sqlite3.Connection:
    """A connection that never writes to ``path`` and leaves nothing new beside it.

    (A ``-journal`` left by a write cut short is rolled back first: see
    `_roll_back_hot_journal`.)

    SQLite makes ``-wal`` and ``-shm`` files to read a WAL-mode file. When
    neither was there, closing the connection removes them again (see
    `_remove_idle_journals`); when none can be made (a read-only disk or
    folder, or a read-only file), the file is opened ``immutable``: with no
    ``-wal`` it holds all its content, and no program can be writing to it.

    Raises:
        ProjectError: the ``-wal`` holds changes that cannot be read here (a
            read-only folder without the ``-shm`` SQLite needs to read them).
    """
    real = sqlite_path(path)
    wal, shm = journals(real)
    had_journals = wal.exists() or shm.exists()
    writable = os.access(real, os.W_OK) and os.access(real.parent, os.W_OK)
    _roll_back_hot_journal(path, real, writable)
    options = "mode=ro"
    if not writable and not shm.exists():
        if wal.exists() and wal.stat().st_size > 0:
            raise ProjectError(
                f"{path} cannot be read here: its {wal.name} holds changes not yet in the "
                f"file, and the folder is read-only. Copy {real.name} and {wal.name} together "
                "to a folder you can write to, and open the copy. The file was not changed."
            )
        options += "&immutable=1"
    conn = sqlite3.connect(
        f"{real.as_uri()}?{options}",
        uri=True,
        timeout=BUSY_TIMEOUT_MS / 1000,
        factory=_Reader,
    )
    if writable and not had_journals:
        conn.tidy = real
    return conn


def connect(path: Path, read_only: bool) -> sqlite_utils.Database:
    """Open a connection with the project's pragmas (WAL, foreign keys, busy timeout).

    ``read_only`` connections are made by `read_connection`.
    """
    if read_only:
        conn = read_connection(path)
    else:
        conn = sqlite3.connect(sqlite_path(path), timeout=BUSY_TIMEOUT_MS / 1000)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if not read_only:
        db.execute("PRAGMA journal_mode = WAL")
        # WAL with synchronous=NORMAL can lose the last commits on power loss
        # but never corrupts; FULL makes each action durable when it returns.
        db.execute("PRAGMA synchronous = FULL")
    return db


@contextmanager
def busy_timeout(conn: sqlite3.Connection, milliseconds: int) -> Iterator[None]:
    """Wait at most ``milliseconds`` for a lock inside the block (then as before)."""
    (before,) = conn.execute("PRAGMA busy_timeout").fetchone()
    conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(before)}")


def restore_hint(path: Path) -> str:
    """What to do about a damaged file, naming the menu item and the commands."""
    shown = f'"{path}"' if any(c.isspace() for c in str(path)) else str(path)
    return RESTORE_HINT.format(path=shown)


def damaged(path: Path, reason: object) -> DamagedProjectError:
    """The error for a file SQLite finds corrupt; ``reason`` is kept to one short line."""
    detail = _short(reason)
    return DamagedProjectError(
        f"{path} is damaged and cannot be opened ({detail}). The file was not changed. "
        f"{restore_hint(path)}"
    )


def check_readable(db: sqlite_utils.Database, path: Path, pages: bool = True) -> int:
    """Check every page, the settings and the tables, so a bad file fails here, not later.

    ``quick_check`` reads each page once (about a second per GB); without it
    a damaged page is only found when someone scrolls to it. ``pages=False``
    leaves that to a `PageCheck` started next. The tables must be those of
    the version the file states (see
    `annotator.store.migrations.version_mismatch`): an upgrade of a file whose
    number is wrong would fail half-way. Meant for a read-only connection,
    before anything writes.

    Returns:
        The file's version (``PRAGMA user_version``, as the ``-wal`` has it).

    Raises:
        ProjectError: not ours or newer (as its ``-wal`` has it), or it cannot be read here.
        DamagedProjectError: the file is corrupt, incomplete, or its tables
            contradict its version.
    """
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        problem = db.execute("PRAGMA quick_check(1)").fetchone()[0] if pages else "ok"
        if problem != "ok":
            raise damaged(path, problem)
        application_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = table_columns(db)
        has_meta = {"key", "value"} <= tables.get("meta", frozenset())
        rows = dict(db.execute("SELECT key, value FROM meta").fetchall()) if has_meta else {}
    except sqlite3.OperationalError as exc:
        if "unable to open" in str(exc):  # not damage: e.g. a folder it cannot read
            raise ProjectError(
                f"{path} cannot be read here ({exc}). The file was not changed."
            ) from None
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY:
            # Not damage: a large import writes it through a rollback journal (see
            # `annotator.store.bulk`), which readers wait for.
            raise ProjectError(
                f"{path} is being written by another program (a large import?) and cannot be"
                " read now; open it again once that is done. The file was not changed."
            ) from None
        raise damaged(path, exc) from None
    except sqlite3.DatabaseError as exc:
        raise damaged(path, exc) from None
    _check_version(path, application_id, version)
    if "project_id" not in rows or "schema" not in rows:
        raise DamagedProjectError(
            f"{path} is damaged: its project settings are missing. The file was not changed. "
            f"{restore_hint(path)}"
        )
    mismatch = version_mismatch(tables, version)
    if mismatch is not None:
        raise DamagedProjectError(
            f"{path} is damaged: it says it is file version {version}, but {mismatch}. "
            f"The file was not changed. {restore_hint(path)}"
        )
    return int(version)


class PageCheck:
    """``PRAGMA quick_check`` of a project file, in a thread and on a connection of its own.

    `Project.open` starts one (with ``background_check=True``, as the app
    opens projects) in place of the check of every page it otherwise makes
    before it returns, so a window on a large project opens at once. SQLite
    reads in one thread while another writes, so the check runs beside the
    project's own connection, on a read-only one.

    Until the check has passed nothing is written to the file:
    `translate_errors`, which every write of the store goes through, waits
    for it and refuses, with `refusal`, when it found the file damaged.
    `when_done` tells whoever shows the project what it found; `cancel`
    (from `Project.close`) stops it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem: ProjectError | None = None
        """What the check found: None while it runs and when the file is sound."""
        self._detail = ""
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._cancelled = False
        self._listeners: list[Callable[[ProjectError | None], None]] = []
        self._thread = threading.Thread(target=self._run, name="page check", daemon=True)

    @classmethod
    def start(cls, path: Path) -> PageCheck:
        """Start checking the project file at ``path``; writes to it wait for the outcome."""
        check = cls(path)
        with _CHECKS_LOCK:
            _CHECKS[_check_key(path)] = check
        check._thread.start()
        return check

    @property
    def done(self) -> bool:
        """True once the check has ended (or was cancelled)."""
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> ProjectError | None:
        """Wait for the check to end (at most ``timeout`` seconds); what it found so far."""
        self._done.wait(timeout)
        return self.problem

    def when_done(self, listener: Callable[[ProjectError | None], None]) -> None:
        """Call ``listener`` with what the check found once it ends (None: the file is sound).

        The call comes from the check's thread, or at once from this one if
        the check has ended; never after `cancel`.
        """
        with self._lock:
            if not self._done.is_set():
                self._listeners.append(listener)
                return
            cancelled = self._cancelled
        if not cancelled:
            listener(self.problem)

    def refusal(self, doing: str) -> DamagedProjectError:
        """The error for a write the damage found refuses."""
        return DamagedProjectError(
            f"could not save {doing}: {self.path} is damaged ({self._detail}). "
            f"Nothing was changed. {restore_hint(self.path)}"
        )

    def cancel(self) -> None:
        """Stop the check (the project closes) and wait for its thread; no listener is called."""
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                self._conn.interrupt()
        if self._thread.is_alive():
            self._thread.join()
        with _CHECKS_LOCK:
            if _CHECKS.get(_check_key(self.path)) is self:
                del _CHECKS[_check_key(self.path)]

    def _run(self) -> None:
        problem: ProjectError | None = None
        try:
            problem = self._check()
        except ProjectError as exc:  # `read_connection`: it cannot be read here
            problem = exc
        finally:
            with self._lock:
                cancelled = self._cancelled
                self.problem = None if cancelled else problem
                self._done.set()
                listeners, self._listeners = self._listeners, []
            if not cancelled:
                for listener in listeners:
                    listener(self.problem)

    def _check(self) -> ProjectError | None:
        try:
            conn = read_connection(self.path)
            try:
                with self._lock:
                    if self._cancelled:
                        return None
                    self._conn = conn
                found = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
            finally:
                with self._lock:
                    self._conn = None
                conn.close()
        except sqlite3.OperationalError as exc:
            if self._cancelled:  # interrupted: the project is closing
                return None
            if "unable to open" in str(exc):
                return ProjectError(f"{self.path} cannot be read here ({exc}).")
            found = str(exc)
        except sqlite3.DatabaseError as exc:
            found = str(exc)
        if found == "ok":
            return None
        error = damaged(self.path, found)
        self._detail = _short(found)
        return error


_CHECKS: dict[str, PageCheck] = {}
"""The page checks under way or failed, by real path of their file: writes wait for them."""
_CHECKS_LOCK = threading.Lock()


def _check_key(path: Path) -> str:
    return os.path.realpath(path)


def _short(reason: object) -> str:
    """``reason`` on one short line."""
    detail = " ".join(str(reason).split())
    return detail[:119] + "…" if len(detail) > 120 else detail


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
    """Turn SQLite failures while ``doing`` something into messages for the user.

    Every write of the store runs inside: a write to a file whose `PageCheck`
    is still under way waits for it, and one whose check found damage is
    refused (`PageCheck.refusal`) before anything is written.
    """
    if _CHECKS:
        with _CHECKS_LOCK:
            check = _CHECKS.get(_check_key(path))
        if check is not None and isinstance(check.wait(), DamagedProjectError):
            raise check.refusal(doing)
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
