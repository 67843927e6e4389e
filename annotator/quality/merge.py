"""Merge annotators' work packages back into the lead's project.

Each package is compared row by row with two things: the project as it is
now, and the base, i.e. the rows the package was made with (or, if this
package was merged before, its rows as last merged). So a merge knows who
changed what since the package was made:

- changed only in the package: the project takes the package's version;
- changed only in the project: the project keeps its version;
- changed in both, differently: a **conflict**. The project keeps its
  version; the package's version is kept in the project's ``merge_conflicts``
  table and reported. Merging again reports it only if the package changes
  that row again.
- deleted in the package (a mention, claim, link, status or alias in the base
  but no longer in the package): deleted in the project too, unless the
  project changed it since (a conflict; the project's version is kept).
  Actors are never deleted by a merge: the registry is shared.
- new in the package: added. An actor new in the package whose name or one
  of whose aliases equals (ignoring case and spacing) the name or an alias of
  an actor in the project is that actor (`annotator.quality.actor_match`):
  its labels are rewritten to it and its other names become aliases of it.
  Names come before aliases, then the first actor by name.
- the annotator's rejections of suggestions and the provenance of the labels
  they accepted from suggestions (`annotator.store.suggestion_share`): those
  made in the package are added, those undone there removed. They are never
  changed, only made or undone, so they are never in conflict; a project that
  has one already keeps it (merging twice adds none).

A merge of one file is one transaction: a file that cannot be merged changes
nothing. Merging a file twice changes nothing the second time.

A package carries only its annotator's labels and statuses (and rejections and
provenance): one that holds anything else (another annotator's or gold's labels,
rejections or provenance, a label whose annotator was changed, other
assignments or tables) is refused whole before anything is
written; `annotator.quality.package_check` says exactly what a package may change.
Whose package it is comes from the project's record of making it, not from
the package: one the project has no record of is refused, unless the lead
accepts it (``accept_unrecorded``: made before projects recorded packages), and
then the report says so and the project records it.

A package made before the project's schema was updated is refused (its
values differ) until the same update is applied to it; then it merges like
any other: each update fingerprints the merge base again as rewritten
(`annotator.store.schema_rewrite`), so a label that only the update changed
is no change of the package's or the project's.

This module checks the files and runs the merge of each
(`annotator.quality.merge_file`: the decision row by row); the store writes
what it decided (`annotator.store.merging`, `annotator.store.packages`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path

from annotator.core.errors import BackupError, InputError, ProjectError
from annotator.core.schema import LabelSchema
from annotator.quality.actor_match import normalise as normalise
from annotator.quality.merge_file import FileMerge
from annotator.quality.merge_report import MergeReport
from annotator.quality.package import PackageInfo, package_info
from annotator.quality.package_check import check_package
from annotator.store.backup import backup_project
from annotator.store.merging import merge_cache
from annotator.store.packages import IssuedPackage
from annotator.store.project import Project

log = logging.getLogger(__name__)


def _schema_difference(one: LabelSchema, other: LabelSchema) -> str | None:
    """The first field whose values differ between two schemas, or None if they agree."""
    for name in sorted(set(one.fields) | set(other.fields)):
        a, b = one.fields.get(name), other.fields.get(name)
        if a is None or b is None or set(a.ids()) != set(b.ids()) or a.extra != b.extra:
            return name
    return None


def _update_first(project: Project, package: Project, path: Path) -> str:
    """What to do when the project's schema was updated since the package was made; else ""."""
    history = project.schema_history()
    if not any(package.schema.fingerprint == c.previous_fingerprint for c in history):
        return ""
    return (
        f". The schema of {project.path.name} was updated since (revision"
        f" {project.schema.revision} now): update the package with the same file"
        f" (annotator schema {path.name} --update NEW.toml, with the same --map options),"
        " then merge it; its labels wait in it until then"
    )


def _open_package(
    project: Project, path: Path, stack: ExitStack, accept_unrecorded: bool
) -> tuple[Project, PackageInfo, IssuedPackage | None]:
    """Open a package read-only and check that it belongs to ``project``.

    Returns it, its own record, and the project's record of making it (None:
    none, and ``accept_unrecorded``).

    Raises:
        InputError: the project itself, another project, another schema, not a package,
            or a package that changes what it may not (`annotator.quality.package_check`).
        ProjectError: not a project file at all, damaged, or from a newer version.
    """
    if path.exists() and path.resolve() == project.path.resolve():
        raise InputError(str(path), "is the project itself; nothing was merged")
    package = stack.enter_context(Project.open(path, read_only=True))
    if package.project_id != project.project_id:
        raise InputError(
            str(path),
            f"belongs to another project (project id {package.project_id};"
            f" {project.path.name} has {project.project_id}); nothing was merged",
        )
    different = _schema_difference(package.schema, project.schema)
    if different is not None:
        raise InputError(
            str(path),
            f"uses another label schema than {project.path.name} (field {different!r} differs);"
            f" nothing was merged{_update_first(project, package, path)}",
        )
    info = package_info(package)
    if info is None:
        raise InputError(
            str(path),
            "is not a work package (make them with `annotator package`); nothing was merged",
        )
    issued = check_package(project, package, info, path, accept_unrecorded)
    return package, info, issued


def merge_packages(
    project: Project, paths: Sequence[Path | str], accept_unrecorded: bool = False
) -> MergeReport:
    """Merge work packages into ``project``, each file in its own transaction.

    Every file is checked (same project, same schema, a package the project
    made) before any is merged, so a refused file means nothing was merged.
    Then the project is backed up (see `annotator.store.backup`).
    ``accept_unrecorded`` takes a package the project has no record of making
    (made before projects recorded them) as the package its own record names;
    the report lists those (`MergeReport.unrecorded`).

    Raises:
        InputError: a file is refused or holds bad data; files before a bad one stay
            merged, nothing of it is.
        ProjectError: the project is read-only or a package itself, or a file is not a project.
        BackupError: the project could not be backed up first (``before-merge``); nothing
            was merged.
    """
    if project.read_only:
        raise ProjectError(f"{project.path.name} is open read-only: nothing was merged")
    if package_info(project) is not None:
        raise ProjectError(
            f"{project.path.name} is a work package; merge packages into the lead's project"
        )
    report = MergeReport()
    with ExitStack() as stack:
        packages = [
            (Path(p), *_open_package(project, Path(p), stack, accept_unrecorded)) for p in paths
        ]
        _back_up(project)
        with merge_cache(project):
            for path, package, info, issued in packages:
                report.add(FileMerge(project, package, info, issued, path).run())
    log.info("merge into %s of %s: %s", project.path, ", ".join(map(str, paths)), report.summary())
    return report


def _back_up(project: Project) -> None:
    """Back up the project before a merge writes to it (reason ``before-merge``).

    Raises:
        BackupError: it could not be backed up; nothing is merged then.
    """
    try:
        backup_project(project, "before-merge")
    except BackupError as exc:
        raise BackupError(
            f"{exc}. A merge first backs up the project; nothing was merged"
        ) from None
