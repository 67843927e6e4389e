"""Starting the app: the annotator's name, the welcome screen, and opening projects."""

from __future__ import annotations

import getpass
import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from annotator.core.errors import (
    AnnotatorError,
    DamagedProjectError,
    ProjectInUseError,
    ReadOnlyProjectError,
)
from annotator.core.schema import default_schema, read_schema
from annotator.logs import setup_logging
from annotator.resources import resource
from annotator.store.project import Project
from annotator.ui import plain
from annotator.ui.i18n import install_translations
from annotator.ui.window import crash
from annotator.ui.window.dialogs import PROJECT_FILTER, NameDialog, NewProjectDialog, tr_filter
from annotator.ui.window.importing import import_with_progress
from annotator.ui.window.prefs import (
    annotator_name,
    recent_projects,
    remember_recent,
    set_annotator_name,
)

ORGANIZATION = "claim-annotator"
APPLICATION = "Claim annotator"
# The desktop entry, AppStream and icon name (resources/desktop, packaging/install-linux.sh).
APP_ID = "io.github.claimannotator.ClaimAnnotator"

log = logging.getLogger(__name__)


def ask_name(parent: QWidget | None = None, current: str | None = None) -> str | None:
    """Ask who is annotating (prefilled with the login name); None if cancelled."""
    dialog = NameDialog(current or getpass.getuser(), parent)
    if dialog.exec() != NameDialog.DialogCode.Accepted:
        return None
    name = dialog.name.text().strip()
    set_annotator_name(name)
    return name


def open_project(
    path: str | Path, parent: QWidget | None = None, read_only: bool = False
) -> Project | None:
    """Open a project, offering read-only when another process holds it; None if not opened.

    A project that cannot be written here (a read-only disk, folder or file)
    opens read-only and says so. ``read_only`` opens it read-only in any case.
    """
    try:
        if read_only:
            return Project.open(path, read_only=True)
        return Project.open(path, user=annotator_name())
    except ReadOnlyProjectError as exc:
        log.warning("%s", exc)
        return _open_read_only_here(path, exc, parent)
    except ProjectInUseError as exc:
        log.warning("%s", exc)
        answer = plain.question(
            parent,
            QCoreApplication.translate("app", "Project in use"),
            f"{exc}\n\n"
            + QCoreApplication.translate(
                "app", "Open it read-only? You can read and export, but not label."
            ),
            plain.Button.Open | plain.Button.Cancel,
        )
        if answer == plain.Button.Open:
            try:
                return Project.open(path, read_only=True)
            except AnnotatorError as again:
                plain.critical(
                    parent, QCoreApplication.translate("app", "Cannot open project"), str(again)
                )
        return None
    except DamagedProjectError as exc:
        log.warning("%s", exc)
        from annotator.ui.window.restore import restore_damaged

        if restore_damaged(Path(path), str(exc), parent):
            return open_project(path, parent, read_only)
        return None
    except AnnotatorError as exc:
        log.warning("cannot open a project: %s", exc)
        plain.critical(parent, QCoreApplication.translate("app", "Cannot open project"), str(exc))
        return None


def _open_read_only_here(
    path: str | Path, why: ReadOnlyProjectError, parent: QWidget | None
) -> Project | None:
    """Open a project that cannot be written here read-only, and say so; None if it fails."""
    try:
        project = Project.open(path, read_only=True)
    except AnnotatorError as exc:
        plain.critical(parent, QCoreApplication.translate("app", "Cannot open project"), str(exc))
        return None
    text = QCoreApplication.translate(
        "app",
        "%1 cannot be written here (%2), so it is open read-only: you can read and export,"
        " but not label. To label, copy it to a folder you can write to.",
    )
    plain.information(
        parent,
        QCoreApplication.translate("app", "Opened read-only"),
        plain.fill(text, str(path), why.reason),
    )
    return project


