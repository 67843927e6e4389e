"""The article list with its filters: full-text search, status, story and source."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListView,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import STATUSES
from annotator.store.project import Project
from annotator.store.queries import ArticleFilter
from annotator.ui import plain
from annotator.ui.articles.article_list import COLUMNS, ArticleListModel, column_title, status_name
from annotator.ui.i18n import plural

SEARCH_DELAY_MS = 250
MIN_FILTER_CHARS = 8
"""Characters a filter shows at least; the layout gives them the room there is."""


class Choices(QAbstractListModel):
    """A filter's choices: "any" (no value), then each label with its value (the item data).

    A list model, not one item per choice, because a project may have 12,500
    stories: added one by one they took a tenth of a second to open.
    """

    def __init__(self, anything: str, items: list[tuple[str, str]], parent: QObject) -> None:
        super().__init__(parent)
        self._anything = anything
        self._items = items

    def set_items(self, items: list[tuple[str, str]]) -> None:
        """Offer these choices after "any"."""
        self.beginResetModel()
        self._items = items
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self._items)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row <= len(self._items):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._items[row - 1][0] if row else self._anything
        if role == Qt.ItemDataRole.UserRole:  # what `QComboBox.currentData` reads
            return self._items[row - 1][1] if row else None
        return None


def _filter_combo(
    parent: QWidget, name: str, anything: str, items: list[tuple[str, str]]
) -> QComboBox:
    combo = QComboBox(parent)
    combo.setAccessibleName(name)
    combo.setModel(Choices(anything, items, combo))
    # Sized by the layout, not by measuring every choice (thousands of stories).
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(MIN_FILTER_CHARS)
    view = combo.view()
    if isinstance(view, QListView):
        view.setUniformItemSizes(True)  # the list opens without measuring every choice
    return combo


class ArticleListPanel(QWidget):
    """Lists the project's articles for one annotator; emits the one chosen."""

    article_chosen = Signal(str)
    search_changed = Signal(str)

    def __init__(self, project: Project, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleListModel(project, annotator, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search titles and text (Ctrl+Shift+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search articles"))
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.mine = QCheckBox(self.tr("My articles"), self)
        self.mine.setToolTip(self.tr("Only the articles assigned to you (Ctrl+M)"))
        self.mine.setAccessibleName(self.tr("Only my articles"))
        self._annotator = annotator
        assigned = project.has_assignments(annotator)
        self.mine.setVisible(project.has_assignments())
        self.mine.setChecked(assigned)  # annotators see their own work by default
        self.mine.toggled.connect(lambda _: self.apply_filter())
        layout.addWidget(self.mine)
        self.status = _filter_combo(
            self, self.tr("Status"), self.tr("Status: any"), [(status_name(s), s) for s in STATUSES]
        )
        self.story = _filter_combo(
            self, self.tr("Story"), self.tr("Story: any"), [(s, s) for s in project.stories()]
        )
        self.source = _filter_combo(
            self, self.tr("Source"), self.tr("Source: any"), [(s, s) for s in project.sources()]
        )
        for combo in (self.status, self.story, self.source):
            combo.activated.connect(lambda _: self.apply_filter())
            filters.addWidget(combo, 1)
        layout.addLayout(filters)
        self.table = self._table()
        layout.addWidget(self.table, 1)
        if self.mine.isChecked():
            self.model.set_filter(self._where())
        self.count = plain.label("", self)
        layout.addWidget(self.count)
        self._left_at: int | None = None
        self._delay = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._delay.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _: self._delay.start())
        self._show_count()

    def _table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setAccessibleName(self.tr("Articles"))
        table.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):  # source and story: the filters show them; the list stays narrow
            table.setColumnHidden(column, True)
        table.installEventFilter(self)  # Ctrl+End: to the last article, not of the loaded ones
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        table.selectionModel().currentRowChanged.connect(self._row_changed)
        return table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+End in the list reads the rest of it first, so it goes to the last article."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.MoveToEndOfDocument)
        ):
            self.model.fetch_all()
        return super().eventFilter(watched, event)

    def _column_menu(self, point: QPoint) -> None:
        """Right click on the header: choose which columns to show."""
        menu = QMenu(self)
        for column in range(len(COLUMNS)):
            action = menu.addAction(column_title(column))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.setEnabled(column != 0)  # the title always shows
            action.toggled.connect(lambda shown, c=column: self.table.setColumnHidden(c, not shown))
        menu.exec(self.table.horizontalHeader().mapToGlobal(point))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.article_chosen.emit(self.model.article_id(current.row()))

    def apply_filter(self) -> None:
        """Show the articles the search box and the filters let through."""
        self._delay.stop()
        text = self.search.text().strip()
        self.model.set_filter(self._where())
        self._show_count()
        self.search_changed.emit(text)
        if self.model.rowCount():
            self.select_row(0)

    def _where(self) -> ArticleFilter:
        text = self.search.text().strip()
        return ArticleFilter(
            status=self.status.currentData(),
            story=self.story.currentData(),
            source=self.source.currentData(),
            search=text or None,
            assigned_to=self._annotator if self.mine.isChecked() else None,
        )

    def refresh_assignments(self) -> None:
        """Show "My articles" once there are assignments, and turn it on for me."""
        project = self.model._project
        has = project.has_assignments()
        self.mine.setVisible(has)
        blocked = self.mine.blockSignals(True)
        self.mine.setChecked(project.has_assignments(self._annotator))
        self.mine.blockSignals(blocked)
        self.apply_filter()

    def _show_count(self) -> None:
        total = self.model.total()
        self.count.setText(plural(self.tr("%n article(s)", "", total), total))

    def refresh_filters(self) -> None:
        """Offer the stories and sources there are now (after an import)."""
        project = self.model._project
        for combo, values in ((self.story, project.stories()), (self.source, project.sources())):
            chosen = combo.currentData()
            choices = combo.model()
            assert isinstance(choices, Choices)
            choices.set_items([(value, value) for value in values])
            combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def refresh_articles(self, ids: set[str], open_article: str | None) -> None:
        """Re-read the rows of these articles after their status changed.

        A row the filter no longer lets through goes, one it lets through
        again comes back; the open article stays open either way (the row
        below a removed one does not open), see `show_article`.
        """
        was_at = self.current_row()
        selection = self.table.selectionModel()
        blocked = selection.blockSignals(True)
        try:
            self.model.refresh_articles(ids)
        finally:
            selection.blockSignals(blocked)
        self.show_article(open_article, was_at)

    def show_article(self, article_id: str | None, was_at: int = -1) -> None:
        """Mark the open article's row as current without opening it again.

        If the article left the list (a status filter), the next unfinished
        article is searched from where it was.
        """
        rows = self.model.loaded_ids()
        selection = self.table.selectionModel()
        blocked = selection.blockSignals(True)
        try:
            if article_id in rows:
                self._left_at = None
                selection.setCurrentIndex(
                    self.model.index(rows.index(article_id), 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
            else:
                self._left_at = max(0, was_at)
                selection.clear()
        finally:
            selection.blockSignals(blocked)
        self.table.viewport().update()

    def select_row(self, row: int) -> None:
        """Make ``row`` current (opening its article)."""
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def current_row(self) -> int:
        """The row of the open article, or -1."""
        return self.table.currentIndex().row()

    def step_unfinished(self, step: int) -> bool:
        """Open the next (+1) or previous (-1) article not done or skipped; False if none."""
        row = self.current_row()
        if row < 0 and self._left_at is not None:  # the open article left the filtered list
            row = self._left_at - (1 if step > 0 else 0)
        while True:
            row += step
            if row >= self.model.rowCount() and self.model.canFetchMore(QModelIndex()):
                self.model.fetchMore(QModelIndex())
            if not 0 <= row < self.model.rowCount():
                return False
            if self.model.status(row) in ("todo", "in_progress"):
                self.select_row(row)
                return True
