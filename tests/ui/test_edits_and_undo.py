"""Edge cases of editing: what undo holds, half-typed text, which label Delete removes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Article
from annotator.io.importer import import_files
from annotator.operations import SetStatus
from annotator.store.bulk import BulkWriter
from annotator.store.project import Project
from annotator.ui.window.app import Controller
from annotator.ui.window.main_window import MainWindow
from annotator.ui.window.prefs import set_annotator_name
from tests.ui.marking import TEXT, active_window, mark_claim, span_of
from tests.ui.modal import when_modal


@pytest.fixture
def window(qtbot, project: Project) -> MainWindow:  # type: ignore[no-untyped-def]
    project.add_articles([Article(id=f"a{i}", text=TEXT, title=f"Article {i}") for i in range(3)])
    project.add_actor("Norvania", "lead", "state", ("Velgrad",))
    return active_window(qtbot, project)


def test_an_action_that_changes_nothing_is_not_an_undo_step(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    claim = mark_claim(qtbot, window, "Kestria must reopen")
    view = window.workspace.view
    qtbot.keyClick(view, "o")  # stance: oppose
    window.workspace.claim_editor.set_field("stance", "oppose")  # the same value again
    stack = window.session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Mark claim", "Set stance"]
    stack.undo()
    stack.undo()
    assert project.claim(claim) is None  # exactly the two real steps were undone


def test_a_failed_undo_leaves_stack_and_log_in_step(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    claim_id = mark_claim(qtbot, window, "Kestria must reopen")
    qtbot.keyClick(window.workspace.view, "o")
    claim = project.claim(claim_id)
    assert claim is not None
    import dataclasses

    with BulkWriter(project) as writer:  # an import changes the claim meanwhile
        writer.put_claim(dataclasses.replace(claim, stance="support"))
    stack = window.session.undo_stack
    stack.undo()
    assert "changed since" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: stack.index() == 2)  # rebuilt from the log: nothing was undone
    assert stack.undoText() == "Set stance"
    assert project.claim(claim_id).stance == "support"  # type: ignore[union-attr]


def test_a_half_typed_comment_stays_with_its_article(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    assert window.workspace.article_id == "a0"
    comment = window.workspace.panel.comment
    comment.setFocus()
    qtbot.keyClicks(comment, "source unclear")
    qtbot.keyClick(comment, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.article_id == "a1"
    assert project.status("a0", "ana").comment == "source unclear"
    assert project.status("a1", "ana").comment == ""
    assert comment.text() == ""


def test_a_half_typed_note_is_kept_when_moving_on_or_closing(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    first = mark_claim(qtbot, window, "Kestria must reopen")
    note = window.workspace.panel.form.note
    note.setFocus()
    qtbot.keyClicks(note, "check the date")
    second = mark_claim(qtbot, window, "observers agreed")  # the form shows another claim
    assert project.claim(first).note == "check the date"  # type: ignore[union-attr]
    assert note.text() == ""  # the new claim's note, not the old one's text
    stack = window.session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "Mark claim", "Mark claim", "Set note",
    ]  # fmt: skip
    note.setFocus()
    qtbot.keyClicks(note, "hedged?")
    window.close()
    with Project.open(project.path) as again:
        assert again.claim(second).note == "hedged?"  # type: ignore[union-attr]


def test_delete_removes_the_label_chosen_last(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    claim = mark_claim(qtbot, window, "Kestria must reopen")
    view = window.workspace.view
    view.select_span(span_of("Velgrad"))
    qtbot.keyClick(view, "m")
    (mention,) = project.labels("a0", "ana").mentions
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert project.mention(mention.id) is None
    assert project.claim(claim) is not None


def test_deleting_a_claim_does_not_make_its_neighbour_current(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    mark_claim(qtbot, window, "Velgrad said")
    second = mark_claim(qtbot, window, "Kestria must reopen")
    view = window.workspace.view
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert project.claim(second) is None
    assert window.workspace.current_claim is None
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # nothing chosen: nothing deleted
    assert len(project.labels("a0", "ana").claims) == 1


def test_new_actor_from_a_picker_is_one_undo_step(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    claim = mark_claim(qtbot, window, "Kestria must reopen")
    picker = window.workspace.panel.form.pickers["target"]
    picker.setFocus()
    qtbot.keyClicks(picker, "Kestria")
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    (kestria,) = project.find_actors("Kestria")
    assert project.claim(claim).target == kestria.id  # type: ignore[union-attr]
    assert window.workspace.view.hasFocus()  # back to the text for the next selection
    window.session.undo_stack.undo()
    assert project.find_actors("Kestria") == []
    assert project.claim(claim).target is None  # type: ignore[union-attr]


def test_escape_in_the_panel_returns_to_the_text(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    combo = window.workspace.panel.form.choices["stance"]
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Escape)
    assert window.workspace.view.hasFocus()


def test_a_failed_action_stays_pending_after_another_succeeds(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    session = window.session
    project.conn.execute("PRAGMA query_only = ON")
    assert session.run(SetStatus("a0", "ana", "done")) is None
    assert session.has_pending and window.banner.isVisible()
    project.conn.execute("PRAGMA query_only = OFF")
    session.run(SetStatus("a1", "ana", "skipped"))
    assert session.has_pending and window.banner.isVisible()
    session.retry()
    assert project.status("a0", "ana").status == "done"
    assert not session.has_pending and not window.banner.isVisible()


def test_a_refused_value_is_said_in_the_status_bar_not_kept_for_retry(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    registry = window.workspace.panel.registry
    (norvania,) = project.find_actors("Norvania")
    registry.add_alias.emit(norvania.id, "velgrad")  # already an alias, in another case
    assert "lists 'velgrad' twice" in window.statusBar().currentMessage()
    assert not window.session.has_pending and not window.banner.isVisible()


def test_linking_needs_the_side_by_side_pane(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    mark_claim(qtbot, window, "Kestria must reopen")
    other = project.add_claim("a1", "ana", 0, 7)
    window.workspace.linker.link_to(other.id)
    assert project.labels("a0", "ana").links == {}
    assert "side by side" in window.statusBar().currentMessage()


def test_status_filter_then_done_then_next_goes_on_from_there(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    panel = window.list_panel
    panel.status.setCurrentIndex(panel.status.findData("todo"))
    panel.apply_filter()
    panel.select_row(1)
    assert window.workspace.article_id == "a1"
    view = window.workspace.view
    view.setFocus()
    qtbot.keyClick(view, "d", Qt.KeyboardModifier.ControlModifier)  # a1 leaves the "to do" list
    assert [panel.model.article_id(r) for r in range(panel.model.rowCount())] == ["a0", "a2"]
    assert window.workspace.article_id == "a1"  # still open
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.article_id == "a2"


def test_import_keeps_the_open_article_and_refreshes_actors_and_filters(
    qtbot, window: MainWindow, project: Project, sample_jsonl: Path
) -> None:  # type: ignore[no-untyped-def]
    window.list_panel.select_row(2)
    assert window.workspace.article_id == "a2"
    import_files(project, [sample_jsonl])
    window.reload()
    assert window.workspace.article_id == "a2"
    panel = window.workspace.panel
    panel.tabs.setCurrentWidget(panel.registry)  # refreshed when shown
    assert panel.registry.model.total() == 17  # 16 from the sample + Norvania
    assert window.list_panel.story.findData("harbour-dispute") > 0


def test_switching_annotator_closes_the_old_window(
    qtbot, project_path: Path, sample_jsonl: Path
) -> None:  # type: ignore[no-untyped-def]
    with Project.create(project_path) as project:
        import_files(project, [sample_jsonl])
    set_annotator_name("ana")
    controller = Controller()
    controller.open(project_path)
    old = controller.window
    assert isinstance(old, MainWindow)

    def rename(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.name.setText("ben")
        dialog.accept()

    when_modal(rename)
    controller.switch_annotator()
    new = controller.window
    assert isinstance(new, MainWindow)
    qtbot.addWidget(new)
    assert new is not old and not old.isVisible()
    assert new.annotator == "ben"
