"""The form of the selected claim: who claims what toward whom, how it is attributed.

Every field shows its schema values with their keys. One field at a time is
*active* (marked with ▸): a value key pressed in the article text sets it and
moves on to the next field, so a claim is labelled without leaving the text.
The rows and the walk of the value keys follow one order, the order in which
the project's schema lists the claim fields (`field_order`).
The form never writes: it emits what the user chose, and the workspace turns
that into an undoable command.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from annotator.core.model import Actor, Claim
from annotator.core.schema import Field, LabelSchema
from annotator.core.segments import covered_text
from annotator.core.words import elide_words
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.labels.actor_picker import ActorPicker


def field_order(schema: LabelSchema) -> tuple[str, ...]:
    """The claim's vocabulary fields in the order the schema lists them, extra fields included.

    The form's rows are in this order, and the value keys walk through it
    (``]`` and ``[`` step along it) after a claim is marked.
    """
    return tuple(name for name in schema.fields if name != "actor_type")


ACTOR_ROLES = (
    ("claimant", QT_TRANSLATE_NOOP("ClaimForm", "Claimant")),
    ("addressee", QT_TRANSLATE_NOOP("ClaimForm", "Addressee")),
    ("target", QT_TRANSLATE_NOOP("ClaimForm", "Target")),
)
"""Actor fields of a claim, with their titles (translated in the form)."""
NOT_SET = "—"
CUE_CHARS = 40
"""A cue longer than this is shown elided (whole in its tooltip)."""


class ChoiceField(QComboBox):
    """A vocabulary field: not set, or one of the schema's values (with its key)."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.addItem(NOT_SET, None)
        for value in field.values:
            self.addItem(f"{value.name}  ({value.key})" if value.key else value.name, value.id)
        self.setAccessibleName(field.label)

    def set_value(self, value_id: str | None) -> None:
        """Show a value id (or not set) without emitting ``activated``."""
        self.setCurrentIndex(max(0, self.findData(value_id)))

    def value_for_key(self, key: str) -> str | None:
        """The value id whose key is ``key`` (any case), or None."""
        return next((v.id for v in self.field.values if v.key == key.lower()), None)


