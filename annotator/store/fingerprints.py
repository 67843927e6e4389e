"""Fingerprints of rows: the common base that a merge of a work package compares with.

A work package stores, for every row it was made with, a fingerprint of what
a merge compares (a claim's span and fields, not when it was saved). A merge
then tells, row by row, whether the package changed it, the project changed
it, or both. After a merge the lead's project keeps the fingerprints of the
package's rows as merged, so merging a later copy of the same package only
compares what changed since.

This module says what a fingerprint is; `annotator.store.packages` keeps them
(table ``merge_base``), and a schema update fingerprints the rows it rewrites
again (`annotator.store.schema_rewrite`), so the base stays comparable.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from annotator.store.packages import Key as Key
from annotator.store.rows import CLAIM_COLUMNS

Row = dict[str, Any]

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
