"""The merge of one work package into the lead's project: the three-way decision, row by row.

See `annotator.quality.merge` for the rules. `FileMerge` reads the package
and the project through `annotator.store.package_rows`, decides, and hands
what it decided to a `annotator.store.merging.MergeWriter`, which writes it in
one transaction with the merge's records (`annotator.store.packages`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from annotator.core.errors import InputError, ValidationError
from annotator.core.model import CLAIM_ACTOR_FIELDS, Status
from annotator.core.spans import check_span
from annotator.core.text import text_sha256
from annotator.core.validate import validate_claim, validate_status
from annotator.quality.actor_match import NameIndex, normalise
from annotator.quality.merge_messages import LABEL_NAMES, MergeMessages
from annotator.quality.merge_report import ActorMatch, MergeConflict, MergeReport
from annotator.quality.package import PackageInfo
from annotator.store import package_rows, packages
from annotator.store.events import now
from annotator.store.fingerprints import TRACKED, Key, Row, digest, key_values, row_key
from annotator.store.merging import MergeWriter
from annotator.store.packages import IssuedPackage, StoredConflict
from annotator.store.project import Project
from annotator.store.rows import claim_from_row

LABEL_TABLES = ("mentions", "claims", "claim_links")
"""Tables whose rows the report counts as labels."""


class FileMerge:
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
        self.messages = MergeMessages(project, self.name, self.actor_names)
        self.lengths: dict[str, int] = {}  # package article -> text length
        self.skipped: set[str] = set()  # articles whose text differs in the project
        self.snapshot: dict[Key, str] = {}  # the package's rows as merged: the next base
        self.deleting: dict[str, dict[str, str | None]] = defaultdict(dict)  # key -> article
        self.conflicts: list[StoredConflict] = []
        self.merged_before = packages.merged_as(project, info.package_id) is not None
        source = project if self.merged_before else package
        self.base = packages.read_base(source, info.package_id)

    def run(self) -> MergeReport:
        """Merge the package; the report of what it changed."""
        with MergeWriter(self.project, doing=f"the merge of {self.name}") as writer:
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

    def _lead_row(self, table: str, key: Row) -> Row | None:
        """The project's row of ``table`` with this primary key, or None."""
        return package_rows.row(self.project, table, key)

    # -- articles and actors ----------------------------------------------------------------

    def _articles(self) -> None:
        new: list[str] = []
        for article_id, sha, length in package_rows.article_texts(self.package):
            self.lengths[article_id] = length
            found = self.writer.stored_text_sha(article_id)
            if found is None:
                new.append(article_id)
            elif found != sha:
                self.skipped.add(article_id)
                message = (
                    f"{self.name}: article {article_id!r} has another text in the project;"
                    " its labels were not merged"
                )
                self._conflict("articles", json.dumps([article_id]), article_id, message, None)
        for row in package_rows.article_rows(self.package, new):
            if text_sha256(row["text"]) != row["text_sha256"]:
                raise ValidationError(f"article {row['id']!r} does not match its fingerprint")
            self.writer.put_row("articles", row)
            self.report.articles_added += 1

    def _actors(self) -> None:
        aliases: dict[str, list[Row]] = defaultdict(list)
        for row in package_rows.rows(self.package, "actor_aliases"):
            aliases[row["actor_id"]].append(row)
        index = NameIndex(self.project)
        for row in package_rows.rows(self.package, "actors"):
            if not (row["name"] or "").strip():
                raise ValidationError(f"actor {row['id']!r} has no name")
            self.actor_names[row["id"]] = row["name"]
            own = aliases[row["id"]]
            current = self._lead_row("actors", {"id": row["id"]})
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
            if not package_rows.has_alias(self.project, actor_id, alias["alias_key"]):
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
                what = self.messages.describe(table, mine)
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
        what = self.messages.describe(table, theirs)
        self._conflict(
            table,
            key,
            mine.get("article_id"),
            f"{self.name}: {what} was changed in the package and in the project"
            f" ({self.messages.difference(table, mine, theirs)}); the project's version is kept",
            mine,
        )
        return False

    def _conflict(
        self, table: str, key: str, article: str | None, message: str, row: Row | None
    ) -> None:
        self.report.conflicts.append(MergeConflict(self.name, table, key, article, message))
        annotator = row.get("annotator") if row else None
        stored = json.dumps(row, ensure_ascii=False) if row is not None else None
        self.conflicts.append(
            StoredConflict(table, key, article, annotator or self.info.annotator, stored, message)
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
                f"a {LABEL_NAMES[table]} refers to article {article!r}, not in the file"
            )
        length = self.lengths[article]
        if table == "mentions":
            check_span(row["start"], row["end"], length, "mention")
        elif table == "claims":
            validate_claim(claim_from_row(row), length, self.project.schema)
        else:
            validate_status(Status(article, row["annotator"], row["status"]))

    def _labels(self, table: str) -> None:
        for row in package_rows.rows(self.package, table):
            if row["article_id"] in self.skipped:
                continue
            self._validate(table, row)
            row = self._mapped(table, row)
            theirs = self._lead_row(table, key_values(table, row_key(table, row)))
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
            gone = self._lead_row("mentions", {"id": mention}) is None
        return {**row, "attr_source_mention": None} if gone else row

    def _links(self) -> None:
        home = package_rows.claim_articles(self.package)
        for row in package_rows.rows(self.package, "claim_links"):
            if home.get(row["claim_a"]) in self.skipped or home.get(row["claim_b"]) in self.skipped:
                continue
            key = self._track("claim_links", row)
            if ("claim_links", key) in self.base:
                continue  # unchanged in the package; the project may have unlinked them
            if self._lead_row("claim_links", key_values("claim_links", key)) is not None:
                continue
            missing = [
                c
                for c in (row["claim_a"], row["claim_b"])
                if c in self.deleting["claims"] or self._lead_row("claims", {"id": c}) is None
            ]
            if missing:
                self._conflict(
                    "claim_links",
                    key,
                    home.get(row["claim_a"]),
                    f"{self.name}: {self.messages.describe('claim_links', row)} was not merged:"
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
            for row in package_rows.rows(self.package, table, TRACKED[table][0]):
                in_package[table].add(row_key(table, row))
        for (table, key), base in sorted(self.base.items()):
            if table == "actors" or key in in_package[table]:
                continue
            theirs = self._lead_row(table, key_values(table, key))
            if theirs is None:
                continue
            if digest(table, theirs) == base:
                self.deleting[table][key] = theirs.get("article_id")
                continue
            self._conflict(
                table,
                key,
                theirs.get("article_id"),
                f"{self.name}: {self.messages.describe(table, theirs)} was deleted in the package"
                " but changed in the project; the project's version is kept",
                None,
            )

    def _delete(self) -> None:
        for key in self.deleting["claim_links"]:
            self.writer.delete("claim_links", key_values("claim_links", key))
        for key in self.deleting["claims"]:
            (claim_id,) = json.loads(key)
            self.writer.delete_claim(claim_id)
        for key in self.deleting["mentions"]:
            (mention_id,) = json.loads(key)
            self.writer.delete_mention(mention_id)
        for table in ("actor_aliases", "statuses"):
            for key in self.deleting[table]:
                self.writer.delete(table, key_values(table, key))
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
        package_id = self.info.package_id
        if self.issued is None:
            packages.record_issued(self.project, self._own_record())
        changed = packages.write_base(self.project, package_id, self.snapshot)
        found_at = now()
        changed |= packages.record_conflicts(self.project, package_id, self.conflicts, found_at)
        if changed or self.report.changes() or not self.merged_before:
            packages.record_merge(
                self.project,
                package_id,
                self.info.annotator,
                self.name,
                self.info.packaged_at,
                found_at,
            )

    def _own_record(self) -> IssuedPackage:
        """The package as its own record describes it (checked against its rows before)."""
        record = json.loads(packages.package_record(self.package) or "{}")
        assigned = (record["assigned"] or []) if "assigned" in record else None
        return IssuedPackage(
            self.info.package_id, self.info.annotator, self.info.packaged_at, self.name, assigned
        )


def _alias_row(actor_id: str, alias: str) -> Row:
    """A new ``actor_aliases`` row (its position is set when written: after the others)."""
    return {"actor_id": actor_id, "alias": alias, "alias_key": alias.casefold(), "position": 0}
