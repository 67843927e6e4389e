"""Two articles of a story side by side; linking and unlinking the same claim."""

from __future__ import annotations

import json
from io import BytesIO

import pytest
from PySide6.QtCore import Qt

from annotator.io.export import ExportFilter, export_jsonl
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow


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


def text_width(window: MainWindow) -> int:
    return window.workspace.sizes()[0]


def test_closing_side_by_side_gives_the_text_its_room_back(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    before = text_width(window)
    panel = window.workspace.panel.width()
    for _ in range(3):  # again and again: the text column does not shrink step by step
        window.side_by_side.trigger()
        assert window.workspace.compare.isVisible()
        assert text_width(window) < before  # the compared article takes a share
        window.side_by_side.trigger()
        assert not window.workspace.compare.isVisible()
        assert abs(text_width(window) - before) <= 8
        assert abs(window.workspace.panel.width() - panel) <= 8


def test_after_a_restart_the_text_column_is_readable(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    from annotator.ui.window.panes import readable_text_width

    window.side_by_side.trigger()  # closed with the compare pane open...
    window.workspace.setSizes([150, 300, 400])  # ...and the text dragged narrow
    window.close()
    again = MainWindow(Project.open(project.path), "ana")
    qtbot.addWidget(again)
    again.show()
    assert not again.workspace.compare.isVisible()
    readable = readable_text_width(again.workspace.view)
    assert readable >= 40 * again.workspace.view.fontMetrics().averageCharWidth()
    assert text_width(again) >= readable
    assert again.workspace.panel.width() > 200
    again.close()


def test_a_narrow_text_column_dragged_in_the_session_stays(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.workspace.setSizes([200, 0, 700])
    assert text_width(window) < 250  # the user's choice, until the next start


def test_the_compared_claims_are_not_cut_off(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QTextOption

    window.side_by_side.trigger()
    compare = window.workspace.compare
    qtbot.waitUntil(lambda: compare.claims.rowCount() > 0)
    claims = compare.claim_list
    metrics = claims.fontMetrics()
    for row in range(compare.claims.rowCount()):
        index = compare.claims.index(row, 0)
        text = str(compare.claims.data(index))
        cell = claims.visualRect(index)
        room = QRect(0, 0, cell.width() - 8, 10_000)
        needed = metrics.boundingRect(room, int(QTextOption.WrapMode.WordWrap.value), text)
        assert needed.height() <= cell.height(), text  # every line of it fits in its row
    assert compare.hint.width() >= compare.hint.sizeHint().width() or compare.hint.wordWrap()


def test_on_a_small_screen_the_list_folds_away_while_comparing(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """At 1024 pixels two texts and the panel do not fit beside the list: the list makes room."""
    from annotator.ui.window.panes import readable_text_width

    window.resize(1024, 760)
    qtbot.wait(20)
    listed, before = window.splitter.sizes()[0], text_width(window)
    window.side_by_side.trigger()
    qtbot.wait(20)
    assert window.splitter.sizes()[0] == 0  # folded while comparing
    view = window.workspace.view
    assert view.width() >= readable_text_width(view) - 60  # about a readable column each
    assert window.workspace.compare.view.width() >= readable_text_width(view) - 60
    window.side_by_side.trigger()
    qtbot.wait(20)
    assert abs(window.splitter.sizes()[0] - listed) <= 2  # back, as wide as before
    assert abs(text_width(window) - before) <= 8


def test_a_window_too_narrow_for_the_list_folds_it_and_widening_brings_it_back(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    """At about 740 pixels the list, a readable text and the panel do not fit: the text wins."""
    from annotator.ui.window.panes import readable_text_width

    window.close()
    window = MainWindow(Project.open(project.path), "ana")
    qtbot.addWidget(window)
    window.resize(740, 700)
    window.show()
    qtbot.waitExposed(window)
    view = window.workspace.view
    assert window.splitter.sizes()[0] == 0  # folded: the text has a readable column
    assert text_width(window) >= readable_text_width(view)
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.splitter.sizes()[0] > 0)  # room again: the list is back
    assert window.splitter.sizes()[0] >= window.list_panel.minimumSizeHint().width()
    assert text_width(window) >= readable_text_width(view)
    window.close()


def test_a_wider_window_widens_the_text_more_than_the_list_or_panel(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    window.resize(1100, 760)
    qtbot.wait(20)
    listed, text, panel = (
        window.splitter.sizes()[0],
        text_width(window),
        window.workspace.sizes()[2],
    )
    window.resize(1500, 760)
    qtbot.wait(20)
    grown_text = text_width(window) - text
    grown_panel = window.workspace.sizes()[2] - panel
    assert window.splitter.sizes()[0] == listed  # the list keeps its width
    assert grown_text > grown_panel
