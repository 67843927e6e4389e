"""File › Project settings: the schema shown, a new one loaded, its changes confirmed, views reopened."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QTreeWidget, QWidget

from annotator.core.model import Article
from annotator.store.backup import list_backups
from annotator.store.project import Project
from annotator.ui.window.app import Controller
from annotator.ui.window.backups import reason_name
from annotator.ui.window.main_window import MainWindow
from annotator.ui.window.prefs import set_annotator_name
from annotator.ui.window.project_settings import ProjectSettingsDialog
from tests.helpers import dump
from tests.schemas import KEPT, MIXED, with_stances, write
from tests.ui.marking import TEXT, span_of
from tests.ui.modal import when_modal

NEUTRAL = '{ id = "neutral", name = "Neutral", key = "n", color = "#999999" },\n'
TITLE = "Project &settings…"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A closed project: two articles, a neutral claim of ana's on the first."""
    path = tmp_path / "p.claims"
    with Project.create(path) as project:
        project.add_articles([Article(id=f"a{i}", text=TEXT) for i in range(2)])
        project.add_claim("a0", "ana", *span_of("Kestria must reopen"), stance="neutral")
    return path


def open_window(qtbot, path: Path, read_only: bool = False) -> MainWindow:  # type: ignore[no-untyped-def]
    """The project open in the app through the Controller, as a user opens it."""
    set_annotator_name("lead")
    controller = Controller()
    assert controller.open(path, read_only)
    window = controller.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    return window


def settings_action(window: MainWindow):  # type: ignore[no-untyped-def]
    file = window.menuBar().actions()[0].menu()
    [found] = [a for a in file.actions() if a.text() == TITLE]  # type: ignore[union-attr]
    return found


def rows(tree: QTreeWidget) -> list[list[str]]:
    return [
        [tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]  # type: ignore[union-attr]
        for i in range(tree.topLevelItemCount())
    ]


def pick_file(path: Path):  # type: ignore[no-untyped-def]
    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(path))
        dialog.accept()

    return pick


def answer_yes(seen: list[str]):  # type: ignore[no-untyped-def]
    def yes(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    return yes


def test_a_new_stance_value_reaches_the_claim_form(qtbot, path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, path)
    controller = window.controller
    assert controller is not None
    before, fingerprint = dump(path), window.project.schema.fingerprint
    new = write(tmp_path, with_stances(KEPT + NEUTRAL + MIXED))
    shown: dict[str, object] = {}
    questions: list[str] = []

    def settings(dialog: QWidget) -> None:
        assert isinstance(dialog, ProjectSettingsDialog)
        shown["about"] = dialog.about.text()
        stance = dialog.schema_tree.topLevelItem(0)
        assert stance is not None
        shown["stance"] = [stance.child(i).text(0) for i in range(stance.childCount())]
        assert not dialog.apply_button.isEnabled()  # nothing loaded yet
        when_modal(pick_file(new))
        dialog.load_button.click()
        shown["changes"] = rows(dialog.changes_tree)
        shown["refusal"] = dialog.refusal.text()
        when_modal(answer_yes(questions))
        dialog.apply_button.click()

    answered = when_modal(settings)
    settings_action(window).trigger()

    assert answered == ["Project settings"]
    assert shown["about"] == f"Schema “default”, revision 1, fingerprint {fingerprint}."
    assert shown["stance"] == ["support", "oppose", "neutral"]
    assert shown["changes"] == [["stance", "mixed added", ""]]
    assert shown["refusal"] == ""
    assert questions == [
        "Change the schema of p.claims to revision 2?\n\n"
        "0 label values will be rewritten. The project is backed up first (File › Restore "
        'backup, "Before schema change", undoes this). This is not an undo step; the project '
        "reopens afterwards."
    ]
    reopened = controller.window
    assert isinstance(reopened, MainWindow) and reopened is not window
    qtbot.addWidget(reopened)
    form = reopened.workspace.panel.form
    assert form.choices["stance"].field.ids() == ("support", "oppose", "neutral", "mixed")
    assert reopened.project.schema.revision == 2
    assert reopened.statusBar().currentMessage() == "The label schema is now revision 2."
    [backup] = list_backups(reopened.project.project_id)
    assert backup.reason == "before-schema-change" and dump(backup.path) == before
    assert reason_name(backup.reason) == "Before schema change"  # as File › Restore lists it


def test_a_removed_value_that_labels_hold_is_refused_until_mapped(  # type: ignore[no-untyped-def]
    qtbot, path: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, path)
    controller = window.controller
    assert controller is not None
    claim = window.project.labels("a0", "ana").claims[0]
    new = write(tmp_path, with_stances(KEPT + '{ id = "none", name = "None", key = "n" },'))
    shown: dict[str, object] = {}

    def settings(dialog: QWidget) -> None:
        assert isinstance(dialog, ProjectSettingsDialog)
        when_modal(pick_file(new))
        dialog.load_button.click()
        shown["refused"] = (dialog.refusal.text(), dialog.apply_button.isEnabled())
        shown["before"] = rows(dialog.changes_tree)
        [box] = dialog.findChildren(QComboBox)
        assert box.accessibleName() == "Labels with stance “neutral”:"
        box.setCurrentIndex(box.findData("none"))
        shown["after"] = rows(dialog.changes_tree)
        shown["allowed"] = (dialog.refusal.text(), dialog.apply_button.isEnabled())
        when_modal(answer_yes([]))
        dialog.apply_button.click()

    when_modal(settings)
    settings_action(window).trigger()

    refusal, enabled = shown["refused"]  # type: ignore[misc]
    assert not enabled
    assert refusal == (
        "The new schema removes values that labels hold. Choose below where each value's "
        "labels go, or keep the value in the schema file.\n"
        f"stance “neutral”: 1 label\n  article a0, ana, claim {claim.id} “Kestria must reopen”"
    )
    assert shown["before"] == [
        ["stance", "none added", ""],
        ["stance", "neutral removed, but labels hold it", "1"],
    ]
    assert shown["after"] == [["stance", "neutral renamed to none", "1"]]  # none is new
    assert shown["allowed"] == ("", True)
    reopened = controller.window
    assert isinstance(reopened, MainWindow) and reopened is not window
    qtbot.addWidget(reopened)
    assert reopened.project.claim(claim.id).stance == "none"  # type: ignore[union-attr]


def test_a_file_that_is_no_schema_is_named_and_nothing_changes(  # type: ignore[no-untyped-def]
    qtbot, path: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, path)
    before = dump(path)
    bad = write(tmp_path, "[fields.stance]\nvalues = []\n", "bad.toml")
    dialog = ProjectSettingsDialog(window.project, "lead", window)
    qtbot.addWidget(dialog)
    when_modal(pick_file(bad))
    dialog.load_button.click()
    assert dialog.note.text() == (
        "bad.toml cannot be used: bad.toml: field 'stance' needs a non-empty `values` list"
    )
    assert not dialog.apply_button.isEnabled()
    dialog.reject()
    assert dump(path) == before


def test_a_read_only_project_shows_its_schema_and_loads_nothing(qtbot, path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, path, read_only=True)
    before = dump(path)
    seen: list[tuple[bool, bool, str]] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, ProjectSettingsDialog)
        seen.append(
            (dialog.load_button.isEnabled(), dialog.apply_button.isEnabled(), dialog.note.text())
        )
        assert dialog.schema_tree.topLevelItemCount() == len(window.project.schema.fields)
        dialog.reject()

    when_modal(look)
    settings_action(window).trigger()

    assert seen == [
        (False, False, "This project is open read-only: its schema cannot be changed here.")
    ]
    assert dump(path) == before


