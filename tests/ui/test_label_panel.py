"""The label panel: its tabs' Alt keys take the keyboard into the tab, code does not; the claim
form's relayouts stay inside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.spans import Span
from annotator.ui.window.main_window import MainWindow


@pytest.fixture
def window(qtbot, sample_window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    sample_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is sample_window)
    sample_window.workspace.view.setFocus()
    qtbot.waitUntil(lambda: sample_window.workspace.view.hasFocus())
    return sample_window


def focused_in(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def test_alt_t_takes_the_keyboard_into_the_actors_tab(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    panel = window.workspace.panel
    qtbot.keyClick(window.workspace.view, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert panel.tabs.currentWidget() is panel.registry
    assert focused_in(panel.registry.table)
    assert panel.registry.table.currentIndex().row() == 0  # a row is current...
    assert panel.registry.name.isEnabled()  # ...so its fields can be edited
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # the next key stays there
    assert panel.registry.table.currentIndex().row() == 1
    assert panel.registry.selected() == panel.registry.model.actor(1)


def test_alt_c_and_alt_m_take_the_keyboard_into_their_lists(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    panel = window.workspace.panel
    qtbot.keyClick(window.workspace.view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert panel.tabs.currentWidget() is panel.mention_panel
    assert focused_in(panel.mention_list)
    assert panel.mention_list.currentIndex().row() == 0
    assert window.workspace.current_mention == panel.mentions.item(0).id
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert panel.tabs.currentIndex() == 0
    assert focused_in(panel.claim_list)
    assert window.workspace.current_claim == panel.claims.item(0).id
    assert panel.form.choices["stance"].isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # and back to the text
    assert window.workspace.view.hasFocus()


def test_alt_c_on_the_tab_already_shown_still_moves_the_keyboard(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    panel = window.workspace.panel
    assert panel.tabs.currentIndex() == 0
    qtbot.keyClick(window.workspace.view, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    assert focused_in(panel.claim_list)


def test_switching_tabs_from_code_leaves_the_keyboard_in_the_text(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    workspace = window.workspace
    panel = workspace.panel
    state = workspace.state
    assert state is not None and state.claims and state.mentions
    workspace.select_mention(next(iter(state.mentions)))
    assert panel.tabs.currentWidget() is panel.mention_panel
    assert workspace.view.hasFocus()
    workspace.select_claim(next(iter(state.claims)))
    assert panel.tabs.currentIndex() == 0
    assert workspace.view.hasFocus()


class _PagePaints(QObject):
    """Counts the paint events that repaint a widget whole."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.widget = widget
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            rect = event.region().boundingRect()  # type: ignore[attr-defined]
            self.count += rect.contains(self.widget.rect())
        return False


def test_marking_claims_does_not_repaint_the_whole_tab(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A new claim's words change the form's summary, and so its layout; that relayout stays
    in the form's area. A layout request reaching the tab widget repaints its whole page
    (every field of the form too) on every label."""
    workspace, panel = window.workspace, window.workspace.panel
    qtbot.waitExposed(window)
    paints = _PagePaints(panel.tabs)
    text = workspace.view.toPlainText()
    for start, end in ((0, 12), (20, 60), (5, 9)):  # summaries of different lengths
        workspace.view.select_span(Span(start, end), exact=True)
        qtbot.keyClick(workspace.view, "c")
        QApplication.processEvents()
        assert text[start:end].strip() in panel.form.summary.text()
    assert paints.count == 0


def test_the_claim_form_gets_the_room_it_asks_for(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    form = window.workspace.panel.form
    QApplication.processEvents()
    assert form.height() >= form.minimumSizeHint().height()
    assert form.choices["stance"].visibleRegion().boundingRect().height() == (
        form.choices["stance"].height()
    )  # not scrolled out of sight


def test_the_suggestion_count_changes_without_repainting_the_whole_tab(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    """Each accept or reject changes the Suggestions tab's title; only a title that needs
    more room lays the tabs out again."""
    panel = window.workspace.panel
    qtbot.waitExposed(window)
    index = panel.tabs.indexOf(panel.suggestions)
    panel.show_suggestion_count(7)
    QApplication.processEvents()
    paints = _PagePaints(panel.tabs)
    for count in (6, 5, 6):
        panel.show_suggestion_count(count)
        QApplication.processEvents()
        assert panel.tabs.tabText(index) == f"Su&ggestions ({count})"
    assert paints.count == 0
    narrow = panel.tabs.tabBar().tabRect(index).width()
    panel.show_suggestion_count(123456)  # a title that needs more room: laid out
    QApplication.processEvents()
    bar = panel.tabs.tabBar()
    assert bar.tabRect(index).width() > narrow
    assert bar.width() >= bar.tabRect(bar.count() - 1).right()  # every tab still shown
