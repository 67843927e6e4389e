"""Starting the app: the annotator's name, the welcome screen, opening and switching projects."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from annotator.io.importer import import_files
from annotator.store.project import Project
from annotator.ui.window import app as app_module
from annotator.ui.window.app import Controller, OpeningWindow, run
from annotator.ui.window.dialogs import NameDialog
from annotator.ui.window.main_window import MainWindow
from annotator.ui.window.prefs import annotator_name, recent_projects, set_annotator_name
from annotator.ui.window.welcome import WelcomeScreen
from tests.ui.modal import when_modal
from tests.ui.starting import once_a_main_window_shows


@pytest.fixture
def sample_path(tmp_path: Path, sample_jsonl: Path) -> Path:
    path = tmp_path / "p.claims"
    with Project.create(path) as project:
        import_files(project, [sample_jsonl])
    return path


def visible_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_run_shows_a_window_before_the_project_opens(qapp: QApplication, sample_path: Path) -> None:
    set_annotator_name("ana")
    first: list[tuple[str, str]] = []
    later: list[str] = []

    def look_at_the_first_window() -> None:
        first.extend((type(w).__name__, w.windowTitle()) for w in visible_windows())
        Project.open(sample_path).close()  # not open yet: nobody holds its lock
        once_a_main_window_shows(look_at_the_main_window)

    def look_at_the_main_window() -> None:
        later.extend(type(w).__name__ for w in visible_windows())
        QApplication.closeAllWindows()

    QTimer.singleShot(0, look_at_the_first_window)
    assert run(str(sample_path)) == 0
    assert first == [("OpeningWindow", "p.claims — Claim annotator")]
    assert later == ["MainWindow"]  # in the opening window's place


def test_closing_the_opening_window_first_opens_nothing(
    qapp: QApplication, sample_path: Path
) -> None:
    set_annotator_name("ana")
    closed: list[str] = []

    def close_it() -> None:
        for window in visible_windows():
            assert isinstance(window, OpeningWindow)
            closed.append(window.windowTitle())
            window.close()

    QTimer.singleShot(0, close_it)
    assert run(str(sample_path)) == 0  # the app ends: its only window closed
    assert closed == ["p.claims — Claim annotator"]
    assert not visible_windows()
    Project.open(sample_path).close()  # it was never opened


def test_a_project_in_use_is_asked_about_once_at_start(
    qapp: QApplication, sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The project opens when the opening window is drawn, or after OPEN_UNDRAWN_MS
    # when it is not: the later of the two must not open it again while the first
    # one's question is still on screen (it is answered after both have come).
    monkeypatch.setattr(app_module, "OPEN_UNDRAWN_MS", 100)
    set_annotator_name("ana")
    holder = Project.open(sample_path, user="ben")
    asked: list[str] = []
    seen: list[QWidget] = []

    def answer_the_next() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and all(dialog is not other for other in seen):
            seen.append(dialog)
            asked.append(dialog.windowTitle())
            QTimer.singleShot(400, dialog.close)  # Cancel, once both have come
        if any(isinstance(w, WelcomeScreen) for w in visible_windows()):
            QApplication.closeAllWindows()
            return
        QTimer.singleShot(10, answer_the_next)

    try:
        QTimer.singleShot(0, answer_the_next)
        assert run(str(sample_path)) == 0
    finally:
        holder.close()
    assert asked == ["Project in use"]


def test_run_opens_the_welcome_screen_when_the_project_cannot_be_opened(
    qapp: QApplication, tmp_path: Path
) -> None:
    set_annotator_name("ana")
    missing = tmp_path / "gone.claims"
    shown: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        shown.append(dialog.text())
        dialog.accept()

    def look() -> None:
        if not any(isinstance(w, WelcomeScreen) for w in visible_windows()):
            QTimer.singleShot(10, look)
            return
        shown.extend(type(w).__name__ for w in visible_windows())
        QApplication.closeAllWindows()

    when_modal(answer)
    QTimer.singleShot(0, look)
    assert run(str(missing)) == 0
    assert shown == [f"{missing}: no such project file", "WelcomeScreen"]


def test_run_opens_a_window_on_the_project_and_releases_it(
    qapp: QApplication, sample_path: Path
) -> None:
    set_annotator_name("ana")
    seen: list[tuple[str, int]] = []

    def look_then_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend((w.windowTitle(), w.articles.rowCount()) for w in windows if w.isVisible())
        for window in windows:
            window.close()

    once_a_main_window_shows(look_then_close)
    assert run(str(sample_path)) == 0
    assert seen == [("p.claims — Claim annotator", 8)]
    Project.open(sample_path).close()  # the window released the lock when it closed


def test_first_start_asks_the_name_once(qtbot, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    def type_name(dialog: QWidget) -> None:
        assert isinstance(dialog, NameDialog)
        dialog.name.setText("zoë")
        dialog.accept()

    asked = when_modal(type_name)
    controller = Controller()
    assert controller.start(str(sample_path))
    assert asked == ["Who is annotating?"]
    assert annotator_name() == "zoë"
    window = controller.window
    assert isinstance(window, MainWindow) and window.annotator == "zoë"
    qtbot.addWidget(window)
    window.close()
    second = Controller()
    assert second.start(str(sample_path))  # no dialog this time: the test would time out
    assert isinstance(second.window, MainWindow) and second.window.annotator == "zoë"
    qtbot.addWidget(second.window)


def test_welcome_screen_opens_the_sample(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    set_annotator_name("ana")
    controller = Controller()
    controller.start(None)
    welcome = controller.window
    assert isinstance(welcome, WelcomeScreen)
    welcome.open_sample.emit()
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.articles.rowCount() == 11  # 8 articles, 2 labelled examples, 1 practice
    assert recent_projects() == [
        str((tmp_path / "data" / "claim-annotator" / "sample.claims").resolve())
    ]
    assert not welcome.isVisible()


def test_project_in_use_offers_read_only(qtbot, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_annotator_name("ana")
    holder = Project.open(sample_path, user="ben")
    try:

        def open_read_only(dialog: QWidget) -> None:
            assert isinstance(dialog, QMessageBox)
            assert "in use by ben on" in dialog.text()
            dialog.button(QMessageBox.StandardButton.Open).click()

        answered = when_modal(open_read_only)
        controller = Controller()
        assert controller.open(sample_path)
        assert answered == ["Project in use"]
        window = controller.window
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        assert window.project.read_only
        assert window.windowTitle() == "p.claims (read-only) — Claim annotator"
        window.workspace.view.select_span(
            window.workspace.state.claims
            and next(iter(window.workspace.state.claims.values())).span
        )  # type: ignore[union-attr]
        window.workspace.keys.on_key("c")
        assert "read-only" in window.statusBar().currentMessage()
    finally:
        holder.close()


def test_switch_annotator_reopens_under_the_new_name(qtbot, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_annotator_name("ana")
    controller = Controller()
    controller.open(sample_path)

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, QDialog)
        dialog.name.setText("ben")  # type: ignore[attr-defined]
        dialog.accept()

    when_modal(rename)
    controller.switch_annotator()
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.annotator == "ben"
    assert window.progress.text() == "0 of 8 done"  # ben finished nothing in the sample
    assert window.workspace.state is not None and window.workspace.state.annotator == "ben"


def test_ctrl_c_in_the_terminal_closes_the_window_cleanly(
    qapp: QApplication, sample_path: Path
) -> None:
    set_annotator_name("ana")
    shown: list[str] = []

    def interrupt() -> None:
        windows = QApplication.topLevelWidgets()
        shown.extend(
            w.windowTitle() for w in windows if isinstance(w, MainWindow) and w.isVisible()
        )
        os.kill(os.getpid(), signal.SIGINT)

    once_a_main_window_shows(interrupt)
    before = signal.getsignal(signal.SIGINT)
    assert run(str(sample_path)) == 0  # no KeyboardInterrupt: the windows closed
    assert shown == ["p.claims — Claim annotator"]
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets())
    assert signal.getsignal(signal.SIGINT) is before  # the terminal's Ctrl+C is given back
    Project.open(sample_path).close()  # and the project was closed, its lock released


def test_a_file_the_system_hands_over_opens_in_the_running_app(
    qapp: QApplication, sample_path: Path, tmp_path: Path
) -> None:
    # macOS sends a QFileOpenEvent when a project is double-clicked while the app runs.
    other = tmp_path / "other.claims"
    Project.create(other).close()
    set_annotator_name("ana")
    titles: list[str] = []

    def current() -> list[str]:
        windows = QApplication.topLevelWidgets()
        return [w.windowTitle() for w in windows if isinstance(w, MainWindow) and w.isVisible()]

    def hand_over() -> None:
        titles.extend(current())
        QApplication.sendEvent(qapp, QFileOpenEvent(str(other)))
        titles.extend(current())
        QApplication.closeAllWindows()

    once_a_main_window_shows(hand_over)
    assert run(str(sample_path)) == 0
    assert titles == ["p.claims — Claim annotator", "other.claims — Claim annotator"]
    Project.open(sample_path).close()  # the first project was closed on the way
