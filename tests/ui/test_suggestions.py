"""Suggestions in the window: drawn apart from labels, chosen with Tab, accepted and rejected with
one key, the claim finished in three, accept all after asking, recommenders switched off.

Every test drives a real window on a real project file with real key presses; the
suggestions come from the real recommenders (`compute_suggestions`).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QMessageBox

from annotator.assist.compute import compute_suggestions
from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow
from tests.ui.marking import active_window
from tests.ui.modal import when_modal
from tests.ui.suggesting import TEXT, focused, format_at, offered_keys, span_of, suggested_project

Dash = QTextCharFormat.UnderlineStyle.DashUnderline
Single = QTextCharFormat.UnderlineStyle.SingleUnderline


@pytest.fixture
def window(qtbot, project: Project) -> MainWindow:  # type: ignore[no-untyped-def]
    suggested_project(project)
    shown = active_window(qtbot, project)
    assert shown.workspace.article_id == "s1"
    return shown


def suggestion_at(window: MainWindow, words: str):  # type: ignore[no-untyped-def]
    """The offered suggestion whose span is ``words``."""
    span = span_of(words)
    found = [s for s in window.workspace.suggestion_flow.offered.items if s.span == span]
    assert len(found) == 1, [s.span for s in window.workspace.suggestion_flow.offered.items]
    return found[0]


def press(qtbot, window: MainWindow, *keys: object) -> None:  # type: ignore[no-untyped-def]
    """Press keys in the article text, one after the other, as the annotator does."""
    for key in keys:
        qtbot.keyClick(focused() or window.workspace.view, key)


# -- drawn ----------------------------------------------------------------------------------


def test_a_suggestion_is_drawn_dashed_after_emoji_and_cjk_and_a_label_solid(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    content = span_of("Kestria must reopen the harbour before winter")
    cue, source = span_of("said"), span_of("李明 🇪🇺")
    assert view.offsets.to_qt(content.start) != content.start  # the emoji counts twice in Qt
    claim = format_at(view, content.start)
    assert claim.underlineStyle() == Dash and claim.hasProperty(claim.Property.BackgroundBrush)
    assert format_at(view, content.end - 1).underlineStyle() == Dash
    assert format_at(view, content.start - 1).underlineStyle() != Dash  # no shift by the emoji
    assert format_at(view, content.end).underlineStyle() != Dash
    assert format_at(view, cue.start).fontItalic()
    assert format_at(view, source.start).underlineStyle() == Dash
    # marked as a label, the same words are drawn otherwise: a solid line on the label fill
    view.select_span(span_of("the treaty was dead"))
    qtbot.keyClick(view, "c")
    label = format_at(view, span_of("the treaty was dead").start)
    assert label.underlineStyle() == Single
    assert label.background().color() != claim.background().color()
    assert label.underlineColor() != claim.underlineColor()


def test_the_chosen_suggestion_is_highlighted_and_its_details_shown(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, Qt.Key.Key_Tab)
    flow = window.workspace.suggestion_flow
    first = flow.offered.items[0]
    assert flow.current == first
    view = window.workspace.view
    assert view.current_suggestion_span() == first.span
    chosen = view.layer.colors.suggestion_chosen()  # its words, cue and source stand out
    for words in ("Kestria must reopen", "said", "李明 🇪🇺"):
        assert format_at(view, span_of(words).start).background().color() == chosen, words
    assert format_at(view, span_of("Velgrad").start).background().color() != chosen
    panel = window.workspace.panel
    form = panel.form  # the claim it would create, greyed, in the form where it is finished
    assert panel.tabs.currentWidget() is panel.claims_page
    assert form.claim is None and not form.choices["stance"].isEnabled()
    assert form.cue.text() == "“said”" and form.source.text() == "李明 🇪🇺"
    assert form.choices["source_kind"].currentData() == "named"
    assert "patterns" in form.summary.text() and "Enter accepts" in form.summary.text()
    panel.tabs.setCurrentWidget(panel.suggestions)  # the Suggestions tab says the same
    details = panel.suggestions.details.text()
    assert "patterns" in details and "%" in details and "“said”" in details
    assert "Stance" in details  # what is still to set after accepting
    assert panel.tabs.tabText(panel.tabs.indexOf(panel.suggestions)).endswith(
        f"({len(flow.offered.items)})"
    )


# -- Tab order ------------------------------------------------------------------------------


def test_tab_and_shift_tab_go_through_the_suggestions_in_text_order(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    flow = window.workspace.suggestion_flow
    keys = offered_keys(window)
    starts = [s.span.start for s in flow.offered.items]
    assert len(keys) >= 3 and starts == sorted(starts)
    seen = []
    for _ in keys:
        press(qtbot, window, Qt.Key.Key_Tab)
        seen.append(flow.offered.current)
        assert focused() is window.workspace.view  # Tab stays in the text
    assert seen == keys
    press(qtbot, window, Qt.Key.Key_Tab)
    assert flow.offered.current == keys[0]  # round again, from the top
    press(qtbot, window, Qt.Key.Key_Backtab)
    assert flow.offered.current == keys[-1]
    rows = window.workspace.panel.suggestions.list.selectionModel().selectedRows()
    assert [r.row() for r in rows] == [len(keys) - 1]  # the list follows


def test_without_suggestions_tab_moves_the_focus_on(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    from annotator.core.model import Article

    project.add_articles([Article(id="n1", text="Nothing is attributed here at all.")])
    window = active_window(qtbot, project)
    qtbot.keyClick(window.workspace.view, Qt.Key.Key_Tab)
    assert focused() is not window.workspace.view


def test_clicking_a_row_chooses_the_suggestion(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    suggestions = window.workspace.panel.suggestions
    window.workspace.panel.tabs.setCurrentWidget(suggestions)
    index = suggestions.model.index(1, 0)
    rect = suggestions.list.visualRect(index)
    qtbot.mouseClick(suggestions.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.workspace.suggestion_flow.offered.current == offered_keys(window)[1]
    assert focused() is window.workspace.view  # Enter in the text accepts it now
    suggestions.list.setFocus()  # in the list, Down and Enter choose the next one
    qtbot.keyClick(suggestions.list, Qt.Key.Key_Down)
    qtbot.keyClick(suggestions.list, Qt.Key.Key_Return)
    assert window.workspace.suggestion_flow.offered.current == offered_keys(window)[2]
    assert focused() is window.workspace.view
    steps = window.session.undo_stack.count()
    qtbot.keyClick(window.workspace.view, "s")  # a value key with no claim: a hint, no change
    assert window.session.undo_stack.count() == steps
    assert "Enter accepts" in window.statusBar().currentMessage()


# -- accept, reject, undo -------------------------------------------------------------------


def test_enter_accepts_the_whole_claim_as_one_undo_step_and_undo_offers_it_again(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    suggestion = suggestion_at(window, "Kestria must reopen the harbour before winter")
    stack = window.session.undo_stack
    steps = stack.count()
    window.workspace.suggestion_flow.choose(suggestion.key)
    press(qtbot, window, Qt.Key.Key_Return)
    assert stack.count() == steps + 1 and stack.undoText() == "Accept suggestion"
    (claim,) = project.labels("s1", "ana").claims
    assert claim.span == suggestion.span
    assert claim.attribution.cue == span_of("said")
    assert claim.attribution.source_kind == "named" and claim.attribution.source_mention
    source = project.mention(claim.attribution.source_mention)
    assert source is not None and source.span == span_of("李明 🇪🇺")
    assert suggestion.key not in offered_keys(window)
    view = window.workspace.view
    assert format_at(view, claim.start).underlineStyle() == Single  # a label now
    window.activateWindow()
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert project.labels("s1", "ana").claims == ()
    assert suggestion.key in offered_keys(window)  # offered again, and drawn again
    assert format_at(view, claim.start).underlineStyle() == Dash
    assert ("suggestion", suggestion.key) in {(m.kind, m.label_id) for m in view.layer.marks()}


def test_after_an_accept_the_caret_stays_and_tab_goes_on_from_the_accepted_end(
    qtbot, project: Project
) -> None:  # type: ignore[no-untyped-def]
    """The caret is not moved to the end of what was accepted (that scrolled the text when the
    end was below the window's edge); Tab still goes on from there, past a suggestion inside."""
    suggested_project(project)
    project.add_actor("Kestria", "lead", "state")  # a mention suggestion inside the claim
    compute_suggestions(project, "ana", recommenders=["patterns", "actors"])
    window = active_window(qtbot, project)
    flow, view = window.workspace.suggestion_flow, window.workspace.view
    claim = suggestion_at(window, "Kestria must reopen the harbour before winter")
    inside = suggestion_at(window, "Kestria")
    flow.choose(claim.key)  # as Tab does: the caret goes to its start
    caret = view.textCursor().position()
    assert caret == view.offsets.to_qt(claim.span.start) == view.offsets.to_qt(inside.span.start)
    flow.accept()
    assert view.textCursor().position() == caret
    assert flow.step(1)  # Tab
    following = [s for s in flow.offered.items if s.span and s.span.start >= claim.span.end]
    assert flow.offered.current == following[0].key != inside.key
    assert flow.step(-1)  # Shift+Tab: back to the one inside, before the current one
    assert flow.offered.current == inside.key


def test_the_suggestion_list_behind_the_claim_form_is_made_when_its_tab_is_shown(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    """An accept leaves the claim form in front: the tab's title counts the suggestions at
    once, the list behind it is made again only when the tab comes to the front."""
    flow, panel = window.workspace.suggestion_flow, window.workspace.panel
    listed = panel.suggestions.model
    suggestion = suggestion_at(window, "Kestria must reopen the harbour before winter")
    panel.tabs.setCurrentWidget(panel.suggestions)
    before = listed.rowCount()
    assert before == len(flow.offered.items) > 1
    flow.choose(suggestion.key)  # a claim: the claim form comes to the front
    assert panel.tabs.currentWidget() is panel.claims_page
    flow.accept()
    title = panel.tabs.tabText(panel.tabs.indexOf(panel.suggestions))
    assert title.endswith(f"({len(flow.offered.items)})") and len(flow.offered.items) == before - 1
    assert listed.rowCount() == before  # not made again behind the form
    panel.tabs.setCurrentWidget(panel.suggestions)
    assert [listed.item(row).key for row in range(listed.rowCount())] == offered_keys(window)


def test_delete_rejects_chooses_the_next_and_the_rejection_holds_after_computing_again(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    flow = window.workspace.suggestion_flow
    keys = offered_keys(window)
    press(qtbot, window, Qt.Key.Key_Tab)
    window.activateWindow()
    qtbot.keyClick(window.workspace.view, Qt.Key.Key_Delete)
    assert keys[0] not in offered_keys(window)
    assert flow.offered.current == keys[1]  # the next one is chosen: Delete again rejects it
    assert keys[0] not in {m.label_id for m in window.workspace.view.layer.marks()}
    assert keys[0] in project.rejected_keys("ana", "s1")
    press(qtbot, window, Qt.Key.Key_Backspace)  # Backspace rejects too
    assert offered_keys(window) == keys[2:]
    compute_suggestions(project, "ana", recommenders=["patterns", "actors"])  # computed again
    flow.refresh()
    # The rejected claim's source, Velgrad, is now offered as a mention of its own.
    (source,) = [s for s in flow.offered.items if s.key not in keys]
    assert (source.kind, source.span) == ("mention", span_of("Velgrad"))
    assert [k for k in offered_keys(window) if k != source.key] == keys[2:]
    assert not [c for c in project.labels("s1", "ana").claims]  # nothing was labelled


def test_accept_all_asks_first(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    keys = offered_keys(window)
    seen = when_modal(lambda box: box.button(QMessageBox.StandardButton.No).click())
    window.workspace.suggestion_flow.accept_all()
    assert seen == ["Accept all suggestions"]
    assert offered_keys(window) == keys and project.labels("s1", "ana").claims == ()
    steps = window.session.undo_stack.count()
    seen = when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # the question's box had the keyboard
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.workspace.view, Qt.Key.Key_A, ctrl_shift)
    assert seen == ["Accept all suggestions"]
    assert offered_keys(window) == []
    assert len(project.labels("s1", "ana").claims) == 3
    assert window.session.undo_stack.count() == steps + 1  # one step
    window.session.undo_stack.undo()
    assert offered_keys(window) == keys


# -- finishing a claim with the keys ---------------------------------------------------------


def test_a_right_claim_with_a_known_source_is_finished_with_enter_and_a_stance_key(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    flow = window.workspace.suggestion_flow
    target = suggestion_at(window, "the treaty was dead")
    while flow.offered.current != target.key:  # reach it (navigation, not labelling)
        press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Return, "o")  # accept; stance: oppose
    (claim,) = project.labels("s1", "ana").claims
    velgrad = project.actors_named("Velgrad")[0]
    assert (claim.span, claim.claimant, claim.stance) == (target.span, velgrad.id, "oppose")
    said = TEXT.index("said", TEXT.index("Velgrad"))
    assert claim.attribution.cue == Span(said, said + 4)
    assert focused() is window.workspace.view
    assert window.workspace.panel.form.active == "category"  # the walk goes on with what is open


def test_a_right_claim_with_a_new_source_takes_three_keys_accept_claimant_stance(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    flow = window.workspace.suggestion_flow
    target = suggestion_at(window, "China will act as a stabilizing force in the region")
    while flow.offered.current != target.key:
        press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Return)  # 1: accept
    picker = window.workspace.panel.form.pickers["claimant"]
    assert focused() is picker and picker.text() == "The United States"
    press(qtbot, window, Qt.Key.Key_Return)  # 2: the source's words become the claimant
    assert focused() is window.workspace.view
    press(qtbot, window, "s")  # 3: stance support
    (claim,) = project.labels("s1", "ana").claims
    (actor,) = project.actors_named("The United States")
    assert claim.claimant == actor.id and claim.stance == "support"
    assert claim.attribution.cue == span_of("hopes")
    source = project.mention(claim.attribution.source_mention or "")
    assert source is not None and source.actor == actor.id
    assert source.span == span_of("The United States")
    panel = window.workspace.panel
    panel.tabs.setCurrentWidget(panel.suggestions)
    rows = panel.suggestions.model  # the registry changed: names still shown
    shown = [rows.data(rows.index(row, 0)) for row in range(rows.rowCount())]
    assert any(row.endswith("“Velgrad” → Velgrad") for row in shown), shown


# -- recommenders switched off --------------------------------------------------------------


def test_a_recommender_switched_off_hides_its_suggestions_until_switched_on(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    flow = window.workspace.suggestion_flow
    kinds = {s.recommender for s in flow.offered.items}
    assert kinds == {"patterns", "actors"}
    switch = window.suggestion_menu.recommenders["actors"]
    assert switch.isChecked()
    switch.trigger()
    assert {s.recommender for s in flow.offered.items} == {"patterns"}
    assert project.recommender_settings() == {"actors": False}
    marks = window.workspace.view.layer.marks()
    assert not [m for m in marks if m.kind == "suggestion" and m.style == "mention"]
    window.session.undo_stack.undo()  # Edit › Undo switches it on again
    assert {s.recommender for s in flow.offered.items} == {"patterns", "actors"}
    window.suggestion_menu.show_switches()
    assert switch.isChecked()


# -- the keys listed ------------------------------------------------------------------------


def test_the_shortcut_list_has_the_suggestion_keys_and_no_key_is_taken_twice(
    window: MainWindow,
) -> None:
    from PySide6.QtGui import QAction, QKeySequence

    groups = {group.title: group for group in window.shortcut_groups()}
    rows = dict((title, keys) for keys, title in groups["Suggestions"].all_rows())
    assert rows == {
        "Next suggestion": "Tab",
        "Previous suggestion": "Shift+Tab",
        "Accept suggestion": "Enter",
        "Reject suggestion": "Delete, Backspace",
        "Accept all in this article…": "Ctrl+Shift+A",
        "Compute again for this article": "F5",
    }
    taken = [
        key.toString(QKeySequence.SequenceFormat.PortableText)
        for action in window.findChildren(QAction)
        for key in action.shortcuts()
        if not key.isEmpty()
    ]
    assert sorted(k for k in set(taken) if taken.count(k) > 1) == []
