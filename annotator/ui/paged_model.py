"""A table model that reads its rows from the project a page at a time.

Views ask for more (`canFetchMore` / `fetchMore`) as the user scrolls, so a
list over 100,000 rows opens with one page in memory. Subclasses say how to
count and how to read a page; this class keeps the loaded rows.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

_Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
PAGE = 200


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    """Rows fetched in pages; subclasses implement `count`, `page` and `data`."""

    headers: tuple[str, ...] = ()
    """Column titles in English, marked for translation by the subclass."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._total = 0

    def count(self) -> int:
        """How many rows there are in all."""
        raise NotImplementedError

    def page(self, offset: int, limit: int) -> list[Row]:
        """Rows ``offset`` to ``offset + limit``."""
        raise NotImplementedError

    def reload(self) -> None:
        """Drop the loaded rows and read the first page again."""
        self.beginResetModel()
        self._total = self.count()
        self._rows = self.page(0, PAGE)
        self.endResetModel()

    def total(self) -> int:
        """Number of rows, loaded or not."""
        return self._total

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid():
            return
        page = self.page(len(self._rows), min(PAGE, self._total - len(self._rows)))
        if not page:  # the project shrank since it was counted
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

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
