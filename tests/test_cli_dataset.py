"""The `annotator dataset build` command: output, options, and messages for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.store.project import Project
from tests.dataset.newsroom import make_newsroom
from tests.helpers import run


@pytest.fixture
def newsroom_file(project: Project, project_path: Path) -> Path:
    make_newsroom(project, 20)
    project.close()
    return project_path


def test_build_prints_the_report_and_writes_the_folder(newsroom_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "data"
    result = run("dataset", "build", newsroom_file, "-o", out, "--annotator", "ana",
                 "--split", "70/15/15", "--seed", "5", "--near-duplicate", "0.9")  # fmt: skip
    assert "near-duplicate pairs: 1 (1 within a split, 0 across splits)" in result.output
    assert "train" in result.output and "stance=support" in result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["options"]["split"] == {"train": 70, "dev": 15, "test": 15}
    assert manifest["options"]["seed"] == 5 and manifest["options"]["near_duplicate"] == 0.9
    assert manifest["options"]["annotator"] == "ana"
    report = json.loads((out / "report.json").read_text())
    assert report["near_duplicates"]["across_splits"] == 0
    assert report["near_duplicates"]["list"][0]["articles"] == ["wire", "wire-copy"]


def test_json_report_and_one_format(newsroom_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "data"
    result = run("dataset", "build", newsroom_file, "-o", out, "--fallback", "single",
                 "--format", "jsonl", "--json")  # fmt: skip
    report = json.loads(result.stdout)
    assert report["articles"] == sum(s["articles"] for s in report["splits"].values())
    assert sorted(p.name for p in out.iterdir()) == [
        "README.md",
        "charts",
        "jsonl",
        "manifest.json",
        "report.json",
    ]  # the card is on by default


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split", "80/10/5"], "sums to 95, not 100"),
        (["--split", "eighty"], "three whole percentages"),
        (["--annotator", "zoe"], "no labels by 'zoe'"),
        ([], "no adjudicated (gold) article is done"),
        (["--near-duplicate", "0"], "not in (0, 1]"),
    ],
)
def test_bad_input_gets_a_message_not_a_traceback(
    newsroom_file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    # newsroom_file has gold labels on articles 0, 5, 10, 15: remove them for the gold case
    if not args:
        with Project.open(newsroom_file) as project:
            for article in ("n000", "n005", "n010", "n015", "wire"):
                project.set_status(article, "gold", "in_progress")
    result = run("dataset", "build", newsroom_file, "-o", tmp_path / "out", *args, ok=False)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_a_folder_that_is_not_empty_needs_force(newsroom_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    result = run("dataset", "build", newsroom_file, "-o", out, "--annotator", "ana", ok=False)
    assert result.exit_code == 1 and "is not empty" in result.output and "--force" in result.output
    run("dataset", "build", newsroom_file, "-o", out, "--annotator", "ana", "--force")
    assert (out / "keep.txt").read_text() == "x" and (out / "manifest.json").exists()


def test_the_project_file_itself_is_refused(newsroom_file: Path) -> None:
    result = run("dataset", "build", newsroom_file, "-o", newsroom_file, ok=False)
    assert result.exit_code == 2 and "is a file" in result.output  # click's usage error
    assert "Traceback" not in result.output
