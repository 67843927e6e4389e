"""The article list model paged by key, in a real view and window: annotator/ui/articles.

Pages are read after the key of the last row loaded (annotator/ui/paged_model.py),
so a view scrolled to the end holds every article once, in order, whatever
changed meanwhile; a status change moves only the rows it touched.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from annotator.core.model import Article
from annotator.operations import SetStatus
from annotator.store.project import Project
from annotator.store.queries import ArticleFilter
from annotator.ui.articles.article_list import ArticleListModel
from annotator.ui.paged_model import PAGE
from annotator.ui.window.main_window import MainWindow

ARTICLES = 2 * PAGE + 50


@pytest.fixture
def many(project: Project) -> Project:
    """`ARTICLES` articles whose titles tie in groups of seven, every third one done by ana."""
    project.add_articles(
        [
            Article(id=f"a{i:04}", text=f"Text {i} about the port.", title=f"Title {i % 7}")
            for i in range(ARTICLES)
        ]
    )
    for i in range(0, ARTICLES, 3):
        project.set_status(f"a{i:04}", "ana", "done")
    return project


def loaded_ids(model: ArticleListModel) -> list[str]:
    return [model.article_id(r) for r in range(model.rowCount())]


def fetch_all(model: ArticleListModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


@pytest.mark.parametrize("sorted_and_filtered", [False, True])
def test_model_passes_the_model_tester_while_it_fetches_and_moves_rows(  # type: ignore[no-untyped-def]
    qtmodeltester, many: Project, sorted_and_filtered: bool
) -> None:
    model = ArticleListModel(many, "ana")
    if sorted_and_filtered:
        model.sort(0, Qt.SortOrder.DescendingOrder)
        model.set_filter(ArticleFilter(status="todo"))
    # The tester's checks on a reset fetch more before it has taken the reset in: checked after.
    qtmodeltester.check(model)
    fetch_all(model)
    changed = {model.article_id(3), model.article_id(PAGE + 1)}
    for article_id in changed:
        many.set_status(article_id, "ana", "skipped")
    model.refresh_articles(changed)  # under the filter: rows removed; without: changed
    many.undo("ana")
    many.undo("ana")
    model.refresh_articles(changed)  # back in place


def test_a_view_scrolled_to_the_end_holds_every_article_once_in_order(qtbot, many: Project) -> None:  # type: ignore[no-untyped-def]
    model = ArticleListModel(many, "ana")
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(400, 300)
    view.show()
    view.setFocus()
    for _ in range(ARTICLES // PAGE + 2):  # each Ctrl+End reaches the end of what is loaded
        qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
        qtbot.wait(1)
    assert not model.canFetchMore(QModelIndex())
    assert loaded_ids(model) == [f"a{i:04}" for i in range(ARTICLES)]
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.currentIndex().row() == ARTICLES - 1


@pytest.mark.parametrize("column", [-1, 0, 3, 4])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_pages_of_every_sort_follow_each_other_without_gap_or_repeat(
    many: Project, column: int, order: Qt.SortOrder
) -> None:
    model = ArticleListModel(many, "ana")
    model.sort(column, order)
    sort = {-1: "position", 0: "title", 3: "status", 4: "claims"}[column]
    descending = order == Qt.SortOrder.DescendingOrder
    expected = [s.id for s in many.articles_page("ana", 0, ARTICLES, sort, descending)]
    fetch_all(model)
    assert loaded_ids(model) == expected
    assert model.total() == ARTICLES


def test_statuses_changed_between_pages_push_no_article_out(many: Project) -> None:
    """Counting rows from the top, each article that left the filter would skip another."""
    model = ArticleListModel(many, "ana")
    model.set_filter(ArticleFilter(status="todo"))
    expected = [f"a{i:04}" for i in range(ARTICLES) if i % 3]
    first = loaded_ids(model)
    for article_id in first[:20]:  # marked done elsewhere; the list has not heard yet
        many.set_status(article_id, "ana", "done")

    fetch_all(model)

    assert loaded_ids(model) == expected
    model.refresh_articles(set(first[:20]))
    assert loaded_ids(model) == expected[20:]


def test_an_article_leaves_a_status_filter_and_an_undo_brings_it_back_in_place(
    many: Project,
) -> None:
    model = ArticleListModel(many, "ana")
    model.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_filter(ArticleFilter(status="todo"))
    fetch_all(model)
    before = loaded_ids(model)
    leaving = before[PAGE + 3]

    many.set_status(leaving, "ana", "done")
    model.refresh_articles({leaving})
    assert loaded_ids(model) == [i for i in before if i != leaving]
    assert model.total() == len(before) - 1

    many.undo("ana")
    model.refresh_articles({leaving})
    assert loaded_ids(model) == before
    assert model.total() == len(before)


def test_a_status_change_beyond_the_loaded_rows_shows_when_the_view_gets_there(
    many: Project,
) -> None:
    model = ArticleListModel(many, "ana")
    model.set_filter(ArticleFilter(status="todo"))
    last = f"a{ARTICLES - 1:04}"
    many.set_status(last, "ana", "done")
    model.refresh_articles({last})  # not loaded yet: nothing to move
    assert model.rowCount() == PAGE
    fetch_all(model)
    assert last not in loaded_ids(model)


def test_marking_done_under_a_todo_filter_removes_the_row_and_undo_restores_it(
    qtbot, many: Project
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(many, "ana")
    qtbot.addWidget(window)
    window.show()
    panel = window.list_panel
    panel.status.setCurrentIndex(panel.status.findData("todo"))
    panel.apply_filter()
    before = loaded_ids(window.articles)
    opened = window.workspace.article_id
    assert opened == before[0] == "a0001"

    window.session.run(SetStatus(opened, "ana", "done"))
    assert loaded_ids(window.articles) == before[1:]
    assert window.workspace.article_id == opened  # it stays open; the next one does not open
    assert panel.current_row() == -1
    assert window.progress.text() == f"{ARTICLES // 3 + 1} of {ARTICLES} done"

    window.session.undo_stack.undo()
    assert loaded_ids(window.articles) == before
    assert panel.current_row() == 0
    window.close()


def test_ctrl_end_in_the_window_goes_to_the_last_article_at_once(qtbot, many: Project) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(many, "ana")
    qtbot.addWidget(window)
    window.show()
    table = window.list_panel.table
    table.setFocus()

    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)

    assert table.currentIndex().row() == ARTICLES - 1
    assert window.workspace.article_id == f"a{ARTICLES - 1:04}"
    assert loaded_ids(window.articles) == [f"a{i:04}" for i in range(ARTICLES)]
    assert not window.articles.canFetchMore(QModelIndex())
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.article_id == "a0000"
    window.close()