GERMAN = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context><name>ProjectSettingsDialog</name>
  <message><source>%1 renamed to %2</source><translation>%1 umbenannt in %2</translation></message>
  <message><source>%1 keeps the network weight %2 of %3</source>
    <translation>%1 behält das Netzwerkgewicht %2 von %3</translation></message>
  <message><source>%1: key %2 → %3</source><translation>%1: Taste %2 → %3</translation></message>
  <message><source>Note: %1</source><translation>Hinweis: %1</translation></message>
  <message><source>%1 has a meaning in the app (%2); without it, that is lost</source>
    <translation>%1 hat in der App eine Bedeutung (%2), die damit verloren geht</translation></message>
  <message><source>a named source is a mention of an actor</source>
    <translation>eine genannte Quelle ist eine Erwähnung eines Akteurs</translation></message>
</context>
</TS>
"""


def test_the_changes_are_said_in_the_users_language(
    qtbot, qapp, path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """The plan's other changes and notes are data; the dialog words them with tr()."""
    import subprocess
    import sys

    from PySide6.QtCore import QCoreApplication, QLocale

    from annotator.core.schema_diff import FIXED_MEANINGS
    from annotator.ui.i18n import install_translations

    source = tmp_path / "claim-annotator_de.ts"
    source.write_text(GERMAN, encoding="utf-8")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    qm = source.with_suffix(".qm")
    subprocess.run([str(lrelease), str(source), "-qm", str(qm)], check=True, capture_output=True)
    against = '{ id = "against", name = "Against", key = "a", renamed_from = "oppose" },\n'
    support = KEPT.splitlines()[0].replace('key = "s"', 'key = "f"')
    text = with_stances(support + "\n" + against + NEUTRAL).replace(
        '{ id = "named", name = "Named", key = "n", color = "#0072B2" },',
        '{ id = "cited", name = "Cited", key = "n", renamed_from = "named" },',
    )
    new = write(tmp_path, text)
    with Project.open(path, read_only=True) as project:
        installed = install_translations(qapp, tmp_path, QLocale("de_DE"))
        try:
            dialog = ProjectSettingsDialog(project, "lead")
            qtbot.addWidget(dialog)
            dialog.load(new)
            shown = rows(dialog.changes_tree)
            assert set(dialog.meanings()) == set(FIXED_MEANINGS)
        finally:
            for translator in installed:
                QCoreApplication.removeTranslator(translator)
    assert shown == [
        ["stance", "oppose umbenannt in against", "0"],
        ["stance", "support: Taste S → F", ""],
        ["stance", "against behält das Netzwerkgewicht -1 von oppose", ""],
        ["source_kind", "named umbenannt in cited", "0"],
        [
            "source_kind",
            "Hinweis: named hat in der App eine Bedeutung (eine genannte Quelle ist eine"
            " Erwähnung eines Akteurs), die damit verloren geht",
            "",
        ],
    ]
