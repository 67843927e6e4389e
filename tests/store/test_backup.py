"""Tests of annotator/store/backup.py (backup_files, backup_write, backup_restore): rotating backups of real project files, and restoring them."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from annotator.core.errors import BackupError, DamagedProjectError, ProjectInUseError
from annotator.core.model import Article
from annotator.store import backup_write
from annotator.store.backup import (
    KEEP_OTHER,
    KEEP_RECENT,
    BackupInfo,
    backup_connection,
    backup_file,
    backup_folder,
    backup_project,
    backups_for_file,
    backups_root,
    damaged_copies,
    list_backups,
    restore_backup,
    restore_file,
    rotate,
)
from annotator.store.database import APPLICATION_ID, read_header
from annotator.store.migrations import SCHEMA_VERSION
from annotator.store.project import Project
from tests.helpers import dump
from tests.quality.laptops import make_lead
from tests.store.helpers import build_scene, damage_a_page, sha256, write_filled_project
from tests.store.test_lock import _python
from tests.store.test_migrations import _write_version_1


def _all_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def test_a_backup_holds_the_same_content_and_lists_its_counts(project: Project) -> None:
    build_scene(project)

    made = backup_project(project, "manual")

    assert made is not None
    assert dump(made.path) == dump(project.path)
    assert made.path.parent == backup_folder(project.project_id)
    assert made.path.name.endswith("-manual.claims")
    assert read_header(made.path) == (APPLICATION_ID, SCHEMA_VERSION)
    assert made.path.read_bytes()[18:20] == b"\x01\x01"  # rollback journal: one file
    assert _all_files(made.path.parent) == sorted([made.path.name, made.path.stem + ".json"])
    [listed] = list_backups(project.project_id)
    assert listed == made
    assert (listed.articles, listed.actors, listed.mentions, listed.claims) == (2, 2, 2, 3)
    assert listed.source == str(project.path.resolve())
    assert listed.reason == "manual" and listed.readable
    assert listed.last_event == project.conn.execute("SELECT max(seq) FROM events").fetchone()[0]


def test_a_backup_while_another_connection_writes_holds_only_committed_work(
    project: Project, article_in: Article
) -> None:
    project.add_claim("a1", "ana", 0, 7, stance="support")
    committed = dump(project.path)
    writer = sqlite3.connect(project.path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO statuses (article_id, annotator, status, comment, updated_at)"
        " VALUES ('a1', 'ben', 'done', '', '2025-01-01')"
    )

    from_open = backup_project(project, "manual")  # the project's own connection
    from_file = backup_file(project.path, "auto")  # a connection of its own (the app's timer)
    writer.execute("COMMIT")
    writer.close()

    assert from_open is not None and from_file is not None
    assert dump(from_open.path) == committed
    assert dump(from_file.path) == committed
    assert dump(project.path) != committed  # the write went through after all


def test_newest_backups_are_listed_first(project: Project, article_in: Article) -> None:
    first = backup_project(project, "manual")
    project.set_status("a1", "ana", "done")
    second = backup_project(project, "auto")

    assert first is not None and second is not None
    assert [e.path for e in list_backups(project.project_id)] == [second.path, first.path]
    assert second.created > first.created
    assert second.fingerprint != first.fingerprint


def test_an_unchanged_project_gets_no_new_automatic_backup(
    project: Project, article_in: Article
) -> None:
    assert backup_project(project, "auto", if_changed=True) is not None
    assert backup_project(project, "auto", if_changed=True) is None

    project.set_status("a1", "ana", "done")
    assert backup_project(project, "auto", if_changed=True) is not None
    project.undo("ana")  # back to the content of the first backup, but the log differs
    assert backup_project(project, "auto", if_changed=True) is not None
    assert backup_project(project, "auto", if_changed=True) is None
    assert len(list_backups(project.project_id)) == 3


def test_rotation_keeps_the_newest_of_each_reason_and_each_file(
    project: Project, article_in: Article, tmp_path: Path
) -> None:
    made = [backup_project(project, "auto") for _ in range(KEEP_RECENT + 3)]
    manual = [backup_project(project, "manual") for _ in range(KEEP_OTHER + 2)]
    copy = tmp_path / "copy.claims"  # the same project id from another file: counted apart
    project.conn.execute("VACUUM INTO ?", (str(copy),))
    with Project.open(copy) as other:
        other_made = [backup_project(other, "auto") for _ in range(2)]

    listed = list_backups(project.project_id)

    kept = {e.path for e in listed}
    assert kept == {
        *(m.path for m in made[-KEEP_RECENT:] if m),
        *(m.path for m in manual[-KEEP_OTHER:] if m),
        *(m.path for m in other_made if m),
    }
    assert len(listed) == KEEP_RECENT + KEEP_OTHER + 2
    for gone in (*made[:-KEEP_RECENT], *manual[:-KEEP_OTHER]):
        assert gone is not None
        assert not gone.path.exists() and not gone.path.with_suffix(".json").exists()


@pytest.mark.parametrize("in_the_way", ["project folder", "backups folder"])
def test_a_backup_that_cannot_be_written_leaves_the_project_and_no_partial_file(
    project: Project, article_in: Article, in_the_way: str
) -> None:
    project.set_status("a1", "ana", "done")
    blocked = (
        backup_folder(project.project_id) if in_the_way == "project folder" else backups_root()
    )
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("a file where the folder should be")
    before = dump(project.path)

    with pytest.raises(BackupError) as caught:
        backup_project(project, "auto")

    message = str(caught.value)
    assert message.startswith(f"could not back up {project.path.name} to ")
    assert str(blocked) in message
    assert dump(project.path) == before
    assert not list(backups_root().parent.rglob("*.partial*"))
    project.set_status("a1", "ana", "skipped")  # work goes on


def test_damaged_and_half_backups_are_listed_as_unreadable(
    project: Project, article_in: Article
) -> None:
    garbage, truncated, no_sidecar, bad_sidecar, good = (
        backup_project(project, "manual") for _ in range(5)
    )
    assert garbage and truncated and no_sidecar and bad_sidecar and good
    garbage.path.write_bytes(b"not a database at all" * 10)
    data = truncated.path.read_bytes()
    truncated.path.write_bytes(data[: len(data) // 2])
    no_sidecar.path.with_suffix(".json").unlink()
    bad_sidecar.path.with_suffix(".json").write_text("{not json")

    listed = {e.path: e for e in list_backups(project.project_id)}

    assert listed[good.path].readable
    assert not listed[garbage.path].readable
    assert "not a Claim annotator project" in str(listed[garbage.path].problem)
    assert listed[truncated.path].problem == f"incomplete: {len(data) // 2} of {len(data)} bytes"
    for read_from_copy in (no_sidecar, bad_sidecar):  # details come from the copy itself
        entry = listed[read_from_copy.path]
        assert entry.readable and entry.source is None
        assert (entry.articles, entry.claims, entry.fingerprint) == (1, 0, good.fingerprint)
    with pytest.raises(BackupError, match="cannot be restored"):
        restore_backup(project, truncated.path)
    assert not project.closed


def test_opening_an_older_file_backs_it_up_before_upgrading(project_path: Path) -> None:
    _write_version_1(project_path)
    old = dump(project_path)

    with Project.open(project_path) as project:
        [entry] = list_backups(project.project_id)
        assert project.conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)

    assert entry.reason == "before-migration"
    assert entry.schema_version == 1
    assert read_header(entry.path) == (APPLICATION_ID, 1)
    assert dump(entry.path) == old
    assert (entry.articles, entry.claims, entry.mentions, entry.last_event) == (2, 1, 1, None)
    with Project.open(project_path) as again:  # already upgraded: no more backups
        assert len(list_backups(again.project_id)) == 1


def test_an_older_file_that_cannot_be_backed_up_is_not_upgraded(project_path: Path) -> None:
    _write_version_1(project_path)
    backups_root().parent.mkdir(parents=True, exist_ok=True)
    backups_root().write_text("in the way")
    before = sha256(project_path)

    with pytest.raises(BackupError) as caught:
        Project.open(project_path)

    assert str(caught.value).startswith(
        f"{project_path.name} is from an older version and is backed up before it is upgraded,"
        f" but could not back up {project_path.name} to {backups_root()}"
    )
    assert sha256(project_path) == before
    assert read_header(project_path) == (APPLICATION_ID, 1)


def test_a_merge_backs_up_the_project_first(tmp_path: Path) -> None:
    from annotator.quality.merge import merge_packages
    from annotator.quality.package import write_package

    lead = make_lead(tmp_path / "lead.claims")
    package = tmp_path / "ana.claims"
    with Project.open(lead.path) as project:
        write_package(project, "ana", package)
    with Project.open(package) as ana:
        ana.set_status(lead.shared[0], "ana", "done")
    before = dump(lead.path)

    with Project.open(lead.path) as project:
        merge_packages(project, [package])
        [entry] = list_backups(project.project_id)

    assert entry.reason == "before-merge"
    assert entry.source == str(lead.path.resolve())
    assert dump(entry.path) == before
    assert dump(lead.path) != before


def test_restore_brings_back_the_backup_and_keeps_the_state_before(
    project: Project, project_path: Path, article_in: Article
) -> None:
    project.add_claim("a1", "ana", 0, 7, stance="support")
    earlier = dump(project_path)
    chosen = backup_project(project, "manual")
    project.add_claim("a1", "ana", 8, 12, stance="oppose")
    project.set_status("a1", "ana", "done")
    later = dump(project_path)
    assert chosen is not None

    before = restore_backup(project, chosen.path)

    assert project.closed
    assert before.reason == "before-restore"
    assert dump(before.path) == later
    assert dump(project_path) == earlier
    with Project.open(project_path) as reopened:
        assert reopened.conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert [c.stance for c in reopened.labels("a1", "ana").claims] == ["support"]
        assert reopened.undo("ana") is not None  # the backup's own undo history came back
        restore_backup(reopened, before.path)  # and the restore itself can be undone
    assert dump(project_path) == later


def test_restore_refuses_another_projects_backup_and_a_read_only_project(
    project: Project, project_path: Path, tmp_path: Path
) -> None:
    with Project.create(tmp_path / "other.claims") as other:
        foreign = backup_project(other, "manual")
    own = backup_project(project, "manual")
    assert foreign is not None and own is not None
    before = dump(project_path)

    with pytest.raises(BackupError) as caught:
        restore_backup(project, foreign.path)
    assert str(caught.value) == (
        f"{foreign.path.name} is a backup of another project (project id {foreign.project_id});"
        " nothing was restored"
    )
    project.close()
    with (
        Project.open(project_path, read_only=True) as read_only,
        pytest.raises(BackupError, match="open read-only: a backup cannot be restored"),
    ):
        restore_backup(read_only, own.path)
    assert dump(project_path) == before
    assert len(list_backups(project.project_id)) == 1  # no before-restore backup either


def test_sidecar_records_what_the_listing_shows(project: Project, article_in: Article) -> None:
    made = backup_connection(project.conn, project.path, "manual")

    assert made is not None
    data = json.loads(made.path.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["format"] == 1
    assert data["reason"] == "manual"
    assert data["source"] == str(project.path.resolve())
    assert data["project_id"] == project.project_id
    assert data["size"] == made.path.stat().st_size
    assert data["articles"] == 1


# -- thinning out automatic backups ----------------------------------------------------------

NOW = datetime(2025, 3, 10, 12, 30, tzinfo=UTC)


def _auto_at(model: BackupInfo, age: timedelta) -> BackupInfo:
    """A copy of the backup ``model`` as an ``auto`` backup made ``age`` before `NOW`."""
    created = NOW - age
    path = model.path.with_name(f"{created.strftime('%Y%m%dT%H%M%S.%fZ')}-auto.claims")
    shutil.copyfile(model.path, path)
    made = replace(model, path=path, created=created, reason="auto")
    path.with_suffix(".json").write_text(json.dumps(made.sidecar()), encoding="utf-8")
    return made


def test_automatic_backups_are_thinned_out_by_age(project: Project, article_in: Article) -> None:
    model = backup_project(project, "manual")
    assert model is not None
    minutes, hours, days = (
        lambda n: timedelta(minutes=n),
        lambda n: timedelta(hours=n),
        lambda n: timedelta(days=n),
    )
    last_hour = [_auto_at(model, minutes(m)) for m in range(2, 60, 4)]  # 15, newest first
    kept = [
        _auto_at(model, age)
        for age in (
            hours(2) + minutes(10),  # 10:20, the newest of 10:00-11:00
            hours(2) + minutes(40),  # 09:50
            hours(23) + minutes(50),  # yesterday 12:40: the newest of its hour and of its day
            days(5) - hours(4.5),  # 5 March 17:00, the newest of that day
            *(days(d) + hours(4.5) for d in range(8, 19)),  # 08:00 on 2 March .. 20 February
        )
    ]
    deleted = [
        _auto_at(model, age)
        for age in (
            hours(2) + minutes(20),  # 10:10, an older one of 10:00-11:00
            hours(26),  # yesterday 10:30: older than a day, not the newest of its day
            hours(29),
            days(5) + hours(3.5),  # 5 March 09:00
            days(19) + hours(4.5),  # 19 February: the 15th day with backups
        )
    ]
    unreadable = _auto_at(model, days(40))
    unreadable.path.write_bytes(b"not a database" * 100)

    gone = rotate(project.project_id, now=NOW)

    assert sorted(gone) == sorted(e.path for e in [*last_hour[KEEP_RECENT:], *deleted])
    remaining = {e.path for e in list_backups(project.project_id)}
    assert (
        remaining
        == {
            model.path,
            unreadable.path,  # never deleted automatically
            *(e.path for e in [*last_hour[:KEEP_RECENT], *kept]),
        }
    )
    assert rotate(project.project_id, now=NOW) == []  # what is kept stays kept
    # a month later (the next backup after a holiday) only the hours go; each day keeps one
    later = rotate(project.project_id, now=NOW + days(30))
    assert sorted(later) == sorted(e.path for e in [*last_hour[1:KEEP_RECENT], *kept[:2]])


# -- what failures and crashes leave ---------------------------------------------------------


def test_a_sidecar_a_crash_left_without_its_copy_is_removed_once_stale(
    project: Project, article_in: Article
) -> None:
    crashed = backup_project(project, "manual")  # crashed between the sidecar's rename and
    assert crashed is not None  # the copy's: the copy is still a partial file
    partial = crashed.path.with_name(crashed.path.name + ".partial")
    crashed.path.rename(partial)
    writing = backup_project(project, "manual")  # another process between the renames now
    assert writing is not None
    writing.path.unlink()
    long_ago = time.time() - 2 * 3600
    for path in (partial, crashed.path.with_suffix(".json")):
        os.utime(path, (long_ago, long_ago))

    made = backup_project(project, "auto")

    assert made is not None
    assert _all_files(made.path.parent) == sorted(
        [made.path.name, made.path.stem + ".json", writing.path.stem + ".json"]
    )


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_backup_that_fails_during_the_copy_leaves_no_partial_file(tmp_path: Path) -> None:
    import resource

    limit = 64 * 1024  # no file may grow beyond it: the disk is full halfway through the copy
    path = tmp_path / "news.claims"
    write_filled_project(path)
    assert path.stat().st_size > 2 * limit
    before = dump(path)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    with Project.open(path) as project:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
        try:
            with pytest.raises(BackupError) as caught:
                backup_project(project, "manual")
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        project.set_status("n01", "ana", "done")  # work goes on

    assert str(caught.value).startswith(
        f"could not back up news.claims to {backup_folder(project.project_id)}: "
    )
    assert _all_files(backups_root()) == []
    assert dump(path) != before  # the status was saved after the failure
    with Project.open(path, read_only=True) as reopened:
        assert reopened.conn.execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_a_backup_without_room_on_the_disk_is_refused_and_writes_nothing(
    project: Project, article_in: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_write, "FREE_SPACE_MARGIN", 2**62)
    before = dump(project.path)

    with pytest.raises(BackupError) as caught:
        backup_project(project, "manual")

    folder = backup_folder(project.project_id)
    assert re.fullmatch(
        rf"could not back up test\.claims: the disk holding {re.escape(str(folder))} has "
        r"\d+ MB free and a backup needs about \d+ MB",
        str(caught.value),
    )
    assert _all_files(backups_root()) == []
    assert dump(project.path) == before


# -- restoring a damaged file ----------------------------------------------------------------


def _damaged_with_a_backup(path: Path) -> BackupInfo:
    """A damaged project file at ``path`` and the backup made of it before the damage."""
    write_filled_project(path)
    with Project.open(path) as project:
        made = backup_project(project, "manual")
        project.set_status("n01", "ana", "done")  # work after the backup: lost but kept aside
    assert made is not None
    damage_a_page(path)
    with pytest.raises(DamagedProjectError):
        Project.open(path)
    return made


def test_a_damaged_file_is_restored_and_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "work" / "news.claims"
    path.parent.mkdir()
    made = _damaged_with_a_backup(path)
    damaged = sha256(path)
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"what a crash left")
    assert backups_for_file(path) == [made]

    assert restore_file(path, made.path) is None

    [aside] = damaged_copies(path)
    assert re.fullmatch(r"news\.claims\.damaged-\d{8}T\d{6}Z", aside.name)
    assert sha256(aside) == damaged
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"what a crash left"
    assert not wal.exists()
    assert dump(path) == dump(made.path)
    left = sorted(p.name for p in path.parent.iterdir() if not p.name.endswith("-shm"))
    assert left == sorted(  # and an -shm beside the -wal, made by SQLite reading the file
        ["news.claims", "news.claims.lock", aside.name, aside.name + "-wal"]
    )
    with Project.open(path) as reopened:  # and the lock was released
        assert reopened.project_id == made.project_id
    assert backups_for_file(path) == [made]  # the damaged file was not backed up


def test_restoring_a_damaged_file_refuses_another_projects_backup(tmp_path: Path) -> None:
    path = tmp_path / "news.claims"
    _damaged_with_a_backup(path)
    with Project.create(tmp_path / "other.claims") as other:
        foreign = backup_project(other, "manual")
    assert foreign is not None
    before = sha256(path)

    with pytest.raises(BackupError, match="is a backup of another project"):
        restore_file(path, foreign.path)

    assert sha256(path) == before
    assert damaged_copies(path) == []


def test_restoring_a_damaged_file_refuses_while_another_process_holds_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "work" / "news.claims"
    path.parent.mkdir()
    made = _damaged_with_a_backup(path)
    before = sha256(path)
    child = _python(
        """
        import sys
        from pathlib import Path
        from annotator.store.lock import ProjectLock
        lock = ProjectLock(Path(sys.argv[1]), "ben")
        print("ready", flush=True)
        sys.stdin.read()
        """,
        path,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        with pytest.raises(ProjectInUseError, match=r" is in use by ben on .*\(process \d+\)"):
            restore_file(path, made.path)
    finally:
        child.communicate(timeout=60)

    assert sha256(path) == before
    assert damaged_copies(path) == []
    assert sorted(p.name for p in path.parent.iterdir()) == ["news.claims", "news.claims.lock"]


def test_backups_of_a_file_are_found_by_its_path_in_every_projects_folder(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.claims"
    with Project.create(path) as first:
        old = backup_project(first, "manual")
    path.unlink()
    with Project.create(path) as second:  # a new project at the same place
        new = backup_project(second, "manual")
    with Project.create(tmp_path / "q.claims") as other:
        backup_project(other, "manual")
    assert old is not None and new is not None

    assert old.project_id != new.project_id
    assert [e.path for e in backups_for_file(path)] == [new.path, old.path]
