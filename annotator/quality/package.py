"""Work packages: a standalone project file with one annotator's share of a project.

A package is a project file like any other (the annotator opens it in the
app), with the project's id and schema, the whole actor registry, the articles
assigned to the annotator (every article when the project has no
assignments), those assignments, and the annotator's own labels and statuses
on them, with their rejections of suggestions and the provenance of the
labels they accepted from suggestions there (`annotator.store.suggestion_share`). Nothing of other annotators is in it, so double annotation stays
blind: not their labels, statuses, assignments or undo history, and an actor
shows who created it only if it was the annotator.

It also records what it was made with (see `annotator.store.fingerprints`) and
which articles were assigned, so `annotator.quality.merge` can tell later what
the annotator changed, and refuse what a package may not change
(`annotator.quality.package_check`). The lead's project records each package
it made (`IssuedPackage`: the package id, whom it is for, when, and the
articles assigned), and a merge trusts that record, not the package's own.

This module decides what goes in a package; the store reads and writes it
(`annotator.store.package_rows`, `annotator.store.packages`).
"""

from __future__ import annotations

import json
import logging
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.core.errors import AnnotatorError, ProjectError
from annotator.store import database, package_rows, packages, suggestion_share
from annotator.store.bulk import BulkWriter
from annotator.store.events import now
from annotator.store.fingerprints import TRACKED, digest, row_key
from annotator.store.lock import lock_path
from annotator.store.package_rows import Share
from annotator.store.packages import PACKAGE_KEY as PACKAGE_KEY
from annotator.store.packages import IssuedPackage as IssuedPackage
from annotator.store.project import Project

log = logging.getLogger(__name__)


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


def package_info(project: Project) -> PackageInfo | None:
    """The package record of a project file, or None if it is not a work package.

    Raises:
        ProjectError: the record is there but not what `write_package` writes.
    """
    found = packages.package_record(project)
    if found is None:
        return None
    try:
        data = json.loads(found)
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
        packages.issue(project, issued)
    except BaseException:
        _remove(partial)
        raise
    try:
        partial.rename(target)
    except BaseException:
        packages.withdraw(project, issued.package_id)  # never made: no record of it
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
        self.share = Share(annotator, assigned_only=not everything)
        self.record: dict[str, Any] = {}
        """What the lead's project records of the package (`IssuedPackage` but its file)."""

    def run(self, target: Path) -> PackageReport:
        source = self.project
        counts = dict.fromkeys(("articles", "actors", "labels"), 0)
        with BulkWriter(self.package, doing=f"the package {target.name}") as writer:
            for row in package_rows.share_articles(source, self.share):
                writer.put_row("articles", row)
                counts["articles"] += 1
            for row in package_rows.rows(source, "actors"):
                if row["created_by"] != self.annotator:
                    row["created_by"] = None  # who else made it is not the annotator's to see
                writer.put_row("actors", row)
                counts["actors"] += 1
            for row in package_rows.rows(source, "actor_aliases"):
                writer.put_row("actor_aliases", row)
            for table in ("mentions", "claims", "statuses"):
                for row in package_rows.share_labels(source, self.share, table):
                    writer.put_row(table, row)
                    counts["labels"] += table != "statuses"
            for row in package_rows.share_links(source, self.share):
                writer.put_row("claim_links", row)
            writer.flush()
            for table in suggestion_share.SHARED:  # rejections, provenance of accepted labels
                found = list(suggestion_share.share_rows(source, self.share, table))
                suggestion_share.insert_rows(self.package, table, found)
            self._finish()
        return PackageReport(
            target,
            self.annotator,
            counts["articles"],
            counts["labels"],
            counts["actors"],
            self.everything,
        )

    def _finish(self) -> None:
        """The annotator's assignments, the package record and the base fingerprints."""
        assigned = None if self.everything else self.project.assigned_articles(self.annotator)
        package_id = str(uuid.uuid4())
        record = {
            "package_id": package_id,
            "annotator": self.annotator,
            "packaged_at": now(),
            "project_file": self.project.path.name,
            "assigned": assigned,  # a merge refuses a package whose assignments changed
        }
        packages.write_package_record(
            self.package, json.dumps(record), self.annotator, assigned or ()
        )
        self.record = {
            "package_id": package_id,
            "annotator": self.annotator,
            "packaged_at": record["packaged_at"],
            "assigned": assigned or [],
        }
        packages.add_base(
            self.package,
            package_id,
            (
                (table, row_key(table, row), digest(table, row))
                for table in TRACKED
                for row in package_rows.rows(self.package, table)
            ),
        )
        packages.add_base(
            self.package,
            package_id,
            (
                (table, suggestion_share.row_key(table, row), suggestion_share.PRESENT)
                for table in suggestion_share.SHARED
                for row in suggestion_share.rows(self.package, table)
            ),
        )
