"""Entry point of the packaged app (``claim-annotator``), see claim-annotator.spec.

- no argument: open the app (the welcome screen);
- one argument that is not a command: a project file to open (what a file
  manager passes on a double click, ``Exec=claim-annotator %f``);
- ``--self-test``: check the installation (``annotator self-test``);
- a command of the ``annotator`` CLI (``import``, ``export``, ``--help`` ...):
  run it, as ``annotator`` would.

A windowed build (Windows, macOS) has no standard output: what a command
prints then goes to ``last-command.txt`` in the log folder.
"""

from __future__ import annotations

import sys


def _is_cli(argument: str) -> bool:
    """True for a subcommand or an option of the ``annotator`` command."""
    from annotator.cli import cli

    return argument in cli.commands or argument.startswith("-")


def _output_to_file() -> None:
    """Without a console, send what a command prints to a file in the log folder."""
    if sys.stdout is not None and sys.stderr is not None:
        return
    from annotator.logs import log_dir

    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    out = open(folder / "last-command.txt", "w", encoding="utf-8")  # noqa: SIM115 (until exit)
    sys.stdout = sys.stdout or out
    sys.stderr = sys.stderr or out


def main(argv: list[str]) -> int:
    """Dispatch on the arguments (without the program name); returns the exit code."""
    # macOS passes a process serial number to apps started from the Finder.
    argv = [a for a in argv if not a.startswith("-psn_")]
    if argv[:1] == ["--self-test"]:
        argv = ["self-test", *argv[1:]]
    if not argv or (len(argv) == 1 and not _is_cli(argv[0])):
        from annotator.ui.window.app import run

        return run(argv[0] if argv else None)
    from annotator.cli import main as cli_main

    _output_to_file()
    cli_main(argv)  # exits itself, with the command's exit code
    return 0


if __name__ == "__main__":
    import multiprocessing

    # First: a suggestion worker process (spawned by the app) runs this executable too.
    multiprocessing.freeze_support()
    sys.exit(main(sys.argv[1:]))
