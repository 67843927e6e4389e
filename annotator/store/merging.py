"""The writes of one merge of a work package into the lead's project, in one transaction.

`annotator.quality.merge` decides, row by row, what a package changes in the
project; `MergeWriter` writes it. Like an import, a merge is all or nothing
and no undo step: rows are queued and written in batches (see
`annotator.store.bulk.BulkWriter`), deletions take what depends on the row
with them, and the merge's records (see `annotator.store.packages`) are
written in the same transaction.
"""

from __future__ import annotations

from annotator.store.bulk import BulkWriter
from annotator.store.events import PRIMARY_KEYS, Row, delete_row


class MergeWriter(BulkWriter):
    """A `BulkWriter` that also deletes, for merges (see the module doc).

    Use as a context manager: leaving it normally writes what is queued and
    commits; leaving it with an exception rolls everything back.
    """

    def __enter__(self) -> MergeWriter:
        super().__enter__()
        return self

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
