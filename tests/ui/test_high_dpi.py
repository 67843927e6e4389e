"""The main window at 200 % scaling: sharp, on the screen, nothing cut off.

Qt fixes the scale factor when the application starts, so the window is
built in a child process with ``QT_SCALE_FACTOR=2`` on an offscreen screen of
a common laptop (2560 x 1440 pixels, so 1280 x 720 logical pixels at 200 %).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
    from annotator.io.importer import import_files
    from annotator.resources import resource
    from annotator.store.project import Project
    from annotator.ui.window.main_window import MainWindow

    folder = Path(sys.argv[1])
    app = QApplication([])
    app.setOrganizationName("claim-annotator-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
    project = Project.create(folder / "hidpi.claims")
    import_files(project, [resource("samples", "articles.jsonl")])
    window = MainWindow(project, "ana")
    window.show()
    app.processEvents()
    picture = window.grab()
    picture.save(str(folder / "window-2x.png"))
    icon = QIcon(str(resource("icons", "claim-annotator.svg"))).pixmap(32, 32)

    def cut(widget):
        if not widget.isVisible() or (isinstance(widget, QLabel) and widget.wordWrap()):
            return False
        need = widget.minimumSizeHint() if isinstance(widget, QAbstractButton) else widget.sizeHint()
        return widget.width() < need.width() or widget.height() < need.height()

    widgets = window.findChildren(QLabel) + window.findChildren(QAbstractButton)
    room = window.screen().availableGeometry()
    print(json.dumps({
        "screen_ratio": window.screen().devicePixelRatio(),
        "grab_ratio": picture.devicePixelRatio(),
        "grab": [picture.width(), picture.height()],
        "window": [window.width(), window.height()],
        "fits": room.contains(window.frameGeometry()),
        "icon_ratio": icon.devicePixelRatio(),
        "icon": [icon.width(), icon.height()],
        "labels": sum(1 for w in widgets if w.isVisible()),
        "cut": [f"{type(w).__name__} {w.text()!r}" for w in widgets if cut(w)],
    }))
    window.close()
    """
)


@pytest.fixture(scope="module")
def at_200_percent(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the child process measured on its 200 % screen."""
    folder = tmp_path_factory.mktemp("hidpi")
    config = folder / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": 2560, "height": 1440}
    config.write_text(json.dumps({"screens": [screen | {"logicalDpi": 96, "dpr": 1}]}))
    environment = os.environ | {
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": "2",
    }
    for name in ("DATA", "STATE", "CACHE", "CONFIG"):
        (folder / name).mkdir()
        environment[f"XDG_{name}_HOME"] = str(folder / name)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    found["folder"] = folder
    return found


def test_scaling_is_on_and_the_window_is_drawn_at_twice_the_pixels(
    at_200_percent: dict[str, Any],
) -> None:
    assert at_200_percent["screen_ratio"] == 2.0
    assert at_200_percent["grab_ratio"] == 2.0
    width, height = at_200_percent["window"]
    assert at_200_percent["grab"] == [2 * width, 2 * height]
    assert (at_200_percent["folder"] / "window-2x.png").stat().st_size > 0


def test_the_window_fits_a_laptop_screen_at_200_percent(at_200_percent: dict[str, Any]) -> None:
    assert at_200_percent["fits"]
    assert at_200_percent["window"][0] >= 1000  # shrunk to the screen, not to nothing


def test_the_icon_is_drawn_sharp(at_200_percent: dict[str, Any]) -> None:
    assert at_200_percent["icon_ratio"] == 2.0
    assert at_200_percent["icon"] == [64, 64]  # 32 logical pixels, drawn with 64 real ones


def test_no_label_or_button_is_cut_off(at_200_percent: dict[str, Any]) -> None:
    assert at_200_percent["labels"] > 10
    assert at_200_percent["cut"] == []
