"""Reads of labels: one mention, claim or status, and everything labelled in many articles.

Mixed into `Project` through `ProjectQueries`. `label_rows_for` reads the
mentions, claims, statuses and claim links of many articles in a few
queries, a batch of ids at a time, as row values (`LabelRows`: what exports
of many articles read, without making a dataclass of every label);
`labels_for` gives the same as `ArticleLabels`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain, groupby
from operator import itemgetter
from typing import Any

from annotator.core.model import CLAIM_ACTOR_FIELDS, ArticleLabels, Claim, Mention, Status
from annotator.store.reader import Reader, chunks
from annotator.store.rows import (
    CLAIM_COLUMNS,
    MENTION_COLUMNS,
    claim_from_row,
    claim_from_values,
    claim_values,
    mention_from_row,
    mention_from_values,
    mention_values,
)

_MENTION_SQL = ", ".join(f'"{c}"' for c in MENTION_COLUMNS)
_CLAIM_SQL = ", ".join(f'"{c}"' for c in CLAIM_COLUMNS)
_OWNER = itemgetter(1, 2)  # (article_id, annotator) of a mention's or claim's values
_MENTION_ACTOR = itemgetter(MENTION_COLUMNS.index("actor_id"))
_CLAIM_ACTORS = itemgetter(*(CLAIM_COLUMNS.index(f) for f in CLAIM_ACTOR_FIELDS))


@dataclass(slots=True)
class LabelRows:
    """Everything one annotator labelled in one article, as the rows hold it.

    The same as an `ArticleLabels` (`labels` makes it), with each mention a
    tuple of `MENTION_COLUMNS` values and each claim one of `CLAIM_COLUMNS`
    values (``extra`` as its JSON text), both sorted by (start, end, id).
    """

    article_id: str
    annotator: str
    status: str = "todo"
    comment: str = ""
    mentions: Sequence[tuple[Any, ...]] = ()
    claims: Sequence[tuple[Any, ...]] = ()
    links: dict[str, tuple[str, ...]] | None = None
    """Claim id -> ids of the claims (in other articles) it is linked to; None: no links."""
    _actor_ids: set[str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def labelled(self) -> bool:
        """As `ArticleLabels.labelled`: a label, or "done" with nothing to label."""
        return bool(self.claims or self.mentions) or self.status == "done"

    def actor_ids(self) -> set[str]:
        """Ids of the actors these labels refer to (as `core.model.referenced_actors`).

        Worked out once: the set is the same each time asked for (do not change it).
        """
        if self._actor_ids is not None:
            return self._actor_ids
        ids = set(map(_MENTION_ACTOR, self.mentions))
        ids.update(chain.from_iterable(map(_CLAIM_ACTORS, self.claims)))
        ids.discard(None)
        ids.discard("")
        self._actor_ids = ids
        return ids

    def labels(self) -> ArticleLabels:
        """The same labels as dataclasses."""
        return ArticleLabels(
            self.article_id,
            self.annotator,
            Status(self.article_id, self.annotator, self.status, self.comment),
            tuple(mention_from_values(values) for values in self.mentions),
            tuple(claim_from_values(values) for values in self.claims),
            dict(self.links or {}),
        )


def label_rows(labels: ArticleLabels) -> LabelRows:
    """The `LabelRows` of labels given as dataclasses (the inverse of `LabelRows.labels`)."""
    return LabelRows(
        labels.article_id,
        labels.annotator,
        labels.status.status,
        labels.status.comment,
        [mention_values(m, "")[:-1] for m in labels.mentions],
        [claim_values(c, "")[:-1] for c in labels.claims],
        dict(labels.links) or None,
    )


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

    def labels_near(
        self,
        article_id: str,
        annotator: str,
        start: int,
        end: int,
        claim_ids: Sequence[str] = (),
    ) -> ArticleLabels:
        """The annotator's labels of an article that meet ``start``..``end`` (overlap or touch
        it), their claims ``claim_ids`` too, with those claims' links; status left out.

        What is needed to tell whether labels cover one place (a suggestion,
        see `annotator.store.suggestion_rows.still_open`) without reading the
        article's other labels, in a few index lookups whatever their number.
        """
        owner = "article_id = ? AND annotator = ?"
        near = 'start <= ? AND "end" >= ?'
        order = 'ORDER BY start, "end", id'
        params: list[Any] = [article_id, annotator, end, start]
        mentions = self.conn.execute(
            f"SELECT {_MENTION_SQL} FROM mentions WHERE {owner} AND {near} {order}", params
        ).fetchall()
        ids = list(dict.fromkeys(claim_ids))
        chosen = f" OR id IN ({','.join('?' * len(ids))})" if ids else ""
        claims = self.conn.execute(
            f"SELECT {_CLAIM_SQL} FROM claims WHERE {owner} AND ({near}{chosen}) {order}",
            [*params, *ids],
        ).fetchall()
        found = self._links_of([c[0] for c in claims]) if claims else {}
        links = {c[0]: found[c[0]] for c in claims if c[0] in found}
        rows = LabelRows(article_id, annotator, mentions=mentions, claims=claims, links=links)
        return rows.labels()

    def labels_for(
        self, article_ids: Sequence[str], annotator: str | None = None
    ) -> dict[str, dict[str, ArticleLabels]]:
        """Labels of many articles at once: article id -> annotator -> labels.

        Only annotators with a status or a label on an article appear for it,
        articles and annotators in sorted order.
        Mentions and claims are sorted by (start, end, id).
        """
        return {
            article_id: {name: rows.labels() for name, rows in entries.items()}
            for article_id, entries in self.label_rows_for(article_ids, annotator).items()
        }

    def label_rows_for(
        self, article_ids: Sequence[str], annotator: str | None = None
    ) -> dict[str, dict[str, LabelRows]]:
        """`labels_for` as row values: article id -> annotator -> `LabelRows`."""
        mentions: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
        claims: dict[tuple[str, str], list[tuple[Any, ...]]] = defaultdict(list)
        statuses: dict[tuple[str, str], tuple[str, str]] = {}
        who = " AND annotator = ?" if annotator is not None else ""
        extra = [annotator] if annotator is not None else []
        for part in chunks(list(article_ids)):
            marks = ",".join("?" * len(part))
            params = [*part, *extra]
            # In the order of the (article_id, annotator) index, so each entry's labels
            # come together (and only they need sorting); grouped without a loop in Python.
            where = f"WHERE article_id IN ({marks}){who}"
            order = 'ORDER BY article_id, annotator, start, "end", id'
            found = self.conn.execute(
                f"SELECT {_MENTION_SQL} FROM mentions {where} {order}", params
            )
            for key, group in groupby(found, _OWNER):
                mentions[key].extend(group)
            found = self.conn.execute(f"SELECT {_CLAIM_SQL} FROM claims {where} {order}", params)
            for key, group in groupby(found, _OWNER):
                claims[key].extend(group)
            for article_id, name, status, comment in self.conn.execute(
                "SELECT article_id, annotator, status, comment FROM statuses"
                f" WHERE article_id IN ({marks}){who}",
                params,
            ):
                statuses[article_id, name] = (status, comment or "")
        links = self._links_of([c[0] for group in claims.values() for c in group])
        result: dict[str, dict[str, LabelRows]] = defaultdict(dict)
        for key in sorted(set(mentions) | set(claims) | set(statuses)):
            article_id, name = key
            these = claims.get(key, [])  # sorted by (start, end, id) in SQL
            status, comment = statuses.get(key, ("todo", ""))
            result[article_id][name] = LabelRows(
                article_id,
                name,
                status,
                comment,
                mentions.get(key, []),
                these,
                ({c[0]: links[c[0]] for c in these if c[0] in links} or None) if links else None,
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
