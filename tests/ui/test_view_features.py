"""Find in article, light and dark palettes, zoom, reading mode, the shortcuts window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from annotator.store.project import Project
from annotator.ui.labels.label_lists import ClaimListModel, MentionListModel
from annotator.ui.window.main_window import MainWindow
from tests.ui.keys import type_text
from tests.ui.modal import when_modal


@pytest.fixture
def window(sample_window: MainWindow) -> MainWindow:
    return sample_window


def test_find_in_article_steps_through_hits(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    qtbot.keyClick(view, "f", Qt.KeyboardModifier.ControlModifier)
    bar = window.workspace.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "skarre")
    hits = view.search_hits()
    assert [view.text[h.start : h.end] for h in hits] == ["Skarre"] * len(hits) and len(hits) >= 2
    assert bar.count.text() == f"1 of {len(hits)}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == f"2 of {len(hits)}"
    assert view.selected_span() == hits[1]  # the hit is the selection
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == f"1 of {len(hits)}"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and view.search_hits() == []


def test_find_a_phrase_and_label_the_hit(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+F finds the typed phrase, not words with a prefix; Escape, then C marks the hit."""
    view = window.workspace.view
    text = view.text
    phrase = " ".join(text.split()[3:5])  # two words from the article, typed in lower case
    long_word = next(w for w in text.split() if w.isalpha() and len(w) >= 7)
    qtbot.keyClick(view, "f", Qt.KeyboardModifier.ControlModifier)
    bar = window.workspace.find_bar
    type_text(bar.field, long_word[:4])  # the first letters of a longer word
    assert len(view.search_hits()) < text.count(long_word[:4])  # "posit" is no "positioning"
    assert all(not text[h.end].isalnum() for h in view.search_hits())  # never inside a word
    bar.field.clear()
    type_text(bar.field, phrase.lower())
    hits = view.search_hits()
    assert hits and all(text[h.start : h.end].lower() == phrase.lower() for h in hits)
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert view.hasFocus() and view.selected_span() == hits[0]
    qtbot.keyClick(view, "c")
    claim = window.workspace.state.claims[window.workspace.current_claim]  # type: ignore[union-attr, index]
    assert claim.span == hits[0]


def test_labels_follow_a_dark_palette(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    mention = next(m for m in view.layer.marks() if m.kind == "mention")
    block = view.document().findBlock(view.offsets.to_qt(mention.start))

    def mention_background() -> QColor:
        inside = view.offsets.to_qt(mention.start) - block.position()
        (found,) = [r for r in block.layout().formats() if r.start <= inside < r.start + r.length]
        return found.format.background().color()

    light = mention_background()
    dark = QPalette(view.palette())
    for role, color in ((QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#eeeeee")):
        dark.setColor(role, QColor(color))
    view.setPalette(dark)
    dark_background = mention_background()
    assert dark_background.lightness() < 128 < light.lightness()
    # text stays readable on it: the label colour is mixed into the dark base
    assert abs(dark_background.lightness() - QColor("#eeeeee").lightness()) > 90


def test_zoom_is_remembered(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    size = view.font().pointSizeF()
    window.panes.zoom(+1)
    window.panes.zoom(+1)
    assert view.font().pointSizeF() == size + 2
    window.close()
    again = MainWindow(Project.open(project.path), "ana")
    qtbot.addWidget(again)
    assert again.workspace.view.font().pointSizeF() == size + 2


def test_reading_mode_shows_only_the_text(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.workspace.view, Qt.Key.Key_F11)
    assert not window.list_panel.isVisible() and not window.workspace.panel.isVisible()
    assert window.workspace.view.isVisible()
    qtbot.keyClick(window.workspace.view, Qt.Key.Key_F11)
    assert window.list_panel.isVisible() and window.workspace.panel.isVisible()


def test_shortcuts_window_lists_every_action(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    rows = dict((action, keys) for keys, action in window.shortcut_rows())
    assert rows["Mark selection as claim"] == "C"
    assert rows["Undo"] == "Ctrl+Z"
    assert rows["Next unfinished"] == "Ctrl+Down"
    assert rows["Find in article"] == "Ctrl+F"
    assert rows["Link claim to the compared one"] == "Ctrl+L"
    shown = when_modal(lambda dialog: dialog.close())
    qtbot.keyClick(window.workspace.view, Qt.Key.Key_F1)
    assert shown == ["Keyboard shortcuts"]


def test_label_list_models_pass_the_model_tester(qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    state = window.workspace.state
    assert state is not None and state.claims
    for model in (ClaimListModel(window.project.schema), MentionListModel()):
        items = (
            state.sorted_claims() if isinstance(model, ClaimListModel) else state.sorted_mentions()
        )
        model.set_items(items, state.article.text, state.actors)
        qtmodeltester.check(model)
        assert model.rowCount() == len(items)


def test_claim_list_names_stances_as_the_schema_does(window: MainWindow) -> None:
    """A row says "Oppose", not the stored id "oppose"."""
    state = window.workspace.state
    assert state is not None
    claim = next(c for c in state.sorted_claims() if c.stance)
    model = ClaimListModel(window.project.schema)
    model.set_items([claim], state.article.text, state.actors)
    name = window.project.schema.field("stance").value(claim.stance).name  # type: ignore[arg-type, union-attr]
    assert model.data(model.index(0, 0)).endswith(f", {name}") and name != claim.stance


def test_font_is_remembered(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QFont

    font = QFont("DejaVu Serif", 15)
    window.panes.set_text_font(font)
    window.close()
    again = MainWindow(Project.open(project.path), "ana")
    qtbot.addWidget(again)
    shown = again.workspace.view.font()
    assert (shown.family(), shown.pointSize()) == ("DejaVu Serif", 15)
    assert again.workspace.compare.view.font().pointSize() == 15


def test_header_menu_shows_hidden_columns(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, QTimer
    from PySide6.QtWidgets import QMenu

    table = window.list_panel.table
    assert table.isColumnHidden(1)  # source

    def pick_source() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        (source,) = [a for a in menu.actions() if a.text() == "Source"]
        source.trigger()
        menu.close()

    QTimer.singleShot(50, pick_source)
    window.list_panel._column_menu(QPoint(5, 5))
    assert not table.isColumnHidden(1)


def test_claim_list_cuts_at_words_and_names_word_sources(window: MainWindow) -> None:
    from annotator.core.model import Attribution, Claim

    text = "Observers note that the harbour talks will " + "certainly " * 12 + "fail."
    claim = Claim(
        "c", "a", "ana", 20, len(text), stance="oppose",
        attribution=Attribution(source_text="Observers", source_kind="unnamed"),
    )  # fmt: skip
    model = ClaimListModel(window.project.schema)
    model.set_items([claim], text, {})
    row = model.data(model.index(0, 0))
    assert row.startswith("“the harbour talks will certainly") and "certai…" not in row
    assert "— Observers (unnamed), Oppose" in row
