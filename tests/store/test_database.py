"""Tests of annotator/store/database.py: creating, opening, checking and refusing project files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core.errors import DamagedProjectError, ProjectError, ReadOnlyProjectError
from annotator.core.schema import default_schema
from annotator.store import database
from annotator.store.database import APPLICATION_ID, BUSY_TIMEOUT_MS, read_header
from annotator.store.lock import lock_path
from annotator.store.migrations import SCHEMA_VERSION
from annotator.store.project import Project
from tests.helpers import dump
from tests.read_only import AS_ROOT, read_only_disk, read_only_file
from tests.store.helpers import (
    SUGGESTION_TABLES,
    label_dump,
    read_rows,
    sha256,
    write_filled_project,
)

REPO = Path(__file__).resolve().parents[2]

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


def _ours_without_settings(path: Path) -> None:
    """Our application id and version on a file in rollback-journal mode with no tables.

    Opening it for writing used to switch it to WAL (a change) before refusing it.
    """
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()


def _set_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


def _current_marked_as_version_1(path: Path) -> None:
    """Used to be backed up, then fail to upgrade: "table articles_fts already exists"."""
    write_filled_project(path)
    _set_version(path, 1)


def _current_marked_as_version_3(path: Path) -> None:
    write_filled_project(path)
    _set_version(path, 3)


def _version_5_marked_as_version_3(path: Path) -> None:
    """A file with the tables of version 5 (its columns are checked after the tables)."""
    write_filled_project(path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE issued_packages")
    conn.execute("DROP TABLE schema_changes")
    for table in SUGGESTION_TABLES:  # versions 9 and 10
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP TABLE hub_changes")  # version 13
    conn.close()
    _set_version(path, 3)


def _a_table_dropped(path: Path) -> None:
    write_filled_project(path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE claim_links")
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
    "ours without settings, not in WAL mode": (
        _ours_without_settings,
        ["is damaged: its project settings are missing. The file was not changed.", BACKUP],
    ),
    "current version marked as version 1": (
        _current_marked_as_version_1,
        [
            "is damaged: it says it is file version 1, but it has the table 'articles_fts'"
            " of version 2. The file was not changed.",
            BACKUP,
        ],
    ),
    "current version marked as version 3": (
        _current_marked_as_version_3,
        [
            "is damaged: it says it is file version 3, but it has the table 'issued_packages'"
            " of version 6.",
            BACKUP,
        ],
    ),
    "version 5 marked as version 3": (
        _version_5_marked_as_version_3,
        [
            "is damaged: it says it is file version 3, but its table 'mentions' has the"
            " column 'source_only' of version 4.",
            BACKUP,
        ],
    ),
    "a table dropped": (
        _a_table_dropped,
        [f"it says it is file version {SCHEMA_VERSION}, but its table 'claim_links' is missing"],
    ),
}


@pytest.mark.parametrize("read_only", [False, True], ids=["write", "read-only"])
@pytest.mark.parametrize("case", list(REFUSED))
def test_open_refuses_with_a_clear_message_and_leaves_the_file_unchanged(
    project_path: Path, case: str, read_only: bool, user_folders: Path
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
    assert not any(journal.exists() for journal in database.journals(project_path))
    assert not (user_folders / "data" / "claim-annotator" / "backups").exists()


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


# -- read-only disks, folders and files: not damage --------------------------------------------


def _project_in_a_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    path = folder / "p.claims"
    write_filled_project(path)
    return path


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


READ_ONLY_DISK = "the disk is read-only" if AS_ROOT else "the file is read-only"


def test_a_project_on_a_read_only_disk_opens_read_only_and_is_not_called_damaged(
    tmp_path: Path,
) -> None:
    path = _project_in_a_folder(tmp_path)
    before, names = sha256(path), _listing(path.parent)

    with read_only_disk(path.parent) as disk:
        seen = disk / path.name
        with pytest.raises(ReadOnlyProjectError) as caught:
            Project.open(seen, user="ana")
        assert str(caught.value) == (
            f"{seen} cannot be written here ({READ_ONLY_DISK}): open it read-only, "
            "or copy it to a folder you can write to."
        )
        assert caught.value.reason == READ_ONLY_DISK
        with Project.open(seen, read_only=True) as reader:
            assert reader.read_only
            assert reader.stats()["articles"] == 60
            assert [a.name for a in reader.find_actors("")] == ["Norvania"]

    assert sha256(path) == before
    assert _listing(path.parent) == names  # no lock file, no -wal or -shm


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_read_only_disk_with_the_journals_of_a_crash_shows_the_saved_work(
    tmp_path: Path,
) -> None:
    path = _project_in_a_folder(tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-c", _ADD_AND_HOLD, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.stdout is not None and child.stdout.readline() == "saved\n"
    child.kill()
    child.wait(timeout=60)
    wal, shm = database.journals(path)
    assert wal.stat().st_size > 0 and shm.exists()  # the new actor is in the -wal only

    with read_only_disk(path.parent) as disk, Project.open(disk / path.name, True) as reader:
        assert sorted(a.name for a in reader.find_actors("")) == ["Norvania", "Velgrad"]

    shm.unlink()  # the -wal alone cannot be read on a read-only disk: said so, not "damaged"
    with read_only_disk(path.parent) as disk, pytest.raises(ProjectError) as caught:
        Project.open(disk / path.name, read_only=True)
    assert not isinstance(caught.value, DamagedProjectError)
    assert str(caught.value) == (
        f"{disk / path.name} cannot be read here: its p.claims-wal holds changes not yet in"
        " the file, and the folder is read-only. Copy p.claims and p.claims-wal together to a"
        " folder you can write to, and open the copy. The file was not changed."
    )
    with Project.open(path) as writable:  # where it can be written, the -wal is applied
        assert sorted(a.name for a in writable.find_actors("")) == ["Norvania", "Velgrad"]


_ADD_AND_HOLD = """
import sys
from annotator.store.project import Project
project = Project.open(sys.argv[1], user="ben")
project.conn.execute("PRAGMA wal_autocheckpoint = 0")
project.add_actor("Velgrad", "ben")
print("saved", flush=True)
sys.stdin.read()
"""


def test_a_read_only_file_opens_read_only_and_leaves_nothing_beside_it(tmp_path: Path) -> None:
    path = _project_in_a_folder(tmp_path)
    before, names = sha256(path), _listing(path.parent)

    with read_only_file(path):
        with pytest.raises(ReadOnlyProjectError) as caught:
            Project.open(path)
        assert caught.value.reason == "the file is read-only"
        with Project.open(path, read_only=True) as reader:
            assert reader.stats()["articles"] == 60

    assert sha256(path) == before
    assert _listing(path.parent) == names


# -- read-only opens leave nothing behind ------------------------------------------------------


def test_a_read_only_open_leaves_no_wal_or_shm(tmp_path: Path) -> None:
    path = _project_in_a_folder(tmp_path)
    before, names = sha256(path), _listing(path.parent)
    assert names == ["p.claims", "p.claims.lock"]

    with Project.open(path, read_only=True) as reader:
        assert reader.stats()["articles"] == 60
        assert all(journal.exists() for journal in database.journals(path))  # SQLite's own

    assert _listing(path.parent) == names
    assert sha256(path) == before


def test_a_read_only_open_keeps_the_journals_a_writer_uses(tmp_path: Path) -> None:
    path = _project_in_a_folder(tmp_path)
    with Project.open(path, user="ana") as writer:
        writer.add_actor("Velgrad", "ana")
        with Project.open(path, read_only=True) as reader:
            assert len(reader.find_actors("")) == 2
        assert all(journal.exists() for journal in database.journals(path))
        writer.add_actor("Ostrava", "ana")  # the writer's -wal is still its -wal
    assert sorted(r["name"] for r in read_rows(path, "actors")) == [
        "Norvania",
        "Ostrava",
        "Velgrad",
    ]


def test_a_writer_arriving_during_a_read_only_open_keeps_its_journals(tmp_path: Path) -> None:
    path = _project_in_a_folder(tmp_path)
    reader = Project.open(path, read_only=True)
    reader.stats()
    writer = Project.open(path, user="ana")
    writer.add_actor("Velgrad", "ana")
    reader.close()  # made the journals, but the writer uses them now: they stay
    assert all(journal.exists() for journal in database.journals(path))
    writer.add_actor("Ostrava", "ana")
    writer.close()
    assert not any(journal.exists() for journal in database.journals(path))
    assert len(read_rows(path, "actors")) == 3
