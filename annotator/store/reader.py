"""What every read of a project stands on: its connection, rows as dicts, ids in batches.

`Reader` is the base of the read mixins of `Project` (`ProjectQueries`,
`LabelQueries`, `ActorQueries`); `chunks` keeps ``IN (...)`` lists under
SQLite's variable limit.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

BATCH = 500
"""Ids per ``IN (...)`` query: well under SQLite's variable limit."""


def chunks(items: Sequence[str], size: int = BATCH) -> Iterator[Sequence[str]]:
    """Consecutive slices of at most ``size`` items."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Reader:
    """A project's connection, read through ``self.conn`` (set by `Project`)."""

    conn: sqlite3.Connection

    def _select(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """The rows ``sql`` finds, each as a dict by column name."""
        cursor = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
