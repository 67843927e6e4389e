"""The main window and the lazy article list model, with real widgets offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from annotator.core.model import Article
from annotator.io.importer import import_files
from annotator.samples import sample_project
from annotator.store.project import Project
from annotator.ui.articles.article_list import ArticleListModel
from annotator.ui.paged_model import PAGE
from annotator.ui.window.main_window import MainWindow


@pytest.fixture
def sample(project: Project, sample_jsonl: Path) -> Project:
    import_files(project, [sample_jsonl])
    return project


def test_model_passes_qt_model_tester(qtmodeltester, sample: Project) -> None:  # type: ignore[no-untyped-def]
    model = ArticleListModel(sample, "ana")
    qtmodeltester.check(model)


def test_window_lists_the_sample_articles_with_status(qtbot, sample: Project) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(sample, "ana")
    qtbot.addWidget(window)
    window.show()
    model = window.articles
    assert model.rowCount() == 8
    titles = [model.data(model.index(r, 0)) for r in range(8)]
    first = sample.article("harbour-01")
    assert first is not None and titles[0] == first.title
    statuses = {model.article_id(r): model.data(model.index(r, 3)) for r in range(8)}
    assert statuses["harbour-01"] == "Done"
    assert statuses["grain-01"] == "In progress"
    assert statuses["nurses-01"] == "To do"
    assert window.progress.text() == "3 of 8 done"
    # all three parts show side by side, none collapsed
    assert window.list_panel.width() > 200
    assert window.workspace.view.width() > 300
    assert window.workspace.panel.width() > 200
    assert window.workspace.view.hasFocus() or not window.isActiveWindow()
    window.close()


def test_sorting_by_claims_count(qtbot, sample: Project) -> None:  # type: ignore[no-untyped-def]
    model = ArticleListModel(sample, "ana")
    model.sort(4, Qt.SortOrder.DescendingOrder)
    counts = [model.data(model.index(r, 4)) for r in range(model.rowCount())]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == 3 and counts[-1] == 0


def test_rows_are_fetched_a_page_at_a_time(project: Project) -> None:
    articles = [Article(id=f"a{i:05}", text=f"Text {i}", title=f"Article {i}") for i in range(450)]
    project.add_articles(articles)
    model = ArticleListModel(project, "ana")
    assert model.total() == 450
    assert model.rowCount() == PAGE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 450
    assert not model.canFetchMore(QModelIndex())
    assert model.article_id(449) == "a00449"


def test_sample_project_is_built_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = sample_project()
    assert path.is_relative_to(tmp_path / "data")
    with Project.open(path) as project:
        assert project.article_count() == 11  # 8 articles, 2 labelled examples, 1 practice
        project.set_status("nurses-01", "ana", "done")
    again = sample_project()  # kept, not rebuilt: the user's work in it survives
    with Project.open(again) as project:
        assert project.status("nurses-01", "ana").status == "done"


def test_no_sort_indicator_means_import_order(sample: Project) -> None:
    model = ArticleListModel(sample, "ana")
    model.sort(-1)
    ids = [model.article_id(r) for r in range(model.rowCount())]
    assert ids == [a.id for batch in sample.iter_articles() for a in batch]
