"""Two articles of a story side by side; linking and unlinking the same claim."""

from __future__ import annotations

import json
from io import BytesIO

import pytest
from PySide6.QtCore import Qt

from annotator.io.export import ExportFilter, export_jsonl
from annotator.store.project import Project
from annotator.ui.main_window import MainWindow


@pytest.fixture
def window(sample_window: MainWindow) -> MainWindow:
    return sample_window


def linked_pair(project: Project) -> tuple[str, str]:
    left = project.labels("harbour-01", "ana")
    ((claim, (other,)),) = left.links.items()
    return claim, other


def test_side_by_side_shows_the_story_partner_and_its_linked_claim(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    claim, other = linked_pair(project)
    view = window.workspace.view
    qtbot.keyClick(
        view, "b", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    compare = window.workspace.compare
    assert compare.isVisible()
    assert compare.width() > 200 and window.workspace.view.width() > 200
    assert compare.chooser.currentData() == "harbour-02"
    window.workspace.select_claim(claim)
    other_claim = project.claim(other)
    assert other_claim is not None
    assert compare.view.marked_spans() == [other_claim.span]
    assert compare.selected_claim() == other_claim
    assert compare.hint.text() == "1 linked claim here"


def test_unlink_and_link_with_keys(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    claim, other = linked_pair(project)
    view = window.workspace.view
    window.workspace.toggle_compare(True)
    window.workspace.select_claim(claim)
    mods = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, "l", mods)
    assert project.labels("harbour-01", "ana").links == {}
    assert window.workspace.compare.view.marked_spans() == []
    compare = window.workspace.compare
    compare.claim_list.setCurrentIndex(compare.claims.index(compare.claims.row_of(other), 0))
    qtbot.keyClick(view, "l", Qt.KeyboardModifier.ControlModifier)
    assert project.labels("harbour-01", "ana").links == {claim: (other,)}
    out = BytesIO()
    export_jsonl(project, out, ExportFilter(story="harbour-dispute", annotator="ana"))
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    exported = {c["id"]: c["links"] for line in lines for c in line["annotations"][0]["claims"]}
    assert exported[claim] == [other] and exported[other] == [claim]
