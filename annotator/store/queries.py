"""Read queries that never load whole tables: pages, search, lookups, counts.

`ProjectQueries` is every read of `Project`, mixed into it. The reads of
articles (the article list, search, stories, batches for exports), of
assignments and the summaries (value counts, ``annotator stats``) are here;
it takes the reads of labels from `annotator.store.label_queries` and those
of actors from `annotator.store.actor_queries`. Every method reads through
``self.conn`` (see `annotator.store.reader`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from annotator.core.model import STATUSES, Article
from annotator.store.actor_queries import ActorQueries
from annotator.store.label_queries import LabelQueries
from annotator.store.reader import BATCH
from annotator.store.rows import article_from_row

SORT_COLUMNS = {
    "position": "a.rowid",
    "title": "a.title COLLATE NOCASE",
    "source": "a.source COLLATE NOCASE",
    "story": "a.story COLLATE NOCASE",
    "published": "a.published",
    "status": "status_order",
    "claims": "claims",
}
"""Columns the article list can be sorted by, and the SQL that sorts them."""

_STATUS_ORDER = " ".join(f"WHEN '{s}' THEN {i}" for i, s in enumerate(STATUSES))
_COUNTED_FIELDS = {
    "stance": "stance",
    "category": "category",
    "certainty": "certainty",
    "checkworthy": "checkworthy",
    "attribution_type": "attribution_type",
    "source_kind": "attr_source_kind",
}
"""Claim fields `value_counts` can count, and their columns."""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list, for one annotator."""

    id: str
    title: str
    source: str | None
    story: str | None
    published: str | None
    status: str
    claims: int
    mentions: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article matching a full-text search, with a snippet around the hit."""

    article_id: str
    title: str
    snippet: str


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles a list or export shows; None means any."""

    status: str | None = None
    story: str | None = None
    source: str | None = None
    search: str | None = None
    ids: tuple[str, ...] | None = None
    """Only these articles (to refresh a few rows of a list)."""
    assigned_to: str | None = None
    """Only the articles assigned to this annotator ("my articles")."""


MAX_SEARCH_WORDS = 100
"""Different words of a search that count; more would only narrow an already narrow search."""
_NOT_IN_QUERIES = re.compile("[\x00\ud800-\udfff]")
"""What SQLite cannot take in a query: NUL ends its text, a lone surrogate is not UTF-8."""


def fts_query(text: str) -> str:
    """A safe FTS5 query from what a user typed: every word must occur, the last as a prefix.

    Any text is a query: each word is quoted, so FTS5 syntax (``"``, ``*``, ``^``,
    ``NEAR``, ``AND``, brackets, ``-``) is searched as words, and NUL characters and
    lone surrogates separate words as spaces do. A word typed again adds nothing, and
    only the first `MAX_SEARCH_WORDS` different words count: FTS5 takes time that
    grows faster than the number of words, and a pasted page must not freeze the list.
    """
    words = list(dict.fromkeys(_NOT_IN_QUERIES.sub(" ", text).split()))[:MAX_SEARCH_WORDS]
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    if quoted:
        quoted[-1] += "*"
    return " ".join(quoted)


