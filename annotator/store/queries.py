"""Read queries that never load whole tables: pages, search, lookups, counts.

Mixed into `Project`; every method reads through ``self.conn``.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.model import STATUSES, Actor, Article, ArticleLabels, Claim, Mention, Status
from annotator.store.rows import (
    CLAIM_COLUMNS,
    MENTION_COLUMNS,
    article_from_row,
    claim_from_row,
    claim_from_values,
    mention_from_row,
    mention_from_values,
)

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
_BATCH = 500  # ids per IN (...) query: well under SQLite's variable limit
_COUNTED_FIELDS = {
    "stance": "stance",
    "category": "category",
    "certainty": "certainty",
    "checkworthy": "checkworthy",
    "attribution_type": "attribution_type",
    "source_kind": "attr_source_kind",
}
"""Claim fields `value_counts` can count, and their columns."""
_MENTION_SQL = ", ".join(f'"{c}"' for c in MENTION_COLUMNS)
_CLAIM_SQL = ", ".join(f'"{c}"' for c in CLAIM_COLUMNS)


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


def chunks(items: Sequence[str], size: int = _BATCH) -> Iterator[Sequence[str]]:
    """Consecutive slices of at most ``size`` items."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


class ProjectQueries:
    """Reads of a project; see `Project`."""

    conn: sqlite3.Connection

    def _select(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]

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
        self, story: str | None = None, batch: int = _BATCH
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

    # -- actors -----------------------------------------------------------------------------

    def actor(self, actor_id: str) -> Actor | None:
        """The actor with this id, or None."""
        found = self.actors_by_id([actor_id])
        return found.get(actor_id)

    def actors_by_id(self, ids: Iterable[str]) -> dict[str, Actor]:
        """The actors with these ids (unknown ids are left out)."""
        wanted = sorted(set(ids))
        result: dict[str, Actor] = {}
        aliases: dict[str, list[str]] = defaultdict(list)
        rows: list[dict[str, Any]] = []
        for part in chunks(wanted):
            marks = ",".join("?" * len(part))
            rows += self._select(f"SELECT id, name, type FROM actors WHERE id IN ({marks})", part)
            for actor_id, alias in self.conn.execute(
                f"SELECT actor_id, alias FROM actor_aliases WHERE actor_id IN ({marks})"
                " ORDER BY position, rowid",
                part,
            ):
                aliases[actor_id].append(alias)
        for row in rows:
            result[row["id"]] = Actor(
                row["id"], row["name"], row["type"], tuple(aliases[row["id"]])
            )
        return result

    def find_actors(self, prefix: str, limit: int = 20) -> list[Actor]:
        """Actors whose name or an alias starts with ``prefix`` (any case), by name."""
        key = prefix.strip().casefold()
        upper = key + "\U0010ffff"
        # The limit applies after sorting by name, so the first names are the ones shown.
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM actors WHERE id IN ("
                " SELECT id FROM actors WHERE name_key >= ?1 AND name_key < ?2"
                " UNION SELECT actor_id FROM actor_aliases WHERE alias_key >= ?1 AND alias_key < ?2"
                ") ORDER BY name_key, id LIMIT ?3",
                (key, upper, limit),
            )
        ]
        found = self.actors_by_id(ids)
        return sorted(found.values(), key=lambda a: (a.name.casefold(), a.id))

    def actors_named(self, name: str) -> list[Actor]:
        """The actors whose name or an alias is exactly ``name`` (any case, end spaces aside).

        The project refuses a name or alias another actor has, so there is at
        most one, unless a file holds a clash from before that rule: then all
        are listed, by name, for the caller to ask which.
        """
        key = name.strip().casefold()
        ids = [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM actors WHERE name_key = ?1"
                " UNION SELECT actor_id FROM actor_aliases WHERE alias_key = ?1",
                (key,),
            )
        ]
        found = self.actors_by_id(ids)
        return sorted(found.values(), key=lambda a: (a.name.casefold(), a.id))

    def actor_count(self, prefix: str = "") -> int:
        """Number of actors whose name starts with ``prefix`` (any case)."""
        key = prefix.strip().casefold()
        found = self.conn.execute(
            "SELECT count(*) FROM actors WHERE name_key >= ?1 AND name_key < ?1 || char(1114111)",
            (key,),
        ).fetchone()
        return int(found[0])

    def actors_page(
        self, offset: int = 0, limit: int = 100, prefix: str = ""
    ) -> list[tuple[Actor, int, int]]:
        """A page of the registry by name: each actor with its mention and claim counts."""
        key = prefix.strip().casefold()
        rows = self.conn.execute(
            "SELECT a.id,"
            " (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id),"
            " (SELECT count(*) FROM claims c WHERE c.claimant = a.id OR c.addressee = a.id"
            "  OR c.target = a.id)"
            " FROM actors a WHERE a.name_key >= ?1 AND a.name_key < ?1 || char(1114111)"
            " ORDER BY a.name_key, a.id LIMIT ?2 OFFSET ?3",
            (key, limit, offset),
        ).fetchall()
        actors = self.actors_by_id(r[0] for r in rows)
        return [(actors[r[0]], r[1], r[2]) for r in rows if r[0] in actors]

    def actor_usage(self) -> list[tuple[Actor, int, int]]:
        """Every actor with its number of mentions and of claims that refer to it, by name."""
        counts = {
            r[0]: (r[1], r[2])
            for r in self.conn.execute(
                "SELECT a.id,"
                " (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id),"
                " (SELECT count(*) FROM claims c WHERE c.claimant = a.id OR c.addressee = a.id"
                "  OR c.target = a.id)"
                " FROM actors a"
            )
        }
        actors = self.actors_by_id(counts)
        ordered = sorted(actors.values(), key=lambda a: (a.name.casefold(), a.id))
        return [(a, *counts[a.id]) for a in ordered]

    # -- labels -----------------------------------------------------------------------------

    def mention(self, mention_id: str) -> Mention | None:
        """The mention with this id, or None."""
        rows = self._select("SELECT * FROM mentions WHERE id = ?", (mention_id,))
        return mention_from_row(rows[0]) if rows else None

    def claim(self, claim_id: str) -> Claim | None:
        """The claim with this id, or None."""
        rows = self._select("SELECT * FROM claims WHERE id = ?", (claim_id,))
        return claim_from_row(rows[0]) if rows else None

    def status(self, article_id: str, annotator: str) -> Status:
        """The annotator's status on the article ("todo" when never set)."""
        found = self.conn.execute(
            "SELECT status, comment FROM statuses WHERE article_id = ? AND annotator = ?",
            (article_id, annotator),
        ).fetchone()
        if found is None:
            return Status(article_id, annotator)
        return Status(article_id, annotator, found[0], found[1] or "")

    def labels(self, article_id: str, annotator: str) -> ArticleLabels:
        """Everything one annotator labelled in one article."""
        found = self.labels_for([article_id], annotator)
        return found.get(article_id, {}).get(annotator) or ArticleLabels(
            article_id, annotator, Status(article_id, annotator)
        )

    def labels_for(
        self, article_ids: Sequence[str], annotator: str | None = None
    ) -> dict[str, dict[str, ArticleLabels]]:
        """Labels of many articles at once: article id -> annotator -> labels.

        Only annotators with a status or a label on an article appear for it.
        Mentions and claims are sorted by (start, end, id).
        """
        mentions: dict[tuple[str, str], list[Mention]] = defaultdict(list)
        claims: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        statuses: dict[tuple[str, str], Status] = {}
        who = " AND annotator = ?" if annotator is not None else ""
        extra = [annotator] if annotator is not None else []
        for part in chunks(list(article_ids)):
            marks = ",".join("?" * len(part))
            params = [*part, *extra]
            order = f'WHERE article_id IN ({marks}){who} ORDER BY start, "end", id'
            for values in self.conn.execute(f"SELECT {_MENTION_SQL} FROM mentions {order}", params):
                mentions[values[1], values[2]].append(mention_from_values(values))
            for values in self.conn.execute(f"SELECT {_CLAIM_SQL} FROM claims {order}", params):
                claims[values[1], values[2]].append(claim_from_values(values))
            for row in self._select(
                f"SELECT * FROM statuses WHERE article_id IN ({marks}){who}", params
            ):
                key = (row["article_id"], row["annotator"])
                statuses[key] = Status(*key, row["status"], row["comment"] or "")
        links = self._links_of([c.id for group in claims.values() for c in group])
        result: dict[str, dict[str, ArticleLabels]] = defaultdict(dict)
        for key in sorted(set(mentions) | set(claims) | set(statuses)):
            article_id, name = key
            these = claims.get(key, [])  # sorted by (start, end, id) in SQL
            result[article_id][name] = ArticleLabels(
                article_id,
                name,
                statuses.get(key) or Status(article_id, name),
                tuple(mentions.get(key, ())),
                tuple(these),
                {c.id: links[c.id] for c in these if c.id in links},
            )
        return result

    def claim_ids(
        self, annotator: str | None = None, status: str | None = None, story: str | None = None
    ) -> set[str]:
        """Ids of the claims an export with these filters writes (see `ExportFilter`)."""
        rows = self.conn.execute(
            "SELECT c.id FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN statuses s ON s.article_id = c.article_id AND s.annotator = c.annotator"
            " WHERE (:annotator IS NULL OR c.annotator = :annotator)"
            " AND (:story IS NULL OR a.story = :story)"
            " AND (:status IS NULL OR coalesce(s.status, 'todo') = :status)",
            {"annotator": annotator, "status": status, "story": story},
        )
        return {r[0] for r in rows}

    def _links_of(self, claim_ids: list[str]) -> dict[str, tuple[str, ...]]:
        found: dict[str, set[str]] = defaultdict(set)
        for part in chunks(claim_ids):
            marks = ",".join("?" * len(part))
            for a, b in self.conn.execute(
                f"SELECT claim_a, claim_b FROM claim_links WHERE claim_a IN ({marks})"
                f" UNION SELECT claim_a, claim_b FROM claim_links WHERE claim_b IN ({marks})",
                [*part, *part],
            ):
                found[a].add(b)
                found[b].add(a)
        return {k: tuple(sorted(v)) for k, v in found.items()}

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
