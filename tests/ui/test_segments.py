"""A claim whose words are in segments, from the keyboard: a quote split around its cue.

+ adds the selected words to the current claim as a segment of their own, - removes the
segment the selected words are in (and a segment's context menu does too); what the
store or the flow refuses is a message in the status bar, with nothing changed. The
claim list and the claim form show the segments joined with " … ". How the segments
are drawn is tested with the other drawings in tests/ui/test_redraw.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import Article, Claim
from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.window.dialogs import ShortcutsDialog
from annotator.ui.window.main_window import MainWindow
from tests.helpers import dump, span_in
from tests.ui.keys import type_text
from tests.ui.marking import active_window

# Invented; a flag, an emoji and a combining accent before the quote move Qt's positions.
TEXT = (
    "In Ve\u0301lmar 🇸🇪 the mayor 🏛️ spoke twice. “The ferry plan,” she said, “will fail"
    " within a year.” The council did not answer."
)
FIRST, CUE, SECOND = (span_in(TEXT, w) for w in ("The ferry plan,", "said", "will fail"))


@pytest.fixture
def window(qtbot, project: Project) -> MainWindow:  # type: ignore[no-untyped-def]
    project.add_articles([Article(id="a1", text=TEXT, title="Ferry")])
    shown = active_window(qtbot, project)
    shown.workspace.open_article("a1")
    shown.workspace.view.setFocus()
    return shown


def press(qtbot, window: MainWindow, span: Span, key: str) -> None:  # type: ignore[no-untyped-def]
    """Select ``span`` in the text and press one key."""
    view = window.workspace.view
    view.select_span(span)
    qtbot.keyClick(view, key)


def message(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def claims(project: Project) -> tuple[Claim, ...]:
    return project.labels("a1", "ana").claims


def split_quote(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, FIRST, "c")
    press(qtbot, window, SECOND, "+")
    press(qtbot, window, CUE, "q")


def test_the_split_quote_is_one_claim_in_two_segments_from_the_keyboard(
    qtbot, window: MainWindow, project: Project, project_path: Path
) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, FIRST, "c")
    press(qtbot, window, SECOND, "+")
    assert "2 segments" in message(window)
    press(qtbot, window, CUE, "q")
    (claim,) = claims(project)
    assert claim.segments == (FIRST, SECOND)  # code points, though Qt counts more before them
    assert claim.span == Span(FIRST.start, SECOND.end)
    assert claim.attribution.cue == CUE
    stack = window.session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Mark claim", "Add segment", "Set cue"]
    panel = window.workspace.panel
    assert panel.claims.data(panel.claims.index(0, 0)).startswith(
        "“The ferry plan, … will fail” — no claimant"
    )
    assert panel.form.summary.text() == "“The ferry plan, … will fail”"
    view = window.workspace.view
    gap = view.layer.marks_at(view.offsets.to_qt(span_in(TEXT, "she").start))
    assert gap == []  # the words between the segments are not the claim's
    on_second = view.layer.marks_at(view.offsets.to_qt(SECOND.start))
    assert [(m.kind, m.label_id) for m in on_second] == [("claim", claim.id)]
    assert (
        window.workspace._describe(on_second[0])
        == "Claim by no claimant: no stance (in 2 segments)"
    )
    project.close()
    with Project.open(project_path) as reopened:  # kept in the file
        assert [c.segments for c in reopened.labels("a1", "ana").claims] == [(FIRST, SECOND)]


def test_a_third_segment_before_the_others_takes_its_place(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    split_quote(qtbot, window)
    mayor = span_in(TEXT, "the mayor")
    press(qtbot, window, mayor, "+")
    assert claims(project)[0].segments == (mayor, FIRST, SECOND)
    panel = window.workspace.panel
    assert panel.form.summary.text() == "“the mayor … The ferry plan, … will fail”"


@pytest.mark.parametrize(
    ("words", "key", "said"),
    [
        ("ferry plan", "+", "overlaps “The ferry plan,”, which the claim has already"),
        ("plan,” she said, “will", "+", "overlaps “The ferry plan,”"),
        ("she said", "+", "covers the claim's cue “said”"),
        ("The council", "-", "Select words of one of the claim's segments"),
        ("plan,” she said, “will", "-", "Select words of one of the claim's segments"),
    ],
)
def test_a_bad_selection_is_refused_with_a_message_and_nothing_changes(
    qtbot, window: MainWindow, project: Project, words: str, key: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    split_quote(qtbot, window)
    before, steps = dump(project.path), window.session.undo_stack.count()
    press(qtbot, window, span_in(TEXT, words), key)
    assert said in message(window)
    assert dump(project.path) == before
    assert window.session.undo_stack.count() == steps
    assert claims(project)[0].segments == (FIRST, SECOND)


def test_without_a_current_claim_or_a_second_segment_the_keys_say_what_to_do(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, SECOND, "+")
    assert "Select a claim first" in message(window)
    assert claims(project) == ()
    press(qtbot, window, FIRST, "c")
    before = dump(project.path)
    press(qtbot, window, span_in(TEXT, "ferry"), "-")
    assert "one piece" in message(window)
    assert dump(project.path) == before


def test_removing_a_segment_from_its_context_menu_and_undo(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    split_quote(qtbot, window)
    view = window.workspace.view
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_qt(SECOND.start + 2))
    menu = view.context_menu(view.cursorRect(cursor).center())
    (remove,) = [a for a in menu.actions() if a.text().startswith("Remove")]
    assert remove.text() == "Remove “will fail” from the claim"
    remove.trigger()
    (claim,) = claims(project)
    assert (claim.span, claim.segments) == (FIRST, ())
    assert "Ctrl+Z" in message(window)
    window.session.undo_stack.undo()
    assert claims(project)[0].segments == (FIRST, SECOND)
    cursor.setPosition(view.offsets.to_qt(span_in(TEXT, "she").start))  # in the gap
    gap_menu = view.context_menu(view.cursorRect(cursor).center())
    assert not [a for a in gap_menu.actions() if a.text().startswith("Remove")]


def test_the_segment_keys_are_in_the_shortcuts_window(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = ShortcutsDialog(window.shortcut_groups(), window)
    qtbot.addWidget(dialog)
    tree = dialog.tree
    (text,) = [
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0) == "Labelling in the text"
    ]
    rows = {text.child(i).text(0): text.child(i).text(1) for i in range(text.childCount())}
    assert rows["+"] == "Add selection to current claim as a segment"
    assert rows["-"] == "Remove selected segment from current claim"
    QApplication.processEvents()


def test_a_row_shows_every_segment_of_a_long_split_quote(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    long_first = span_in(TEXT, "In Ve\u0301lmar 🇸🇪 the mayor 🏛️ spoke twice. “The ferry plan,")
    long_second = span_in(TEXT, "will fail within a year.” The council did not answer.")
    press(qtbot, window, long_first, "c")
    press(qtbot, window, long_second, "+")
    panel = window.workspace.panel
    row = panel.claims.data(panel.claims.index(0, 0))
    quote = row.split(" — ")[0]
    first, second = quote.strip("“”").split(" … ")  # each segment shortened on its own
    assert first.startswith("In Ve\u0301lmar 🇸🇪") and first.endswith("…")
    assert second.startswith("will fail within") and second.endswith("…")
    assert len(quote) <= 72


def test_the_split_quote_from_the_keyboard_alone(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+F finds a word of each piece (the hit is selected), Alt+↑ widens it to the
    quoted clause around it: C, +, and Q on the cue between."""
    view = window.workspace.view
    field = window.workspace.find_bar.field

    def find(word: str) -> None:
        qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        type_text(field, word)
        qtbot.keyClick(field, Qt.Key.Key_Escape)

    def widen() -> None:
        qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)

    find("ferry")
    widen()
    qtbot.keyClick(view, "c")
    find("fail")
    widen()
    qtbot.keyClick(view, "+")
    find("said")
    qtbot.keyClick(view, "q")
    (claim,) = claims(project)
    words = [TEXT[s.start : s.end] for s in claim.segments]
    assert words == [
        "The ferry plan",
        "will fail within a year.",
    ]  # the clauses, as Alt+↑ takes them
    assert claim.attribution.cue == CUE
