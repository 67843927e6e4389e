"""Every edit goes through the session's undo stack, in step with the store's log."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from annotator import operations as op
from annotator.core.model import Article
from annotator.core.spans import Span
from annotator.store.changes import ClaimChange
from annotator.store.project import Project
from annotator.ui.changes import Changes
from annotator.ui.i18n import install_translations
from annotator.ui.session import Session
from tests.helpers import dump

OPERATION_TITLES_DE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context><name>Operation</name>
  <message><source>Mark claim</source><translation>Behauptung markieren</translation></message>
  <message><source>Add actor {name}</source><translation>Akteur {name} anlegen</translation></message>
</context>
</TS>
"""
"""Titles of two operations in German (the context `annotator.operations.CONTEXT`)."""


@pytest.fixture
def german_titles(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    """The titles above built with lrelease and installed as the app does at startup."""
    source = tmp_path / "claim-annotator_de.ts"
    source.write_text(OPERATION_TITLES_DE, encoding="utf-8")
    subprocess.run(
        [str(Path(sys.executable).parent / "pyside6-lrelease"), str(source),
         "-qm", str(source.with_suffix(".qm"))],
        check=True,
        capture_output=True,
    )  # fmt: skip
    installed = install_translations(qapp, tmp_path, QLocale("de_DE"))
    try:
        yield
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


def claim_rows(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith('INSERT INTO "claims"')]


def test_run_undo_redo_and_the_change_signal(qtbot, project: Project, article_in: Article) -> None:  # type: ignore[no-untyped-def]
    session = Session(project, "ana")
    seen: list[Changes] = []
    session.changed.connect(seen.append)
    empty = dump(project.path)
    claim = session.run(op.MarkClaim("a1", "ana", Span(0, 7)))
    assert claim is not None
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
        first = session.run(op.MarkClaim("a1", "ana", Span(13, 15)))
        second = session.run(op.SetStatus("a1", "ana", "done"))
        assert first is not None and second is not None and second.status == "done"
        session.undo_stack.undo()  # "Mark done" undone: it stays redoable after the restart
    with Project.open(project_path) as project:
        session = Session(project, "ana")
        assert session.undo_stack.count() == 2
        assert session.undo_stack.undoText() == "Mark claim"
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
    claim = project.add_claim("a1", "ana", 0, 7)
    session = Session(project, "ana")
    assert session.undo_stack.count() == 1
    errors: list[str] = []
    session.failed.connect(errors.append)
    before = dump(project.path)
    fill = "x" * 200_000
    project.conn.execute("PRAGMA max_page_count = 1")  # nothing more fits: a full disk
    result = session.run(op.SetClaimField(claim.id, "note", fill))
    assert result is None
    assert errors and "disk is full" in errors[0]
    assert session.has_pending
    assert session.undo_stack.count() == 1
    assert dump(project.path) == before
    project.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
    noted = session.retry()
    assert noted is not None and noted.note == fill and project.claim(claim.id) == noted
    assert not session.has_pending
    assert session.undo_stack.count() == 2
    assert session.undo_stack.undoText() == "Set note"


def test_a_refused_action_is_reported_and_not_kept(
    qtbot, project: Project, article_in: Article
) -> None:  # type: ignore[no-untyped-def]
    session = Session(project, "ana")
    refused: list[str] = []
    failed: list[str] = []
    session.refused.connect(refused.append)
    session.failed.connect(failed.append)
    before = dump(project.path)
    assert session.run(op.MarkClaim("a1", "ana", Span(5, 500))) is None  # beyond the text
    assert len(refused) == 1 and failed == []
    assert not session.has_pending
    assert session.undo_stack.count() == 0
    assert dump(project.path) == before


def test_an_operation_that_changes_nothing_is_no_undo_step(
    qtbot, project: Project, article_in: Article
) -> None:  # type: ignore[no-untyped-def]
    session = Session(project, "ana")
    claim = session.run(op.MarkClaim("a1", "ana", Span(0, 7)))
    assert claim is not None
    seen: list[Changes] = []
    session.changed.connect(seen.append)
    again = session.run(op.SetClaimField(claim.id, "stance", None))  # it has none already
    assert again == claim  # the result still comes back
    assert session.undo_stack.count() == 1 and seen == []


def test_a_macro_whose_steps_were_all_refused_leaves_no_step(
    qtbot, project: Project, article_in: Article
) -> None:  # type: ignore[no-untyped-def]
    project.add_actor("Norvania", "ana")
    session = Session(project, "ana")
    with session.macro("New actor Norvania"):
        assert session.run(op.AddActor("Norvania", "ana")) is None  # the name is taken
    assert session.undo_stack.count() == 1  # only the actor added before the session
    assert session.undo_stack.undoText() == "Add actor Norvania"
    with session.macro("New actor Kestria"):
        session.run(op.AddActor("Kestria", "ana"))
        session.run(op.AddAlias(project.find_actors("Kestria")[0].id, "Kestrian state", "ana"))
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()  # the macro as one step
    assert project.find_actors("Kestria") == []


def test_a_change_outside_the_undo_history_is_told_like_an_action(
    qtbot, project: Project, article_in: Article
) -> None:  # type: ignore[no-untyped-def]
    session = Session(project, "ana")
    seen: list[Changes] = []
    session.changed.connect(seen.append)
    told = Changes(articles=frozenset({"a1"}), labels=True)
    session.changed_outside(told)
    assert seen == [told]
    assert session.undo_stack.count() == 0


def test_edit_undo_shows_the_operations_title_in_the_users_language(
    qtbot, german_titles: None, project: Project, article_in: Article
) -> None:  # type: ignore[no-untyped-def]
    session = Session(project, "ana")
    saved: list[str] = []
    session.saved.connect(saved.append)

    session.run(op.MarkClaim("a1", "ana", Span(0, 7)))
    assert session.undo_stack.undoText() == "Behauptung markieren"
    session.run(op.AddActor("Norvania", "ana"))
    assert session.undo_stack.undoText() == "Akteur Norvania anlegen"  # the name as typed
    session.run(op.SetStatus("a1", "ana", "done"))
    assert session.undo_stack.undoText() == "Mark done"  # not translated here: English

    assert saved == ["Behauptung markieren", "Akteur Norvania anlegen", "Mark done"]
    session.undo_stack.undo()
    assert session.undo_stack.redoText() == "Mark done"
    assert session.undo_stack.undoText() == "Akteur Norvania anlegen"
