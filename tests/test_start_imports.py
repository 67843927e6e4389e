"""What a fresh ``annotator`` process imports: only what the command or the first window needs.

Each test starts a new interpreter, as a user's command does, and lists the
modules it holds after the command ran (or when the first window was shown).
pandas and numpy are installed here (the test extras bring them), so these
tests see what an installation with them would import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from annotator.store.project import Project

DATAFRAMES = ("pandas", "numpy", "pyarrow")

_AFTER_COMMAND = """
import json, sys
from annotator.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    if done.code:
        raise
print("MODULES " + json.dumps(sorted(sys.modules)))
"""


def modules_after(*argv: str) -> set[str]:
    """The modules a fresh interpreter holds after ``annotator ARGV`` ran."""
    done = subprocess.run(
        [sys.executable, "-c", _AFTER_COMMAND, *argv],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert done.returncode == 0, done.stderr
    (line,) = [x for x in done.stdout.splitlines() if x.startswith("MODULES ")]
    return set(json.loads(line.removeprefix("MODULES ")))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_stats_imports_no_dataframes_and_no_qt(tmp_path: Path) -> None:
    path = tmp_path / "tiny.claims"
    Project.create(path).close()
    loaded = top_level(modules_after("stats", str(path)))
    assert "sqlite_utils" in loaded or "annotator" in loaded  # it did run
    assert not loaded & {*DATAFRAMES, "PySide6", "shiboken6"}


def test_creating_a_project_imports_no_dataframes(tmp_path: Path) -> None:
    # Creating runs the migrations, which build the tables with sqlite_utils.
    loaded = top_level(modules_after("init", str(tmp_path / "new.claims")))
    assert "sqlite_utils" in loaded
    assert not loaded & set(DATAFRAMES)


def test_version_imports_no_command() -> None:
    loaded = modules_after("--version")
    assert not {m for m in loaded if m.startswith(("annotator.cli.", "annotator.store"))} - {
        "annotator.cli.base"
    }
    assert not top_level(loaded) & {"sqlite_utils", "PySide6", *DATAFRAMES}


def test_each_command_is_where_the_group_looks_for_it() -> None:
    # The group imports a command's module when the command runs (COMMANDS): a command
    # added elsewhere, or moved, would otherwise be missing from `annotator --help`.
    import importlib

    import click

    from annotator.cli import cli
    from annotator.cli.base import COMMANDS

    for module in set(COMMANDS.values()):
        importlib.import_module(f"annotator.cli.{module}")
    defined = {
        name: command.callback.__module__.removeprefix("annotator.cli.")
        for name, command in dict.items(cli.commands)
        if command.callback is not None
    }
    assert defined == COMMANDS
    assert cli.list_commands(click.Context(cli)) == sorted(COMMANDS)


_AT_FIRST_WINDOW = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtWidgets import QApplication, QWidget

app = QApplication(sys.argv[:1])
app.setOrganizationName("claim-annotator")
app.setApplicationName("Claim annotator")
QSettings().setValue("annotator", "ana")  # no name dialog: the first window is the app's


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) \\
                and watched.isWindow():
            print("FIRST " + type(watched).__name__)
            print("MODULES " + json.dumps(sorted(sys.modules)), flush=True)
            os._exit(0)
        return False


app.installEventFilter(FirstPaint(app))
from annotator.cli import main

main(sys.argv[1:])
"""


def test_the_first_window_shows_before_the_project_and_its_modules_load(
    project_path: Path, user_folders: Path
) -> None:
    Project.create(project_path).close()
    done = subprocess.run(
        [sys.executable, "-c", _AT_FIRST_WINDOW, "gui", str(project_path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "FIRST OpeningWindow" in lines
    (line,) = [x for x in lines if x.startswith("MODULES ")]
    loaded = set(json.loads(line.removeprefix("MODULES ")))
    assert not top_level(loaded) & {*DATAFRAMES, "sqlite_utils", "spacy", "orjson"}
    not_yet = ("annotator.store", "annotator.io", "annotator.quality", "annotator.assist")
    assert not [m for m in loaded if m.startswith(not_yet)]
    assert not loaded & {"annotator.operations", "annotator.ui.window.main_window"}
    assert "annotator.ui.plain" not in loaded  # it reads Qt's namespace: tens of ms
