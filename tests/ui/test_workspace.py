"""The annotation workspace driven as an annotator would: keys and selections in the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from annotator.core.model import Article
from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow

TEXT = "Velgrad said on Friday 🇪🇺 that Kestria must reopen the harbour at once, officials added."


@pytest.fixture
def window(qtbot, project: Project) -> MainWindow:  # type: ignore[no-untyped-def]
    project.add_articles([Article(id="h1", text=TEXT, title="Harbour")])
    project.add_actor("Norvania", "lead", "state", ("Velgrad", "the Norvanian government"))
    project.add_actor("Kestria", "lead", "state")
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.workspace.view.setFocus()
    return window


def span_of(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words))


def select_words_by_keyboard(qtbot, window: MainWindow, first: str, words: int) -> None:  # type: ignore[no-untyped-def]
    """Put the caret before ``first`` and extend the selection word by word (Ctrl+Shift+Right)."""
    view = window.workspace.view
    cursor = view.textCursor()
    cursor.setPosition(view.offsets.to_qt(TEXT.index(first)))
    view.setTextCursor(cursor)
    for _ in range(words):
        qtbot.keyClick(
            view,
            Qt.Key.Key_Right,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )


def test_keyboard_only_claim_takes_five_keys(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    keys = 0

    def press(key: str) -> None:
        nonlocal keys
        keys += 1
        qtbot.keyClick(view, key)

    select_words_by_keyboard(
        qtbot, window, "Kestria must", 6
    )  # "Kestria must reopen the harbour at"
    view.select_span(span_of("Kestria must reopen the harbour at once"))  # the claim span
    press("c")
    press("o")  # stance: oppose
    press("i")  # attribution: indirect
    view.select_span(span_of("said"))
    press("q")  # cue
    view.select_span(span_of("Velgrad"))
    press("s")  # source, and claimant through the alias
    assert keys <= 6
    assert QApplication.activeModalWidget() is None
    (claim,) = project.labels("h1", "ana").claims
    norvania = project.find_actors("Norvania")[0]
    assert (claim.start, claim.end) == tuple(span_of("Kestria must reopen the harbour at once"))
    assert (claim.claimant, claim.stance) == (norvania.id, "oppose")
    assert claim.attribution.attribution_type == "indirect"
    assert claim.attribution.cue == span_of("said")
    assert claim.attribution.source_text == "Velgrad"
    mention = project.mention(claim.attribution.source_mention or "")
    assert mention is not None and (mention.start, mention.end, mention.actor) == (
        0,
        7,
        norvania.id,
    )
    assert window.workspace.panel.form.active == "category"  # the next quick field


def test_keyboard_selection_snaps_to_words(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    cursor = view.textCursor()
    start = view.offsets.to_qt(TEXT.index("estria"))  # inside a word
    cursor.setPosition(start)
    cursor.setPosition(start + 10, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    qtbot.keyClick(view, "m")
    (mention,) = project.labels("h1", "ana").mentions
    assert TEXT[mention.start : mention.end] == "Kestria must"
    assert mention.actor is None  # "Kestria must" names no actor


def test_mention_of_a_known_alias_gets_its_actor_and_is_drawn(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    view.select_span(span_of("Kestria"))
    qtbot.keyClick(view, "m")
    (mention,) = project.labels("h1", "ana").mentions
    assert mention.actor == project.find_actors("Kestria")[0].id
    position = view.offsets.to_qt(mention.start) + 2
    (mark,) = view.layer.marks_at(position)
    assert (mark.kind, mark.label_id, mark.style) == ("mention", mention.id, "state")


def test_value_keys_without_a_claim_only_hint(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.workspace.view, "o")
    assert "press C for a claim" in window.statusBar().currentMessage()
    assert project.labels("h1", "ana").claims == ()


def drawn_at(window: MainWindow, offset: int) -> bool:
    """True if the text at a stored offset is drawn with a label format."""
    view = window.workspace.view
    position = view.offsets.to_qt(offset)
    block = view.document().findBlock(position)
    inside = position - block.position()
    return any(r.start <= inside < r.start + r.length for r in block.layout().formats())


def test_undo_and_redo_from_the_edit_menu(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    where = span_of("Kestria must reopen the harbour").start + 3
    assert not drawn_at(window, where)
    view.select_span(span_of("Kestria must reopen the harbour"))
    qtbot.keyClick(view, "c")
    assert drawn_at(window, where)
    qtbot.keyClick(view, "s")  # stance: support
    assert project.labels("h1", "ana").claims[0].stance == "support"
    qtbot.keyClick(view, "z", Qt.KeyboardModifier.ControlModifier)
    assert project.labels("h1", "ana").claims[0].stance is None
    assert window.workspace.panel.form.choices["stance"].currentData() is None
    qtbot.keyClick(view, "z", Qt.KeyboardModifier.ControlModifier)
    assert project.labels("h1", "ana").claims == ()
    assert not any(m.kind == "claim" for m in view.layer.marks())
    assert not drawn_at(window, where)
    qtbot.keyClick(
        view, "z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    (claim,) = project.labels("h1", "ana").claims
    assert [m.label_id for m in view.layer.marks() if m.kind == "claim"] == [claim.id]


def test_status_and_progress(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    window.workspace.status_editor.set_status("done")  # no incomplete claims: no question asked
    assert project.status("h1", "ana").status == "done"
    assert window.progress.text() == "1 of 1 done"
    assert window.articles.data(window.articles.index(0, 3)) == "Done"
    assert window.statusBar().currentMessage() == "Saved: Mark done"


def test_incomplete_claims_are_listed_before_done(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    view.select_span(span_of("Kestria must reopen the harbour"))
    qtbot.keyClick(view, "c")
    ((claim, missing),) = window.workspace.status_editor.incomplete_claims()
    assert claim.span == span_of("Kestria must reopen the harbour")
    assert missing == ["claimant", "stance", "attribution"]


def test_window_state_is_remembered(qtbot, project: Project, isolated_settings: Path) -> None:  # type: ignore[no-untyped-def]
    project.add_articles([Article(id="h1", text=TEXT)])
    first = MainWindow(project, "ana")
    qtbot.addWidget(first)
    first.resize(1400, 900)
    first.show()
    first.splitter.setSizes([460, 940])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(Project.open(project.path), "ana")
    qtbot.addWidget(second)
    second.resize(1400, 900)  # the offscreen platform does not restore window geometry
    second.show()
    assert second.splitter.sizes() == sizes
    assert sizes != [340, 940]  # not the default
    second.close()


def test_mention_of_a_new_actor_then_all_occurrences_in_one_step(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    text = "Observers in Ilse say Ilse will wait; Ilse officials agree, and observers nod."
    project.add_articles([Article(id="i1", text=text, title="Ilse")])
    window.workspace.open_article("i1")
    view = window.workspace.view
    view.select_span(Span(13, 17))  # the first "Ilse"
    qtbot.keyClick(view, "m")
    picker = window.workspace.panel.mention_panel.picker
    assert picker.hasFocus() and picker.text() == "Ilse"  # no actor yet: type one
    qtbot.keyClick(picker, Qt.Key.Key_Return)  # Enter creates "Ilse"
    (ilse,) = project.find_actors("Ilse")
    assert [m.actor for m in project.labels("i1", "ana").mentions] == [ilse.id]
    offer = window.workspace.panel.mention_panel
    assert offer.accept.isVisibleTo(offer)
    assert offer.offer.text() == "Ilse is named 2 more times in this article."
    qtbot.keyClick(
        view, "m", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    mentions = project.labels("i1", "ana").mentions
    assert [text[m.start : m.end] for m in mentions] == ["Ilse", "Ilse", "Ilse"]
    assert {m.actor for m in mentions} == {ilse.id}
    window.session.undo_stack.undo()  # the two extra mentions were one step
    assert len(project.labels("i1", "ana").mentions) == 1


def test_delete_key_removes_the_current_label_and_undo_brings_it_back(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    view.select_span(span_of("Kestria must reopen the harbour"))
    qtbot.keyClick(view, "c")
    (claim,) = project.labels("h1", "ana").claims
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert project.labels("h1", "ana").claims == ()
    assert window.workspace.current_claim is None
    qtbot.keyClick(view, "z", Qt.KeyboardModifier.ControlModifier)
    assert project.labels("h1", "ana").claims == (claim,)


def test_marking_done_asks_when_claims_are_incomplete(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.modal import when_modal

    view = window.workspace.view
    view.select_span(span_of("Kestria must reopen the harbour"))
    qtbot.keyClick(view, "c")
    texts: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def click(dialog) -> None:  # type: ignore[no-untyped-def]
            texts.append(dialog.text())
            dialog.button(button).click()

        return click

    when_modal(answer(QMessageBox.StandardButton.No))
    qtbot.keyClick(view, "d", Qt.KeyboardModifier.ControlModifier)
    assert project.status("h1", "ana").status == "todo"
    assert "“Kestria must reopen the harbour”: no claimant, stance, attribution" in texts[0]
    assert window.workspace.panel.status.currentData() == "todo"
    window.activateWindow()  # as the window manager does when the question closes
    qtbot.waitUntil(window.isActiveWindow)
    when_modal(answer(QMessageBox.StandardButton.Yes))
    qtbot.keyClick(view, "d", Qt.KeyboardModifier.ControlModifier)
    assert len(texts) == 2
    assert project.status("h1", "ana").status == "done"


def test_undo_after_closing_and_reopening_the_window(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    view = window.workspace.view
    view.select_span(span_of("Kestria must reopen the harbour"))
    qtbot.keyClick(view, "c")
    qtbot.keyClick(view, "n")  # stance: neutral
    path = project.path
    window.close()  # closes the project too
    again = MainWindow(Project.open(path), "ana")
    qtbot.addWidget(again)
    again.show()
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    assert again.session.undo_stack.undoText() == "Set stance"
    qtbot.keyClick(again.workspace.view, "z", Qt.KeyboardModifier.ControlModifier)
    (claim,) = again.project.labels("h1", "ana").claims
    assert claim.stance is None
    qtbot.keyClick(again.workspace.view, "z", Qt.KeyboardModifier.ControlModifier)
    assert again.project.labels("h1", "ana").claims == ()
    assert not drawn_at(again, span_of("Kestria must").start + 2)


def test_extra_fields_of_the_schema_are_in_the_form(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from annotator.core.schema import default_schema, load_schema

    source = default_schema().source + (
        '\n[fields.topic]\nlabel = "Topic"\nextra = true\n'
        'values = [{ id = "trade", name = "Trade", key = "t" }, { id = "war", name = "War" }]\n'
    )
    project = Project.create(tmp_path / "extra.claims", load_schema(source))
    project.add_articles([Article(id="h1", text=TEXT)])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.show()
    view = window.workspace.view
    view.select_span(span_of("Kestria must reopen the harbour"))
    qtbot.keyClick(view, "c")
    combo = window.workspace.panel.form.choices["topic"]
    assert combo.itemText(1) == "Trade  (t)"
    combo.setCurrentIndex(combo.findData("war"))
    combo.activated.emit(combo.currentIndex())
    (claim,) = project.labels("h1", "ana").claims
    assert claim.extra == {"topic": "war"}
    window.close()
