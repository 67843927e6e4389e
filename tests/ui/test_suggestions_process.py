"""Background suggestions computed in a worker process of their own, which never outlives the
window or the app; where no process can start, in the thread as before (logged, no traceback)."""

from __future__ import annotations

import json
import logging
import multiprocessing
import multiprocessing.spawn
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from annotator.core.model import Article
from annotator.store.project import Project
from annotator.ui.suggestions.background import SuggestionThread
from tests.ui.marking import active_window
from tests.ui.suggesting import background

ARTICLES = 300
WAIT_MS = 60_000  # a loaded machine: these tests wait for events, they time nothing
ROOT = Path(__file__).resolve().parents[2]


def article_text(i: int) -> str:
    sentences = [
        f"Minister Arlen {i} said that the harbour of Velgrad must reopen before winter.",
        "Observers note that the treaty talks have stalled again this month.",
        f"According to the ministry, {i} ships were waiting outside the port on Monday.",
    ]
    return " ".join(sentences * 20)


@pytest.fixture
def corpus(project: Project) -> Project:
    project.add_articles(
        [Article(id=f"a{i:03}", text=article_text(i), title=f"H {i}") for i in range(ARTICLES)]
    )
    background(True)
    return project


def alive(pid: int) -> bool:
    """True while a process of that id exists (and is not a zombie)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        try:
            return "zombie" not in status.read_text()
        except OSError:
            return False
    return True


def test_suggestions_are_computed_in_a_worker_process_that_ends_with_the_window(
    qtbot, corpus: Project
) -> None:  # type: ignore[no-untyped-def]
    window = active_window(qtbot, corpus)
    computing = window.workspace.suggestion_flow.background
    with qtbot.waitSignal(computing.stored, timeout=WAIT_MS):
        pass
    thread = computing.thread
    assert thread is not None
    pid = thread.worker_pid
    assert pid is not None and pid != os.getpid()
    assert pid in {child.pid for child in multiprocessing.active_children()}
    assert corpus.suggestion_article_ids("ana")  # what the process computed, stored here
    info = thread.worker_info()
    assert info["worker_start_ms"] > 0
    window.close()  # the corpus is still running: the process is ended, not waited for
    assert thread.isFinished()
    assert pid not in {child.pid for child in multiprocessing.active_children()}
    assert not alive(pid)


def test_without_a_worker_process_the_thread_computes_and_says_so_in_the_log(
    qtbot, corpus: Project, monkeypatch, caplog, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    # A spawn that cannot start: the interpreter it would run is not there.
    monkeypatch.setattr(multiprocessing.spawn, "_python_exe", str(tmp_path / "no-python"))
    caplog.set_level(logging.INFO, logger="annotator.ui.suggestions.background")
    window = active_window(qtbot, corpus)
    computing = window.workspace.suggestion_flow.background
    window.workspace.open_article("a299")
    qtbot.waitUntil(lambda: "a299" in corpus.suggestion_article_ids("ana"), timeout=WAIT_MS)
    thread = computing.thread
    assert thread is not None and thread.worker_pid is None
    warned = [r for r in caplog.records if "did not start" in r.getMessage()]
    assert warned and all(r.exc_info is None for r in caplog.records)
    window.close()
    assert thread.isFinished()


QUITTING_APP = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    from annotator.core.model import Article
    from annotator.store.project import Project
    from annotator.ui.window.main_window import MainWindow


    def main():
        QCoreApplication.setOrganizationName("claim-annotator-tests")
        app = QApplication([])
        QSettings().setValue("suggestions/background", True)
        project = Project.create(sys.argv[1])
        text = "Minister Arlen said that the harbour of Velgrad must reopen. " * 3000
        project.add_articles([Article(id="long", text=text, title="Long")])
        window = MainWindow(project, "ana")
        window.show()
        computing = window.workspace.suggestion_flow.background

        def look():
            thread = computing.thread
            if thread is not None and thread.worker_pid is not None:
                print(thread.worker_pid, flush=True)
                app.quit()  # the window is not closed first
            else:
                QTimer.singleShot(20, look)

        QTimer.singleShot(0, look)
        app.exec()


    if __name__ == "__main__":  # the worker process imports this script too (spawn)
        main()
    """
)


