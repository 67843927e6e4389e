"""Tests of annotator/ui/window/crash.py: an unexpected error is logged in full and shown once."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from annotator.core.model import Article
from annotator.logs import setup_logging, stop_logging
from annotator.store.project import Project
from annotator.ui.window import crash
from annotator.ui.window.crash import CrashHandler
from tests.ui.modal import when_modal

REPO = Path(__file__).resolve().parents[2]
ExcInfo = tuple[type[BaseException], BaseException, TracebackType]


@pytest.fixture
def log_path() -> Iterator[Path]:
    """The app's log file, in the test's own state folder."""
    path = setup_logging()
    assert path is not None
    yield path
    stop_logging()


@pytest.fixture
def handler(qapp: QApplication, log_path: Path) -> Iterator[CrashHandler]:
    """An installed crash handler; the previous hooks come back after the test."""
    crash = CrashHandler()
    crash.install()
    yield crash
    crash.uninstall()


class Answerer:
    """Accepts every modal dialog that shows, and counts them (for tests that expect none)."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QMessageBox):
            self.seen.append(dialog.windowTitle())
            dialog.accept()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def answerer(qapp: QApplication) -> Iterator[Answerer]:
    """Every dialog of the test answered; stops answering when the test ends."""
    answering = Answerer()
    yield answering
    answering.stop()


EMPTY: dict[str, str] = {}


def parse_the_offsets(where: int) -> None:
    """A function whose name the log must show."""
    raise ValueError(f"offset {where} is past the end")


def caught(function: object, *args: object) -> ExcInfo:
    """The real exc_info of calling ``function``."""
    try:
        function(*args)  # type: ignore[operator]
    except BaseException:
        exc_type, exc, tb = sys.exc_info()
        assert exc_type is not None and exc is not None and tb is not None
        return exc_type, exc, tb
    raise AssertionError("it did not raise")


def button(dialog: QMessageBox, text: str) -> QPushButton:
    (found,) = [b for b in dialog.findChildren(QPushButton) if b.text() == text]
    return found


