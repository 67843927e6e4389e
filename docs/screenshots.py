"""Make the screenshots of the docs from the real app, off screen: ``make screenshots``.

The sample project (`annotator.samples.build_sample`, what ``annotator gui
--sample`` opens) is built in a temporary folder, the app's own windows are
opened on it with ``QT_QPA_PLATFORM=offscreen`` and settings of their own (the
user's settings, sample and backups are not touched), and each picture is
saved as a PNG beside this file:

- ``workspace.png``: the main window on a labelled article, a claim chosen;
- ``first-claim.png``: the guided first claim, halfway through its keys;
- ``examples.png``: an example article with the example annotator's labels below;
- ``suggestions.png``: an article with the app's suggestions and the Suggestions tab;
- ``adjudication.png``: two annotators' labels and gold between them;
- ``dashboard.png``: the team dashboard.

Run it again after a change to the UI and commit the PNGs that changed.
``python docs/screenshots.py NAME ...`` makes only those (names without ``.png``).
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import platformdirs
from PySide6.QtCore import (
    QEvent,
    QMessageLogContext,
    QSettings,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from annotator.assist.compute import compute_suggestions
from annotator.samples import EXAMPLE_ARTICLES, build_sample
from annotator.store.project import Project
from annotator.ui.window.first_steps import GUIDE_SETTING
from annotator.ui.window.main_window import MainWindow

DOCS = Path(__file__).resolve().parent
SIZE = (1280, 760)
"""The main window's size in the pictures (about what a laptop shows)."""
ARTICLE = "river-01"
"""The sample article labelled by ana shown in the workspace (no emoji: an emoji font is
not on every machine that makes the pictures, and missing glyphs would show as boxes)."""


LARGEST = 200 * 1024
"""A picture larger than this (bytes) is saved with 256 colours instead."""


def save(widget: QWidget, name: str) -> Path:
    """Draw ``widget`` as it is now into ``docs/NAME.png`` (at most `LARGEST` bytes if it can)."""
    settle()
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    path = DOCS / f"{name}.png"
    if not image.save(str(path), "PNG", 0):  # 0: the smallest file
        raise RuntimeError(f"could not write {path}")
    if path.stat().st_size > LARGEST:
        fewer = image.convertToFormat(
            QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ColorOnly
        )
        fewer.save(str(path), "PNG", 0)
    return path


def quiet(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    """Qt's messages, but not the offscreen platform's notes on what it cannot do."""
    if kind != QtMsgType.QtDebugMsg and not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr)


def settle() -> None:
    """Let the windows lay themselves out and draw (and deferred deletes run)."""
    for _ in range(5):
        QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def open_window(path: Path, annotator: str) -> MainWindow:
    """The main window on the project at ``path``, for ``annotator`` (closing it closes the file)."""
    window = MainWindow(Project.open(path), annotator)
    window.resize(*SIZE)
    window.show()
    settle()
    return window


def open_article(window: MainWindow, article_id: str) -> None:
    """Open an article as a click in the list does."""
    window.list_panel.show_article(article_id)
    window.workspace.open_article(article_id)
    window.first_steps.article_opened(article_id)
    settle()


def find(window: MainWindow, words: str) -> None:
    """``Ctrl+F``, the words, ``Esc``: the words selected in the text."""
    view = window.workspace.view
    QTest.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = window.workspace.find_bar.field
    field.setText(words)
    QTest.keyClick(field, Qt.Key.Key_Escape)


def shot_workspace(path: Path) -> None:
    window = open_window(path, "ana")
    open_article(window, ARTICLE)
    claims = window.project.labels(ARTICLE, "ana").claims
    window.workspace.select_claim(claims[0].id)
    window.workspace.view.setFocus()
    save(window, "workspace")
    window.close()


