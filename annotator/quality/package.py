"""Work packages: a standalone project file with one annotator's share of a project.

A package is a project file like any other (the annotator opens it in the
app), with the project's id and schema, the whole actor registry, the articles
assigned to the annotator (every article when the project has no
assignments), those assignments, and the annotator's own labels and statuses
on them. Nothing of other annotators is in it, so double annotation stays
blind: not their labels, statuses, assignments or undo history, and an actor
shows who created it only if it was the annotator.

It also records what it was made with (see `annotator.quality.snapshot`) and
which articles were assigned, so `annotator.quality.merge` can tell later what
the annotator changed, and refuse what a package may not change
(`annotator.quality.package_check`). The lead's project records each package
it made (table ``issued_packages``: the package id, whom it is for, when, and
the articles assigned), and a merge trusts that record, not the package's own.
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, ProjectError
from annotator.quality.snapshot import TRACKED, digest, row_key, stream
from annotator.store import database
from annotator.store.bulk import BulkWriter
from annotator.store.events import now
from annotator.store.lock import lock_path
from annotator.store.project import Project

log = logging.getLogger(__name__)

PACKAGE_KEY = "package"
"""The meta key under which a package records where it comes from."""


@dataclass(frozen=True, slots=True)
class PackageInfo:
    """What a work package records about itself."""

    package_id: str
    annotator: str
    packaged_at: str
    project_file: str
    """The name of the lead's project file it was made from."""


@dataclass(frozen=True, slots=True)
class PackageReport:
    """What `write_package` put in a package."""

    path: Path
    annotator: str
    articles: int
    labels: int
    actors: int
    all_articles: bool
    """True when the project had no assignments and every article was packaged."""

    def summary(self) -> str:
        """One line for the user."""
        which = "all " if self.all_articles else ""
        why = " (the project has no assignments)" if self.all_articles else ""
        return (
            f"packaged {which}{self.articles} article{'s' * (self.articles != 1)}{why},"
            f" {self.labels} label{'s' * (self.labels != 1)} of {self.annotator}"
            f" and {self.actors} actor{'s' * (self.actors != 1)} into {self.path}"
        )


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


def package_info(project: Project) -> PackageInfo | None:
    """The package record of a project file, or None if it is not a work package.

    Raises:
        ProjectError: the record is there but not what `write_package` writes.
    """
    found = project.conn.execute("SELECT value FROM meta WHERE key = ?", (PACKAGE_KEY,)).fetchone()
    if found is None:
        return None
    try:
        data = json.loads(found[0])
    except (json.JSONDecodeError, TypeError, RecursionError):
        data = None
    fields = ("package_id", "annotator", "packaged_at", "project_file")
    if not isinstance(data, dict) or not all(isinstance(data.get(f), str) for f in fields):
        raise ProjectError(
            f"{project.path}: its work package record is damaged (not the JSON object"
            f" `annotator package` writes, with {', '.join(fields)}); make the package again"
        )
    return PackageInfo(*(data[f] for f in fields))


def _remove(path: Path) -> None:
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    lock_path(path).unlink(missing_ok=True)


def write_package(project: Project, annotator: str, target: Path | str) -> PackageReport:
    """Write a work package for ``annotator`` to ``target``.

    The file is written under a temporary name and renamed when complete, so
    a failure leaves nothing behind. ``project`` records the package (see
    `IssuedPackage`) just before the rename, so it must be open for writing.

    Raises:
        ProjectError: ``target`` exists, ``project`` is itself a package or is open read-only.
        AnnotatorError: the project has assignments but none for ``annotator``.
    """
    target = Path(target)
    annotator = annotator.strip()
    if not annotator:
        raise AnnotatorError("name the annotator the package is for")
    if target.exists():
        raise ProjectError(f"{target} already exists; choose another name")
    if package_info(project) is not None:
        raise ProjectError(
            f"{project.path.name} is a work package itself; make packages from the lead's project"
        )
    if project.read_only:
        raise ProjectError(
            f"{project.path.name} is open read-only: a package is recorded in the project it is"
            " made from (a merge checks it against that record); nothing was written"
        )
    all_articles = not project.has_assignments()
    if not all_articles and not project.assigned_articles(annotator):
        names = ", ".join(project.assignment_counts())
        raise AnnotatorError(f"no articles are assigned to {annotator!r} (assigned: {names})")
    partial = target.with_name(target.name + ".partial")
    _remove(partial)  # a package an earlier, interrupted run left unfinished
    database.create_file(partial, project.schema.source, project_id=project.project_id)
    try:
        with Project.open(partial, user=annotator) as package:
            packer = _Packer(project, package, annotator, all_articles)
            report = packer.run(target)
    except BaseException:
        _remove(partial)
        raise
    lock_path(partial).unlink(missing_ok=True)
    if target.exists():  # made by someone else meanwhile: never overwrite it
        _remove(partial)
        raise ProjectError(f"{target} already exists; choose another name")
    issued = IssuedPackage(**{**packer.record, "file": target.name})
    try:
        with (
            database.translate_errors(project.path, "the record of the package"),
            project.db.atomic(),
        ):
            record_issued(project, issued)
    except BaseException:
        _remove(partial)
        raise
    try:
        partial.rename(target)
    except BaseException:
        with project.db.atomic():  # never made: no record of it
            project.conn.execute(
                "DELETE FROM issued_packages WHERE package_id = ?", (issued.package_id,)
            )
        _remove(partial)
        raise
    log.info("%s", report.summary())
    return report


