"""Commands that start the app or check the installation: gui, self-test."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli.base import cli
from annotator.core.errors import AnnotatorError


@cli.command()
@click.argument("project", required=False, type=click.Path(dir_okay=False))
@click.option("--sample", is_flag=True, help="Open the sample project (made on first use).")
@click.option(
    "--read-only",
    is_flag=True,
    help="Open PROJECT read-only: to read and export while it is open elsewhere.",
)
def gui(project: str | None, sample: bool, read_only: bool) -> None:
    """Open the app, on PROJECT if given.

    A PROJECT that cannot be written here (a read-only disk or folder) opens
    read-only by itself; the commands that only read (export, stats,
    agreement, actors, backups) work on it as well.
    """
    from annotator.ui.window.app import run

    if read_only and project is None and not sample:
        raise AnnotatorError("--read-only needs a PROJECT to open")
    sys.exit(run(None if sample else project, read_only, sample))


@cli.command("self-test")
@click.option(
    "--screenshot",
    type=click.Path(dir_okay=False),
    help="Also save the drawn main window as a PNG here.",
)
def self_test(screenshot: str | None) -> None:
    """Check this installation: import, label, export, re-import, and draw the window."""
    from annotator.selftest import run_self_test

    sys.exit(run_self_test(click.echo, Path(screenshot) if screenshot else None))
