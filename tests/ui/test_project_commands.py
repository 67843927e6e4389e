"""Import, assignment and merge reach the views the way an action does: through the session."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.model import Article
from annotator.quality.assign import assign_articles
from annotator.quality.package import write_package
from annotator.store.project import Project
from annotator.ui.changes import Changes
from annotator.ui.window.dialogs import AssignDialog, ImportDialog
from annotator.ui.window.main_window import MainWindow
from tests.ui.modal import when_modal

TEXT = " ".join(f"Paragraph {n}: Velgrad said the harbour must reopen.\n" for n in range(80))


def accept_message(box: QWidget) -> None:
    assert isinstance(box, QMessageBox)
    box.accept()


def opened(qtbot, project: Project, annotator: str) -> tuple[MainWindow, list[Changes]]:  # type: ignore[no-untyped-def]
    """A shown window of ``annotator`` on the first article, and the changes its session tells."""
    window = MainWindow(project, annotator)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    told: list[Changes] = []
    window.session.changed.connect(told.append)
    return window, told


def test_a_merge_is_told_through_the_session_and_the_open_article_shows_it(
    qtbot, project: Project, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project.add_articles([Article(id="a1", text=TEXT), Article(id="a2", text="Kestria agreed.")])
    assign_articles(project, ["cy"])
    package = tmp_path / "cy.claims"
    write_package(project, "cy", package)
    with Project.open(package) as laptop:
        kestria = laptop.add_actor("Kestria", "cy")
        claim = laptop.add_claim("a1", "cy", 0, 9, stance="oppose")
        laptop.set_status("a1", "cy", "done")
    window, told = opened(qtbot, project, "cy")
    assert window.workspace.article_id == "a1"
    window.workspace.view.verticalScrollBar().setValue(40)
    when_modal(accept_message)  # the summary
    window.commands.merge_files([str(package)])
    assert [c.reread for c in told] == [True]
    assert window.session.undo_stack.count() == 0  # not an undo step
    workspace = window.workspace
    assert workspace.article_id == "a1" and workspace.state is not None
    assert list(workspace.state.claims) == [claim.id]  # the open article read again
    assert any(m.label_id == claim.id for m in workspace.view.layer.marks())
    assert workspace.view.verticalScrollBar().value() == 40  # the reader keeps their place
    assert window.progress.text() == "1 of 2 done"
    registry = workspace.panel.registry
    workspace.panel.tabs.setCurrentWidget(registry)  # refreshed when shown
    assert registry.model.total() == 1 and project.actor(kestria.id) is not None


def test_an_import_is_told_through_the_session(qtbot, project: Project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project.add_articles([Article(id="a1", text=TEXT, story="harbour")])
    source = tmp_path / "more.jsonl"
    source.write_text(
        json.dumps({"id": "b1", "text": "Kestria agreed.", "story": "talks"}) + "\n",
        encoding="utf-8",
    )
    window, told = opened(qtbot, project, "ana")

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ImportDialog)
        dialog.source.edit.setText(str(source))
        when_modal(accept_message)  # the summary
        dialog.accept()

    when_modal(fill)
    window.commands.import_articles()
    assert [c.reread for c in told] == [True]
    assert window.session.undo_stack.count() == 0
    assert window.articles.rowCount() == 2
    assert window.list_panel.story.findData("talks") > 0
    assert window.progress.text() == "0 of 2 done"
    assert window.workspace.article_id == "a1"


def test_new_assignments_are_told_through_the_session(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    project.add_articles([Article(id=f"a{n}", text=TEXT) for n in range(4)])
    window, told = opened(qtbot, project, "ana")
    assert window.list_panel.mine.isHidden()

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, AssignDialog)
        dialog.annotators.setText("ana, ben")
        dialog.overlap.setValue(0)
        when_modal(accept_message)  # the summary
        dialog.accept()

    when_modal(fill)
    window.commands.assign_work()
    assert told == [Changes(assignments=True)]
    assert window.session.undo_stack.count() == 0
    assert not window.list_panel.mine.isHidden() and window.list_panel.mine.isChecked()
    assert window.articles.rowCount() == 2  # my articles only
