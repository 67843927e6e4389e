"""``annotator backup``, ``backups`` and ``restore`` with click's CliRunner on real project files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from annotator.cli import cli
from annotator.store.backup import backups_for_file, damaged_copies, list_backups
from annotator.store.project import Project
from tests.helpers import dump
from tests.store.helpers import damage_a_page, sha256, write_filled_project
from tests.store.test_migrations import _write_version_1


def run(*args: object, ok: bool = True) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output
    return result


def test_backup_list_and_restore_from_the_command_line(tmp_path: Path, sample_jsonl: Path) -> None:
    path = tmp_path / "p.claims"
    run("init", path)
    run("import", path, sample_jsonl)
    earlier = dump(path)

    made = run("backup", path).output
    assert "manual" in made and "articles" in made
    assert run("backup", path, "--if-changed").output.startswith("unchanged since its last backup")
    with Project.open(path) as project:
        project_id = project.project_id
        first = next(project.iter_articles())[0]
        project.set_status(first.id, "ana", "skipped")
    [entry] = list_backups(project_id)

    listed = run("backups", path).output.splitlines()
    assert listed[-1].startswith("1 backup in ")
    assert str(entry.path) in listed[0]
    assert f"{entry.articles} articles, {entry.claims} claims" in listed[0]

    restored = run("restore", path, entry.path).output
    assert restored.startswith(f"restored p.claims from {entry.path}")
    assert dump(path) == earlier
    assert [e.reason for e in list_backups(project_id)] == ["before-restore", "manual"]


def test_restore_of_another_projects_backup_is_one_line_error(tmp_path: Path) -> None:
    run("init", tmp_path / "a.claims")
    run("init", tmp_path / "b.claims")
    run("backup", tmp_path / "b.claims")
    with Project.open(tmp_path / "b.claims", read_only=True) as other:
        [foreign] = list_backups(other.project_id)
    before = dump(tmp_path / "a.claims")

    result = run("restore", tmp_path / "a.claims", foreign.path, ok=False)

    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "is a backup of another project" in result.stderr
    assert dump(tmp_path / "a.claims") == before


def test_a_damaged_project_is_listed_and_restored_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "news.claims"
    write_filled_project(path)
    run("backup", path)
    [entry] = backups_for_file(path)
    earlier = dump(path)
    damage_a_page(path)
    damaged = sha256(path)

    refused = run("stats", path, ok=False).stderr
    assert "is damaged and cannot be opened" in refused
    assert f"`annotator backups {path}` then `annotator restore {path} BACKUP`." in refused
    assert "is damaged" in run("backup", path, ok=False).stderr  # no damaged copy made
    listed = run("backups", path)
    assert "is damaged" in listed.stderr
    assert str(entry.path) in listed.stdout.splitlines()[0]
    assert listed.stdout.splitlines()[-1].startswith("1 backup in ")

    restored = run("restore", path, entry.path).stdout.splitlines()

    [aside] = damaged_copies(path)
    assert restored == [
        f"restored news.claims from {entry.path}",
        f"the damaged file was moved aside to {aside}",
    ]
    assert sha256(aside) == damaged
    assert dump(path) == earlier
    run("stats", path)  # it opens again
    assert backups_for_file(path) == [entry]


def test_backup_of_a_file_from_an_older_version_leaves_it_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "old.claims"
    _write_version_1(path)
    before = sha256(path)

    made = run("backup", path).stdout

    [entry] = backups_for_file(path)
    assert str(entry.path) in made
    assert (entry.reason, entry.schema_version) == ("manual", 1)
    assert sha256(path) == before
