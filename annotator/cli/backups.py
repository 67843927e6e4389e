"""Backups from the command line: backup, backups, restore (see `annotator.store.backup`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from annotator.cli.base import cli, default_user, log, project_file
from annotator.core.errors import DamagedProjectError, ProjectError


def _backup_line(entry: Any) -> str:
    """One backup as ``backups`` and ``backup`` print it: local time, reason, counts, file."""
    when = entry.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    if not entry.readable:
        return f"{when}  {entry.reason:<16}  unreadable: {entry.problem}  {entry.path}"
    counts = f"{entry.articles} articles, {entry.claims} claims, {entry.mentions} mentions"
    return f"{when}  {entry.reason:<16}  {counts}  from {entry.source or '?'}  {entry.path}"


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.option("--if-changed", is_flag=True, help="Only if it changed since its last backup.")
def backup(project: str, if_changed: bool) -> None:
    """Back up PROJECT now (works while the app has it open)."""
    from annotator.store.backup import backup_file

    made = backup_file(Path(project), "manual", if_changed=if_changed, check=True)
    click.echo(_backup_line(made) if made else "unchanged since its last backup; none made")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
def backups(project: str) -> None:
    """List PROJECT's backups, newest first (times are local).

    When PROJECT cannot be opened (damaged, missing, older version), the
    backups made from that file are listed, found by the path they record.
    """
    from annotator.store.backup import backup_folder, backups_for_file, backups_root, list_backups

    try:
        with project_file(project, read_only=True) as opened:
            entries = list_backups(opened.project_id)
            folder = backup_folder(opened.project_id)
    except ProjectError as exc:
        click.echo(f"{exc}\nbackups made from this file:", err=True)
        entries, folder = backups_for_file(Path(project)), backups_root()
    for entry in entries:
        click.echo(_backup_line(entry))
    click.echo(f"{len(entries)} backup{'s' * (len(entries) != 1)} in {folder}")


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False))
@click.argument("backup_file", type=click.Path(dir_okay=False, exists=True))
def restore(project: str, backup_file: str) -> None:
    """Replace PROJECT's content with BACKUP_FILE's; the current state is backed up first.

    A damaged PROJECT (which cannot be opened) is moved aside, not backed up.
    """
    from annotator.store.backup import damaged_copies, restore_backup, restore_file

    path = Path(project)
    try:
        with project_file(project) as opened:
            before = restore_backup(opened, Path(backup_file))
        damaged = False
    except DamagedProjectError as exc:
        log.warning("restore: %s; restoring over the file", exc)
        before = restore_file(path, Path(backup_file), default_user())
        damaged = True
    click.echo(f"restored {path.name} from {backup_file}")
    if before is not None:
        click.echo(f"the state before is in {before.path}; restore that to undo this")
    if damaged:
        click.echo(f"the damaged file was moved aside to {damaged_copies(path)[0]}")
