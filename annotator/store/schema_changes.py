"""Updating a project's label schema: checked against the labels, backed up, rewritten, logged.

`SchemaChanges` gives `Project` its schema methods:

- `check_schema_update` works out what a new schema changes
  (`annotator.core.schema_diff.plan_update`) and which labels that touches:
  the labels of each renamed or mapped value (rewritten), and those of each
  value removed with nothing in its place (`SchemaUpdate.blocked`: the update
  is refused and the message lists them: article, annotator, claim; or actor).
- `update_schema` backs the project up (reason ``before-schema-change``, see
  `annotator.store.backup`), then in one transaction rewrites the labels,
  the same values in the undo log, in the package rows kept with merge
  conflicts and in the fingerprints of merge bases
  (`annotator.store.schema_rewrite`), stores the new TOML (the plan's: with
  the weights values keep written in, see `annotator.core.schema_diff`) and
  adds a row to ``schema_changes``. A failure rolls all of it back; the file
  is as it was.
- `schema_history` lists the updates; the project's schema `revision` is 1 as
  created and one more with each update.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from annotator.core.errors import BackupError, ProjectError, ValidationError, quoted
from annotator.core.schema import LabelSchema, load_schema
from annotator.core.schema_diff import Mapping, SchemaPlan, plan_update
from annotator.store import database
from annotator.store.backup import backup_connection
from annotator.store.events import now
from annotator.store.rows import dumps, loads
from annotator.store.schema_rewrite import (
    ACTOR_TYPE_COLUMN,
    CLAIM_COLUMNS,
    EXTRA_COLUMN,
    Rewrite,
    rewrite_bases,
    rewrite_conflicts,
    rewrite_log,
)

log = logging.getLogger(__name__)

BACKUP_REASON = "before-schema-change"
LISTED = 10
"""Labels a refusal lists by name for each value; it counts the rest."""
_WORDS = 40
"""Characters of a claim's words a listing quotes."""


@dataclass(frozen=True, slots=True)
class LabelUse:
    """One label holding a value: a claim (its article, annotator and words) or an actor."""

    kind: str
    id: str
    article_id: str | None = None
    annotator: str | None = None
    words: str = ""

    def __str__(self) -> str:
        if self.kind == "actor":
            return f"actor {self.words} ({self.id})"
        return (
            f"article {self.article_id}, {self.annotator}, claim {self.id}"
            f" {quoted(self.words, _WORDS)}"
        )


@dataclass(frozen=True, slots=True)
class ValueUse:
    """The labels holding one value of a field: how many, and the first `LISTED` of them."""

    field: str
    value: str
    count: int
    labels: tuple[LabelUse, ...]

    def listing(self) -> str:
        """``3 labels (article a1, ana, claim …; …)``, the rest counted."""
        shown = "; ".join(str(label) for label in self.labels)
        more = self.count - len(self.labels)
        if more > 0:
            shown += f"; and {more} more"
        return f"{self.count} label{'s' * (self.count != 1)} ({shown})"


@dataclass(frozen=True, slots=True)
class SchemaUpdate:
    """A planned update and the labels it touches.

    Attributes:
        plan: what changes in the vocabulary.
        rewritten: the values whose labels are rewritten (renamed, mapped, cleared).
        blocked: values removed with nothing in their place that labels hold:
            while there are any, the update is refused.
    """

    plan: SchemaPlan
    rewritten: tuple[ValueUse, ...]
    blocked: tuple[ValueUse, ...]

    @property
    def allowed(self) -> bool:
        """True when no label holds a value the update would remove."""
        return not self.blocked

    @property
    def labels_rewritten(self) -> int:
        """How many label values the update rewrites."""
        return sum(use.count for use in self.rewritten)

    def lines(self) -> list[str]:
        """The changes in words, with the labels each rewrite or removal touches."""
        counts = {(u.field, u.value): u.count for u in (*self.rewritten, *self.blocked)}
        return self.plan.lines(counts)

    def refusal(self) -> str:
        """Why the update is refused: each removed value in use, with its labels."""
        parts = [
            f"{use.field} {use.value!r} is removed, but it is held by {use.listing()}"
            for use in self.blocked
        ]
        first = self.blocked[0]
        return (
            "the schema was not changed: "
            + "; ".join(parts)
            + f". Map them to a value of the new schema (--map {first.field}:{first.value}=VALUE,"
            f" or {first.field}:{first.value}= to leave them without one), or keep the value."
        )


