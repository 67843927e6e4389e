"""List models of the open article's claims and mentions, in text order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from annotator.core.model import Actor, Claim, Mention

_Index = QModelIndex | QPersistentModelIndex
LabelRole = Qt.ItemDataRole.UserRole + 1


def snippet(text: str, limit: int = 70) -> str:
    """A short, one-line quote of a span's text."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class _LabelListModel(QAbstractListModel):
    """Rows of labels of one article; the workspace sets them after each change."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []
        self._text = ""
        self._actors: dict[str, Actor] = {}

    def set_items(self, items: list[Any], text: str, actors: dict[str, Actor]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self._items, self._text, self._actors = list(items), text, actors
        self.endResetModel()

    def item(self, row: int) -> Any:
        """The label on ``row``."""
        return self._items[row]

    def row_of(self, label_id: str) -> int:
        """The row of a label id, or -1."""
        return next((i for i, item in enumerate(self._items) if item.id == label_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.describe(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._text[item.start : item.end]
        if role == LabelRole:
            return item
        return None

    def _actor_name(self, actor_id: str | None) -> str:
        actor = self._actors.get(actor_id) if actor_id else None
        return actor.name if actor else "?"

    def describe(self, item: Any) -> str:
        """The row's text."""
        raise NotImplementedError


class ClaimListModel(_LabelListModel):
    """Claims: quote, claimant and stance."""

    def describe(self, item: Claim) -> str:
        quote = snippet(self._text[item.start : item.end])
        who = self._actor_name(item.claimant) if item.claimant else "no claimant"
        return f"“{quote}” — {who}, {item.stance or 'no stance'}"


class MentionListModel(_LabelListModel):
    """Mentions: the words and the actor they refer to."""

    def describe(self, item: Mention) -> str:
        words = snippet(self._text[item.start : item.end], 40)
        return f"{words} → {self._actor_name(item.actor) if item.actor else 'no actor'}"
