"""A large import writes through a rollback journal when it has the file to itself.

`BulkWriter._leave_wal`: an input at least as large as the project file is
written once (no WAL copy); with anyone else on the file the writer keeps the
WAL, at once rather than after the busy timeout; afterwards the file is in WAL
mode again. (A large import killed mid-way: `test_bulk_indexes.py`.)
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator.core.errors import ProjectError
from annotator.core.model import Article
from annotator.io.importer import import_files
from annotator.store.project import Project
from tests.helpers import kill, python_child

TEXT = "Velgrad said the quay stays shut, officials in the port said on Monday. " * 20


def _lines(path: Path, count: int, prefix: str = "x") -> Path:
    with open(path, "wb") as out:
        for n in range(count):
            out.write(orjson.dumps({"id": f"{prefix}{n}", "text": TEXT}) + b"\n")
    return path


def _journal_modes(project: Project, source: Path, rollback_journal: bool = True) -> set[str]:
    """The journal mode of the project's connection each time the import reports progress.

    ``rollback_journal``: as the command line imports (the app: False).
    """
    seen: set[str] = set()

    def progress(done: int, total: int) -> None:
        if done < total:  # (not the last call, after the import)
            seen.add(project.conn.execute("PRAGMA journal_mode").fetchone()[0])

    import_files(project, [source], progress=progress, rollback_journal=rollback_journal)
    return seen


def _mode_on_disk(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def test_an_import_larger_than_the_file_writes_through_a_rollback_journal(
    project: Project, tmp_path: Path
) -> None:
    source = _lines(tmp_path / "in.jsonl", 600)
    assert source.stat().st_size > project.path.stat().st_size

    assert _journal_modes(project, source) == {"delete"}

    assert project.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert _mode_on_disk(project.path) == "wal"
    assert project.article_count() == 600
    assert len(project.search("quay", limit=1000)) == 600


def test_the_apps_import_keeps_the_wal_whatever_its_size(project: Project, tmp_path: Path) -> None:
    """The window's own threads read the file while it imports: they must not wait."""
    source = _lines(tmp_path / "in.jsonl", 600)
    assert source.stat().st_size > project.path.stat().st_size

    assert _journal_modes(project, source, rollback_journal=False) == {"wal"}
    assert project.article_count() == 600


def test_a_small_import_into_a_larger_file_keeps_the_wal(project: Project, tmp_path: Path) -> None:
    project.add_articles([Article(f"big{n}", TEXT * 5) for n in range(300)])
    source = _lines(tmp_path / "in.jsonl", 300, prefix="y")
    (pages,) = project.conn.execute("PRAGMA page_count").fetchone()
    (page,) = project.conn.execute("PRAGMA page_size").fetchone()
    assert source.stat().st_size < pages * page

    assert _journal_modes(project, source) == {"wal"}
    assert project.article_count() == 600


def test_with_a_reader_on_the_file_the_import_keeps_the_wal_without_waiting(
    project: Project, tmp_path: Path, caplog: Any
) -> None:
    reader = sqlite3.connect(project.path)
    reader.execute("SELECT count(*) FROM articles").fetchone()  # opens the WAL's shared memory
    source = _lines(tmp_path / "in.jsonl", 600)
    caplog.set_level(logging.INFO, logger="annotator.store.bulk")
    # Were the change to wait for the reader, it would wait ten minutes: it is refused at once.
    project.conn.execute("PRAGMA busy_timeout = 600000")
    try:
        started = time.monotonic()
        assert _journal_modes(project, source) == {"wal"}
        took = time.monotonic() - started
        assert reader.execute("SELECT count(*) FROM articles").fetchone() == (600,)
    finally:
        reader.close()
    assert "writing through the WAL (database is locked)" in caplog.text
    assert took < 300
    assert project.conn.execute("PRAGMA busy_timeout").fetchone() == (600000,)


def test_a_failed_large_import_leaves_the_file_as_it_was_and_in_wal(
    project: Project, tmp_path: Path
) -> None:
    project.add_articles([Article("a1", "The harbour stays open.")])
    source = _lines(tmp_path / "in.jsonl", 600)
    with open(source, "ab") as out:
        out.write(b'{"id": "bad", "text": 5}\n')

    with pytest.raises(Exception, match="line 601"):
        import_files(project, [source], rollback_journal=True)

    assert project.article_count() == 1
    assert project.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert _mode_on_disk(project.path) == "wal"
    assert not project.path.with_name(project.path.name + "-journal").exists()


KILLED = """
import sys, time
from pathlib import Path
from annotator.io.importer import import_files
from annotator.store.project import Project

project = Project.open(sys.argv[1])
halfway = int(sys.argv[3]) // 2

def progress(done, total):
    project.conn.execute("PRAGMA cache_size = 50")  # the import's pages go to the file
    if done >= halfway:
        print("halfway", flush=True)
        time.sleep(600)

import_files(project, [Path(sys.argv[2])], progress=progress, rollback_journal=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("read_only", [False, True])
def test_a_large_import_killed_mid_way_leaves_a_file_the_app_opens_as_it_was(
    project_path: Path, tmp_path: Path, read_only: bool
) -> None:
    with Project.create(project_path) as project:
        project.add_articles([Article("a1", "The harbour stays open.")])
    source = _lines(tmp_path / "in.jsonl", 4000)
    size = str(source.stat().st_size)
    child = python_child("-c", KILLED, str(project_path), str(source), size, ready="halfway")
    kill(child)

    # Opened by the app at once, as it opens any file: no other program ran on it first.
    with Project.open(project_path, read_only=read_only) as project:
        assert project.article_count() == 1
        assert [h.article_id for h in project.search("harbour")] == ["a1"]
    assert not project_path.with_name(project_path.name + "-journal").exists()
    with Project.open(project_path) as project:
        assert project.article_count() == 1
        assert project.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_opening_the_file_while_a_large_import_writes_it_says_so_and_not_damage(
    project: Project, tmp_path: Path
) -> None:
    source = _lines(tmp_path / "in.jsonl", 4000)
    halfway = source.stat().st_size // 2
    errors: list[Exception] = []

    def progress(done: int, total: int) -> None:
        project.conn.execute("PRAGMA cache_size = 50")  # the import's pages go to the file
        if done >= halfway and not errors:
            try:
                Project.open(project.path, read_only=True).close()
                errors.append(AssertionError("opened"))
            except Exception as exc:
                errors.append(exc)

    import_files(project, [source], progress=progress, rollback_journal=True)

    assert project.article_count() == 4000
    (error,) = errors
    assert type(error) is ProjectError, error
    assert "being written" in str(error) and "damaged" not in str(error)
