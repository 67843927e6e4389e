"""The article list: a lazy table model over the project's articles.

Rows are fetched a page at a time (`canFetchMore`/`fetchMore`), so a project
of 100,000 articles opens without loading them; the view asks for more as
the user scrolls. Each page is read after the key of the last row loaded
(`annotator.store.article_pages.ArticlePages`), so the last page of a long
list costs what the first does.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from annotator.core.text import display_title
from annotator.store.article_pages import ArticlePages
from annotator.store.project import Project
from annotator.store.queries import ArticleFilter, ArticleSummary
from annotator.ui import plain
from annotator.ui.paged_model import PagedTableModel

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    ("title", QT_TRANSLATE_NOOP("ArticleListModel", "Title")),
    ("source", QT_TRANSLATE_NOOP("ArticleListModel", "Source")),
    ("story", QT_TRANSLATE_NOOP("ArticleListModel", "Story")),
    ("status", QT_TRANSLATE_NOOP("ArticleListModel", "Status")),
    ("claims", QT_TRANSLATE_NOOP("ArticleListModel", "Claims")),
)
"""Column keys and titles (translated where shown, with `column_title`)."""
STATUS_NAMES = {
    "todo": QT_TRANSLATE_NOOP("article_list", "To do"),
    "in_progress": QT_TRANSLATE_NOOP("article_list", "In progress"),
    "done": QT_TRANSLATE_NOOP("article_list", "Done"),
    "skipped": QT_TRANSLATE_NOOP("article_list", "Skipped"),
}
"""Status ids and their names in English; shown through `status_name`."""


def status_name(status: str) -> str:
    """The readable, translated name of a status id (the id itself if unknown)."""
    name = STATUS_NAMES.get(status)
    return QCoreApplication.translate("article_list", name) if name else status


def column_title(column: int) -> str:
    """The translated title of an article list column."""
    return QCoreApplication.translate("ArticleListModel", COLUMNS[column][1])


def summary_title(project: Project, row: ArticleSummary) -> str:
    """The title shown for a row: its own, or one derived from the text when it has none."""
    if row.title:
        return row.title
    article = project.article(row.id)
    return display_title("", article.text) if article else row.id


class ArticleListModel(PagedTableModel[int, ArticleSummary]):
    """Articles of a project with one annotator's status and claim count."""

    headers = tuple(title for _, title in COLUMNS)  # English; `headerData` translates

    def __init__(self, project: Project, annotator: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._project = project
        self._annotator = annotator
        self._where = ArticleFilter()
        self._sort = ("position", False)
        self._derived_titles: dict[str, str] = {}  # untitled article id -> shown title
        self._pages = ArticlePages(project, annotator)
        self.reload()

    def reload(self) -> None:
        """Read the list's order (when sorted by a column) and its first page again."""
        sort, descending = self._sort
        self._pages = ArticlePages(self._project, self._annotator, sort, descending, self._where)
        super().reload()

    def count(self) -> int:
        return self._pages.count()

    def page_after(self, key: int | None, limit: int) -> list[tuple[int, ArticleSummary]]:
        return self._pages.after(key, limit)

    def set_filter(self, where: ArticleFilter) -> None:
        """Show only the articles ``where`` lets through."""
        self._where = where
        self.reload()

    def article_id(self, row: int) -> str:
        """The id of the article on ``row``."""
        return self._rows[row].id

    def loaded_ids(self) -> list[str]:
        """Ids of the rows loaded so far, in order."""
        return [r.id for r in self._rows]

    def status(self, row: int) -> str:
        """The annotator's status id of the article on ``row``."""
        return self._rows[row].status

    def refresh_articles(self, ids: set[str]) -> None:
        """Re-read the rows of a few articles (their status or counts changed).

        An article whose status the filter no longer lets through leaves the
        list; one it lets through again (an undo) comes back at its place.
        Rows keep their places in a sorted list until it is sorted again.
        """
        for key, row in self._pages.find(ids).values():
            self.place(key, row)

    def refresh(self) -> None:
        """Re-read the loaded rows (status and counts change as the annotator works)."""
        self.refresh_articles(set(self.loaded_ids()))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "status":
                return status_name(row.status)
            if key == "title":
                return self._title(row)
            value = getattr(row, key)
            return "" if value is None else value
        if role == Qt.ItemDataRole.ToolTipRole and key == "title":
            return plain.tooltip(self._title(row))
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "claims":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _title(self, row: ArticleSummary) -> str:
        """The row's title; derived once from the text for an untitled article (texts never change)."""
        if row.title:
            return row.title
        if row.id not in self._derived_titles:
            self._derived_titles[row.id] = summary_title(self._project, row)
        return self._derived_titles[row.id]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Column -1 (no sort indicator) is the import order.
        key = COLUMNS[column][0] if 0 <= column < len(COLUMNS) else "position"
        sort = (key, order == Qt.SortOrder.DescendingOrder)
        if sort == self._sort:  # the view says so as sorting is turned on: read once, not twice
            return
        self._sort = sort
        self.reload()
