"""What a work package may change, checked before a merge writes anything.

A package is a project file on an annotator's laptop, so anything in it may
have been edited by hand (``sqlite3 ana.claims "update claims set annotator='ben'"``),
its own record of whom it is for included. So whose a package is comes from
the lead's project, which records each package it makes (`IssuedPackage`):
a package the project has no record of making is refused, and so is one that
names another annotator than the record. A package made before projects
recorded them (file version 6) has no record unless it was merged before the
upgrade; it is taken on its own record only when the lead says so
(``accept_unrecorded``), and the merge then records it. A merge (`annotator.quality.merge`) takes from a package only what its
annotator may change:

- the annotator's own labels and statuses: mentions, claims and statuses
  whose ``annotator`` is the package's, and claim links between two of the
  annotator's claims in the package (recorded as made by the annotator, or
  by whoever made that link in the project: a lead may link them);
- the shared actor registry as the merge describes it: new actors (made by
  the annotator, or by nobody the package names), new and removed aliases,
  renames; and new articles.

Anything else refuses the whole package before anything is written, and the
message names the rows (table, id, annotator; the first few, then how many
more):

- a label or status of another annotator or of ``gold``, added or with its
  ``annotator`` changed, and a label whose id is another annotator's in the
  project;
- a claim citing another annotator's mention as its source, and a link to a
  claim that is not one of the annotator's claims in the package;
- a base entry (what the package says it was made with, so what a merge
  deletes when the package no longer has it) that names a row of someone else;
- assignments other than those the package was made with (as the project
  recorded them, or else the package's record; a package made before either
  did may hold only its annotator's);
- a new actor that names another annotator as its maker;
- a rejection of a suggestion or the provenance of an accepted label that is
  another annotator's (``annotator``, ``accepted_by``), in the package or in
  its base;
- tables whose columns differ from the project's (another label schema is
  refused by the merge itself).

The rules are here; the rows they look at are read by `annotator.store.package_rows`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from annotator.core.errors import InputError
from annotator.quality.package import PackageInfo
from annotator.store import package_rows, suggestion_share
from annotator.store.fingerprints import TRACKED
from annotator.store.packages import (
    IssuedPackage,
    base_entries,
    issued_package,
    merged_as,
    package_record,
)
from annotator.store.project import Project

SHOWN = 5
"""Rows a refusal names before it says how many more there are."""

TABLES = (
    "meta",
    "articles",
    "actors",
    "actor_aliases",
    "mentions",
    "claims",
    "claim_links",
    "statuses",
    "assignments",
    "merge_base",
)
"""The tables a merge reads from a package."""


def check_package(
    project: Project,
    package: Project,
    info: PackageInfo,
    path: Path,
    accept_unrecorded: bool = False,
) -> IssuedPackage | None:
    """Refuse a package that changes anything its annotator may not change.

    Returns the project's record of making the package; None for a package it
    has no record of, accepted only with ``accept_unrecorded``.

    Raises:
        InputError: naming what the package may not change, or a package the
            project has no record of making (unless accepted) or made for
            another annotator; nothing was merged.
    """
    _check_tables(project, package, path)
    issued = issued_package(project, info.package_id)
    merged_for = merged_as(project, info.package_id)
    if merged_for is not None and merged_for != info.annotator:
        raise InputError(
            str(path),
            f"was merged before as the package of {merged_for!r} but now names"
            f" {info.annotator!r}; nothing was merged",
        )
    if issued is None and not accept_unrecorded:
        raise InputError(
            str(path),
            f"{project.path.name} has no record of making this package (for {info.annotator!r},"
            f" id {info.package_id}); a package made before projects recorded them (file"
            " version 6) merges with `annotator merge --accept-unrecorded`; nothing was merged",
        )
    if issued is not None and issued.annotator != info.annotator:
        raise InputError(
            str(path),
            f"names {info.annotator!r} as its annotator, but {project.path.name} made this"
            f" package for {issued.annotator!r}; nothing was merged",
        )
    rules = _Rules(project, package, info, issued)
    problems = [
        *rules.foreign_labels(),
        *rules.taken_ids(),
        *rules.sources(),
        *rules.links(),
        *([] if merged_for else rules.base()),  # after a merge, the project keeps the base
        *rules.assignments(),
        *rules.actors(),
        *rules.suggestion_rows(merged_for is not None),
    ]
    if problems:
        more = f" and {len(problems) - SHOWN} more" if len(problems) > SHOWN else ""
        raise InputError(
            str(path),
            f"holds what a package of {info.annotator!r} may not change:"
            f" {', '.join(problems[:SHOWN])}{more}. A package carries only its annotator's"
            " labels and statuses; nothing was merged",
        )
    return issued


def _check_tables(project: Project, package: Project, path: Path) -> None:
    """Refuse a package whose tables have other columns than the project's."""
    for table in TABLES:
        ours, theirs = package_rows.columns(project, table), package_rows.columns(package, table)
        if ours == theirs:
            continue
        if not theirs:
            reason = f"has no table {table!r}"
        else:
            parts = [f"column {c!r} added" for c in sorted(theirs - ours)]
            parts += [f"column {c!r} missing" for c in sorted(ours - theirs)]
            reason = f"has another table {table!r} than {project.path.name} ({', '.join(parts)})"
        raise InputError(str(path), f"{reason}; nothing was merged")


