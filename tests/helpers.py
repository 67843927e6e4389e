"""Helpers for tests: reading a project file from outside the app, running the CLI, spans."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner, Result

from annotator.cli import cli
from annotator.core.spans import Span


def run(*args: object, ok: bool = True) -> Result:
    """Run the ``annotator`` command in-process; by default it must succeed."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output
    return result


def span_in(text: str, words: str, nth: int = 0) -> Span:
    """The code point span of the ``nth`` occurrence of ``words`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span(start, start + len(words))


def dump(path: Path) -> list[str]:
    """Every row of every table of a SQLite file, as SQL text (read-only connection).

    Two dumps are equal exactly when the file's content is unchanged.
    """
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
