"""Sources from the keyboard: S on words, then the source kind says what they are.

Each flow drives the real main window with keys, then checks the project file,
and undoes and redoes each step (Ctrl+Z / Ctrl+Shift+Z) with the file after each.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotator.core.model import Article, Claim, Mention
from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow
from tests.helpers import span_in
from tests.store.helpers import label_dump, read_rows
from tests.ui.keys import type_text
from tests.ui.marking import active_window
from tests.ui.modal import when_modal

TEXT = (
    "Harbour master Eda Lunde said the quay will close in March, "
    "diplomatic circles expect protests, and Velgrad denied any closure."
)


def at(words: str) -> Span:
    """The span of ``words`` in `TEXT`."""
    return span_in(TEXT, words)


@pytest.fixture
def window(qtbot, project: Project) -> MainWindow:  # type: ignore[no-untyped-def]
    """The main window on `TEXT`, with Norvania (alias Velgrad) in the registry."""
    project.add_articles([Article(id="q1", text=TEXT, title="Quay")])
    project.add_actor("Norvania", "lead", "state", ("Velgrad",))
    window = active_window(qtbot, project)
    return window


def press(qtbot, window: MainWindow, key: str, words: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Select ``words`` (if given) in the text and press ``key`` there."""
    view = window.workspace.view
    if words is not None:
        view.select_span(at(words))
    qtbot.keyClick(view, key)


def undo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.workspace.view, "z", Qt.KeyboardModifier.ControlModifier)


