"""What happens on an unexpected error: the traceback goes to the log, the user sees a dialog.

`install` replaces ``sys.excepthook`` and ``threading.excepthook``. PySide6 hands
an exception raised in a slot or event handler to ``sys.excepthook`` and then
carries on, so the app keeps running after the dialog. Every error is logged
in full; the dialog shows once per distinct error (the same one again only
after `REPEAT_SECONDS`), and never a second one on top of the first.
Ctrl+C (KeyboardInterrupt) goes to Python's default hook.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from annotator.logs import log_dir, log_file, logging_problem

# Installed before the app's first window: Qt's namespace (``Qt``, tens of milliseconds
# the first time) and `annotator.ui.plain` (which reads it) are imported by the dialog.

log = logging.getLogger(__name__)

REPEAT_SECONDS = 60.0
"""The same error shows its dialog again only after this long (it is logged every time)."""

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("CrashHandler", text)


def _key(info: ExcInfo) -> tuple[str, str, int]:
    """What makes two errors "the same": their type and the line that raised them."""
    exc_type, _, tb = info
    frames = traceback.extract_tb(tb) if tb is not None else []
    where = (frames[-1].filename, frames[-1].lineno or 0) if frames else ("", 0)
    return (exc_type.__qualname__, *where)


def _summary(info: ExcInfo) -> str:
    """One line naming the error, shortened for the dialog."""
    exc_type, exc, _ = info
    text = " ".join(str(exc).split())
    line = f"{exc_type.__name__}: {text}" if text else exc_type.__name__
    return line if len(line) <= 200 else line[:199] + "…"


class CrashHandler(QObject):
    """Logs uncaught exceptions and tells the user, without flooding them with dialogs."""

    _from_thread = Signal(str, str, object)  # summary, details, key: shown in the GUI thread

    def __init__(
        self,
        repeat_seconds: float = REPEAT_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.repeat_seconds = repeat_seconds
        self._clock = clock
        self._shown: dict[tuple[str, str, int], float] = {}
        self._busy = False  # inside the handler: an error now is the handler's own
        self._dialog_open = False
        self._previous: tuple[object, object] | None = None
        self.dialog: QMessageBox | None = None
        # Emitted only from other threads: the (automatic) connection queues it to this one.
        self._from_thread.connect(self._show_queued)

    # -- installing ------------------------------------------------------------------------

    def install(self) -> None:
        """Become ``sys.excepthook`` and ``threading.excepthook``."""
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread

    def uninstall(self) -> None:
        """Put back the hooks that were there before `install`."""
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    # -- the hooks ---------------------------------------------------------------------------

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
        thread: str | None = None,
    ) -> None:
        """Log the error, then show the dialog (or print to stderr without a GUI)."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if self._busy:  # the handler itself failed: don't go round in circles
            sys.__excepthook__(exc_type, exc, tb)
            return
        self._busy = True
        try:
            info: ExcInfo = (exc_type, exc, tb)
            where = f" in thread {thread}" if thread else ""
            log.critical("unexpected error%s: %s", where, _summary(info), exc_info=info)
            details = "".join(traceback.format_exception(exc_type, exc, tb))
            key = _key(info)
        except Exception:
            sys.__excepthook__(exc_type, exc, tb)
            return
        finally:
            self._busy = False
        self._tell(_summary((exc_type, exc, tb)), details, key)

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: like `handle`; the dialog shows in the GUI thread."""
        if args.exc_type is SystemExit or args.exc_value is None:
            return  # a thread that exits quietly, as the default hook does
        name = args.thread.name if args.thread is not None else None
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, name)

    # -- telling the user --------------------------------------------------------------------

    def _tell(self, summary: str, details: str, key: tuple[str, str, int]) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            print(self.stderr_message(summary), file=sys.stderr, flush=True)
            return
        if threading.current_thread() is not threading.main_thread():  # Qt's GUI thread
            self._from_thread.emit(summary, details, key)
            return
        self._show_queued(summary, details, key)

    def _show_queued(self, summary: str, details: str, key: tuple[str, str, int]) -> None:
        if not self._should_show(key):
            return
        self._dialog_open = True
        try:
            self.dialog = crash_dialog(summary, details, QApplication.activeWindow())
            self.dialog.exec()
        except Exception:  # the dialog itself failed: the log has the error already
            print(self.stderr_message(summary), file=sys.stderr, flush=True)
        finally:
            self._dialog_open = False
            self.dialog = None

    def _should_show(self, key: tuple[str, str, int]) -> bool:
        """False while a dialog is open and for an error shown less than a while ago."""
        if self._dialog_open:
            return False
        now = self._clock()
        last = self._shown.get(key)
        if last is not None and now - last < self.repeat_seconds:
            return False
        self._shown[key] = now
        return True

    @staticmethod
    def stderr_message(summary: str) -> str:
        """The short message printed when there is no window to show a dialog in."""
        path = log_file()
        where = f"details are in {path}" if path else (logging_problem() or "no log file")
        return f"Claim annotator: unexpected error ({summary}); {where}"


def crash_dialog(summary: str, details: str, parent: QWidget | None = None) -> QMessageBox:
    """The "something went wrong" message box: what, that the work is saved, where the log is."""
    from PySide6.QtCore import Qt

    from annotator.ui import plain

    box = plain.message_box(
        QMessageBox.Icon.Critical,
        _tr("Something went wrong"),
        _tr("The app ran into an error it did not expect."),
        QMessageBox.StandardButton.NoButton,
        parent,
    )  # the error and the log's path are shown as typed
    path = log_file()
    saved = _tr(
        "Your work so far is saved in the project file: every label is saved when you make it."
        " You can carry on working."
    )
    if path is not None:
        where = _tr("The details are in the log file:\n{path}").format(path=path)
    else:
        where = _tr("The details could not be written to a log file ({problem}).").format(
            problem=logging_problem() or _tr("logging is off")
        )
    error = _tr("The error: {summary}").format(summary=summary)
    box.setInformativeText(f"{saved}\n\n{error}\n\n{where}")
    box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    copy = box.addButton(_tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
    _keep_open(copy.clicked, lambda: _copy(summary, details))
    if path is not None:
        folder = box.addButton(_tr("Open log folder"), QMessageBox.ButtonRole.ActionRole)
        _keep_open(folder.clicked, lambda: _open_folder(path.parent))
    carry_on = box.addButton(_tr("Continue"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(carry_on)
    box.setEscapeButton(carry_on)  # else, with no Cancel among its buttons, Esc and the
    return box  # window's close button did nothing: the box could only be clicked away


def _keep_open(clicked: object, action: Callable[[], None]) -> None:
    """Run ``action`` on a click without closing the box (QMessageBox closes on every button)."""
    clicked.disconnect()  # type: ignore[attr-defined]
    clicked.connect(action)  # type: ignore[attr-defined]


def _copy(summary: str, details: str) -> None:
    path = log_file()
    text = f"{summary}\n\n{details}"
    if path is not None:
        text += f"\nLog file: {path}\n"
    QApplication.clipboard().setText(text)


def _open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


_installed: CrashHandler | None = None


FATAL_LOG = "fatal-errors.log"
"""Where a crash Python cannot catch (a segmentation fault in Qt) leaves its stack."""


def record_fatal_errors() -> Path | None:
    """Let `faulthandler` write the stacks of a hard crash to `FATAL_LOG` in the log folder.

    Such a crash ends the process before any hook runs, so this file is the only
    trace. Nothing changes when a fault handler is already on (a test runner's)
    or the folder cannot be written; returns the file, or None then.
    """
    if faulthandler.is_enabled():
        return None
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stream = open(folder / FATAL_LOG, "a", encoding="utf-8")  # noqa: SIM115 (kept open)
    except OSError:
        return None
    faulthandler.enable(stream)
    _fatal_streams.append(stream)  # faulthandler keeps only its file descriptor
    return folder / FATAL_LOG


_fatal_streams: list[TextIO] = []


def install() -> CrashHandler:
    """Install the app's crash handler (once); returns it."""
    global _installed
    if _installed is None:
        _installed = CrashHandler()
    _installed.install()
    record_fatal_errors()
    return _installed


def uninstall() -> None:
    """Remove the app's crash handler, putting back the previous hooks."""
    global _installed
    if _installed is not None:
        _installed.uninstall()
        _installed = None
