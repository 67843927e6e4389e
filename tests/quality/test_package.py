"""`write_package`: one annotator's standalone project file, and nothing of anyone else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError, ProjectError
from annotator.core.model import Article
from annotator.quality.package import package_info, write_package
from annotator.store.fingerprints import TRACKED, digest, row_key
from annotator.store.packages import read_base
from annotator.store.project import Project
from annotator.store.queries import ArticleFilter
from tests.helpers import dump
from tests.quality.laptops import TEXTS, Lead, make_lead
from tests.store.helpers import read_rows


@pytest.fixture
def lead(tmp_path: Path) -> Lead:
    return make_lead(tmp_path / "lead.claims")


def write(lead: Lead, annotator: str, name: str | None = None) -> Path:
    target = lead.path.with_name(name or f"{annotator}.claims")
    with Project.open(lead.path) as project:
        write_package(project, annotator, target)
    return target


def test_package_holds_the_assigned_articles_all_actors_and_own_labels(lead: Lead) -> None:
    with Project.open(lead.path) as project:
        report = write_package(project, "ana", lead.path.with_name("ana.claims"))
        assigned = project.assigned_articles("ana")
        project_id, schema = project.project_id, project.schema.source
        ana_labels = {a: project.labels(a, "ana") for a in assigned}

    path = lead.path.with_name("ana.claims")
    assert report.summary() == f"packaged 4 articles, 4 labels of ana and 3 actors into {path}"
    with Project.open(path) as package:  # an ordinary project file the app opens
        assert (package.project_id, package.schema.source) == (project_id, schema)
        assert [a.id for batch in package.iter_articles() for a in batch] == assigned
        assert [a.name for a, _, _ in package.actor_usage()] == ["China", "Kestria", "Norvania"]
        for article_id in assigned:
            assert package.labels(article_id, "ana") == ana_labels[article_id]
        assert package.assigned_articles("ana") == assigned
        assert package.count_articles("ana", ArticleFilter(assigned_to="ana")) == len(assigned)
        info = package_info(package)
        assert info is not None and (info.annotator, info.project_file) == ("ana", "lead.claims")
        assert package.events.history("ana") == []
    assert sorted(assigned) == ["p1", "p2", "r1", "r2"]


def test_a_package_of_ana_contains_nothing_of_ben(lead: Lead) -> None:
    path = write(lead, "ana")

    assert lead.shared[0] in {r["id"] for r in read_rows(path, "articles")}  # ben labels it too
    assert not [line for line in dump(path) if "'ben'" in line]
    for table in ("mentions", "claims", "statuses", "assignments"):
        assert {r["annotator"] for r in read_rows(path, table)} <= {"ana"}
    assert {r["annotator"] for r in read_rows(path, "claims")} == {"ana"}
    assert read_rows(path, "events") == []
    assert [r["key"] for r in read_rows(path, "meta")] == ["project_id", "schema", "package"]
    # The actor ben created is there (the registry is shared) but not who made it.
    assert {r["name"]: r["created_by"] for r in read_rows(path, "actors")}["Kestria"] is None


def test_the_package_records_its_rows_as_the_base_of_a_merge(lead: Lead) -> None:
    path = write(lead, "ana")

    with Project.open(path, read_only=True) as package:
        info = package_info(package)
        assert info is not None
        base = read_base(package, info.package_id)
    expected = {
        (table, row_key(table, row)): digest(table, row)
        for table in TRACKED
        for row in read_rows(path, table)
    }
    assert base == expected
    assert ("claim_links", json.dumps(sorted([lead.kept, lead.linked]))) in base


def test_digest_ignores_when_a_row_was_saved_but_not_what_it_says() -> None:
    row = {"status": "done", "comment": "", "updated_at": "2026-01-01T00:00:00+00:00"}
    assert digest("statuses", row) == digest("statuses", {**row, "updated_at": "later"})
    assert digest("statuses", row) != digest("statuses", {**row, "comment": "x"})


def test_without_assignments_a_package_holds_every_article(tmp_path: Path) -> None:
    path = tmp_path / "lead.claims"
    with Project.create(path) as project:
        project.add_articles([Article(id=i, text=t) for i, t in TEXTS.items()])
        project.set_status("g1", "ben", "done")
        report = write_package(project, "ana", tmp_path / "ana.claims")

    assert report.all_articles
    assert report.summary().startswith(
        "packaged all 6 articles (the project has no assignments), 0 labels of ana"
    )
    assert [r["id"] for r in read_rows(tmp_path / "ana.claims", "articles")] == list(TEXTS)
    assert read_rows(tmp_path / "ana.claims", "statuses") == []
    assert read_rows(tmp_path / "ana.claims", "assignments") == []


def test_a_name_without_assignments_is_refused(lead: Lead) -> None:
    with (
        Project.open(lead.path) as project,
        pytest.raises(AnnotatorError) as caught,
    ):
        write_package(project, "cy", lead.path.with_name("cy.claims"))

    assert str(caught.value) == "no articles are assigned to 'cy' (assigned: ana, ben)"
    assert sorted(p.name for p in lead.path.parent.iterdir() if "cy" in p.name) == []


def test_an_existing_file_is_never_overwritten(lead: Lead) -> None:
    target = lead.path.with_name("ana.claims")
    target.write_text("my notes", encoding="utf-8")

    with (
        Project.open(lead.path) as project,
        pytest.raises(ProjectError) as caught,
    ):
        write_package(project, "ana", target)

    assert str(caught.value) == f"{target} already exists; choose another name"
    assert target.read_text(encoding="utf-8") == "my notes"
    assert not target.with_name("ana.claims.partial").exists()


def test_a_package_is_not_packaged_again(lead: Lead) -> None:
    path = write(lead, "ana")

    with Project.open(path, read_only=True) as package, pytest.raises(ProjectError) as caught:
        write_package(package, "ana", lead.path.with_name("again.claims"))

    assert str(caught.value) == (
        "ana.claims is a work package itself; make packages from the lead's project"
    )


def test_packaging_changes_the_lead_project_only_by_its_record(lead: Lead) -> None:
    before = dump(lead.path)

    write(lead, "ana")
    write(lead, "ben")

    after = dump(lead.path)
    added = [line for line in after if line not in before]
    assert [line for line in before if line not in after] == []
    assert len(added) == 2 and all(
        line.startswith('INSERT INTO "issued_packages"') for line in added
    )
    assert [(r["annotator"], r["file"]) for r in read_rows(lead.path, "issued_packages")] == [
        ("ana", "ana.claims"),
        ("ben", "ben.claims"),
    ]
    folder = lead.path.parent
    names = sorted(
        p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("lead")
    )
    assert names == ["ana.claims", "ben.claims"]  # no lock, WAL or partial files left
