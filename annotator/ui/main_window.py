"""The main window: for now the project's article list (the workspace comes next)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QMainWindow, QTableView

from annotator.store.project import Project
from annotator.ui.article_list import ArticleListModel


class MainWindow(QMainWindow):
    """Shows one open project's articles for one annotator."""

    def __init__(self, project: Project, annotator: str) -> None:
        super().__init__()
        self.project = project
        self.annotator = annotator
        mode = " (read-only)" if project.read_only else ""
        self.setWindowTitle(f"{project.path.name}{mode} — Claim annotator")
        self.articles = ArticleListModel(project, annotator, self)
        self.table = QTableView(self)
        self.table.setModel(self.articles)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.articles.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setCentralWidget(self.table)
        self.progress = QLabel(self)
        self.statusBar().addPermanentWidget(self.progress)
        self.update_progress()
        self.resize(1000, 640)

    def update_progress(self) -> None:
        """Show the annotator's progress (done of all) in the status bar."""
        done = self.project.stats()["annotators"].get(self.annotator, {}).get("done", 0)
        total = self.project.article_count()
        self.progress.setText(f"{self.annotator}: {done} of {total} done")

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.project.close()
        super().closeEvent(event)
