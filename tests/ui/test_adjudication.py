"""Adjudication in the app: step through differences, accept a side into gold, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import GOLD, Article
from annotator.store.project import Project
from annotator.ui.lead.adjudication import AdjudicationView
from annotator.ui.window.main_window import MainWindow

TEXT = "Velgrad said the port reopens soon. Kestria disagreed with that plan."


@pytest.fixture
def window(qtbot, project: Project) -> MainWindow:  # type: ignore[no-untyped-def]
    project.add_articles([Article(id="a1", text=TEXT, title="Port"), Article(id="a2", text=TEXT)])
    for name, stance in (("ana", "support"), ("ben", "oppose")):
        project.add_claim("a1", name, 0, 34, stance=stance)  # same span, stance differs
    project.add_claim("a1", "ana", 36, 68)  # only ana
    project.add_claim("a2", "ana", 0, 34, stance="neutral")
    project.add_claim("a2", "ben", 0, 34, stance="neutral")  # full agreement
    window = MainWindow(project, "lead")
    qtbot.addWidget(window)
    window.show()
    return window


def open_view(window: MainWindow) -> AdjudicationView:
    window.show_adjudication()
    view = window.adjudication
    assert isinstance(view, AdjudicationView)
    return view


def test_articles_come_most_disagreement_first_with_their_differences(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    view = open_view(window)
    assert [view.articles.itemData(i) for i in range(view.articles.count())] == ["a1", "a2"]
    assert view.article_id == "a1" and view.pair == ["ana", "ben"]
    texts = [view.list.item(i).text() for i in range(view.list.count())]
    assert texts == [
        "• claim “Velgrad said the port reopens soon” — fields differ: stance",
        "• claim “Kestria disagreed with that plan” — missing",
    ]
    assert view.progress.text() == "0 of 2 adjudicated"
    assert view.views["left"].marked_spans() == [d.span for d in view.differences]


def test_accept_right_then_left_with_keys_and_undo(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    view = open_view(window)
    gold_view = view.views["gold"]
    qtbot.keyClick(gold_view, "2")  # ben's version of the first difference
    (gold,) = project.labels("a1", GOLD).claims
    assert (gold.start, gold.end, gold.stance) == (0, 34, "oppose")
    assert view.list.item(0).text().startswith("✓ ")
    assert view.current == 1  # moved on to the next difference
    qtbot.keyClick(gold_view, ",")  # back to the first
    qtbot.keyClick(gold_view, "1")  # ana's version replaces ben's
    (gold,) = project.labels("a1", GOLD).claims
    assert gold.stance == "support"
    assert [m.kind for m in gold_view.layer.marks()] == ["claim"]
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.keyClick(gold_view, "z", Qt.KeyboardModifier.ControlModifier)  # gold's own history
    (gold,) = project.labels("a1", GOLD).claims
    assert gold.stance == "oppose"
    qtbot.keyClick(gold_view, "d", Qt.KeyboardModifier.ControlModifier)
    assert project.status("a1", GOLD).status == "done"
    assert view.progress.text() == "1 of 2 adjudicated"


def test_gold_is_edited_by_hand_with_the_usual_keys(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    view = open_view(window)
    gold = view.gold
    qtbot.keyClick(gold.view, "2")  # accept ben's claim (stance oppose)
    gold.select_claim(project.labels("a1", GOLD).claims[0].id)
    gold.panel.form.active = "stance"
    qtbot.keyClick(gold.view, "n")  # the lead changes gold's stance to neutral
    (claim,) = project.labels("a1", GOLD).claims
    assert claim.stance == "neutral"
    assert project.labels("a1", "ben").claims[0].stance == "oppose"  # ben's label untouched


def test_accepting_a_side_that_has_nothing_there_says_so(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    view = open_view(window)
    view.go_to(1)  # only ana has this claim
    qtbot.keyClick(view.views["gold"], "2")
    assert view.hint.text() == "ben has no claim here."
    assert project.labels("a1", GOLD).claims == ()


def test_dashboard_opens_an_article_for_adjudication(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.show_dashboard()
    dashboard = window.dashboard
    items = dashboard.disagreements
    assert [items.item(i).text() for i in range(items.count())] == [
        "100% differ — Port",
        "0% differ — Velgrad said the port reopens soon. Kestria disagreed with…",
    ]  # a2 has no title: its first words stand in
    items.itemActivated.emit(items.item(1))
    assert window.adjudication.article_id == "a2"
    assert window.adjudication.list.count() == 0


def test_opened_on_an_article_the_list_shows_it_and_steps_from_it(
    qtbot, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    """As the dashboard's "open for adjudication" does, the first time the view opens."""
    window.show_adjudication("a2")
    view = window.adjudication
    assert isinstance(view, AdjudicationView)
    assert view.article_id == "a2"
    assert view.articles.currentData() == "a2"
    view.step_article(-1)  # Ctrl+Up: the article before it in the list
    assert view.article_id == "a1" and view.articles.currentData() == "a1"
