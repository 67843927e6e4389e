"""File › Project settings: the project's label schema, and updating it from a new TOML file.

The dialog shows the schema (fields, values, keys, descriptions), its
revision and fingerprint. A lead loads a new schema file and sees what it
changes (values added, renamed, mapped, removed, and how many labels each
touches; names, keys, weights and what to know first, which the plan holds
as data, said in the user's language); when labels hold a value the new
schema removes, the dialog says which labels (article, annotator, claim; or actor) and offers, per value, a
choice of where they go (a value of the new schema, or none). Applying asks
for confirmation, then `Project.update_schema` backs the project up and
rewrites the labels in one transaction (`annotator.store.schema_changes`).
A read-only project shows its schema and loads nothing.

The update is not an undo step (like a restore, it changes the vocabulary
every view is built on): the window reopens the project afterwards
(`MainWindow.project_settings`), so the claim form and every view show the
new values.

The dialog also has the project's recommender switches (the same as
Suggestions › Recommenders): each switch is an undoable step
(`annotator.operations.SetRecommenderEnabled`, run by the window's
``switch``), shown again from the project after it, so a refusal leaves
the tick as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.assist.compute import RECOMMENDERS
from annotator.core.errors import AnnotatorError
from annotator.core.schema import LabelSchema, read_schema
from annotator.core.schema_diff import FieldChange, Mapping, Notice
from annotator.store.project import Project
from annotator.store.schema_changes import LabelUse, SchemaChange, SchemaUpdate, ValueUse
from annotator.ui import plain
from annotator.ui.i18n import plural
from annotator.ui.suggestions.menu import recommender_title
from annotator.ui.suggestions.offered import recommender_on

CLEAR = "\n"
"""The data of the choice "no value" in a mapping box (no value id has a line break)."""


def _shown(value: str | int | None) -> str:
    """A changed name, key, colour or weight as the changes list shows it ("" for none)."""
    return "" if value is None else str(value)


class ProjectSettingsDialog(QDialog):
    """The project's schema; load a new one, see what it changes, map removed values, apply."""

    def __init__(
        self,
        project: Project,
        user: str,
        parent: QWidget | None = None,
        switch: Callable[[str, bool], object] | None = None,
    ) -> None:
        """The settings of ``project``, changed by ``user``.

        Args:
            switch: switches a recommender on or off as an undoable step (the
                window's); without it, the switches are only shown.
        """
        super().__init__(parent)
        self.project, self.user = project, user
        self._switch = switch
        self.new: LabelSchema | None = None
        self.planned: SchemaUpdate | None = None
        """What the loaded schema changes, with the mappings chosen so far."""
        self.change: SchemaChange | None = None
        """The update applied, once it is."""
        self.setWindowTitle(self.tr("Project settings"))
        self.resize(820, 640)
        self.about = plain.label("", self)
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.schema_tree = self._tree(
            self.tr("Label schema"),
            [self.tr("Field or value"), self.tr("Name"), self.tr("Key"), self.tr("Description")],
        )
        self.load_button = QPushButton(self.tr("&Load new schema…"), self)
        self.load_button.clicked.connect(self.choose_file)
        self.note = plain.label("", self)
        self.note.setWordWrap(True)
        self.changes_tree = self._tree(
            self.tr("Changes"), [self.tr("Field"), self.tr("Change"), self.tr("Labels")]
        )
        self.refusal = plain.label("", self)
        self.refusal.setWordWrap(True)
        self.refusal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.mapping_form = QFormLayout()
        self.mapping_boxes: dict[tuple[str, str], QComboBox] = {}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.apply_button = QPushButton(self.tr("&Apply new schema"), self)
        self.buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.apply_button.clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.schema_tree, 3)
        layout.addWidget(self.load_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.note)
        layout.addWidget(self.changes_tree, 2)
        layout.addWidget(self.refusal)
        layout.addLayout(self.mapping_form)
        layout.addWidget(self._recommender_box())
        layout.addWidget(self.buttons)
        self.show_schema()
        self.show_recommenders()
        if project.read_only:
            self.load_button.setEnabled(False)
            self.note.setText(
                self.tr("This project is open read-only: its schema cannot be changed here.")
            )
        self._show_update()

    def _tree(self, name: str, headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setAccessibleName(name)
        tree.setHeaderLabels(headers)
        tree.setUniformRowHeights(True)
        tree.setAllColumnsShowFocus(True)
        return tree

    # -- recommenders ------------------------------------------------------------------------

    def _recommender_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Suggestions: recommenders switched on"), self)
        column = QVBoxLayout(box)
        self.recommenders: dict[str, QCheckBox] = {}
        usable = self._switch is not None and not self.project.read_only
        for name in RECOMMENDERS:
            check = QCheckBox(recommender_title(name).replace("&", ""), box)
            check.setEnabled(usable)
            check.toggled.connect(lambda on, n=name: self.switch_recommender(n, on))
            column.addWidget(check)
            self.recommenders[name] = check
        note = plain.label(
            self.tr(
                "For the whole project, as in Suggestions › Recommenders; "
                "each switch is a step Edit › Undo takes back."
            ),
            box,
        )
        note.setWordWrap(True)
        column.addWidget(note)
        return box

    def show_recommenders(self) -> None:
        """Tick the recommenders the project has switched on."""
        settings = self.project.recommender_settings()
        for name, check in self.recommenders.items():
            blocked = check.blockSignals(True)
            check.setChecked(recommender_on(settings, name))
            check.blockSignals(blocked)

    def switch_recommender(self, name: str, on: bool) -> None:
        """Switch a recommender on or off (an undoable step), then show the project's switches."""
        if self._switch is not None:
            self._switch(name, on)
        self.show_recommenders()  # refused: the tick goes back

    # -- the schema as it is ----------------------------------------------------------------

    def show_schema(self) -> None:
        """Show the project's schema: its revision, fingerprint, fields and values."""
        schema = self.project.schema
        history = self.project.schema_history()
        about = plain.fill(
            self.tr("Schema “%1”, revision %2, fingerprint %3."),
            schema.name,
            str(schema.revision),
            schema.fingerprint,
        )
        if history:
            last = history[-1]
            about += " " + plain.fill(self.tr("Last changed %1 by %2."), last.at, last.changed_by)
        self.about.setText(about)
        self.schema_tree.clear()
        for field in schema.fields.values():
            title = plain.fill(self.tr("%1 (extra)"), field.label) if field.extra else field.label
            item = QTreeWidgetItem([field.name, title, "", field.origin])
            item.setToolTip(3, plain.tooltip(field.origin))
            for value in field.values:
                child = QTreeWidgetItem(
                    [value.id, value.name, (value.key or "").upper(), value.description]
                )
                child.setToolTip(3, plain.tooltip(value.description))
                item.addChild(child)
            self.schema_tree.addTopLevelItem(item)
        self.schema_tree.expandAll()
        for column in range(3):
            self.schema_tree.resizeColumnToContents(column)

    # -- a new schema -----------------------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for a schema file and show what it would change."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Load new schema"),
            "",
            self.tr("Label schemas (*.toml);;All files (*)"),
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Read ``path`` as the new schema and show what it changes (or why it cannot be used)."""
        self.new, self.planned = None, None
        self._clear_mappings()
        try:
            self.new = read_schema(path)
            self.planned = self.project.check_schema_update(self.new)
        except AnnotatorError as exc:
            self.new = None
            self.note.setText(plain.fill(self.tr("%1 cannot be used: %2"), path.name, str(exc)))
            self._show_update()
            return
        self.note.setText(plain.fill(self.tr("What %1 changes:"), path.name))
        for use in self.planned.blocked:
            self._add_mapping(use)
        self._show_update()

    def mappings(self) -> list[Mapping]:
        """The choices made for the removed values that labels hold."""
        chosen = []
        for (field, value), box in self.mapping_boxes.items():
            target = box.currentData()
            if target:
                chosen.append(Mapping(field, value, None if target == CLEAR else target))
        return chosen

    def _add_mapping(self, use: ValueUse) -> None:
        assert self.new is not None
        box = QComboBox(self)
        box.addItem(self.tr("Choose where its labels go…"), "")
        field = self.new.fields.get(use.field)
        for value in field.values if field is not None else ():
            box.addItem(plain.fill(self.tr("to %1 (%2)"), value.name, value.id), value.id)
        box.addItem(self.tr("to no value (not set)"), CLEAR)
        title = plain.fill(self.tr("Labels with %1 “%2”:"), use.field, use.value)
        box.setAccessibleName(title)
        box.currentIndexChanged.connect(self._mapping_changed)
        self.mapping_form.addRow(plain.label(title, self), box)
        self.mapping_boxes[(use.field, use.value)] = box

    def _clear_mappings(self) -> None:
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.mapping_boxes = {}

    def _mapping_changed(self) -> None:
        if self.new is None:
            return
        try:
            self.planned = self.project.check_schema_update(self.new, self.mappings())
        except AnnotatorError as exc:  # a choice the plan refuses: shown, nothing applied
            self.refusal.setText(str(exc))
            self.apply_button.setEnabled(False)
            return
        self._show_update()

    def _show_update(self) -> None:
        """Fill the changes and the refusal in, and allow applying only what can be applied."""
        self.changes_tree.clear()
        update = self.planned
        self.changes_tree.setVisible(update is not None)
        self.refusal.setText(self._refusal(update) if update is not None else "")
        self.apply_button.setEnabled(
            update is not None
            and update.allowed
            and update.plan.changes_anything
            and not self.project.read_only
        )
        if update is None:
            return
        for field, change, count in self._change_rows(update):
            item = QTreeWidgetItem([field, change, "" if count is None else str(count)])
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
            self.changes_tree.addTopLevelItem(item)
        if not update.plan.changes_anything:
            self.note.setText(self.tr("That file is the project's schema already."))
        for column in range(2):
            self.changes_tree.resizeColumnToContents(column)

    def _change_rows(self, update: SchemaUpdate) -> list[tuple[str, str, int | None]]:
        """(field, what changes, labels touched or None) for every change of the update."""
        plan = update.plan
        counts = {(u.field, u.value): u.count for u in (*update.rewritten, *update.blocked)}
        rows: list[tuple[str, str, int | None]] = []
        for fields in plan.fields:
            name = fields.field
            if fields.status == "added":
                rows.append((name, self.tr("new field"), None))
            elif fields.status == "removed":
                rows.append((name, self.tr("field removed"), None))
            rows += [(name, plain.fill(self.tr("%1 added"), v), None) for v in fields.added]
            for old, new in fields.renamed(plan.old):
                text = plain.fill(self.tr("%1 renamed to %2"), old, new)
                rows.append((name, text, counts.get((name, old), 0)))
            for old, target in fields.mapped(plan.old):
                text = (
                    plain.fill(self.tr("%1 removed, its labels go to %2"), old, target)
                    if target
                    else plain.fill(self.tr("%1 removed, its labels are left without a value"), old)
                )
                rows.append((name, text, counts.get((name, old), 0)))
            for old in fields.removed:
                count = counts.get((name, old), 0)
                text = (
                    plain.fill(self.tr("%1 removed, but labels hold it"), old)
                    if count
                    else plain.fill(self.tr("%1 removed"), old)
                )
                rows.append((name, text, count))
            rows += [(name, self._change_text(change), None) for change in fields.changed]
            rows += [(name, self._notice_text(notice), None) for notice in fields.warnings]
        return rows

    def _change_text(self, change: FieldChange) -> str:
        """What else changed in a field, in the user's language (the plan says it as data)."""
        value, before, after = change.value or "", _shown(change.before), _shown(change.after)
        texts = {
            "label": plain.fill(self.tr("label “%1” → “%2”"), before, after),
            "origin": self.tr("origin changed"),
            "order": self.tr("values in another order (the claim form's order)"),
            "name": plain.fill(self.tr("%1: name “%2” → “%3”"), value, before, after),
            "key": plain.fill(self.tr("%1: key %2 → %3"), value, before.upper(), after.upper()),
            "color": plain.fill(self.tr("%1: colour %2 → %3"), value, before, after),
            "description": plain.fill(self.tr("%1: description changed"), value),
            "weight": plain.fill(self.tr("%1: network weight %2 → %3"), value, before, after),
            "kept": plain.fill(
                self.tr("%1 keeps the network weight %2 of %3"), value, after, ", ".join(change.of)
            ),
        }
        return texts[change.what]

    def meanings(self) -> dict[tuple[str, str], str]:
        """What each value of `FIXED_MEANINGS` means to the app, in the user's language."""
        words = self.tr("a %1 source is words, without a mention")
        return {
            ("source_kind", "named"): self.tr("a named source is a mention of an actor"),
            ("source_kind", "unnamed"): plain.fill(words, "unnamed"),
            ("source_kind", "document"): plain.fill(words, "document"),
            ("source_kind", "author"): plain.fill(words, "author"),
            ("attribution_type", "unattributed"): self.tr(
                "an unattributed claim needs no claimant"
            ),
        }

    def _notice_text(self, notice: Notice) -> str:
        """What to know before applying, in the user's language."""
        if notice.kind == "meaning":
            meaning = self.meanings()[notice.field, notice.value]
            text = plain.fill(
                self.tr("%1 has a meaning in the app (%2); without it, that is lost"),
                notice.value,
                meaning,
            )
        else:
            text = plain.fill(
                self.tr("claims with %1 counted %2 in the network weight, now %3"),
                notice.value,
                str(notice.before),
                str(notice.after),
            )
            if notice.renamed and notice.target:
                text += plain.fill(
                    self.tr("; set weight = %1 on %2 to keep it"), str(notice.before), notice.target
                )
        return plain.fill(self.tr("Note: %1"), text)

    def _refusal(self, update: SchemaUpdate) -> str:
        """Which labels hold a removed value with nowhere to go; empty when none do."""
        if update.allowed:
            return ""
        parts = [
            self.tr(
                "The new schema removes values that labels hold. Choose below where each "
                "value's labels go, or keep the value in the schema file."
            )
        ]
        for use in update.blocked:
            labels = [self._label_text(label) for label in use.labels]
            more = use.count - len(use.labels)
            if more:
                labels.append(plural(self.tr("and %n more", "", more), more))
            heading = plural(self.tr("%1 “%2”: %n label(s)", "", use.count), use.count)
            parts.append(plain.fill(heading, use.field, use.value) + "\n  " + "\n  ".join(labels))
        return "\n".join(parts)

    def _label_text(self, label: LabelUse) -> str:
        if label.kind == "actor":
            return plain.fill(self.tr("actor %1 (%2)"), label.words, label.id)
        words = label.words if len(label.words) <= 40 else label.words[:39] + "…"
        return plain.fill(
            self.tr("article %1, %2, claim %3 “%4”"),
            label.article_id or "",
            label.annotator or "",
            label.id,
            words,
        )

    # -- applying ---------------------------------------------------------------------------

    def apply(self) -> None:
        """Confirm, then update the schema; the dialog closes (accepted) once it is."""
        update, new = self.planned, self.new
        if update is None or new is None or not update.allowed:
            return
        count = update.labels_rewritten
        question = plain.fill(
            plural(
                self.tr(
                    "Change the schema of %1 to revision %2?\n\n"
                    "%n label value(s) will be rewritten. The project is backed up first "
                    '(File › Restore backup, "Before schema change", undoes this). '
                    "This is not an undo step; the project reopens afterwards.",
                    "",
                    count,
                ),
                count,
            ),
            self.project.path.name,
            str(self.project.schema.revision + 1),
        )
        answer = plain.question(
            self,
            self.tr("Change the schema"),
            question,
            plain.Button.Yes | plain.Button.Cancel,
            plain.Button.Cancel,
        )
        if answer != plain.Button.Yes:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.change = self.project.update_schema(new, self.user, self.mappings())
        except AnnotatorError as exc:
            QGuiApplication.restoreOverrideCursor()
            plain.warning(
                self,
                self.tr("Change the schema"),
                plain.fill(self.tr("The schema was not changed.\n\n%1"), str(exc)),
            )
            return
        QGuiApplication.restoreOverrideCursor()
        self.accept()
