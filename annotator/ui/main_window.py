"""The main window: article list | article text | label panel, with menus and status bar."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
)

from annotator.store.project import Project
from annotator.ui.article_list_panel import ArticleListPanel
from annotator.ui.session import Changes, Session
from annotator.ui.workspace import Workspace

UNFINISHED = ("todo", "in_progress")


class MainWindow(QMainWindow):
    """One open project, seen by one annotator."""

    def __init__(self, project: Project, annotator: str) -> None:
        super().__init__()
        self.project = project
        self.annotator = annotator
        self.session = Session(project, annotator, self)
        mode = " (read-only)" if project.read_only else ""
        self.setWindowTitle(f"{project.path.name}{mode} — Claim annotator")
        self.list_panel = ArticleListPanel(project, annotator, self)
        self.articles = self.list_panel.model
        self.workspace = Workspace(self.session, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.workspace)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([340, 940])
        self.workspace.setSizes([560, 380])
        self.setCentralWidget(self.splitter)
        self.progress = QLabel(self)
        self.statusBar().addPermanentWidget(QLabel(f"Annotator: {annotator}", self))
        self.statusBar().addPermanentWidget(self.progress)
        self._menus()
        self.session.saved.connect(
            lambda text: self.statusBar().showMessage(f"Saved: {text}", 4000)
        )
        self.session.failed.connect(lambda text: self.statusBar().showMessage(f"Not saved: {text}"))
        self.session.changed.connect(self._changed)
        self.workspace.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.update_progress()
        self.resize(1280, 800)
        self._restore_state()
        self.list_panel.article_chosen.connect(self.workspace.open_article)
        self.list_panel.search_changed.connect(self.workspace.view.set_search)
        if self.articles.rowCount():
            self.list_panel.select_row(0)

    def _menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&Close project", QKeySequence.StandardKey.Close, self.close)
        edit = bar.addMenu("&Edit")
        undo = self.session.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.session.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addActions([undo, redo])
        label = bar.addMenu("&Label")
        for key, title, slot in (
            ("C", "Mark selection as &claim", lambda: self.workspace.on_key("c")),
            ("M", "Mark selection as &mention", lambda: self.workspace.on_key("m")),
            ("Q", "Set &cue of current claim", lambda: self.workspace.on_key("q")),
            ("S", "Set &source of current claim", lambda: self.workspace.on_key("s")),
            ("]", "&Next field", lambda: self.workspace.on_key("]")),
            ("[", "&Previous field", lambda: self.workspace.on_key("[")),
        ):
            # Single keys work in the article text only (they are values elsewhere), so the
            # menu shows them after a tab instead of registering them as shortcuts.
            action = QAction(f"{title}\t{key}", self)
            action.triggered.connect(slot)
            label.addAction(action)
        label.addSeparator()
        self._action(
            label,
            "Mark &all occurrences of the actor",
            "Ctrl+Shift+M",
            self.workspace.mark_occurrences,
        )
        article = bar.addMenu("&Article")
        self._action(article, "&Next unfinished", "Ctrl+Down", lambda: self.go_unfinished(+1))
        self._action(article, "&Previous unfinished", "Ctrl+Up", lambda: self.go_unfinished(-1))
        self._action(article, "&Search articles", "Ctrl+Shift+F", self.list_panel.search.setFocus)
        article.addSeparator()
        for status, title, key in (
            ("in_progress", "Mark &in progress", "Ctrl+I"),
            ("done", "Mark &done", "Ctrl+D"),
            ("skipped", "Mark &skipped", "Ctrl+K"),
        ):
            self._action(article, title, key, lambda s=status: self.workspace.set_status(s))
        view = bar.addMenu("&View")
        self.toggle_list = self._action(view, "Article &list", "Ctrl+1", self._toggle_list)
        self.toggle_list.setCheckable(True)
        self.toggle_list.setChecked(True)
        self.toggle_panel = self._action(view, "Label &panel", "Ctrl+2", self._toggle_panel)
        self.toggle_panel.setCheckable(True)
        self.toggle_panel.setChecked(True)

    def _action(self, menu, title, shortcut, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(title, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _toggle_list(self) -> None:
        self.list_panel.setVisible(self.toggle_list.isChecked())

    def _toggle_panel(self) -> None:
        self.workspace.panel.setVisible(self.toggle_panel.isChecked())

    # -- articles ---------------------------------------------------------------------------

    def go_unfinished(self, step: int) -> None:
        """Open the next (+1) or previous (-1) article that is not done or skipped."""
        if not self.list_panel.step_unfinished(step):
            self.statusBar().showMessage("No more unfinished articles that way.", 4000)

    def _changed(self, changes: Changes) -> None:
        if changes.status or changes.labels:
            self.articles.refresh()
            self.update_progress()

    def update_progress(self) -> None:
        """Show the annotator's progress (done of all) in the status bar."""
        done = self.project.stats()["annotators"].get(self.annotator, {}).get("done", 0)
        total = self.project.article_count()
        self.progress.setText(f"{done} of {total} done")

    # -- window state -----------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for key, splitter in self._splitters().items():
            state = settings.value(f"window/{key}")
            if state is not None:
                splitter.restoreState(state)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.splitter, "workspace": self.workspace}

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            settings.setValue(f"window/{key}", splitter.saveState())
        self.project.close()
        super().closeEvent(event)
