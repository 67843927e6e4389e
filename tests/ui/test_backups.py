"""Backups in the app: the timer, the backup on closing, and File › Restore backup.

They cover annotator/ui/window/backups.py and restore.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from annotator.core.model import Article
from annotator.io.importer import import_files
from annotator.store.backup import (
    BackupInfo,
    backup_project,
    backups_root,
    damaged_copies,
    list_backups,
)
from annotator.store.project import Project
from annotator.ui.window.app import Controller
from annotator.ui.window.main_window import MainWindow
from annotator.ui.window.prefs import set_annotator_name
from annotator.ui.window.restore import RestoreDialog
from tests.helpers import dump
from tests.store.helpers import damage_a_page
from tests.ui.marking import TEXT, mark_claim
from tests.ui.modal import when_modal


def file_action(window: MainWindow, title: str) -> QAction:
    """The File menu's action called ``title``."""
    file = window.menuBar().actions()[0].menu()
    [found] = [a for a in file.actions() if a.text() == title]  # type: ignore[union-attr]
    return found


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A closed project with three unlabelled articles."""
    path = tmp_path / "p.claims"
    with Project.create(path) as project:
        project.add_articles(
            [Article(id=f"a{i}", text=TEXT, title=f"Article {i}") for i in range(3)]
        )
    return path


@pytest.fixture
def window(qtbot, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """The project open in the app (through the Controller, as a user opens it)."""
    set_annotator_name("ana")
    controller = Controller()
    assert controller.open(path)
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def idle_ticks(qtbot, window: MainWindow, count: int = 3) -> None:  # type: ignore[no-untyped-def]
    """Let the backup timer fire ``count`` more times."""
    target = window.backups.ticks + count
    qtbot.waitUntil(lambda: window.backups.ticks >= target, timeout=10_000)


def test_the_timer_backs_up_after_labelling_and_not_while_idle(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    project_id = window.project.project_id
    window.backups.timer.setInterval(20)
    idle_ticks(qtbot, window)
    assert list_backups(project_id) == []  # nothing changed since opening

    with qtbot.waitSignal(window.backups.made, timeout=10_000) as made:
        mark_claim(qtbot, window, "Kestria must reopen")

    [entry] = list_backups(project_id)
    assert made.args == [entry]
    assert (entry.reason, entry.articles, entry.claims) == ("auto", 3, 1)
    assert dump(entry.path) == dump(window.project.path)
    idle_ticks(qtbot, window)
    assert len(list_backups(project_id)) == 1


def test_closing_the_window_backs_up_what_changed_since_the_last_backup(
    qtbot, window: MainWindow, path: Path
) -> None:  # type: ignore[no-untyped-def]
    project_id = window.project.project_id
    mark_claim(qtbot, window, "observers agreed")

    window.close()

    [entry] = list_backups(project_id)
    assert entry.reason == "auto" and entry.claims == 1
    assert dump(entry.path) == dump(path)
    with Project.open(path) as project:  # closing again without changes: no new backup
        window = MainWindow(project, "ana")
        qtbot.addWidget(window)
        window.close()
    assert len(list_backups(project_id)) == 1


def test_restore_dialog_lists_the_backups_with_their_counts(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = window.project
    first = backup_project(project, "manual")
    mark_claim(qtbot, window, "Kestria must reopen")
    mark_claim(qtbot, window, "observers agreed")
    second = backup_project(project, "before-merge")
    broken = backup_project(project, "manual")
    assert first and second and broken
    broken.path.write_bytes(b"garbage" * 40)
    seen: list[list[str]] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreDialog)
        table = dialog.table
        for row in range(table.topLevelItemCount()):
            item = table.topLevelItem(row)
            assert item is not None
            seen.append([item.text(c) for c in range(table.columnCount())])
        assert dialog.chosen() == second  # the newest readable one is selected
        assert dialog.restore_button.isEnabled()
        assert table.accessibleName() == "Backups"
        assert not window.backups.timer.isActive()  # no background backup while choosing
        dialog.grab().save(str(tmp_path / "restore-dialog.png"))
        dialog.backup_button.click()  # Back up now
        assert table.topLevelItemCount() == 4
        assert dialog.chosen() is not None and dialog.chosen().reason == "manual"  # type: ignore[union-attr]
        dialog.reject()

    answered = when_modal(look)
    file_action(window, "Restore &backup…").trigger()

    assert answered == ["Restore backup"]
    assert window.backups.timer.isActive()  # cancelled: backups go on
    newest, middle, oldest = seen
    assert newest[1] == "Made by hand" and newest[5].startswith("Unreadable: not a Claim")
    assert middle == [middle[0], "Before merge", "3", "2", "0", "this file"]
    assert oldest == [oldest[0], "Made by hand", "3", "0", "0", "this file"]
    assert oldest[0] == first.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def test_restoring_through_the_dialog_brings_back_the_earlier_labels(
    qtbot, window: MainWindow, path: Path
) -> None:  # type: ignore[no-untyped-def]
    kept = mark_claim(qtbot, window, "Kestria must reopen")
    chosen = backup_project(window.project, "manual")
    assert chosen is not None
    mark_claim(qtbot, window, "observers agreed")
    qtbot.keyClick(window.workspace.view, "o")  # stance of the new claim: oppose
    later = dump(path)
    controller = window.controller
    assert controller is not None
    messages: list[str] = []

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        when_modal(close_report)
        box.button(QMessageBox.StandardButton.Yes).click()

    def close_report(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        messages.append(box.text())
        box.accept()

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, RestoreDialog)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Home)
        assert dialog.chosen() == chosen
        when_modal(confirm)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # keyboard only

    answered = when_modal(choose)
    file_action(window, "Restore &backup…").trigger()

    assert answered == ["Restore backup"]
    assert messages[0].startswith("Replace everything in p.claims with the backup of ")
    assert messages[1].startswith("p.claims now holds the backup of ")
    reopened = controller.window
    assert isinstance(reopened, MainWindow) and reopened is not window
    qtbot.addWidget(reopened)
    assert not window.isVisible()
    state = reopened.workspace.state
    assert state is not None and list(state.claims) == [kept]
    assert [c.id for c in reopened.project.labels("a0", "ana").claims] == [kept]
    before, manual = list_backups(reopened.project.project_id)
    assert (before.reason, manual.path) == ("before-restore", chosen.path)
    assert dump(before.path) == later
    stack = reopened.session.undo_stack  # the backup's own history; the restore is no step
    assert [stack.text(i) for i in range(stack.count())] == ["Mark claim"]


def test_a_failed_backup_is_shown_in_the_status_bar_and_tried_again(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    project = window.project
    backups_root().parent.mkdir(parents=True, exist_ok=True)
    backups_root().write_text("a file where the backups folder should be")
    window.backups.timer.setInterval(20)

    with qtbot.waitSignal(window.backups.failed, timeout=10_000):
        claim = mark_claim(qtbot, window, "Kestria must reopen")

    message = window.statusBar().currentMessage()
    assert message.startswith(f"Backup failed: could not back up p.claims to {backups_root()}")
    assert message.endswith("Your work is saved; only the backup is missing.")
    assert project.claim(claim) is not None  # the label is saved all the same
    backups_root().unlink()  # space again: the next tick backs up what was missed
    with qtbot.waitSignal(window.backups.made, timeout=10_000) as made:
        pass
    assert made.args[0].claims == 1


def test_restore_into_a_read_only_project_is_refused(qtbot, path: Path) -> None:  # type: ignore[no-untyped-def]
    with Project.open(path) as project:
        backup_project(project, "manual")
    before = dump(path)
    project = Project.open(path, read_only=True)
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    told: list[str] = []

    def close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        told.append(box.text())
        box.accept()

    answered = when_modal(close)
    file_action(window, "Restore &backup…").trigger()

    assert answered == ["Restore backup"]
    assert told == ["This project is open read-only: a backup cannot be restored into it."]
    assert dump(path) == before


def damaged_sample(
    folder: Path, sample_jsonl: Path, backed_up: bool
) -> tuple[Path, BackupInfo | None]:
    """The sample project, backed up by hand or not, then with one page overwritten."""
    path = folder / "news.claims"
    with Project.create(path) as project:
        import_files(project, [sample_jsonl])
        made = backup_project(project, "manual") if backed_up else None
    intact = path.read_bytes()
    damage_a_page(path)
    assert path.read_bytes() != intact
    return path, made


def test_a_damaged_project_offers_its_backups_and_opens_the_restored_one(
    qtbot, tmp_path: Path, sample_jsonl: Path
) -> None:  # type: ignore[no-untyped-def]
    path, made = damaged_sample(tmp_path, sample_jsonl, backed_up=True)
    assert made is not None
    set_annotator_name("ana")
    seen: list[str] = []

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        seen.append(dialog.labelText())
        assert dialog.comboBoxItems()[0].endswith("8 articles, 18 claims, 24 mentions")
        when_modal(lambda box: (seen.append(box.text()), box.accept()))  # type: ignore[attr-defined, func-returns-value]
        dialog.accept()

    asked = when_modal(choose)
    controller = Controller()
    assert controller.open(path)
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert asked == ["Damaged project"]
    assert seen[0] == (
        "news.claims is damaged and cannot be opened.\n"
        "Restore one of its backups? The damaged file is kept beside it, renamed."
    )
    (kept,) = damaged_copies(path)
    assert seen[1] == (
        f"news.claims now holds the backup of {made.created.astimezone():%Y-%m-%d %H:%M:%S}."
        f" The damaged file is kept as {kept.name}."
    )
    assert window.articles.rowCount() == 8


def test_a_damaged_project_without_backups_says_so(
    qtbot, tmp_path: Path, sample_jsonl: Path
) -> None:  # type: ignore[no-untyped-def]
    path, _ = damaged_sample(tmp_path, sample_jsonl, backed_up=False)
    before = path.read_bytes()
    texts: list[str] = []
    asked = when_modal(lambda box: (texts.append(box.text()), box.accept()))  # type: ignore[attr-defined, func-returns-value]
    assert not Controller().open(path)
    assert asked == ["Damaged project"]
    assert texts[0].endswith("No backup of this file was found.")
    assert path.read_bytes() == before  # nothing touched
