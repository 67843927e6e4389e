"""The check of every page in the background: `Project.open(background_check=True)`.

The app opens projects this way so that a large file does not keep the
window waiting. The protection stays: damage is still found and reported,
and nothing is written to a damaged file (annotator/store/database.py).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from annotator.core.errors import DamagedProjectError, ProjectError
from annotator.core.schema import default_schema
from annotator.store import database
from annotator.store.database import create_file
from annotator.store.project import Project
from tests.store.helpers import damage_a_page, damage_pages_of, sha256, write_filled_project

BACKUP = "Restore a backup: File > Restore backup, or `annotator backups "


@pytest.fixture
def damaged(project_path: Path) -> Path:
    """A project whose table of merge conflicts (read by nothing at open) is garbage."""
    write_filled_project(project_path)
    damage_pages_of(project_path, "merge_conflicts")
    return project_path


def test_a_sound_file_opens_and_its_check_passes(project_path: Path) -> None:
    write_filled_project(project_path)
    with Project.open(project_path, background_check=True) as project:
        check = project.page_check
        assert check is not None
        assert check.wait() is None
        heard: list[ProjectError | None] = []
        check.when_done(heard.append)  # ended: told at once
        assert heard == [None]
        project.set_status("n01", "ana", "done")  # writes go ahead
        assert project.stats()["annotators"]["ana"]["done"] == 2


def test_a_damaged_file_opens_and_the_check_reports_the_damage(damaged: Path) -> None:
    with pytest.raises(DamagedProjectError):  # the check made before returning finds it
        Project.open(damaged).close()

    with Project.open(damaged, background_check=True) as project:
        check = project.page_check
        assert check is not None
        problem = check.wait()
        assert isinstance(problem, DamagedProjectError)
        assert str(problem).startswith(f"{damaged} is damaged and cannot be opened (")
        assert BACKUP in str(problem)
        heard: list[ProjectError | None] = []
        check.when_done(heard.append)
        assert heard == [problem]


def test_the_listener_hears_from_the_check_thread(damaged: Path) -> None:
    heard: list[tuple[str, ProjectError | None]] = []
    ended = threading.Event()

    def listen(problem: ProjectError | None) -> None:
        heard.append((threading.current_thread().name, problem))
        ended.set()

    with Project.open(damaged, background_check=True) as project:
        assert project.page_check is not None
        project.page_check.when_done(listen)
        assert ended.wait(30)
    [(thread, problem)] = heard
    assert isinstance(problem, DamagedProjectError)
    assert thread in ("page check", threading.main_thread().name)  # main: it had ended already


def test_nothing_is_written_to_a_file_the_check_finds_damaged(damaged: Path) -> None:
    before = sha256(damaged)
    with Project.open(damaged, background_check=True) as project:
        # The write waits for the check, which finds the damage: refused, nothing written.
        with pytest.raises(DamagedProjectError) as caught:
            project.set_status("n01", "ana", "done")
        assert str(caught.value).startswith(f"could not save mark done: {damaged} is damaged (")
        assert "Nothing was changed." in str(caught.value)
        assert BACKUP in str(caught.value)
        with pytest.raises(DamagedProjectError):
            project.add_actor("Kestria", "ana")
    assert sha256(damaged) == before


def test_closing_ends_the_check_and_frees_the_file_for_writes(damaged: Path) -> None:
    project = Project.open(damaged, background_check=True)
    check = project.page_check
    assert check is not None
    project.close()
    assert check.done
    # The record of the damage goes with the project: a new check decides for a new opening.
    assert not database._CHECKS


def test_a_damaged_article_page_is_caught_in_the_background_too(project_path: Path) -> None:
    write_filled_project(project_path)
    damage_a_page(project_path)
    with Project.open(project_path, background_check=True) as project:
        assert project.page_check is not None
        assert isinstance(project.page_check.wait(), DamagedProjectError)


def test_an_older_file_is_checked_before_its_upgrade_writes(project_path: Path) -> None:
    create_file(project_path, default_schema().source, upto=6)
    conn = sqlite3.connect(project_path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    damage_pages_of(project_path, "merge_conflicts")
    before = sha256(project_path)

    with pytest.raises(DamagedProjectError):
        Project.open(project_path, background_check=True)

    assert sha256(project_path) == before


def test_the_default_open_still_checks_every_page_before_returning(damaged: Path) -> None:
    with pytest.raises(DamagedProjectError) as caught:
        Project.open(damaged, read_only=True)
    assert str(caught.value).startswith(f"{damaged} is damaged and cannot be opened (")
