"""File › Build dataset: the dialog's options, the build beside the window, the card shown."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from annotator.dataset import SPLITS, BuildOptions, DatasetReport, Extras
from annotator.store.project import Project
from annotator.ui.window.dataset_build import (
    ONE_ANNOTATOR,
    DatasetBuilder,
    DatasetBuildRun,
    DatasetCardView,
    DatasetDialog,
)
from annotator.ui.window.main_window import MainWindow
from tests.dataset.newsroom import make_newsroom
from tests.ui.modal import when_modal


@pytest.fixture
def window(qtbot: QtBot, project: Project) -> MainWindow:
    make_newsroom(project, 30)
    shown = MainWindow(project, "ana")
    qtbot.addWidget(shown)
    shown.show()
    return shown


def fill(dialog: DatasetDialog, folder: Path) -> None:
    """One annotator's labels (ana), native JSONL only, into ``folder``."""
    dialog.labels.setCurrentIndex(dialog.labels.findData(ONE_ANNOTATOR))
    dialog.annotator.setCurrentIndex(dialog.annotator.findData("ana"))
    for name, box in dialog.formats.items():
        box.setChecked(name == "jsonl")
    dialog.folder.setText(str(folder))


def test_the_dialog_builds_beside_the_window_and_shows_the_card(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    release, waiting = threading.Event(), threading.Event()

    def card_extras(reader: Project) -> Extras:
        def write(folder: Path, report: DatasetReport, manifest: dict[str, Any]) -> list[str]:
            waiting.set()
            assert release.wait(30)  # the build holds here until the window has shown it works
            text = f"# Dataset of {report.articles} articles\n\nA <b>card</b> from {reader.path.name}.\n"
            (folder / "README.md").write_text(text, encoding="utf-8")
            return ["README.md"]

        return write

    when_modal(lambda dialog: dialog.reject() if isinstance(dialog, QDialog) else None)
    window.build_dataset()  # makes the builder (its dialog cancelled)
    builder = window.dataset_builder
    assert builder is not None
    builder.extras = card_extras
    out = tmp_path / "release-1"

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, DatasetDialog)
        fill(dialog, out)
        dialog.accept()

    asked = when_modal(answer)
    window.build_dataset()
    run = builder.run
    assert asked == ["Build dataset"] and run is not None
    qtbot.waitUntil(waiting.is_set, timeout=30000)
    # The build waits in its thread: the window's event loop runs, nothing modal blocks it.
    assert QApplication.activeModalWidget() is None
    assert builder.progress_dialog is not None and builder.progress_dialog.isVisible()
    ticked: list[bool] = []
    QTimer.singleShot(0, lambda: ticked.append(True))
    qtbot.waitUntil(lambda: bool(ticked))
    window.list_panel.search.setText("Report 1")  # the window takes input meanwhile
    qtbot.waitUntil(lambda: not window.list_panel._delay.isActive())  # and filters the list
    assert not run.done and not out.exists()
    release.set()
    qtbot.waitUntil(lambda: run.done, timeout=30000)
    assert builder.progress_dialog is None
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["annotator"] == "ana" and manifest["options"]["formats"] == ["jsonl"]
    assert "README.md" in manifest["files"]
    card = builder.card
    assert card is not None and card.isVisible() and card.card
    shown = card.text.toPlainText()
    articles = sum(manifest["splits"].values())
    assert f"Dataset of {articles} articles" in shown
    assert "A <b>card</b> from test.claims." in shown  # HTML in a card is shown as typed
    assert "Report 1" in window.list_panel.search.text()


def test_without_a_card_the_report_is_shown(qtbot: QtBot, project: Project, tmp_path: Path) -> None:
    make_newsroom(project, 12)
    run = DatasetBuildRun(
        project, tmp_path / "ds", BuildOptions(annotator="ana", formats=("jsonl",))
    )
    finished: list[Any] = []
    run.finished.connect(finished.append)
    run.start()
    qtbot.waitUntil(lambda: run.done, timeout=30000)
    (made,) = finished
    view = DatasetCardView(made)
    qtbot.addWidget(view)
    assert not view.card
    assert view.text.toPlainText() == made.report.to_text()
    assert all(split in view.text.toPlainText() for split in SPLITS)


