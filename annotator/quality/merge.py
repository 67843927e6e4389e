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
  an actor in the project is that actor: its labels are rewritten to it and
  its other names become aliases of it. Names come before aliases, then the
  first actor by name.

A merge of one file is one transaction: a file that cannot be merged changes
nothing. Merging a file twice changes nothing the second time.

A package carries only its annotator's labels and statuses: one that holds
anything else (another annotator's or gold's labels, a label whose annotator
was changed, other assignments or tables) is refused whole before anything is
written; `annotator.quality.package_check` says exactly what a package may change.
Whose package it is comes from the project's record of making it, not from
the package: one the project has no record of is refused, unless the lead
accepts it (``accept_unrecorded``: made before projects recorded packages), and
then the report says so and the project records it.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from annotator.core.errors import BackupError, InputError, ProjectError, ValidationError
from annotator.core.model import CLAIM_ACTOR_FIELDS, Status
from annotator.core.schema import LabelSchema
from annotator.core.spans import check_span
from annotator.core.text import text_sha256
from annotator.core.validate import validate_claim, validate_status
from annotator.quality.merge_report import ActorMatch, MergeConflict, MergeReport
from annotator.quality.package import (
    PACKAGE_KEY,
    IssuedPackage,
    PackageInfo,
    package_info,
    record_issued,
)
from annotator.quality.package_check import check_package
from annotator.quality.snapshot import (
    TRACKED,
    Key,
    Row,
    content_of,
    digest,
    key_values,
    read_base,
    row_key,
    stream,
    write_base,
)
from annotator.store.backup import backup_project
from annotator.store.bulk import BulkWriter
from annotator.store.events import delete_row, fetch_row, now
from annotator.store.project import Project
from annotator.store.queries import chunks
from annotator.store.rows import claim_from_row

log = logging.getLogger(__name__)

LABEL_TABLES = ("mentions", "claims", "claim_links")
"""Tables whose rows the report counts as labels."""


def normalise(name: str) -> str:
    """An actor name as merges compare it: any case, runs of spaces as one."""
    return " ".join(name.split()).casefold()


def _schema_difference(one: LabelSchema, other: LabelSchema) -> str | None:
    """The first field whose values differ between two schemas, or None if they agree."""
    for name in sorted(set(one.fields) | set(other.fields)):
        a, b = one.fields.get(name), other.fields.get(name)
        if a is None or b is None or set(a.ids()) != set(b.ids()) or a.extra != b.extra:
            return name
    return None


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
            " nothing was merged",
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
        for path, package, info, issued in packages:
            report.add(_FileMerge(project, package, info, issued, path).run())
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


class _NameIndex:
    """The project's actors by every name and alias, as `normalise` writes them."""

    def __init__(self, project: Project) -> None:
        self.by_name: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.by_alias: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.names: dict[str, str] = {}
        self.keys: dict[str, set[str]] = defaultdict(set)
        for actor_id, name in project.conn.execute("SELECT id, name FROM actors"):
            self.add(actor_id, name, ())
        for actor_id, alias in project.conn.execute("SELECT actor_id, alias FROM actor_aliases"):
            self.add(actor_id, None, (alias,))

    def add(self, actor_id: str, name: str | None, aliases: Iterable[str]) -> None:
        """Index an actor's name (if given) and aliases."""
        if name is not None:
            self.names[actor_id] = name
            self.by_name[normalise(name)].add((normalise(name), actor_id))
            self.keys[actor_id].add(normalise(name))
        for alias in aliases:
            self.by_alias[normalise(alias)].add((normalise(self.names.get(actor_id, "")), actor_id))
            self.keys[actor_id].add(normalise(alias))

    def match(self, names: Sequence[str]) -> str | None:
        """The actor one of ``names`` (a name, then aliases) names: names before aliases."""
        first, others = [normalise(names[0])], [normalise(n) for n in names[1:]]
        for keys, table in (
            (first, self.by_name),
            (first, self.by_alias),
            (others, self.by_name),
            (others, self.by_alias),
        ):
            found = sorted(c for k in keys for c in table.get(k, ()))
            if found:
                return found[0][1]
        return None


_LABEL_NAMES = {"mentions": "mention", "claims": "claim", "statuses": "status"}


