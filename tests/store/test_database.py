"""Tests of annotator/store/database.py: creating, opening, checking and refusing project files."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.errors import DamagedProjectError, ProjectError
from annotator.core.schema import default_schema
from annotator.store import database
from annotator.store.database import APPLICATION_ID, BUSY_TIMEOUT_MS, read_header
from annotator.store.lock import lock_path
from annotator.store.migrations import SCHEMA_VERSION
from annotator.store.project import Project
from tests.helpers import dump
from tests.store.helpers import label_dump, read_rows, sha256, write_filled_project

# -- creating and opening ------------------------------------------------------------------


def test_create_writes_an_empty_project_of_the_current_version(project_path: Path) -> None:
    Project.create(project_path).close()

    assert read_header(project_path) == (APPLICATION_ID, SCHEMA_VERSION)
    meta = {r["key"]: r["value"] for r in read_rows(project_path, "meta")}
    assert sorted(meta) == ["project_id", "schema"]
    assert str(uuid.UUID(meta["project_id"])) == meta["project_id"]
    assert meta["schema"] == default_schema().source
    for table in ("articles", "actors", "mentions", "claims", "statuses", "events"):
        assert read_rows(project_path, table) == []


def test_create_then_open_gives_the_same_project(project_path: Path) -> None:
    created = Project.create(project_path)
    project_id = created.project_id
    created.close()

    with Project.open(project_path) as opened:
        assert opened.project_id == project_id
        assert opened.schema == default_schema()
        assert opened.read_only is False
        assert opened.path == project_path


def test_open_sets_wal_foreign_keys_busy_timeout(project: Project) -> None:
    pragma = project.conn.execute

    assert pragma("PRAGMA journal_mode").fetchone() == ("wal",)
    assert pragma("PRAGMA foreign_keys").fetchone() == (1,)
    assert pragma("PRAGMA busy_timeout").fetchone() == (BUSY_TIMEOUT_MS,)
    assert BUSY_TIMEOUT_MS >= 1000
    assert pragma("PRAGMA synchronous").fetchone() == (2,)  # FULL
    assert pragma("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    assert pragma("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_read_only_connection_has_foreign_keys_and_busy_timeout(project: Project) -> None:
    with Project.open(project.path, read_only=True) as reader:
        assert reader.read_only is True
        assert reader.conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert reader.conn.execute("PRAGMA busy_timeout").fetchone() == (BUSY_TIMEOUT_MS,)
        assert reader.conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        with pytest.raises(sqlite3.OperationalError, match=r"readonly"):
            reader.conn.execute("INSERT INTO meta VALUES ('x', 'y')")


def test_close_closes_the_connection_and_releases_the_lock(project_path: Path) -> None:
    project = Project.create(project_path)
    project.close()

    with pytest.raises(sqlite3.ProgrammingError):
        project.conn.execute("SELECT 1")
    assert lock_path(project_path).read_text() == ""
    project.close()  # a second close is harmless
    Project.open(project_path).close()


def test_with_block_closes_the_project(project_path: Path) -> None:
    with Project.create(project_path) as project:
        project.conn.execute("SELECT 1")
    with pytest.raises(sqlite3.ProgrammingError):
        project.conn.execute("SELECT 1")
    Project.open(project_path).close()


def test_closed_project_keeps_no_wal_file(project: Project, article_in: object) -> None:
    project.add_actor("Norvania", "ana")
    project.close()
    wal = project.path.with_name(project.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    assert [r["name"] for r in read_rows(project.path, "actors")] == ["Norvania"]


def test_create_refuses_an_existing_project(project_path: Path) -> None:
    write_filled_project(project_path)
    before = sha256(project_path)

    with pytest.raises(ProjectError, match=r"already exists; choose another name or open it"):
        Project.create(project_path)

    assert sha256(project_path) == before


def test_create_refuses_any_existing_file(project_path: Path) -> None:
    project_path.write_text("my notes\n", encoding="utf-8")

    with pytest.raises(ProjectError) as caught:
        Project.create(project_path)

    assert str(caught.value) == f"{project_path} already exists; choose another name or open it"
    assert project_path.read_text(encoding="utf-8") == "my notes\n"


def test_create_in_a_missing_folder_says_so_and_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "no such folder" / "p.claims"

    with pytest.raises(ProjectError, match=r"^cannot create .*p\.claims: unable to open"):
        Project.create(path)

    assert not path.parent.exists()


def test_create_file_upto_makes_an_older_version(project_path: Path) -> None:
    database.create_file(project_path, default_schema().source, upto=1)

    assert read_header(project_path) == (APPLICATION_ID, 1)
    tables = {r["name"] for r in read_rows(project_path, "sqlite_master") if r["type"] == "table"}
    assert "events" not in tables
    assert {"articles", "actors", "claims", "meta"} <= tables


# -- refusals: the file is left exactly as it was --------------------------------------------


def _text_file(path: Path) -> None:
    path.write_text("id,text\na1,Hello\n" * 20, encoding="utf-8")


def _empty_file(path: Path) -> None:
    path.write_bytes(b"")


def _short_sqlite_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 20)


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('not a project')")
    conn.commit()
    conn.close()


def _other_application_id(path: Path) -> None:
    write_filled_project(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()


def _newer_version(path: Path) -> None:
    write_filled_project(path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


def _garbage_in_the_middle(path: Path) -> None:
    write_filled_project(path)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 + 1000  # not page-aligned: hits two pages' headers
    data[middle : middle + 8192] = b"\xde\xad\xbe\xef" * 2048
    path.write_bytes(bytes(data))


def _truncated(path: Path) -> None:
    write_filled_project(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _truncated_to_header(path: Path) -> None:
    write_filled_project(path)
    path.write_bytes(path.read_bytes()[:100])


def _settings_missing(path: Path) -> None:
    write_filled_project(path)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM meta")
    conn.commit()
    conn.close()


NOT_SQLITE = "is not a Claim annotator project (not an SQLite file)"
DAMAGED = "is damaged and cannot be opened"
BACKUP = "The file was not changed. Restore a backup: File > Restore backup, or `annotator backups "

REFUSED: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "text file": (_text_file, [NOT_SQLITE]),
    "empty file": (_empty_file, [NOT_SQLITE]),
    "short SQLite header": (_short_sqlite_header, [NOT_SQLITE]),
    "SQLite but not ours": (
        _foreign_sqlite,
        ["is an SQLite file but not a Claim annotator project"],
    ),
    "other application id": (
        _other_application_id,
        ["is an SQLite file but not a Claim annotator project"],
    ),
    "newer version": (
        _newer_version,
        [
            f"was saved by a newer Claim annotator (file version {SCHEMA_VERSION + 1}; "
            f"this one reads up to {SCHEMA_VERSION}). Update the app to open it."
        ],
    ),
    "garbage in the middle": (_garbage_in_the_middle, [DAMAGED, BACKUP]),
    "truncated": (_truncated, [DAMAGED, "malformed", BACKUP]),
    "truncated to the header": (_truncated_to_header, [DAMAGED, BACKUP]),
    "settings missing": (_settings_missing, ["is damaged: its project settings are missing"]),
}


@pytest.mark.parametrize("read_only", [False, True], ids=["write", "read-only"])
@pytest.mark.parametrize("case", list(REFUSED))
def test_open_refuses_with_a_clear_message_and_leaves_the_file_unchanged(
    project_path: Path, case: str, read_only: bool
) -> None:
    make, expected = REFUSED[case]
    make(project_path)
    before = sha256(project_path)

    with pytest.raises(ProjectError) as caught:
        Project.open(project_path, read_only=read_only)

    message = str(caught.value)
    assert message.startswith(str(project_path))
    for part in expected:
        assert part in message
    assert "\n" not in message
    assert sha256(project_path) == before


def test_a_refused_file_is_not_left_locked(project_path: Path) -> None:
    _garbage_in_the_middle(project_path)
    with pytest.raises(ProjectError):
        Project.open(project_path)
    with pytest.raises(ProjectError, match=DAMAGED):  # not ProjectInUseError
        Project.open(project_path)
    assert lock_path(project_path).read_text() == ""


def test_open_refuses_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.claims"
    with pytest.raises(ProjectError) as caught:
        Project.open(path)
    assert str(caught.value) == f"{path}: no such project file"
    assert not path.exists()
    assert not lock_path(path).exists()


def test_open_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ProjectError) as caught:
        Project.open(tmp_path)
    assert str(caught.value) == f"{tmp_path} is a folder, not a project file"


# -- failures while saving -------------------------------------------------------------------


def test_full_disk_saves_nothing_and_says_so(project: Project, article_in: object) -> None:
    kept = project.add_claim("a1", "ana", 0, 7, stance="support")
    pages = project.conn.execute("PRAGMA page_count").fetchone()[0]
    project.conn.execute(f"PRAGMA max_page_count = {pages}")
    before = dump(project.path)

    with pytest.raises(ProjectError) as caught:
        project.add_claim("a1", "ana", 8, 12, note="a long note " * 2000)

    assert str(caught.value) == (
        "could not save add claim: the disk is full. Free some space and try again. "
        "Nothing was changed."
    )
    assert dump(project.path) == before
    assert project.conn.in_transaction is False
    assert project.claim(kept.id) == kept
    assert [c["id"] for c in read_rows(project.path, "claims")] == [kept.id]
    # Once there is room again, the same action works.
    project.conn.execute("PRAGMA max_page_count = 1073741823")
    added = project.add_claim("a1", "ana", 8, 12, note="a long note " * 2000)
    assert [c["id"] for c in read_rows(project.path, "claims")] == [kept.id, added.id]


def test_full_disk_during_undo_changes_nothing(project: Project, article_in: object) -> None:
    claim = project.add_claim("a1", "ana", 0, 7, note="a long note " * 3000)
    project.delete_claim(claim.id)
    pages = project.conn.execute("PRAGMA page_count").fetchone()[0]
    project.conn.execute(f"PRAGMA max_page_count = {pages}")
    before = dump(project.path)

    with pytest.raises(
        ProjectError, match=r"^could not save undo of delete claim: the disk is full"
    ):
        project.undo("ana")

    assert dump(project.path) == before
    assert project.claim(claim.id) is None


def test_busy_file_says_another_program_is_writing(project: Project, article_in: object) -> None:
    project.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(project.path)
    other.execute("BEGIN IMMEDIATE")
    try:
        before = label_dump(project.path)
        with pytest.raises(ProjectError) as caught:
            project.add_actor("Norvania", "ana")
    finally:
        other.rollback()
        other.close()

    assert str(caught.value) == (
        "could not save add actor Norvania: another program is writing to the project. "
        "Try again in a moment. Nothing was changed."
    )
    assert label_dump(project.path) == before
    assert project.add_actor("Norvania", "ana").name == "Norvania"


def test_open_refuses_a_file_with_one_damaged_article_page(project_path: Path) -> None:
    """Damage away from the settings is found at open, not when someone scrolls to it."""
    write_filled_project(project_path)
    conn = sqlite3.connect(project_path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (page,) = conn.execute(
        "SELECT max(pageno) FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf'"
    ).fetchone()
    conn.close()
    data = bytearray(project_path.read_bytes())
    offset = (page - 1) * page_size
    data[offset : offset + 8] = b"\xff" * 8  # the b-tree page header
    project_path.write_bytes(bytes(data))
    before = sha256(project_path)

    with pytest.raises(DamagedProjectError) as caught:
        Project.open(project_path)

    assert str(caught.value).startswith(f"{project_path} {DAMAGED} (")
    assert BACKUP in str(caught.value)
    assert str(caught.value).endswith(f"then `annotator restore {project_path} BACKUP`.")
    assert sha256(project_path) == before
