"""Gold exports: adjudicated articles with their gold labels, optionally single-annotated ones."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.errors import ValidationError
from annotator.core.model import GOLD, Article
from annotator.io.export import ExportFilter, export_jsonl
from annotator.store.project import Project


@pytest.fixture
def adjudicated(project: Project) -> Project:
    text = "Velgrad said the port reopens. Kestria disagreed."
    project.add_articles([Article(id=f"a{i}", text=text, story="s") for i in range(4)])
    # a0: two annotators, adjudicated; a1: two annotators, not yet; a2: one annotator; a3: none
    for name in ("ana", "ben"):
        project.add_claim("a0", name, 0, 29)
        project.add_claim("a1", name, 0, 29)
    gold_a0 = project.add_claim("a0", GOLD, 0, 29, stance="support")
    gold_other = project.add_claim("a1", GOLD, 31, 48)  # gold started on a1, not done
    project.set_status("a0", GOLD, "done")
    single = project.add_claim("a2", "ana", 31, 48, stance="oppose")
    project.link_claims(gold_a0.id, gold_other.id, "lead")
    project.link_claims(gold_a0.id, single.id, "lead")
    return project


def exported(project: Project, where: ExportFilter) -> list[dict]:  # type: ignore[type-arg]
    out = BytesIO()
    export_jsonl(project, out, where)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_gold_exports_adjudicated_articles_with_gold_labels_only(adjudicated: Project) -> None:
    lines = exported(adjudicated, ExportFilter(gold=True))
    assert [line["id"] for line in lines] == ["a0"]
    (entry,) = lines[0]["annotations"]
    assert entry["annotator"] == GOLD and entry["status"] == "done"
    (claim,) = entry["claims"]
    assert claim["stance"] == "support"
    assert claim["links"] == []  # its partners are not in this export


def test_fallback_single_adds_articles_one_annotator_labelled(adjudicated: Project) -> None:
    lines = exported(adjudicated, ExportFilter(gold=True, fallback="single"))
    assert [line["id"] for line in lines] == ["a0", "a2"]
    assert [e["annotator"] for e in lines[1]["annotations"]] == ["ana"]
    gold_claim = lines[0]["annotations"][0]["claims"][0]
    single_claim = lines[1]["annotations"][0]["claims"][0]
    assert gold_claim["links"] == [single_claim["id"]]  # both ends exported: the link stays


def test_gold_export_imports_on_its_own(adjudicated: Project, tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    with open(path, "wb") as out:
        export_jsonl(adjudicated, out, ExportFilter(gold=True, fallback="single"))
    from annotator.io.importer import import_files

    with Project.create(tmp_path / "fresh.claims") as fresh:
        assert import_files(fresh, [path]).added == 2


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (dict(fallback="single"), "a fallback goes with a gold export"),
        (dict(gold=True, fallback="majority"), "fallback 'majority' is not known"),
        (dict(gold=True, annotator="ana"), "a gold export takes no annotator or status filter"),
    ],
)
def test_bad_gold_options(where: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValidationError, match=message):
        ExportFilter(**where)


def test_cli_gold_export(adjudicated: Project) -> None:
    adjudicated.close()
    result = CliRunner().invoke(
        cli, ["export", str(adjudicated.path), "--gold", "--fallback", "single"]
    )
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a0", "a2"]
    refused = CliRunner().invoke(cli, ["export", str(adjudicated.path), "--fallback", "single"])
    assert refused.exit_code == 1
    assert refused.stderr == "Error: a fallback goes with a gold export\n"