def test_the_worker_process_does_not_outlive_the_app(tmp_path: Path) -> None:
    script = tmp_path / "quit.py"
    script.write_text(QUITTING_APP.format(root=str(ROOT)), encoding="utf-8")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "long.claims")],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    pid = int(done.stdout.split()[-1])
    deadline = time.monotonic() + 30  # the parent has exited; an orphan would stay alive
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(pid)


KILLED_APP = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing
    from PySide6.QtCore import QCoreApplication
    from annotator.assist import worker
    from annotator.core.model import Article
    from annotator.store.project import Project
    from annotator.ui.suggestions.background import SuggestionThread


    def main():
        path, how = sys.argv[1], sys.argv[2]
        project = Project.create(path)
        text = "Minister Arlen said that the harbour of Velgrad must reopen. " * {repeats}
        project.add_articles([Article(id="long", text=text, title="Long")])
        if how == "sentinel":  # the worker's portable watch alone, without Linux's prctl
            pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=worker.initialize,
                initargs=(False,),
            )
            pid = pool.submit(worker.started).result()
            pool.submit(worker.compute, path, "ana", ["long"])
            print(pid, flush=True)
            pool.submit(worker.started).result()  # waits until killed
            return
        app = QCoreApplication([])
        thread = SuggestionThread(project, "ana")  # the machinery of the window

        def prepared(versions):  # the long article's step starts now, in the worker
            print(thread.worker_pid, flush=True)

        thread.versions.connect(prepared)
        thread.start()
        thread.want("long")
        app.exec()  # until killed


    if __name__ == "__main__":  # the worker process imports this script too (spawn)
        main()
    """
)
LONG_REPEATS = 65_000
"""4 MB of text: the worker's one step on it takes 20 s or more (13 s at 3 MB on a 2-CPU laptop)."""


