"""Making exact selections from the keyboard: by character, by word, by clause and sentence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Article
from annotator.store.project import Project
from annotator.ui.text.article_view import ArticleView
from annotator.ui.window.main_window import MainWindow
from tests.ui.keys import type_text

TEXT = (
    "Deputy Minister Li Zhanshu's remarks drew a sharp reply. Velgrad said on Friday that "
    "the harbour, closed since May, would reopen 🚢 soon; observers doubt it.\n"
    "A second paragraph follows."
)
Shift, Ctrl, Alt = (
    Qt.KeyboardModifier.ShiftModifier,
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
)


@pytest.fixture
def window(qtbot, project: Project) -> MainWindow:  # type: ignore[no-untyped-def]
    project.add_articles([Article("a", TEXT)])
    project.add_actor("Li Zhanshu", "ana", type="official")
    shown = MainWindow(project, "ana")
    qtbot.addWidget(shown)
    shown.show()
    shown.workspace.open_article("a")
    shown.workspace.view.setFocus()
    return shown


def caret_at(view: ArticleView, offset: int) -> None:
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_qt(offset))
    view.setTextCursor(cursor)


def selected(view: ArticleView) -> str:
    span = view.selected_span()
    return "" if span is None else TEXT[span.start : span.end]


def test_a_name_by_words_stops_before_its_possessive(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    caret_at(view, TEXT.index("Li "))
    qtbot.keyClick(view, Qt.Key.Key_Right, Ctrl | Shift)
    qtbot.keyClick(view, Qt.Key.Key_Right, Ctrl | Shift)
    assert selected(view) == "Li Zhanshu"
    qtbot.keyClick(view, "m")
    (mention,) = window.project.labels("a", "ana").mentions
    assert TEXT[mention.start : mention.end] == "Li Zhanshu"
    assert mention.actor is not None  # the words name a known actor


def test_either_end_moves_by_word_or_character(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    caret_at(view, TEXT.index("Zhanshu"))
    qtbot.keyClick(view, Qt.Key.Key_Up, Alt)  # the word at the caret
    assert selected(view) == "Zhanshu"
    qtbot.keyClick(view, Qt.Key.Key_Left, Ctrl | Alt | Shift)  # the start, a word back
    qtbot.keyClick(view, Qt.Key.Key_Left, Ctrl | Alt | Shift)
    assert selected(view) == "Minister Li Zhanshu"
    qtbot.keyClick(view, Qt.Key.Key_Right, Ctrl | Alt | Shift)  # the start, a word on
    assert selected(view) == "Li Zhanshu"
    qtbot.keyClick(view, Qt.Key.Key_Right, Shift)  # the end, one character: exact
    qtbot.keyClick(view, Qt.Key.Key_Right, Shift)
    assert selected(view) == "Li Zhanshu's"
    qtbot.keyClick(view, Qt.Key.Key_Left, Shift)
    assert selected(view) == "Li Zhanshu'"  # not snapped back to a word
    qtbot.keyClick(view, Qt.Key.Key_Right, Alt | Shift)  # the start, one character
    assert selected(view) == "i Zhanshu'"


def test_a_character_step_never_splits_an_emoji(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    caret_at(view, TEXT.index("🚢"))
    qtbot.keyClick(view, Qt.Key.Key_Right, Shift)
    assert selected(view) == "🚢"


def test_clause_and_sentence_around_the_caret(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    caret_at(view, TEXT.index("harbour") + 2)
    steps = []
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Up, Alt)
        steps.append(selected(view))
    assert steps == [
        "harbour",
        "Velgrad said on Friday that the harbour",
        "Velgrad said on Friday that the harbour, closed since May, would reopen 🚢 soon; "
        "observers doubt it.",
        TEXT.split("\n")[0],
    ]
    qtbot.keyClick(view, Qt.Key.Key_Down, Alt)  # back one step
    qtbot.keyClick(view, "c")
    (claim,) = window.project.labels("a", "ana").claims
    assert TEXT[claim.start : claim.end] == steps[2]


def test_alt_down_returns_to_the_caret(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    caret_at(view, TEXT.index("sharp") + 1)
    qtbot.keyClick(view, Qt.Key.Key_Up, Alt)
    qtbot.keyClick(view, Qt.Key.Key_Down, Alt)
    assert not view.textCursor().hasSelection()
    assert view.textCursor().position() == view.offsets.to_qt(TEXT.index("sharp") + 1)


def test_a_word_taken_from_the_caret_has_no_space_around_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    caret_at(view, TEXT.index(" said"))  # right after "Velgrad"
    qtbot.keyClick(view, Qt.Key.Key_Right, Ctrl | Shift)
    assert selected(view) == "said"
    caret_at(view, TEXT.index("sharp") + len("sharp"))
    qtbot.keyClick(view, Qt.Key.Key_Right, Shift)  # a character step: the space shows, is not kept
    assert selected(view) == ""


def test_a_find_without_hits_leaves_nothing_selected(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    qtbot.keyClick(view, "f", Qt.KeyboardModifier.ControlModifier)
    field = window.workspace.find_bar.field
    type_text(field, "reply")
    assert selected(view) == "reply"
    type_text(field, "x")  # "replyx": no hit
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert view.selected_span() is None
    qtbot.keyClick(view, "c")
    assert window.project.labels("a", "ana").claims == ()
