"""Starting the app: the annotator's name, the welcome screen, and opening projects.

A start shows a window at once: with a project to open, an `OpeningWindow`
(the main window's title, size and place, saying what it opens) is painted
before the project, the store and the main window's modules are even
imported; the project then opens in the event loop and its main window takes
the opening window's place. This module imports only what that first window
needs; the rest is imported where it is used.
"""

from __future__ import annotations

import getpass
import logging
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon, QPaintEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QWidget

from annotator.core.errors import (
    AnnotatorError,
    DamagedProjectError,
    ProjectInUseError,
    ReadOnlyProjectError,
)
from annotator.logs import setup_logging
from annotator.resources import resource
from annotator.ui.i18n import install_translations
from annotator.ui.screen import fit_to_screen
from annotator.ui.window import crash
from annotator.ui.window.prefs import (
    annotator_name,
    recent_projects,
    remember_recent,
    set_annotator_name,
)

if TYPE_CHECKING:
    from annotator.store.project import Project

ORGANIZATION = "claim-annotator"
APPLICATION = "Claim annotator"
# The desktop entry, AppStream and icon name (resources/desktop, packaging/install-linux.sh).
APP_ID = "io.github.claimannotator.ClaimAnnotator"

log = logging.getLogger(__name__)


def ask_name(parent: QWidget | None = None, current: str | None = None) -> str | None:
    """Ask who is annotating (prefilled with the login name); None if cancelled."""
    from annotator.ui.window.dialogs import NameDialog

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
    from annotator.store.project import Project
    from annotator.ui import plain

    try:
        # Every page is checked in the background: the window need not wait for it.
        if read_only:
            return Project.open(path, read_only=True, background_check=True)
        return Project.open(path, user=annotator_name(), background_check=True)
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
                return Project.open(path, read_only=True, background_check=True)
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
    from annotator.store.project import Project
    from annotator.ui import plain

    try:
        project = Project.open(path, read_only=True, background_check=True)
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


OPEN_UNDRAWN_MS = 500
"""When the opening window was not drawn by then (a minimised start), the project opens anyway."""


