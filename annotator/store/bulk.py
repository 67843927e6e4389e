"""Batched writes for imports and merges: many articles and labels in one transaction.

User actions go through `Project` methods one at a time, with undo. Imports
are different: thousands of rows, all or nothing, no undo entry. `BulkWriter`
queues rows and writes them with ``executemany`` every few thousand rows (sooner
for long articles), inside one transaction that commits only when the whole
file is in; what is queued stays small however big the file.

New articles are indexed for full-text search a batch at a time, by one
statement, instead of row by row by the ``articles_ai`` trigger: FTS5 writes
what it has indexed at the end of every statement, so the trigger made one
small index segment per article for FTS5 to merge again (some 40% of the time
of an import without validation). The trigger is dropped inside the writer's transaction and made
again, as it was, before the commit; a failed import rolls both back with
everything else, so the file never holds articles the index lacks.

An import (``defer_indexes=True``) also leaves the secondary indexes of the
tables it fills (`DEFERRED_INDEX_TABLES`) out while it writes, when a table
was empty or the input is at least as large as the project file: each is
dropped inside the writer's transaction, its SQL kept as the file holds it
(``sqlite_master``, as the migrations made it: the one place the schema's
indexes are written), and made again from that SQL before the commit. One
sort at the end is cheaper than keeping ten indexes in order row by row (a
raw import of 20,000 labelled articles wrote its rows in 3.9 s instead of
5.2 s, and made the indexes in 0.6 s). As with the trigger, a failed or killed
import rolls the drops back with everything else: the file keeps every
index and trigger it had.

An import from the command line at least as large as the project file writes
through a rollback journal instead of the WAL when it has the file to itself
(``rollback_journal``, `_leave_wal`: new
pages are written once, not into the WAL and again at its checkpoint), and
an import whose records come from a second process indexes articles for
search in batches as it goes (``search_in_batches``), while that process
reads on, rather than all at its end.

Before it writes a line, an import asks whether its article and label ids are
in the project already. Into tables that were empty when the writer started,
only this writer can have put them, so it remembers what it put (`_Written`)
and asks the file only about ids it may have put: an import into a new
project then reads nothing back (the lookups were a tenth of its CPU time).
"""

from __future__ import annotations

import logging
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
    ACTOR_COLUMNS,
    ALIAS_COLUMNS,
    ARTICLE_COLUMNS,
    CLAIM_ROW_COLUMNS,
    MENTION_ROW_COLUMNS,
    STATUS_COLUMNS,
    actor_values,
    alias_values,
    article_values,
    claim_values,
    mention_values,
    status_values,
)

if TYPE_CHECKING:
    from annotator.store.project import Project

log = logging.getLogger(__name__)

FLUSH_ROWS = 2000
"""Queued rows (of any table) that are written together."""
FLUSH_TEXT_BYTES = 1 << 19
"""Memory held by queued article texts (as Python strings) that makes the writer write."""
INDEX_TRIGGER = "articles_ai"
"""The trigger that indexes each new article for search, row by row (see the module doc)."""
FTS5_AUTOMERGE = 4
"""FTS5's own ``automerge`` setting, for an index that names none (see `_pause_merging`)."""
INDEX_BATCH = 2000
"""New articles indexed for search by one statement (more if a batch of rows holds more)."""
DEFERRED_INDEX_TABLES = ("articles", "mentions", "claims", "statuses")
"""Tables whose secondary indexes an import with ``defer_indexes`` makes again at its end."""
CACHE_KIB = 128 * 1024
"""SQLite's page cache while a writer is open (KiB; the connection's own size after).

An import inserts label ids (UUIDs) at random places of the tables' indexes and
looks each one up first; with SQLite's default 2 MiB cache most of those pages
are read again from the operating system every time."""
FILTER_BITS = 1 << 27
"""The most bits of the filter of ids a writer wrote (16 MiB; see `_Written`)."""
FILTER_BITS_UNKNOWN = 1 << 23
"""Its bits when the size of the input is not known (1 MiB)."""
ACTORS_REMEMBERED = 100_000
"""Actors whose last written values the writer remembers, so a line that lists an actor
as an earlier one did queues nothing (a corpus names the same actors on every line)."""


_LINK_COLUMNS = ("claim_a", "claim_b", "annotator")


