"""Small dialogs: new project, export filters, annotator name, keyboard shortcuts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import STATUSES
from annotator.io.export import ExportFilter
from annotator.io.formats import EXPORTERS
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.articles.article_list import status_name

PROJECT_FILTER = QT_TRANSLATE_NOOP("dialogs", "Claim annotator projects (*.claims);;All files (*)")
"""File dialog filter for projects; translate with `tr_filter`."""
EXTENSIONS = {
    "jsonl": ".jsonl", "csv": ".csv", "network": ".graphml", "brat": "", "doccano": ".jsonl",
    "spacy": ".spacy", "hf": ".jsonl", "label-studio": ".json", "prodigy": ".jsonl",
}  # fmt: skip
"""Usual file extensions of the export formats ("" for a folder)."""
IMPORT_FILTER = QT_TRANSLATE_NOOP(
    "dialogs", "Articles (*.jsonl *.ndjson *.json *.csv *.txt);;All files (*)"
)


def tr_filter(text: str) -> str:
    """A file dialog filter marked in this module (`PROJECT_FILTER`...), translated."""
    return QCoreApplication.translate("dialogs", text)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class PathField(QWidget):
    """A path typed or chosen with a Browse button."""

    def __init__(self, title: str, filter: str, save: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title, self._filter, self._save = title, filter, save
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(title)
        browse = QPushButton(self.tr("&Browse…"), self)
        browse.clicked.connect(self._browse)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)

    def _browse(self) -> None:
        ask = QFileDialog.getSaveFileName if self._save else QFileDialog.getOpenFileName
        path, _ = ask(self, self._title, self.edit.text(), tr_filter(self._filter))
        if path:
            self.edit.setText(path)

    def path(self) -> Path | None:
        """The path, or None when empty."""
        text = self.edit.text().strip()
        return Path(text) if text else None


class NewProjectDialog(QDialog):
    """Where the new project goes, which schema it uses, and what to import first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New project"))
        form = QFormLayout(self)
        self.project = PathField(self.tr("Project file"), PROJECT_FILTER, save=True, parent=self)
        self.schema = PathField(
            self.tr("Label schema (TOML)"),
            QT_TRANSLATE_NOOP("dialogs", "Schemas (*.toml)"),
            save=False,
            parent=self,
        )
        self.schema.edit.setPlaceholderText(self.tr("the default schema"))
        self.articles = PathField(
            self.tr("Articles to import"), IMPORT_FILTER, save=False, parent=self
        )
        self.articles.edit.setPlaceholderText(self.tr("optional: import later with File > Import"))
        form.addRow(self.tr("&Project file"), self.project)
        form.addRow(self.tr("Label &schema"), self.schema)
        form.addRow(self.tr("&Articles"), self.articles)
        form.addRow(_buttons(self, self.tr("Create")))
        self.resize(560, self.sizeHint().height())


