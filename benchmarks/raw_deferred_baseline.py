"""A raw import that builds the search index and secondary indexes once at the end.

`io_baseline.rows_in` (orjson per line, ``executemany``, no validation) with
what our import does around the rows: in the same transaction, the trigger
that indexes articles for search and the secondary indexes of the tables it
fills are dropped first, and after the rows the new articles are indexed by
one ``INSERT … SELECT`` and the indexes made again from the SQL the file
held. The floor of an import of these tables, as a script without the app
writes it::

    python benchmarks/raw_deferred_baseline.py CORPUS PROJECT   # PROJECT made beforehand

Used by ``bench_ls_import.py``; not part of the app.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path
from typing import Any

import io_baseline

TABLES = ("articles", "mentions", "claims", "statuses")


class _Deferring:
    """The connection `rows_in` writes through: its BEGIN drops, its COMMIT makes again."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.saved: list[str] = []

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql == "COMMIT":
            self.conn.execute(
                "INSERT INTO articles_fts (rowid, title, text) SELECT rowid, title, text FROM articles"
            )
            for made in self.saved:
                self.conn.execute(made)
        cursor = self.conn.execute(sql, *args)
        if sql == "BEGIN":
            marks = ",".join("?" * len(TABLES))
            found = self.conn.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND"
                f" ((type = 'index' AND tbl_name IN ({marks})) OR name = 'articles_ai')",
                TABLES,
            ).fetchall()
            for kind, name, made in found:
                self.conn.execute(f'DROP {kind.upper()} "{name}"')
                self.saved.append(made)
        return cursor

    def executemany(self, sql: str, rows: Any) -> sqlite3.Cursor:
        return self.conn.executemany(sql, rows)


def main() -> int:
    corpus, project = Path(sys.argv[1]), Path(sys.argv[2])
    conn = io_baseline.connect(project)
    try:
        io_baseline.rows_in(corpus, _Deferring(conn))  # type: ignore[arg-type]
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
