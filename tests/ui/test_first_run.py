"""First run: the name is asked once, then a welcome offering the sample, a new or an existing
project, with the five keys to know; each key listed is a real key of the main window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from annotator.ui.window.app import Controller
from annotator.ui.window.dialogs import NameDialog, NewProjectDialog
from annotator.ui.window.main_window import MainWindow
from annotator.ui.window.prefs import annotator_name, recent_projects
from annotator.ui.window.welcome import TOP_KEYS, WelcomeScreen
from tests.ui.modal import when_modal


def buttons(widget: QWidget) -> dict[str, QPushButton]:
    return {b.text().replace("&", ""): b for b in widget.findChildren(QPushButton)}


def first_start(qtbot) -> WelcomeScreen:  # type: ignore[no-untyped-def]
    def type_name(dialog: QWidget) -> None:
        assert isinstance(dialog, NameDialog)
        dialog.name.setText("ana")
        dialog.accept()

    assert annotator_name() is None and recent_projects() == []
    asked = when_modal(type_name)
    controller = Controller()
    assert controller.start(None)
    assert asked == ["Who is annotating?"]
    welcome = controller.window
    assert isinstance(welcome, WelcomeScreen) and welcome.isVisible()
    qtbot.addWidget(welcome)
    welcome.controller = controller  # type: ignore[attr-defined]  # keep it alive
    return welcome


def test_first_run_offers_sample_new_and_existing_project(qtbot) -> None:  # type: ignore[no-untyped-def]
    welcome = first_start(qtbot)
    choices = buttons(welcome)
    assert set(choices) == {
        "Label your first claim (a guided task in the sample)",
        "Open the sample project",
        "Open a project…",
        "New project…",
    }
    assert not welcome.recent.isEnabled()  # nothing recent yet, said so

    def cancel_new_project(dialog: QWidget) -> None:
        assert isinstance(dialog, NewProjectDialog)
        dialog.reject()

    seen = when_modal(cancel_new_project)
    qtbot.mouseClick(choices["New project…"], Qt.MouseButton.LeftButton)
    assert len(seen) == 1 and isinstance(welcome.controller.window, WelcomeScreen)  # type: ignore[attr-defined]

    def cancel_file_dialog(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.reject()

    seen = when_modal(cancel_file_dialog)
    qtbot.mouseClick(choices["Open a project…"], Qt.MouseButton.LeftButton)
    assert seen == ["Open project"]

    qtbot.mouseClick(choices["Open the sample project"], Qt.MouseButton.LeftButton)
    window = welcome.controller.window  # type: ignore[attr-defined]
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.articles.rowCount() == 11  # 8 articles, 2 labelled examples, 1 practice
    assert Path(recent_projects()[0]).name == "sample.claims"


def test_the_five_keys_shown_are_real_keys(qtbot, sample_window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert len(TOP_KEYS) == 5
    welcome = WelcomeScreen([])
    qtbot.addWidget(welcome)
    shown = " ".join(label.text() for label in welcome.findChildren(QLabel))
    known = {keys for keys, _ in sample_window.shortcut_rows()}
    for keys, _ in TOP_KEYS:
        assert f"<b>{keys}</b>" in shown
        for key in keys.split(" / "):
            # the welcome spells arrows as symbols; the shortcut list in Qt's native text
            assert key.replace("↓", "Down") in known, key