def _upsert_sql(
    table: str, columns: list[str], key: tuple[str, ...], keep: tuple[str, ...] = ()
) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in key + keep)
    conflict = ", ".join(f'"{c}"' for c in key)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT({conflict}) {action}'


class _Written:
    """Ids a writer wrote into its tables: a Bloom filter of one hash over ``bits`` bits.

    `stored` keeps every id added and drops most others: with 60 bits an id
    (two million ids in the largest filter) it keeps about one in 60 that was
    never added. The bits are made when the first ids are added.
    """

    def __init__(self, bits: int) -> None:
        self._size = bits
        self._mask = bits - 1  # bits is a power of two
        self._bits: bytearray | None = None

    def add(self, keys: list[str]) -> None:
        """Remember ``keys``."""
        if self._bits is None:
            self._bits = bytearray(self._size >> 3)
        bits, mask = self._bits, self._mask
        for key in keys:
            place = hash(key) & mask
            bits[place >> 3] |= 1 << (place & 7)

    def stored(self, keys: list[str]) -> list[str]:
        """Those of ``keys`` that were added (and a few that only look as if they were)."""
        bits, mask = self._bits, self._mask
        if bits is None:
            return []
        return [k for k in keys if bits[(place := hash(k) & mask) >> 3] >> (place & 7) & 1]


def _filter_bits(input_bytes: int | None) -> int:
    """Bits of the `_Written` filter for an input of this size: one a byte, within limits.

    Every id takes some 40 bytes of its file or more, so that is 40 bits an id
    or more, for inputs up to `FILTER_BITS` bytes (128 MB; the filter then
    stays at 16 MiB, 60 bits an id at two million ids). At least 64 Kib.
    """
    wanted = input_bytes or FILTER_BITS_UNKNOWN
    return min(FILTER_BITS, max(1 << 16, 1 << (wanted - 1).bit_length()))


_REMEMBERED = ("articles", "mentions", "claims")
"""Tables whose ids a writer remembers if they were empty when it started (see `_Written`)."""


