"""List models of the open article's claims and mentions, in text order."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.core.model import Actor, Claim, Mention
from annotator.core.schema import LabelSchema
from annotator.core.words import elide_words
from annotator.ui import plain

_Index = QModelIndex | QPersistentModelIndex
LabelRole = Qt.ItemDataRole.UserRole + 1


def label_list_view(
    parent: QWidget, name: str, view_class: type[QTableView] = QTableView
) -> QTableView:
    """A one-column list that stays fast with thousands of rows (a ``view_class``).

    A table with fixed row heights: unlike QListView and QTreeView it keeps no
    per-row layout, so inserting a row or scrolling to one costs the same with
    ten rows or ten thousand.
    """
    view = view_class(parent)
    view.horizontalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    rows = view.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 6)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
    view.setAccessibleName(name)
    view.setTabKeyNavigation(False)  # Tab moves on to the next control; arrows move in the list
    return view


def snippet(text: str, limit: int = 70) -> str:
    """A short, one-line quote of a span's text."""
    return elide_words(text, limit)  # cut at a word, never inside a character


def content_snippet(text: str, claim: Claim, limit: int = 70) -> str:
    """A claim's words for its row: each segment shortened on its own and joined with " … ",
    so the row shows every segment (a segment gets at least 24 characters)."""
    if not claim.segments:
        return snippet(text[claim.start : claim.end], limit)
    share = max(24, limit // len(claim.segments))
    return " … ".join(snippet(text[s.start : s.end], share) for s in claim.segments)


class _LabelListModel(QAbstractListModel):
    """Rows of labels of one article; the workspace sets them after each change."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []
        self._keys: list[tuple[int, int, str]] = []  # (start, end, id) of each row, sorted
        self._text = ""
        self._actors: dict[str, Actor] = {}

    @staticmethod
    def _key(item: Any) -> tuple[int, int, str]:
        return (item.start, item.end, item.id)

    def set_items(self, items: list[Any], text: str, actors: dict[str, Actor]) -> None:
        """Replace the rows (labels in any order; shown in text order)."""
        self.beginResetModel()
        self._items = sorted(items, key=self._key)
        self._keys = [self._key(i) for i in self._items]
        self._text, self._actors = text, actors
        self.endResetModel()

    def apply(self, removed: Iterable[Any], upserted: Iterable[Any]) -> None:
        """Remove labels (as they were) and insert or replace others, row by row."""
        upserted = list(upserted)
        replaced = {self._key(item) for item in upserted}
        for item in removed:
            if self._key(item) in replaced:
                continue  # same place: replaced below, so views keep their current row
            row = self._row_of_key(self._key(item))
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._items[row], self._keys[row]
                self.endRemoveRows()
        for item in upserted:
            key = self._key(item)
            row = bisect_left(self._keys, key)
            if row < len(self._keys) and self._keys[row] == key:
                self._items[row] = item
                self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
                continue
            self.beginInsertRows(QModelIndex(), row, row)
            self._items.insert(row, item)
            self._keys.insert(row, key)
            self.endInsertRows()

    def set_actors(self, actors: dict[str, Actor]) -> None:
        """Actors were renamed or merged: show their new names."""
        self._actors = actors
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, 0))

    def _row_of_key(self, key: tuple[int, int, str]) -> int:
        row = bisect_left(self._keys, key)
        return row if row < len(self._keys) and self._keys[row] == key else -1

    def item(self, row: int) -> Any:
        """The label on ``row``."""
        return self._items[row]

    def row_of(self, label_id: str) -> int:
        """The row of a label id, or -1."""
        return next((i for i, key in enumerate(self._keys) if key[2] == label_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.describe(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain.tooltip(self._text[item.start : item.end])
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
    """Claims: quote, claimant and stance (by the names of ``schema``'s stance values)."""

    def __init__(self, schema: LabelSchema, parent: Any = None) -> None:
        super().__init__(parent)
        self._stances = {v.id: v.name for v in schema.field("stance").values}
        self._kinds = {v.id: v.name.lower() for v in schema.field("source_kind").values}

    def describe(self, item: Claim) -> str:
        quote = content_snippet(self._text, item)
        source = item.attribution
        if item.claimant:
            who = self._actor_name(item.claimant)
        elif source.source_is_words and source.source_text:  # "observers": no claimant needed
            who = f"{snippet(source.source_text, 30)} ({self._kinds.get(source.source_kind or '', '')})"
        else:
            who = self.tr("no claimant")
        stance = self._stances.get(item.stance, item.stance) if item.stance else None
        stance = stance or self.tr("no stance")
        return self.tr("“{quote}” — {claimant}, {stance}").format(
            quote=quote, claimant=who, stance=stance
        )


class MentionListModel(_LabelListModel):
    """Mentions: the words and the actor they refer to."""

    def describe(self, item: Mention) -> str:
        words = snippet(self._text[item.start : item.end], 40)
        actor = self._actor_name(item.actor) if item.actor else self.tr("no actor")
        return f"{words} → {actor}"
