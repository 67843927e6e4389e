"""No lost work: what the window showed as done is in the file, even after SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.model import Article
from annotator.store.project import Project

ACTIONS = 30

# The child drives the real window: select words, press C, press a stance key. It prints
# one line after each action returns, i.e. after the window shows it done.
CHILD = """
import sys
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow

app = QApplication([])
QCoreApplication.setOrganizationName("claim-annotator-crash-test")
window = MainWindow(Project.open(sys.argv[1]), "ana")
window.show()
view = window.workspace.view
text = view.text
for i in range(int(sys.argv[2]) * 10):
    start = (i * 7) % (len(text) - 10)
    view.select_span(Span(start, start + 5))
    QTest.keyClick(view, "c")
    QTest.keyClick(view, "o")
    app.processEvents()
    print(i + 1, flush=True)
"""


@pytest.mark.slow
def test_actions_survive_sigkill(project_path: Path, tmp_path: Path) -> None:
    with Project.create(project_path) as project:
        words = " ".join(f"word{i}" for i in range(400))
        project.add_articles([Article(id="a1", text=words, title="Words")])
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(project_path), str(ACTIONS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    shown = 0
    while shown < ACTIONS:
        line = child.stdout.readline()
        assert line, child.stderr.read() if child.stderr else "the child stopped early"
        shown = int(line)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    with Project.open(project_path) as project:  # the lock died with the child
        claims = project.labels("a1", "ana").claims
        assert len(claims) >= ACTIONS
        assert sum(1 for c in claims if c.stance == "oppose") >= ACTIONS
        assert project.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_failed_save_is_shown_and_retried(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from annotator.core.spans import Span
    from annotator.ui.window.main_window import MainWindow

    project.add_articles([Article(id="a1", text="Velgrad said the port reopens " + "x" * 5000)])
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    window.show()
    view = window.workspace.view
    # SQLite refuses every write from now on, as it does when the file became read-only.
    project.conn.execute("PRAGMA query_only = ON")
    view.select_span(Span(0, 7))
    qtbot.keyClick(view, "c")
    assert window.banner.isVisible()
    assert (
        "could not save mark claim: the project is read-only here" in window.banner.message.text()
    )
    assert project.labels("a1", "ana").claims == ()
    assert window.session.undo_stack.count() == 0
    project.conn.execute("PRAGMA query_only = OFF")  # writable again
    qtbot.mouseClick(window.banner.retry_button, Qt.MouseButton.LeftButton)
    (claim,) = project.labels("a1", "ana").claims
    assert (claim.start, claim.end) == (0, 7)
    assert not window.banner.isVisible()
    assert [m.label_id for m in view.layer.marks() if m.kind == "claim"] == [claim.id]