@dataclass(frozen=True, slots=True)
class SchemaChange:
    """One update of a project's schema, as ``schema_changes`` records it."""

    revision: int
    at: str
    changed_by: str
    fingerprint: str
    previous_fingerprint: str
    changes: tuple[str, ...]
    labels: int
    backup: str | None


def current_revision(conn: sqlite3.Connection) -> int:
    """The revision of the project's schema: 1 as created, one more per update."""
    found = conn.execute("SELECT max(revision) FROM schema_changes").fetchone()[0]
    return int(found) if found is not None else 1


class SchemaChanges:
    """`Project`'s methods that show and update its label schema (see the module's docs)."""

    path: Path
    db: sqlite_utils.Database
    conn: sqlite3.Connection
    read_only: bool
    schema: LabelSchema

    def _load_schema(self, source: str) -> LabelSchema:
        """The stored schema with its revision."""
        schema = load_schema(source, f"{self.path.name} (stored schema)")
        return dataclasses.replace(schema, revision=current_revision(self.conn))

    def check_schema_update(
        self, new: LabelSchema, mappings: Sequence[Mapping] = ()
    ) -> SchemaUpdate:
        """What replacing the schema with ``new`` changes, and which labels it touches.

        Raises:
            SchemaError: a mapping that does not fit the two schemas.
        """
        plan = plan_update(self.schema, new, mappings)
        rewritten = [
            self._uses(field, old)
            for field, rewrites in plan.rewrites().items()
            for old in rewrites
        ]
        removed = [self._uses(f, old) for f, olds in plan.removed().items() for old in olds]
        return SchemaUpdate(
            plan,
            tuple(u for u in rewritten if u.count),
            tuple(u for u in removed if u.count),
        )

    def update_schema(
        self, new: LabelSchema, changed_by: str, mappings: Sequence[Mapping] = ()
    ) -> SchemaChange | None:
        """Replace the schema with ``new``, rewriting the labels; None if it is the schema already.

        The project is backed up first; then everything happens in one
        transaction (see the module's docs).

        Raises:
            ProjectError: the project is open read-only, or could not be written
                (nothing was changed).
            ValidationError: labels hold a value ``new`` removes and no mapping
                says where they go (the message lists them).
            SchemaError: a mapping that does not fit the two schemas.
            BackupError: the project could not be backed up (nothing was changed).
        """
        if self.read_only:
            raise ProjectError(f"{self.path.name} is open read-only: the schema was not changed")
        update = self.check_schema_update(new, mappings)
        if not update.plan.changes_anything:
            return None
        if not update.allowed:
            raise ValidationError(update.refusal())
        try:
            backup = backup_connection(self.conn, self.path, BACKUP_REASON)
        except BackupError as exc:
            raise BackupError(
                f"the schema was not changed: the project is backed up first, but {exc}"
            ) from None
        revision = self.schema.revision + 1
        new = update.plan.new  # the file's schema, with the weights values keep written in
        change = SchemaChange(
            revision=revision,
            at=now(),
            changed_by=changed_by,
            fingerprint=new.fingerprint,
            previous_fingerprint=self.schema.fingerprint,
            changes=tuple(update.lines()),
            labels=update.labels_rewritten,
            backup=str(backup.path) if backup else None,
        )
        rewrite = Rewrite.of(update.plan)
        with database.translate_errors(self.path, "the new schema"), self.db.atomic():
            if rewrite:
                rewrite_bases(self.conn, rewrite)  # first: it reads the rows as they were
                self._rewrite_labels(rewrite)
                rewrite_log(self.conn, rewrite)
                rewrite_conflicts(self.conn, rewrite)
            self.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (new.source,))
            self.conn.execute(
                "INSERT INTO schema_changes (revision, at, changed_by, fingerprint,"
                " previous_fingerprint, schema, previous_schema, changes, labels, backup)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    change.revision, change.at, change.changed_by, change.fingerprint,
                    change.previous_fingerprint, new.source, self.schema.source,
                    dumps(list(change.changes)), change.labels, change.backup,
                ),
            )  # fmt: skip
        self.schema = dataclasses.replace(new, revision=revision)
        log.info(
            "schema of %s updated to revision %d (%s) by %s: %d labels rewritten",
            self.path, revision, new.fingerprint, changed_by, change.labels,
        )  # fmt: skip
        return change

    def schema_history(self) -> list[SchemaChange]:
        """The updates of the project's schema, oldest first."""
        rows = self.conn.execute(
            "SELECT revision, at, changed_by, fingerprint, previous_fingerprint, changes,"
            " labels, backup FROM schema_changes ORDER BY revision"
        ).fetchall()
        return [
            SchemaChange(r[0], r[1], r[2], r[3], r[4], tuple(loads(r[5]) or ()), r[6], r[7])
            for r in rows
        ]

    # -- which labels hold a value ------------------------------------------------------------

    def _uses(self, field: str, value: str) -> ValueUse:
        if field == "actor_type":
            return self._actor_uses(value)
        column = CLAIM_COLUMNS.get(field)
        if column is None:
            return self._extra_uses(field, value)
        count = self.conn.execute(
            f'SELECT count(*) FROM claims WHERE "{column}" = ?', (value,)
        ).fetchone()[0]
        ids = [
            r[0]
            for r in self.conn.execute(
                f'SELECT id FROM claims WHERE "{column}" = ?'
                " ORDER BY article_id, annotator, start, id LIMIT ?",
                (value, LISTED),
            )
        ]
        return ValueUse(field, value, int(count), self._claim_uses(ids))

    def _actor_uses(self, value: str) -> ValueUse:
        column = ACTOR_TYPE_COLUMN
        count = self.conn.execute(
            f'SELECT count(*) FROM actors WHERE "{column}" = ?', (value,)
        ).fetchone()[0]
        found = self.conn.execute(
            f'SELECT id, name FROM actors WHERE "{column}" = ? ORDER BY name_key, id LIMIT ?',
            (value, LISTED),
        ).fetchall()
        labels = tuple(LabelUse("actor", i, words=name) for i, name in found)
        return ValueUse("actor_type", value, int(count), labels)

    def _extra_uses(self, field: str, value: str) -> ValueUse:
        ids = [
            claim_id
            for claim_id, extra in self.conn.execute(
                f"SELECT id, {EXTRA_COLUMN} FROM claims WHERE {EXTRA_COLUMN} IS NOT NULL"
                " ORDER BY article_id, annotator, start, id"
            )
            if loads(extra).get(field) == value
        ]
        return ValueUse(field, value, len(ids), self._claim_uses(ids[:LISTED]))

    def _claim_uses(self, ids: Iterable[str]) -> tuple[LabelUse, ...]:
        uses = []
        for claim_id in ids:
            article_id, annotator, words = self.conn.execute(
                "SELECT c.article_id, c.annotator, substr(a.text, c.start + 1, c.end - c.start)"
                " FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.id = ?",
                (claim_id,),
            ).fetchone()
            uses.append(LabelUse("claim", claim_id, article_id, annotator, words))
        return tuple(uses)

    # -- rewriting ------------------------------------------------------------------------------

    def _rewrite_labels(self, rewrite: Rewrite) -> None:
        """Give the labels of renamed and mapped values their new value.

        Claims lose the key of an extra field the schema no longer has: they
        hold no value of it (else the update is refused or maps them).
        """
        extras = False
        for field, rewrites in rewrite.rewrites.items():
            if field == "actor_type":
                table, column = "actors", ACTOR_TYPE_COLUMN
            elif field in CLAIM_COLUMNS:
                table, column = "claims", CLAIM_COLUMNS[field]
            else:
                extras = True
                continue
            for old, new in rewrites.items():
                self.conn.execute(
                    f'UPDATE {table} SET "{column}" = ? WHERE "{column}" = ?', (new, old)
                )
        if not extras and not rewrite.dropped:
            return
        for claim_id, extra in self.conn.execute(
            f"SELECT id, {EXTRA_COLUMN} FROM claims WHERE {EXTRA_COLUMN} IS NOT NULL"
        ).fetchall():
            rewritten = rewrite.extra(extra, labels=True)
            if rewritten != extra:
                self.conn.execute(
                    f"UPDATE claims SET {EXTRA_COLUMN} = ? WHERE id = ?", (rewritten, claim_id)
                )
