"""Fingerprints of rows: the common base that a merge of a work package compares with.

A work package stores, for every row it was made with, a fingerprint of what
a merge compares (a claim's span and fields, not when it was saved). A merge
then tells, row by row, whether the package changed it, the project changed
it, or both. After a merge the lead's project keeps the fingerprints of the
package's rows as merged, so merging a later copy of the same package only
compares what changed since.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from annotator.store.rows import CLAIM_COLUMNS

Row = dict[str, Any]
Key = tuple[str, str]
"""``(table, key)``: a row of a tracked table; the key is its primary key as JSON."""

TRACKED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # table: (primary key, the columns a merge compares; none: only whether the row exists)
    "actors": (("id",), ("name", "type")),
    "actor_aliases": (("actor_id", "alias"), ()),
    "mentions": (("id",), ("article_id", "annotator", "start", "end", "actor_id")),
    "claims": (("id",), CLAIM_COLUMNS[1:]),
    "claim_links": (("claim_a", "claim_b"), ()),
    "statuses": (("article_id", "annotator"), ("status", "comment")),
}
"""Tables whose rows a work package carries back, in the order a merge reads them."""

BATCH = 500


def row_key(table: str, row: Row) -> str:
    """The primary key of ``row`` as JSON text (one string for keys of one or two columns)."""
    return json.dumps([row[c] for c in TRACKED[table][0]], ensure_ascii=False)


def key_values(table: str, key: str) -> Row:
    """The primary key columns and values of a `row_key`."""
    return dict(zip(TRACKED[table][0], json.loads(key), strict=True))


def digest(table: str, row: Row) -> str:
    """A fingerprint of what a merge compares in ``row``."""
    content = json.dumps([row[c] for c in TRACKED[table][1]], ensure_ascii=False)
    return hashlib.blake2b(content.encode(), digest_size=16).hexdigest()


def content_of(table: str, row: Row) -> Row:
    """The columns of ``row`` a merge compares."""
    return {c: row[c] for c in TRACKED[table][1]}


def stream(conn: sqlite3.Connection, sql: str, params: Any = ()) -> Iterator[Row]:
    """The rows of a query as dicts, fetched a batch at a time."""
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(BATCH):
        for values in batch:
            yield dict(zip(names, values, strict=True))


def read_base(conn: sqlite3.Connection, package_id: str) -> dict[Key, str]:
    """The fingerprints stored for ``package_id`` in a file: ``(table, key) -> digest``."""
    rows = conn.execute(
        "SELECT tbl, key, digest FROM merge_base WHERE package_id = ?", (package_id,)
    )
    return {(table, key): value for table, key, value in rows}


def write_base(conn: sqlite3.Connection, package_id: str, base: dict[Key, str]) -> bool:
    """Make the fingerprints stored for ``package_id`` equal ``base``; True if any changed.

    Only differences are written, so storing the same base again leaves the file as it was.
    """
    old = read_base(conn, package_id)
    gone = [(package_id, t, k) for (t, k) in old if (t, k) not in base]
    changed = [(package_id, t, k, d) for (t, k), d in base.items() if old.get((t, k)) != d]
    conn.executemany("DELETE FROM merge_base WHERE package_id = ? AND tbl = ? AND key = ?", gone)
    conn.executemany(
        "INSERT INTO merge_base (package_id, tbl, key, digest) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (package_id, tbl, key) DO UPDATE SET digest = excluded.digest",
        changed,
    )
    return bool(gone or changed)
