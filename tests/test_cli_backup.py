"""``annotator backup``, ``backups`` and ``restore`` with click's CliRunner on real project files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from annotator.cli import cli
from annotator.store.backup import list_backups
from annotator.store.project import Project
from tests.helpers import dump


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
