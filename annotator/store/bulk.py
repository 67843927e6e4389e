"""Batched writes for imports and merges: many articles and labels in one transaction.

User actions go through `Project` methods one at a time, with undo. Imports
are different: thousands of rows, all or nothing, no undo entry. `BulkWriter`
queues rows and writes them with ``executemany`` every few thousand rows (sooner
for long articles), inside one transaction that commits only when the whole
file is in; what is queued stays small however big the file.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
from collections.abc import Iterable
from contextlib import ExitStack
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar

from annotator.core.errors import ProjectError, ValidationError, quoted
from annotator.core.model import Actor, Article, Claim, ClaimLink, Mention, Status
from annotator.store import database
from annotator.store.events import now
from annotator.store.rows import (
    actor_row,
    alias_row,
    article_row,
    claim_row,
    mention_row,
    status_row,
)

if TYPE_CHECKING:
    from annotator.store.project import Project

FLUSH_ROWS = 2000
"""Queued rows (of any table) that are written together."""
FLUSH_TEXT_BYTES = 1 << 19
"""Memory held by queued article texts (as Python strings) that makes the writer write."""


def _upsert_sql(
    table: str, columns: list[str], key: tuple[str, ...], keep: tuple[str, ...] = ()
) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in key + keep)
    conflict = ", ".join(f'"{c}"' for c in key)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT({conflict}) {action}'


class BulkWriter:
    """Queues rows and writes them in batches inside one transaction.

    Use as a context manager: leaving it normally writes what is queued and
    commits; leaving it with an exception rolls everything back.
    """

    def __init__(self, project: Project, doing: str = "the import") -> None:
        """Prepare to write to ``project``; ``doing`` names the work in error messages."""
        self.project = project
        self.doing = doing
        self.conn: sqlite3.Connection = project.conn
        self.stamp = now()
        self._rows: dict[str, list[dict[str, Any]]] = {}
        self._pending_rows = 0
        self._pending_text = 0
        self._stack = ExitStack()
        # Labels and actors queued since the last flush (written ones are looked up
        # in the file, so these stay small): table -> label id -> (article, annotator).
        self.label_owner: dict[str, dict[str, tuple[str, str]]] = {"mentions": {}, "claims": {}}
        self.actors_seen: set[str] = set()

    def __enter__(self) -> BulkWriter:
        if self.project.read_only:
            raise ProjectError(f"{self.project.path.name} is open read-only")
        self._stack.enter_context(database.translate_errors(self.project.path, self.doing))
        self._stack.enter_context(self.project.db.atomic())
        # Links and attributions may point at rows later in the file.
        self.conn.execute("PRAGMA defer_foreign_keys = ON")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        if exc_type is None:
            try:
                self.flush()
            except BaseException as error:
                return self._stack.__exit__(type(error), error, error.__traceback__)
        return self._stack.__exit__(exc_type, exc, tb)

    # -- lookups ------------------------------------------------------------------------------

    def stored_text_sha(self, article_id: str) -> str | None:
        """The text fingerprint of an article already in the project, or None."""
        found = self.conn.execute(
            "SELECT text_sha256 FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return found[0] if found else None

    def actor_known(self, actor_id: str) -> bool:
        """True if the actor is in the project or queued by this writer."""
        if actor_id in self.actors_seen:
            return True
        return (
            self.conn.execute("SELECT 1 FROM actors WHERE id = ?", (actor_id,)).fetchone()
            is not None
        )

    def claim_article(self, claim_id: str) -> str | None:
        """The article of a claim in the project or queued by this writer, or None."""
        if claim_id in self.label_owner["claims"]:
            return self.label_owner["claims"][claim_id][0]
        found = self.conn.execute(
            "SELECT article_id FROM claims WHERE id = ?", (claim_id,)
        ).fetchone()
        return found[0] if found else None

    def check_label_ids(
        self, table: str, ids: Iterable[str], article_id: str, annotator: str
    ) -> None:
        """Raise if a label id is already used by another article or annotator.

        Ids are UUIDs in files we write, but hand-made files often reuse ``m1``
        in every article; updating by id would then move labels between articles.
        """
        ids = list(ids)
        queued = self.label_owner[table]
        owners = {i: queued[i] for i in ids if i in queued}
        marks = ",".join("?" * len(ids))
        if ids:
            for label_id, owner_article, owner in self.conn.execute(
                f"SELECT id, article_id, annotator FROM {table} WHERE id IN ({marks})", ids
            ):
                owners.setdefault(label_id, (owner_article, owner))
        for label_id, (owner_article, owner) in owners.items():
            if (owner_article, owner) != (article_id, annotator):
                raise ValidationError(
                    f"{table[:-1]} id {quoted(label_id)} is already used by article {quoted(owner_article)}"
                    f" (annotator {quoted(owner)}); label ids must be unique"
                )

    # -- queueing -----------------------------------------------------------------------------

    def _queue(self, table: str, row: dict[str, Any]) -> None:
        self._rows.setdefault(table, []).append(row)
        self._pending_rows += 1
        if self._pending_rows >= FLUSH_ROWS or self._pending_text >= FLUSH_TEXT_BYTES:
            self.flush()

    def add_article(self, article: Article) -> None:
        """Queue a new article."""
        self._pending_text += sys.getsizeof(article.text)
        self._queue("articles", article_row(article, self.stamp))

    def put_actor(self, actor: Actor, created_by: str | None) -> None:
        """Queue an actor (insert, or update its name and type) and add its new aliases."""
        self.actors_seen.add(actor.id)
        self._queue("actors", actor_row(actor, created_by, self.stamp))
        for position, alias in enumerate(actor.aliases):
            self._queue("actor_aliases", alias_row(actor.id, alias, position))

    def put_mention(self, mention: Mention) -> None:
        """Queue a mention (insert or update by id)."""
        self.label_owner["mentions"][mention.id] = (mention.article_id, mention.annotator)
        self._queue("mentions", mention_row(mention, self.stamp))

    def put_claim(self, claim: Claim) -> None:
        """Queue a claim (insert or update by id)."""
        self.label_owner["claims"][claim.id] = (claim.article_id, claim.annotator)
        self._queue("claims", claim_row(claim, self.stamp))

    def put_link(self, link: ClaimLink) -> None:
        """Queue a claim link (kept if already there)."""
        self._queue("claim_links", dataclasses.asdict(link))

    def put_status(self, status: Status) -> None:
        """Queue a status (insert or update)."""
        self._queue("statuses", status_row(status, self.stamp))

    def put_row(self, table: str, row: dict[str, Any]) -> None:
        """Queue a row exactly as given, timestamps and all (work packages and merges copy rows).

        Every row queued for one table must have the same columns in the same order, as
        ``SELECT *`` gives (rows are written by position).
        An alias row is added only if its actor lacks that alias (at the end of its list).
        """
        if table not in self._KEYS:
            raise ValueError(f"BulkWriter cannot write table {table!r}")
        queued = self._rows.get(table)
        if queued and list(queued[0]) != list(row):
            raise ValueError(f"rows of {table!r} must have the same columns in the same order")
        if table == "articles":
            self._pending_text += sys.getsizeof(row["text"])
        self._queue(table, row)

    # -- writing ------------------------------------------------------------------------------

    _KEYS: ClassVar[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
        # table: (conflict key, columns an update keeps)
        "articles": (("id",), ("added_at",)),
        "actors": (("id",), ("created_by",)),
        "actor_aliases": (("actor_id", "alias"), ("position",)),
        "mentions": (("id",), ()),
        "claims": (("id",), ()),
        "claim_links": (("claim_a", "claim_b"), ("annotator",)),
        "statuses": (("article_id", "annotator"), ()),
    }

    def flush(self) -> None:
        """Write every queued row, parents before children."""
        for table, (key, keep) in self._KEYS.items():
            rows = self._rows.pop(table, None)
            if not rows:
                continue
            columns = list(rows[0])
            if table == "actor_aliases":
                self._append_aliases(rows)
                continue
            values = [tuple(r.values()) for r in rows]
            upsert = _upsert_sql(table, columns, key, keep)
            if "DO UPDATE" in upsert:
                # With foreign keys on, SQLite writes rows through a DO UPDATE upsert about
                # half as fast as through a plain insert (mentions, claims; see
                # benchmarks/README.md), so rows go in with DO NOTHING first. Only if some
                # were already there does the upsert run, over all of them: writing the
                # new rows' values again is harmless.
                insert_new = _upsert_sql(table, columns, key, keep=tuple(columns))
                if self.conn.executemany(insert_new, values).rowcount == len(values):
                    continue
            self.conn.executemany(upsert, values)
        self._pending_rows = self._pending_text = 0
        for owners in self.label_owner.values():
            owners.clear()
        self.actors_seen.clear()

    def _append_aliases(self, rows: list[dict[str, Any]]) -> None:
        """Add aliases an actor does not have yet, after the ones it has."""
        self.conn.executemany(
            "INSERT INTO actor_aliases (actor_id, alias, alias_key, position)"
            " SELECT :actor_id, :alias, :alias_key,"
            "  (SELECT coalesce(max(position) + 1, 0) FROM actor_aliases WHERE actor_id = :actor_id)"
            " WHERE NOT EXISTS (SELECT 1 FROM actor_aliases"
            "  WHERE actor_id = :actor_id AND alias_key = :alias_key)",
            rows,
        )