def test_the_dialog_names_the_log_and_the_log_has_the_traceback(
    handler: CrashHandler, log_path: Path
) -> None:
    shown: list[tuple[str, str, str]] = []

    def read_and_continue(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        shown.append((dialog.text(), dialog.informativeText(), dialog.detailedText()))
        button(dialog, "Continue").click()

    asked = when_modal(read_and_continue)
    sys.excepthook(*caught(parse_the_offsets, 17))

    assert asked == ["Something went wrong"]
    ((text, informative, details),) = shown
    assert text == "The app ran into an error it did not expect."
    assert "The error: ValueError: offset 17 is past the end" in informative
    assert "Your work so far is saved in the project file" in informative
    assert f"The details are in the log file:\n{log_path}" in informative
    assert "in parse_the_offsets" in details
    logged = log_path.read_text(encoding="utf-8")
    assert "CRITICAL annotator.ui.window.crash: unexpected error: ValueError: offset 17" in logged
    assert "Traceback (most recent call last):" in logged
    assert "in parse_the_offsets" in logged
    assert 'raise ValueError(f"offset {where} is past the end")' in logged


def test_copy_details_keeps_the_dialog_open(qapp: QApplication, handler: CrashHandler) -> None:
    visible_after_copy: list[bool] = []

    def copy_then_continue(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        button(dialog, "Copy details").click()
        visible_after_copy.append(dialog.isVisible())
        button(dialog, "Continue").click()

    when_modal(copy_then_continue)
    sys.excepthook(*caught(parse_the_offsets, 3))

    assert visible_after_copy == [True]
    copied = qapp.clipboard().text()
    assert copied.startswith("ValueError: offset 3 is past the end\n")
    assert "in parse_the_offsets" in copied
    assert "Log file: " in copied


def test_an_error_in_a_slot_reaches_the_handler_and_the_app_goes_on(  # type: ignore[no-untyped-def]
    qtbot, handler: CrashHandler, log_path: Path
) -> None:
    after: list[str] = []

    def broken_slot() -> None:
        raise KeyError("missing_actor")

    asked = when_modal(lambda dialog: dialog.accept())  # type: ignore[attr-defined]
    QTimer.singleShot(0, broken_slot)
    QTimer.singleShot(10, lambda: after.append("still running"))
    qtbot.waitUntil(lambda: after == ["still running"] and asked == ["Something went wrong"])
    logged = log_path.read_text(encoding="utf-8")
    assert "in broken_slot" in logged and "KeyError: 'missing_actor'" in logged


def test_the_same_error_twice_shows_one_dialog_and_logs_both(
    handler: CrashHandler, log_path: Path, answerer: Answerer
) -> None:
    sys.excepthook(*caught(parse_the_offsets, 1))
    sys.excepthook(*caught(parse_the_offsets, 2))
    assert answerer.seen == ["Something went wrong"]

    logged = log_path.read_text(encoding="utf-8")
    assert "ValueError: offset 1 is past the end" in logged
    assert "ValueError: offset 2 is past the end" in logged
    assert logged.count("in parse_the_offsets") == 2


def test_another_error_or_the_same_one_later_shows_again(
    log_path: Path, answerer: Answerer
) -> None:
    now = [0.0]
    handler = CrashHandler(repeat_seconds=60, clock=lambda: now[0])
    handler.install()

    def dialogs_for(error: ExcInfo, at: float) -> int:
        now[0] = at
        before = len(answerer.seen)
        sys.excepthook(*error)
        return len(answerer.seen) - before

    try:
        shown = [
            dialogs_for(caught(parse_the_offsets, 1), at=0),
            dialogs_for(caught(parse_the_offsets, 2), at=30),  # the same, too soon
            dialogs_for(caught(lambda: EMPTY["key"]), at=31),  # another error
            dialogs_for(caught(parse_the_offsets, 3), at=61),  # the same, a while later
        ]
    finally:
        handler.uninstall()
    assert shown == [1, 0, 1, 1]


def test_an_error_inside_the_handler_goes_to_stderr(
    handler: CrashHandler, answerer: Answerer, capsys: pytest.CaptureFixture[str]
) -> None:
    class Unprintable(Exception):
        def __str__(self) -> str:
            raise RuntimeError("cannot show myself")

    def raise_unprintable() -> None:
        raise Unprintable

    sys.excepthook(*caught(raise_unprintable))
    assert answerer.seen == []
    err = capsys.readouterr().err
    assert "in raise_unprintable" in err and "Unprintable" in err


def test_keyboard_interrupt_goes_to_the_default_hook(
    handler: CrashHandler, log_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    sys.excepthook(*caught(interrupted))
    assert "KeyboardInterrupt" in capsys.readouterr().err
    assert "interrupted" not in log_path.read_text(encoding="utf-8")


def test_an_error_in_a_thread_is_logged_and_shown_in_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, handler: CrashHandler, log_path: Path
) -> None:
    def work_in_the_background() -> None:
        raise OSError("disk went away")

    asked = when_modal(lambda dialog: dialog.accept())  # type: ignore[attr-defined]
    worker = threading.Thread(target=work_in_the_background, name="autosave")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: asked == ["Something went wrong"])
    logged = log_path.read_text(encoding="utf-8")
    assert "unexpected error in thread autosave: OSError: disk went away" in logged
    assert "in work_in_the_background" in logged


def test_the_dialog_looks_right(qapp: QApplication, log_path: Path, tmp_path: Path) -> None:
    from annotator.ui.window.crash import crash_dialog

    dialog = crash_dialog("ValueError: offset 17 is past the end", "Traceback ...")
    dialog.show()
    dialog.grab().save(str(tmp_path / "crash-dialog.png"))
    texts = [b.text() for b in dialog.findChildren(QPushButton)]
    assert {"Copy details", "Open log folder", "Continue"} <= set(texts)
    dialog.close()


@pytest.mark.parametrize("how", ["Esc", "the window's close button"])
def test_the_dialog_closes_with_esc_and_its_close_button(qtbot, log_path: Path, how: str) -> None:  # type: ignore[no-untyped-def]
    """None of its buttons is a Cancel: without an escape button both did nothing."""
    from PySide6.QtCore import Qt

    from annotator.ui.window.crash import crash_dialog

    dialog = crash_dialog("ValueError: a test", "Traceback ...")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    if how == "Esc":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    else:
        dialog.close()  # as the title bar's button asks
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.clickedButton() is dialog.escapeButton()
    assert dialog.clickedButton().text() == "Continue"


# -- in a process of its own ------------------------------------------------------------------

NO_GUI = """
from annotator.logs import setup_logging
from annotator.ui.window.crash import CrashHandler

setup_logging()
CrashHandler().install()

def load_the_schema():
    raise ValueError("boom")

load_the_schema()
"""


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }


