"""The project: one SQLite file holding articles, the actor registry, labels and history.

`Project` and the store modules beside it (`bulk` for imports, `backup`, and
`packages`, `package_rows` and `merging` for work packages and their merges)
are the only way the rest of the product reads or writes a project
file. Every user action (add a claim, set a status, merge two actors) is one
method that runs in one transaction and is logged for undo, so what the user
saw saved is on disk.

`Project` opens, creates and closes the file and stores assignments; it takes
its other methods from mixins, one module per responsibility:

- `annotator.store.actions`: the action mechanism (`labelled`, one
  transaction and one log entry per action) and `undo` / `redo`;
- `annotator.store.actor_edits`: actors, aliases, merging two actors;
- `annotator.store.label_edits`: mentions, claims and their source rules,
  claim links, statuses, accepting a label into gold;
- `annotator.store.schema_changes`: showing and updating the label schema;
- `annotator.store.suggestions`: suggestions stored, offered, accepted and
  rejected, with the labels' provenance and the assist settings;
- `annotator.store.queries` (with `label_queries` and `actor_queries`): the
  reads, including those that can be long.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from annotator.core.errors import BackupError, ProjectError, ValidationError, quoted
from annotator.core.model import Article
from annotator.core.schema import LabelSchema, default_schema
from annotator.store import database
from annotator.store.actor_edits import ActorEdits
from annotator.store.backup import backup_connection
from annotator.store.events import Event, EventLog
from annotator.store.label_edits import LabelEdits
from annotator.store.lock import ProjectLock
from annotator.store.migrations import SCHEMA_VERSION, migrate
from annotator.store.rows import dumps, loads
from annotator.store.schema_changes import SchemaChanges
from annotator.store.suggestions import SuggestionEdits

log = logging.getLogger(__name__)


def _back_up_before_upgrade(conn: sqlite3.Connection, path: Path) -> None:
    """Back up a file of an older version before `migrate` writes to it.

    Raises:
        BackupError: it could not be backed up; it is then not upgraded either.
    """
    try:
        backup_connection(conn, path, "before-migration")
    except BackupError as exc:
        raise BackupError(
            f"{path.name} is from an older version and is backed up before it is upgraded, "
            f"but {exc}. It was not upgraded and not changed; open it again once a backup "
            "can be made."
        ) from None


class Project(SuggestionEdits, ActorEdits, LabelEdits, SchemaChanges):
    """An open project file.

    Use `Project.create` or `Project.open`, and `close` it (or use ``with``).
    """

    def __init__(self, path: Path, db: sqlite_utils.Database, lock: ProjectLock | None) -> None:
        self.path = path
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        self.read_only = lock is None
        self._lock = lock
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        self.project_id: str = meta["project_id"]
        self.schema: LabelSchema = self._load_schema(meta["schema"])
        self.events = EventLog(self.conn)
        self._label: str | None = None  # see `labelled`
        self._logged: list[Event] = []  # the entries logged inside `labelled`
        self.page_check: database.PageCheck | None = None
        """The check of every page still under way or done, when opened with ``background_check``."""
        self.closed = False
        self._text_lengths: dict[str, int] = {}
        """Article lengths met by label checks: an article's text never changes once stored."""

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, schema: LabelSchema | None = None) -> Project:
        """Create a new project file (refusing to overwrite one) and open it."""
        path = Path(path)
        database.create_file(path, (schema or default_schema()).source)
        return cls.open(path)

    @classmethod
    def open(
        cls,
        path: Path | str,
        read_only: bool = False,
        user: str | None = None,
        background_check: bool = False,
    ) -> Project:
        """Open a project file, upgrading it if it is from an older version.

        Args:
            path: the project file.
            read_only: open without the lock and without writing anything.
            user: the name recorded in the lock for others to see.
            background_check: check every page of the file in a thread of its
                own (`page_check`, a `database.PageCheck`) instead of before
                returning; writes wait until it has passed. The header, the
                settings and the tables are checked before returning in any
                case, and every page too before an older file is upgraded.

        The file is checked on a read-only connection first (see
        `database.check_readable`); only a project of a version this code
        reads is then opened for writing. An older file is backed up (reason
        ``before-migration``, see `annotator.store.backup`) before the upgrade
        writes anything to it.

        Raises:
            ProjectError: not a project, a newer version, damaged, (ProjectInUseError)
                open elsewhere, or (ReadOnlyProjectError) not writable here when
                ``read_only`` is False.
            BackupError: an older file could not be backed up, so it was not upgraded
                (and not changed).
        """
        path = Path(path)
        database.check_header(path)
        if not read_only:
            database.check_writable(path)
        lock = None if read_only else ProjectLock(path, user)
        try:
            db = database.connect(path, read_only=True)
            try:
                version = database.check_readable(db, path, pages=not background_check)
                if background_check and version < SCHEMA_VERSION and not read_only:
                    database.check_readable(db, path)  # every page before the upgrade writes
                    background_check = False
                if not read_only:
                    db.close()
                    db = database.connect(path, read_only=False)
                    if version < SCHEMA_VERSION:
                        _back_up_before_upgrade(db.conn, path)
                        with database.translate_errors(path, "the upgraded project"):
                            migrate(db)
                elif version < SCHEMA_VERSION:
                    raise ProjectError(
                        f"{path} is from an older version and must be upgraded: "
                        "open it normally once"
                    )
                opened = cls(path, db, lock)
                if background_check:
                    opened.page_check = database.PageCheck.start(path)
                log.info("opened %s%s", path, " read-only" if read_only else "")
                return opened
            except BaseException:
                db.close()
                raise
        except sqlite3.DatabaseError as exc:
            if lock:
                lock.release()
            # OperationalError: SQLite could not open or read the file; any
            # other DatabaseError (corrupt, not a database) is damage.
            if not isinstance(exc, sqlite3.OperationalError):
                raise database.damaged(path, exc) from None
            raise ProjectError(f"{path} cannot be opened: {exc}") from None
        except BaseException:
            if lock:
                lock.release()
            raise

    @classmethod
    @contextmanager
    def for_report(cls, path: Path | str) -> Iterator[Project]:
        """The project at ``path`` opened read-only for a report, its pages checked meanwhile.

        The check of every page (``PRAGMA quick_check``: 2.2 s of CPU on a 2.4 GB
        project) runs in a thread of its own while the report is computed,
        instead of before it starts; the block ends only once the check has
        passed. Damage it finds is the error, as on opening, also when reading
        the damaged pages is what made the report fail.
        """
        project = cls.open(path, read_only=True, background_check=True)
        try:
            try:
                yield project
            except sqlite3.DatabaseError:
                found = project.page_check.wait() if project.page_check else None
                if found is not None:
                    raise found from None
                raise
            found = project.page_check.wait() if project.page_check else None
            if found is not None:
                raise found
        finally:
            project.close()

    def reader(self) -> Project:
        """A read-only `Project` on this file, for a worker thread to read while this one writes.

        The file is in WAL mode, so neither waits for the other, and the reader
        sees each write once it is committed. Call it in the thread that reads:
        a connection belongs to the thread that made it. Nothing is checked
        again (this project's opening did), and no lock is taken; close it there.
        """
        return Project(self.path, database.connect(self.path, read_only=True), None)

    def close(self) -> None:
        """Close the file and release the lock; closing twice is harmless."""
        if not self.closed:
            log.info("closed %s", self.path)
        self.closed = True
        if self.page_check is not None:
            self.page_check.cancel()
        self.db.close()
        if self._lock:
            self._lock.release()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def total_changes(self) -> int:
        """A count that grows with every row written to the file since it was opened.

        SQLite's ``total_changes`` of the project's connection: two readings
        differ exactly when something was written in between (the app backs up
        only then). A count to compare, not one to show.
        """
        return self.conn.total_changes

    # -- assignments --------------------------------------------------------------------------

    def set_assignments(
        self, assignments: Iterable[tuple[str, str]], plan: dict[str, Any] | None = None
    ) -> int:
        """Replace every assignment with ``(article id, annotator)`` pairs, in one transaction.

        Labels and statuses are not touched. Like an import, this is not an undo
        step: a new plan replaces the old one. ``plan`` (how it was made) is kept
        in the project's settings. Returns the number of assignments stored.

        Raises:
            ValidationError: an article id is not in the project (nothing is changed).
        """
        if self.read_only:
            raise ProjectError(
                f"{self.path.name} is open read-only: the assignments were not saved"
            )
        with database.translate_errors(self.path, "the assignments"), self.db.atomic():
            self.conn.execute("PRAGMA defer_foreign_keys = ON")  # checked below, by name
            self.conn.execute("DELETE FROM assignments")
            self.conn.executemany(
                "INSERT OR IGNORE INTO assignments (article_id, annotator) VALUES (?, ?)",
                assignments,
            )
            unknown = self.conn.execute(
                "SELECT article_id FROM assignments"
                " WHERE article_id NOT IN (SELECT id FROM articles) LIMIT 1"
            ).fetchone()
            if unknown is not None:
                raise ValidationError(
                    f"cannot assign article {quoted(unknown[0])}: it is not in the project"
                )
            self.conn.execute("DELETE FROM meta WHERE key = 'assignment_plan'")
            if plan is not None:
                self.conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('assignment_plan', ?)", (dumps(plan),)
                )
            count = self.conn.execute("SELECT count(*) FROM assignments").fetchone()[0]
        return int(count)

    def assignment_plan(self) -> dict[str, Any] | None:
        """How the current assignments were made (see `set_assignments`), or None."""
        found = self.conn.execute("SELECT value FROM meta WHERE key = 'assignment_plan'").fetchone()
        return loads(found[0]) if found else None

    # -- import -----------------------------------------------------------------------------

    def add_articles(self, articles: list[Article]) -> None:
        """Insert new articles in one transaction (tests and small imports)."""
        from annotator.store.bulk import BulkWriter

        with BulkWriter(self) as writer:
            for article in articles:
                writer.add_article(article)