def test_cancel_stops_the_build_and_leaves_no_folder(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    make_newsroom(project, 12)
    run = DatasetBuildRun(
        project, tmp_path / "ds", BuildOptions(annotator="ana", formats=("jsonl",))
    )
    outcome: list[str] = []
    run.cancelled.connect(lambda: outcome.append("cancelled"))
    run.finished.connect(lambda _: outcome.append("finished"))
    run.cancel()  # before the first article is read
    run.start()
    qtbot.waitUntil(lambda: run.done, timeout=30000)
    assert outcome == ["cancelled"]
    assert not (tmp_path / "ds").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ds")] == []


def test_a_bad_option_is_said_and_the_dialog_stays(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    make_newsroom(project, 6)
    dialog = DatasetDialog(project, "ana")
    qtbot.addWidget(dialog)
    fill(dialog, tmp_path / "ds")
    dialog.train.setValue(50)  # 50/10/10
    said: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.reject()

    when_modal(read)
    dialog.show()
    dialog.accept()
    qtbot.waitUntil(lambda: bool(said))
    assert "sums to 70, not 100" in said[0]
    assert dialog.result() != DatasetDialog.DialogCode.Accepted and dialog.isVisible()
    dialog.train.setValue(80)
    for box in dialog.formats.values():
        box.setChecked(False)
    when_modal(read)
    dialog.accept()
    qtbot.waitUntil(lambda: len(said) == 2)
    assert "at least one format" in said[1]


def test_a_folder_not_empty_is_replaced_only_when_the_user_agrees(
    qtbot: QtBot, project: Project, tmp_path: Path
) -> None:
    make_newsroom(project, 6)
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    dialog = DatasetDialog(project, "ana")
    qtbot.addWidget(dialog)
    fill(dialog, folder)
    dialog.show()
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> Any:
        def click(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            asked.append(box.text())
            box.button(button).click()

        return click

    when_modal(answer(QMessageBox.StandardButton.No))
    dialog.accept()
    qtbot.waitUntil(lambda: bool(asked))
    assert "is not empty" in asked[0] and "Other files in it are kept" in asked[0]
    assert dialog.isVisible() and not dialog.force
    when_modal(answer(QMessageBox.StandardButton.Yes))
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.force and dialog.result() == DatasetDialog.DialogCode.Accepted


def test_a_failed_build_is_said_in_a_message(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    builder = DatasetBuilder(window, window.project, lambda: "ana")
    said: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.reject()

    when_modal(read, timeout_ms=30000)
    run = builder.start(tmp_path / "ds", BuildOptions(annotator="nobody", formats=("jsonl",)))
    qtbot.waitUntil(lambda: bool(said), timeout=30000)
    assert run.done and builder.progress_dialog is None
    assert "no labels by 'nobody'" in said[0] and "left as it was" in said[0]
    assert not (tmp_path / "ds").exists()


def test_the_card_is_written_and_shown_with_its_charts(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    out = tmp_path / "release-2"

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, DatasetDialog)
        fill(dialog, out)
        assert dialog.card.isChecked() and dialog.charts.isChecked()
        dialog.accept()

    when_modal(answer)
    window.build_dataset()
    builder = window.dataset_builder
    assert builder is not None and builder.run is not None
    run = builder.run
    qtbot.waitUntil(lambda: run.done, timeout=60000)
    card = builder.card
    assert card is not None and card.card
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("---\n")
    shown = card.text.toPlainText()
    assert "Files" in shown and "task_categories" not in shown  # the front matter is left out
    charts = sorted(p.relative_to(out).as_posix() for p in out.glob("charts/*.png"))
    assert charts and all(chart in readme for chart in charts)
    image = card.text.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(charts[0]))
    assert image is not None and not image.isNull()