def _python(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter with the test's user folders and no settings."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=REPO,
        timeout=60,
    )


def test_without_a_window_a_short_message_goes_to_stderr(
    tmp_path: Path, user_folders: Path
) -> None:
    result = _python(NO_GUI, tmp_path)
    log = user_folders / "state" / "claim-annotator" / "log" / "claim-annotator.log"
    assert result.returncode == 1
    assert result.stderr == (
        f"Claim annotator: unexpected error (ValueError: boom); details are in {log}\n"
    )
    logged = log.read_text(encoding="utf-8")
    assert "in load_the_schema" in logged and "ValueError: boom" in logged


APP = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from annotator.ui.window import app as ui_app

qapp = QApplication([])
qapp.setOrganizationName(ui_app.ORGANIZATION)
qapp.setApplicationName(ui_app.APPLICATION)
from annotator.ui.window.prefs import set_annotator_name
set_annotator_name("ana")

def a_broken_menu_action():
    raise RuntimeError("a bug in a slot")

def answer_the_dialog():
    dialog = QApplication.activeModalWidget()
    if dialog is None:
        QTimer.singleShot(20, answer_the_dialog)
        return
    print("dialog:", dialog.informativeText().replace("\\n", " | "), flush=True)
    dialog.accept()
    QTimer.singleShot(50, close_everything)

def close_everything():
    print("windows:", ", ".join(w.windowTitle() for w in qapp.topLevelWidgets() if w.isVisible()))
    qapp.closeAllWindows()

QTimer.singleShot(0, a_broken_menu_action)
QTimer.singleShot(0, answer_the_dialog)
sys.exit(ui_app.run(sys.argv[1]))
"""


@pytest.mark.slow
def test_the_app_survives_an_error_and_exits_normally(
    tmp_path: Path, user_folders: Path, project_path: Path
) -> None:
    with Project.create(project_path) as project:
        project.add_articles([Article(id="a1", text="Velgrad said the port reopens.")])
    result = subprocess.run(
        [sys.executable, "-c", APP, str(project_path)],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    log = user_folders / "state" / "claim-annotator" / "log" / "claim-annotator.log"
    dialog, windows = result.stdout.splitlines()
    assert f"The details are in the log file: | {log}" in dialog
    assert windows == "windows: test.claims — Claim annotator"  # the main window stayed open
    logged = log.read_text(encoding="utf-8")
    assert f"opened {project_path}" in logged
    assert "in a_broken_menu_action" in logged and "RuntimeError: a bug in a slot" in logged
    assert f"closed {project_path}" in logged


HARD_CRASH = """
import faulthandler
from annotator.ui.window import crash
crash.install()
def draw_the_article():
    faulthandler._sigsegv()  # what a fault inside Qt's C++ does
draw_the_article()
"""


def test_a_hard_crash_leaves_its_stack_in_the_log_folder(
    tmp_path: Path, user_folders: Path
) -> None:
    result = _python(HARD_CRASH, tmp_path)
    assert result.returncode != 0  # the process died: no hook could run
    fatal = user_folders / "state" / "claim-annotator" / "log" / crash.FATAL_LOG
    written = fatal.read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in written
    assert "draw_the_article" in written
