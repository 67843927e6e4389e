"""What a laptop copy of a team hub records in its project file, and the writes of a sync.

A laptop copy (`annotator.hub.sync`) is a project file like any other, with
one more setting (key `HUB_KEY`): the hub's connection string (never a
password), the annotator, the copy's id and the highest change number of the
hub it has seen. The fingerprints of its rows as last synced are kept like a
work package's (table ``merge_base``, under the copy's id), so a sync can tell
what changed on the laptop since.

`CopyWriter` writes what a sync pulled, in one transaction with the new
record and fingerprints: a sync cut before its commit leaves the file as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from annotator.store.fingerprints import TRACKED, digest, row_key
from annotator.store.merging import MergeWriter
from annotator.store.package_rows import rows as table_rows
from annotator.store.packages import Key, write_base

if TYPE_CHECKING:
    from annotator.store.project import Project

HUB_KEY = "hub"
"""The settings (``meta``) key under which a laptop copy records its hub."""
LEAD_KEY = "hub_lead"
"""The settings key under which a lead's full copy records its hub (`annotator.hub.lead`)."""


def hub_record(project: Project, key: str = HUB_KEY) -> str | None:
    """The hub record of a project file (JSON as written), or None if it is no laptop copy.

    ``key``: `LEAD_KEY` for the record of a lead's full copy.
    """
    found = project.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    if found is None:
        return None
    value = found[0]
    return value if isinstance(value, str) else None


def schema_steps(project: Project) -> list[tuple[str, str, str, int]]:
    """Each update of the project's label schema, oldest first.

    ``(fingerprint, previous fingerprint, schema source, labels rewritten)``.
    """
    rows = project.conn.execute(
        "SELECT fingerprint, previous_fingerprint, schema, labels FROM schema_changes"
        " ORDER BY revision"
    )
    return [(str(f), str(p), str(s), int(n or 0)) for f, p, s, n in rows]


def fingerprints(project: Project) -> dict[Key, str]:
    """The fingerprint of every row a sync compares: ``(table, key) -> digest``."""
    return {
        (table, row_key(table, row)): digest(table, row)
        for table in TRACKED
        for row in table_rows(project, table)
    }


class CopyWriter(MergeWriter):
    """The writes of one sync (or join) into a laptop copy, in one transaction."""

    def __enter__(self) -> CopyWriter:
        super().__enter__()
        return self

    def put_assignments(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add assignments ``(article id, annotator)`` (after what is queued: the articles)."""
        self.flush()
        self.conn.executemany(
            "INSERT INTO assignments (article_id, annotator) VALUES (?, ?)"
            " ON CONFLICT (article_id, annotator) DO NOTHING",
            list(pairs),
        )

    def delete_assignment(self, article_id: str, annotator: str) -> None:
        """Remove an assignment (the article and its labels stay)."""
        self.conn.execute(
            "DELETE FROM assignments WHERE article_id = ? AND annotator = ?",
            (article_id, annotator),
        )

    def delete_any(self, table: str, key: dict[str, Any]) -> None:
        """Delete a row of a tracked table by its key, with what depends on it.

        An actor is deleted only when the hub knows it by another id (the sync has
        written its labels referring to that one first); its aliases go with it.
        """
        if table == "claims":
            self.delete_claim(key["id"])
        elif table == "mentions":
            self.delete_mention(key["id"])
        elif table == "actors":  # one the hub knows by another id: its labels were moved
            self.conn.execute("DELETE FROM actor_aliases WHERE actor_id = ?", (key["id"],))
            self.delete(table, key)
        else:
            self.delete(table, key)

    def record(self, key: str, record: str) -> None:
        """Write a hub record under ``key`` (`LEAD_KEY` for a lead's full copy)."""
        self.flush()
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, record),
        )

    def finish(self, record: str, copy_id: str, base: dict[Key, str] | None = None) -> None:
        """Write the copy's record and the fingerprints of its rows as synced.

        ``base``: those fingerprints, when not all rows are as they are now (rows
        edited while the sync was on its way keep the fingerprint it sent).
        """
        self.record(HUB_KEY, record)
        write_base(self.project, copy_id, fingerprints(self.project) if base is None else base)
