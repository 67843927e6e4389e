"""Filtering and searching the article list, and moving between unfinished articles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.ui.window.main_window import MainWindow


@pytest.fixture
def window(sample_window: MainWindow) -> MainWindow:
    return sample_window


def ids(window: MainWindow) -> list[str]:
    model = window.articles
    return [model.article_id(r) for r in range(model.rowCount())]


def test_search_filters_the_list_and_highlights_hits(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    panel = window.list_panel
    qtbot.keyClicks(panel.search, "Skarre harb")
    panel.apply_filter()  # what the typing delay does
    assert ids(window) == ["harbour-01", "harbour-02"]
    assert panel.count.text() == "2 articles"
    view = window.workspace.view
    assert window.workspace.article_id == "harbour-01"
    hits = {view.text[s.start : s.end].lower() for s in view.search_hits()}
    assert hits == {"skarre", "harbour"}


def test_status_and_story_filters(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    panel = window.list_panel
    panel.status.setCurrentIndex(panel.status.findData("in_progress"))
    panel.apply_filter()
    assert ids(window) == ["river-02", "grain-01"]
    panel.status.setCurrentIndex(0)
    panel.story.setCurrentIndex(panel.story.findData("grain-corridor"))
    panel.apply_filter()
    assert ids(window) == ["grain-01", "grain-02", "grain-03"]


def test_next_and_previous_unfinished(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace.article_id == "harbour-01"
    view = window.workspace.view
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.article_id == "river-02"  # harbour-02 and river-01 are done
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.article_id == "grain-01"
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.article_id == "river-02"


def test_filter_choices_are_a_list_model_and_keep_the_choice_when_read_again(  # type: ignore[no-untyped-def]
    qtmodeltester, window: MainWindow
) -> None:
    panel = window.list_panel
    qtmodeltester.check(panel.story.model())
    assert (panel.story.itemText(0), panel.story.itemData(0)) == ("Story: any", None)
    assert panel.status.itemText(panel.status.findData("in_progress")) == "In progress"
    panel.story.setCurrentIndex(panel.story.findData("grain-corridor"))
    panel.refresh_filters()
    assert panel.story.currentData() == "grain-corridor"
    assert panel.story.currentText() == "grain-corridor"
    panel.apply_filter()
    assert ids(window) == ["grain-01", "grain-02", "grain-03"]