def shot_first_claim(path: Path) -> None:
    QSettings().remove(GUIDE_SETTING)
    window = open_window(path, "newcomer")
    guide = window.first_steps.guide
    guide.start()
    settle()
    view = window.workspace.view
    find(window, "we")
    QTest.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    QTest.keyClick(view, "c")  # the claim
    QTest.keyClick(view, "s")  # support: the bar now asks for the attribution
    save(window, "first-claim")
    guide.skip()
    window.close()


def shot_examples(path: Path) -> None:
    window = open_window(path, "newcomer")
    window.resize(SIZE[0], 940)  # the examples' pane below the text needs the height
    open_article(window, EXAMPLE_ARTICLES[0])
    save(window, "examples")
    window.close()


def shot_suggestions(path: Path) -> None:
    article = "grain-02"  # labelled by nobody: everything on it is a suggestion
    with Project.open(path) as project:
        compute_suggestions(project, "ana", [article], ["patterns", "actors"])
    window = open_window(path, "ana")
    open_article(window, article)
    panel = window.workspace.panel
    panel.tabs.setCurrentWidget(panel.suggestions)
    flow = window.workspace.suggestion_flow
    first = next(s for s in flow.offered.items if s.kind == "claim")
    flow.choose(first.key)
    settle()
    panel.tabs.setCurrentWidget(panel.suggestions)
    save(window, "suggestions")
    window.close()


def shot_adjudication(path: Path) -> None:
    window = open_window(path, "lead")
    window.show_adjudication()
    # The examples' disagreement. Asked for again, as the open view is: the first call with
    # an article shows its texts but leaves the list of articles on the first one.
    window.show_adjudication(EXAMPLE_ARTICLES[1])
    view = window.adjudication
    view.resize(1500, 860)
    settle()
    view.on_key("1")  # the first difference settled: the left version taken into gold
    save(view, "adjudication")
    view.close()
    window.close()


def shot_dashboard(path: Path) -> None:
    window = open_window(path, "lead")
    window.show_dashboard()
    window.dashboard.resize(1000, 1040)  # the agreement tables whole, without scroll bars
    window.dashboard.tabs.setCurrentIndex(2)  # Agreement
    save(window.dashboard, "dashboard")
    window.dashboard.close()
    window.close()


SHOTS: dict[str, Callable[[Path], None]] = {
    "workspace": shot_workspace,
    "first-claim": shot_first_claim,
    "examples": shot_examples,
    "suggestions": shot_suggestions,
    "adjudication": shot_adjudication,
    "dashboard": shot_dashboard,
}


def keep_to(folder: Path) -> None:
    """Make the app's data and log folders (backups made on closing a window, the log) ``folder``.

    The screenshots' projects are thrown away; their backups must not land among the user's.
    """

    def inside(name: str, *_args: object, **_kwargs: object) -> str:
        return str(folder / name)

    platformdirs.user_data_dir = functools.partial(inside, "data")
    platformdirs.user_log_dir = functools.partial(inside, "log")


def main(names: list[str]) -> int:
    unknown = [n for n in names if n not in SHOTS]
    if unknown:
        print(f"unknown screenshot {', '.join(unknown)}; choose from {', '.join(SHOTS)}")
        return 2
    with tempfile.TemporaryDirectory(prefix="claim-screenshots-") as folder:
        keep_to(Path(folder))
        qInstallMessageHandler(quiet)
        app = QApplication.instance() or QApplication(["claim-annotator"])
        app.setOrganizationName("claim-annotator-screenshots")
        app.setApplicationName("Claim annotator screenshots")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        settings = QSettings()
        settings.setValue("suggestions/background", False)  # computed here, in this process
        settings.setValue(GUIDE_SETTING, "skipped")  # the guide only in its own picture
        for name in names or list(SHOTS):
            SHOTS[name](build_sample(Path(folder) / f"{name}.claims"))  # a fresh copy each
            settle()
            path = DOCS / f"{name}.png"
            print(f"{path.relative_to(DOCS.parent)}: {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
