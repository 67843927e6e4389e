"""Tests of a claim's segments in the store: add and remove as undoable actions, checks, rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import Article
from annotator.core.spans import Span
from annotator.store.project import Project
from tests.helpers import span_in
from tests.store.helpers import read_rows

TEXT = "“The toll plan,” the minister said on Monday, “will fail before winter.” Others agreed."


def words(text: str) -> Span:
    return span_in(TEXT, text)


@pytest.fixture
def project(project_path: Path) -> Iterator[Project]:
    with Project.create(project_path) as opened:
        opened.add_articles([Article(id="q1", text=TEXT)])
        yield opened


def test_a_segment_makes_the_claim_discontinuous_with_its_span_the_hull(
    project: Project, project_path: Path
) -> None:
    first, second = words("The toll plan"), words("will fail before winter")
    claim = project.add_claim("q1", "ana", *first, stance="oppose")
    updated = project.add_claim_segment(claim.id, second)
    assert updated.segments == (first, second) == updated.content
    assert updated.span == Span(first.start, second.end)
    assert updated.stance == "oppose"
    (row,) = read_rows(project_path, "claims")
    assert (row["start"], row["end"]) == (first.start, second.end)
    assert json.loads(row["segments"]) == [list(first), list(second)]
    assert project.events.history("ana", 1)[0].label == "Add segment"


def test_a_segment_before_the_first_goes_first(project: Project) -> None:
    first, second = words("The toll plan"), words("will fail before winter")
    claim = project.add_claim("q1", "ana", *second)
    assert project.add_claim_segment(claim.id, first).segments == (first, second)


def test_adding_and_removing_undo_and_redo(project: Project, project_path: Path) -> None:
    first, second = words("The toll plan"), words("will fail before winter")
    third = words("Others agreed")
    claim = project.add_claim("q1", "ana", *first)
    rows = [read_rows(project_path, "claims")]
    for span in (second, third):
        project.add_claim_segment(claim.id, span)
        rows.append(read_rows(project_path, "claims"))
    removed = project.remove_claim_segment(claim.id, second)
    assert removed.segments == (first, third)
    rows.append(read_rows(project_path, "claims"))
    for expected in reversed(rows[:-1]):
        assert project.undo("ana") is not None
        assert _unstamped(read_rows(project_path, "claims")) == _unstamped(expected)
    for expected in rows[1:]:
        assert project.redo("ana") is not None
        assert _unstamped(read_rows(project_path, "claims")) == _unstamped(expected)


def _unstamped(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{k: v for k, v in row.items() if k != "updated_at"} for row in rows]


def test_undo_of_a_segment_works_after_a_restart(project_path: Path) -> None:
    with Project.create(project_path) as project:
        project.add_articles([Article(id="q1", text=TEXT)])
        claim = project.add_claim("q1", "ana", *words("The toll plan"))
        project.add_claim_segment(claim.id, words("will fail before winter"))
    with Project.open(project_path) as project:
        assert project.undo("ana") is not None
        assert project.claim(claim.id) == claim


def test_removing_down_to_one_segment_makes_a_claim_in_one_piece(project: Project) -> None:
    first, second = words("The toll plan"), words("will fail before winter")
    claim = project.add_claim("q1", "ana", *first)
    project.add_claim_segment(claim.id, second)
    alone = project.remove_claim_segment(claim.id, first)
    assert (alone.span, alone.segments, alone.content) == (second, (), (second,))


@pytest.mark.parametrize(
    ("span", "message"),
    [
        (Span(2, 6), "overlaps the claim's segment 1"),
        (Span(80, 200), "out of range"),
        (Span(30, 30), "empty or reversed"),
    ],
)
def test_a_bad_segment_is_refused_and_nothing_changes(
    project: Project, project_path: Path, span: Span, message: str
) -> None:
    claim = project.add_claim("q1", "ana", *words("The toll plan"))
    before = read_rows(project_path, "claims")
    with pytest.raises(ValidationError, match=message):
        project.add_claim_segment(claim.id, span)
    assert read_rows(project_path, "claims") == before


def test_removing_a_segment_the_claim_lacks_or_its_only_one_is_refused(project: Project) -> None:
    claim = project.add_claim("q1", "ana", *words("The toll plan"))
    with pytest.raises(ValidationError, match="at least one segment"):
        project.remove_claim_segment(claim.id, claim.span)
    with pytest.raises(ValidationError, match=r"has no segment 0\.\.3"):
        project.remove_claim_segment(claim.id, Span(0, 3))


def test_a_claim_whose_span_is_not_the_hull_of_its_segments_is_refused(project: Project) -> None:
    first, second = words("The toll plan"), words("will fail before winter")
    with pytest.raises(ValidationError, match="first segment's start"):
        project.add_claim("q1", "ana", first.start, second.end + 1, segments=(first, second))
    with pytest.raises(ValidationError, match="comes before segment 1"):
        project.add_claim("q1", "ana", first.start, second.end, segments=(second, first))


def test_moving_the_start_or_end_of_a_claim_in_segments_moves_its_outer_segments(
    project: Project,
) -> None:
    first, second = words("The toll plan"), words("will fail before winter")
    claim = project.add_claim("q1", "ana", *first)
    project.add_claim_segment(claim.id, second)
    moved = project.update_claim(claim.id, start=first.start + 4, end=second.end - 7)
    assert moved.segments == (Span(first.start + 4, first.end), Span(second.start, second.end - 7))
    with pytest.raises(ValidationError, match="segment 1"):
        project.update_claim(claim.id, start=first.end)
