"""File › Project settings: the recommender switches, undoable, in step with the Suggestions menu."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow
from annotator.ui.window.project_settings import ProjectSettingsDialog
from tests.ui.marking import active_window
from tests.ui.modal import when_modal
from tests.ui.suggesting import suggested_project

TITLE = "Project &settings…"


def settings_action(window: MainWindow):  # type: ignore[no-untyped-def]
    file = window.menuBar().actions()[0].menu()
    [found] = [a for a in file.actions() if a.text() == TITLE]  # type: ignore[union-attr]
    return found


def in_settings(qtbot, window: MainWindow, act) -> list[str]:  # type: ignore[no-untyped-def]
    """Open File › Project settings, ``act`` on the dialog, close it; returns its title."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ProjectSettingsDialog)
        try:
            act(dialog)
        finally:
            dialog.reject()

    seen = when_modal(answer)
    settings_action(window).trigger()
    return seen


def ticks(dialog: ProjectSettingsDialog) -> dict[str, bool]:
    return {name: check.isChecked() for name, check in dialog.recommenders.items()}


def test_a_switch_in_project_settings_is_an_undo_step_and_the_menu_follows(
    qtbot, project: Project
) -> None:  # type: ignore[no-untyped-def]
    suggested_project(project)
    window = active_window(qtbot, project)
    flow = window.workspace.suggestion_flow
    assert {s.recommender for s in flow.offered.items} == {"patterns", "actors"}
    menu = window.suggestion_menu.recommenders
    seen: dict[str, bool] = {}

    def switch_actors_off(dialog: ProjectSettingsDialog) -> None:
        seen.update(ticks(dialog))
        assert dialog.recommenders["actors"].isEnabled()
        dialog.recommenders["actors"].click()  # as the user clicks it
        assert not dialog.recommenders["actors"].isChecked()

    assert in_settings(qtbot, window, switch_actors_off) == ["Project settings"]
    assert seen == {
        "patterns": True,
        "actors": True,
        "learned": True,
        "links": True,
        "entities": False,
    }
    assert project.recommender_settings() == {"actors": False}
    assert not menu["actors"].isChecked()  # the menu shows it at once
    assert {s.recommender for s in flow.offered.items} == {"patterns"}
    assert window.session.undo_stack.undoText() == "Switch recommender actors"
    window.session.undo_stack.undo()  # Edit › Undo switches it on again
    assert project.recommender_settings() == {}
    assert {s.recommender for s in flow.offered.items} == {"patterns", "actors"}
    assert menu["actors"].isChecked()  # the menu follows the undo too
    # switched in the menu, shown in the dialog
    menu["links"].trigger()
    assert project.recommender_settings() == {"links": False}
    shown: dict[str, bool] = {}
    in_settings(qtbot, window, lambda dialog: shown.update(ticks(dialog)))
    assert shown == {**seen, "links": False}


def test_a_read_only_project_shows_its_switches_without_changing_them(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.claims"
    with Project.create(path) as made:
        suggested_project(made)
        made.set_recommender_enabled("links", False, "lead")
    with Project.open(path, read_only=True) as project:
        dialog = ProjectSettingsDialog(project, "ana", switch=lambda name, on: None)
        qtbot.addWidget(dialog)
        assert ticks(dialog)["links"] is False and ticks(dialog)["patterns"] is True
        assert not any(check.isEnabled() for check in dialog.recommenders.values())
