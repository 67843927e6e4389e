"""The window step of the self test (`annotator.selftest`): draw the main window off screen.

A frozen app that lacks a Qt plugin fails here rather than in front of the
user: the platform plugin (the window cannot be made), fonts (text cannot be
drawn), or the SVG icon engine (the app icon is blank).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QMessageLogContext,
    QSettings,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QFontDatabase, QIcon, QImage
from PySide6.QtWidgets import QApplication

from annotator.core.errors import AnnotatorError
from annotator.resources import resource
from annotator.store.project import Project

ICON = ("icons", "claim-annotator.svg")
# Limits of the offscreen platform, not faults of the installation.
HARMLESS = ("This plugin does not support",)


class WindowCheckError(AnnotatorError):
    """The main window could not be drawn properly."""


def _choose_platform() -> None:
    """Draw off screen on a Linux machine without a display, unless QT_QPA_PLATFORM says."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and headless:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def check_platform() -> str:
    """The Qt platform the app will use; a clear error where Qt would abort the process.

    Qt ends the process (no exception to catch) when the platform plugin is
    missing or cannot reach its display, so both are checked before Qt tries.

    Raises:
        WindowCheckError: the plugin is not installed, or there is no display for it.
    """
    name = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] or _default_platform()
    folders = [Path(p) / "platforms" for p in QCoreApplication.libraryPaths()]
    found = [f for folder in folders if folder.is_dir() for f in folder.glob(f"*q{name}.*")]
    if not found:
        where = ", ".join(str(f) for f in folders) or "no plugin folder"
        raise WindowCheckError(f"the Qt platform plugin {name!r} is missing (looked in {where})")
    display = {"xcb": "DISPLAY", "wayland": "WAYLAND_DISPLAY"}.get(name)
    if display and not os.environ.get(display):
        raise WindowCheckError(
            f"the Qt platform {name!r} needs a display and {display} is not set;"
            " run with QT_QPA_PLATFORM=offscreen"
        )
    return name


def _default_platform() -> str:
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "cocoa"
    return "wayland" if os.environ.get("WAYLAND_DISPLAY") else "xcb"


def _application(settings: Path) -> QApplication:
    """The running QApplication (or a new one), with settings kept in ``settings``."""
    _choose_platform()
    app = QApplication.instance()
    if app is None:
        check_platform()
        app = QApplication([sys.argv[0] if sys.argv else "claim-annotator"])
        app.setOrganizationName("claim-annotator-self-test")
        app.setApplicationName("Claim annotator self test")
    assert isinstance(app, QApplication)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings))
    return app


def colours(image: QImage, samples: int = 48) -> int:
    """How many different colours a grid of ``samples`` x ``samples`` points of ``image`` shows."""
    width, height = image.width(), image.height()
    seen = {
        image.pixel(x * width // samples, y * height // samples)
        for x in range(samples)
        for y in range(samples)
    }
    return len(seen)


def _check_icon() -> None:
    path = resource(*ICON)
    if not path.is_file():
        raise WindowCheckError(f"the app icon is missing: {path}")
    pixmap = QIcon(str(path)).pixmap(32, 32)
    if pixmap.isNull() or colours(pixmap.toImage(), 16) < 2:
        raise WindowCheckError("the app icon (SVG) cannot be drawn: Qt's SVG plugins are missing")


def draw_main_window(
    project: Project, annotator: str, settings: Path, screenshot: Path | None = None
) -> str:
    """Open the main window on ``project``, draw it, check the picture, and close it.

    Returns a one-line description for the self test's output.

    Raises:
        WindowCheckError: no fonts, a blank picture, or the icon cannot be drawn.
    """
    from annotator.ui.window.main_window import MainWindow

    warnings: list[str] = []

    def collect(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg and not message.startswith(HARMLESS):
            warnings.append(message)

    app = _application(settings)
    previous = qInstallMessageHandler(collect)
    try:
        families = len(QFontDatabase.families())
        if families == 0:
            raise WindowCheckError("Qt found no fonts; install some (e.g. fonts-dejavu-core)")
        window = MainWindow(project, annotator)
        try:
            window.resize(1200, 760)
            window.show()
            app.processEvents()
            image = window.grab().toImage()
        finally:
            window.close()
            window.deleteLater()
            app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if image.isNull() or image.width() == 0:
            raise WindowCheckError("the main window could not be drawn (a null picture)")
        if colours(image) < 3:
            raise WindowCheckError("the main window was drawn blank")
        if screenshot is not None:
            image.save(str(screenshot))
        _check_icon()
    finally:
        qInstallMessageHandler(previous)
    notes = ""
    if warnings:
        notes = f"; Qt said: {warnings[0]}" + (
            f" (+{len(warnings) - 1} more)" * (len(warnings) > 1)
        )
    return (
        f"drawn {image.width()}x{image.height()} on Qt platform {app.platformName()!r},"
        f" {families} font families, SVG icon ok{notes}"
    )
