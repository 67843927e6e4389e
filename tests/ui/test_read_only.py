"""Opening a project read-only: on a read-only disk by itself, or asked (``gui --read-only``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from annotator.io.importer import import_files
from annotator.store.project import Project
from annotator.ui.window.app import Controller
from annotator.ui.window.main_window import MainWindow
from annotator.ui.window.prefs import set_annotator_name
from tests.helpers import run
from tests.read_only import AS_ROOT, read_only_disk
from tests.store.helpers import sha256
from tests.ui.modal import when_modal
from tests.ui.starting import once_a_main_window_shows


@pytest.fixture
def on_a_stick(tmp_path: Path, sample_jsonl: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    path = folder / "p.claims"
    with Project.create(path) as project:
        import_files(project, [sample_jsonl])
    return path


def test_a_read_only_disk_opens_read_only_and_says_why(qtbot, on_a_stick: Path) -> None:  # type: ignore[no-untyped-def]
    set_annotator_name("ana")
    before = sha256(on_a_stick)
    told: list[str] = []

    def read(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox)
        told.append(dialog.text())
        dialog.accept()

    with read_only_disk(on_a_stick.parent) as disk:
        seen = disk / on_a_stick.name
        answered = when_modal(read)
        controller = Controller()
        assert controller.open(seen)
        window = controller.window
        assert isinstance(window, MainWindow)
        qtbot.addWidget(window)
        assert answered == ["Opened read-only"]
        reason = "the disk is read-only" if AS_ROOT else "the file is read-only"
        assert told == [
            f"{seen} cannot be written here ({reason}), so it is open read-only: you can read"
            " and export, but not label. To label, copy it to a folder you can write to."
        ]
        assert window.project.read_only
        assert window.windowTitle() == "p.claims (read-only) — Claim annotator"
        assert window.articles.rowCount() == 8
        window.close()
        window.project.close()
    assert sha256(on_a_stick) == before


def test_gui_read_only_opens_the_project_read_only(qapp: QApplication, on_a_stick: Path) -> None:
    set_annotator_name("ana")
    seen: list[tuple[str, bool]] = []

    def look_then_close() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        seen.extend((w.windowTitle(), w.project.read_only) for w in windows if w.isVisible())
        Project.open(on_a_stick, user="ben").close()  # the lock is free: nobody writes
        for window in windows:
            window.close()

    once_a_main_window_shows(look_then_close)
    run("gui", "--read-only", on_a_stick)
    assert seen == [("p.claims (read-only) — Claim annotator", True)]