class _FileMerge:
    """Merges one package into the project in one transaction."""

    def __init__(
        self,
        project: Project,
        package: Project,
        info: PackageInfo,
        issued: IssuedPackage | None,
        path: Path,
    ) -> None:
        self.project = project
        self.lead = project.conn
        self.package = package
        self.info = info
        self.issued = issued
        self.file = str(path)
        self.name = path.name
        self.report = MergeReport(files=1)
        if issued is None:
            self.report.unrecorded.append(f"{self.name} ({info.annotator})")
        self.changed_articles: set[str] = set()
        self.actor_map: dict[str, str] = {}
        self.actor_names: dict[str, str] = {}  # package actor id -> name, for messages
        self.lengths: dict[str, int] = {}  # package article -> text length
        self.skipped: set[str] = set()  # articles whose text differs in the project
        self.snapshot: dict[Key, str] = {}  # the package's rows as merged: the next base
        self.deleting: dict[str, dict[str, str | None]] = defaultdict(dict)  # key -> article
        self.conflict_rows: list[tuple[Any, ...]] = []
        self.merged_before = (
            self.lead.execute(
                "SELECT 1 FROM merges WHERE package_id = ?", (info.package_id,)
            ).fetchone()
            is not None
        )
        source = self.lead if self.merged_before else package.conn
        self.base = read_base(source, info.package_id)

    def run(self) -> MergeReport:
        with BulkWriter(self.project, doing=f"the merge of {self.name}") as writer:
            self.writer = writer
            try:
                self._articles()
                self._actors()
                self._plan_deletions()
                for table in ("mentions", "claims", "statuses"):
                    self._labels(table)
                    writer.flush()  # later tables look up what these wrote
                self._links()
                writer.flush()
                self._delete()
            except ValidationError as exc:
                raise InputError(self.file, f"{exc}; nothing of it was merged") from None
            self._record()
        self.report.article_ids = self.changed_articles
        return self.report

    # -- articles and actors ----------------------------------------------------------------

    def _articles(self) -> None:
        new: list[str] = []
        sql = "SELECT id, text_sha256, length(text) FROM articles ORDER BY rowid"
        for article_id, sha, length in self.package.conn.execute(sql):
            self.lengths[article_id] = length
            found = self.lead.execute(
                "SELECT text_sha256 FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if found is None:
                new.append(article_id)
            elif found[0] != sha:
                self.skipped.add(article_id)
                message = (
                    f"{self.name}: article {article_id!r} has another text in the project;"
                    " its labels were not merged"
                )
                self._conflict("articles", json.dumps([article_id]), article_id, message, None)
        for part in chunks(new):
            marks = ",".join("?" * len(part))
            sql = f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY rowid"
            for row in stream(self.package.conn, sql, part):
                if text_sha256(row["text"]) != row["text_sha256"]:
                    raise ValidationError(f"article {row['id']!r} does not match its fingerprint")
                self.writer.put_row("articles", row)
                self.report.articles_added += 1

    def _actors(self) -> None:
        aliases: dict[str, list[Row]] = defaultdict(list)
        sql = "SELECT * FROM actor_aliases ORDER BY actor_id, position, rowid"
        for row in stream(self.package.conn, sql):
            aliases[row["actor_id"]].append(row)
        index = _NameIndex(self.project)
        for row in stream(self.package.conn, "SELECT * FROM actors ORDER BY rowid"):
            if not (row["name"] or "").strip():
                raise ValidationError(f"actor {row['id']!r} has no name")
            self.actor_names[row["id"]] = row["name"]
            own = aliases[row["id"]]
            current = fetch_row(self.lead, "actors", {"id": row["id"]})
            if current is not None:
                self.actor_map[row["id"]] = row["id"]
                changed = self._decide("actors", row, current)
                if changed:
                    self.writer.put_row("actors", row)
                if self._new_aliases(row["id"], own) or changed:
                    self.report.actors_updated += 1
                continue
            names = [row["name"], *(a["alias"] for a in own)]
            match = index.match(names)
            if match is None:  # new on both sides
                self.actor_map[row["id"]] = row["id"]
                self.writer.put_row("actors", row)
                for alias in own:
                    self.writer.put_row("actor_aliases", alias)
                self._track("actors", row)
                for alias in own:
                    self._track("actor_aliases", alias)
                index.add(row["id"], row["name"], names[1:])
                self.report.actors_added += 1
                continue
            self.actor_map[row["id"]] = match
            self.report.matches.append(
                ActorMatch(self.name, row["name"], index.names[match], match)
            )
            unknown = {normalise(n): n for n in reversed(names)}  # the first spelling wins
            unknown = {k: n for k, n in unknown.items() if k not in index.keys[match]}
            for alias in sorted(unknown.values(), key=names.index):
                self.writer.put_row("actor_aliases", _alias_row(match, alias))
            if unknown:
                index.add(match, None, unknown.values())
                self.report.actors_updated += 1

    def _new_aliases(self, actor_id: str, aliases: list[Row]) -> bool:
        """Add the aliases the package gave a known actor since the base; True if any."""
        added = False
        for alias in aliases:
            key = self._track("actor_aliases", alias)
            if ("actor_aliases", key) in self.base:
                continue
            exists = self.lead.execute(
                "SELECT 1 FROM actor_aliases WHERE actor_id = ? AND alias_key = ?",
                (actor_id, alias["alias_key"]),
            ).fetchone()
            if exists is None:
                self.writer.put_row("actor_aliases", alias)
                added = True
        return added

    # -- the three-way decision ---------------------------------------------------------------

    def _track(self, table: str, row: Row) -> str:
        """Note the package's row for the next base; return its key."""
        key = row_key(table, row)
        self.snapshot[table, key] = digest(table, row)
        return key

    def _decide(self, table: str, mine: Row, theirs: Row | None) -> bool:
        """True if the project should take the package's row ``mine``; reports conflicts."""
        key = self._track(table, mine)
        ours = self.snapshot[table, key]
        base = self.base.get((table, key))
        current = digest(table, theirs) if theirs is not None else None
        if current == ours:
            return False
        if current is None:
            if base is None:
                return True  # new in the package
            if ours != base:
                what = self._describe(table, mine)
                self._conflict(
                    table,
                    key,
                    mine.get("article_id"),
                    f"{self.name}: {what} was changed in the package but deleted in the project;"
                    " it stays deleted",
                    mine,
                )
            return False
        if base is not None and ours == base:
            return False  # only the project changed it
        if base is not None and current == base:
            return True  # only the package changed it
        assert theirs is not None
        what = self._describe(table, theirs)
        self._conflict(
            table,
            key,
            mine.get("article_id"),
            f"{self.name}: {what} was changed in the package and in the project"
            f" ({self._difference(table, mine, theirs)}); the project's version is kept",
            mine,
        )
        return False

    def _conflict(
        self, table: str, key: str, article: str | None, message: str, row: Row | None
    ) -> None:
        self.report.conflicts.append(MergeConflict(self.name, table, key, article, message))
        annotator = row.get("annotator") if row else None
        stored = json.dumps(row, ensure_ascii=False) if row is not None else None
        self.conflict_rows.append(
            (table, key, article, annotator or self.info.annotator, stored, message)
        )

    # -- labels -------------------------------------------------------------------------------

    def _mapped(self, table: str, row: Row) -> Row:
        """The row with the package's actors replaced by the project's actors they matched."""
        columns = {"mentions": ("actor_id",), "claims": CLAIM_ACTOR_FIELDS}.get(table, ())
        for column in columns:
            if row[column] is not None:
                row[column] = self.actor_map.get(row[column], row[column])
        return row

    def _validate(self, table: str, row: Row) -> None:
        article = row["article_id"]
        if article not in self.lengths:
            raise ValidationError(
                f"a {_LABEL_NAMES[table]} refers to article {article!r}, not in the file"
            )
        length = self.lengths[article]
        if table == "mentions":
            check_span(row["start"], row["end"], length, "mention")
        elif table == "claims":
            validate_claim(claim_from_row(row), length, self.project.schema)
        else:
            validate_status(Status(article, row["annotator"], row["status"]))

    def _labels(self, table: str) -> None:
        for row in stream(self.package.conn, f"SELECT * FROM {table} ORDER BY rowid"):
            if row["article_id"] in self.skipped:
                continue
            self._validate(table, row)
            row = self._mapped(table, row)
            theirs = fetch_row(self.lead, table, key_values(table, row_key(table, row)))
            if not self._decide(table, row, theirs):
                continue
            if table == "claims":
                row = self._cited_source(row)
            self.writer.put_row(table, row)
            self.changed_articles.add(row["article_id"])
            if table == "statuses":
                self.report.statuses += 1
            elif theirs is None:
                self.report.labels_added += 1
            else:
                self.report.labels_updated += 1

    def _cited_source(self, row: Row) -> Row:
        """The claim row, without its source if that mention is no longer in the project.

        As when a mention is deleted in the app, the claim keeps the source's words.
        """
        mention = row["attr_source_mention"]
        if mention is None or mention in self.deleting["mentions"]:
            gone = mention is not None
        else:
            gone = fetch_row(self.lead, "mentions", {"id": mention}) is None
        return {**row, "attr_source_mention": None} if gone else row

    def _links(self) -> None:
        home = dict(self.package.conn.execute("SELECT id, article_id FROM claims"))
        for row in stream(self.package.conn, "SELECT * FROM claim_links ORDER BY rowid"):
            if home.get(row["claim_a"]) in self.skipped or home.get(row["claim_b"]) in self.skipped:
                continue
            key = self._track("claim_links", row)
            if ("claim_links", key) in self.base:
                continue  # unchanged in the package; the project may have unlinked them
            if fetch_row(self.lead, "claim_links", key_values("claim_links", key)) is not None:
                continue
            missing = [
                c
                for c in (row["claim_a"], row["claim_b"])
                if c in self.deleting["claims"] or fetch_row(self.lead, "claims", {"id": c}) is None
            ]
            if missing:
                self._conflict(
                    "claim_links",
                    key,
                    home.get(row["claim_a"]),
                    f"{self.name}: {self._describe('claim_links', row)} was not merged:"
                    f" claim {missing[0][:8]} is not in the project",
                    row,
                )
                continue
            self.writer.put_row("claim_links", row)
            self.report.labels_added += 1
            self.changed_articles.update(home[c] for c in (row["claim_a"], row["claim_b"]))

    # -- deletions ----------------------------------------------------------------------------

    def _plan_deletions(self) -> None:
        """Find rows of the base the package no longer has; delete those the project kept as they were."""
        tables = [t for t in TRACKED if t != "actors"]
        in_package: dict[str, set[str]] = {t: set() for t in tables}
        for table in tables:
            columns = ", ".join(f'"{c}"' for c in TRACKED[table][0])
            for row in stream(self.package.conn, f"SELECT {columns} FROM {table}"):
                in_package[table].add(row_key(table, row))
        for (table, key), base in sorted(self.base.items()):
            if table == "actors" or key in in_package[table]:
                continue
            theirs = fetch_row(self.lead, table, key_values(table, key))
            if theirs is None:
                continue
            if digest(table, theirs) == base:
                self.deleting[table][key] = theirs.get("article_id")
                continue
            self._conflict(
                table,
                key,
                theirs.get("article_id"),
                f"{self.name}: {self._describe(table, theirs)} was deleted in the package but"
                " changed in the project; the project's version is kept",
                None,
            )

    def _delete(self) -> None:
        conn = self.lead
        for key in self.deleting["claim_links"]:
            delete_row(conn, "claim_links", key_values("claim_links", key))
        for key in self.deleting["claims"]:
            (claim_id,) = json.loads(key)
            conn.execute("DELETE FROM claim_links WHERE claim_a = ?1 OR claim_b = ?1", (claim_id,))
            delete_row(conn, "claims", {"id": claim_id})
        for key in self.deleting["mentions"]:
            (mention_id,) = json.loads(key)
            conn.execute(
                "UPDATE claims SET attr_source_mention = NULL WHERE attr_source_mention = ?",
                (mention_id,),
            )
            delete_row(conn, "mentions", {"id": mention_id})
        for table in ("actor_aliases", "statuses"):
            for key in self.deleting[table]:
                delete_row(conn, table, key_values(table, key))
        for table in LABEL_TABLES:
            self.report.labels_deleted += len(self.deleting[table])
        self.report.statuses += len(self.deleting["statuses"])
        self.report.actors_updated += len(
            {json.loads(k)[0] for k in self.deleting["actor_aliases"]}
        )
        for table in ("mentions", "claims", "statuses"):
            self.changed_articles.update(a for a in self.deleting[table].values() if a)

    # -- bookkeeping --------------------------------------------------------------------------

    def _record(self) -> None:
        """Store the next base, the conflicts and the merge; write nothing if nothing changed.

        A package the project had no record of making is recorded now, with the
        assignments its own record lists (if it does).
        """
        if self.issued is None:
            record_issued(self.project, self._own_record())
        changed = write_base(self.lead, self.info.package_id, self.snapshot)
        found_at = now()
        for table, key, article, annotator, stored, message in self.conflict_rows:
            known = self.lead.execute(
                "SELECT package_row, message FROM merge_conflicts"
                " WHERE package_id = ? AND tbl = ? AND key = ?",
                (self.info.package_id, table, key),
            ).fetchone()
            if known == (stored, message):
                continue
            self.lead.execute(
                "INSERT OR REPLACE INTO merge_conflicts (package_id, tbl, key, article_id,"
                " annotator, package_row, message, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (self.info.package_id, table, key, article, annotator, stored, message, found_at),
            )
            changed = True
        if changed or self.report.changes() or not self.merged_before:
            self.lead.execute(
                "INSERT OR REPLACE INTO merges (package_id, annotator, file, packaged_at, merged_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    self.info.package_id,
                    self.info.annotator,
                    self.name,
                    self.info.packaged_at,
                    found_at,
                ),
            )

    def _own_record(self) -> IssuedPackage:
        """The package as its own record describes it (checked against its rows before)."""
        found = self.package.conn.execute("SELECT value FROM meta WHERE key = ?", (PACKAGE_KEY,))
        record = json.loads(found.fetchone()[0])
        assigned = (record["assigned"] or []) if "assigned" in record else None
        return IssuedPackage(
            self.info.package_id, self.info.annotator, self.info.packaged_at, self.name, assigned
        )

    # -- messages -----------------------------------------------------------------------------

    def _actor_name(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        found = self.lead.execute("SELECT name FROM actors WHERE id = ?", (actor_id,)).fetchone()
        return found[0] if found else self.actor_names.get(actor_id, actor_id)

    def _words(self, article: str, start: int, end: int) -> str:
        found = self.lead.execute(
            "SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
            (start + 1, end - start, article),
        ).fetchone()
        words = " ".join((found[0] if found else "").split())
        return words if len(words) <= 40 else words[:39] + "…"

    def _describe(self, table: str, row: Row) -> str:
        """A row as the user knows it: 'claim "Kestria must reopen…" of ana in harbour-01'."""
        if table in ("mentions", "claims"):
            words = self._words(row["article_id"], row["start"], row["end"])
            return f'{_LABEL_NAMES[table]} "{words}" of {row["annotator"]} in {row["article_id"]}'
        if table == "statuses":
            return f"the status of {row['annotator']} on {row['article_id']}"
        if table == "actors":
            return f"actor {row['name']!r}"
        if table == "actor_aliases":
            return f"alias {row['alias']!r} of {self._actor_name(row['actor_id'])!r}"
        return f"the link between claims {row['claim_a'][:8]} and {row['claim_b'][:8]}"

    def _difference(self, table: str, mine: Row, theirs: Row) -> str:
        """What differs: "stance 'oppose' in ana.claims, 'neutral' here"."""
        ours, current = content_of(table, mine), content_of(table, theirs)
        parts = []
        for column, value in ours.items():
            if value == current[column]:
                continue
            there, here = value, current[column]
            if column in (*CLAIM_ACTOR_FIELDS, "actor_id"):
                there, here = self._actor_name(there), self._actor_name(here)
            label = column.replace("attr_", "attribution ").replace("_", " ")
            parts.append(f"{label} {there!r} in {self.name}, {here!r} here")
        return "; ".join(parts)


def _alias_row(actor_id: str, alias: str) -> Row:
    """A new ``actor_aliases`` row (its position is set when written: after the others)."""
    return {"actor_id": actor_id, "alias": alias, "alias_key": alias.casefold(), "position": 0}