class ExportDialog(QDialog):
    """Export target and filters (annotator, status, story)."""

    def __init__(self, project: Project, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        form = QFormLayout(self)
        self.format = QComboBox(self)
        self.format.setAccessibleName(self.tr("Format"))
        for name in EXPORTERS:
            self.format.addItem(name, name)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.target = PathField(
            self.tr("Export to"),
            QT_TRANSLATE_NOOP("dialogs", "JSON Lines (*.jsonl)"),
            save=True,
            parent=self,
        )
        self.target.edit.setText(str(project.path.with_suffix(".jsonl")))
        self.annotator = QComboBox(self)
        self.annotator.addItem(self.tr("everyone"), None)
        for name in project.annotators():
            self.annotator.addItem(name, name)
        self.annotator.setCurrentIndex(max(0, self.annotator.findData(annotator)))
        self.status = QComboBox(self)
        self.status.addItem(self.tr("any"), None)
        for status in STATUSES:
            self.status.addItem(status_name(status), status)
        self.story = QComboBox(self)
        self.story.addItem(self.tr("all stories"), None)
        for story in project.stories():
            self.story.addItem(story, story)
        self.gold = QCheckBox(self.tr("Adjudicated articles only, with their gold labels"), self)
        self.single = QCheckBox(self.tr("…and articles that one annotator labelled"), self)
        self.single.setEnabled(False)
        self.gold.toggled.connect(self._gold_toggled)
        form.addRow(self.tr("Fo&rmat"), self.format)
        form.addRow(self.tr("&File"), self.target)
        form.addRow(self.tr("&Annotator"), self.annotator)
        form.addRow(self.tr("S&tatus"), self.status)
        form.addRow(self.tr("St&ory"), self.story)
        form.addRow(self.tr("&Gold"), self.gold)
        form.addRow("", self.single)
        form.addRow(_buttons(self, self.tr("Export")))
        self.resize(560, self.sizeHint().height())

    def _format_changed(self) -> None:
        """Keep the target's name in step with the format's usual extension."""
        path = self.target.path()
        if path is not None:
            suffix = EXTENSIONS.get(self.format.currentData(), "")
            self.target.edit.setText(str(path.with_suffix(suffix)))

    def _gold_toggled(self, gold: bool) -> None:
        """A gold export has no annotator or status filter; the fallback needs gold."""
        for combo in (self.annotator, self.status):
            combo.setEnabled(not gold)
        self.single.setEnabled(gold)
        if not gold:
            self.single.setChecked(False)

    def where(self) -> ExportFilter:
        """The chosen filters."""
        if self.gold.isChecked():
            fallback = "single" if self.single.isChecked() else None
            return ExportFilter(story=self.story.currentData(), gold=True, fallback=fallback)
        return ExportFilter(
            self.annotator.currentData(), self.status.currentData(), self.story.currentData()
        )


class NameDialog(QDialog):
    """Asks for the annotator's name, under which every label is saved."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Who is annotating?"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain.label(
                self.tr("Your name is saved with every label, so a lead can merge and compare."),
                self,
            )
        )
        self.name = QLineEdit(current, self)
        self.name.setAccessibleName(self.tr("Annotator name"))
        self.name.selectAll()
        layout.addWidget(self.name)
        buttons = _buttons(self, self.tr("OK"))
        layout.addWidget(buttons)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.name.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        ok.setEnabled(bool(current.strip()))


@dataclass
class ShortcutGroup:
    """A heading of the shortcuts window: its rows (keys, what they do) and subheadings."""

    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    groups: list[ShortcutGroup] = field(default_factory=list)
    note: str = ""
    """Shown beside the title: when the keys work."""

    def all_rows(self) -> list[tuple[str, str]]:
        """The rows of this group and of its subgroups (their actions prefixed by their title)."""
        prefixed = QCoreApplication.translate("ShortcutsDialog", "{group}: {action}")
        return self.rows + [
            (keys, prefixed.format(group=group.title, action=action))
            for group in self.groups
            for keys, action in group.all_rows()
        ]


class ShortcutsDialog(QDialog):
    """Help > Keyboard shortcuts: every action once, with its keys, under headings; searchable."""

    def __init__(self, groups: list[ShortcutGroup], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search keys and actions"))
        self.search.setAccessibleName(self.tr("Search shortcuts"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        layout.addWidget(self.search)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setTabKeyNavigation(False)  # Tab reaches the Close button
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        for group in groups:
            self.tree.addTopLevelItem(self._item(group))
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        layout.addWidget(self.tree, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(620, 640)

    def _item(self, group: ShortcutGroup) -> QTreeWidgetItem:
        heading = QTreeWidgetItem([group.title, group.note])
        font = heading.font(0)
        font.setBold(True)
        heading.setFont(0, font)
        font.setBold(False)
        font.setItalic(True)
        heading.setFont(1, font)
        for keys, action in group.rows:
            row = QTreeWidgetItem([keys, action])
            row.setToolTip(1, plain.tooltip(action))  # may name the schema's values
            heading.addChild(row)
        heading.addChildren([self._item(sub) for sub in group.groups])
        return heading

    def _filter(self, text: str) -> None:
        """Keep the rows whose keys or action contain ``text``, and their headings."""
        needle = text.strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            self._show_matches(self.tree.topLevelItem(i), needle)

    def _show_matches(self, item: QTreeWidgetItem, needle: str) -> bool:
        own = not needle or needle in f"{item.text(0)} {item.text(1)}".casefold()
        if not item.childCount():
            item.setHidden(not own)
            return own
        # a heading that matches shows all its rows; otherwise only its matching ones
        shown = [
            self._show_matches(item.child(i), "" if own else needle)
            for i in range(item.childCount())
        ]
        item.setHidden(not (own or any(shown)))
        return own or any(shown)


class AssignDialog(QDialog):
    """Hand out the articles: who, how much overlap, by article or by story."""

    def __init__(self, annotators: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign work"))
        form = QFormLayout(self)
        self.annotators = QLineEdit(", ".join(annotators), self)
        self.annotators.setPlaceholderText(self.tr("ana, ben, cy"))
        self.annotators.setAccessibleName(self.tr("Annotators"))
        self.overlap = QSpinBox(self)
        self.overlap.setRange(0, 100)
        self.overlap.setSuffix(self.tr(" % labelled twice"))
        self.overlap.setValue(20)
        self.overlap.setAccessibleName(self.tr("Overlap"))
        self.by = QComboBox(self)
        self.by.addItem(self.tr("article by article (round robin)"), "article")
        self.by.addItem(self.tr("whole stories"), "story")
        self.by.setAccessibleName(self.tr("Assign by"))
        form.addRow(self.tr("&Annotators"), self.annotators)
        form.addRow(self.tr("&Overlap"), self.overlap)
        form.addRow(self.tr("&By"), self.by)
        form.addRow(
            plain.label(
                self.tr("This replaces the current assignments. Labels are not touched."), self
            )
        )
        form.addRow(_buttons(self, self.tr("Assign")))
        self.resize(480, self.sizeHint().height())


class ImportDialog(QDialog):
    """What to import, in which format, and how other tools' labels map to ours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from annotator.io.importer import FORMATS

        self.setWindowTitle(self.tr("Import articles"))
        form = QFormLayout(self)
        self.source = PathField(
            self.tr("File or folder to import"), IMPORT_FILTER, save=False, parent=self
        )
        folder = QPushButton(self.tr("Fo&lder…"), self)
        folder.clicked.connect(self._choose_folder)
        self.source.layout().addWidget(folder)
        self.format = QComboBox(self)
        self.format.setAccessibleName(self.tr("Import format"))
        for name in FORMATS:
            self.format.addItem(self.tr("auto (by extension)") if name == "auto" else name, name)
        self.label_map = PathField(
            self.tr("Label map (TOML)"),
            QT_TRANSLATE_NOOP("dialogs", "Label maps (*.toml)"),
            save=False,
            parent=self,
        )
        self.label_map.edit.setPlaceholderText(
            self.tr("optional: how the other tool's labels map to ours")
        )
        self.annotator = QLineEdit(self)
        self.annotator.setAccessibleName(self.tr("Annotator of imported labels"))
        self.annotator.setPlaceholderText(self.tr("optional: for formats that do not name one"))
        self.story = QLineEdit(self)
        self.story.setAccessibleName(self.tr("Story of imported articles"))
        self.story.setPlaceholderText(self.tr("optional: for articles that have none"))
        self.title_rule = QComboBox(self)
        self.title_rule.setAccessibleName(self.tr("Title of plain-text articles"))
        self.title_rule.addItem(self.tr("auto: the first line if it reads as a title"), "auto")
        self.title_rule.addItem(self.tr("the first line is the title"), "first-line")
        self.title_rule.addItem(self.tr("no title: the whole file is the text"), "none")
        self.title_rule.setToolTip(
            self.tr(
                "Plain text (.txt) only. auto: the first line is the title when it is short (at"
                " most 100 characters, 150 before a blank line) and does not end like a"
                " sentence; otherwise the whole file is the text."
            )
        )
        self.format.currentIndexChanged.connect(self._enable_title_rule)
        self.source.edit.textChanged.connect(self._enable_title_rule)
        self._enable_title_rule()
        form.addRow(self.tr("&Import"), self.source)
        form.addRow(self.tr("Fo&rmat"), self.format)
        form.addRow(self.tr("Titl&e (.txt)"), self.title_rule)
        form.addRow(self.tr("Label &map"), self.label_map)
        form.addRow(self.tr("Annota&tor"), self.annotator)
        form.addRow(self.tr("St&ory"), self.story)
        form.addRow(_buttons(self, self.tr("Import")))
        self.resize(600, self.sizeHint().height())

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder to import"))
        if folder:
            self.source.edit.setText(folder)

    def _enable_title_rule(self) -> None:
        """The title rule applies to plain text only: the txt format, or auto with .txt or a folder."""
        from annotator.io.importer import IMPORTERS

        fmt = self.format.currentData()
        path = self.source.path()
        plain = (fmt in IMPORTERS and IMPORTERS[fmt].titles) or (
            fmt == "auto" and (path is None or path.suffix.lower() == ".txt" or path.is_dir())
        )
        self.title_rule.setEnabled(plain)

    def options(self) -> dict[str, str | None]:
        """Format, annotator, story and title rule as `import_files` takes them.

        The label map is read by the main window.
        """
        return {
            "format": self.format.currentData(),
            "annotator": self.annotator.text().strip() or None,
            "story": self.story.text().strip() or None,
            "title": self.title_rule.currentData() if self.title_rule.isEnabled() else "auto",
        }
