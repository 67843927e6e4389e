"""Helpers for tests: reading a project file from outside the app, running the CLI, spans."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
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


REPO = Path(__file__).resolve().parents[1]


def python_child(*argv: str, ready: str) -> subprocess.Popen[str]:
    """``python *argv`` on this checkout, once it printed the line ``ready`` (else the test fails).

    For tests that kill a real process part-way (`kill`); its output is piped as text.
    """
    child = subprocess.Popen(
        [sys.executable, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline() == ready + "\n", child.stderr.read()
    return child


def kill(child: subprocess.Popen[str]) -> None:
    """End ``child`` with SIGKILL, as a crash or the system would, and wait for it."""
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    for stream in (child.stdout, child.stderr):
        if stream is not None:
            stream.close()
    assert child.returncode == -signal.SIGKILL
