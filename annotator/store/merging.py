"""The writes of one merge of a work package into the lead's project, in one transaction.

`annotator.quality.merge` decides, row by row, what a package changes in the
project; `MergeWriter` writes it. Like an import, a merge is all or nothing
and no undo step: rows are queued and written in batches (see
`annotator.store.bulk.BulkWriter`), deletions take what depends on the row
with them, and the merge's records (see `annotator.store.packages`) are
written in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from annotator.store import package_rows
from annotator.store.bulk import CACHE_KIB, BulkWriter
from annotator.store.events import PRIMARY_KEYS, Row, delete_row

if TYPE_CHECKING:
    from annotator.store.project import Project

MERGE_CACHE_MIB = CACHE_KIB // 1024
"""SQLite's page cache while packages are merged: what each file's writer sets (see
`annotator.store.bulk.CACHE_KIB`), kept between the files too (SQLite's default is 2 MiB)."""

UPDATED_BY_MERGE = {"mentions": True, "claims": True, "statuses": True, "claim_links": False}
"""Label tables `MergeWriter.write_labels` writes, and whether a row there already is
updated (a claim link has nothing but its key and who made it, which stays)."""


@contextmanager
def merge_cache(project: Project, mib: int = MERGE_CACHE_MIB) -> Iterator[None]:
    """A larger page cache for the project's connection while packages are merged.

    A merge adds rows all over the project's indexes (label ids are random);
    with SQLite's default 2 MiB most of those pages are read and written again
    for every batch, and what one file's merge read would be dropped before
    the next. The cache is set back afterwards.
    """
    (before,) = project.conn.execute("PRAGMA cache_size").fetchone()
    project.conn.execute(f"PRAGMA cache_size = {-int(mib) * 1024}")
    try:
        yield
    finally:
        project.conn.execute(f"PRAGMA cache_size = {int(before)}")


class MergeWriter(BulkWriter):
    """A `BulkWriter` that also deletes, for merges (see the module doc).

    Use as a context manager: leaving it normally writes what is queued and
    commits; leaving it with an exception rolls everything back.
    """

    def __enter__(self) -> MergeWriter:
        super().__enter__()
        return self

    def write_labels(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], new: bool
    ) -> None:
        """Write rows of a label table at once, after everything queued before.

        ``rows`` are values of ``columns`` (all the table's, as ``SELECT *``
        gives them), timestamps and all. ``new``: rows the project lacks; else
        each replaces the project's row with its key (`UPDATED_BY_MERGE`).
        """
        if table not in UPDATED_BY_MERGE:
            raise ValueError(f"MergeWriter.write_labels cannot write table {table!r}")
        if not rows:
            return
        self.flush()
        key = PRIMARY_KEYS[table]
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        insert = f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT ('
        insert += ", ".join(f'"{c}"' for c in key) + ") DO "
        if new and self.conn.executemany(insert + "NOTHING", rows).rowcount == len(rows):
            return  # (with foreign keys on, an insert is twice as fast as an upsert)
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in key)
        action = f"UPDATE SET {updates}" if UPDATED_BY_MERGE[table] and updates else "NOTHING"
        self.conn.executemany(insert + action, rows)

    def insert_new(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> set[tuple[Any, ...]]:
        """Insert rows of a label table that should be new in the project, after what is queued.

        Returns the keys of those it already had (usually none), which are left
        as they are: the caller decides them one by one.
        """
        if table not in UPDATED_BY_MERGE:
            raise ValueError(f"MergeWriter.insert_new cannot write table {table!r}")
        if not rows:
            return set()
        self.flush()
        (last,) = self.conn.execute(f'SELECT coalesce(max(rowid), 0) FROM "{table}"').fetchone()
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        key = PRIMARY_KEYS[table]
        conflict = ", ".join(f'"{c}"' for c in key)
        sql = (
            f'INSERT INTO "{table}" ({names}) VALUES ({marks}) ON CONFLICT ({conflict}) DO NOTHING'
        )
        if self.conn.executemany(sql, rows).rowcount == len(rows):
            return set()
        # Rows inserted now come after the last one there was (SQLite gives a new row
        # the largest rowid plus one while there is room), so the others were there.
        at = [list(columns).index(c) for c in key]
        keys = [tuple(row[i] for i in at) for row in rows]
        return package_rows.existing_keys(self.project, table, keys, up_to_rowid=last)

    def delete(self, table: str, key: Row) -> None:
        """Delete one alias, link or status (``key``: its primary key columns and values)."""
        if table not in PRIMARY_KEYS:
            raise ValueError(f"a merge cannot delete from {table!r}")
        delete_row(self.conn, table, key)

    def delete_claim(self, claim_id: str) -> None:
        """Delete a claim and the links to it."""
        self.conn.execute("DELETE FROM claim_links WHERE claim_a = ?1 OR claim_b = ?1", (claim_id,))
        delete_row(self.conn, "claims", {"id": claim_id})

    def delete_mention(self, mention_id: str) -> None:
        """Delete a mention; claims citing it as their source keep the source's words only."""
        self.conn.execute(
            "UPDATE claims SET attr_source_mention = NULL WHERE attr_source_mention = ?",
            (mention_id,),
        )
        delete_row(self.conn, "mentions", {"id": mention_id})
