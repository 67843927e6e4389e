"""Articles the recommenders found nothing in are recorded as computed: a restart skips them."""

from __future__ import annotations

from annotator.core.model import Article
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow
from tests.ui.suggesting import TEXT, background

WAIT_MS = 60_000  # a loaded machine: the test waits for the thread, it times nothing


def run_to_the_end(qtbot, project: Project) -> list[frozenset[str]]:  # type: ignore[no-untyped-def]
    """Open a window computing in the background, wait for its corpus run; what it stored."""
    window = MainWindow(project, "ana")
    qtbot.addWidget(window)
    computing = window.workspace.suggestion_flow.background
    computing.hold_corpus(True)  # until the test listens
    stored: list[frozenset[str]] = []
    computing.stored.connect(stored.append)
    ended: list[bool] = []
    computing.finished.connect(ended.append)
    window.show()
    qtbot.waitUntil(lambda: computing.corpus_running, timeout=WAIT_MS)
    computing.hold_corpus(False)
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
    assert ended == [True]
    window.close()  # ends the thread; the project is closed with the window
    return stored


def test_a_restart_does_not_compute_again_what_found_nothing(qtbot, project_path) -> None:  # type: ignore[no-untyped-def]
    with Project.create(project_path) as project:
        project.add_articles(
            [
                Article(id="s1", text=TEXT, title="Harbour"),
                Article(id="quiet", text="The harbour was quiet on Friday.", title="Quiet"),
                Article(id="s2", text=TEXT, title="Harbour again"),
            ]
        )
        project.add_actor("Velgrad", "lead", "state")
    background(True)
    first = run_to_the_end(qtbot, Project.open(project_path))
    assert "quiet" in set().union(*first)  # computed once: nothing found
    with Project.open(project_path) as project:
        assert project.suggestion_article_ids("ana") == {"s1", "s2"}
        assert project.offered_suggestions("quiet", "ana") == []
    again = run_to_the_end(qtbot, Project.open(project_path))
    assert set().union(*again) <= {"s1"}  # at most the article the window opened on
