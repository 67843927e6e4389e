"""Suggestions computed in the background: the open article first, progress in the status bar,
the window answering keys meanwhile, and a run that can be stopped."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar

from annotator.core.model import Article
from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.window.main_window import MainWindow
from tests.ui.marking import active_window
from tests.ui.suggesting import background

ARTICLES = 1000
WAIT_MS = 60_000  # a loaded machine: these tests wait for events, they time nothing


def article_text(i: int) -> str:
    """An article of about 5 KB, the size of a news article, with attributed claims in it.

    At 1 KB and 300 articles an idle machine computed them all before the test could look
    at the run.
    """
    sentences = [
        f"Minister Arlen {i} said that the harbour of Velgrad must reopen before winter.",
        "Observers note that the treaty talks have stalled again this month.",
        f"According to the ministry, {i} ships were waiting outside the port on Monday.",
        "Recent reports indicate that the river trade has fallen by a third.",
        "The council reportedly plans to vote on the budget next week.",
    ]
    return " ".join(sentences * 14)


@pytest.fixture
def corpus(project: Project) -> Project:
    project.add_articles(
        [
            Article(id=f"a{i:03}", text=article_text(i), title=f"Harbour {i}")
            for i in range(ARTICLES)
        ]
    )
    background(True)
    return project


def progress_bar(window: MainWindow) -> QProgressBar:
    return window.suggestion_menu.bar


def test_the_window_answers_keys_while_the_corpus_is_computed_with_progress_shown(
    qtbot, corpus: Project
) -> None:  # type: ignore[no-untyped-def]
    window = active_window(qtbot, corpus)
    computing = window.workspace.suggestion_flow.background
    ended: list[bool] = []
    computing.finished.connect(ended.append)  # heard whenever it comes
    with qtbot.waitSignal(computing.progress, timeout=WAIT_MS) as first:
        pass  # the run starts by itself once the window is shown
    done, total = first.args
    assert total == ARTICLES and done < total
    bar = progress_bar(window)
    assert bar.isVisible() and bar.format().endswith(f" of {total}") and bar.value() >= done
    # the annotator labels meanwhile: the key is handled at once, the run goes on
    view = window.workspace.view
    assert computing.corpus_running
    view.select_span(Span(0, 14))  # "Minister Arlen"
    qtbot.keyClick(view, "c")
    assert [c.span for c in corpus.labels(window.workspace.article_id, "ana").claims] == [
        Span(0, 14)
    ]
    with qtbot.waitSignal(computing.progress, timeout=WAIT_MS) as later:
        pass
    assert later.args[0] > done  # still running after the key was handled
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
    assert ended == [True]
    assert not bar.isVisible()
    assert window.statusBar().currentMessage() == "Suggestions computed for every article."
    assert len(corpus.suggestion_article_ids("ana")) == ARTICLES


def test_an_article_opened_during_the_run_gets_its_suggestions_before_the_corpus_reaches_it(
    qtbot, corpus: Project
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(corpus, "ana")
    qtbot.addWidget(window)
    flow = window.workspace.suggestion_flow
    flow.background.hold_corpus(True)  # the run starts held: it cannot reach the article
    heard: list[int] = []
    flow.background.progress.connect(lambda done, _: heard.append(done))
    ended: list[bool] = []
    flow.background.finished.connect(ended.append)
    window.show()
    qtbot.waitUntil(lambda: flow.background.corpus_running, timeout=WAIT_MS)
    last = f"a{ARTICLES - 1:03}"
    window.workspace.open_article(last)
    qtbot.waitUntil(lambda: bool(flow.offered.items), timeout=WAIT_MS)
    assert flow.offered.article_id == last
    assert max(heard, default=0) < ARTICLES  # the corpus had not come this far
    assert {s.article_id for s in flow.offered.items} == {last}
    assert last in corpus.suggestion_article_ids("ana")
    drawn = [m for m in window.workspace.view.layer.marks() if m.kind == "suggestion"]
    assert len(drawn) == len([s for s in flow.offered.items if s.span is not None]) > 0
    stored: list[frozenset[str]] = []
    flow.background.stored.connect(stored.append)
    flow.background.hold_corpus(False)  # let go: the run goes to its end
    qtbot.waitUntil(lambda: bool(ended), timeout=WAIT_MS)
    assert ended == [True] and heard[-1] == ARTICLES and heard == sorted(heard)
    assert last not in set().union(*stored)  # computed already: the run skipped it
    assert len(corpus.suggestion_article_ids("ana")) == ARTICLES


def test_stop_computing_keeps_what_was_stored(qtbot, corpus: Project) -> None:  # type: ignore[no-untyped-def]
    window = active_window(qtbot, corpus)
    computing = window.workspace.suggestion_flow.background
    with qtbot.waitSignal(computing.progress, timeout=WAIT_MS):
        pass
    assert window.suggestion_menu.stop.isEnabled()
    with qtbot.waitSignal(computing.finished, timeout=WAIT_MS) as finished:
        window.suggestion_menu.stop.trigger()
    assert finished.args == [False]
    assert not progress_bar(window).isVisible()
    assert "stopped" in window.statusBar().currentMessage()
    stored = corpus.suggestion_article_ids("ana")
    assert 0 < len(stored) < ARTICLES


def test_articles_imported_while_open_get_suggestions_and_a_rejection_holds_after_f5(
    qtbot, corpus: Project
) -> None:  # type: ignore[no-untyped-def]
    window = active_window(qtbot, corpus)
    computing = window.workspace.suggestion_flow.background
    with qtbot.waitSignal(computing.finished, timeout=WAIT_MS):
        pass
    corpus.add_articles([Article(id="new", text=article_text(7), title="Imported later")])
    with qtbot.waitSignal(computing.finished, timeout=WAIT_MS):
        window.reload()  # what File › Import does once the articles are in
    assert "new" in corpus.suggestion_article_ids("ana")
    window.workspace.open_article("new")
    flow = window.workspace.suggestion_flow
    qtbot.waitUntil(lambda: bool(flow.offered.items), timeout=WAIT_MS)
    rejected = flow.offered.items[0].key
    flow.choose(rejected)
    qtbot.keyClick(window.workspace.view, Qt.Key.Key_Backspace)
    assert rejected not in [s.key for s in flow.offered.items]
    with qtbot.waitSignal(computing.stored, timeout=WAIT_MS):
        qtbot.keyClick(window.workspace.view, Qt.Key.Key_F5)  # compute again for this article
    assert flow.offered.items and rejected not in [s.key for s in flow.offered.items]


def test_closing_the_window_while_the_corpus_runs_ends_the_thread(qtbot, corpus: Project) -> None:  # type: ignore[no-untyped-def]
    window = active_window(qtbot, corpus)
    computing = window.workspace.suggestion_flow.background
    with qtbot.waitSignal(computing.progress, timeout=WAIT_MS):
        pass
    thread = computing.thread
    assert thread is not None and thread.isRunning()
    window.close()  # waits for the article under way, then the thread ends
    assert thread.isFinished()
    assert corpus.closed