class OpeningWindow(QMainWindow):
    """The first window of a start that opens a project, shown while the project opens.

    It has the main window's title, size and place (its saved geometry), a
    busy cursor once drawn, and nothing inside: the main window takes its
    place once the project is open. (Text would load the fonts, tens of milliseconds before
    the first window shows; the main window loads them anyway.) `painted` is
    called once it was first drawn, so the slow part of the start begins only
    when the user sees a window.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.painted: Callable[[], None] | None = None
        title = QCoreApplication.translate("MainWindow", "{project} — Claim annotator")
        # plain.window_title's escape: importing `annotator.ui.plain` reads Qt's namespace
        # (``Qt``), whose first use alone takes longer than drawing this window.
        self.setWindowTitle(title.format(project=path.name.replace("[*]", "[*][*]")))
        self.resize(fit_to_screen(self, 1280, 800))
        geometry = QSettings().value("window/geometry")  # as the main window restores it
        if geometry is not None:
            self.restoreGeometry(geometry)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw; the first time, show a busy cursor and call `painted` from the event loop."""
        super().paintEvent(event)
        then, self.painted = self.painted, None
        if then is not None:
            from PySide6.QtCore import Qt

            self.setCursor(Qt.CursorShape.BusyCursor)
            QTimer.singleShot(0, then)


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

    def launch(self, path: str | None, read_only: bool = False, sample: bool = False) -> bool:
        """Start the app: ask the name if needed, then show a window at once.

        With a project to open (``path``, ``read_only``, or the ``sample``), an
        `OpeningWindow` shows first and the project opens once it is drawn;
        if it cannot be opened, the welcome screen takes its place. Without
        one, the welcome screen shows. False if the name was not given.
        """
        if annotator_name() is None and ask_name() is None:
            return False
        if path is None and not sample:
            self.show_welcome()
            return True
        opening = OpeningWindow(Path(path) if path is not None else Path("sample.claims"))

        begun = False

        def open_it() -> None:
            nonlocal begun
            if begun or self.window is not opening or not opening.isVisible():
                return  # begun (a dialog of it may be open), or closed before it was drawn
            begun = True
            opening.painted = None
            target: str | Path | None = path
            if sample:
                target = self._sample_path()
            if target is None or not self.open(target, read_only):
                self.show_welcome()

        opening.painted = open_it
        self._replace(opening)
        QTimer.singleShot(OPEN_UNDRAWN_MS, open_it)
        return True

    def _sample_path(self) -> Path | None:
        """The sample project (built the first time); None, said in a dialog, if it cannot be."""
        from annotator.samples import sample_project
        from annotator.ui import plain

        try:
            return sample_project()
        except AnnotatorError as exc:
            plain.critical(self.window, self.tr("Cannot open the sample"), str(exc))
            return None

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
        welcome.first_claim.connect(self.open_first_claim)
        welcome.open_other.connect(self.choose_and_open)
        welcome.new_project.connect(self.new_project)
        welcome.open_recent.connect(self.open)
        self._replace(welcome)

    def open(self, path: str | Path, read_only: bool = False) -> bool:
        """Open a project in the main window (``read_only``: read-only); False if it was not."""
        from annotator.ui.window.hub_sync import copy_of
        from annotator.ui.window.main_window import MainWindow
        from annotator.ui.window.page_check import damage_found
        from annotator.ui.window.restore import restore_damaged

        current = getattr(self.window, "project", None)
        if current is not None and current.path.resolve() == Path(path).resolve():
            return True  # already open here
        project = open_project(path, self.window, read_only)
        if project is None:
            return False
        remember_recent(project.path)
        copy = copy_of(project)  # a copy of a team hub is its annotator's
        name = copy.annotator if copy else annotator_name() or getpass.getuser()
        try:
            window = MainWindow(project, name, self)
        except Exception:
            # A damaged page read while building, before the background check found it.
            damage = damage_found(project)
            project.close()
            if damage is None:
                raise
            log.warning("%s", damage)
            if restore_damaged(Path(path), str(damage), self.window):
                return self.open(path, read_only)
            return False
        self._replace(window)
        return True

    def open_sample(self) -> None:
        """Open (building it the first time) the sample project."""
        path = self._sample_path()
        if path is not None:
            self.open(path)

    def open_first_claim(self) -> None:
        """Open the sample project and start the guided first claim there."""
        self.open_sample()
        window = self.window
        steps = getattr(window, "first_steps", None)
        if steps is not None and steps.sample:
            steps.guide.start()

    def choose_and_open(self) -> None:
        """Ask for a project file and open it."""
        from annotator.ui.window.dialogs import PROJECT_FILTER, tr_filter

        path, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Open project"), "", tr_filter(PROJECT_FILTER)
        )
        if path:
            self.open(path)

    def new_project(self) -> None:
        """Create a project (schema and first articles chosen in a dialog) and open it."""
        from annotator.core.schema import default_schema, read_schema
        from annotator.store.project import Project
        from annotator.ui import plain
        from annotator.ui.window.dialogs import NewProjectDialog
        from annotator.ui.window.importing import import_with_progress

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


BENCH_EXIT_ON_SHOW = "ANNOTATOR_BENCH_EXIT_ON_SHOW"
"""Set (to anything) by benchmarks/bench_start.py: see `_QuitWhenShown`."""


class _QuitWhenShown(QObject):
    """For the start benchmark: says on stdout when windows are first drawn, then quits.

    Writes ``shown`` when the first window was painted and ``ready`` when the
    first window that is not an `OpeningWindow` was (the project's main
    window, or the welcome screen), then quits from a zero timer.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.said: set[str] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Watch paint events of windows."""
        if (
            event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.isWindow()
        ):
            self._say("shown")
            if not isinstance(watched, OpeningWindow):
                self._say("ready")
                QTimer.singleShot(0, QApplication.quit)
        return False

    def _say(self, what: str) -> None:
        if what not in self.said:
            self.said.add(what)
            sys.stdout.write(what + "\n")
            sys.stdout.flush()


def set_identity(app: QApplication) -> None:
    """The icon of every window, and the desktop entry the desktop shows for the app."""
    app.setWindowIcon(QIcon(str(resource("icons", "claim-annotator.svg"))))
    app.setDesktopFileName(APP_ID)  # Wayland docks find the icon and name through it


def run(path: str | None, read_only: bool = False, sample: bool = False) -> int:
    """Run the app until its last window closes; returns the exit code.

    Args:
        path: the project to open, or None for the welcome screen.
        read_only: open ``path`` read-only (``annotator gui --read-only``).
        sample: open the sample project (``annotator gui --sample``), made on first use.
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
        if os.environ.get(BENCH_EXIT_ON_SHOW):
            app.installEventFilter(_QuitWhenShown(app))
        if not controller.launch(path, read_only, sample):
            return 0
        return int(app.exec())  # type: ignore[union-attr]
    finally:
        wake.stop()
        signal.signal(signal.SIGINT, previous)
        crash.uninstall()
