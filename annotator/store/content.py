"""The content fingerprint of a project: one hash that changes exactly when its work does.

A dataset built from a project records it (`annotator.dataset`), so a reader
can tell whether the project still holds what the dataset was built from.

What it covers: the label schema's vocabulary (`LabelSchema.fingerprint`), and
of every article, actor, alias, mention, claim, claim link and status the
columns that say what it is, in primary key order: an article's id, text
(by its ``text_sha256``), title, source, url, published date, language, story
and meta; the columns a work-package merge compares for the label tables
(`annotator.store.fingerprints.TRACKED`). What it leaves out: when rows were
saved, who changed an actor last, the undo history, suggestions, assignments,
packages and backups, and the project's id and file name. Two files with the
same articles and labels have the same fingerprint; undoing an action brings
the fingerprint back to what it was.

Rows are read in batches and fed to SHA-256 as JSON (orjson), so memory stays
flat; the result is ``sha256:`` and 64 hex digits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

import orjson

from annotator.store.fingerprints import TRACKED
from annotator.store.reader import Reader

ARTICLE_CONTENT = (
    "id", "text_sha256", "title", "source", "url", "published", "language", "story", "meta",
)  # fmt: skip
"""The article columns the fingerprint covers (the text by its hash)."""

_FETCH = 5_000


def _columns(table: str) -> tuple[str, ...]:
    if table == "articles":
        return ARTICLE_CONTENT
    key, content = TRACKED[table]
    return (*key, *(c for c in content if c not in key))


def content_fingerprint(project: Reader, schema_fingerprint: str) -> str:
    """``sha256:<hex>`` of the project's articles and labels (see the module doc).

    Args:
        project: an open project.
        schema_fingerprint: the project's `LabelSchema.fingerprint`.
    """
    digest = hashlib.sha256(orjson.dumps({"schema": schema_fingerprint}))
    for table in ("articles", *TRACKED):
        columns = _columns(table)
        order = TRACKED[table][0] if table != "articles" else ("id",)
        names = ", ".join(f'"{c}"' for c in columns)
        keys = ", ".join(f'"{c}"' for c in order)
        digest.update(orjson.dumps({"table": table, "columns": columns}))
        cursor = project.conn.execute(f'SELECT {names} FROM "{table}" ORDER BY {keys}')
        while rows := cursor.fetchmany(_FETCH):
            digest.update(orjson.dumps(rows))
    return "sha256:" + digest.hexdigest()


@contextmanager
def one_snapshot(project: Reader) -> Iterator[None]:
    """Every read inside sees the project as it was at the first one (a read transaction).

    A build reads a project twice (to deal the splits, then to write them); in
    a WAL file a read transaction keeps its snapshot while another process
    writes, so both passes see the same articles and labels. Inside a
    transaction already, that one is used.
    """
    if project.conn.in_transaction:
        yield
        return
    project.conn.execute("BEGIN")
    try:
        yield
    except BaseException:
        if project.conn.in_transaction:
            project.conn.execute("ROLLBACK")
        raise
    if project.conn.in_transaction:
        project.conn.execute("COMMIT")
