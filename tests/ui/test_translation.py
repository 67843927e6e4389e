"""Translation: strings go through tr() with the right context, and none is left out."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from annotator.resources import resource
from annotator.store.project import Project
from annotator.ui.i18n import install_translations, plural
from annotator.ui.window.dialogs import ShortcutGroup, ShortcutsDialog
from annotator.ui.window.main_window import MainWindow

UI = Path(__file__).resolve().parents[2] / "annotator" / "ui"
OPERATIONS = UI.parent / "operations.py"
"""The undo titles of the user's operations, marked with QT_TRANSLATE_NOOP outside the UI."""
BIN = Path(sys.executable).parent

GERMAN = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context><name>MainWindow</name>
  <message><source>&amp;File</source><translation>&amp;Datei</translation></message>
</context>
<context><name>ShortcutsDialog</name>
  <message><source>Keyboard shortcuts</source><translation>Tastenkürzel</translation></message>
</context>
<context><name>ArticleListPanel</name>
  <message numerus="yes"><source>%n article(s)</source>
    <translation><numerusform>%n Artikel</numerusform><numerusform>%n Artikel</numerusform>
    </translation></message>
</context>
</TS>
"""


@pytest.fixture
def german(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    """A German translation built with lrelease and installed as the app does at startup."""
    source = tmp_path / "claim-annotator_de.ts"
    source.write_text(GERMAN, encoding="utf-8")
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(source), "-qm", str(source.with_suffix(".qm"))],
        check=True,
        capture_output=True,
    )
    installed = install_translations(qapp, tmp_path, QLocale("de_DE"))
    try:
        yield tmp_path
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


def test_a_translation_changes_the_menus_dialogs_counts_and_qt_buttons(
    qtbot, german: Path, project: Project, sample_jsonl: Path
) -> None:  # type: ignore[no-untyped-def]
    from annotator.io.importer import import_files

    import_files(project, [sample_jsonl])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[0] == "&Datei"
    assert "&Edit" in titles  # not in the test translation: stays English
    assert window.list_panel.count.text() == f"{project.article_count()} Artikel"

    dialog = ShortcutsDialog([ShortcutGroup("Help", [("F1", "Help")])], window)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Tastenkürzel"
    close = dialog.findChild(QDialogButtonBox).buttons()[0]
    assert close.text().replace("&", "") == "Schließen"  # Qt's own translation, installed alongside


def test_without_a_translation_counts_read_as_english(qapp: QApplication) -> None:
    for n, expected in ((0, "0 articles"), (1, "1 article"), (2, "2 articles")):
        assert plural(QCoreApplication.translate("X", "%n article(s)", None, n), n) == expected


def test_a_language_without_a_file_installs_none_of_ours(
    qapp: QApplication, tmp_path: Path
) -> None:
    installed = install_translations(qapp, tmp_path, QLocale("de_DE"))
    try:
        assert [t.filePath() for t in installed if "claim-annotator" in t.filePath()] == []
        assert any("qtbase_de" in t.filePath() for t in installed)
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


# -- every user-facing literal goes through tr() --------------------------------------------

TEXT_ARGS: dict[str, tuple[int, ...]] = {
    # constructors: the text is the first argument
    "QLabel": (0,),
    "QPushButton": (0,),
    "QToolButton": (0,),
    "QAction": (0,),
    "QCheckBox": (0,),
    "QRadioButton": (0,),
    "QGroupBox": (0,),
    "QListWidgetItem": (0,),
    "QProgressDialog": (0, 1),
    "QBarSet": (0,),
    "label": (0,),  # annotator.ui.plain: labels and message boxes that show data as typed
    "rich_label": (0,),
    "message_box": (1, 2),
    "choose_item": (1, 2),
    # methods
    "setText": (0,),
    "setWindowTitle": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setPlaceholderText": (0,),
    "setAccessibleName": (0,),
    "setAccessibleDescription": (0,),
    "setLabelText": (0,),
    "setTitle": (0,),
    "setSuffix": (0,),
    "setPrefix": (0,),
    "setHeaderLabels": (0,),
    "setHorizontalHeaderLabels": (0,),
    "setTabText": (1,),
    "addTab": (1,),
    "addMenu": (0,),
    "addAction": (0,),
    "addItem": (0,),
    "addRow": (0,),
    "showMessage": (0,),
    "information": (1, 2),
    "warning": (1, 2),
    "critical": (1, 2),
    "question": (1, 2),
    "about": (1, 2),
    "getOpenFileName": (1, 3),
    "getOpenFileNames": (1, 3),
    "getSaveFileName": (1, 3),
    "getExistingDirectory": (1,),
    "getFont": (2,),
    "emit": (0,),  # messages for the status bar
    "run": (0,),  # Session.run: the undo text
    "macro": (0,),
    "createUndoAction": (1,),
    "createRedoAction": (1,),
    "_action": (1,),  # MainWindow._action(menu, title, shortcut, slot)
    "_buttons": (1,),
}
"""Calls whose arguments at these positions are shown to the user."""

ALLOWED = {"OK"}  # none so far: words in this set may stay untranslated


def _words(text: str) -> bool:
    """True if ``text`` holds words a translator would translate (not tags, keys or ids)."""
    text = re.sub(r"<[^>]*>", "", text)  # rich text tags
    return bool(re.search(r"[^\W\d_]{2,}", text)) and text not in ALLOWED


def _untranslated(node: ast.expr) -> bool:
    """A literal (or f-string, or sum, or list of them) with words, not passed through tr()."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and _words(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_untranslated(part) for part in node.values)
    if isinstance(node, ast.BinOp):
        return _untranslated(node.left) or _untranslated(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_untranslated(item) for item in node.elts)
    if isinstance(node, ast.IfExp):
        return _untranslated(node.body) or _untranslated(node.orelse)
    return False  # calls (tr, translate, format of a tr) and names


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def untranslated_strings(path: Path) -> list[str]:
    """``file:line: text`` for each user-facing literal in ``path`` not passed through tr()."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        for position in TEXT_ARGS.get(_name(node), ()):
            if position < len(node.args) and _untranslated(node.args[position]):
                text = ast.unparse(node.args[position])
                found.append(f"{path.name}:{node.args[position].lineno}: {text}")
    return found


def test_the_scan_finds_untranslated_strings(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "label = QLabel('Hello', self)\n"
        "bar.showMessage(f'Saved: {text}', 4000)\n"
        "box = QMessageBox.warning(self, self.tr('Title'), 'Body ' + detail)\n"
        "ok = QLabel(self.tr('Fine'), self)\n"
        "keys = QLabel('<b>Q / S</b>', self)\n"
        "also = QLabel(f'<b>{name}</b>', self)\n"
    )
    assert untranslated_strings(sample) == [
        "sample.py:1: 'Hello'",
        "sample.py:2: f'Saved: {text}'",
        "sample.py:3: 'Body ' + detail",
    ]


def test_every_user_facing_string_goes_through_tr() -> None:
    found = [line for path in sorted(UI.rglob("*.py")) for line in untranslated_strings(path)]
    assert found == []


# -- the template for translators -----------------------------------------------------------


def test_the_committed_template_holds_the_ui_strings() -> None:
    root = ET.parse(resource("translations", "claim-annotator.ts")).getroot()
    contexts = {c.findtext("name"): c.findall("message") for c in root.iter("context")}
    assert {"MainWindow", "Operation", "ArticleListPanel", "ExportDialog"} <= set(contexts)
    sources = {m.findtext("source") for ms in contexts.values() for m in ms}
    assert {"&File", "Keyboard shortcuts", "%n article(s)", "Mark claim"} <= sources
    assert sum(len(ms) for ms in contexts.values()) > 300


def _messages(path: Path) -> set[tuple[str, str]]:
    root = ET.parse(path).getroot()
    return {
        (context.findtext("name") or "", message.findtext("source") or "")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_the_committed_template_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = [str(path) for path in [*sorted(UI.rglob("*.py")), OPERATIONS]]
    subprocess.run(
        [str(BIN / "pyside6-lupdate"), "-no-obsolete", *sources, "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    committed = _messages(resource("translations", "claim-annotator.ts"))
    missing = sorted(_messages(fresh) - committed)
    assert missing == [], "run `make translations` to add these to the template"
