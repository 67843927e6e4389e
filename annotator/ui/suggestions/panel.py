"""The Suggestions tab of the label panel: the article's suggestions with their scores, the one
chosen (what accepting it creates, what is left to set), and buttons for the keys."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from annotator.assist.suggestion import Suggestion
from annotator.ui import plain
from annotator.ui.i18n import plural
from annotator.ui.labels.label_lists import label_list_view
from annotator.ui.suggestions.describe import summary

_Index = QModelIndex | QPersistentModelIndex
SuggestionRole = Qt.ItemDataRole.UserRole + 1


class SuggestionListModel(QAbstractListModel):
    """The offered suggestions of the open article, in text order, one line each."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Suggestion] = []
        self._text = ""
        self._names: dict[str, str] = {}

    def set_items(self, items: list[Suggestion], text: str, names: dict[str, str]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self._items, self._text, self._names = list(items), text, names
        self.endResetModel()

    def item(self, row: int) -> Suggestion:
        """The suggestion on ``row``."""
        return self._items[row]

    def row_of(self, key: str | None) -> int:
        """The row of the suggestion with ``key``, or -1."""
        return next((i for i, s in enumerate(self._items) if s.key == key), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        suggestion = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return summary(suggestion, self._text, self._names)
        if role == Qt.ItemDataRole.ToolTipRole:
            span = suggestion.span
            return plain.tooltip(self._text[span.start : span.end] if span else suggestion.note)
        if role == SuggestionRole:
            return suggestion
        return None


class SuggestionList(QTableView):
    """The list; Enter on a row chooses it, as a click does."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            return
        super().keyPressEvent(event)


class SuggestionPanel(QWidget):
    """Lists suggestions; shows the chosen one; emits what the user picks or presses."""

    chosen = Signal(str)  # the key of a suggestion clicked or entered in the list
    accept = Signal()
    reject = Signal()
    accept_all = Signal()
    shown = Signal()  # the tab came to the front (the window lists the suggestions then)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.count = plain.label("", self)
        self.count.setWordWrap(True)
        layout.addWidget(self.count)
        self.model = SuggestionListModel(self)
        self.list: SuggestionList = label_list_view(  # type: ignore[assignment]
            self, self.tr("Suggestions"), SuggestionList
        )
        self.list.setModel(self.model)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)  # the score and kind come first
        layout.addWidget(self.list, 1)
        self.details = plain.label("", self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("Chosen suggestion"))
        layout.addWidget(self.details)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("Accept"), self)
        self.accept_button.setToolTip(self.tr("Accept the chosen suggestion (Enter in the text)"))
        self.reject_button = QPushButton(self.tr("Reject"), self)
        self.reject_button.setToolTip(
            self.tr("Reject the chosen suggestion (Delete or Backspace in the text)")
        )
        self.all_button = QPushButton(self.tr("Accept all…"), self)
        self.all_button.setToolTip(
            self.tr("Accept every suggestion of this article, as one step (asks first)")
        )
        for button, signal in (
            (self.accept_button, self.accept),
            (self.reject_button, self.reject),
            (self.all_button, self.accept_all),
        ):
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.list.clicked.connect(self._picked)
        self.list.entered.connect(lambda: self._picked(self.list.currentIndex()))
        self.show_items([], "", {}, None, "")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def _picked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(self.model.item(index.row()).key)

    def show_items(
        self,
        items: list[Suggestion],
        text: str,
        names: dict[str, str],
        current: str | None,
        details: str,
        computing: bool = False,
    ) -> None:
        """Show the article's suggestions, the current one selected with its ``details``."""
        self.model.set_items(items, text, names)
        n = len(items)
        if n:
            count = plural(self.tr("%n suggestion(s) in this article.", "", n), n)
            keys = self.tr("Tab: next · Enter: accept · Delete: reject")
            self.count.setText(f"{count} {keys}")
        elif computing:
            self.count.setText(self.tr("Computing suggestions for this article…"))
        else:
            self.count.setText(self.tr("No suggestions in this article."))
        self.all_button.setEnabled(bool(n))
        self.show_current(current, details)

    def show_current(self, key: str | None, details: str) -> None:
        """Select the current suggestion's row (without emitting `chosen`) and show it."""
        row = self.model.row_of(key)
        selection = self.list.selectionModel()
        blocked = selection.blockSignals(True)
        if row < 0:
            selection.clear()
        else:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.list.scrollTo(index)
        selection.blockSignals(blocked)
        self.list.viewport().update()
        self.details.setText(details)
        self.details.setVisible(bool(details))
        self.accept_button.setEnabled(row >= 0)
        self.reject_button.setEnabled(row >= 0)
