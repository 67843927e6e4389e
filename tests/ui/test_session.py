"""Every edit goes through the session's undo stack, in step with the store's log."""

from __future__ import annotations

from pathlib import Path

from annotator.core.model import Article
from annotator.store.changes import ClaimChange
from annotator.store.project import Project
from annotator.ui.changes import Changes
from annotator.ui.session import Session
from tests.helpers import dump


def claim_rows(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith('INSERT INTO "claims"')]


def test_run_undo_redo_and_the_change_signal(qtbot, project: Project, article_in: Article) -> None:  # type: ignore[no-untyped-def]
    session = Session(project, "ana")
    seen: list[Changes] = []
    session.changed.connect(seen.append)
    empty = dump(project.path)
    claim = session.run(
        "Add claim",
        lambda: project.add_claim("a1", "ana", 0, 7, stance="oppose"),
    )
    assert project.claim(claim.id) == claim
    with_claim = dump(project.path)
    assert [(c.articles, c.labels, c.actors, c.status) for c in seen] == [
        (frozenset({"a1"}), True, False, False)
    ]
    assert seen[0].changed == (ClaimChange(None, claim),)
    session.undo_stack.undo()
    assert project.claim(claim.id) is None
    assert dump(project.path) != with_claim
    assert seen[-1].changed == (ClaimChange(claim, None),)  # the undo's change, not the action's
    assert seen[-1].articles == frozenset({"a1"})
    session.undo_stack.redo()
    assert project.claim(claim.id) == claim
    assert len(seen) == 3
    session.undo_stack.undo()
    assert claim_rows(dump(project.path)) == claim_rows(empty) == []


def test_undo_stack_is_rebuilt_after_a_restart(qtbot, project_path: Path) -> None:  # type: ignore[no-untyped-def]
    with Project.create(project_path) as project:
        project.add_articles([Article(id="a1", text="Velgrad said no.")])
        session = Session(project, "ana")
        first = session.run("Add claim", lambda: project.add_claim("a1", "ana", 13, 15))
        second = session.run("Mark done", lambda: project.set_status("a1", "ana", "done"))
        assert second.status == "done"
        session.undo_stack.undo()  # "Mark done" undone: it stays redoable after the restart
    with Project.open(project_path) as project:
        session = Session(project, "ana")
        assert session.undo_stack.count() == 2
        assert session.undo_stack.undoText() == "Add claim"
        assert session.undo_stack.redoText() == "Mark done"
        session.undo_stack.redo()
        assert project.status("a1", "ana").status == "done"
        session.undo_stack.undo()
        session.undo_stack.undo()
        assert project.claim(first.id) is None
        assert not session.undo_stack.canUndo()


def test_another_annotators_history_is_not_on_my_stack(
    qtbot, project: Project, article_in: Article
) -> None:  # type: ignore[no-untyped-def]
    project.add_claim("a1", "ben", 0, 7)
    assert Session(project, "ana").undo_stack.count() == 0
    assert Session(project, "ben").undo_stack.count() == 1


def test_a_failed_action_is_reported_kept_for_retry_and_not_on_the_stack(
    qtbot, project: Project, article_in: Article
) -> None:  # type: ignore[no-untyped-def]
    session = Session(project, "ana")
    errors: list[str] = []
    session.failed.connect(errors.append)
    before = dump(project.path)
    fill = "x" * 200_000
    project.conn.execute("PRAGMA max_page_count = 1")  # nothing more fits: a full disk
    result = session.run("Add claim", lambda: project.add_claim("a1", "ana", 0, 7, note=fill))
    assert result is None
    assert errors and "disk is full" in errors[0]
    assert session.has_pending
    assert session.undo_stack.count() == 0
    assert dump(project.path) == before
    project.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    claim = session.retry()
    assert claim is not None and project.claim(claim.id) == claim
    assert not session.has_pending
    assert session.undo_stack.count() == 1
