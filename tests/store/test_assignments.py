"""Tests of the assignments in the project file (`Project.set_assignments` and the queries)."""

from __future__ import annotations

import pytest

from annotator.core.errors import ProjectError, ValidationError
from annotator.core.model import Article
from annotator.store.bulk import BulkWriter
from annotator.store.project import Project
from tests.helpers import dump
from tests.store.helpers import read_rows


@pytest.fixture
def three(project: Project) -> Project:
    project.add_articles([Article(id=f"a{i}", text=f"Text {i}.") for i in range(3)])
    return project


def test_set_assignments_replaces_all_in_one_transaction(three: Project) -> None:
    assert three.set_assignments([("a0", "ana"), ("a1", "ana"), ("a1", "ben")], {"by": "x"}) == 3
    assert three.assignment_counts() == {"ana": (2, 1), "ben": (1, 1)}

    assert three.set_assignments([("a2", "cy")]) == 1

    assert [(r["article_id"], r["annotator"]) for r in read_rows(three.path, "assignments")] == [
        ("a2", "cy")
    ]
    assert three.assignment_plan() is None
    assert three.events.history("cy") == []  # not an undo step


def test_an_unknown_article_changes_nothing(three: Project) -> None:
    three.set_assignments([("a0", "ana")])
    before = dump(three.path)

    with pytest.raises(ValidationError) as caught:
        three.set_assignments([("a1", "ana"), ("nope", "ben")])

    assert str(caught.value) == "cannot assign article 'nope': it is not in the project"
    assert dump(three.path) == before
    assert three.assigned_articles("ana") == ["a0"]


def test_read_only_project_refuses_assignments(three: Project) -> None:
    three.close()  # closing twice (again after the test) is harmless
    before = dump(three.path)

    with Project.open(three.path, read_only=True) as reader, pytest.raises(ProjectError) as caught:
        reader.set_assignments([("a0", "ana")])

    assert str(caught.value) == "test.claims is open read-only: the assignments were not saved"
    assert dump(three.path) == before


def test_put_row_writes_rows_as_given(three: Project) -> None:
    row = {
        "article_id": "a0",
        "annotator": "ana",
        "status": "done",
        "comment": "",
        "updated_at": "2020-01-01T00:00:00+00:00",
    }
    with BulkWriter(three, doing="the merge of x.claims") as writer:
        writer.put_row("statuses", row)
        with pytest.raises(ValueError, match="same columns in the same order"):
            writer.put_row("statuses", dict(reversed(row.items())))
        with pytest.raises(ValueError, match="cannot write table 'events'"):
            writer.put_row("events", {})

    assert read_rows(three.path, "statuses") == [row]  # its time kept, not the merge's
