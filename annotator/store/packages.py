"""What project files record about work packages and their merges.

A work package (see `annotator.quality.package`) is a project file whose
settings hold the package's own record (key `PACKAGE_KEY`), its annotator's
assignments, and the fingerprints of the rows it was made with (table
``merge_base``). The lead's project records each package it made
(``issued_packages``, as `IssuedPackage`), each merge (``merges``), the
fingerprints of a package's rows as last merged (``merge_base`` again) and the
package rows a merge did not take (``merge_conflicts``).

This module reads and writes those records; `annotator.quality` decides what
goes in them. Functions that say "within the caller's transaction" are called
inside one (a `annotator.store.bulk.BulkWriter`, or a merge's
`annotator.store.merging.MergeWriter`); the others run their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.store import database

if TYPE_CHECKING:
    from annotator.store.project import Project

PACKAGE_KEY = "package"
"""The settings (``meta``) key under which a package records where it comes from."""

Key = tuple[str, str]
"""``(table, key)``: a row of a table a package carries; the key is its primary key as JSON."""


@dataclass(frozen=True, slots=True)
class IssuedPackage:
    """What the lead's project recorded when it made a package (table ``issued_packages``)."""

    package_id: str
    annotator: str
    packaged_at: str | None
    file: str | None
    assigned: list[str] | None
    """The articles assigned to the annotator then (empty when the project had no
    assignments); None when not known: a package made before projects recorded
    them (file version 6), recorded when it was first merged."""


@dataclass(frozen=True, slots=True)
class StoredConflict:
    """A package row a merge did not take, as ``merge_conflicts`` keeps it."""

    table: str
    key: str
    article_id: str | None
    annotator: str
    package_row: str | None
    """The package's version of the row as JSON; None when it has none (deleted there)."""
    message: str


# -- the package's own record ------------------------------------------------------------------


def package_record(project: Project) -> str | bytes | None:
    """The package record a project file holds (JSON as written), or None if it has none.

    A file edited by hand may hold anything there: what is not text is given as
    JSON (a number, ``null``), for the reader to refuse as no record object.
    """
    found = project.conn.execute("SELECT value FROM meta WHERE key = ?", (PACKAGE_KEY,)).fetchone()
    if found is None:
        return None
    value = found[0]
    return value if isinstance(value, str | bytes) else json.dumps(value)


def write_package_record(
    package: Project, record: str, annotator: str, assigned: Sequence[str]
) -> None:
    """Write a new package's record and its annotator's assignments (within the caller's transaction)."""
    package.conn.executemany(
        "INSERT INTO assignments (article_id, annotator) VALUES (?, ?)",
        ((article_id, annotator) for article_id in assigned),
    )
    package.conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (PACKAGE_KEY, record))


# -- the lead's record of packages it made -----------------------------------------------------


def issued_package(project: Project, package_id: str) -> IssuedPackage | None:
    """The project's record of making the package ``package_id``, or None if it has none."""
    found = project.conn.execute(
        "SELECT annotator, packaged_at, file, assigned FROM issued_packages WHERE package_id = ?",
        (package_id,),
    ).fetchone()
    if found is None:
        return None
    annotator, packaged_at, file, assigned = found
    articles = None if assigned is None else [str(a) for a in json.loads(assigned)]
    return IssuedPackage(package_id, annotator, packaged_at, file, articles)


def record_issued(project: Project, issued: IssuedPackage) -> None:
    """Record in ``project`` that it made this package (within the caller's transaction)."""
    assigned = None if issued.assigned is None else json.dumps(issued.assigned)
    project.conn.execute(
        "INSERT INTO issued_packages (package_id, annotator, packaged_at, file, assigned)"
        " VALUES (?, ?, ?, ?, ?)",
        (issued.package_id, issued.annotator, issued.packaged_at, issued.file, assigned),
    )


def issue(project: Project, issued: IssuedPackage) -> None:
    """Record that ``project`` made this package, in a transaction of its own.

    Raises:
        ProjectError: it could not be saved (full disk, locked, ...).
    """
    with database.translate_errors(project.path, "the record of the package"), project.db.atomic():
        record_issued(project, issued)


