"""The ``annotator`` command: create projects, import, export, inspect, open the app.

`cli` is the command group (`annotator.cli.base`); each module of this
package adds its commands to it, imported when one of them runs
(`annotator.cli.base.COMMANDS` names them):

- `data`: init, import, export;
- `stats`: stats;
- `actors`: actors (list, add, alias, merge);
- `schema`: schema (show, update);
- `team`: agreement, assign, package, merge;
- `backups`: backup, backups, restore;
- `suggest`: suggest (compute suggestions, or measure them);
- `dataset`: dataset build, diff, settings (train/dev/test splits for training models);
- `hub`: hub (init, upgrade, grant, blind, join, status, pull, schema) and sync: the
  team's PostgreSQL hub;
- `app`: gui, self-test.

`main` is the console entry point (``annotator = "annotator.cli:main"``);
``python -m annotator.cli`` runs it too.
"""

from __future__ import annotations

import sys
from typing import Any

from annotator.cli.base import cli

__all__ = ["cli", "main"]


def main(argv: list[str] | None = None) -> Any:
    """Entry point of the ``annotator`` command."""
    if getattr(sys, "frozen", False):  # a packaged build: its suggestion worker starts here too
        import multiprocessing

        multiprocessing.freeze_support()
    return cli.main(args=argv, prog_name="annotator")
