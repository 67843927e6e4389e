"""Paging through the article list by key: annotator/store/article_pages.py.

A page starts after the key of the last row read, never at a count of rows
from the top, so pages stay right while statuses change and articles arrive
between them, and cost the same at the bottom as at the top (timed in
benchmarks/bench_open.py).
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from annotator.core.model import Article
from annotator.store.article_pages import FEW, ArticlePages
from annotator.store.project import Project
from annotator.store.queries import SORT_COLUMNS, ArticleFilter, ArticleSummary

TITLES = ["Harbour", "harbour", "Quay", "", "Harbour", "quay", "Talks", "harbour", "Quay"]
"""Titles with many ties (case aside), so the order inside a tie decides the pages."""


@pytest.fixture
def tied(project: Project) -> Project:
    """27 articles whose titles, sources, stories, dates, statuses and claims tie in groups."""
    project.add_articles(
        [
            Article(
                id=f"t{i:02}",
                text=f"Article {i} on the harbour talks.",
                title=TITLES[i % len(TITLES)],
                source=["Ledger", None, "courier"][i % 3],
                story=[None, "port", "fish", "port"][i % 4],
                published=[None, "2024-01-02", "2024-01-01"][i % 3],
            )
            for i in range(27)
        ]
    )
    for i in range(27):
        if i % 3:
            project.set_status(f"t{i:02}", "ana", ["done", "skipped", "in_progress"][i % 5 % 3])
        for start in range(i % 4):
            project.add_claim(f"t{i:02}", "ana", start, start + 3)
    return project


def read_all(pages: ArticlePages, limit: int) -> list[tuple[int, ArticleSummary]]:
    """Every row, page by page from the key of the last row read."""
    rows: list[tuple[int, ArticleSummary]] = []
    while True:
        page = pages.after(rows[-1][0] if rows else None, limit)
        rows += page
        if len(page) < limit:
            return rows


def ids(rows: list[tuple[int, ArticleSummary]]) -> list[str]:
    return [row.id for _, row in rows]


FILTERS = [
    ArticleFilter(),
    ArticleFilter(status="todo"),
    ArticleFilter(status="done"),
    ArticleFilter(story="port"),
    ArticleFilter(source="Ledger"),
    ArticleFilter(search="harbour"),
    ArticleFilter(search="talks", status="done", story="port"),
    ArticleFilter(story="nothing"),
]


@pytest.mark.parametrize("where", FILTERS, ids=repr)
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", list(SORT_COLUMNS))
def test_pages_read_by_key_are_the_whole_list_in_order(
    tied: Project, sort: str, descending: bool, where: ArticleFilter
) -> None:
    whole = tied.articles_page("ana", 0, 1000, sort, descending, where)
    pages = ArticlePages(tied, "ana", sort, descending, where)

    for limit in (1, 2, 5, 100):
        rows = read_all(pages, limit)
        assert [row for _, row in rows] == whole  # no row twice, none left out, ties in order
        keys = [key for key, _ in rows]
        assert all(a < b for a, b in pairwise(keys))  # keys grow down the list
    assert pages.count() == len(whole)


def test_ties_keep_import_order_across_pages(tied: Project) -> None:
    pages = ArticlePages(tied, "ana", "title")
    harbours = [r.id for _, r in read_all(pages, 2) if r.title.lower() == "harbour"]
    assert harbours == [f"t{i:02}" for i in range(27) if i % 9 in (0, 1, 4, 7)]


def test_an_article_marked_done_between_pages_does_not_push_another_out(tied: Project) -> None:
    """Counting rows from the top would skip one article for each one that left the list."""
    todo = ArticleFilter(status="todo")
    expected = ids(read_all(ArticlePages(tied, "ana", where=todo), 100))
    pages = ArticlePages(tied, "ana", where=todo)
    first = pages.after(None, 3)
    for _, row in first:
        tied.set_status(row.id, "ana", "done")

    rest = read_all_after(pages, first[-1][0], 3)

    assert ids(first) + ids(rest) == expected


def read_all_after(pages: ArticlePages, key: int, limit: int) -> list[tuple[int, ArticleSummary]]:
    rows: list[tuple[int, ArticleSummary]] = []
    while True:
        page = pages.after(rows[-1][0] if rows else key, limit)
        rows += page
        if len(page) < limit:
            return rows


@pytest.mark.parametrize("sort", ["title", "status", "claims"])
def test_a_sorted_list_leaves_out_articles_that_left_the_filter_meanwhile(
    tied: Project, sort: str
) -> None:
    todo = ArticleFilter(status="todo")
    pages = ArticlePages(tied, "ana", sort, where=todo)
    expected = ids(read_all(ArticlePages(tied, "ana", sort, where=todo), 100))
    first = pages.after(None, 2)
    later = expected[4]
    tied.set_status(later, "ana", "done")

    rest = read_all_after(pages, first[-1][0], 2)

    assert ids(first) + ids(rest) == [i for i in expected if i != later]


def test_articles_imported_between_pages_neither_repeat_nor_push_rows_out(
    tied: Project,
) -> None:
    """Counting from the top, an article sorted in above the page shows a row twice."""
    pages = ArticlePages(tied, "ana", "title")
    before = ids(read_all(ArticlePages(tied, "ana", "title"), 100))
    first = pages.after(None, 4)
    tied.add_articles([Article(id="new", text="Imported later.", title="Aaa")])

    rest = read_all_after(pages, first[-1][0], 4)

    assert ids(first) + ids(rest) == before  # the order read first; the new one on reload
    reread = ids(read_all(ArticlePages(tied, "ana", "title"), 4))
    assert reread[:4] == ["t03", "t12", "t21", "new"]  # after the untitled ones


def test_in_import_order_an_import_between_pages_shows_at_the_end(tied: Project) -> None:
    pages = ArticlePages(tied, "ana")
    first = pages.after(None, 20)
    tied.add_articles([Article(id=f"z{i}", text="Imported later.") for i in range(3)])

    rest = read_all_after(pages, first[-1][0], 20)

    assert ids(first) + ids(rest) == [f"t{i:02}" for i in range(27)] + ["z0", "z1", "z2"]


@pytest.mark.parametrize("sort", ["position", "title", "claims"])
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_find_gives_an_articles_key_and_its_row_or_none_once_filtered_out(
    tied: Project, sort: str, descending: bool
) -> None:
    todo = ArticleFilter(status="todo")
    pages = ArticlePages(tied, "ana", sort, descending, todo)
    rows = read_all(pages, 4)
    key, row = rows[2]

    assert pages.find({row.id}) == {row.id: (key, row)}
    tied.set_status(row.id, "ana", "done")
    assert pages.find({row.id}) == {row.id: (key, None)}
    tied.undo("ana")
    assert pages.find({row.id, "unknown"}) == {row.id: (key, row)}


def test_find_many_articles_at_once(tied: Project) -> None:
    pages = ArticlePages(tied, "ana", "claims", descending=True)
    rows = read_all(pages, 5)
    assert len(rows) > FEW
    assert pages.find({r.id for _, r in rows}) == {r.id: (k, r) for k, r in rows}


def test_a_sorted_list_does_not_place_articles_it_never_held(tied: Project) -> None:
    done = ArticlePages(tied, "ana", "title", where=ArticleFilter(status="done"))
    todo_article = ids(read_all(ArticlePages(tied, "ana", where=ArticleFilter(status="todo")), 9))[
        0
    ]
    assert done.find({todo_article}) == {}


def test_an_unknown_sort_is_refused(tied: Project) -> None:
    with pytest.raises(ValueError, match="cannot sort the article list by 'length'"):
        ArticlePages(tied, "ana", "length")