class ProjectQueries(LabelQueries, ActorQueries):
    """Reads of a project; see `Project`."""

    # -- articles ---------------------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        """The article with this id, or None."""
        rows = self._select("SELECT * FROM articles WHERE id = ?", (article_id,))
        return article_from_row(rows[0]) if rows else None

    def article_count(self) -> int:
        """Number of articles in the project."""
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def _filter_sql(self, annotator: str, where: ArticleFilter) -> tuple[str, list[Any]]:
        sql = (
            " FROM articles a LEFT JOIN statuses s"
            " ON s.article_id = a.id AND s.annotator = :annotator WHERE 1"
        )
        params: dict[str, Any] = {"annotator": annotator}
        if where.status:
            sql += " AND coalesce(s.status, 'todo') = :status"
            params["status"] = where.status
        if where.story:
            sql += " AND a.story = :story"
            params["story"] = where.story
        if where.source:
            sql += " AND a.source = :source"
            params["source"] = where.source
        if where.assigned_to is not None:
            sql += (
                " AND a.id IN (SELECT article_id FROM assignments WHERE annotator = :assigned_to)"
            )
            params["assigned_to"] = where.assigned_to
        if where.ids is not None:
            marks = ", ".join(f":id{i}" for i in range(len(where.ids)))
            sql += f" AND a.id IN ({marks})"
            params.update({f"id{i}": article_id for i, article_id in enumerate(where.ids)})
        if where.search and fts_query(where.search):
            sql += " AND a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q)"
            params["q"] = fts_query(where.search)
        return sql, [params]

    def count_articles(self, annotator: str, where: ArticleFilter = ArticleFilter()) -> int:
        """How many articles the filter lets through."""
        sql, params = self._filter_sql(annotator, where)
        return int(self.conn.execute("SELECT count(*)" + sql, params[0]).fetchone()[0])

    def articles_page(
        self,
        annotator: str,
        offset: int = 0,
        limit: int = 100,
        sort: str = "position",
        descending: bool = False,
        where: ArticleFilter = ArticleFilter(),
    ) -> list[ArticleSummary]:
        """One page of the article list with the annotator's status and label counts."""
        order = SORT_COLUMNS[sort]
        direction = "DESC" if descending else "ASC"
        filter_sql, params = self._filter_sql(annotator, where)
        sql = (
            "SELECT a.id, a.title, a.source, a.story, a.published,"
            " coalesce(s.status, 'todo') AS status,"
            f" CASE coalesce(s.status, 'todo') {_STATUS_ORDER} END AS status_order,"
            " (SELECT count(*) FROM claims c"
            "   WHERE c.article_id = a.id AND c.annotator = :annotator) AS claims,"
            " (SELECT count(*) FROM mentions m"
            "   WHERE m.article_id = a.id AND m.annotator = :annotator) AS mentions"
            f"{filter_sql} ORDER BY {order} {direction}, a.rowid {direction}"
            " LIMIT :limit OFFSET :offset"
        )
        rows = self.conn.execute(sql, {**params[0], "limit": limit, "offset": offset})
        return [ArticleSummary(r[0], r[1] or "", r[2], r[3], r[4], r[5], r[7], r[8]) for r in rows]

    def search(self, text: str, limit: int = 50) -> list[SearchHit]:
        """Articles whose title or text contain every word typed, best match first."""
        query = fts_query(text)
        if not query:
            return []
        rows = self.conn.execute(
            "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', ' … ', 12)"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (query, limit),
        )
        return [SearchHit(r[0], r[1] or "", r[2]) for r in rows]

    def stories(self) -> list[str]:
        """Every story key, sorted."""
        sql = "SELECT DISTINCT story FROM articles WHERE story IS NOT NULL ORDER BY story"
        return [r[0] for r in self.conn.execute(sql)]

    def sources(self) -> list[str]:
        """Every source (outlet), sorted."""
        sql = "SELECT DISTINCT source FROM articles WHERE source IS NOT NULL ORDER BY source"
        return [r[0] for r in self.conn.execute(sql)]

    def iter_articles(
        self, story: str | None = None, batch: int = BATCH
    ) -> Iterator[list[Article]]:
        """All articles in import order, a batch at a time (keyset paging by rowid)."""
        last = -1
        while True:
            sql = "SELECT rowid AS _pos, * FROM articles WHERE rowid > ?"
            params: list[Any] = [last]
            if story is not None:
                sql += " AND story = ?"
                params.append(story)
            rows = self._select(sql + " ORDER BY rowid LIMIT ?", [*params, batch])
            if not rows:
                return
            last = rows[-1].pop("_pos")
            for row in rows[:-1]:
                row.pop("_pos")
            yield [article_from_row(r) for r in rows]

    # -- assignments ------------------------------------------------------------------------

    def article_stories(self) -> list[tuple[str, str | None]]:
        """Every article's id and story, in import order (ids only: for planning work)."""
        return [
            (r[0], r[1]) for r in self.conn.execute("SELECT id, story FROM articles ORDER BY rowid")
        ]

    def has_assignments(self) -> bool:
        """True if any article is assigned to anyone."""
        return self.conn.execute("SELECT 1 FROM assignments LIMIT 1").fetchone() is not None

    def assigned_articles(self, annotator: str) -> list[str]:
        """Ids of the articles assigned to ``annotator``, in import order."""
        rows = self.conn.execute(
            "SELECT a.id FROM articles a JOIN assignments s ON s.article_id = a.id"
            " WHERE s.annotator = ? ORDER BY a.rowid",
            (annotator,),
        )
        return [r[0] for r in rows]

    def assignment_counts(self) -> dict[str, tuple[int, int]]:
        """Per assigned annotator (sorted): (articles assigned, of which shared with others)."""
        rows = self.conn.execute(
            "SELECT s.annotator, count(*),"
            " sum((SELECT count(*) FROM assignments o WHERE o.article_id = s.article_id) > 1)"
            " FROM assignments s GROUP BY s.annotator ORDER BY s.annotator"
        )
        return {name: (total, shared) for name, total, shared in rows}

    # -- summaries --------------------------------------------------------------------------

    def value_counts(self, field: str) -> dict[str, dict[str | None, int]]:
        """How often each value of a claim field was chosen, per annotator (None: not set)."""
        column = _COUNTED_FIELDS[field]
        counts: dict[str, dict[str | None, int]] = defaultdict(dict)
        for annotator, value, n in self.conn.execute(
            f"SELECT annotator, {column}, count(*) FROM claims GROUP BY 1, 2"
        ):
            counts[annotator][value] = n
        return dict(counts)

    def annotators(self) -> list[str]:
        """Everyone with a label or a status in the project, sorted."""
        sql = (
            "SELECT annotator FROM statuses UNION SELECT annotator FROM claims"
            " UNION SELECT annotator FROM mentions ORDER BY 1"
        )
        return [r[0] for r in self.conn.execute(sql)]

    def stats(self) -> dict[str, Any]:
        """Counts for ``annotator stats``: articles, actors, and per annotator progress."""
        per: dict[str, dict[str, int]] = {
            name: {"done": 0, "in_progress": 0, "skipped": 0, "claims": 0, "mentions": 0}
            for name in self.annotators()
        }
        for name, status, count in self.conn.execute(
            "SELECT annotator, status, count(*) FROM statuses GROUP BY 1, 2"
        ):
            if status in per[name]:
                per[name][status] = count
        for table in ("claims", "mentions"):
            for name, count in self.conn.execute(
                f"SELECT annotator, count(*) FROM {table} GROUP BY 1"
            ):
                per[name][table] = count
        return {
            "articles": self.article_count(),
            "stories": len(self.stories()),
            "actors": int(self.conn.execute("SELECT count(*) FROM actors").fetchone()[0]),
            "annotators": per,
        }