def children(pid: int) -> set[int]:
    """The ids of the processes whose parent is ``pid`` (Linux: read from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds processes in /proc")
@pytest.mark.parametrize("how", ["thread", "sentinel"])
def test_the_worker_process_ends_soon_after_the_app_is_killed_mid_step(
    tmp_path: Path, how: str
) -> None:
    """kill -9 of the app in the middle of a long step: the worker does not compute on.

    ``thread``: as in the window (on Linux the kernel's parent-death signal and
    the watch of the parent's pipe); ``sentinel``: the portable watch alone.
    """
    script = tmp_path / "killed.py"
    script.write_text(KILLED_APP.format(root=str(ROOT), repeats=LONG_REPEATS), encoding="utf-8")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    app = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "long.claims"), how],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    pid = None
    try:
        assert app.stdout is not None
        line = app.stdout.readline()  # once the worker has the long step
        assert line.strip(), app.stderr.read() if app.stderr else ""
        pid = int(line)
        assert pid in children(app.pid) and alive(pid)
        app.kill()  # SIGKILL: the app runs none of its clean-up
        app.wait(30)
        deadline = time.monotonic() + 10  # the step alone lasts twice that: only an orphan stays
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(pid)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait(30)
        if pid is not None and alive(pid):
            os.kill(pid, 9)  # the test failed: no orphan left behind


FAILING_RECOMMENDER_APP = textwrap.dedent(
    """
    import json
    import logging
    import os
    import sys
    sys.path.insert(0, {root!r})
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    import annotator.assist.compute
    from annotator.core.model import Article
    from annotator.store.project import Project


    class Exploded(Exception):
        # A constructor of its own: pickled with one argument, it cannot be rebuilt from it.
        def __init__(self, article_id, chars):
            super().__init__(f"cannot read {{article_id}} ({{chars}} characters)")


    class ExplodingPatterns:
        # A recommender that raises on every article, in place of the patterns recommender.
        name = "patterns"
        version = "exploding-1"

        def suggest(self, article, context):
            raise Exploded(article.id, len(article.text))


    # Module level: the worker process imports this script too (spawn), and runs it there.
    annotator.assist.compute.AttributionPatterns = ExplodingPatterns


    def main():
        from annotator.ui.window import crash
        from annotator.ui.window.main_window import MainWindow

        QCoreApplication.setOrganizationName("claim-annotator-tests")
        app = QApplication([])
        handler = crash.install()
        records = []
        catcher = logging.Handler(logging.DEBUG)
        catcher.emit = records.append
        logging.getLogger().addHandler(catcher)
        logging.getLogger().setLevel(logging.DEBUG)
        QSettings().setValue("suggestions/background", True)
        project = Project.create(sys.argv[1])
        text = "Minister Arlen said that the harbour of Velgrad must reopen before winter. "
        project.add_articles([Article(id=f"a{{i}}", text=text * 5, title="H") for i in range(3)])
        project.add_actor("Minister Arlen", "ana", "person")
        window = MainWindow(project, "ana")
        window.show()
        computing = window.workspace.suggestion_flow.background
        seen = {{}}

        def failed(problem):
            thread = computing.thread
            seen["worker_pid"] = bool(thread is None or thread.worker_pid)
            QTimer.singleShot(300, report)  # the status bar hears it too

        def report():
            found = {{
                "status": window.statusBar().currentMessage(),
                "stored": sorted(project.suggestion_article_ids("ana")),
                "dialog": handler.dialog is not None,
                "records": [
                    [r.levelname, r.getMessage(), r.exc_info is not None] for r in records
                ],
            }}
            print(json.dumps(found), flush=True)
            window.close()
            app.quit()

        computing.failed.connect(failed)
        QTimer.singleShot(60_000, lambda: (print("{{}}", flush=True), os._exit(3)))
        app.exec()


    if __name__ == "__main__":
        main()
    """
)


def test_a_failing_recommender_says_which_in_the_status_bar_without_a_traceback_dialog(
    tmp_path: Path,
) -> None:
    """A recommender that raises (an error that cannot be rebuilt in the app) in the worker.

    The status bar names the recommender and the error in one line; the log
    has the traceback as text; no dialog; no suggestions stored; the step is not
    computed a second time in the window's process.
    """
    script = tmp_path / "failing.py"
    script.write_text(FAILING_RECOMMENDER_APP.format(root=str(ROOT)), encoding="utf-8")
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for variable in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        environment[variable] = str(tmp_path / variable.lower())
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "failing.claims")],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    status = found["status"]
    assert "patterns" in status and "Exploded: cannot read a0 (" in status, status
    assert "Traceback" not in status and "\n" not in status
    assert not found["dialog"]
    assert found["stored"] == []
    records = found["records"]
    assert not [r for r in records if r[0] == "CRITICAL"]
    assert not [r for r in records if r[2]]  # no exception objects: the traceback is text
    assert [r for r in records if r[0] == "ERROR" and "Traceback" in r[1] and "Exploded" in r[1]]
    assert not [r for r in records if "in a thread" in r[1] or "worker process ended" in r[1]]
    assert "Traceback" not in done.stderr


def test_a_worker_process_that_dies_mid_step_is_reported_not_computed_again_here(
    qtbot, project: Project
) -> None:  # type: ignore[no-untyped-def]
    """A worker killed in the middle of a step (as for memory, or a crash in a native library).

    The thread says so and ends; it does not compute the step itself (what
    killed the process could take the window down the same way).
    """
    text = "Minister Arlen said that the harbour of Velgrad must reopen. " * 16_000  # 1 MB
    project.add_articles([Article(id="long", text=text, title="Long")])
    thread = SuggestionThread(project, "ana")
    computed: list[object] = []
    thread.computed.connect(computed.append)
    try:
        with qtbot.waitSignal(thread.versions, timeout=WAIT_MS):  # prepared: the step is next
            thread.start()
            thread.want("long")
        pid = thread.worker_pid
        assert pid is not None
        with qtbot.waitSignal(thread.failed, timeout=WAIT_MS) as failed:
            os.kill(pid, signal.SIGKILL)
        assert thread.wait(WAIT_MS)
    finally:
        thread.stop()
    message = failed.args[0]
    assert "ended unexpectedly" in message and f"exit code {-signal.SIGKILL}" in message
    assert computed == []
    assert "long" not in project.suggestion_article_ids("ana")
