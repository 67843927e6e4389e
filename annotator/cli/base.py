"""What every ``annotator`` command shares: the command group, errors as one line, opening.

Errors print one line on stderr and exit non-zero; a traceback is never
shown (set ANNOTATOR_DEBUG=1 to see one for an unexpected error). The
commands live in the other modules of this package, each adding itself to
`cli`. A module is imported only when one of its commands runs (or ``--help``
lists them all), so a command pays for its own imports only: `COMMANDS` says
which module holds which command.
"""

from __future__ import annotations

import getpass
import importlib
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

import click

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.logs import log_file, setup_logging

if TYPE_CHECKING:
    from annotator.store.project import Project

EXIT_ERROR = 1
EXIT_BUG = 2

log = logging.getLogger("annotator.cli")  # not __name__: that is __main__ under python -m

COMMANDS = {
    **dict.fromkeys(("init", "import", "export"), "data"),
    "stats": "stats",
    "actors": "actors",
    "schema": "schema",
    **dict.fromkeys(("agreement", "assign", "package", "merge"), "team"),
    **dict.fromkeys(("backup", "backups", "restore"), "backups"),
    **dict.fromkeys(("gui", "self-test"), "app"),
    "suggest": "suggest",
    "dataset": "dataset",
    **dict.fromkeys(("hub", "sync"), "hub"),
}
"""Each command and the module of this package that defines it (imported when it is asked for)."""


def default_user() -> str:
    """Whom a change is recorded for: ``ANNOTATOR_NAME``, else the login name."""
    return os.environ.get("ANNOTATOR_NAME") or getpass.getuser()


class _Failure(click.ClickException):
    """An error shown as one line on stderr; exit code 1, or 2 for a bug."""

    def __init__(self, message: str, exit_code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class _Commands(dict[str, click.Command]):
    """The group's commands: a command's module is imported when the command is first looked up.

    ``name in commands`` is true for every command of `COMMANDS` without
    importing anything; ``commands[name]`` and ``commands.get(name)`` import
    the command's module if it was not yet.
    """

    def __missing__(self, name: str) -> click.Command:
        module = COMMANDS.get(name)
        if module is None:
            raise KeyError(name)
        importlib.import_module(f"annotator.cli.{module}")  # its commands add themselves
        return dict.__getitem__(self, name)

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or dict.__contains__(self, name)

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        """The command called ``name`` (its module imported), or ``default``."""
        try:
            return self[name]
        except KeyError:
            return default


class _Group(click.Group):
    """The command group: imports a command's module when it runs; every error is one line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Commands(self.commands)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command, without importing any (``--help`` imports them to show their help)."""
        return sorted(set(COMMANDS) | set(dict.keys(self.commands)))

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except AnnotatorError as exc:
            log.warning("%s: %s", ctx.invoked_subcommand, exc)
            raise _Failure(str(exc)) from None
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            log.warning("%s: %s%s", ctx.invoked_subcommand, where, exc.strerror or exc)
            raise _Failure(f"{where}{exc.strerror or exc}") from None
        except Exception as exc:  # the one place a bug is turned into a message
            log.critical("unexpected error in %s", ctx.invoked_subcommand, exc_info=True)
            if os.environ.get("ANNOTATOR_DEBUG"):
                raise
            message = f"unexpected error ({type(exc).__name__}: {exc}); please report it"
            if log_file() is not None:
                message += f" (details in {log_file()})"
            raise _Failure(message, EXIT_BUG) from None


@contextmanager
def project_file(path: str, read_only: bool = False) -> Iterator[Project]:
    """The project at ``path``, open (``read_only``: without the lock) and closed after."""
    from annotator.store.project import Project

    project = Project.open(path, read_only=read_only)
    try:
        yield project
    finally:
        project.close()


def report_file(path: str) -> AbstractContextManager[Project]:
    """The project at ``path`` opened read-only for a report (`Project.for_report`): its pages
    are checked while the report is computed, and the block ends once the check has passed."""
    from annotator.store.project import Project

    return Project.for_report(path)


@contextmanager
def progress_bar(label: str, enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A click progress bar on a terminal; nothing when output is piped."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=1, label=label, file=sys.stderr) as bar:

        def update(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        yield update


offsets_option = click.option(  # import and export of doccano
    "--offsets",
    type=click.Choice(["utf16", "codepoints"]),
    help=(
        "doccano: how offsets count characters (default utf16, as doccano's annotation page"
        " counts; codepoints for files made by Python scripts)."
    ),
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annotator")
def cli() -> None:
    """Label claims, actors, stance and attribution in news articles."""
    setup_logging()
    log.info("annotator %s", click.get_current_context().invoked_subcommand)
