"""The main window: article list | article text | label panel, with menus and status bar.

The window builds the menus and wires the parts together: the panes' widths
and fonts (`panes`), the project-wide File commands (`project_commands`),
the shortcut list (`shortcut_list`), and the workspace where labelling
happens. It keeps the article list and the progress in step with what the
session says changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QSplitter, QVBoxLayout, QWidget

from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.articles.article_list_panel import ArticleListPanel
from annotator.ui.changes import Changes
from annotator.ui.screen import fit_to_screen
from annotator.ui.session import Session
from annotator.ui.suggestions.menu import SuggestionMenu
from annotator.ui.window.backups import BackupScheduler
from annotator.ui.window.dialogs import ShortcutGroup, ShortcutsDialog
from annotator.ui.window.first_steps import FirstSteps
from annotator.ui.window.hub_sync import HubSync
from annotator.ui.window.page_check import PageCheckWatch
from annotator.ui.window.panes import Panes
from annotator.ui.window.prefs import recent_projects
from annotator.ui.window.project_commands import READ_AGAIN, ProjectCommands
from annotator.ui.window.restore import choose_and_restore, restore_damaged
from annotator.ui.window.save_banner import SaveBanner
from annotator.ui.window.shortcut_list import TEAM, shortcut_groups
from annotator.ui.window.workspace import Workspace

if TYPE_CHECKING:
    from annotator.ui.window.dataset_build import DatasetBuilder


class Controller(Protocol):
    """What the window asks of the app that opened it (`app.Controller`): other projects."""

    window: QWidget | None

    def open(self, path: str | Path, read_only: bool = False) -> bool: ...
    def new_project(self) -> None: ...
    def choose_and_open(self) -> None: ...
    def switch_annotator(self) -> None: ...
    def show_welcome(self) -> None: ...


class MainWindow(QMainWindow):
    """One open project, seen by one annotator."""

    def __init__(
        self, project: Project, annotator: str, controller: Controller | None = None
    ) -> None:
        super().__init__()
        self.controller = controller
        self.project = project
        self.annotator = annotator
        self.session = Session(project, annotator, self)
        title = (
            self.tr("{project} (read-only) — Claim annotator")
            if project.read_only
            else self.tr("{project} — Claim annotator")
        )
        self.setWindowTitle(title.format(project=plain.window_title(project.path.name)))
        self.list_panel = ArticleListPanel(project, annotator, self)
        self.articles = self.list_panel.model
        self.workspace = Workspace(self.session, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.workspace)
        self.panes = Panes(self, self.splitter, self.list_panel, self.workspace)
        self.commands = ProjectCommands(self, self.session, self.workspace)
        self.hub_sync = HubSync(self, self.session, self.workspace)
        self.dataset_builder: DatasetBuilder | None = None
        """File › Build dataset, made when first asked for (the dataset modules load then)."""
        self.hub_sync.schema_taken.connect(self._schema_from_hub)
        self._laid_out = False  # widths are set once the window is shown (`showEvent`)
        self.banner = SaveBanner(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.progress = plain.label("", self)
        self.statusBar().addPermanentWidget(
            plain.label(self.tr("Annotator: {name}").format(name=annotator), self)
        )
        self.statusBar().addPermanentWidget(self.progress)
        if self.hub_sync.active:
            self.statusBar().addPermanentWidget(self.hub_sync.label)
        self.suggestion_menu = SuggestionMenu(
            self.workspace.suggestion_flow, self.statusBar(), self
        )
        self.suggestion_menu.message.connect(self.statusBar().showMessage)
        self.first_steps = FirstSteps(self)  # the sample's examples and guided first claim
        self._menus()
        self.session.saved.connect(
            lambda text: self.statusBar().showMessage(
                self.tr("Saved: {action}").format(action=text), 4000
            )
        )
        self.session.failed.connect(self._failed)
        self.session.refused.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.banner.retry.connect(self.session.retry)
        self.banner.dismissed.connect(self.session.dismiss)
        self.session.changed.connect(self._changed)
        self.workspace.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.backups = BackupScheduler(project, self)
        # Every page of the file is checked in the background (Project.open's background_check).
        self.page_check = PageCheckWatch(project, self)
        self.page_check.damaged.connect(self._damaged)
        self.backups.failed.connect(
            lambda text: self.statusBar().showMessage(
                self.tr(
                    "Backup failed: {error}. Your work is saved; only the backup is missing."
                ).format(error=text),
                15000,
            )
        )
        self.update_progress()
        self.resize(fit_to_screen(self, 1280, 800))
        self.panes.restore()
        self.list_panel.article_chosen.connect(self.workspace.open_article)
        self.list_panel.search_changed.connect(self.workspace.view.set_search)
        if self.articles.rowCount():
            self.list_panel.select_row(0)
        self.workspace.view.setFocus()  # keys go to the text from the start

    def _menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        controller, commands, panes = self.controller, self.commands, self.panes
        if controller is not None:
            self._action(
                file, self.tr("&New project…"), QKeySequence.StandardKey.New, controller.new_project
            )
            self._action(
                file, self.tr("&Open…"), QKeySequence.StandardKey.Open, controller.choose_and_open
            )
            recent = file.addMenu(self.tr("Open &recent"))
            for path in recent_projects():
                recent.addAction(plain.menu_text(path), lambda _=False, p=path: controller.open(p))
            recent.setEnabled(bool(recent.actions()))
            file.addSeparator()
        self._action(file, self.tr("&Import articles…"), "Ctrl+Shift+I", commands.import_articles)
        self._action(file, self.tr("&Export…"), "Ctrl+E", commands.export)
        self._action(file, self.tr("Build &dataset…"), "", self.build_dataset)
        file.addSeparator()
        assign = self._action(file, self.tr("Assign &work…"), "Ctrl+Shift+W", commands.assign_work)
        assign.setData(TEAM)
        self._action(
            file,
            self.tr("&Merge annotators' files…"),
            "Ctrl+Shift+G",
            lambda: commands.merge_files(),
        ).setData(TEAM)
        sync = self._action(
            file, self.tr("S&ync with the team hub"), "Ctrl+Shift+Y", lambda: self.hub_sync.start()
        )
        sync.setData(TEAM)
        sync.setEnabled(self.hub_sync.active)
        self._action(file, self.tr("Restore &backup…"), "", lambda: choose_and_restore(self))
        self._action(file, self.tr("Project &settings…"), "", self.project_settings)
        file.addSeparator()
        if controller is not None:
            self._action(
                file, self.tr("S&witch annotator…"), "Ctrl+Shift+U", controller.switch_annotator
            )
            self._action(
                file,
                self.tr("&Close project"),
                QKeySequence.StandardKey.Close,
                controller.show_welcome,
            )
        self._action(file, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        edit = bar.addMenu(self.tr("&Edit"))
        undo = self.session.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.session.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action, name in ((undo, self.tr("Undo")), (redo, self.tr("Redo"))):
            action.setProperty("listed_as", name)  # its text names the action it would undo
        edit.addActions([undo, redo])
        label = bar.addMenu(self.tr("&Label"))
        for key, title, slot in (
            ("C", self.tr("Mark selection as &claim"), lambda: self.workspace.keys.on_key("c")),
            ("M", self.tr("Mark selection as &mention"), lambda: self.workspace.keys.on_key("m")),
            ("Q", self.tr("Set &cue of current claim"), lambda: self.workspace.keys.on_key("q")),
            ("S", self.tr("Set &source of current claim"), lambda: self.workspace.keys.on_key("s")),
            (
                "+",
                self.tr("Add selection to current claim as a se&gment"),
                lambda: self.workspace.keys.on_key("+"),
            ),
            (
                "-",
                self.tr("&Remove selected segment from current claim"),
                lambda: self.workspace.keys.on_key("-"),
            ),
            ("]", self.tr("&Next field"), lambda: self.workspace.keys.on_key("]")),
            ("[", self.tr("&Previous field"), lambda: self.workspace.keys.on_key("[")),
        ):
            # Single keys work in the article text only (they are values elsewhere), so the
            # menu shows them after a tab instead of registering them as shortcuts.
            action = QAction(f"{title}\t{key}", self)
            action.triggered.connect(slot)
            label.addAction(action)
        label.addSeparator()
        self._action(
            label,
            self.tr("&Delete label"),
            QKeySequence.StandardKey.Delete,
            self.workspace.delete_current,
        )
        self._action(
            label,
            self.tr("&Link claim to the compared one"),
            "Ctrl+L",
            self.workspace.compare.link_selected,
        )
        self._action(
            label,
            self.tr("&Unlink claims"),
            "Ctrl+Shift+L",
            self.workspace.compare.unlink_selected,
        )
        self._action(
            label,
            self.tr("Mark &all occurrences of the actor"),
            "Ctrl+Shift+M",
            self.workspace.mention_editor.mark_occurrences,
        )
        suggestions = self.suggestion_menu.build(bar)
        article = bar.addMenu(self.tr("&Article"))
        self._action(
            article, self.tr("&Next unfinished"), "Ctrl+Down", lambda: self.go_unfinished(+1)
        )
        self._action(
            article, self.tr("&Previous unfinished"), "Ctrl+Up", lambda: self.go_unfinished(-1)
        )
        self._action(
            article, self.tr("&Search articles"), "Ctrl+Shift+F", self.list_panel.search.setFocus
        )
        self._action(
            article,
            self.tr("&Find in article"),
            QKeySequence.StandardKey.Find,
            self.workspace.finder.open,
        )
        article.addSeparator()
        for status, title, key in (
            ("in_progress", self.tr("Mark &in progress"), "Ctrl+I"),
            ("done", self.tr("Mark &done"), "Ctrl+D"),
            ("skipped", self.tr("Mark &skipped"), "Ctrl+K"),
        ):
            # triggered() passes "checked" first: keep it away from the bound status
            self._action(
                article,
                title,
                key,
                lambda _=False, s=status: self.workspace.status_editor.set_status(s),
            )
        view = bar.addMenu(self.tr("&View"))
        mine = self._action(
            view, self.tr("&My articles only"), "Ctrl+M", self.list_panel.mine.toggle
        )
        mine.setCheckable(True)
        mine.setChecked(self.list_panel.mine.isChecked())
        self.list_panel.mine.toggled.connect(mine.setChecked)
        self.toggle_list = self._action(
            view,
            self.tr("Article &list"),
            "Ctrl+1",
            lambda: self.list_panel.setVisible(self.toggle_list.isChecked()),
        )
        self.toggle_list.setCheckable(True)
        self.toggle_list.setChecked(True)
        self.toggle_panel = self._action(
            view,
            self.tr("Label &panel"),
            "Ctrl+2",
            lambda: self.workspace.panel.setVisible(self.toggle_panel.isChecked()),
        )
        self.toggle_panel.setCheckable(True)
        self.toggle_panel.setChecked(True)
        self.side_by_side = self._action(
            view,
            self.tr("&Side by side"),
            "Ctrl+Shift+B",
            lambda: panes.side_by_side(self.side_by_side.isChecked()),
        )
        self.side_by_side.setCheckable(True)
        self.reading = self._action(
            view,
            self.tr("&Reading mode"),
            "F11",
            lambda: panes.reading_mode(
                self.reading.isChecked(),
                self.toggle_list.isChecked(),
                self.toggle_panel.isChecked(),
            ),
        )
        self.reading.setCheckable(True)
        view.addSeparator()
        self._action(
            view, self.tr("Zoom &in"), QKeySequence.StandardKey.ZoomIn, lambda: panes.zoom(+1)
        )
        self._action(
            view, self.tr("Zoom &out"), QKeySequence.StandardKey.ZoomOut, lambda: panes.zoom(-1)
        )
        self._action(view, self.tr("&Font…"), "Ctrl+Shift+T", panes.choose_font)
        view.addSeparator()
        dashboard = self.tr("Team &dashboard")
        self._action(view, dashboard, "Ctrl+Shift+D", self.show_dashboard).setData(TEAM)
        self._action(
            view, self.tr("&Adjudication"), "Ctrl+Shift+J", lambda: self.show_adjudication()
        ).setData(TEAM)
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&Keyboard shortcuts"), "F1", self.show_shortcuts)
        self._action(
            help_menu, self.tr("Label your &first claim"), "", self.first_steps.start_guide
        )
        # the heading of each menu's actions in the shortcuts window (`shortcut_groups`)
        self._menu_groups: dict[QMenu, str] = {
            label: "text", edit: "text", suggestions: "suggestions", article: "articles",
            file: "project", view: "panels", help_menu: "project",
        }  # fmt: skip

    def _action(self, menu, title, shortcut, slot) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(title, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _failed(self, text: str) -> None:
        self.statusBar().showMessage(self.tr("Not saved: {problem}").format(problem=text))
        self.banner.show_problem(text)

    def commit_edits(self) -> None:
        """Save a half-typed note or comment before the project file is replaced."""
        self.workspace.commit_edits()

    def _damaged(self, problem: str) -> None:
        """The background check found the file damaged: offer its backups, as opening would.

        Nothing was written meanwhile (writes wait for the check). The project
        closes first, so the restore can replace the file; a restored file
        opens afresh, otherwise the welcome screen takes this window's place.
        """
        path = self.project.path
        self.workspace.suggestion_flow.background.stop()  # its reader goes before the restore
        self.project.close()
        if restore_damaged(path, problem, self):
            self.reopen()
            return
        if self.controller is not None:
            self.controller.window = None
            self.controller.show_welcome()
        self.close()

    def reopen(self) -> QWidget | None:
        """Open this project afresh through the controller (after a restore); the new window."""
        controller = self.controller
        if controller is None:  # a bare window (tests): nothing to reopen it with
            self.close()
            return None
        controller.window = None
        if not controller.open(self.project.path):
            controller.show_welcome()
        self.close()
        return controller.window

    def build_dataset(self) -> None:
        """File › Build dataset: the options, the build beside the window, then the card."""
        if self.dataset_builder is None:
            from annotator.ui.window.dataset_build import DatasetBuilder

            self.dataset_builder = DatasetBuilder(
                self, self.project, lambda: self.session.annotator
            )
        self.dataset_builder.ask()

    def project_settings(self) -> None:
        """File › Project settings: the schema; after an update the project reopens with it."""
        from annotator.ui.window.project_settings import ProjectSettingsDialog

        self.commit_edits()
        dialog = ProjectSettingsDialog(
            self.project, self.annotator, self, switch=self._switch_recommender
        )
        if dialog.exec() != ProjectSettingsDialog.DialogCode.Accepted or dialog.change is None:
            return
        revision = dialog.change.revision
        self.workspace.suggestion_flow.background.stop()
        self.project.close()  # its lock goes to the reopened window
        reopened = self.reopen()  # every view is built again, on the new vocabulary
        if isinstance(reopened, QMainWindow):
            message = self.tr("The label schema is now revision {revision}.")
            reopened.statusBar().showMessage(message.format(revision=revision))

    def _schema_from_hub(self, revision: int) -> None:
        """The copy took the label schema a lead published: reopen on it, then sync again."""
        self.hub_sync.stop()
        self.workspace.suggestion_flow.background.stop()
        self.project.close()  # its lock goes to the reopened window
        reopened = self.reopen()  # every view is built again, on the new vocabulary
        if isinstance(reopened, MainWindow):
            message = self.tr(
                "The lead changed the label schema: it is now revision {revision} here"
                " (the project was backed up first)."
            )
            reopened.statusBar().showMessage(message.format(revision=revision), 15000)
            reopened.hub_sync.start(asked=False)

    def _switch_recommender(self, name: str, on: bool) -> None:
        """A recommender switched in File › Project settings: as from the Suggestions menu."""
        self.workspace.suggestion_flow.set_recommender(name, on)
        self.suggestion_menu.show_switches()

    def reload(self) -> None:
        """Tell every view that the project changed outside the undo history (an import).

        The views read again what they show; the open article stays open, scrolled as it was.
        """
        self.session.changed_outside(READ_AGAIN)

    def show_dashboard(self) -> None:
        """Progress, label counts and agreement of the team, in a window of its own."""
        from annotator.ui.lead.dashboard import Dashboard

        if getattr(self, "dashboard", None) is None:
            self.dashboard = Dashboard(self.project, self)
            self.dashboard.open_article.connect(self.show_adjudication)
        else:
            self.dashboard.refresh()
        self.dashboard.show()
        self.dashboard.raise_()

    def show_adjudication(self, article_id: str | None = None) -> None:
        """Settle disagreements into gold, most disagreement first (or on one article)."""
        from annotator.ui.lead.adjudication import AdjudicationView

        if getattr(self, "adjudication", None) is None:
            self.adjudication = AdjudicationView(self.project, self)
        else:
            self.adjudication.reload_articles(keep=article_id)
        if article_id is not None:
            self.adjudication.show_article(article_id)
        self.adjudication.show()
        self.adjudication.raise_()

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts."""
        ShortcutsDialog(self.shortcut_groups(), self).exec()

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """Every action with its keys, once (those of claim fields as "Stance: Support")."""
        return [row for group in self.shortcut_groups() for row in group.all_rows()]

    def shortcut_groups(self) -> list[ShortcutGroup]:
        """Every action with its keys, once, under headings in the order of the work."""
        return shortcut_groups(self._menu_groups, self.workspace.panel)

    # -- articles ---------------------------------------------------------------------------

    def go_unfinished(self, step: int) -> None:
        """Open the next (+1) or previous (-1) article that is not done or skipped."""
        if not self.list_panel.step_unfinished(step):
            self.statusBar().showMessage(self.tr("No more unfinished articles that way."), 4000)

    def _changed(self, changes: Changes) -> None:
        if not self.session.has_pending:
            self.banner.hide()
        if changes.assignments:
            self.list_panel.refresh_assignments()
        if changes.reread:
            self._read_articles_again()
        elif changes.status:
            # A status filter may now leave the article out, or let it back in (an undo).
            self.list_panel.refresh_articles(set(changes.articles), self.workspace.article_id)
            self.update_progress()
        elif changes.labels:
            self.articles.refresh_articles(set(changes.articles))

    def _read_articles_again(self) -> None:
        """The list's filters, rows and the progress after an import or a merge."""
        self.list_panel.refresh_filters()
        self.articles.reload()
        self.update_progress()
        current = self.workspace.article_id
        if current is not None:
            self.list_panel.show_article(current)
        elif self.articles.rowCount():
            self.list_panel.select_row(0)

    def update_progress(self) -> None:
        """Show the annotator's progress (done of all) in the status bar."""
        # One count on an index: `Project.stats` reads every label (seconds at 2 M labels).
        done = self.project.status_count(self.annotator, "done")
        total = self.project.article_count()
        self.progress.setText(self.tr("{done} of {total} done").format(done=done, total=total))

    # -- window state -----------------------------------------------------------------------

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if not self._laid_out:  # the splitters know their real widths only now
            self._laid_out = True
            self.panes.first_widths()
            QTimer.singleShot(0, self.suggestion_menu.start)  # once the window is drawn

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.hub_sync.stop()
        self.workspace.suggestion_flow.background.stop()
        if not self.project.closed:
            self.workspace.commit_edits()  # a half-typed note or comment is kept
        self.backups.final_backup()
        self.panes.save()
        self.project.close()
        super().closeEvent(event)