class BulkWriter:
    """Queues rows and writes them in batches inside one transaction.

    Use as a context manager: leaving it normally writes what is queued and
    commits; leaving it with an exception rolls everything back.
    """

    def __init__(
        self,
        project: Project,
        doing: str = "the import",
        input_bytes: int | None = None,
        defer_indexes: bool = False,
        search_in_batches: bool = False,
        rollback_journal: bool = False,
    ) -> None:
        """Prepare to write to ``project``.

        Args:
            project: the project written to.
            doing: the work, as error messages name it.
            input_bytes: the size of what is imported, if known: it sizes the
                memory that spares lookups in the file (see `_Written`).
            defer_indexes: make the secondary indexes of the tables an import
                fills again at the end instead of keeping them row by row, for
                a table that was empty or an input at least as large as the
                file (see the module doc). Only for writers that look rows up
                by their keys alone, as an import does.
            search_in_batches: with ``defer_indexes``, index new articles for
                search every `INDEX_BATCH` articles rather than all at the end:
                for an import whose records are read in another process
                (`annotator.io.parallel`), so that the indexing is done while
                that process reads the next ones instead of after it ended.
            rollback_journal: for an input at least as large as the file, write
                through a rollback journal if no one else has the file open
                (`_leave_wal`). For a command that has the project to itself:
                readers that come while it writes wait for it (the window's
                threads would).
        """
        self.project = project
        self.doing = doing
        self.conn: sqlite3.Connection = project.conn
        self.stamp = now()
        self._rows: dict[str, list[tuple[Any, ...]]] = {}
        self._columns: dict[str, tuple[str, ...]] = {}
        self._pending_rows = 0
        self._pending_text = 0
        self._stack = ExitStack()
        # Labels and actors queued since the last flush (written ones are looked up
        # in the file, so these stay small): table -> label id -> (article, annotator).
        self.label_owner: dict[str, dict[str, tuple[str, str]]] = {"mentions": {}, "claims": {}}
        self.actors_seen: set[str] = set()
        # Actor id -> (name, type, aliases) as last queued in this transaction.
        self._actors_put: dict[str, tuple[str, str | None, tuple[str, ...]]] = {}
        self._index_trigger: str | None = None  # its SQL while it is dropped
        self._defer_indexes = defer_indexes
        self._search_in_batches = search_in_batches
        self._rollback_journal = rollback_journal
        self._input_bytes = input_bytes
        self._dropped_indexes: list[str] = []  # their SQL while they are dropped
        self._unindexed_after: int | None = None  # articles after this rowid are not indexed
        self._unindexed = 0  # how many
        self._automerge: int | None = None  # the search index's setting while merging waits
        # The tables empty when the writer started, and the ids it put into them
        # (see `_may_be_stored`); no tables once something else wrote on the connection.
        self._fresh: set[str] = set()
        self._written = _Written(_filter_bits(input_bytes))
        self._queued_ids: list[str] = []  # ids of those tables queued since the last flush
        self._changes = 0  # the connection's total_changes after this writer's last write

    def __enter__(self) -> BulkWriter:
        if self.project.read_only:
            raise ProjectError(f"{self.project.path.name} is open read-only")
        try:
            self._grow_cache()
            large = self._large_input()
            if self._rollback_journal and large:
                self._leave_wal()
            self._stack.enter_context(database.translate_errors(self.project.path, self.doing))
            self._stack.enter_context(self.project.db.atomic())
            # Links and attributions may point at rows later in the file.
            self.conn.execute("PRAGMA defer_foreign_keys = ON")
            self._drop_index_trigger()
            for table in _REMEMBERED:
                if self._is_empty(table):
                    self._fresh.add(table)
            if self._defer_indexes:
                self._drop_indexes(large)
        except BaseException as error:
            # A failure here (another writer holds the file) rolls back, puts the cache and
            # journal back and is told as a message: without `__exit__` none of that ran.
            self._stack.__exit__(type(error), error, error.__traceback__)
            raise
        self._changes = self.conn.total_changes
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
                self._index_new_articles()  # (after flush: no one else wrote since)
                self._resume_merging()
                self._restore_indexes()
                self._restore_index_trigger()
            except BaseException as error:
                return self._stack.__exit__(type(error), error, error.__traceback__)
        return self._stack.__exit__(exc_type, exc, tb)

    def _is_empty(self, table: str) -> bool:
        return self.conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone() is None

    def _drop_indexes(self, large: bool) -> None:
        """Drop the secondary indexes of `DEFERRED_INDEX_TABLES` worth making again at the end.

        Those of a table that is empty, or of every such table when the input
        is at least as large as the file (``large``, `_large_input`). Their SQL is kept, in the file's
        order, for `_restore_indexes`. Primary keys and UNIQUE constraints
        (SQLite's own indexes, without SQL) stay: the writer looks rows up by them.
        """
        for table in DEFERRED_INDEX_TABLES:
            if not large and not self._is_empty(table):
                continue
            found = self.conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
                " AND sql IS NOT NULL ORDER BY rowid",
                (table,),
            ).fetchall()
            for name, sql in found:
                self.conn.execute(f'DROP INDEX "{name}"')
                self._dropped_indexes.append(sql)

    def _large_input(self) -> bool:
        """True if the input is known and at least as large as the project file."""
        (pages,) = self.conn.execute("PRAGMA page_count").fetchone()
        (page,) = self.conn.execute("PRAGMA page_size").fetchone()
        return self._input_bytes is not None and self._input_bytes >= pages * page

    def _leave_wal(self) -> None:
        """Write through a rollback journal until the writer is done, if no one else has the file.

        In WAL mode every page is written twice: into the WAL, then copied into
        the file at the checkpoint. A rollback journal keeps a copy of the pages
        a transaction changes, and of none it adds: an import larger than the
        file adds most of what it writes, so that is written once (a 290 MB
        import: 0.6 s less, half the system time). It is as safe: a write cut
        short leaves a journal that the next opening rolls back, and the file
        as it was. The change needs the file to itself: with anyone else on it
        (a reader, the window's suggestion worker) it is refused at once, and
        the writer writes through the WAL as always. Afterwards the file goes
        back to WAL; if that is refused, the next opening does it.
        """
        try:
            with database.busy_timeout(self.conn, 0):
                (mode,) = self.conn.execute("PRAGMA journal_mode = DELETE").fetchone()
        except sqlite3.Error as exc:
            log.info("%s: writing through the WAL (%s)", self.project.path.name, exc)
            return
        if mode == "delete":
            log.info("%s: writing through a rollback journal", self.project.path.name)
            self._stack.callback(self._back_to_wal)

    def _back_to_wal(self) -> None:
        try:
            with database.busy_timeout(self.conn, 0):
                self.conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:
            log.warning("%s: left in rollback-journal mode for now (%s)", self.project.path, exc)

    def _restore_indexes(self) -> None:
        """Make the indexes `_drop_indexes` dropped again, each from the SQL the file held."""
        for sql in self._dropped_indexes:
            self.conn.execute(sql)
        self._dropped_indexes = []

    def _grow_cache(self) -> None:
        """Raise the page cache to `CACHE_KIB` while the writer is open (after: as it was)."""
        (size,) = self.conn.execute("PRAGMA cache_size").fetchone()
        (page,) = self.conn.execute("PRAGMA page_size").fetchone()
        kib = -size if size < 0 else size * page // 1024
        if kib < CACHE_KIB:
            self.conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
            self._stack.callback(self.conn.execute, f"PRAGMA cache_size = {int(size)}")

    # -- lookups ------------------------------------------------------------------------------

    def _may_be_stored(self, table: str, ids: list[str]) -> list[str]:
        """Those of ``ids`` that may be rows of ``table`` (all, unless the writer knows better).

        A table empty when the writer started holds only what the writer put there,
        as long as nothing else wrote on its connection since (``total_changes``
        tells; then it asks the file about every id from there on).
        """
        self._note_others()
        if table not in self._fresh:
            return ids
        return self._written.stored(ids)

    def stored_text_sha(self, article_id: str) -> str | None:
        """The text fingerprint of an article already in the project, or None."""
        if not self._may_be_stored("articles", [article_id]):
            return None
        found = self.conn.execute(
            "SELECT text_sha256 FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return found[0] if found else None

    def actor_known(self, actor_id: str) -> bool:
        """True if the actor is in the project or queued by this writer."""
        if actor_id in self.actors_seen or actor_id in self._actors_put:
            return True
        return (
            self.conn.execute("SELECT 1 FROM actors WHERE id = ?", (actor_id,)).fetchone()
            is not None
        )

    def claim_article(self, claim_id: str) -> str | None:
        """The article of a claim in the project or queued by this writer, or None."""
        if claim_id in self.label_owner["claims"]:
            return self.label_owner["claims"][claim_id][0]
        if not self._may_be_stored("claims", [claim_id]):
            return None
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
        stored = self._may_be_stored(table, ids)
        if stored:
            marks = ",".join("?" * len(stored))
            for label_id, owner_article, owner in self.conn.execute(
                f"SELECT id, article_id, annotator FROM {table} WHERE id IN ({marks})", stored
            ):
                owners.setdefault(label_id, (owner_article, owner))
        for label_id, (owner_article, owner) in owners.items():
            if (owner_article, owner) != (article_id, annotator):
                raise ValidationError(
                    f"{table[:-1]} id {quoted(label_id)} is already used by article {quoted(owner_article)}"
                    f" (annotator {quoted(owner)}); label ids must be unique"
                )

    # -- queueing -----------------------------------------------------------------------------

    def _queue(self, table: str, columns: tuple[str, ...], values: tuple[Any, ...]) -> None:
        self._queue_all(table, columns, [values])

    def _queue_all(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """`_queue` each of ``rows`` (the batch may go over `FLUSH_ROWS` by these)."""
        if not rows:
            return
        queued = self._rows.get(table)
        if queued is None:
            queued = self._rows[table] = []
            self._columns[table] = columns
        elif self._columns[table] != columns:
            raise ValueError(f"rows of {table!r} must have the same columns in the same order")
        queued.extend(rows)
        self._pending_rows += len(rows)
        if self._pending_rows >= FLUSH_ROWS or self._pending_text >= FLUSH_TEXT_BYTES:
            self.flush()

    def add_article(self, article: Article) -> None:
        """Queue a new article."""
        values = article_values(article, self.stamp)
        self.add_article_values(article.id, values, sys.getsizeof(article.text))

    def add_article_values(self, article_id: str, values: tuple[Any, ...], text_size: int) -> None:
        """Queue a new article as its row (`ARTICLE_COLUMNS`; ``text_size``: its text's memory)."""
        self._pending_text += text_size
        self._queued_ids.append(article_id)
        self._queue("articles", ARTICLE_COLUMNS, values)

    def put_actor(self, actor: Actor, created_by: str | None) -> None:
        """Queue an actor (insert, or update its name and type) and add its new aliases.

        Nothing is queued for an actor given with the same name, type and aliases as
        the last time in this transaction: writing it again would change nothing
        (unless something else wrote since, see `_note_others`).
        """
        self.actors_seen.add(actor.id)
        self._note_others()
        values = (actor.name, actor.type, actor.aliases)
        if self._actors_put.get(actor.id) == values:
            return
        if len(self._actors_put) >= ACTORS_REMEMBERED:
            self._actors_put.clear()
        self._actors_put[actor.id] = values
        self._queue("actors", ACTOR_COLUMNS, actor_values(actor, created_by, self.stamp))
        for position, alias in enumerate(actor.aliases):
            self._queue("actor_aliases", ALIAS_COLUMNS, alias_values(actor.id, alias, position))

    def put_mention(self, mention: Mention) -> None:
        """Queue a mention (insert or update by id)."""
        values = mention_values(mention, self.stamp)
        self.put_label_rows("mentions", [values], mention.article_id, mention.annotator)

    def put_label_rows(
        self, table: str, rows: list[tuple[Any, ...]], article_id: str, annotator: str
    ) -> None:
        """Queue mentions or claims (``table``) of one article and annotator as their rows.

        Rows in `MENTION_ROW_COLUMNS` or `CLAIM_ROW_COLUMNS` order, the id first.
        """
        owner = (article_id, annotator)
        ids = [row[0] for row in rows]
        self.label_owner[table].update(dict.fromkeys(ids, owner))
        self._queued_ids.extend(ids)
        columns = MENTION_ROW_COLUMNS if table == "mentions" else CLAIM_ROW_COLUMNS
        self._queue_all(table, columns, rows)

    def put_claim(self, claim: Claim) -> None:
        """Queue a claim (insert or update by id)."""
        values = claim_values(claim, self.stamp)
        self.put_label_rows("claims", [values], claim.article_id, claim.annotator)

    def put_link(self, link: ClaimLink) -> None:
        """Queue a claim link (kept if already there)."""
        self._queue("claim_links", _LINK_COLUMNS, (link.claim_a, link.claim_b, link.annotator))

    def put_status(self, status: Status) -> None:
        """Queue a status (insert or update)."""
        self.put_status_values(status_values(status, self.stamp))

    def put_status_values(self, values: tuple[Any, ...]) -> None:
        """Queue a status as its row (`STATUS_COLUMNS`)."""
        self._queue("statuses", STATUS_COLUMNS, values)

    def put_row(self, table: str, row: dict[str, Any]) -> None:
        """Queue a row exactly as given, timestamps and all (work packages and merges copy rows).

        Every row queued for one table must have the same columns in the same order, as
        ``SELECT *`` gives (rows are written by position).
        An alias row is added only if its actor lacks that alias (at the end of its list).
        """
        if table not in self._KEYS:
            raise ValueError(f"BulkWriter cannot write table {table!r}")
        if table in _REMEMBERED:
            self._queued_ids.append(row["id"])
        if table == "articles":
            self._pending_text += sys.getsizeof(row["text"])
        elif table == "actors":
            self._actors_put.pop(row["id"], None)  # its values are no longer those remembered
        self._queue(table, tuple(row), tuple(row.values()))

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
        self._note_others()
        for table, (key, keep) in self._KEYS.items():
            values = self._rows.pop(table, None)
            if not values:
                continue
            columns = list(self._columns.pop(table))
            if table == "actor_aliases":
                self._append_aliases(columns, values)
                continue
            upsert = _upsert_sql(table, columns, key, keep)
            insert_new = _upsert_sql(table, columns, key, keep=tuple(columns))
            # With foreign keys on, SQLite writes rows through a DO UPDATE upsert about
            # half as fast as through a plain insert (mentions, claims; see
            # benchmarks/README.md), so rows go in with DO NOTHING first. Only if some
            # were already there does the upsert run, over all of them: writing the
            # new rows' values again is harmless.
            if "DO UPDATE" in upsert and self._insert_new(table, insert_new, values) == len(values):
                continue
            self.conn.executemany(upsert, values)
        self._pending_rows = self._pending_text = 0
        for owners in self.label_owner.values():
            owners.clear()
        self.actors_seen.clear()
        if self._fresh and self._queued_ids:
            self._written.add(self._queued_ids)
        self._queued_ids.clear()
        self._wrote()

    def _insert_new(self, table: str, sql: str, values: list[tuple[Any, ...]]) -> int:
        """Insert the rows not there yet; the number inserted.

        New articles are indexed for search every `INDEX_BATCH` articles (an
        import, ``defer_indexes``: all at its end, by one statement, which took
        a tenth to a fifth less of an import's CPU time than batches between
        the rows), and at once before an
        upsert's update trigger takes out and puts back the index entries of the
        rows it updates (which must be in the index).
        """
        if table != "articles" or self._index_trigger is None:
            return int(self.conn.executemany(sql, values).rowcount)
        if self._unindexed_after is None:
            (last,) = self.conn.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()
            self._unindexed_after = int(last)
        inserted = int(self.conn.executemany(sql, values).rowcount)
        self._unindexed += inserted
        in_batches = self._search_in_batches or not self._defer_indexes
        if inserted < len(values) or (in_batches and self._unindexed >= INDEX_BATCH):
            self._index_new_articles()
        return inserted

    def _append_aliases(self, columns: list[str], values: list[tuple[Any, ...]]) -> None:
        """Add aliases an actor does not have yet, after the ones it has."""
        self.conn.executemany(
            "INSERT INTO actor_aliases (actor_id, alias, alias_key, position)"
            " SELECT :actor_id, :alias, :alias_key,"
            "  (SELECT coalesce(max(position) + 1, 0) FROM actor_aliases WHERE actor_id = :actor_id)"
            " WHERE NOT EXISTS (SELECT 1 FROM actor_aliases"
            "  WHERE actor_id = :actor_id AND alias_key = :alias_key)",
            [dict(zip(columns, row, strict=True)) for row in values],
        )

    # -- the search index ---------------------------------------------------------------------

    def _drop_index_trigger(self) -> None:
        """Drop the trigger that indexes articles row by row, keeping its SQL to make it again."""
        found = self.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (INDEX_TRIGGER,)
        ).fetchone()
        if found is None:
            return
        self.conn.execute(f'DROP TRIGGER "{INDEX_TRIGGER}"')
        self._index_trigger = found[0]

    def _index_new_articles(self) -> None:
        """Index the articles this writer added since it last did, as the trigger would have.

        Articles get new rowids above every one there (SQLite's rule for a table whose
        rowids are below the largest possible), so they are those after the largest
        rowid before them.
        """
        if self._unindexed_after is None:
            return
        self._pause_merging()
        self.conn.execute(
            "INSERT INTO articles_fts (rowid, title, text)"
            " SELECT rowid, title, text FROM articles WHERE rowid > ?",
            (self._unindexed_after,),
        )
        self._unindexed_after = None
        self._unindexed = 0
        self._wrote()

    def _pause_merging(self) -> None:
        """Let the search index keep the segments this writer adds unmerged until it is done.

        FTS5 merges an index's segments as they accumulate (``automerge``); an
        import adding many batches paid for merges it would do again with the
        next batches (a fifth of the indexing time of 20,000 articles). The
        setting the index had is put back before the commit (`_resume_merging`;
        FTS5's default, 4, is then written out), and later writes merge what
        is left; a failed import rolls it back with everything else.
        """
        if self._automerge is not None:
            return
        found = self.conn.execute(
            "SELECT v FROM articles_fts_config WHERE k = 'automerge'"
        ).fetchone()
        self._automerge = int(found[0]) if found else FTS5_AUTOMERGE
        self.conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 0)")

    def _resume_merging(self) -> None:
        if self._automerge is None:
            return
        self.conn.execute(
            "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', ?)",
            (self._automerge,),
        )
        self._automerge = None

    def _note_others(self) -> None:
        """Forget what the writer knows of its tables if something else wrote there since it did.

        (Something else on its connection: ``total_changes`` moved.) Its tables are no
        longer taken to hold only what it wrote (`_may_be_stored`), and actors are
        written again even as they were (`put_actor`).
        """
        if self.conn.total_changes != self._changes:
            self._fresh.clear()
            self._actors_put.clear()
            self._changes = self.conn.total_changes

    def _wrote(self) -> None:
        """Note the writer's own writes (call `_note_others` before them)."""
        self._changes = self.conn.total_changes

    def _restore_index_trigger(self) -> None:
        if self._index_trigger is not None:
            self.conn.execute(self._index_trigger)
            self._index_trigger = None