class _Packer:
    """Copies one annotator's share of a project into a new package file."""

    def __init__(self, project: Project, package: Project, annotator: str, everything: bool):
        self.project = project
        self.package = package
        self.annotator = annotator
        self.everything = everything
        self.record: dict[str, Any] = {}
        """What the lead's project records of the package (`IssuedPackage` but its file)."""
        # Which articles go in: SQL over the project's ``articles`` aliased ``a``.
        self.chosen = (
            "1"
            if everything
            else "a.id IN (SELECT article_id FROM assignments WHERE annotator = :who)"
        )

    def _own(self, table: str) -> str:
        """The annotator's rows of a label table, on the packaged articles."""
        return (
            f"SELECT t.* FROM {table} t JOIN articles a ON a.id = t.article_id"
            f" WHERE t.annotator = :who AND {self.chosen} ORDER BY t.rowid"
        )

    def run(self, target: Path) -> PackageReport:
        source = self.project.conn
        who = {"who": self.annotator}
        counts = dict.fromkeys(("articles", "actors", "labels"), 0)
        with BulkWriter(self.package, doing=f"the package {target.name}") as writer:
            sql = f"SELECT a.* FROM articles a WHERE {self.chosen} ORDER BY a.rowid"
            for row in stream(source, sql, who):
                writer.put_row("articles", row)
                counts["articles"] += 1
            for row in stream(source, "SELECT * FROM actors ORDER BY rowid"):
                if row["created_by"] != self.annotator:
                    row["created_by"] = None  # who else made it is not the annotator's to see
                writer.put_row("actors", row)
                counts["actors"] += 1
            sql = "SELECT * FROM actor_aliases ORDER BY actor_id, position, rowid"
            for row in stream(source, sql):
                writer.put_row("actor_aliases", row)
            for table in ("mentions", "claims", "statuses"):
                for row in stream(source, self._own(table), who):
                    writer.put_row(table, row)
                    counts["labels"] += table != "statuses"
            for row in stream(source, self._own_links(), who):
                writer.put_row("claim_links", row)
            writer.flush()
            self._finish(target)
        return PackageReport(
            target,
            self.annotator,
            counts["articles"],
            counts["labels"],
            counts["actors"],
            self.everything,
        )

    def _own_links(self) -> str:
        """Links between two of the annotator's claims, both on packaged articles."""
        both = " AND ".join(
            f"{end}.id IN (SELECT t.id FROM claims t JOIN articles a ON a.id = t.article_id"
            f" WHERE t.annotator = :who AND {self.chosen})"
            for end in ("ca", "cb")
        )
        return (
            "SELECT l.* FROM claim_links l JOIN claims ca ON ca.id = l.claim_a"
            f" JOIN claims cb ON cb.id = l.claim_b WHERE {both} ORDER BY l.rowid"
        )

    def _finish(self, target: Path) -> None:
        """The annotator's assignments, the package record and the base fingerprints."""
        conn = self.package.conn
        assigned = None if self.everything else self.project.assigned_articles(self.annotator)
        conn.executemany(
            "INSERT INTO assignments (article_id, annotator) VALUES (?, ?)",
            ((a, self.annotator) for a in assigned or ()),
        )
        package_id = str(uuid.uuid4())
        record = {
            "package_id": package_id,
            "annotator": self.annotator,
            "packaged_at": now(),
            "project_file": self.project.path.name,
            "assigned": assigned,  # a merge refuses a package whose assignments changed
        }
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)", (PACKAGE_KEY, json.dumps(record))
        )
        self.record = {
            "package_id": package_id,
            "annotator": self.annotator,
            "packaged_at": record["packaged_at"],
            "assigned": assigned or [],
        }
        for table in TRACKED:
            conn.executemany(
                "INSERT INTO merge_base (package_id, tbl, key, digest) VALUES (?, ?, ?, ?)",
                (
                    (package_id, table, row_key(table, row), digest(table, row))
                    for row in stream(conn, f"SELECT * FROM {table}")
                ),
            )
