"""A table model that reads its rows from the project a page at a time, by key.

Views ask for more (`canFetchMore` / `fetchMore`) as the user scrolls, so a
list over 100,000 rows opens with one page in memory. Every row comes with a
*key* that grows down the list, and the next page is the one after the last
key loaded (keyset paging): it costs the same at the bottom of the list as at
the top, where counting rows from the top (``OFFSET``) cost more the further
down it started. Subclasses say how to count and how to read the page after
a key; this class keeps the loaded rows and their keys.
"""

from __future__ import annotations

import gc
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

_Index = QModelIndex | QPersistentModelIndex


class _Ordered(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


Key = TypeVar("Key", bound=_Ordered)
Row = TypeVar("Row")
PAGE = 200
BIG_PAGE = 2000
"""Rows per read when `fetch_all` reads to the end: fewer queries, the same cost per row."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a batch of rows is read.

    Rows hold no reference cycles, but making many of them sets off
    collections, and each full one walks every object of the app, the rows
    loaded so far among them: reading 100,000 rows took twice as long.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class PagedTableModel(QAbstractTableModel, Generic[Key, Row]):
    """Rows fetched in pages by key; subclasses implement `count`, `page_after` and `data`."""

    headers: tuple[str, ...] = ()
    """Column titles in English, marked for translation by the subclass."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._keys: list[Key] = []
        self._total = 0
        self._at_end = True

    def count(self) -> int:
        """How many rows there are in all."""
        raise NotImplementedError

    def page_after(self, key: Key | None, limit: int) -> list[tuple[Key, Row]]:
        """The ``limit`` rows after the row with ``key`` (the first rows for None), with their keys.

        Fewer only at the end of the list.
        """
        raise NotImplementedError

    def reload(self) -> None:
        """Drop the loaded rows and read the first page again."""
        self.beginResetModel()
        with collector_paused():
            page = self.page_after(None, PAGE)
        self._keys = [key for key, _ in page]
        self._rows = [row for _, row in page]
        self._at_end = len(page) < PAGE
        self._total = len(page) if self._at_end else self.count()
        self.endResetModel()

    def total(self) -> int:
        """Number of rows, loaded or not."""
        return self._total

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._at_end

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or self._at_end:
            return
        with collector_paused():
            page = self.page_after(self._keys[-1] if self._keys else None, PAGE)
        if len(page) < PAGE:
            self._at_end = True
        if not page:
            self._total = len(self._rows)  # the list shrank since it was counted
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._keys.extend(key for key, _ in page)
        self._rows.extend(row for _, row in page)
        self.endInsertRows()
        if self._at_end:
            self._total = len(self._rows)

    def fetch_all(self) -> None:
        """Read every row not loaded yet and add them in one go (the view's Ctrl+End).

        Pages are read in turn as for scrolling, but the view hears of one
        insertion, not of one per page.
        """
        if self._at_end:
            return
        keys: list[Key] = []
        rows: list[Row] = []
        last = self._keys[-1] if self._keys else None
        with collector_paused():
            while True:
                page = self.page_after(keys[-1] if keys else last, BIG_PAGE)
                keys.extend(key for key, _ in page)
                rows.extend(row for _, row in page)
                if len(page) < BIG_PAGE:
                    break
        self._at_end = True
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._keys.extend(keys)
            self._rows.extend(rows)
            self.endInsertRows()
        self._total = len(self._rows)

    def place(self, key: Key, row: Row | None) -> None:
        """Show ``row`` at the place of ``key`` among the loaded rows, or take it out (None).

        For a row that changed (its counts, or whether the filter lets it
        through); a key beyond the loaded rows waits until the view reads
        that far.
        """
        if not self._at_end and (not self._keys or self._keys[-1] < key):
            return
        at = bisect_left(self._keys, key)
        present = at < len(self._keys) and self._keys[at] == key
        if row is None:
            if present:
                self.beginRemoveRows(QModelIndex(), at, at)
                del self._keys[at], self._rows[at]
                self.endRemoveRows()
                self._total -= 1
        elif present:
            self._rows[at] = row
            self.dataChanged.emit(self.index(at, 0), self.index(at, self.columnCount() - 1))
        else:
            self.beginInsertRows(QModelIndex(), at, at)
            self._keys.insert(at, key)
            self._rows.insert(at, row)
            self.endInsertRows()
            self._total += 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header_title(section)
        return None

    def header_title(self, section: int) -> str:
        """The title of a column, translated in the context named after the subclass.

        Subclasses mark their `headers` with ``QT_TRANSLATE_NOOP("<ClassName>", ...)``.
        """
        return QCoreApplication.translate(type(self).__name__, self.headers[section])
