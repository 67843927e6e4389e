"""annotator dataset diff: builds of a project changed between them, compared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.errors import AnnotatorError
from annotator.core.model import Article
from annotator.dataset import SPLITS, BuildOptions, build_dataset
from annotator.dataset.diff import diff_datasets, diff_project
from annotator.store.project import Project
from tests.dataset.newsroom import make_newsroom

OPTIONS = BuildOptions(annotator="ana", formats=("jsonl",))


def split_of(folder: Path) -> dict[str, str]:
    found = {}
    for split in SPLITS:
        for line in (folder / f"jsonl/{split}.jsonl").read_text(encoding="utf-8").splitlines():
            found[json.loads(line)["id"]] = split
    return found


@pytest.fixture
def changed(project: Project, tmp_path: Path) -> tuple[Project, Path, dict[str, str]]:
    """A project built into ``old``, then changed: what was changed, by kind -> id."""
    make_newsroom(project, 30)
    build_dataset(project, tmp_path / "old", OPTIONS)
    project.add_articles([Article(id="late", text="In Corvo, the mayor said that it rained.")])
    project.add_claim("late", "ana", 30, 40, stance="support")
    project.set_status("late", "ana", "done")
    project.set_status("n001", "ana", "in_progress")  # no longer done: out of the dataset
    stance_claim = project.labels("n002", "ana").claims[0]
    stance = "oppose" if stance_claim.stance != "oppose" else "support"
    project.update_claim(stance_claim.id, stance=stance)
    deleted = project.labels("n004", "ana").claims[-1]
    project.delete_claim(deleted.id)
    return (
        project,
        tmp_path / "old",
        {
            "stance": stance_claim.id,
            "deleted": deleted.id,
        },
    )


def test_diff_of_two_builds_names_each_change(
    changed: tuple[Project, Path, dict[str, str]], tmp_path: Path
) -> None:
    project, old, ids = changed
    build_dataset(project, tmp_path / "new", OPTIONS)
    where_old, where_new = split_of(old), split_of(tmp_path / "new")
    found = diff_datasets(old, tmp_path / "new")
    by_id = {c.id: c for c in found.changes}
    moved = {a for a in where_old if a in where_new and where_old[a] != where_new[a]}
    assert set(by_id) == {"late", "n001", "n002", "n004"} | moved  # dealing the groups again
    for article_id in moved - {"n002", "n004"}:
        assert by_id[article_id].change == "moved" and by_id[article_id].labels == []
        assert by_id[article_id].old_split == where_old[article_id]
    assert by_id["late"].change == "added" and by_id["late"].split == where_new["late"]
    assert [(label.kind, label.change) for label in by_id["late"].labels] == [("claim", "added")]
    assert by_id["n001"].change == "removed" and by_id["n001"].split == where_old["n001"]
    n002 = by_id["n002"]
    assert n002.change == ("moved" if "n002" in moved else "changed") and n002.fields == []
    assert [(label.id, label.change, label.fields) for label in n002.labels] == [
        (ids["stance"], "changed", ["stance"])
    ]
    assert [(label.id, label.change) for label in by_id["n004"].labels] == [
        (ids["deleted"], "removed")
    ]
    totals = found.to_json()["total"]
    assert totals["articles"]["added"] == totals["articles"]["removed"] == 1
    assert totals["articles"]["changed"] == 2 - len(moved & {"n002", "n004"})
    assert totals["articles"]["moved_in"] == totals["articles"]["moved_out"] == len(moved)
    unchanged = len(where_old) - 3 - len(moved - {"n002", "n004"})
    assert totals["articles"]["unchanged"] == unchanged
    removed_claims = len(json.loads(_line(old, "n001"))["annotations"][0]["claims"])
    assert totals["labels"] == {"added": 1, "removed": removed_claims + 1, "changed": 1}
    split = where_new["n002"]
    assert found.labels[split]["changed"] == 1
    assert found.articles[where_old["n001"]]["removed"] == 1
    text = found.to_text()
    assert "labels changed" in text and f"changed claim {ids['stance']}: stance" in text
    assert "n001: removed" in text and "late: added" in text


def _line(folder: Path, article_id: str) -> str:
    for split in SPLITS:
        for line in (folder / f"jsonl/{split}.jsonl").read_text(encoding="utf-8").splitlines():
            if json.loads(line)["id"] == article_id:
                return line
    raise KeyError(article_id)


def test_an_article_in_another_split_counts_as_moved(project: Project, tmp_path: Path) -> None:
    make_newsroom(project, 30)
    build_dataset(project, tmp_path / "old", OPTIONS)
    other = BuildOptions(annotator="ana", formats=("jsonl",), seed=3, split=(60, 20, 20))
    build_dataset(project, tmp_path / "new", other)
    before, after = split_of(tmp_path / "old"), split_of(tmp_path / "new")
    moved = {a for a in before if before[a] != after[a]}
    assert moved
    found = diff_datasets(tmp_path / "old", tmp_path / "new")
    assert {c.id for c in found.changes} == moved
    assert all(c.change == "moved" and c.labels == [] for c in found.changes)
    for split in SPLITS:
        assert found.articles[split]["moved_in"] == sum(after[a] == split for a in moved)
        assert found.articles[split]["moved_out"] == sum(before[a] == split for a in moved)
    assert found.options_changed["seed"] == [0, 3]
    assert found.options_changed["split.train"] == [80, 60]
    assert "option seed: 0 -> 3" in found.to_text()


def test_unchanged_builds_differ_in_nothing(project: Project, tmp_path: Path) -> None:
    make_newsroom(project, 15)
    build_dataset(project, tmp_path / "a", OPTIONS)
    found = diff_project(tmp_path / "a", project)
    assert found.unchanged and found.options_changed == {}
    assert "no article or label changed" in found.to_text()


def test_diff_against_the_project_uses_the_old_options_and_writes_nothing(
    changed: tuple[Project, Path, dict[str, str]], tmp_path: Path
) -> None:
    project, old, _ = changed
    before = sorted(p.name for p in tmp_path.iterdir())
    build_dataset(project, tmp_path / "new", OPTIONS)
    expected = diff_datasets(old, tmp_path / "new").to_json()
    found = diff_project(old, project).to_json()
    assert found["changes"] == expected["changes"] and found["splits"] == expected["splits"]
    assert found["options_changed"] == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "new"])


def test_cli_diff_text_and_json(
    changed: tuple[Project, Path, dict[str, str]], tmp_path: Path
) -> None:
    project, old, _ = changed
    path = str(project.path)
    project.close()
    runner = CliRunner()
    result = runner.invoke(cli, ["dataset", "diff", str(old), path, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"]["articles"]["added"] == 1
    assert {"late", "n001", "n002", "n004"} <= {c["id"] for c in data["changes"]}
    result = runner.invoke(cli, ["dataset", "diff", str(old), path, "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2].split() == ["train", "dev", "test", "total"]
    assert f"... and {len(data['changes']) - 1} more articles" in result.stdout
    result = runner.invoke(cli, ["dataset", "diff", str(old), path, "--seed", "5", "--json"])
    assert json.loads(result.stdout)["options_changed"]["seed"] == [0, 5]
    result = runner.invoke(cli, ["dataset", "diff", str(old), str(old), "--seed", "5"])
    assert result.exit_code != 0 and "project file" in result.output


def test_a_folder_without_native_jsonl_is_refused(project: Project, tmp_path: Path) -> None:
    make_newsroom(project, 12)
    build_dataset(project, tmp_path / "a", OPTIONS)
    build_dataset(project, tmp_path / "b", BuildOptions(annotator="ana", formats=("hf",)))
    with pytest.raises(AnnotatorError, match="native JSONL"):
        diff_datasets(tmp_path / "a", tmp_path / "b")
    with pytest.raises(AnnotatorError, match="no dataset"):
        diff_datasets(tmp_path / "a", tmp_path)
