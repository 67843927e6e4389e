"""The main window: article list | article text | label panel, with menus and status bar."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFontDialog,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError, BackupError
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.articles.article_list_panel import ArticleListPanel
from annotator.ui.changes import Changes
from annotator.ui.i18n import plural
from annotator.ui.screen import fit_to_screen
from annotator.ui.session import Session
from annotator.ui.text.article_view import SELECTION_KEYS
from annotator.ui.window.backups import BackupScheduler, choose_and_restore
from annotator.ui.window.dialogs import (
    AssignDialog,
    ExportDialog,
    ImportDialog,
    ShortcutGroup,
    ShortcutsDialog,
)
from annotator.ui.window.importing import import_with_progress
from annotator.ui.window.prefs import recent_projects
from annotator.ui.window.save_banner import SaveBanner
from annotator.ui.window.summaries import merge_summary
from annotator.ui.window.workspace import Workspace


class Controller(Protocol):
    """What the window asks of the app that opened it (`app.Controller`): other projects."""

    window: QWidget | None

    def open(self, path: str | Path, read_only: bool = False) -> bool: ...
    def new_project(self) -> None: ...
    def choose_and_open(self) -> None: ...
    def switch_annotator(self) -> None: ...
    def show_welcome(self) -> None: ...


UNFINISHED = ("todo", "in_progress")
TEAM = "team"
"""The data of the actions a lead uses with the team (their heading in the shortcuts window)."""
DEFAULT_WIDTHS = (330, 420)
"""Article list and label panel in the default 1280-pixel window, scaled to the window's width.

