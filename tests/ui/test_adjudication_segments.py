"""The adjudication view lists a split quote against its hull with both segment lists, and
accepting the split version with a key puts its segments in gold."""

from __future__ import annotations

import pytest

from annotator.core.model import GOLD, Article
from annotator.core.spans import Span
from annotator.store.project import Project
from annotator.ui.lead.adjudication import AdjudicationView
from annotator.ui.window.main_window import MainWindow
from tests.helpers import span_in

TEXT = "“The new tram line,” the mayor said, “will be finished by June.” The union objected."
SPLIT = (span_in(TEXT, "The new tram line,"), span_in(TEXT, "will be finished by June."))
HULL = Span(SPLIT[0].start, SPLIT[1].end)


@pytest.fixture
def window(qtbot, project: Project) -> MainWindow:  # type: ignore[no-untyped-def]
    project.add_articles([Article(id="a1", text=TEXT, title="Tram")])
    project.add_claim("a1", "ana", *HULL, segments=SPLIT, stance="oppose")
    project.add_claim("a1", "ben", *HULL, stance="oppose")
    window = MainWindow(project, "lead")
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_split_quote_and_its_hull_are_listed_with_both_segment_lists(
    qtbot, window: MainWindow, project: Project
) -> None:  # type: ignore[no-untyped-def]
    window.show_adjudication()
    view = window.adjudication
    assert isinstance(view, AdjudicationView) and view.pair == ["ana", "ben"]
    assert [view.list.item(i).text() for i in range(view.list.count())] == [
        "• claim “The new tram line,” the mayor said, “will be finished by …” — boundary differs"
        "\n    ana: “The new tram line,” + “will be finished by June.”"
        "\n    ben: “The new tram line,” the mayor said, “will be finished by June.”"
    ]
    qtbot.keyClick(view.views["gold"], "1")  # ana's version
    (gold,) = project.labels("a1", GOLD).claims
    assert (gold.segments, gold.span) == (SPLIT, HULL)
    assert view.list.item(0).text().startswith("✓ ")
