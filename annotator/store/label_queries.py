"""Reads of labels: one mention, claim or status, and everything labelled in many articles.

Mixed into `Project` through `ProjectQueries`. `labels_for` reads the
mentions, claims, statuses and claim links of many articles in a few
queries, a batch of ids at a time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from annotator.core.model import ArticleLabels, Claim, Mention, Status
from annotator.store.reader import Reader, chunks
from annotator.store.rows import (
    CLAIM_COLUMNS,
    MENTION_COLUMNS,
    claim_from_row,
    claim_from_values,
    mention_from_row,
    mention_from_values,
)

_MENTION_SQL = ", ".join(f'"{c}"' for c in MENTION_COLUMNS)
_CLAIM_SQL = ", ".join(f'"{c}"' for c in CLAIM_COLUMNS)


class LabelQueries(Reader):
    """`Project`'s reads of mentions, claims, statuses and links; see `ProjectQueries`."""

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