The text column gets the rest; the list is never narrower than its filters need.
"""
READABLE_CHARS = 45
"""A text column narrower than this many average characters is not restored (`readable_text_width`)."""


def readable_text_width(view: QPlainTextEdit) -> int:
    """The narrowest text column that reads well in the text's font, margins and scroll bar."""
    text = READABLE_CHARS * view.fontMetrics().averageCharWidth()
    margins = 2 * view.frameWidth() + round(2 * view.document().documentMargin())
    return text + margins + view.verticalScrollBar().sizeHint().width()


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
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self._laid_out = False  # widths are set once the window is shown (`showEvent`)
        self._list_folded = (
            0  # the list's width while side by side folded it away (`_side_by_side`)
        )
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
        self._restore_state()
        self.list_panel.article_chosen.connect(self.workspace.open_article)
        self.list_panel.search_changed.connect(self.workspace.view.set_search)
        if self.articles.rowCount():
            self.list_panel.select_row(0)
        self.workspace.view.setFocus()  # keys go to the text from the start

    def _menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu(self.tr("&File"))
        controller = self.controller
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
        self._action(file, self.tr("&Import articles…"), "Ctrl+Shift+I", self.import_articles)
        self._action(file, self.tr("&Export…"), "Ctrl+E", self.export)
        file.addSeparator()
        self._action(file, self.tr("Assign &work…"), "Ctrl+Shift+W", self.assign_work).setData(TEAM)
        self._action(
            file, self.tr("&Merge annotators' files…"), "Ctrl+Shift+G", lambda: self.merge_files()
        ).setData(TEAM)
        self._action(file, self.tr("Restore &backup…"), "", lambda: choose_and_restore(self))
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
            self.workspace.keys.delete_current,
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
        self.toggle_list = self._action(view, self.tr("Article &list"), "Ctrl+1", self._toggle_list)
        self.toggle_list.setCheckable(True)
        self.toggle_list.setChecked(True)
        self.toggle_panel = self._action(
            view, self.tr("Label &panel"), "Ctrl+2", self._toggle_panel
        )
        self.toggle_panel.setCheckable(True)
        self.toggle_panel.setChecked(True)
        self.side_by_side = self._action(
            view,
            self.tr("&Side by side"),
            "Ctrl+Shift+B",
            lambda: self._side_by_side(self.side_by_side.isChecked()),
        )
        self.side_by_side.setCheckable(True)
        self.reading = self._action(view, self.tr("&Reading mode"), "F11", self._reading_mode)
        self.reading.setCheckable(True)
        view.addSeparator()
        self._action(
            view, self.tr("Zoom &in"), QKeySequence.StandardKey.ZoomIn, lambda: self.zoom(+1)
        )
        self._action(
            view, self.tr("Zoom &out"), QKeySequence.StandardKey.ZoomOut, lambda: self.zoom(-1)
        )
        self._action(view, self.tr("&Font…"), "Ctrl+Shift+T", self.choose_font)
        view.addSeparator()
        dashboard = self.tr("Team &dashboard")
        self._action(view, dashboard, "Ctrl+Shift+D", self.show_dashboard).setData(TEAM)
        self._action(
            view, self.tr("&Adjudication"), "Ctrl+Shift+J", lambda: self.show_adjudication()
        ).setData(TEAM)
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&Keyboard shortcuts"), "F1", self.show_shortcuts)
        # the heading of each menu's actions in the shortcuts window (`shortcut_groups`)
        self._menu_groups: dict[QMenu, str] = {
            label: "text", edit: "text", article: "articles", file: "project",
            view: "panels", help_menu: "project",
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

    def reload(self) -> None:
        """Re-read everything an import may have changed, staying on the open article."""
        current = self.workspace.article_id
        self.list_panel.refresh_filters()
        self.articles.reload()
        self.update_progress()
        self.workspace.panel.registry.refresh()
        if current is not None:
            self.workspace.open_article(current, keep_place=True)  # its labels may have changed
            self.list_panel.show_article(current)
        elif self.articles.rowCount():
            self.list_panel.select_row(0)

    def import_articles(self) -> None:
        """Import articles (and labels) in a chosen format, with a progress dialog."""
        from annotator.io.label_map import load_label_map

        if self.project.read_only:
            self.statusBar().showMessage(self.tr("This project is open read-only."), 5000)
            return
        dialog = ImportDialog(self)
        if dialog.exec() != ImportDialog.DialogCode.Accepted or dialog.source.path() is None:
            return
        source = dialog.source.path()
        assert source is not None
        options: dict[str, Any] = dict(dialog.options())
        map_path = dialog.label_map.path()
        try:
            if map_path is not None:
                options["label_map"] = load_label_map(map_path, self.project.schema)
        except AnnotatorError as exc:
            plain.warning(self, self.tr("Import"), str(exc))
            return
        if import_with_progress(self.project, [source], self, **options):
            self.reload()

    def export(self) -> None:
        """Export in a chosen format with the filters chosen in a dialog."""
        from annotator.io.formats import export_to

        dialog = ExportDialog(self.project, self.annotator, self)
        if dialog.exec() != ExportDialog.DialogCode.Accepted or dialog.target.path() is None:
            return
        target = dialog.target.path()
        assert target is not None
        try:
            count = export_to(self.project, dialog.format.currentData(), target, dialog.where())
        except (AnnotatorError, OSError) as exc:
            plain.warning(self, self.tr("Export failed"), str(exc))
            return
        text = plural(self.tr("Exported %n article(s) to {target}", "", count), count)
        self.statusBar().showMessage(text.format(target=target), 8000)

    def assign_work(self) -> None:
        """Hand out the articles to annotators (replaces the current assignments)."""
        from annotator.quality.assign import assign_articles, parse_annotators

        if self.project.read_only:
            self.statusBar().showMessage(self.tr("This project is open read-only."), 5000)
            return
        names = [n for n in self.project.annotators() if n != "gold"] or [self.annotator]
        dialog = AssignDialog(names, self)
        if dialog.exec() != AssignDialog.DialogCode.Accepted:
            return
        try:
            plan = assign_articles(
                self.project,
                parse_annotators(dialog.annotators.text()),
                dialog.overlap.value() / 100,
                dialog.by.currentData(),
            )
        except AnnotatorError as exc:
            plain.warning(self, self.tr("Assign work"), str(exc))
            return
        lines = [
            plural(self.tr("{name}: %n article(s) ({shared} shared)", "", total), total).format(
                name=name, shared=shared
            )
            for name, (total, shared) in plan.counts().items()
        ]
        self.list_panel.refresh_assignments()
        plain.information(self, self.tr("Work assigned"), "\n".join(lines))

    def merge_files(self, paths: list[str] | None = None) -> None:
        """Bring annotators' work packages back into this project, with a summary."""
        from annotator.quality.merge import merge_packages

        if self.project.read_only:
            self.statusBar().showMessage(self.tr("This project is open read-only."), 5000)
            return
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(
                self,
                self.tr("Merge annotators' files"),
                "",
                self.tr("Claim annotator projects (*.claims)"),
            )
        if not paths:
            return
        self.workspace.commit_edits()
        try:
            report = merge_packages(self.project, [Path(p) for p in paths])
        except BackupError as exc:  # its message says nothing was merged
            plain.warning(self, self.tr("Merge"), str(exc))
            self.reload()
            return
        except AnnotatorError as exc:
            plain.warning(
                self, self.tr("Merge"), f"{exc}\n\n" + self.tr("Nothing from that file was merged.")
            )
            self.reload()
            return
        details = [str(m) for m in report.matches] + [str(c) for c in report.conflicts]
        self.reload()
        plain.information(
            self, self.tr("Merge finished"), "\n".join([merge_summary(report), "", *details[:30]])
        )

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
        """Every action with its keys, once, under headings in the order of the work.

        Menu actions come from the menus (so the list cannot drift from them),
        grouped by menu except the team's; the claim fields list their value
        keys from the project's schema; the label panel adds its Alt keys.
        """
        selecting = [
            (keys, QCoreApplication.translate("ArticleView", text)) for keys, text in SELECTION_KEYS
        ]
        groups = {
            "selecting": ShortcutGroup(
                self.tr("Selecting text"),
                [
                    (self.tr("Ctrl+F, Esc"), self.tr("Find a phrase; Esc leaves the hit selected")),
                    *selecting,
                ],
                note=self.tr("with the mouse, hold Alt to keep exact characters"),
            ),
            "text": ShortcutGroup(
                self.tr("Labelling in the text"),
                note=self.tr("C, M, Q and S act on the selected words"),
            ),
            "fields": self._field_keys(),
            "articles": ShortcutGroup(self.tr("Articles")),
            "panels": ShortcutGroup(self.tr("Panels")),
            "team": ShortcutGroup(self.tr("Team")),
            "project": ShortcutGroup(self.tr("Project")),
        }
        for menu, group in self._menu_groups.items():
            for action in menu.actions():
                title, _, shown = action.text().partition("\t")
                title = action.property("listed_as") or title
                native = QKeySequence.SequenceFormat.NativeText
                keys = ", ".join(k.toString(native) for k in action.shortcuts()) or shown
                if keys and not action.isSeparator():
                    groups[action.data() or group].rows.append((keys, title.replace("&", "")))
        groups["panels"].rows.extend(self._panel_keys())
        return list(groups.values())

    def _field_keys(self) -> ShortcutGroup:
        """The value keys of each claim field, in the order of the claim form's rows."""
        fields = [
            ShortcutGroup(
                choice.field.label,
                [(v.key.upper(), v.name) for v in choice.field.values if v.key],
            )
            for choice in self.workspace.panel.form.choices.values()
        ]
        note = self.tr("no words selected: sets the current claim's active field (▸)")
        return ShortcutGroup(self.tr("Claim fields"), groups=fields, note=note)

    def _panel_keys(self) -> list[tuple[str, str]]:
        """The label panel's Alt keys (from its translated titles) and Escape."""
        panel = self.workspace.panel
        tabs = [
            (QKeySequence.mnemonic(panel.tabs.tabText(i)), panel.tabs.tabText(i))
            for i in range(panel.tabs.count())
        ]
        native = QKeySequence.SequenceFormat.NativeText
        return [
            *(
                (keys.toString(native), self.tr("{tab} tab").format(tab=title.replace("&", "")))
                for keys, title in tabs
                if not keys.isEmpty()
            ),
            (QKeySequence(Qt.Key.Key_Escape).toString(native), self.tr("Back to the text")),
        ]

    def _toggle_list(self) -> None:
        self.list_panel.setVisible(self.toggle_list.isChecked())

    def _toggle_panel(self) -> None:
        self.workspace.panel.setVisible(self.toggle_panel.isChecked())

    def _reading_mode(self) -> None:
        """Only the text: hide the list, the panel and the status bar (F11 again to leave)."""
        reading = self.reading.isChecked()
        self.list_panel.setVisible(not reading and self.toggle_list.isChecked())
        self.workspace.panel.setVisible(not reading and self.toggle_panel.isChecked())
        self.statusBar().setVisible(not reading)
        self.workspace.view.setFocus()

    def choose_font(self) -> None:
        """Pick the article text's font; remembered."""
        ok, font = QFontDialog.getFont(self.workspace.view.font(), self, self.tr("Article font"))
        if ok:
            self.set_text_font(font)

    def set_text_font(self, font: QFont) -> None:
        """Show the article text (both sides) in ``font`` and remember it."""
        self.workspace.view.setFont(font)
        self.workspace.compare.view.setFont(font)
        QSettings().setValue("text/font", font.toString())

    def zoom(self, step: int) -> None:
        """Make the article text larger or smaller; remembered."""
        font = self.workspace.view.font()
        font.setPointSizeF(min(32.0, max(7.0, font.pointSizeF() + step)))
        self.set_text_font(font)

    # -- articles ---------------------------------------------------------------------------

    def go_unfinished(self, step: int) -> None:
        """Open the next (+1) or previous (-1) article that is not done or skipped."""
        if not self.list_panel.step_unfinished(step):
            self.statusBar().showMessage(self.tr("No more unfinished articles that way."), 4000)

    def _changed(self, changes: Changes) -> None:
        if not self.session.has_pending:
            self.banner.hide()
        if changes.status:
            row = self.list_panel.current_row()
            self.articles.refresh()  # a status filter may now leave the article out
            self.list_panel.show_article(self.workspace.article_id, row)
            self.update_progress()
        elif changes.labels:
            self.articles.refresh_articles(set(changes.articles))

    def update_progress(self) -> None:
        """Show the annotator's progress (done of all) in the status bar."""
        done = self.project.stats()["annotators"].get(self.annotator, {}).get("done", 0)
        total = self.project.article_count()
        self.progress.setText(self.tr("{done} of {total} done").format(done=done, total=total))

    # -- window state -----------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = QSettings()
        saved = settings.value("text/font")
        font = QFont()
        if saved and font.fromString(str(saved)):
            self.workspace.view.setFont(font)
            self.workspace.compare.view.setFont(font)
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for key, splitter in self._splitters().items():
            state = settings.value(f"window/{key}")
            if state is not None:
                splitter.restoreState(state)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.splitter, "workspace": self.workspace}

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        if not self._laid_out:  # the splitters know their real widths only now
            self._laid_out = True
            self._first_widths()

    def _first_widths(self) -> None:
        """Default widths where none were saved; then a readable text column.

        The rule: a text column is never *restored* narrower than
        `readable_text_width` (45 average characters of the text's font). The
        room comes from the label panel, then the article list, down to their
        minimum sizes. A narrower column the user drags to in a session stays
        as dragged until the window is opened again.
        """
        settings = QSettings()
        listed, panel = (width * self.width() // 1280 for width in DEFAULT_WIDTHS)
        if settings.value("window/main") is None:
            self.splitter.setSizes([listed, sum(self.splitter.sizes()) - listed])
        if settings.value("window/workspace") is None:
            self.workspace.setSizes([sum(self.workspace.sizes()) - panel, 0, panel])
        self._widen_text(readable_text_width(self.workspace.view) - self.workspace.sizes()[0])

    def _side_by_side(self, shown: bool) -> None:
        """Show or hide the compared article; the article list makes room when the text needs it.

        Two texts side by side need the width of two readable columns: when
        the text would be narrower than `readable_text_width`, the article list
        folds away while comparing and comes back, as wide as before, after.
        """
        if not shown:
            self.workspace.toggle_compare(False)
            folded, self._list_folded = self._list_folded, 0
            if folded and self.splitter.sizes()[0] == 0:
                panel = self.workspace.sizes()[2]  # as closing the comparison left it
                total = sum(self.splitter.sizes())
                self.splitter.setSizes([folded, total - folded])
                self.splitter.refresh()
                self.workspace.setSizes([sum(self.workspace.sizes()) - panel, 0, panel])
            return
        self.workspace.toggle_compare(True)
        listed, room = self.splitter.sizes()
        text, compared, panel = self.workspace.sizes()
        if listed and text < readable_text_width(self.workspace.view):
            self._list_folded = listed
            self.splitter.setSizes([0, listed + room])
            gained = sum(self.workspace.sizes()) - (text + compared + panel)
            half = gained // 2
            self.workspace.setSizes([text + half, compared + gained - half, panel])

    def _widen_text(self, missing: int) -> None:
        """Give the text column ``missing`` pixels from the label panel, then the list."""
        if missing <= 0:
            return
        text, compared, panel = self.workspace.sizes()
        spare = max(0, panel - self.workspace.panel.minimumSizeHint().width())
        taken = min(missing, spare)
        self.workspace.setSizes([text + taken, compared, panel - taken])
        missing -= taken
        listed, room = self.splitter.sizes()
        taken = min(missing, max(0, listed - self.list_panel.minimumSizeHint().width()))
        if taken > 0:
            panel = self.workspace.sizes()[2]
            self.splitter.setSizes([listed - taken, room + taken])
            room = sum(self.workspace.sizes())
            self.workspace.setSizes([room - compared - panel, compared, panel])

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if not self.project.closed:
            self.workspace.commit_edits()  # a half-typed note or comment is kept
        self.backups.final_backup()
        if not self.workspace.compare.isHidden():  # the next start opens without it:
            self._side_by_side(False)  # save the widths (the list too) as they will be then
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            settings.setValue(f"window/{key}", splitter.saveState())
        self.project.close()
        super().closeEvent(event)