class Controller(QObject):
    """Keeps one window open: the welcome screen or a project's main window."""

    def __init__(self) -> None:
        super().__init__()
        self.window: QWidget | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Open a project the system hands over (macOS: a double click while the app runs)."""
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:
                self.open(path)
                return True
        return super().eventFilter(watched, event)

    def start(self, path: str | None, read_only: bool = False) -> bool:
        """Ask for the name if needed, then open ``path`` (``read_only``) or show the welcome screen."""
        if annotator_name() is None and ask_name() is None:
            return False
        if path is not None and self.open(path, read_only):
            return True
        self.show_welcome()
        return True

    def _replace(self, window: QWidget) -> None:
        old, self.window = self.window, window
        window.show()
        if old is not None:
            old.close()

    def show_welcome(self) -> None:
        """Show the welcome screen."""
        from annotator.ui.window.welcome import WelcomeScreen

        welcome = WelcomeScreen(recent_projects())
        welcome.open_sample.connect(self.open_sample)
        welcome.open_other.connect(self.choose_and_open)
        welcome.new_project.connect(self.new_project)
        welcome.open_recent.connect(self.open)
        self._replace(welcome)

    def open(self, path: str | Path, read_only: bool = False) -> bool:
        """Open a project in the main window (``read_only``: read-only); False if it was not."""
        from annotator.ui.window.main_window import MainWindow

        current = getattr(self.window, "project", None)
        if current is not None and current.path.resolve() == Path(path).resolve():
            return True  # already open here
        project = open_project(path, self.window, read_only)
        if project is None:
            return False
        remember_recent(project.path)
        name = annotator_name() or getpass.getuser()
        self._replace(MainWindow(project, name, self))
        return True

    def open_sample(self) -> None:
        """Open (building it the first time) the sample project."""
        from annotator.samples import sample_project

        try:
            self.open(sample_project())
        except AnnotatorError as exc:
            plain.critical(self.window, self.tr("Cannot open the sample"), str(exc))

    def choose_and_open(self) -> None:
        """Ask for a project file and open it."""
        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open project"), "", tr_filter(PROJECT_FILTER)
        )
        if path:
            self.open(path)

    def new_project(self) -> None:
        """Create a project (schema and first articles chosen in a dialog) and open it."""
        dialog = NewProjectDialog(self.window)
        while dialog.exec() == NewProjectDialog.DialogCode.Accepted:
            target = dialog.project.path()
            if target is None:
                plain.warning(
                    dialog, self.tr("New project"), self.tr("Choose where to save the project.")
                )
                continue
            if target.suffix != ".claims":
                target = target.with_name(target.name + ".claims")
            try:
                schema_path = dialog.schema.path()
                schema = read_schema(schema_path) if schema_path else default_schema()
                Project.create(target, schema).close()
            except (AnnotatorError, OSError) as exc:
                plain.warning(dialog, self.tr("Cannot create the project"), str(exc))
                continue
            if self.open(target) and dialog.articles.path() is not None:
                window = self.window
                project = getattr(window, "project", None)
                if project is not None:
                    import_with_progress(project, [dialog.articles.path()], window)  # type: ignore[list-item]
                    window.reload()  # type: ignore[union-attr]
            return

    def switch_annotator(self) -> None:
        """Ask for another name and reopen the project under it."""
        project = getattr(self.window, "project", None)
        name = ask_name(self.window, annotator_name())
        if name is not None and project is not None:
            old = self.window
            assert old is not None
            old.workspace.commit_edits()  # type: ignore[attr-defined]
            project.close()  # free the lock before the same file opens again
            self.window = None
            if not self.open(project.path):
                self.show_welcome()
            old.close()


def set_identity(app: QApplication) -> None:
    """The icon of every window, and the desktop entry the desktop shows for the app."""
    app.setWindowIcon(QIcon(str(resource("icons", "claim-annotator.svg"))))
    app.setDesktopFileName(APP_ID)  # Wayland docks find the icon and name through it


def run(path: str | None, read_only: bool = False) -> int:
    """Run the app until its last window closes; returns the exit code.

    Args:
        path: the project to open, or None for the welcome screen.
        read_only: open ``path`` read-only (``annotator gui --read-only``).
    """
    app = QApplication.instance() or QApplication(sys.argv)
    if not app.organizationName():
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
    set_identity(app)  # type: ignore[arg-type]
    install_translations(app, resource("translations"))  # the system language, if translated
    setup_logging()
    crash.install()  # an error in a slot: logged, a dialog, and the app carries on
    previous = signal.signal(signal.SIGINT, lambda *_: QApplication.closeAllWindows())
    # Python runs signal handlers only between its own bytecodes: a timer lets it look.
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(250)
    try:
        controller = Controller()
        app.installEventFilter(controller)
        if not controller.start(path, read_only):
            return 0
        return int(app.exec())  # type: ignore[union-attr]
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, previous)
        crash.uninstall()