def redo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(
        window.workspace.view,
        "z",
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def the_claim(project: Project) -> Claim:
    (claim,) = project.labels("q1", "ana").claims
    return claim


def mentions(project: Project) -> list[tuple[str, str | None, int]]:
    """Every mention in the file: its words, actor and ``source_only`` column."""
    return [
        (TEXT[r["start"] : r["end"]], r["actor_id"], r["source_only"])
        for r in read_rows(project.path, "mentions", "start")
    ]


def test_s_on_a_new_name_then_n_and_enter_creates_the_claimant_of_the_source(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    workspace, view = window.workspace, window.workspace.view
    press(qtbot, window, "c", "the quay will close in March")
    states = [label_dump(project.path)]

    press(qtbot, window, "s", "Eda Lunde")

    assert view.hasFocus()  # the focus stays in the text
    assert workspace.panel.form.active == "source_kind"
    assert window.statusBar().currentMessage() == (
        "“Eda Lunde” is no actor: N named (Enter creates it), U unnamed, D document,"
        " A author (outlet)"
    )
    assert mentions(project) == [("Eda Lunde", None, 1)]
    assert the_claim(project).claimant is None
    states.append(label_dump(project.path))

    press(qtbot, window, "n")  # named

    picker = workspace.panel.form.pickers["claimant"]
    assert picker.hasFocus() and picker.text() == "Eda Lunde"
    assert the_claim(project).attribution.source_kind == "named"
    states.append(label_dump(project.path))

    qtbot.keyClick(picker, Qt.Key.Key_Return)  # creates the actor, the claimant

    (lunde,) = project.find_actors("Eda Lunde")
    claim = the_claim(project)
    assert claim.claimant == lunde.id
    assert mentions(project) == [("Eda Lunde", lunde.id, 1)]  # the source names it too
    assert (claim.attribution.source_text, claim.attribution.source_kind) == ("Eda Lunde", "named")
    assert view.hasFocus()
    states.append(label_dump(project.path))

    for state in reversed(states[:-1]):  # one undo step each
        undo(qtbot, window)
        assert label_dump(project.path) == state
    for state in states[1:]:
        redo(qtbot, window)
        assert label_dump(project.path) == state


@pytest.mark.parametrize(("key", "kind"), [("u", "unnamed"), ("d", "document"), ("a", "author")])
def test_s_on_unnamed_words_then_u_d_or_a_keeps_them_as_words(
    qtbot, window: MainWindow, project: Project, key: str, kind: str
) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, "c", "expect protests")
    press(qtbot, window, "s", "diplomatic circles")
    before = label_dump(project.path)
    assert mentions(project) == [("diplomatic circles", None, 1)]

    press(qtbot, window, key)

    attribution = the_claim(project).attribution
    assert (attribution.source_mention, attribution.source_text, attribution.source_kind) == (
        None,
        "diplomatic circles",
        kind,
    )
    assert mentions(project) == []  # no mention without actor left behind
    assert the_claim(project).claimant is None
    assert window.workspace.view.hasFocus()
    assert window.workspace.panel.form.source.text() == "diplomatic circles"
    after = label_dump(project.path)
    undo(qtbot, window)
    assert label_dump(project.path) == before
    redo(qtbot, window)
    assert label_dump(project.path) == after


def test_s_on_a_known_name_sets_claimant_and_named_kind_as_before(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, "c", "denied any closure")
    active = window.workspace.panel.form.active

    press(qtbot, window, "s", "Velgrad")

    (norvania,) = project.find_actors("Norvania")
    claim = the_claim(project)
    assert (claim.claimant, claim.attribution.source_kind) == (norvania.id, "named")
    assert mentions(project) == [("Velgrad", norvania.id, 1)]
    assert window.workspace.panel.form.active == active  # no question asked
    assert window.workspace.view.hasFocus()


def test_s_on_other_words_replaces_the_source_and_leaves_no_orphan(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, "c", "the quay will close in March")
    press(qtbot, window, "s", "Harbour master")
    before = label_dump(project.path)

    press(qtbot, window, "s", "Eda Lunde")

    assert mentions(project) == [("Eda Lunde", None, 1)]
    source = project.mention(the_claim(project).attribution.source_mention or "")
    assert source is not None and TEXT[source.start : source.end] == "Eda Lunde"
    after = label_dump(project.path)
    undo(qtbot, window)
    assert label_dump(project.path) == before
    assert mentions(project) == [("Harbour master", None, 1)]
    redo(qtbot, window)
    assert label_dump(project.path) == after


def test_m_on_a_source_reuses_it_and_it_stays_when_the_source_moves(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, "c", "the quay will close in March")
    press(qtbot, window, "s", "Eda Lunde")
    before = label_dump(project.path)

    press(qtbot, window, "m", "Eda Lunde")

    assert mentions(project) == [("Eda Lunde", None, 0)]  # one mention, now marked
    (mention,) = project.labels("q1", "ana").mentions
    assert mention == Mention(mention.id, "q1", "ana", *at("Eda Lunde"), None, False)
    assert window.workspace.current_mention == mention.id
    after = label_dump(project.path)
    undo(qtbot, window)
    assert label_dump(project.path) == before
    redo(qtbot, window)
    assert label_dump(project.path) == after
    window.workspace.view.setFocus()
    press(qtbot, window, "s", "Harbour master")
    assert mentions(project) == [("Harbour master", None, 1), ("Eda Lunde", None, 0)]


def test_deleting_a_claim_takes_its_source_only_mention_along(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, "c", "denied any closure")
    press(qtbot, window, "s", "Velgrad")
    before = label_dump(project.path)

    qtbot.keyClick(window.workspace.view, Qt.Key.Key_Delete)

    assert project.labels("q1", "ana").claims == ()
    assert mentions(project) == []
    undo(qtbot, window)
    assert label_dump(project.path) == before
    redo(qtbot, window)
    assert mentions(project) == []


# -- marking done ------------------------------------------------------------------------------


def test_done_asks_nothing_of_a_claim_with_an_unnamed_source(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    press(qtbot, window, "c", "expect protests")
    press(qtbot, window, "s", "diplomatic circles")
    press(qtbot, window, "u")  # unnamed
    claim = the_claim(project)
    project.update_claim(claim.id, stance="oppose")
    project.update_attribution(claim.id, attribution_type="indirect", cue=at("expect"))
    window.workspace.open_article("q1")
    seen = when_modal(lambda dialog: dialog.reject(), timeout_ms=300)

    window.workspace.status_editor.set_status("done")

    assert seen == []  # no question
    assert project.status("q1", "ana").status == "done"


def test_done_lists_a_long_claim_cut_at_a_word(qtbot, window: MainWindow, project: Project) -> None:  # type: ignore[no-untyped-def]
    words = "Harbour master Eda Lunde said the quay will close in March, diplomatic circles"
    press(qtbot, window, "c", words)
    texts: list[str] = []

    def answer(dialog: QMessageBox) -> None:
        texts.append(dialog.text())
        dialog.button(QMessageBox.StandardButton.No).click()

    when_modal(answer)  # type: ignore[arg-type]
    window.workspace.status_editor.set_status("done")

    assert (
        "• “Harbour master Eda Lunde said the quay will close in March…”: no claimant" in (texts[0])
    )
    assert project.status("q1", "ana").status == "todo"


def test_typing_into_a_prefilled_actor_field_replaces_the_words(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """M on words that name no actor: the words wait in the actor field; typing replaces them."""
    press(qtbot, window, "m", "Eda Lunde")
    picker = window.workspace.panel.mention_panel.picker
    assert picker.hasFocus() and picker.text() == "Eda Lunde"
    type_text(picker, "Lunde")
    assert picker.text() == "Lunde"  # not "Eda LundeLunde"


def test_creating_an_actor_whose_name_another_actor_has_is_refused_in_the_status_bar(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    workspace = window.workspace
    (norvania,) = project.find_actors("Norvania")
    press(qtbot, window, "c", "the quay will close in March")
    press(qtbot, window, "m", "Velgrad")
    before = label_dump(project.path)
    refusal = f"'VELGRAD' is already an alias of Norvania (actor {norvania.id})"

    workspace.panel.form.actor_create.emit("claimant", "VELGRAD")  # the claimant picker's "new"

    assert window.statusBar().currentMessage() == refusal
    assert the_claim(project).claimant is None
    workspace.panel.mention_panel.actor_create.emit("VELGRAD")  # the mention's "new actor"
    assert window.statusBar().currentMessage() == refusal
    assert label_dump(project.path) == before
    assert [a.name for a in project.find_actors("")] == ["Norvania"]
    stack = window.session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == ["Mark claim", "Mark mention"]
    undo(qtbot, window)  # nothing was added, so undo takes back the mention
    assert mentions(project) == []
