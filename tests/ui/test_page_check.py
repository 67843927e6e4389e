"""The window opens while every page of the file is checked: annotator/ui/window/page_check.py.

The check runs in the background (annotator/store/database.py, PageCheck), so
a large project's window need not wait for it; damage it finds afterwards
still leads to the file's backups, as damage found on opening does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog, QWidget

from annotator.io.importer import import_files
from annotator.store.backup import BackupInfo, backup_project, damaged_copies
from annotator.store.project import Project
from annotator.ui.window.app import Controller
from annotator.ui.window.main_window import MainWindow
from annotator.ui.window.prefs import set_annotator_name
from annotator.ui.window.welcome import WelcomeScreen
from tests.store.helpers import damage_pages_of, sha256
from tests.ui.modal import when_modal


def sample_file(
    folder: Path, sample_jsonl: Path, backed_up: bool
) -> tuple[Path, BackupInfo | None]:
    path = folder / "news.claims"
    with Project.create(path) as project:
        import_files(project, [sample_jsonl])
        made = backup_project(project, "manual") if backed_up else None
    return path, made


@pytest.fixture
def controller() -> Controller:
    set_annotator_name("ana")
    return Controller()


def test_the_window_opens_before_the_check_of_every_page_ends(
    qtbot, tmp_path: Path, sample_jsonl: Path, controller: Controller
) -> None:  # type: ignore[no-untyped-def]
    path, _ = sample_file(tmp_path, sample_jsonl, backed_up=False)

    assert controller.open(path)

    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.articles.rowCount() == 8
    assert not window.page_check.finished  # its outcome comes later, from the event loop
    with qtbot.waitSignal(window.page_check.passed, timeout=10_000):
        pass
    assert window.page_check.finished
    window.close()


def test_damage_found_once_the_window_is_open_offers_the_backups(
    qtbot, tmp_path: Path, sample_jsonl: Path, controller: Controller
) -> None:  # type: ignore[no-untyped-def]
    path, made = sample_file(tmp_path, sample_jsonl, backed_up=True)
    assert made is not None
    damage_pages_of(path, "merge_conflicts")  # nothing reads it while the window opens
    damaged = sha256(path)
    said: list[str] = []

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        said.append(dialog.labelText())
        when_modal(lambda box: (said.append(box.text()), box.accept()))  # type: ignore[attr-defined, func-returns-value]
        dialog.accept()

    assert controller.open(path)  # opened: checking every page first would have refused it
    first = controller.window
    assert isinstance(first, MainWindow)
    qtbot.addWidget(first)
    assert first.articles.rowCount() == 8
    asked = when_modal(choose)

    qtbot.waitUntil(lambda: controller.window is not first, timeout=10_000)

    assert asked == ["Damaged project"]
    assert said[0].startswith("news.claims is damaged and cannot be opened.")
    (kept,) = damaged_copies(path)
    assert sha256(kept) == damaged  # nothing was written to it
    reopened = controller.window
    assert isinstance(reopened, MainWindow)
    qtbot.addWidget(reopened)
    assert reopened.articles.rowCount() == 8
    assert first.project.closed
    with qtbot.waitSignal(reopened.page_check.passed, timeout=10_000):
        pass
    reopened.close()


def test_damage_found_once_the_window_is_open_without_backups_shows_the_welcome_screen(
    qtbot, tmp_path: Path, sample_jsonl: Path, controller: Controller
) -> None:  # type: ignore[no-untyped-def]
    path, _ = sample_file(tmp_path, sample_jsonl, backed_up=False)
    damage_pages_of(path, "merge_conflicts")
    before = sha256(path)
    texts: list[str] = []

    assert controller.open(path)
    first = controller.window
    assert isinstance(first, MainWindow)
    qtbot.addWidget(first)
    asked = when_modal(lambda box: (texts.append(box.text()), box.accept()))  # type: ignore[attr-defined, func-returns-value]

    qtbot.waitUntil(lambda: isinstance(controller.window, WelcomeScreen), timeout=10_000)

    assert asked == ["Damaged project"]
    assert texts[0].startswith(f"{path} is damaged and cannot be opened (")
    assert texts[0].endswith("No backup of this file was found.")
    assert first.project.closed and not first.isVisible()
    assert sha256(path) == before
    qtbot.addWidget(controller.window)
