"""The operations on a claim's segments (AddClaimSegment, RemoveClaimSegment), without widgets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import operations as op
from annotator.core.model import Article
from annotator.core.spans import Span
from annotator.store.project import Project
from tests.helpers import dump, span_in

TEXT = "“The toll plan,” the minister said, “will fail.” Others agreed."


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    with Project.create(project_path) as opened:
        opened.add_articles([Article(id="q1", text=TEXT)])
        yield opened


def content(project: Project) -> list[str]:
    return [line for line in dump(project.path) if not line.startswith('INSERT INTO "events"')]


def test_add_and_remove_segment_are_one_logged_step_each_that_undoes_and_redoes(
    project: Project,
) -> None:
    first, second = span_in(TEXT, "The toll plan"), span_in(TEXT, "will fail")
    claim = op.MarkClaim("q1", "ana", first).run(project).result
    for operation, segments in (
        (op.AddClaimSegment(claim.id, second), (first, second)),
        (op.RemoveClaimSegment(claim.id, first), ()),
    ):
        before = content(project)
        done = operation.run(project)
        assert [e.label for e in done.events] == [operation.title()]
        assert done.result.segments == segments
        after = content(project)
        assert project.undo("ana") == done.event_of("ana")
        assert content(project) == before
        project.redo("ana")
        assert content(project) == after
    assert op.AddClaimSegment("c", Span(0, 1)).title() == "Add segment"
    assert op.RemoveClaimSegment("c", Span(0, 1)).title() == "Remove segment"
