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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from annotator.core.model import STATUSES, Article
from annotator.store.actor_queries import ActorQueries
from annotator.store.label_queries import LabelQueries
from annotator.store.reader import BATCH, chunks
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
_CLAIM_COUNT = (
    "(SELECT count(*) FROM claims c WHERE c.article_id = a.id AND c.annotator = :annotator)"
)
_SUMMARY_COLUMNS = (
    "a.id, a.title, a.source, a.story, a.published, coalesce(s.status, 'todo') AS status,"
    f" {_CLAIM_COUNT} AS claims"
)
"""What a row of the article list shows; `_summary` reads it."""
_SORT_VALUES = f"CASE coalesce(s.status, 'todo') {_STATUS_ORDER} END AS status_order"


def _summary(row: Sequence[Any], at: int = 0) -> ArticleSummary:
    """An `ArticleSummary` from the `_SUMMARY_COLUMNS` of a row, starting at column ``at``."""
    id, title, source, story, published, status, claims = row[at : at + 7]
    return ArticleSummary(id, title or "", source, story, published, status, claims)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One row of the article list, for one annotator: what its columns show.

    (Each column read costs on every page: the list scrolls through all of them.)
    """

    id: str
    title: str
    source: str | None
    story: str | None
    published: str | None
    status: str
    claims: int


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

    def _filter_sql(self, annotator: str, where: ArticleFilter) -> tuple[str, dict[str, Any]]:
        """The FROM and WHERE of the article list, and their parameters.

        Every condition can be checked one article at a time (an index lookup
        each), so a page that walks the articles in import order
        (`article_keyset_page`) costs the same wherever it starts. A search
        reads the full-text index as the first table, in import order too.
        """
        params: dict[str, Any] = {"annotator": annotator}
        query = fts_query(where.search) if where.search else ""
        if query:
            sql = (
                " FROM articles_fts f JOIN articles a ON a.rowid = f.rowid"
                " LEFT JOIN statuses s ON s.article_id = a.id AND s.annotator = :annotator"
                " WHERE articles_fts MATCH :q"
            )
            params["q"] = query
        else:
            sql = (
                " FROM articles a LEFT JOIN statuses s"
                " ON s.article_id = a.id AND s.annotator = :annotator WHERE 1"
            )
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
                " AND EXISTS (SELECT 1 FROM assignments g"
                " WHERE g.article_id = a.id AND g.annotator = :assigned_to)"
            )
            params["assigned_to"] = where.assigned_to
        if where.ids is not None:
            marks = ", ".join(f":id{i}" for i in range(len(where.ids)))
            sql += f" AND a.id IN ({marks})"
            params.update({f"id{i}": article_id for i, article_id in enumerate(where.ids)})
        return sql, params

    def count_articles(self, annotator: str, where: ArticleFilter = ArticleFilter()) -> int:
        """How many articles the filter lets through."""
        if where == ArticleFilter():
            return self.article_count()  # counted on an index, without a status each
        sql, params = self._filter_sql(annotator, where)
        return int(self.conn.execute("SELECT count(*)" + sql, params).fetchone()[0])

    def articles_page(
        self,
        annotator: str,
        offset: int = 0,
        limit: int = 100,
        sort: str = "position",
        descending: bool = False,
        where: ArticleFilter = ArticleFilter(),
    ) -> list[ArticleSummary]:
        """Rows ``offset`` to ``offset + limit`` of the article list, with status and counts.

        For the first rows (a chooser, a short list): SQLite walks past the
        ``offset`` rows before it, so long lists page with `ArticlePages`
        (`annotator.store.article_pages`), whose pages cost the same anywhere.
        """
        order = SORT_COLUMNS[sort]
        direction = "DESC" if descending else "ASC"
        filter_sql, params = self._filter_sql(annotator, where)
        sql = (
            f"SELECT {_SUMMARY_COLUMNS}, {_SORT_VALUES}{filter_sql}"
            f" ORDER BY {order} {direction}, a.rowid {direction} LIMIT :limit OFFSET :offset"
        )
        rows = self.conn.execute(sql, {**params, "limit": limit, "offset": offset})
        return [_summary(r) for r in rows]

    def article_keyset_page(
        self,
        annotator: str,
        after: int | None,
        limit: int,
        descending: bool = False,
        where: ArticleFilter = ArticleFilter(),
    ) -> list[tuple[int, ArticleSummary]]:
        """The next ``limit`` rows of the list in import order, after position ``after``.

        Keyset paging: rows are found from the position of the last one shown
        (``after``; None for the first page), never by counting rows from the
        top, so the last page costs what the first does. Returns each row with
        its position (the article's place in import order, see
        `article_positions`); descending lists run from the last imported.
        """
        filter_sql, params = self._filter_sql(annotator, where)
        # A search walks the full-text index, which keeps import order: its rowid is the key.
        column = "f.rowid" if "q" in params else "a.rowid"
        if after is not None:
            filter_sql += f" AND {column} {'<' if descending else '>'} :after"
            params["after"] = after
        sql = (
            f"SELECT a.rowid, {_SUMMARY_COLUMNS}{filter_sql}"
            f" ORDER BY {column} {'DESC' if descending else 'ASC'} LIMIT :limit"
        )
        rows = self.conn.execute(sql, {**params, "limit": limit})
        return [(r[0], _summary(r, 1)) for r in rows]

    def article_order(
        self,
        annotator: str,
        sort: str,
        descending: bool = False,
        where: ArticleFilter = ArticleFilter(),
    ) -> list[int]:
        """The positions of the articles the filter lets through, in the list's order.

        One read of a number per article (ties in the sort column broken by
        import order, as in `articles_page`), for lists sorted by a column:
        their pages are then read by position (`articles_at`).
        """
        order = SORT_COLUMNS[sort]
        direction = "DESC" if descending else "ASC"
        filter_sql, params = self._filter_sql(annotator, where)
        values = {
            "status": f", CASE coalesce(s.status, 'todo') {_STATUS_ORDER} END AS status_order",
            "claims": f", {_CLAIM_COUNT} AS claims",
        }.get(sort, "")
        sql = (
            f"SELECT a.rowid{values}{filter_sql} ORDER BY {order} {direction}, a.rowid {direction}"
        )
        return [r[0] for r in self.conn.execute(sql, params)]

    def articles_at(
        self, annotator: str, positions: Sequence[int], where: ArticleFilter = ArticleFilter()
    ) -> dict[int, ArticleSummary]:
        """The rows of the articles at these positions that the filter lets through now.

        The search is left out: the positions come from `article_order`, which
        searched already (a search reads every match, not a few articles), and
        the text of an article never changes.
        """
        found: dict[int, ArticleSummary] = {}
        filter_sql, params = self._filter_sql(annotator, replace(where, search=None))
        for start in range(0, len(positions), BATCH):
            part = positions[start : start + BATCH]
            marks = ", ".join(f":p{i}" for i in range(len(part)))
            sql = f"SELECT a.rowid, {_SUMMARY_COLUMNS}{filter_sql} AND a.rowid IN ({marks})"
            values = {f"p{i}": position for i, position in enumerate(part)}
            for r in self.conn.execute(sql, {**params, **values}):
                found[r[0]] = _summary(r, 1)
        return found

    def article_positions(self, article_ids: Iterable[str]) -> dict[str, int]:
        """Each article's position: a number that grows with import order (unknown ids left out)."""
        found: dict[str, int] = {}
        for part in chunks(sorted(set(article_ids))):
            marks = ",".join("?" * len(part))
            sql = f"SELECT id, rowid FROM articles WHERE id IN ({marks})"
            found.update(self.conn.execute(sql, tuple(part)).fetchall())
        return found

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

    def has_assignments(self, annotator: str | None = None) -> bool:
        """True if any article is assigned to anyone (to ``annotator``, if given)."""
        if annotator is None:
            return self.conn.execute("SELECT 1 FROM assignments LIMIT 1").fetchone() is not None
        found = self.conn.execute(
            "SELECT 1 FROM assignments WHERE annotator = ? LIMIT 1", (annotator,)
        ).fetchone()
        return found is not None

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

    def status_count(self, annotator: str, status: str) -> int:
        """How many articles the annotator gave this status (not "todo": that is the rest).

        Counted on the index of statuses by annotator, a few milliseconds at
        100,000 articles, where `stats` reads every label.
        """
        found = self.conn.execute(
            "SELECT count(*) FROM statuses WHERE annotator = ? AND status = ?", (annotator, status)
        ).fetchone()
        return int(found[0])

    def annotators(self) -> list[str]:
        """Everyone with a label or a status in the project, sorted.

        Each table is asked apart (``DISTINCT`` of one table reads its index on
        annotators, or its narrowest one, without sorting every row as a
        ``UNION`` of all three did: a second at 2 M labels); the names are sorted
        here, by code point, as SQLite sorts text.
        """
        names: set[str] = set()
        for table in ("statuses", "claims", "mentions"):
            names.update(r[0] for r in self.conn.execute(f"SELECT DISTINCT annotator FROM {table}"))
        return sorted(names)

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
