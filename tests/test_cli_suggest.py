"""``annotator suggest``: computing suggestions, measuring them, and bad input as one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.store.project import Project
from tests.assist.gold import DATA
from tests.helpers import dump, run
from tests.read_only import read_only_file


@pytest.fixture
def gold_project(tmp_path: Path) -> Path:
    """The hand-labelled sample articles (annotator gold) in a project."""
    path = tmp_path / "gold.claims"
    run("init", path)
    run("import", path, DATA)
    return path


def test_suggest_stores_suggestions_for_the_annotator(gold_project: Path) -> None:
    result = run("suggest", gold_project, "--annotator", "ana")
    assert "for 12 articles" in result.stdout and "for ana" in result.stdout
    assert "training the learned model on 68 claims in 12 labelled articles" in result.stderr
    assert "learned model trained: it proposes claims and " in result.stderr
    with Project.open(gold_project, read_only=True) as project:
        counts = project.offered_counts("ana")
        assert sum(counts.values()) > 12 and project.offered_counts("gold") == {}
        assert project.learned_model() is not None
        assert project.labels_for(["ferry-01"], "ana") == {}  # never labels


def test_suggest_some_articles_and_recommenders(gold_project: Path) -> None:
    result = run(
        "suggest", gold_project, "--annotator", "ana", "--articles", "ferry-01,vote-01",
        "--recommenders", "patterns", "--no-retrain",
    )  # fmt: skip
    assert "for 2 articles (patterns " in result.stdout
    with Project.open(gold_project, read_only=True) as project:
        assert set(project.offered_counts("ana")) == {"ferry-01", "vote-01"}
        assert {s.recommender for s in project.iter_stored_suggestions("ana")} == {"patterns"}
        assert project.learned_model() is None


def test_recomputing_keeps_rejected_suggestions_away(gold_project: Path) -> None:
    run("suggest", gold_project, "--annotator", "ana", "--recommenders", "patterns")
    with Project.open(gold_project) as project:
        key = project.offered_keys("ferry-01", "ana")[0]
        project.reject_suggestion(key, "ana")
    run("suggest", gold_project, "--annotator", "ana", "--recommenders", "patterns")
    with Project.open(gold_project, read_only=True) as project:
        assert key not in project.offered_keys("ferry-01", "ana")
        assert key in project.rejected_keys("ana")


def test_evaluate_prints_each_recommender_and_json(gold_project: Path) -> None:
    before = dump(gold_project)
    table = run("suggest", gold_project, "--evaluate", "--against", "gold").stdout
    assert table.startswith("against gold: 12 articles\n")
    for name in ("patterns", "actors", "learned", "links", "all"):
        assert f"\n{name}\n" in table
    assert "claims (overlap)" in table and "claimant right" in table
    data = json.loads(
        run("suggest", gold_project, "--evaluate", "--against", "gold", "--json").stdout
    )
    assert data["against"] == "gold" and data["folds"] == 5
    patterns = data["recommenders"]["patterns"]
    assert patterns["articles"] == 12
    assert patterns["cues"]["recall"] >= 0.9
    assert set(patterns["fields"]) >= {"stance", "category", "attribution_type"}
    assert data["recommenders"]["links"]["links"]["reference"] > 0
    assert dump(gold_project) == before  # nothing written


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--recommenders", "magic"), "Error: no recommender named 'magic'; the recommenders are:"),
        (("--evaluate", "--against", "nobody"), "Error: no labels of 'nobody' in this project"),
        (("--articles", "nope"), "Error: no article 'nope' in this project"),
        (("--evaluate",), "Error: --evaluate needs --against ANNOTATOR (or gold)"),
        (("--json",), "Error: --against and --json go with --evaluate"),
    ],
)
def test_bad_input_is_one_line(gold_project: Path, args: tuple[str, ...], message: str) -> None:
    result = run("suggest", gold_project, *args, ok=False)
    assert result.exit_code in (1, 2)
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_read_only_file_is_refused_but_can_be_evaluated(gold_project: Path) -> None:
    with read_only_file(gold_project):
        result = run("suggest", gold_project, ok=False)
        assert result.exit_code == 1 and "cannot be written here" in result.stderr
        run("suggest", gold_project, "--evaluate", "--against", "gold")


def test_a_project_in_use_is_refused(gold_project: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from annotator.store.project import Project;"
         f"p = Project.open({str(gold_project)!r}, user='ana'); print('open', flush=True);"
         "sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        result = run("suggest", gold_project, ok=False)
        assert result.exit_code == 1 and "is in use by ana on" in result.stderr
    finally:
        holder.communicate("")
