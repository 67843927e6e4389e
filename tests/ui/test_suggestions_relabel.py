"""The open article's suggestions computed again after the annotator labels, in the background.

A label (or an accept, a reject, a new actor) has the article computed again
by the suggestion thread a moment later: the store then holds no suggestion
that the new labels cover, a new actor's mentions are offered, and a rejected
claim's known source comes back as a mention of its own. Real window, real
keys, real recommenders; the tests wait for the thread's results, they time
nothing.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.assist.patterns import VERSION as PATTERNS
from annotator.store.project import Project
from annotator.ui.suggestions.background import RELABEL_MOST_CHARS
from annotator.ui.window.main_window import MainWindow
from tests.ui.marking import active_window
from tests.ui.suggesting import background, span_of, suggested_project

WAIT_MS = 60_000  # a loaded machine: the tests wait for the thread, they time nothing


@pytest.fixture
def window(qtbot, project: Project) -> MainWindow:  # type: ignore[no-untyped-def]
    """The suggested article open, computing in the background, its corpus run ended."""
    suggested_project(project)
    background(True)
    shown = active_window(qtbot, project)
    flow = shown.workspace.suggestion_flow
    qtbot.waitUntil(lambda: flow.automatic and not flow.background.corpus_running, timeout=WAIT_MS)
    assert flow.offered.items
    return shown


def stored_for(window: MainWindow):  # type: ignore[no-untyped-def]
    """A wait for the open article's suggestions to be stored again."""

    def check(article_ids: frozenset[str]) -> bool:
        return window.workspace.article_id in article_ids

    return check


def test_a_new_actor_named_in_a_label_is_offered_where_the_article_names_it(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    flow = window.workspace.suggestion_flow
    view = window.workspace.view
    content = span_of("Kestria must reopen the harbour before winter")
    suggested = [s.key for s in flow.offered.items if s.span == content]
    assert suggested
    view.select_span(span_of("Kestria must reopen"))
    qtbot.keyClick(view, "c")  # a claim over the suggested one: no longer offered
    assert not [s for s in flow.offered.items if s.span == content]
    picker = window.workspace.panel.form.pickers["target"]
    picker.setFocus()
    qtbot.keyClicks(picker, "Kestria")
    with qtbot.waitSignal(
        flow.background.stored, check_params_cb=stored_for(window), timeout=WAIT_MS
    ):
        qtbot.keyClick(picker, Qt.Key.Key_Return)  # a new actor, Kestria, as the target
    (kestria,) = project.find_actors("Kestria")
    mentions = [s for s in flow.offered.items if s.kind == "mention"]
    assert (span_of("Kestria"), kestria.id) in [(s.span, s.mentions[0].actor) for s in mentions]
    # computed again from the labels as they are: the covered claim is not even stored
    stored = project.stored_suggestions("s1", "ana", include_closed=True)
    assert not set(suggested) & {s.key for s in stored}
    assert project.is_computed("s1", "ana", {"patterns": PATTERNS, "actors": "1", "links": "1"})


def test_rejecting_a_claim_with_a_known_source_offers_the_source_as_a_mention(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    flow = window.workspace.suggestion_flow
    source = span_of("Velgrad")
    assert source not in [s.span for s in flow.offered.items]  # the claim's source makes it
    (claim,) = [s for s in flow.offered.items if s.span == span_of("the treaty was dead")]
    flow.choose(claim.key)
    window.activateWindow()
    with qtbot.waitSignal(
        flow.background.stored, check_params_cb=stored_for(window), timeout=WAIT_MS
    ):
        qtbot.keyClick(window.workspace.view, Qt.Key.Key_Delete)
    assert claim.key in project.rejected_keys("ana", "s1")
    (mention,) = [s for s in flow.offered.items if s.span == source]
    assert mention.kind == "mention" and mention.mentions[0].actor is not None
    drawn = {m.label_id for m in window.workspace.view.layer.marks() if m.kind == "suggestion"}
    assert mention.key in drawn
    # undo the reject: the claim is offered again (its mention is left out at the next run)
    with qtbot.waitSignal(
        flow.background.stored, check_params_cb=stored_for(window), timeout=WAIT_MS
    ):
        window.session.undo_stack.undo()
    assert claim.key in [s.key for s in flow.offered.items]
    assert source not in [s.span for s in flow.offered.items]


def test_labels_in_a_row_are_computed_once_after_the_last(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    flow = window.workspace.suggestion_flow
    heard: list[frozenset[str]] = []
    flow.background.stored.connect(heard.append)
    view = window.workspace.view
    for words in ("Kestria must reopen", "the treaty was dead", "China will act"):
        view.select_span(span_of(words))
        qtbot.keyClick(view, "c")
    assert heard == []  # the window goes on at once: nothing computed yet
    qtbot.waitUntil(lambda: bool(heard), timeout=WAIT_MS)
    assert heard == [frozenset({"s1"})]
    assert not [s for s in flow.offered.items if s.kind == "claim"]
    assert not [s for s in project.stored_suggestions("s1", "ana") if s.kind == "claim"]


def test_nothing_is_computed_again_when_the_background_is_off(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    suggested_project(project)
    background(False)
    window = active_window(qtbot, project)
    flow = window.workspace.suggestion_flow
    view = window.workspace.view
    view.select_span(span_of("Kestria must reopen"))
    qtbot.keyClick(view, "c")
    assert flow.background.thread is None  # no thread was started for it


def test_a_very_long_article_is_not_computed_again_after_each_label(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    """Above `RELABEL_MOST_CHARS` (1 MB) a computation is not measured: F5 does it."""
    computing = window.workspace.suggestion_flow.background
    assert computing.labelled("s1", 1_000_000)  # computed in the worker process: measured
    assert computing.labelled("s1", RELABEL_MOST_CHARS)
    assert not computing.labelled("s1", RELABEL_MOST_CHARS + 1)