def _base_key(table: object, text: object) -> list[str] | None:
    """The key of a base entry, or None unless it is a key of a table a package carries."""
    if not isinstance(table, str) or not isinstance(text, str):
        return None
    if table in TRACKED:
        columns = TRACKED[table][0]
    elif table in suggestion_share.SHARED:
        columns = suggestion_share.SHARED[table][0]
    else:
        return None
    try:
        key = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(key, list) or len(key) != len(columns):
        return None
    return key if all(isinstance(k, str) for k in key) else None


def _link(claim_a: str, claim_b: str) -> str:
    return f"claim_links {claim_a!r}–{claim_b!r}"


_OWNER_NAMES = {"suggestion_rejections": "annotator", "suggestion_provenance": "accepted by"}
"""How a refusal names whose a row of `suggestion_share.SHARED` is."""


class _Rules:
    """The checks, each yielding one line per row it refuses."""

    def __init__(
        self,
        lead: Project,
        package: Project,
        info: PackageInfo,
        issued: IssuedPackage | None,
    ) -> None:
        self.lead = lead
        self.package = package
        self.info = info
        self.issued = issued
        self.who = info.annotator

    def _owners(self, table: str, ids: list[str]) -> dict[str, str]:
        """The annotator of each of these labels in the project (labels not there left out)."""
        return package_rows.label_owners(self.lead, table, ids)

    def foreign_labels(self) -> Iterator[str]:
        """Labels and statuses in the package that are not the annotator's."""
        for table, label_id, annotator in package_rows.labels_not_of(self.package, self.who):
            yield f"{table} {label_id!r} (annotator {annotator!r})"

    def taken_ids(self) -> Iterator[str]:
        """The annotator's labels whose ids are another annotator's labels in the project."""
        for table in ("mentions", "claims"):
            ids = package_rows.label_ids(self.package, table, self.who)
            for label_id, owner in sorted(self._owners(table, ids).items()):
                if owner != self.who:
                    yield f"{table} {label_id!r} (annotator {self.who!r}; {owner!r} in the project)"

    def sources(self) -> Iterator[str]:
        """Claims citing as their source a mention of another annotator in the project."""
        rows = package_rows.sources_elsewhere(self.package)
        owners = self._owners("mentions", [mention for _, mention in rows])
        for claim_id, mention in rows:
            owner = owners.get(mention, self.who)
            if owner != self.who:
                yield f"claims {claim_id!r} (cites mention {mention!r} of {owner!r} in the project)"

    def links(self) -> Iterator[str]:
        """Links to claims the package does not hold, and new links recorded as someone else's."""
        rows = package_rows.link_ends(self.package)
        outside = [end for a, b, _, no_a, no_b in rows for end, no in ((a, no_a), (b, no_b)) if no]
        owners = self._owners("claims", outside)
        for claim_a, claim_b, annotator, no_a, no_b in rows:
            missing = [end for end, no in ((claim_a, no_a), (claim_b, no_b)) if no]
            if missing:
                end = missing[0]
                where = f"annotator {owners[end]!r} in the project" if end in owners else "nowhere"
                yield f"{_link(claim_a, claim_b)} (claim {end!r} is not in the package: {where})"
            elif annotator != self.who and annotator != self._linked_by(claim_a, claim_b):
                yield f"{_link(claim_a, claim_b)} (annotator {annotator!r})"

    def _linked_by(self, claim_a: str, claim_b: str) -> str | None:
        """Who made the link in the project (a lead may link an annotator's claims), or None."""
        return package_rows.link_maker(self.lead, claim_a, claim_b)

    def base(self) -> Iterator[str]:
        """Base entries naming rows of others: a merge would delete those the package lacks.

        Only a package merged for the first time brings its own base.
        """
        entries: list[tuple[str, list[str]]] = []
        for table, text in base_entries(self.package, self.info.package_id):
            key = _base_key(table, text)
            if key is None:
                yield f"merge_base {table!r} {text!r} (not a row key of the package's base)"
            elif table in TRACKED and table != "actors" and table != "actor_aliases":
                entries.append((str(table), key))
        claims = self._owners("claims", [i for t, k in entries if t != "statuses" for i in k])
        mentions = self._owners("mentions", [k[0] for t, k in entries if t == "mentions"])
        listed = "listed in the package as packaged"
        for table, key in entries:
            if table == "statuses" and key[1] != self.who:
                yield f"statuses {key[0]!r} (annotator {key[1]!r}, {listed})"
            elif table in ("mentions", "claims"):
                owner = (mentions if table == "mentions" else claims).get(key[0], self.who)
                if owner != self.who:
                    yield f"{table} {key[0]!r} (annotator {owner!r} in the project, {listed})"
            elif table == "claim_links":
                others = [claims[c] for c in key if claims.get(c, self.who) != self.who]
                if others:
                    yield f"{_link(*key)} (a claim of {others[0]!r} in the project, {listed})"

    def assignments(self) -> Iterator[str]:
        """Assignments of others, and assignments other than those the package was made with.

        Those it was made with are the project's record of them, or else (a
        package made before projects recorded them) the package's own.
        """
        rows = package_rows.assignment_pairs(self.package)
        for article_id, annotator in rows:
            if annotator != self.who:
                yield f"assignments {article_id!r} (annotator {annotator!r})"
        if self.issued is not None and self.issued.assigned is not None:
            made = self.issued.assigned
        else:
            record = json.loads(package_record(self.package) or "{}")
            if "assigned" not in record:  # made before packages recorded their assignments
                return
            made = record["assigned"] or []
            if not isinstance(made, list) or not all(isinstance(a, str) for a in made):
                yield "assignments (the package's record of those it was made with is damaged)"
                return
        now = {a for a, annotator in rows if annotator == self.who}
        for article_id in sorted(now - set(made)):
            yield f"assignments {article_id!r} (annotator {self.who!r}, added)"
        for article_id in sorted(set(made) - now):
            yield f"assignments {article_id!r} (annotator {self.who!r}, removed)"

    def suggestion_rows(self, merged_before: bool) -> Iterator[str]:
        """Rejections and provenance of someone else's in the package, or (a package merged
        for the first time) in its base: a merge would remove those the package lacks."""
        for table, key, owner in suggestion_share.rows_not_of(self.package, self.who):
            yield f"{table} {list(key)!r} ({_OWNER_NAMES[table]} {owner!r})"
        if merged_before:
            return
        listed = "listed in the package as packaged"
        entries = base_entries(self.package, self.info.package_id)
        for table in suggestion_share.SHARED:
            parsed = [_base_key(t, text) for t, text in entries if t == table]
            keys = [tuple(k) for k in parsed if k is not None]
            found = suggestion_share.owners(self.lead, table, keys)
            for row in keys:
                owner = row[0] if table == "suggestion_rejections" else found.get(row, self.who)
                if owner != self.who:
                    yield f"{table} {list(row)!r} ({_OWNER_NAMES[table]} {owner!r}, {listed})"

    def actors(self) -> Iterator[str]:
        """New actors whose maker is another annotator."""
        rows = package_rows.actors_made_by_others(self.package, self.who)
        known = self.lead.actors_by_id(r[0] for r in rows)
        for actor_id, name, created_by in rows:
            if actor_id not in known:
                yield f"actors {actor_id!r} ({name!r}, created by {created_by!r})"