class ClaimForm(QWidget):
    """Shows and edits one claim."""

    # claim id, field name, value id or None ("note" and "source_text" carry text). The
    # claim id is the claim the user typed for, which may no longer be the one shown.
    value_chosen = Signal(str, str, object)
    actor_chosen = Signal(str, object)  # role, Actor or None
    actor_create = Signal(str, str)  # role, name for a new actor

    def __init__(
        self, project: Project, schema: LabelSchema, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.claim: Claim | None = None
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.summary = plain.label(self.tr("Select text and press C to mark a claim."), self)
        self.summary.setWordWrap(True)
        layout.addRow(self.summary)
        self.pickers: dict[str, ActorPicker] = {}
        self.row_labels: dict[str, QLabel] = {}
        for role, english in ACTOR_ROLES:
            title = QCoreApplication.translate("ClaimForm", english)
            picker = ActorPicker(project, self)
            picker.setAccessibleName(title)
            picker.picked.connect(lambda actor, r=role: self.actor_chosen.emit(r, actor))
            picker.create_requested.connect(lambda name, r=role: self.actor_create.emit(r, name))
            self.pickers[role] = picker
            self._add_row(layout, role, title, picker)
        self.choices: dict[str, ChoiceField] = {}
        self.source = QLineEdit(self)
        self.source.setPlaceholderText(
            self.tr("select the source and press S, or type unnamed words")
        )
        self.source.setAccessibleName(self.tr("Source"))
        self.source.editingFinished.connect(self.commit_edits)
        self.cue = plain.label(NOT_SET, self)
        self.cue.setAccessibleName(self.tr("Cue"))
        self.order = field_order(schema)  # of the rows, and of the value keys
        for name in self.order:  # the source's words and the cue go around the source kind
            if name == "source_kind":
                self._add_row(layout, "source", self.tr("Source"), self.source)
            self._add_choice(layout, schema.field(name))
            if name == "source_kind":
                self._add_row(layout, "cue", self.tr("Cue"), self.cue)
        self.note = QLineEdit(self)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.editingFinished.connect(self.commit_edits)
        self._add_row(layout, "note", self.tr("Note"), self.note)
        self.active = self.order[0]
        self.walk: tuple[str, ...] = ()
        """Fields the value keys walk through instead of `order` (what a suggestion left open)."""
        self.set_claim(None, "", {}, None)

    def _add_row(self, layout: QFormLayout, name: str, title: str, widget: QWidget) -> None:
        label = plain.label(title, self)  # field names come from the project's schema
        label.setBuddy(widget)
        self.row_labels[name] = label
        layout.addRow(label, widget)

    def _add_choice(self, layout: QFormLayout, field: Field) -> None:
        combo = ChoiceField(field, self)
        combo.activated.connect(
            lambda _, c=combo: (
                self.claim and self.value_chosen.emit(self.claim.id, c.field.name, c.currentData())
            )
        )
        self.choices[field.name] = combo
        self._add_row(layout, field.name, field.label, combo)

    def commit_edits(self) -> None:
        """Emit the note and source words if they were typed but not confirmed."""
        if self.claim is not None:
            self._commit_for(self.claim)

    def _commit_for(self, claim: Claim) -> None:
        if self.note.text() != claim.note:
            self.value_chosen.emit(claim.id, "note", self.note.text())
        text = self.source.text().strip() or None
        if claim.attribution.source_mention is None and text != claim.attribution.source_text:
            self.value_chosen.emit(claim.id, "source_text", text)
        self.source.setModified(False)

    # -- showing a claim --------------------------------------------------------------------

    def set_claim(
        self, claim: Claim | None, text: str, actors: dict[str, Actor], source_words: str | None
    ) -> None:
        """Show ``claim`` of an article with ``text``; ``actors`` holds those it refers to."""
        previous, self.claim = self.claim, claim
        same = previous is not None and claim is not None and claim.id == previous.id
        typed_note = same and self.note.text() != previous.note  # type: ignore[union-attr]
        typed_source = same and self.source.isModified()
        if previous is not None and not same:
            self._commit_for(previous)  # what was typed for the previous claim is kept
        if not same:
            self.walk = ()
        for widget in (*self.pickers.values(), *self.choices.values(), self.source, self.note):
            widget.setEnabled(claim is not None)
        if claim is None:
            self.summary.setText(self.tr("Select text and press C to mark a claim."))
            for picker in self.pickers.values():
                picker.set_actor(None)
            for combo in self.choices.values():
                combo.set_value(None)
            self.source.clear()
            self.cue.setText(NOT_SET)
            self.note.clear()
            self._mark_active()
            return
        snippet = covered_text(text, claim.content)  # a claim in segments: joined by " … "
        self.summary.setText(f"“{snippet if len(snippet) < 160 else snippet[:157] + '…'}”")
        self._fill(claim, text, actors, source_words, typed_source, typed_note)

    def preview(
        self,
        claim: Claim,
        text: str,
        actors: dict[str, Actor],
        source_words: str | None,
        summary: str,
    ) -> None:
        """Show a suggested claim greyed, not editable: what accepting it would create.

        The form holds no claim meanwhile (`claim` is None): value keys and typing
        go nowhere until the suggestion is accepted or another claim is chosen.
        """
        self.set_claim(None, "", {}, None)
        self._fill(claim, text, actors, source_words, False, False)
        self.summary.setText(summary)

    def _fill(
        self,
        claim: Claim,
        text: str,
        actors: dict[str, Actor],
        source_words: str | None,
        typed_source: bool,
        typed_note: bool,
    ) -> None:
        """Show the values of ``claim`` (keeping what is being typed for the same one)."""
        for role, picker in self.pickers.items():
            actor_id = getattr(claim, role)
            picker.set_actor(actors.get(actor_id) if actor_id else None)
        for name, combo in self.choices.items():
            combo.set_value(self._value(claim, name))
        if not typed_source:  # a refresh of the same claim keeps what is being typed
            self.source.setText(source_words or claim.attribution.source_text or "")
        self.source.setReadOnly(claim.attribution.source_mention is not None)
        cue = claim.attribution.cue
        # Elided: a long cue must not widen the form (and squeeze the text beside it).
        words = text[cue.start : cue.end] if cue else ""
        self.cue.setText(f"“{elide_words(words, CUE_CHARS)}”" if cue else NOT_SET)
        self.cue.setToolTip(plain.tooltip(words) if len(words) > CUE_CHARS else "")
        if not typed_note:
            self.note.setText(claim.note)
            self.note.setCursorPosition(0)
        self.source.setCursorPosition(0)
        self._mark_active()

    @staticmethod
    def _value(claim: Claim, field: str) -> str | None:
        if field == "attribution_type":
            return claim.attribution.attribution_type
        if field == "source_kind":
            return claim.attribution.source_kind
        if field in claim.extra or not hasattr(claim, field):
            extra: str | None = claim.extra.get(field)
            return extra
        value: str | None = getattr(claim, field)
        return value

    # -- the active field -------------------------------------------------------------------

    def start_quick_entry(self) -> None:
        """Make the first field active (after a claim is marked)."""
        self.walk = ()
        self.set_active(self.order[0])

    def start_walk(self, fields: tuple[str, ...]) -> bool:
        """Let the value keys set only ``fields`` (those of `order`), in form order, first first.

        After a suggestion is accepted, the keys skip what it set. Returns
        False when none of ``fields`` is a field of the form (nothing to walk).
        """
        self.walk = tuple(name for name in self.order if name in fields)
        if not self.walk:
            return False
        self.set_active(self.walk[0])
        return True

    def set_active(self, field: str) -> None:
        """Make ``field`` (one of `order`) the field the value keys set next."""
        self.active = field
        self._mark_active()

    def step(self, delta: int) -> None:
        """Make the next (+1) or previous (-1) field of `order` active (] and [)."""
        self.walk = ()
        index = (self.order.index(self.active) + delta) % len(self.order)
        self.set_active(self.order[index])

    def press(self, key: str) -> tuple[str, str] | None:
        """The (field, value) a value key picks in the active field, moving on; else None.

        Moving on is to the next field of `walk` while there is one, else of `order`.
        """
        if self.claim is None:
            return None
        value = self.choices[self.active].value_for_key(key)
        if value is None:
            return None
        field = self.active
        rest = self.walk[self.walk.index(field) + 1 :] if field in self.walk else ()
        if rest:
            self.walk = rest
            self.set_active(rest[0])
        else:
            self.step(+1)
        return field, value

    def _mark_active(self) -> None:
        for name, label in self.row_labels.items():
            title = (
                self.choices[name].field.label
                if name in self.choices
                else label.text().lstrip("▸ ")
            )
            active = name == self.active and self.claim is not None
            label.setText(f"▸ {title}" if active else title)
            font = label.font()
            font.setWeight(QFont.Weight.Bold if active else QFont.Weight.Normal)
            label.setFont(font)
