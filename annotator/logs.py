"""The app's log file: the ``annotator`` loggers write to a rotating file in the user's log folder.

`setup_logging` is called once when the app or a CLI command starts (calling it
again changes nothing). The file is ``claim-annotator.log`` in platformdirs'
``user_log_dir`` (Linux: ``~/.local/state/claim-annotator/log``; macOS:
``~/Library/Logs/claim-annotator``; Windows: ``%LOCALAPPDATA%\\claim-annotator\\Logs``),
kept to a few files of 1 MB each. Logging never stops the app: when the folder
cannot be written, messages go to stderr and `logging_problem` says why.

Modules log with ``logging.getLogger(__name__)``; everything under ``annotator``
ends up in the file.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import platform
import sys
from pathlib import Path

import platformdirs

from annotator import __version__

APP_NAME = "claim-annotator"
LOG_NAME = "claim-annotator.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"

_ROOT = logging.getLogger("annotator")
_state: dict[str, object] = {"path": None, "problem": None}


class _LogFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler that never prints its own tracebacks.

    A write or a rotation can fail while the app runs (a full disk, another
    process holding the file on Windows); the message is then lost, quietly.
    """

    def handleError(self, record: logging.LogRecord) -> None:
        """Drop the record: a failing log must not disturb the user."""


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The fallback when no log file can be written: whatever ``sys.stderr`` is now."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)  # no stream of its own: see `stream`

    @property  # type: ignore[override]
    def stream(self) -> object:
        """The current ``sys.stderr`` (tests and the CLI runner replace it)."""
        return sys.stderr


def log_dir() -> Path:
    """The user's log folder for this app (not created)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_file() -> Path | None:
    """The log file in use, or None before `setup_logging` or when logging goes to stderr."""
    path = _state["path"]
    return path if isinstance(path, Path) else None


def logging_problem() -> str | None:
    """Why there is no log file (logging went to stderr instead), or None."""
    problem = _state["problem"]
    return str(problem) if problem else None


def _our_handlers() -> list[logging.Handler]:
    return [h for h in _ROOT.handlers if isinstance(h, (_LogFileHandler, _StderrHandler))]


def _remove_our_handlers() -> None:
    for handler in _our_handlers():
        _ROOT.removeHandler(handler)
        handler.close()


def _file_handler(folder: Path, max_bytes: int, backups: int) -> _LogFileHandler:
    """Create the folder and open the log file.

    Raises:
        OSError: the folder or the file cannot be created or written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    handler = _LogFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    if not os.access(path, os.W_OK):  # opening for append can succeed on a read-only file
        handler.close()
        raise PermissionError(13, "permission denied", str(path))
    return handler


def stop_logging() -> None:
    """Close the log file and stop writing it (for tests, and for a clean exit)."""
    _remove_our_handlers()
    _state.update(path=None, problem=None)


def setup_logging(
    level: int = logging.INFO,
    folder: Path | None = None,
    max_bytes: int = MAX_BYTES,
    backups: int = BACKUPS,
) -> Path | None:
    """Send the ``annotator`` loggers to the rotating log file; returns the file's path.

    Calling it again with the same folder changes nothing (one handler, one
    file); with another folder (tests, another user folder) it moves the log
    there. When the folder cannot be created or written, messages go to stderr,
    `logging_problem` says why, and None is returned.

    Args:
        level: the lowest level written.
        folder: where the log goes; `log_dir` when left out.
        max_bytes: size at which the file is rotated (``.log.1`` ... ``.log.N``).
        backups: how many rotated files are kept.
    """
    folder = folder or log_dir()
    _ROOT.setLevel(level)
    current = log_file()
    if current is not None and current.parent == folder and _our_handlers():
        for handler in _our_handlers():
            handler.setLevel(level)
        return current
    _remove_our_handlers()
    handler: logging.Handler
    try:
        handler = _file_handler(folder, max_bytes, backups)
    except OSError as exc:
        reason = f"cannot write the log in {folder}: {exc.strerror or exc}"
        handler = _StderrHandler()
        _state.update(path=None, problem=reason)
    else:
        _state.update(path=folder / LOG_NAME, problem=None)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    _ROOT.addHandler(handler)
    _ROOT.info(
        "Claim annotator %s started (Python %s, %s, process %d)",
        __version__,
        platform.python_version(),
        f"{platform.system()} {platform.release()}",  # platform.platform() runs `uname -p`
        os.getpid(),
    )
    if logging_problem():
        _ROOT.warning("%s; logging to stderr", logging_problem())
    return log_file()
