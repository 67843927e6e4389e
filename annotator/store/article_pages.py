"""The article list read a page at a time, every page at the same cost wherever it starts.

`ArticlePages` is one annotator's article list in one order and filter. A
page never counts its way down from the top (SQL's ``OFFSET`` reads every
row it skips, so scrolling a long list to its end took time that grew with
the square of its length):

- in import order, the order a list opens in, a page starts after the
  position of the last row read (keyset paging, see
  `ProjectQueries.article_keyset_page`), whatever the filter;
- sorted by a column (title, status, claims ...), the order of the whole
  list is read once, one number per article (`ProjectQueries.article_order`,
  800 KB for 100,000 articles), and a page reads the rows at the next
  places in it (`ProjectQueries.articles_at`).

Each row comes with its *key*, a number that grows down the list, so a view
keeps its rows in order, asks for the page after its last key, and finds
where an article belongs when its status changes (`find`). Articles whose
status no longer passes the filter are left out as the pages are read.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import replace

from annotator.store.queries import SORT_COLUMNS, ArticleFilter, ArticleSummary, ProjectQueries

FEW = 16
"""Up to this many articles, `ArticlePages.find` looks each one up in the order (a scan
each); more, and it indexes the whole order once."""


class ArticlePages:
    """One annotator's article list, sorted and filtered, read by key (see the module's docs)."""

    def __init__(
        self,
        project: ProjectQueries,
        annotator: str,
        sort: str = "position",
        descending: bool = False,
        where: ArticleFilter | None = None,
    ) -> None:
        if sort not in SORT_COLUMNS:
            raise ValueError(f"cannot sort the article list by {sort!r}")
        self._project = project
        self.annotator = annotator
        self.descending = descending
        self.where = where = where or ArticleFilter()
        self._order: array[int] | None = None
        # A search reads all its matches in any case (each word may be a prefix): once.
        if sort != "position" or where.search:
            self._order = array("q", project.article_order(annotator, sort, descending, where))

    def count(self) -> int:
        """How many articles the list holds (as the filter let them through when it was read)."""
        if self._order is None:
            return self._project.count_articles(self.annotator, self.where)
        return len(self._order)

    def after(self, key: int | None, limit: int) -> list[tuple[int, ArticleSummary]]:
        """The next ``limit`` rows after the row with ``key`` (None: the first rows), with their keys.

        Fewer rows only at the end of the list.
        """
        if self._order is None:
            sign = -1 if self.descending else 1
            after = None if key is None else key * sign
            page = self._project.article_keyset_page(
                self.annotator, after, limit, self.descending, self.where
            )
            return [(position * sign, row) for position, row in page]
        # The search was made when the order was read; a status may have changed since.
        where = replace(self.where, search=None)
        found: list[tuple[int, ArticleSummary]] = []
        start = 0 if key is None else key + 1
        while len(found) < limit and start < len(self._order):
            chunk = self._order[start : start + limit]
            rows = self._project.articles_at(self.annotator, chunk, where)
            for place, position in enumerate(chunk, start):
                if position in rows and len(found) < limit:
                    found.append((place, rows[position]))
            start += len(chunk)
        return found

    def find(self, article_ids: Iterable[str]) -> dict[str, tuple[int, ArticleSummary | None]]:
        """Where these articles are in the list, and their rows now.

        Returns, for each article that has a place in the list, its key and its
        row, or None if the filter leaves it out now (its status changed).
        In import order every article has its place; in a sorted list, those
        that were in it when the order was read.
        """
        positions = self._project.article_positions(article_ids)
        if self._order is None:
            rows = self._project.articles_at(self.annotator, list(positions.values()), self.where)
            sign = -1 if self.descending else 1
            return {i: (p * sign, rows.get(p)) for i, p in positions.items()}
        where = replace(self.where, search=None)
        rows = self._project.articles_at(self.annotator, list(positions.values()), where)
        places = self._places(positions.values())
        found: dict[str, tuple[int, ArticleSummary | None]] = {}
        for article_id, position in positions.items():
            place = places.get(position)
            if place is not None:
                found[article_id] = (place, rows.get(position))
        return found

    def _places(self, positions: Iterable[int]) -> dict[int, int]:
        """The place in the order of each of these positions that is in it."""
        order = self._order
        assert order is not None
        wanted = set(positions)
        if len(wanted) > FEW:  # index the whole order once rather than scan it for each
            return {p: place for place, p in enumerate(order) if p in wanted}
        return {p: order.index(p) for p in wanted if p in order}
