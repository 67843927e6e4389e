"""Helpers for tests: reading a project file's content from outside the app."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def dump(path: Path) -> list[str]:
    """Every row of every table of a SQLite file, as SQL text (read-only connection).

    Two dumps are equal exactly when the file's content is unchanged.
    """
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