def withdraw(project: Project, package_id: str) -> None:
    """Remove the record of a package that was never made after all."""
    with project.db.atomic():
        project.conn.execute("DELETE FROM issued_packages WHERE package_id = ?", (package_id,))


# -- merges ------------------------------------------------------------------------------------


def merged_as(project: Project, package_id: str) -> str | None:
    """The annotator whose package ``package_id`` was merged into ``project``; None if never."""
    found = project.conn.execute(
        "SELECT annotator FROM merges WHERE package_id = ?", (package_id,)
    ).fetchone()
    annotator: str | None = None if found is None else found[0]
    return annotator


def record_conflicts(
    project: Project, package_id: str, conflicts: Iterable[StoredConflict], found_at: str
) -> bool:
    """Keep the conflicts of a merge (within the caller's transaction); True if any is new.

    A conflict kept before with the same package row and message is left as it was.
    """
    changed = False
    for c in conflicts:
        known = project.conn.execute(
            "SELECT package_row, message FROM merge_conflicts"
            " WHERE package_id = ? AND tbl = ? AND key = ?",
            (package_id, c.table, c.key),
        ).fetchone()
        if known == (c.package_row, c.message):
            continue
        project.conn.execute(
            "INSERT OR REPLACE INTO merge_conflicts (package_id, tbl, key, article_id,"
            " annotator, package_row, message, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                package_id,
                c.table,
                c.key,
                c.article_id,
                c.annotator,
                c.package_row,
                c.message,
                found_at,
            ),
        )
        changed = True
    return changed


def record_merge(
    project: Project,
    package_id: str,
    annotator: str,
    file: str,
    packaged_at: str,
    merged_at: str,
) -> None:
    """Record (or update) the merge of a package (within the caller's transaction)."""
    project.conn.execute(
        "INSERT OR REPLACE INTO merges (package_id, annotator, file, packaged_at, merged_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (package_id, annotator, file, packaged_at, merged_at),
    )


# -- fingerprints of a package's rows ----------------------------------------------------------


def read_base(project: Project, package_id: str) -> dict[Key, str]:
    """The fingerprints stored for ``package_id`` in a file: ``(table, key) -> digest``."""
    rows = project.conn.execute(
        "SELECT tbl, key, digest FROM merge_base WHERE package_id = ?", (package_id,)
    )
    return {(table, key): value for table, key, value in rows}


def base_entries(project: Project, package_id: str) -> list[tuple[object, object]]:
    """The ``(table, key)`` entries stored for ``package_id``, as stored, sorted.

    Nothing is assumed about them: in a package they may have been edited by hand.
    """
    rows = project.conn.execute(
        "SELECT tbl, key FROM merge_base WHERE package_id = ? ORDER BY tbl, key", (package_id,)
    )
    return [(table, key) for table, key in rows]


def add_base(project: Project, package_id: str, entries: Iterable[tuple[str, str, str]]) -> None:
    """Store the fingerprints of a new package's rows: ``(table, key, digest)`` entries.

    Within the caller's transaction; ``entries`` may be read while they are written.
    """
    project.conn.executemany(
        "INSERT INTO merge_base (package_id, tbl, key, digest) VALUES (?, ?, ?, ?)",
        ((package_id, table, key, value) for table, key, value in entries),
    )


def write_base(project: Project, package_id: str, base: dict[Key, str]) -> bool:
    """Make the fingerprints stored for ``package_id`` equal ``base``; True if any changed.

    Within the caller's transaction. Only differences are written, so storing
    the same base again leaves the file as it was.
    """
    old = read_base(project, package_id)
    gone = [(package_id, t, k) for (t, k) in old if (t, k) not in base]
    changed = [(package_id, t, k, d) for (t, k), d in base.items() if old.get((t, k)) != d]
    project.conn.executemany(
        "DELETE FROM merge_base WHERE package_id = ? AND tbl = ? AND key = ?", gone
    )
    project.conn.executemany(
        "INSERT INTO merge_base (package_id, tbl, key, digest) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (package_id, tbl, key) DO UPDATE SET digest = excluded.digest",
        changed,
    )
    return bool(gone or changed)
